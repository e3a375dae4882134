"""No learner output leaves a child without a way to call or text for help.

Every learner format (read from the format registry, so a new one is covered the day it is
registered) of every shipped lesson with helplines, in every shipped locale, with no region and
with each supported region, prints the region's child helpline (or crisis line) and emergency
number, or labelled lines to write them in. Text is what poppler copies out of the real PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from functools import cache
from html.parser import HTMLParser

import pytest

from lessonpress.config import RegionDefaults
from lessonpress.formats import format_names, learner_formats, spec
from lessonpress.helplines import INTERNATIONAL, load_helplines
from lessonpress.html.base import HtmlContext
from lessonpress.labels import labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.lessons import check_lesson_and_translations, load_course
from lessonpress.model import Helpline, Lesson
from lessonpress.project import LessonFile
from lessonpress.regions import RegionHelplines, select
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME

from .conftest import LESSONS, ROOT, SHIPPED

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

BOOK = load_helplines(ROOT / "assets" / "helplines.yaml")[0]
REGIONS = [r for r in BOOK.regions() if r != INTERNATIONAL]
LEARNER = learner_formats()
PER_LESSON = [f for f in LEARNER if spec(f).inputs in ("lesson", "lesson+source")]
PER_COURSE = [f for f in LEARNER if spec(f).inputs == "course"]
PER_TRANSLATION = [f for f in LEARNER if spec(f).inputs == "translation"]
NONE = RegionDefaults()


@cache
def shipped() -> dict[str, list[Lesson]]:
    """Every shipped lesson that prints helplines, with its translations, by language."""
    out: dict[str, list[Lesson]] = {}
    for path in SHIPPED:
        for lesson in check_lesson_and_translations(LessonFile(path, str(path), path.stem)).lessons:
            if lesson.helplines:
                out.setdefault(lesson.language, []).append(lesson)
    return out


LOCALES = sorted(shipped())
CASES = [(lesson.language, lesson.lesson_id) for lang in LOCALES for lesson in shipped()[lang]]


def lesson_of(language: str, lesson_id: str) -> Lesson:
    return next(x for x in shipped()[language] if x.lesson_id == lesson_id)


def rendered(fmt: str, lessons: list[Lesson], helplines: RegionHelplines) -> str:
    """The text poppler copies from one output, NFKC-normalised, without whitespace."""
    return squashed(rendered_raw(fmt, lessons, helplines))


def rendered_raw(fmt: str, lessons: list[Lesson], helplines: RegionHelplines) -> str:
    """The text poppler copies from one output. The lessons are the output's inputs: one
    lesson, a course's lessons, or a translation and its source."""

    def context(lesson: Lesson) -> LayoutContext:
        return LayoutContext(
            "a4", fonts_for([lesson], DEFAULT_THEME), labels_for(lesson.language), helplines=helplines
        )

    layout = spec(fmt).layout_class()()
    if spec(fmt).suffix == ".html":  # a web page: its text as a reader sees it
        lesson, *others = lessons
        html_context = HtmlContext(
            DEFAULT_THEME, labels_for(lesson.language), helplines, others[0] if others else None
        )
        return page_text(layout.render(lesson, html_context).decode())
    if spec(fmt).inputs == "course":
        course = load_course((str(LESSONS),), {x.lesson_id for x in lessons})[0]
        document = layout.layout_course(lessons, course, context(lessons[0]))
    elif spec(fmt).inputs == "translation":
        translated, source = lessons
        document = layout.layout(source, translated, context(source), context(translated))
    else:
        document = layout.layout(lessons[0], context(lessons[0]))
    data = render(document)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


class _Text(HTMLParser):
    """The text of a web page, without its style sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = False

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        self.skip = tag in ("style", "script")
        if tag in ("p", "li", "h1", "h2", "h3", "div", "br"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:  # noqa: ARG002
        self.skip = False

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def squashed(text: str) -> str:
    """NFKC text without whitespace, soft hyphens or the direction marks poppler adds."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in "".join(text.split()) if unicodedata.category(c) != "Cf")


def skeleton(text: str, *, source: bool = False) -> str:
    """Text without vowel signs, marks and private-use glyphs: what survives copying out of
    every script. Poppler copies a Devanagari conjunct as one private-use glyph, so a source
    text also loses each consonant-virama-consonant cluster."""
    if source:
        text = re.sub(r"\w\u094d\w?", "", text)
    return "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Mc", "Co", "Cf"))


def printed(label: str, text: str) -> bool:
    """True when a label of lessonpress's own words is in the copied text."""
    exact = squashed(label) in text  # a web page, or a script that copies out whole
    return exact or skeleton(squashed(label), source=True) in skeleton(text)


def number_of(entry: Helpline) -> str:
    """The longest run of digits a reader dials or texts for an entry."""
    contact = " ".join(f.plain for f in (entry.phone, entry.text) if f)
    return max((re.sub(r"\D", "", g) for g in re.findall(r"\d[\d -]*\d", contact)), key=len)


def assert_help(text: str, helplines: RegionHelplines, language: str, where: str) -> None:
    """The region's child line and emergency number, or the lines to write them in."""
    labels = labels_for(language)
    digits = re.sub(r"\D", "", text)
    for entry, label in (
        (helplines.child_line, labels.child_helpline),
        (helplines.emergency, labels.emergency_number),
    ):
        if entry is not None:
            # Word by word: poppler may reorder a name that wraps inside right-to-left text.
            words = re.findall(r"\w+", entry.name.plain)
            assert all(squashed(w) in text for w in words), f"{where}: no {entry.name.plain}"
            assert number_of(entry) in digits, f"{where}: no number for {entry.name.plain}"
        else:
            assert printed(label, text), f"{where}: no line to write the {label} in"
    if not helplines.known:
        assert "116111" in digits, f"{where}: no 116 111 note in the write-in box"


@pytest.mark.parametrize("fmt", PER_LESSON)
@pytest.mark.parametrize(("language", "lesson_id"), CASES, ids=[f"{a}-{b}" for a, b in CASES])
def test_every_lesson_and_locale_without_a_region_has_the_write_in_box(
    fmt: str, language: str, lesson_id: str
) -> None:
    helplines = select(BOOK, language, None, NONE)
    assert not helplines.known
    text = rendered(fmt, [lesson_of(language, lesson_id)], helplines)
    assert_help(text, helplines, language, f"{fmt} {language} {lesson_id}")


@pytest.mark.parametrize("fmt", PER_LESSON)
@pytest.mark.parametrize(
    ("case", "language", "lesson_id"),
    [(i, a, b) for i, (a, b) in enumerate(CASES)],
    ids=[f"{a}-{b}" for a, b in CASES],
)
def test_every_lesson_and_locale_with_a_region_has_its_lines(
    fmt: str, case: int, language: str, lesson_id: str
) -> None:
    region = REGIONS[case % len(REGIONS)]  # each lesson in turn meets every region
    helplines = select(BOOK, language, region, NONE)
    text = rendered(fmt, [lesson_of(language, lesson_id)], helplines)
    assert_help(text, helplines, language, f"{fmt} {language} {lesson_id} {region}")


@pytest.mark.parametrize("fmt", PER_LESSON)
@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("language", LOCALES)
def test_every_region_in_every_locale_and_format(fmt: str, region: str, language: str) -> None:
    lesson = lesson_of(language, "teens-3-sextortion")
    helplines = select(BOOK, language, region, NONE)
    text = rendered(fmt, [lesson], helplines)
    assert_help(text, helplines, language, f"{fmt} {language} {region}")


@pytest.mark.parametrize("fmt", PER_COURSE)
@pytest.mark.parametrize("region", [None, "GB", "MX", "EG", "IN"])
@pytest.mark.parametrize("language", LOCALES)
def test_every_pack_has_the_help_of_its_region(fmt: str, region: str | None, language: str) -> None:
    helplines = select(BOOK, language, region, NONE)
    text = rendered(fmt, shipped()[language], helplines)
    assert_help(text, helplines, language, f"{fmt} {language} {region}")


@pytest.mark.parametrize("fmt", PER_TRANSLATION)
@pytest.mark.parametrize("region", [None, "MX", "EG"])
@pytest.mark.parametrize("language", [x for x in LOCALES if x != "en"])
def test_every_output_of_a_translation_beside_its_source(fmt: str, region: str | None, language: str) -> None:
    translated = lesson_of(language, "teens-3-sextortion")
    source = lesson_of("en", "teens-3-sextortion")
    helplines = select(BOOK, language, region, NONE)
    text = rendered(fmt, [translated, source], helplines)
    assert_help(text, helplines, language, f"{fmt} {language} {region}")


def test_the_formats_checked_are_every_learner_format_of_the_registry() -> None:
    assert {"handout", "slides", "slides-handout", "pack"} <= set(LEARNER)
    assert "guide" not in LEARNER and "notes" not in LEARNER
    assert set(PER_LESSON + PER_COURSE + PER_TRANSLATION) == set(LEARNER)
    assert {"guide", "notes"} <= set(format_names()) - set(LEARNER)


def page_texts(fmt: str, lessons: list[Lesson], helplines: RegionHelplines) -> list[str]:
    """Each page's copied text (poppler ends each page with a form feed)."""
    text = rendered_raw(fmt, lessons, helplines)
    return [squashed(page) for page in text.split("\f") if page.strip()]


@pytest.mark.parametrize("fmt", PER_LESSON + PER_COURSE)
@pytest.mark.parametrize(("language", "region"), [("en", "GB"), ("en", None), ("es", "MX"), ("ar", "EG")])
def test_every_printed_page_of_a_learner_output_ends_with_help(
    fmt: str, language: str, region: str | None
) -> None:
    if spec(fmt).layout_class().__name__ == "Slides":
        pytest.skip("projected slides carry help on their own one or two slides")
    if spec(fmt).suffix != ".pdf":
        pytest.skip("a web page has no printed pages of its own")
    helplines = select(BOOK, language, region, NONE)
    course = spec(fmt).inputs == "course"
    lessons = shipped()[language] if course else [lesson_of(language, "teens-3-sextortion")]
    pages = page_texts(fmt, lessons, helplines)
    first = 1 if course else 0  # a pack's cover has no footer
    for number, text in enumerate(pages[first:], first + 1):
        if helplines.child_line is not None:
            assert number_of(helplines.child_line) in re.sub(r"\D", "", text), f"{fmt} page {number}"
        else:
            assert printed(labels_for(language).help_write_in, text), f"{fmt} page {number}"


@pytest.mark.parametrize("fmt", [f for f in LEARNER if spec(f).suffix == ".html"])
@pytest.mark.parametrize(("language", "region"), [("en", "US"), ("en", None), ("es", "MX"), ("ar", None)])
def test_a_learner_web_page_has_help_under_its_title(fmt: str, language: str, region: str | None) -> None:
    """A web page has no page footers: the line that leads to help comes before the first
    section, and its link goes to the page's "Get help" section."""
    helplines = select(BOOK, language, region, NONE)
    lesson = lesson_of(language, "teens-3-sextortion")
    lessons = (
        [lesson, lesson_of("en", "teens-3-sextortion")] if spec(fmt).inputs == "translation" else [lesson]
    )
    if lessons[0].language == lessons[-1].language and len(lessons) > 1:
        pytest.skip("a page beside its own language")
    layout = spec(fmt).layout_class()()
    context = HtmlContext(
        DEFAULT_THEME, labels_for(language), helplines, lessons[1] if len(lessons) > 1 else None
    )
    html = layout.render(lesson, context).decode()
    line = re.search(r'<p class="help-now">(.*?)</p>', html, re.S)
    assert line is not None and line.start() < html.index("<section"), f"{fmt} {language} {region}"
    assert html.count('class="help-now"') == 1
    targets = re.findall(r'href="#([^"]+)"', line.group(1))
    assert targets and all(f'id="{t}"' in html for t in targets)
    text = squashed(page_text(line.group(1)))
    if helplines.child_line is not None:
        assert number_of(helplines.child_line) in re.sub(r"\D", "", text)
    else:
        assert printed(labels_for(language).help_write_in, text)

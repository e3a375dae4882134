"""The "Get help" panel on the page: never split, large enough, scannable, each service once;
help in two slides at most; one helpline directory and one source list per pack."""

from __future__ import annotations

import io
import re
from functools import cache

import pdfplumber
import pytest
from pypdf import PdfReader

from lessonpress.build import BuildSettings, build
from lessonpress.deck import display_url, plan_deck
from lessonpress.formats import get_format
from lessonpress.helplines import INTERNATIONAL, load_helplines
from lessonpress.labels import labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.layout.help import url_lines
from lessonpress.layout.slide_drawing import fit_deck
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.model import Lesson
from lessonpress.project import LessonFile
from lessonpress.regions import RegionHelplines, select
from lessonpress.render import render
from lessonpress.theme import MM
from lessonpress.themes import PRESETS, apply_presets, load_theme

from ..conftest import LESSONS, ROOT, SHIPPED, squash

BOOK = load_helplines(ROOT / "assets" / "helplines.yaml")[0]
REGIONS = [r for r in BOOK.regions() if r != INTERNATIONAL]


@cache
def lessons(language: str = "en") -> dict[str, Lesson]:
    out = {}
    for path in SHIPPED:
        for lesson in check_lesson_and_translations(LessonFile(path, str(path), path.stem)).lessons:
            if lesson.language == language and lesson.helplines:
                out[lesson.lesson_id] = lesson
    return out


@cache
def theme(presets: tuple[str, ...] = (), name: str = "default"):  # noqa: ANN201
    base, problems = load_theme(name, ROOT)
    assert base is not None, problems
    return apply_presets(base, presets)


def handout(
    lesson: Lesson,
    region: str | None,
    paper: str = "a4",
    presets: tuple[str, ...] = (),
    name: str = "default",
) -> bytes:
    helplines = select(BOOK, lesson.language, region)
    context = LayoutContext(
        paper, fonts_for([lesson], theme(presets, name)), labels_for(lesson.language), helplines=helplines
    )
    return render(get_format("handout").layout(lesson, context))


def pages(data: bytes) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def page_of(texts: list[str], needle: str) -> int:
    found = [i for i, text in enumerate(texts) if squash(needle) in text]
    assert found, f"{needle!r} is not printed"
    return found[-1]


def assert_entries_whole(data: bytes, helplines: RegionHelplines, language: str, *, one_page: bool) -> None:
    """Each entry's name and web address on one page; the whole panel on one page."""
    texts = pages(data)
    labels = labels_for(language)
    heading = page_of(texts, labels.get_help)
    for entry in helplines.printed:
        # The card, not the help line at the foot of every page: its name and first words.
        card = entry.name.plain + (entry.description.plain[:20] if entry.description else "")
        name = page_of(texts, card)
        if entry.url:  # the address itself, not a longer one that starts with it
            shown = re.compile(re.escape(squash(display_url(entry.url))) + "(?!/)")
            found = [i for i, text in enumerate(texts) if shown.search(text)]
            assert name in found, f"{entry.id} is split"
        if one_page:
            assert name == heading, f"{entry.id} is not on the panel's page"


PAPERS = ("a4", "letter")
PRESET_SETS = [(), *((p,) for p in PRESETS)]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("presets", [(), ("large-print",)], ids=["normal", "large-print"])
@pytest.mark.parametrize("lesson_id", sorted(lessons()))
def test_every_lesson_keeps_each_service_whole(lesson_id: str, presets: tuple, paper: str) -> None:
    lesson = lessons()[lesson_id]
    data = handout(lesson, "GB", paper, presets)
    assert_entries_whole(data, select(BOOK, "en", "GB"), "en", one_page=not presets)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("presets", PRESET_SETS, ids=lambda p: "-".join(p) or "default")
@pytest.mark.parametrize("region", [None, "US", "GB", "ES"])
def test_the_panel_stays_on_one_page_in_every_preset(region: str | None, presets: tuple, paper: str) -> None:
    lesson = lessons()["teens-3-sextortion"]
    data = handout(lesson, region, paper, presets)
    one_page = not {"large-print", "dyslexia-friendly"} & set(presets)  # they may need two
    assert_entries_whole(data, select(BOOK, "en", region), "en", one_page=one_page)


@pytest.mark.parametrize("paper", PAPERS)
def test_the_ngo_theme_keeps_the_panel_on_one_page(paper: str) -> None:
    lesson = lessons()["teens-3-sextortion"]
    data = handout(lesson, "GB", paper, name="ngo")
    assert_entries_whole(data, select(BOOK, "en", "GB"), "en", one_page=True)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("region", [None, "GB", "EG", "MX"])
@pytest.mark.parametrize("language", ["es", "ar", "hi"])
def test_translated_handouts_keep_the_panel_on_one_page(
    language: str, region: str | None, paper: str
) -> None:
    lesson = lessons(language)["teens-3-sextortion"]
    data = handout(lesson, region, paper)
    if language == "en" or language == "es":
        assert_entries_whole(data, select(BOOK, language, region), language, one_page=True)
    reader = PdfReader(io.BytesIO(data))
    last = squash(reader.pages[-1].extract_text() or "")
    for entry in select(BOOK, language, region).printed:  # the panel is the back page
        number = re.sub(r"\D", "", (entry.phone or entry.text).plain) if entry.phone or entry.text else ""
        assert number in re.sub(r"\D", "", last), entry.id


def panel_chars(data: bytes, language: str = "en") -> list[dict]:
    """Characters from the panel's heading to the end of the document, footers left out."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        heading = labels_for(language).get_help  # the panel's heading is a line of its own
        start = next(
            i
            for i, page in enumerate(pdf.pages)
            if any(line.strip() == heading for line in (page.extract_text() or "").splitlines())
        )
        out = []
        for page in pdf.pages[start:]:
            footer = page.height - 72
            out += [c for c in page.chars if c["bottom"] < footer and c["text"].strip()]
        return out


@pytest.mark.parametrize("region", [None, "GB", "ES"])
def test_large_print_help_is_at_least_18_pt(region: str | None) -> None:
    lesson = lessons()["teens-3-sextortion"]
    chars = panel_chars(handout(lesson, region, "letter", ("large-print",)))
    assert chars
    small = sorted({round(c["size"], 1) for c in chars if c["size"] < 17.95})
    assert not small, f"help text at {small} pt"


def test_normal_print_help_is_smaller_than_large_print() -> None:  # the check can see sizes
    lesson = lessons()["teens-3-sextortion"]
    assert min(c["size"] for c in panel_chars(handout(lesson, "GB"))) < 12


def qr_codes(page) -> list[tuple[float, float, float, float]]:  # noqa: ANN001
    """Bounding boxes of the QR symbols on a page: clusters of small black filled squares."""
    modules = [
        r
        for r in page.rects
        if r["fill"]
        and r["height"] < 4
        and r["non_stroking_color"] in ((0,), (0, 0, 0), [0], [0, 0, 0], (0.0,), (0.0, 0.0, 0.0))
    ]
    boxes: list[list[float]] = []
    for r in sorted(modules, key=lambda r: (r["top"], r["x0"])):
        for box in boxes:
            if box[0] - 4 <= r["x0"] <= box[2] + 4 and box[1] - 4 <= r["top"] <= box[3] + 4:
                box[:] = [
                    min(box[0], r["x0"]),
                    min(box[1], r["top"]),
                    max(box[2], r["x1"]),
                    max(box[3], r["bottom"]),
                ]
                break
        else:
            boxes.append([r["x0"], r["top"], r["x1"], r["bottom"]])
    return [tuple(b) for b in boxes if b[2] - b[0] > 10 and 0.8 < (b[2] - b[0]) / (b[3] - b[1]) < 1.25]


@pytest.mark.parametrize("presets", [(), ("large-print",)], ids=["normal", "large-print"])
@pytest.mark.parametrize("region", [None, "GB"])
def test_qr_codes_in_the_panel_are_at_least_20_mm_with_a_quiet_zone(
    region: str | None, presets: tuple
) -> None:
    lesson = lessons()["teens-3-sextortion"]
    data = handout(lesson, region, "letter", presets)
    expected = sum(1 for e in select(BOOK, "en", region).printed if e.url)
    found = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for x0, top, x1, bottom in qr_codes(page):
                found += 1
                assert min(x1 - x0, bottom - top) >= 20 * MM - 0.01, f"QR {x1 - x0:.1f} pt"
                zone = 2 * (x1 - x0) / 25 * 0.9  # two modules of the smallest code
                for c in page.chars:
                    inside = (
                        c["x1"] > x0 - zone
                        and c["x0"] < x1 + zone
                        and c["bottom"] > top - zone
                        and c["top"] < bottom + zone
                    )
                    assert not inside, f"{c['text']!r} in the quiet zone of a QR code"
    assert found >= expected


@pytest.mark.parametrize("lesson_id", sorted(lessons()))
@pytest.mark.parametrize("region", [None, "GB", "US"])
def test_a_service_prints_once(lesson_id: str, region: str | None) -> None:
    lesson = lessons()[lesson_id]
    text = "".join(pages(handout(lesson, region)))
    web = labels_for("en").web
    printed = list(select(BOOK, "en", region).printed) + list(lesson.resources)
    for item in printed:
        if item.url:
            times = len(re.findall(re.escape(squash(f"{web}: {display_url(item.url)}")) + "(?!/)", text))
            assert times <= 1, f"{item.url} printed {times} times"
    for entry in select(BOOK, "en", region).elsewhere:  # nothing of another region
        if entry.url and entry.region not in (region, INTERNATIONAL):
            assert not re.search(re.escape(squash(f"{web}: {display_url(entry.url)}")) + "(?!/)", text), (
                entry.id
            )


@pytest.mark.parametrize("region", [None, *REGIONS])
@pytest.mark.parametrize("language", ["en", "es", "ar", "hi"])
def test_help_takes_one_or_two_slides(language: str, region: str | None) -> None:
    lesson = lessons(language)["teens-3-sextortion"]
    theme_ = fonts_for([lesson], theme())
    labels = labels_for(language)
    fitted = fit_deck(plan_deck(lesson, labels, select(BOOK, language, region)), theme_, labels)
    help_slides = [f for f in fitted if f.slide.kind == "help"]
    assert 1 <= len(help_slides) <= 2, [f.outline for f in help_slides]


def test_urls_break_only_after_a_slash_or_a_dot() -> None:
    url = "www.childline.org.uk/info-advice/bullying-abuse-safety/online-mobile-safety/report-remove-down/"
    lines = url_lines(url, 120, lambda text: len(text) * 5.0, first_indent=20)
    assert "".join(lines) == url and len(lines) > 1
    assert all(line.endswith(("/", ".")) for line in lines[:-1])
    short = url_lines("stopncii.org", 70, lambda text: len(text) * 5.0, first_indent=20)
    assert short == ["", "stopncii.org"]  # whole on the next line rather than cut


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    out = tmp_path_factory.mktemp("pack")
    result = build(
        BuildSettings(
            paths=(str(LESSONS),),
            out_dir=out,
            formats=("pack",),
            jobs=1,
            today="2026-12-01",
            region="GB",
            locales=("es",),
        )
    )
    assert result.ok, [p.format() for p in result.problems]
    return PdfReader(out / "en" / "course-pack.pdf")


def outline_titles(reader: PdfReader) -> list[str]:
    def walk(items, out):  # noqa: ANN001, ANN202
        for item in items:
            walk(item, out) if isinstance(item, list) else out.append(item.title)
        return out

    return walk(reader.outline, [])


def test_the_pack_has_one_helpline_directory_and_one_source_list(pack: PdfReader) -> None:
    titles = outline_titles(pack)
    assert titles.count("Get help") == 1 and titles.count("Sources") == 1
    texts = [squash(p.extract_text() or "") for p in pack.pages]
    directory = next(i for i, t in enumerate(texts) if t.startswith("Gethelp"))
    assert directory > len(SHIPPED)
    whole = "".join(texts)
    assert whole.count(squash("Take It Down (NCMEC)")) == 1
    assert len(re.findall(r"Web:www\.childline\.org\.uk(?!/)", whole)) == 1


def test_each_lesson_in_the_pack_points_to_the_directory_page(pack: PdfReader) -> None:
    texts = [squash(p.extract_text() or "") for p in pack.pages]
    directory = next(i for i, t in enumerate(texts) if t.startswith("Gethelp")) + 1
    pointer = squash(labels_for("en").help_pointer)
    pointers = re.findall(re.escape(pointer) + r"(\d+)", "".join(texts[2 : directory - 1]))
    assert len(pointers) == len(lessons()) and set(pointers) == {str(directory)}


def test_the_same_input_gives_the_same_bytes() -> None:
    lesson = lessons("ar")["teens-3-sextortion"]
    assert handout(lesson, "GB", "letter") == handout(lesson, "GB", "letter")

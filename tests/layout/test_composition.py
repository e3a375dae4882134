"""Page composition, read from the real PDF: boxes and checklists kept whole, a box that must
split says "(continued)", no near-empty last page when tightening saves it, compact sources."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from lessonpress.formats import get_format
from lessonpress.labels import ENGLISH, labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.model import Lesson
from lessonpress.project import LessonFile
from lessonpress.render import LAST_PAGE_MIN, render, render_measured
from lessonpress.theme import DEFAULT_THEME
from lessonpress.themes import apply_presets

from ..conftest import GOOD, ROOT, SHIPPED, load, load_text, make_pdf, squash


def page_texts(data: bytes) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def with_safeguarding(tmp_path: Path, count: int) -> Lesson:
    text = (
        (GOOD / "minimal.yaml").read_text()
        + "safeguarding:\n"
        + "".join(
            f"  - Safeguarding point {i} — listen calmly, never promise secrecy, write down what was "
            f"said and tell your safeguarding lead the same day.\n"
            for i in range(count)
        )
    )
    lesson, problems = load_text(tmp_path, text)
    assert lesson is not None, problems
    return lesson


def test_a_box_taller_than_a_page_splits_and_says_continued(tmp_path: Path) -> None:
    lesson = with_safeguarding(tmp_path, 40)
    pages = page_texts(make_pdf(lesson, "guide"))
    holding = [n for n, text in enumerate(pages) if "Safeguardingpoint" in text]
    assert len(holding) >= 2
    for n in holding[1:]:
        assert pages[n].startswith("Safeguarding(continued)"), pages[n][:80]
    for i in range(40):
        assert sum(f"Safeguardingpoint{i}—" in text for text in pages) == 1, i


def test_a_box_that_fits_a_page_is_never_split(tmp_path: Path) -> None:
    for count in (6, 8, 10, 12):
        lesson = with_safeguarding(tmp_path, count)
        pages = page_texts(make_pdf(lesson, "guide"))
        holding = {
            n for n, text in enumerate(pages) for i in range(count) if f"Safeguardingpoint{i}—" in text
        }
        assert len(holding) == 1, (count, holding)
        assert not any("Safeguarding(continued)" in text for text in pages)


@pytest.mark.parametrize("fmt", ["handout", "guide"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_warning_signs_checklist_stays_on_one_page(path: Path, paper: str, fmt: str) -> None:
    lesson = load(path)
    if not lesson.warning_signs:
        pytest.skip("no warning signs")
    pages = page_texts(make_pdf(lesson, fmt, paper))
    if fmt == "guide" and lesson.check:  # the answer key, last, may quote a sign in a question
        start = next(n for n, text in enumerate(pages) if "Answerkey" in text)
        pages = [*pages[:start], pages[start].split("Answerkey")[0]]
    holding = {
        n for n, text in enumerate(pages) for sign in lesson.warning_signs if squash(sign.plain) in text
    }
    assert len(holding) == 1, holding
    assert "Warningsigns" in pages[holding.pop()]


def filler(tmp_path: Path, count: int) -> Lesson:
    text = "title: Filler\nobjectives: [Learn]\ndiscussion_prompts: [Why?]\nkey_takeaways:\n" + "".join(
        f"  - Takeaway number {i}, long enough to fill most of a line of the handout at its body size.\n"
        for i in range(count)
    )
    lesson, problems = load_text(tmp_path, text)
    assert lesson is not None, problems
    return lesson


def test_tightening_saves_a_near_empty_last_page(tmp_path: Path) -> None:
    """Some length of lesson ends on a near-empty page when laid out as usual; the printed
    handout then has one page fewer."""
    context = LayoutContext("a4", DEFAULT_THEME, ENGLISH)
    rescued = []
    for count in range(20, 60):
        spec = get_format("handout").layout(filler(tmp_path, count), context)
        _, pages, fill = render_measured(dataclasses.replace(spec, tighter=()))
        if pages > 1 and fill < LAST_PAGE_MIN:
            printed = len(PdfReader(io.BytesIO(render(spec))).pages)
            rescued.append((count, pages, printed))
    assert rescued, "no length ended on a near-empty page"
    assert all(printed < pages for _, pages, printed in rescued), rescued


def test_tightening_never_changes_a_document_that_ends_well(full_lesson: Lesson) -> None:
    context = LayoutContext("a4", DEFAULT_THEME, ENGLISH)
    spec = get_format("handout").layout(full_lesson, context)
    assert render(spec) == render_measured(dataclasses.replace(spec, tighter=()))[0]


def test_handout_sources_are_one_compact_closing_block() -> None:
    lesson = load(SHIPPED[0])
    data = make_pdf(lesson, "handout")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        last = pdf.pages[-1]
        text = last.extract_text()
        sizes = {round(c["size"], 1) for c in last.chars if c["text"] in "FBI" and c["top"] > last.height / 2}
    assert "Sources:" in text
    for source in lesson.sources:
        assert squash(source.title.plain) in squash(text)
        assert source.url not in squash(text)  # the site's name, not the whole address
    assert max(sizes) < DEFAULT_THEME.body_size
    uris = {
        a.get_object()["/A"]["/URI"]
        for page in PdfReader(io.BytesIO(data)).pages
        for a in page.get("/Annots") or []
    }
    assert {s.url for s in lesson.sources} <= uris  # the link still goes to the page


def test_the_guide_keeps_sources_in_full() -> None:
    lesson = load(SHIPPED[0])
    text = squash(" ".join(page_texts(make_pdf(lesson, "guide"))))
    for source in lesson.sources:
        assert squash(source.url) in text


def test_a_continued_box_goes_on_at_the_top_of_the_next_page() -> None:
    """The Spanish teens-9 handout in large print on Letter: its key takeaways box, about a page
    tall, split once at the foot of a page and then again under itself on the same page, so
    "Ideas clave (continuación)" printed twice, once on the page where the box began."""
    path = ROOT / "lessons" / "teens-9-job-offers-that-are-traps.yaml"
    checked = check_lesson_and_translations(LessonFile(path, str(path), path.stem))
    spanish = next(lesson for lesson in checked.lessons if lesson.language == "es")
    theme = fonts_for([spanish], apply_presets(DEFAULT_THEME, ("large-print",)))
    context = LayoutContext("letter", theme, labels_for("es"))
    pages = page_texts(render(get_format("handout").layout(spanish, context)))
    title, continued = "Ideasclave", "Ideasclave(continuación)"
    starts = [n for n, text in enumerate(pages) if title in text.replace(continued, "")]
    assert len(starts) == 1, starts
    assert continued not in pages[starts[0]]
    for n, text in enumerate(pages):
        assert text.count(continued) <= 1, n
        if continued in text:
            assert text.startswith(continued), text[:60]

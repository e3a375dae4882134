"""Notes pages as a presenter reads them: one portrait page per slide, its notes underneath."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from lessonpress.labels import ENGLISH
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.page import PortraitPage
from lessonpress.model import Lesson
from lessonpress.theme import DEFAULT_THEME

from ..conftest import GOOD, SHIPPED, load, make_pdf, squash
from .test_slides import fitted, holdout, outside_live_area


@pytest.fixture(scope="module")
def full() -> Lesson:
    return load(GOOD / "full.yaml")


@pytest.fixture(scope="module")
def pages(full: Lesson) -> list[str]:
    """The squashed text of each notes page of the full fixture."""
    reader = PdfReader(io.BytesIO(make_pdf(full, "notes")))
    return [squash(page.extract_text()) for page in reader.pages]


def slide_pages(data: bytes) -> dict[str, int]:
    """Bookmark title -> the page (0-based) it points at: where each slide is drawn."""
    reader = PdfReader(io.BytesIO(data))
    return {item.title: reader.get_destination_page_number(item) for item in reader.outline}


def test_every_slide_has_a_bookmark_on_a_portrait_page(full: Lesson) -> None:
    slides = fitted(full)
    for paper, size in (("a4", (595, 842)), ("letter", (612, 792))):
        reader = PdfReader(io.BytesIO(make_pdf(full, "notes", paper)))
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == size
        assert [item.title for item in reader.outline] == [s.outline for s in slides]


def test_slides_without_notes_share_a_page_two_by_two(full: Lesson) -> None:
    data = make_pdf(full, "notes")
    where = slide_pages(data)
    slides = fitted(full)
    quiet = [s for s in slides if not s.slide.notes]
    assert len(quiet) >= 2
    for a, b in zip(slides, slides[1:], strict=False):
        if a.slide.notes or b.slide.notes:
            assert where[a.outline] != where[b.outline], (a.outline, b.outline)
    per_page = [list(where.values()).count(p) for p in set(where.values())]
    assert max(per_page) == 2
    assert len(PdfReader(io.BytesIO(data)).pages) < len(slides)


def test_each_prompts_notes_and_follow_ups_sit_under_its_slide(full: Lesson, pages: list[str]) -> None:
    where = slide_pages(make_pdf(full, "notes"))
    for slide in fitted(full):
        text = pages[where[slide.outline]]
        for note in slide.slide.note_texts:
            assert squash(note.plain) in text, note.plain
    first = full.discussion_prompts[0]
    page = next(text for text in pages if squash(first.prompt.plain) in text)
    assert squash(first.notes.plain) in page and squash(first.follow_ups[0].plain) in page
    assert "Follow-upquestions" in page and "Time0:00–0:12(12min)" in page


def test_title_page_has_the_run_down_facilitator_notes_and_safeguarding(pages: list[str]) -> None:
    assert "Runsheet0:00·Question1of3(12min)" in pages[0]
    assert "FacilitatornotesFACILITATOR-NOTES-ECHO" in pages[0]
    assert "SafeguardingFACILITATOR-SAFEGUARDING-FOXTROT" in pages[0]


def picture_widths(data: bytes) -> list[float]:
    """Widths of the slide pictures' borders on every page (the largest stroked rectangles)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            round(r["width"], 1)
            for page in pdf.pages
            for r in page.rects
            if r["width"] > page.width / 3 and r["height"] > 100
        ]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_notes_one_slide_size_one_type_size(path: Path) -> None:
    lesson = load(path)
    data = make_pdf(lesson, "notes")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.outline) == len(fitted(lesson))
    assert outside_live_area(data) == []
    assert len(set(picture_widths(data))) == 1
    frame = PortraitPage.of(LayoutContext("a4", DEFAULT_THEME, ENGLISH)).frame
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        below = [
            c
            for page in pdf.pages
            for c in page.chars
            if c["text"].strip()
            and page.height - frame[1] - frame[3] < c["top"]
            and c["bottom"] < page.height - frame[1]
            and not _inside_picture(page, c)
        ]
    sizes = {round(c["size"], 1) for c in below}
    assert sizes == {max(DEFAULT_THEME.body_size, 11)}, sizes


def _inside_picture(page, char: dict) -> bool:  # noqa: ANN001
    return any(
        r["x0"] <= char["x0"]
        and char["x1"] <= r["x1"]
        and r["top"] <= char["top"]
        and char["bottom"] <= r["bottom"]
        for r in page.rects
        if r["width"] > page.width / 3 and r["height"] > 100
    )


def test_notes_too_long_for_a_page_continue_and_lose_nothing(tmp_path: Path) -> None:
    lesson = holdout(tmp_path)
    data = make_pdf(lesson, "notes")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.outline) == len(fitted(lesson))
    pages = [squash(page.extract_text()) for page in reader.pages]
    text = "".join(p[: p.rindex(f"Page{n}of")] for n, p in enumerate(pages, 1))  # no footers
    for secret in lesson.facilitator_texts():
        assert squash(secret.plain) in text, secret.plain
    assert "(continued)" in text
    assert outside_live_area(data) == []

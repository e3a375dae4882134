"""Notes pages as a presenter reads them: one portrait page per slide, its notes underneath."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from lessonpress.model import Lesson

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


def test_one_portrait_page_per_slide(full: Lesson) -> None:
    slides = len(fitted(full))
    for paper, size in (("a4", (595, 842)), ("letter", (612, 792))):
        reader = PdfReader(io.BytesIO(make_pdf(full, "notes", paper)))
        assert len(reader.pages) == slides
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == size
        assert [item.title for item in reader.outline] == [s.outline for s in fitted(full)]


def test_each_prompts_notes_and_follow_ups_sit_under_its_slide(full: Lesson, pages: list[str]) -> None:
    for slide, text in zip(fitted(full), pages, strict=True):
        assert f"Page{slide.number}of" in text and f"{slide.number}" in text
        for note in slide.slide.note_texts:
            assert squash(note.plain) in text, note.plain
    first = full.discussion_prompts[0]
    page = next(text for text in pages if squash(first.prompt.plain) in text)
    assert squash(first.notes.plain) in page and squash(first.follow_ups[0].plain) in page
    assert "Follow-upquestions" in page


def test_title_page_has_facilitator_notes_and_safeguarding(full: Lesson, pages: list[str]) -> None:
    assert "FacilitatornotesFACILITATOR-NOTES-ECHO" in pages[0]
    assert "SafeguardingFACILITATOR-SAFEGUARDING-FOXTROT" in pages[0]
    assert "Nonotesforthisslide." in pages[1]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_notes_have_a_page_per_slide_inside_the_live_area(path: Path) -> None:
    lesson = load(path)
    data = make_pdf(lesson, "notes")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.outline) == len(fitted(lesson)) <= len(reader.pages)
    assert outside_live_area(data) == []


def test_notes_too_long_for_a_page_continue_and_lose_nothing(tmp_path: Path) -> None:
    lesson = holdout(tmp_path)
    data = make_pdf(lesson, "notes")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > len(reader.outline) == len(fitted(lesson))
    pages = [squash(page.extract_text()) for page in reader.pages]
    text = "".join(p[: p.rindex(f"Page{n}of")] for n, p in enumerate(pages, 1))  # no footers
    for secret in lesson.facilitator_texts():
        assert squash(secret.plain) in text, secret.plain
    assert outside_live_area(data) == []

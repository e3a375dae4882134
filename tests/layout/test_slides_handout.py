"""The participants' copy of the slides: three slides a page with lines, or six without."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from lessonpress.formats import get_format
from lessonpress.labels import ENGLISH
from lessonpress.layout.base import LayoutContext
from lessonpress.model import Lesson
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME

from ..conftest import GOOD, LESSONS, load, squash
from .test_slides import fitted, holdout, outside_live_area


def handout(lesson: Lesson, per_page: int, paper: str = "a4") -> bytes:
    context = LayoutContext(paper, DEFAULT_THEME, ENGLISH, per_page=per_page)
    return render(get_format("slides-handout").layout(lesson, context))


def note_lines(page) -> list[dict]:  # noqa: ANN001 - a pdfplumber page
    """Long horizontal lines in the right half of a page (not the footer rule, not underlines)."""
    return [
        line
        for line in page.lines
        if line["x0"] > page.width / 2
        and line["x1"] - line["x0"] > 100
        and abs(line["top"] - line["bottom"]) < 0.1
        and not underlines_text(page, line)
    ]


def underlines_text(page, line: dict) -> bool:  # noqa: ANN001 - a pdfplumber page
    """True for a link's underline: text sits just above it (a ruled line for notes has none)."""
    return any(
        line["x0"] - 1 <= c["x0"] <= line["x1"] and -3 < line["top"] - c["bottom"] < 4 for c in page.chars
    )


@pytest.fixture(scope="module")
def lesson() -> Lesson:
    return load(LESSONS / "teens-3-sextortion.yaml")


def test_three_up_has_ruled_lines_beside_every_slide(lesson: Lesson) -> None:
    slides = fitted(lesson)
    data = handout(lesson, 3)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == math.ceil(len(slides) / 3)
        for number, page in enumerate(pdf.pages, 1):
            on_page = min(3, len(slides) - 3 * (number - 1))
            assert len(note_lines(page)) >= 6 * on_page, number
            assert (round(page.width), round(page.height)) == (595, 842)


def test_six_up_has_no_lines(lesson: Lesson) -> None:
    slides = fitted(lesson)
    data = handout(lesson, 6, "letter")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == math.ceil(len(slides) / 6)
        assert all(note_lines(page) == [] for page in pdf.pages)
        assert (pdf.pages[0].width, pdf.pages[0].height) == (612, 792)


def test_slides_appear_in_order_with_the_projected_numbers(lesson: Lesson) -> None:
    slides = fitted(lesson)
    reader = PdfReader(io.BytesIO(handout(lesson, 3)))
    assert [item.title for item in reader.outline] == [s.outline for s in slides]
    for number, page in enumerate(reader.pages):
        text = squash(page.extract_text())
        shown = slides[3 * number : 3 * number + 3]
        positions = [text.index(squash(s.outline)[:15]) for s in shown if s.slide.title]
        assert positions == sorted(positions)


def test_learner_copy_has_no_notes_and_nothing_outside_the_page(tmp_path: Path) -> None:
    full = load(GOOD / "full.yaml")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handout(full, 3))).pages)
    assert "FACILITATOR" not in text
    long = holdout(tmp_path)
    six = handout(long, 6)
    assert len(PdfReader(io.BytesIO(six)).pages) == math.ceil(len(fitted(long)) / 6)
    assert outside_live_area(handout(long, 3)) == []

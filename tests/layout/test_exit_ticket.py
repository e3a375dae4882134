"""The exit ticket: two half-page tickets per A4 or Letter sheet, the lesson's chosen questions
with large tick boxes, a name line, help at the foot, and never an answer."""

from __future__ import annotations

import dataclasses
import io
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from lessonpress.helplines import load_helplines
from lessonpress.labels import labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.exit_ticket import ExitTicket, tickets_on_a_sheet
from lessonpress.layout.fonts import fonts_for
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.model import Lesson
from lessonpress.project import LessonFile
from lessonpress.regions import select
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME

from ..conftest import GOOD, ROOT, SHIPPED, load, pdf_text, squash

BOOK = load_helplines(ROOT / "assets" / "helplines.yaml")[0]
REGIONS = [None, *BOOK.regions()]


@cache
def with_questions() -> tuple[Lesson, ...]:
    """Every shipped lesson and translation with check questions, and the test fixture."""
    out = [load(GOOD / "check.yaml")]
    for path in SHIPPED:
        checked = check_lesson_and_translations(LessonFile(path, str(path), path.stem))
        out += [lesson for lesson in checked.lessons if lesson.check is not None]
    return tuple(out)


def context(lesson: Lesson, paper: str, region: str | None = None, theme=DEFAULT_THEME) -> LayoutContext:  # noqa: ANN001
    return LayoutContext(
        paper,
        fonts_for([lesson], theme),
        labels_for(lesson.language),
        helplines=select(BOOK, lesson.language, region),
    )


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_shipped_ticket_fits_two_per_sheet(paper: str) -> None:
    """The longest shipped question set, with the longest help of any region, in every shipped
    language: two whole tickets per sheet, none drawn smaller."""
    for lesson in with_questions():
        for region in REGIONS:
            ctx = context(lesson, paper, region)
            assert tickets_on_a_sheet(lesson, ctx) == 2, (
                f"{lesson.lesson_id} ({lesson.language}, {region}) on {paper}"
            )


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_sheet_is_one_page_with_the_ticket_twice(paper: str) -> None:
    lesson = load(GOOD / "check.yaml")
    data = render(ExitTicket().layout(lesson, context(lesson, paper, "US")))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == {"a4": (595, 842), "letter": (612, 792)}[paper]
    text = squash(pdf_text(data))
    for question in lesson.check.ticket():
        assert text.count(squash(question.question.plain)) == 2
    assert text.count("Date") == 2 and text.count("Exitticket") == 2 and "Cuthere" in text
    assert text.count("988") >= 2  # help on each ticket: the region's crisis line
    others = [q for q in lesson.check.questions if q not in lesson.check.ticket()]
    assert others and not any(squash(q.question.plain) in text for q in others)


def test_the_first_three_questions_when_the_lesson_names_none(tmp_path: Path) -> None:
    source = (GOOD / "check.yaml").read_text(encoding="utf-8")
    lesson_text = source.replace("  exit_ticket: [who-can-see, forwarding, tell-someone]\n", "")
    path = tmp_path / "plain.yaml"
    path.write_text(lesson_text.replace("tell-someone", "tell"), encoding="utf-8")
    lesson = load(path)
    text = squash(pdf_text(render(ExitTicket().layout(lesson, context(lesson, "a4")))))
    firsts = [q.question.plain for q in lesson.check.questions[:3]]
    assert all(text.count(squash(q)) == 2 for q in firsts)
    assert squash(lesson.check.questions[3].question.plain) not in text


def test_large_print_gets_one_ticket_per_sheet_never_cut_off() -> None:
    lesson = load(GOOD / "check.yaml")
    large = dataclasses.replace(DEFAULT_THEME, body_size=18.0, heading_size=22.0, presets=("large-print",))
    ctx = context(lesson, "a4", "US", large)
    assert tickets_on_a_sheet(lesson, ctx) == 1
    text = squash(pdf_text(render(ExitTicket().layout(lesson, ctx))))
    assert all(squash(q.question.plain) in text for q in lesson.check.ticket())
    assert "Cuthere" not in text


def test_no_answer_or_explanation_is_printed() -> None:
    lesson = load(GOOD / "check.yaml")
    text = squash(pdf_text(render(ExitTicket().layout(lesson, context(lesson, "a4", "GB")))))
    assert squash(lesson.check.questions[0].question.plain) in text
    for hidden in lesson.facilitator_texts():
        assert squash(hidden.plain) not in text

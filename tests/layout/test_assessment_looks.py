"""The exit ticket, quiz, answer key and survey form print in every preset and in right-to-left
and shaped scripts, as the other formats do."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from pypdf import PdfReader

from lessonpress.formats import get_format
from lessonpress.labels import labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.lessons import check_lesson_and_translations, load_course
from lessonpress.project import LessonFile
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME
from lessonpress.themes import PRESETS, apply_presets

from ..conftest import GOOD, LESSONS, load, pdf_text, squash

LESSON_FORMATS = ("exit-ticket", "quiz", "answer-key")


def rendered(fmt: str, lesson, theme=DEFAULT_THEME) -> bytes:  # noqa: ANN001
    context = LayoutContext("a4", fonts_for([lesson], theme), labels_for(lesson.language))
    return render(get_format(fmt).layout(lesson, context))


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("fmt", LESSON_FORMATS)
def test_every_preset_prints_every_question(fmt: str, preset: str) -> None:
    lesson = load(GOOD / "check.yaml")
    theme = apply_presets(DEFAULT_THEME, (preset,))
    text = squash(pdf_text(rendered(fmt, lesson, theme)))
    questions = lesson.check.ticket() if fmt == "exit-ticket" else lesson.check.questions
    for question in questions:
        assert squash(question.question.plain) in text, (fmt, preset, question.id)


@pytest.mark.parametrize("language", ["ar", "hi", "es"])
@pytest.mark.parametrize("fmt", LESSON_FORMATS)
def test_right_to_left_and_shaped_scripts_print(fmt: str, language: str) -> None:
    path = LESSONS / "teens-3-sextortion.yaml"
    lessons = check_lesson_and_translations(LessonFile(path, str(path), path.stem)).lessons
    lesson = next(x for x in lessons if x.language == language)
    data = rendered(fmt, lesson)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1 and reader.metadata.title == lesson.title.plain
    if fmt == "answer-key":
        return
    # Tick boxes sit where reading starts: at the right edge of the page right to left.
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        boxes = [r for r in page.rects if 9 < r["width"] < 20 and abs(r["width"] - r["height"]) < 0.5]
        assert boxes, (fmt, language)
        rightmost = max(r["x1"] for r in boxes) / page.width
    assert (rightmost > 0.8) == (language == "ar"), (fmt, language, rightmost)


@pytest.mark.parametrize("language", ["ar", "hi", "es"])
def test_the_survey_form_prints_in_every_shipped_language(language: str) -> None:
    lessons = []
    for path in sorted(LESSONS.glob("teens-*.yaml")):
        lessons += [
            x
            for x in check_lesson_and_translations(LessonFile(path, str(path), path.stem)).lessons
            if x.language == language
        ]
    course, problems = load_course((str(LESSONS),), {p.stem for p in LESSONS.glob("*.yaml")})
    assert course is not None and course.survey is not None, problems
    context = LayoutContext("a4", fonts_for(lessons, DEFAULT_THEME), labels_for(language))
    data = render(get_format("survey").layout_course(lessons, course, context))
    assert len(PdfReader(io.BytesIO(data)).pages) >= 2  # the form before and the form after

"""Page-level checks, read from the real PDFs as a print designer would: no heading ends a page,
no document ends on a page under a quarter full (unless it has one page), large print has no
text under 18 pt outside footers, no QR code under 20 mm.

By default a representative subset runs (one lesson in four languages, both papers, the main
presets); the whole sweep (every shipped lesson, every translation, every preset, A4 and
Letter: over 300 handout and guide pairs, most of an hour on a busy machine) is marked slow and runs only
when asked for: `LESSONPRESS_PAGE_SWEEP=1 pytest -m slow tests/layout/test_page_sweep.py`.
"""

from __future__ import annotations

import os

import pytest

from lessonpress.formats import get_format
from lessonpress.labels import labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.model import Lesson
from lessonpress.project import LessonFile
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME
from lessonpress.themes import PRESETS, apply_presets

from ..conftest import SHIPPED
from .pagecheck import frame_of, headings_at_foot, last_page_fill, small_qr_codes, small_text

FORMATS = ("handout", "guide")
SUBSET_LESSON = "teens-3-sextortion"
SUBSET_PRESETS: tuple[tuple[str, ...], ...] = ((), ("large-print",))


def lessons_of(path) -> list[Lesson]:  # noqa: ANN001
    """A shipped lesson and its translations."""
    return list(check_lesson_and_translations(LessonFile(path, str(path), path.stem)).lessons)


def cases(subset: bool) -> list:
    out = []
    presets = SUBSET_PRESETS if subset else ((), *((p,) for p in PRESETS))
    for path in SHIPPED:
        if subset and path.stem != SUBSET_LESSON:
            continue
        for lesson in lessons_of(path):
            for preset in presets:
                for paper in ("a4", "letter"):
                    if subset and preset and paper == "letter":
                        continue
                    ident = f"{path.stem}-{lesson.language}-{'+'.join(preset) or 'plain'}-{paper}"
                    mark: tuple = () if subset else (pytest.mark.slow,)
                    out.append(pytest.param(lesson, preset, paper, id=ident, marks=mark))
    return out


def check(lesson: Lesson, preset: tuple[str, ...], paper: str) -> list[str]:
    """What is wrong on the pages of the lesson's handout and guide."""
    theme = fonts_for([lesson], apply_presets(DEFAULT_THEME, preset))
    context = LayoutContext(paper, theme, labels_for(lesson.language))
    problems = []
    for fmt in FORMATS:
        data = render(get_format(fmt).layout(lesson, context))
        frame = frame_of(context, duplex=fmt == "guide")
        notice = lesson.translation is not None and lesson.translation.draft
        if notice:  # a draft's footer is taller: the frame the document used
            from lessonpress.layout.page import PortraitPage

            frame = PortraitPage.of(context, duplex=fmt == "guide", notice=True).frame
        problems += [f"{fmt}: {p}" for p in headings_at_foot(data, frame, theme.heading_size)]
        pages, fill = last_page_fill(data, frame)
        if pages > 1 and fill < 0.25:
            problems.append(f"{fmt}: last page of {pages} is {fill:.0%} full")
        problems += [f"{fmt}: {p}" for p in small_qr_codes(data)]
        if "large-print" in preset:
            footer = theme.min_text_size * 14 / 18
            problems += [f"{fmt}: {p}" for p in small_text(data, 18, footer_minimum=footer, frame=frame)][:3]
    return problems


@pytest.mark.parametrize(("lesson", "preset", "paper"), cases(subset=True))
def test_pages_are_composed_well(lesson: Lesson, preset: tuple[str, ...], paper: str) -> None:
    assert check(lesson, preset, paper) == []


@pytest.mark.skipif(os.environ.get("LESSONPRESS_PAGE_SWEEP") != "1", reason="set LESSONPRESS_PAGE_SWEEP=1")
@pytest.mark.parametrize(("lesson", "preset", "paper"), cases(subset=False))
def test_every_shipped_page_is_composed_well(lesson: Lesson, preset: tuple[str, ...], paper: str) -> None:
    assert check(lesson, preset, paper) == []

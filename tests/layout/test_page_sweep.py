"""Page-level checks, read from the real PDFs as a print designer would: no heading ends a page,
no document ends on a page under a quarter full (unless it has one page), large print has no
text under 18 pt outside footers, no QR code under 20 mm; and no handout with its "Get help"
panel leaves any page under a quarter full (every shipped lesson, in every language).

By default a representative subset runs (one lesson in four languages, both papers, the main
presets); the whole sweep (every shipped lesson, every translation, every preset, A4 and
Letter: over 300 handout and guide pairs, most of an hour on a busy machine) is marked slow and runs only
when asked for: `LESSONPRESS_PAGE_SWEEP=1 pytest -m slow tests/layout/test_page_sweep.py`.
"""

from __future__ import annotations

import os

import pytest

from lessonpress.formats import get_format
from lessonpress.helplines import load_helplines
from lessonpress.labels import labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.layout.page import PortraitPage
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.model import Lesson
from lessonpress.project import LessonFile
from lessonpress.regions import select
from lessonpress.render import LAST_PAGE_MIN, render
from lessonpress.theme import DEFAULT_THEME
from lessonpress.themes import PRESETS, apply_presets

from ..conftest import ROOT, SHIPPED
from .pagecheck import headings_at_foot, last_page_fill, page_fills, small_qr_codes, small_text

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


def check(
    lesson: Lesson, preset: tuple[str, ...], paper: str, formats: tuple[str, ...] = FORMATS
) -> list[str]:
    """What is wrong on the pages of the lesson's handout and guide (or of `formats`)."""
    theme = fonts_for([lesson], apply_presets(DEFAULT_THEME, preset))
    context = LayoutContext(paper, theme, labels_for(lesson.language))
    problems = []
    for fmt in formats:
        data = render(get_format(fmt).layout(lesson, context))
        frame = frame_for(lesson, context, duplex=fmt == "guide")
        problems += [f"{fmt}: {p}" for p in headings_at_foot(data, frame, theme.heading_size)]
        pages, fill = last_page_fill(data, frame)
        if pages > 1 and fill < 0.25:
            problems.append(f"{fmt}: last page of {pages} is {fill:.0%} full")
        problems += [f"{fmt}: {p}" for p in small_qr_codes(data)]
        if "large-print" in preset:
            footer = theme.min_text_size * 14 / 18
            problems += [f"{fmt}: {p}" for p in small_text(data, 18, footer_minimum=footer, frame=frame)][:3]
    return problems


def frame_for(lesson: Lesson, context: LayoutContext, *, duplex: bool) -> tuple[float, float, float, float]:
    """The text frame the lesson's document used (a draft translation's footer is taller)."""
    notice = lesson.translation is not None and lesson.translation.draft
    return PortraitPage.of(context, duplex=duplex, notice=notice).frame


BOOK = load_helplines(ROOT / "assets" / "helplines.yaml")[0]
# The region whose panel each language's handout is checked with, on each paper: English with the
# two largest panels (the United States on Letter, the United Kingdom on A4: either fills most of
# a page), the others as lessonpress.toml sets them (Arabic has none: "Your local helpline").
HANDOUT_REGIONS: dict[str, dict[str, str | None]] = {
    "en": {"a4": "GB", "letter": "US"},
    "es": {"a4": "MX", "letter": "MX"},
    "hi": {"a4": "IN", "letter": "IN"},
    "ar": {"a4": None, "letter": None},
}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_no_handout_page_is_left_nearly_empty(path) -> None:  # noqa: ANN001
    """The "Get help" back page never leaves the page before it with a few lines of sources
    (nor does anything else leave a page under a quarter full), on A4 and Letter."""
    problems = []
    for lesson in lessons_of(path):
        for paper, region in HANDOUT_REGIONS[lesson.language].items():
            theme = fonts_for([lesson], DEFAULT_THEME)
            helplines = select(BOOK, lesson.language, region)
            context = LayoutContext(paper, theme, labels_for(lesson.language), helplines=helplines)
            data = render(get_format("handout").layout(lesson, context))
            fills = page_fills(data, frame_for(lesson, context, duplex=False))
            problems += [
                f"{lesson.language} {region} {paper}: page {n} of {len(fills)} is {fill:.0%} full"
                for n, fill in enumerate(fills, 1)
                if len(fills) > 1 and fill < LAST_PAGE_MIN
            ]
    assert problems == []


@pytest.mark.parametrize(("lesson", "preset", "paper"), cases(subset=True))
def test_pages_are_composed_well(lesson: Lesson, preset: tuple[str, ...], paper: str) -> None:
    assert check(lesson, preset, paper) == []


# Long large-print and dyslexia-friendly documents that the sweep found ending on a nearly empty
# page: a tighter layout saved a page but left its last one nearly empty (the last section, taller
# than a page, moved whole), or the renderer measured the last line's leading as filled. Checked
# every time (one guide, one handout, about 15 s); the sweep has the others.
REGRESSIONS = {
    "educators-1-running-these-lessons-safely-en-large-print-letter": "guide",
    "teens-9-job-offers-that-are-traps-es-large-print-letter": "handout",
}


@pytest.mark.parametrize(
    ("lesson", "preset", "paper"), [p for p in cases(subset=False) if p.id in REGRESSIONS]
)
def test_long_documents_do_not_end_nearly_empty(
    lesson: Lesson, preset: tuple[str, ...], paper: str, request: pytest.FixtureRequest
) -> None:
    ident = request.node.callspec.id
    assert check(lesson, preset, paper, (REGRESSIONS[ident],)) == []


@pytest.mark.skipif(os.environ.get("LESSONPRESS_PAGE_SWEEP") != "1", reason="set LESSONPRESS_PAGE_SWEEP=1")
@pytest.mark.parametrize(("lesson", "preset", "paper"), cases(subset=False))
def test_every_shipped_page_is_composed_well(lesson: Lesson, preset: tuple[str, ...], paper: str) -> None:
    assert check(lesson, preset, paper) == []

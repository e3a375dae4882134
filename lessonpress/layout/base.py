"""What every format produces (a DocumentSpec) and the settings it is given (a LayoutContext)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..labels import Labels
from ..model import Course, Lesson
from ..regions import RegionHelplines
from ..theme import Theme

# Forms the renderer defines when a document is saved, holding the total page count: footers
# draw them for "Page 1 of N" (the second ends at its origin, for right-aligned counts).
PAGE_COUNT_FORM = "lp-page-count"
PAGE_COUNT_RIGHT_FORM = "lp-page-count-right"

PAPER_SIZES: dict[str, tuple[float, float]] = {
    "a4": (595.2756, 841.8898),
    "letter": (612.0, 792.0),
    "a5": (419.5276, 595.2756),
}


@dataclass(frozen=True)
class LayoutContext:
    """Everything a format needs besides the lesson: paper, theme, labels and format options."""

    paper: str
    theme: Theme
    labels: Labels
    per_page: int = 3  # slides-handout: 3 (with lines for notes) or 6
    pack_of: str = "handout"  # pack: which format each lesson contributes
    today: str | None = None  # ISO date for covers; None prints no date
    helplines: RegionHelplines | None = None  # what lessons with `helplines: true` print
    in_pack: bool = False  # a lesson in a pack: the pack has its helplines, sources

    @property
    def page_size(self) -> tuple[float, float]:
        """(width, height) of the paper in points."""
        return PAPER_SIZES[self.paper]


@dataclass(frozen=True)
class Metadata:
    """Document information a PDF reader shows: title, author, subject, language."""

    title: str
    author: str
    subject: str
    language: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentSpec:
    """A laid-out document, ready to render: pages, frames, story and metadata."""

    page_size: tuple[float, float]
    frame: tuple[float, float, float, float]  # x, y, width, height of the text frame
    story: Sequence[Any]  # ReportLab flowables
    metadata: Metadata
    decorate_page: Callable[[Any, int], None]  # draws header/footer on (canvas, page number)
    page_count_font: tuple[str, float] = ("Atkinson", 9.0)  # also the document's base font
    on_save: Callable[[Any], None] | None = None  # draws forms filled in at the end (a TOC)
    frame_even: tuple[float, float, float, float] | None = None  # two-sided: mirrored frame
    # Other layouts of the same document (tighter, or its last blocks kept together), tried in
    # order when this one has a page less than a quarter full (the last, or one left almost
    # empty); the first with no page more and none nearly empty is printed (`render.render`).
    tighter: tuple[Callable[[], DocumentSpec], ...] = ()


class Format:
    """One kind of output (handout, slides, ...): a `layout` hook.

    Its name, scope, file name and whether learners read it are in the registry (`formats.py`).
    Most formats make one document per lesson; a course format (the pack) makes one per
    language from all lessons and implements `layout_course` instead.
    """

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        """Arrange the lesson's content into a DocumentSpec."""
        raise NotImplementedError(f"{type(self).__name__} is a course format")

    def layout_course(
        self, lessons: Sequence[Lesson], course: Course | None, context: LayoutContext
    ) -> DocumentSpec:
        """Arrange every lesson of a course, in one language, into a DocumentSpec."""
        raise NotImplementedError(f"{type(self).__name__} is a lesson format")

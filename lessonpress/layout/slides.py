"""Turn a Lesson into projector slides: 16:9 pages, large type, one idea per slide.

The deck is planned by `deck.plan_deck` and fitted by `slide_drawing.fit_deck`; this module puts
one fitted slide on each page, with a bookmark per slide. Facilitator-only text is planned into
each slide's notes, which this format never reads.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..model import Lesson
from .base import DocumentSpec, Format, LayoutContext
from .page import metadata
from .slide_drawing import SLIDE_SIZE, FittedSlide, bookmark, deck_for, draw_slide


class Slides(Format):
    """Slides to project: a title slide, then objectives, prompts, activities and the rest."""

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        theme, labels = context.theme, context.labels
        fitted = deck_for(lesson, context)
        width, height = SLIDE_SIZE
        return DocumentSpec(
            page_size=SLIDE_SIZE,
            frame=(0, 0, width, height),
            story=tuple(SlidePage(slide) for slide in fitted),
            metadata=metadata(lesson, labels.slides),
            decorate_page=_no_decoration,
            page_count_font=(theme.body_font, theme.slide_label_size),
        )


class SlidePage(Flowable):
    """One slide filling a whole page, with its bookmark."""

    def __init__(self, fitted: FittedSlide) -> None:
        super().__init__()
        self.fitted = fitted
        self.width, self.height = SLIDE_SIZE

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_slide(self.canv, self.fitted, self.width, self.height)
        bookmark(self.canv, self.fitted)


def _no_decoration(canvas: Canvas, number: int) -> None:
    """Slides carry their own number; the page needs nothing else."""

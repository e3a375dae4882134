"""Turn a Lesson into the participants' copy of the slides: three or six slides per portrait page.

Three per page (the default) puts ruled lines beside each slide for the learner's own notes, like
PowerPoint's "3 slides per page" handout; `--per-page 6` prints two columns of three without
lines. The slides are the fitted deck the `slides` format projects, numbered the same way, and
like it this is a learner output: facilitator notes are never drawn.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..model import Lesson
from ..theme import Theme
from .base import DocumentSpec, Format, LayoutContext
from .page import portrait_document
from .slide_drawing import SLIDE_SIZE, FittedSlide, bookmark, deck_for, draw_thumbnail

ASPECT = SLIDE_SIZE[1] / SLIDE_SIZE[0]
LINED_SLIDE = 0.6  # three-up: share of the width for the slide, the rest for lines


class SlidesHandout(Format):
    """Slides printed small for participants, with room for their notes."""

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        theme, labels = context.theme, context.labels
        fitted = deck_for(lesson, context)
        per_page = 6 if context.per_page == 6 else 3
        sheets = [Sheet(fitted[i : i + per_page], per_page, theme) for i in range(0, len(fitted), per_page)]
        return portrait_document(lesson, context, sheets, labels.slides_handout, licence=True, learner=True)


class Sheet(Flowable):
    """One page of the handout: up to `per_page` slides in rows, with lines when three-up."""

    def __init__(self, slides: tuple[FittedSlide, ...], per_page: int, theme: Theme) -> None:
        super().__init__()
        self.slides = slides
        self.per_page = per_page
        self.theme = theme
        self.gap = theme.body_size * 1.5

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height
        return avail_width, avail_height

    def draw(self) -> None:
        columns = 1 if self.per_page == 3 else 2
        row_height = self.height / 3
        room = self.width * LINED_SLIDE if columns == 1 else (self.width - self.gap) / 2
        slide_width = min(room, (row_height - self.gap) / ASPECT)
        slide_height = slide_width * ASPECT
        for i, fitted in enumerate(self.slides):
            row, column = divmod(i, columns)
            y = self.height - row * row_height - (row_height + slide_height) / 2
            x = column * (self.width - slide_width)
            draw_thumbnail(self.canv, fitted, x, y, slide_width)
            bookmark(self.canv, fitted)
            if columns == 1:
                self.draw_lines(slide_width + self.gap, y, y + slide_height)

    def draw_lines(self, left: float, bottom: float, top: float) -> None:
        """Ruled lines for notes, beside a slide, from its top to its bottom."""
        canvas, theme = self.canv, self.theme
        canvas.saveState()
        canvas.setStrokeColor(theme.rule_color)
        canvas.setLineWidth(theme.line())
        y = top - theme.write_in_spacing
        while y >= bottom - 1:
            canvas.line(left, y, self.width, y)
            y -= theme.write_in_spacing
        canvas.restoreState()

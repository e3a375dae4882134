"""Turn a Lesson into the participants' copy of the slides: three or six slides per portrait page.

Three per page (the default) puts ruled lines beside each slide for the learner's own notes, like
PowerPoint's "3 slides per page" handout; `--per-page 6` prints two columns of three without
lines. A QR code drawn that small would not scan, so the slides' web addresses follow as QR codes
of at least 20 mm; in large print, where a picture's type would be too small, each slide's words
are printed in a box instead. The slides are the fitted deck the `slides` format projects,
numbered the same way, and like it this is a learner output: facilitator notes are never drawn.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, PageBreak

from ..model import Lesson
from ..scripts import LATIN
from ..theme import Theme
from ..urls import url_host
from .base import DocumentSpec, Format, LayoutContext
from .flowables import WriteInLines, qr_code
from .page import PortraitPage, portrait_document
from .sections import layout_table
from .slide_drawing import SLIDE_SIZE, FittedSlide, bookmark, deck_for, draw_thumbnail
from .slide_text import legible, slide_as_text
from .tagging.roles import heading as level
from .tagging.roles import tag
from .text import escape, paragraph, styles_for

ASPECT = SLIDE_SIZE[1] / SLIDE_SIZE[0]
LINED_SLIDE = 0.6  # three-up: share of the width for the slide, the rest for lines


class SlidesHandout(Format):
    """Slides printed small for participants, with room for their notes."""

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        theme, labels = context.theme, context.labels
        fitted = deck_for(lesson, context)
        per_page = 6 if context.per_page == 6 else 3
        frame_width = PortraitPage.of(context).frame[2]
        if not legible(theme, frame_width * (LINED_SLIDE if per_page == 3 else 0.5)):
            story = as_text(fitted, context)
        else:
            story = sheets(fitted, per_page, theme) + links(fitted, context)
        return portrait_document(lesson, context, story, labels.slides_handout, licence=True, learner=True)


def sheets(fitted: tuple[FittedSlide, ...], per_page: int, theme: Theme) -> list[Flowable]:
    """The slides `per_page` to a sheet, each sheet a page of its own. A sheet takes the whole
    frame, so the next one starts after a page break rather than in whatever the frame has
    left: a float's remainder (2.8e-14 pt under a draft translation's taller footer) would
    otherwise take it, drawn in no height, upside down, its text read amid the sheet above."""
    story: list[Flowable] = []
    for i in range(0, len(fitted), per_page):
        if story:
            story.append(PageBreak())
        story.append(Sheet(fitted[i : i + per_page], per_page, theme))
    return story


def as_text(fitted: tuple[FittedSlide, ...], context: LayoutContext) -> list[Flowable]:
    """Large print: each slide's words in a box, lines for notes under it."""
    theme = context.theme
    story: list[Flowable] = []
    for slide in fitted:
        story += slide_as_text(slide, context)
        if not slide.part:
            story.append(
                WriteInLines(
                    theme.write_in_lines,
                    theme.write_in_spacing,
                    theme.rule_color,
                    rtl=slide.script.rtl,
                    line=theme.line(),
                )
            )
    return story


def links(fitted: tuple[FittedSlide, ...], context: LayoutContext) -> list[Flowable]:
    """The slides' web addresses as QR codes big enough to scan (a thumbnail's would not be),
    each with its slide number and site, three to a row, after the slides."""
    theme, labels = context.theme, context.labels
    s = styles_for(theme, fitted[0].script if fitted else LATIN)
    cells = []
    for slide in fitted:
        for item in slide.slide.items if not slide.part else ():
            code = qr_code(item.qr, 0, labels.qr_code_for) if item.qr else None
            if code is not None and item.qr:
                caption = paragraph(
                    escape(labels.slide_link.format(n=slide.number, site=url_host(item.qr))), s.small
                )
                cells.append([code, caption])
    if not cells:
        return []
    rows = [cells[i : i + 3] + [""] * (3 - len(cells[i : i + 3])) for i in range(0, len(cells), 3)]
    table = layout_table(
        rows, ["33%", "34%", "33%"], theme, [("BOTTOMPADDING", (0, 0), (-1, -1), theme.body_size)], rtl=s.rtl
    )
    heading = tag(paragraph(escape(labels.slide_links), s.heading), level(2))
    return [KeepTogether([heading, table])]


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

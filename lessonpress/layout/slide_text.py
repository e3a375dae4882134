"""Slides as text, for pages where a picture of the slide would print its type too small.

A large-print theme sets the smallest text it allows (`Theme.min_text_size`); a slide drawn a
few inches wide would shrink its 24 pt type far below that. Notes pages and the slides handout
then print each slide's words instead, at the body size in an outlined box: kicker, title and
points, with a QR code per web address, bookmarked like the picture would be.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..theme import Theme
from .base import LayoutContext
from .boxes import BoxStyle, Callout
from .flowables import qr_code
from .sections import layout_table
from .slide_drawing import SLIDE, SLIDE_SIZE, FittedSlide, bookmark, slide_level
from .tagging.roles import grouped, heading, tag
from .text import escape, para, paragraph, styles_for

__all__ = ["SlideMark", "legible", "slide_as_text"]


def legible(theme: Theme, width: float) -> bool:
    """True when a slide drawn `width` points wide keeps all its text at the theme's smallest
    allowed size (always, unless the theme sets one)."""
    smallest = min(theme.slide_label_size, theme.slide_min_body_size) * width / SLIDE_SIZE[0]
    return smallest >= theme.min_text_size


class SlideMark(Flowable):
    """Invisible: the bookmark of a slide printed as text (or continued in another's box)."""

    _ZEROSIZE = 1

    def __init__(self, fitted: FittedSlide) -> None:
        super().__init__()
        self.fitted = fitted
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        bookmark(self.canv, self.fitted)


def slide_as_text(fitted: FittedSlide, context: LayoutContext) -> list[Flowable]:
    """A planned slide's words in a box (its first part; a continuation part only marks its
    bookmark, its words being in the first part's box)."""
    if fitted.part:
        return [SlideMark(fitted)]
    theme, slide = context.theme, fitted.slide
    s = styles_for(theme, fitted.script)
    rows: list[Flowable] = [SlideMark(fitted)]
    kicker = slide.kicker + (f" · {slide.timing}" if slide.timing else "")
    level = heading(slide_level(slide))  # as on the slide: the title heads it, else the kicker
    if kicker:
        made = paragraph(f"<b>{escape(kicker)}</b>", s.meta)
        rows.append(made if slide.title is not None else tag(made, level))
    if slide.title is not None:
        rows.append(tag(para(slide.title, s.heading, theme), level))
    for item in slide.items:
        text = para(item.text, s.bullet if item.marker else s.body, theme, bullet=item.marker or None)
        code = qr_code(item.qr, 0, context.labels.qr_code_for) if item.qr else None  # smallest scannable
        rows.append(
            layout_table(
                [[text, code]], [None, code.width + 6], theme, [("LEFTPADDING", (1, 0), (1, 0), 6)], rtl=s.rtl
            )
            if code
            else text
        )
    style = BoxStyle(
        None,
        theme.rule_color,
        theme.line(1.25),
        theme.body_size * 0.6,
        theme.space(theme.body_size * 0.5),
        theme.space(theme.body_size * 0.5),
    )
    return grouped([Callout(rows, style)], SLIDE)  # a section of the structure, like a slide

"""The page around the text: margins, the text frame and the footer every portrait page shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..model import Lesson
from ..render import PAGE_COUNT_FORM
from ..theme import Theme
from .base import LayoutContext


@dataclass(frozen=True)
class PortraitPage:
    """Frame and footer geometry for a portrait page, from paper and theme."""

    width: float
    height: float
    margin: float
    footer_height: float

    @classmethod
    def of(cls, context: LayoutContext) -> PortraitPage:
        """Geometry for the context's paper and theme."""
        width, height = context.page_size
        return cls(width, height, context.theme.margin, context.theme.small_size * 3.6)

    @property
    def frame(self) -> tuple[float, float, float, float]:
        """x, y, width, height of the text frame (above the footer)."""
        bottom = self.margin + self.footer_height
        return (self.margin, bottom, self.width - 2 * self.margin, self.height - self.margin - bottom)


def footer(page: PortraitPage, theme: Theme, page_label: str, right_text: str | Callable[[], str],
           notice: str | Callable[[], str | None] | None = None) -> Callable[[Canvas, int], None]:
    """A page decorator: `Page N of M` on the left, the lesson title and licence on the right,
    and an optional notice centred above the rule (a draft translation says so on every page).

    `right_text` and `notice` may be functions, for footers that follow the section on the page.
    """
    font, size = theme.body_font, theme.small_size

    def decorate(canvas: Canvas, number: int) -> None:
        y = page.margin
        canvas.saveState()
        canvas.setStrokeColor(theme.rule_color)
        canvas.setLineWidth(0.5)
        top = y + size * 1.6
        canvas.line(page.margin, top, page.width - page.margin, top)
        canvas.setFillColor(theme.muted_color)
        canvas.setFont(font, size)
        left = page_label.format(n=number) + " "
        canvas.drawString(page.margin, y, left)
        left_width = stringWidth(left, font, size)
        room = page.width - 2 * page.margin - left_width - stringWidth("0000", font, size)
        right = right_text() if callable(right_text) else right_text
        canvas.drawRightString(page.width - page.margin, y, _fit(right, font, size, room))
        note = notice() if callable(notice) else notice
        if note:
            canvas.setFont(f"{font}-Bold", size)
            canvas.drawCentredString(page.width / 2, top + size * 0.6, note)
        canvas.translate(page.margin + left_width, y)
        canvas.doForm(PAGE_COUNT_FORM)
        canvas.restoreState()

    return decorate


def draft_notice(lesson: Lesson, context: LayoutContext) -> str | None:
    """The notice a draft translation prints on every page, or None."""
    if lesson.translation is not None and lesson.translation.draft:
        return context.labels.draft_notice
    return None


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten text with an ellipsis so it fits `width` points."""
    if stringWidth(text, font, size) <= width:
        return text
    text = text[: int(width / (size * 0.2)) + 1]  # no glyph is narrower than 0.2 em
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"

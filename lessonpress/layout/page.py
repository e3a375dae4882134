"""The page around the text: margins, the text frame and the footer every portrait page shares.

The footer is drawn with paragraphs, like all text (the canvas's drawString neither shapes nor
orders right-to-left text), and mirrors on right-to-left pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ..model import Lesson
from ..render import PAGE_COUNT_FORM, PAGE_COUNT_RIGHT_FORM
from ..scripts import LATIN, Script
from ..theme import Theme
from .base import LayoutContext
from .bidi import base_is_rtl
from .text import paragraph, plain_markup, styles_for


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
           notice: str | Callable[[], str | None] | None = None, *,
           script: Script = LATIN) -> Callable[[Canvas, int], None]:
    """A page decorator: `Page N of M` where reading starts (left; right in right-to-left
    scripts), the lesson title and licence at the other end, and an optional notice centred
    above the rule (a draft translation says so on every page).

    `right_text` and `notice` may be functions, for footers that follow the section on the page.
    M is a form filled in when the document is saved; right to left, it is right-aligned at the
    left end of "صفحة N من", where that line ends.
    """
    font, size, rtl = theme.body_font, theme.small_size, script.rtl
    base = styles_for(theme, script).footer
    start = ParagraphStyle("footer-start", parent=base, alignment=TA_RIGHT if rtl else TA_LEFT)
    end = ParagraphStyle("footer-end", parent=base, alignment=TA_LEFT if rtl else TA_RIGHT)
    note_style = ParagraphStyle("footer-note", parent=base, fontName=f"{font}-Bold",
                                alignment=TA_CENTER)
    width = page.width - 2 * page.margin
    gap, count = stringWidth(" ", font, size), stringWidth("0000", font, size)

    def decorate(canvas: Canvas, number: int) -> None:
        y = page.margin
        canvas.saveState()
        canvas.setStrokeColor(theme.rule_color)
        canvas.setLineWidth(0.5)
        top = y + size * 1.6
        canvas.line(page.margin, top, page.width - page.margin, top)
        canvas.setFillColor(theme.muted_color)
        text = page_label.format(n=number)
        label = paragraph(plain_markup(text), start)
        label_width = line_width(label)
        # An English label on a right-to-left page ("Page 1 of", no translation yet) still
        # reads left to right: the count follows it, and room is kept for it at the margin.
        reads_rtl = base_is_rtl(text, rtl)
        shift = count + gap if rtl and not reads_rtl else 0
        _draw_line(canvas, label, page.margin, y, width - shift)
        right = right_text() if callable(right_text) else right_text
        room = width - label_width - gap - count
        _draw_line(canvas, _fit(right, end, room), page.margin, y, width)
        note = notice() if callable(notice) else notice
        if note:
            _draw_line(canvas, paragraph(plain_markup(note), note_style), page.margin,
                       top + size * 0.6, width)
        label_left = page.width - page.margin - shift - label_width if rtl else page.margin
        if reads_rtl:
            canvas.translate(label_left - gap, y)
            canvas.doForm(PAGE_COUNT_RIGHT_FORM)
        else:
            canvas.translate(label_left + label_width + gap, y)
            canvas.doForm(PAGE_COUNT_FORM)
        canvas.restoreState()

    return decorate


def line_width(para: Paragraph) -> float:
    """Width of a one-line paragraph's text as printed (shaped)."""
    para.wrap(1e6, 1e6)
    return max(para.getActualLineWidths0() or [0])


def _draw_line(canvas: Canvas, para: Paragraph, x: float, baseline: float, width: float) -> None:
    """Draw a one-line paragraph in a box `width` wide with its first baseline at `baseline`."""
    _, height = para.wrap(width, 1e6)
    para.drawOn(canvas, x, baseline - height + para.style.fontSize)


def draft_notice(lesson: Lesson, context: LayoutContext) -> str | None:
    """The notice a draft translation prints on every page, or None."""
    if lesson.translation is not None and lesson.translation.draft:
        return context.labels.draft_notice
    return None


def _fit(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A one-line paragraph of the text, shortened with an ellipsis to fit `width` points."""
    whole = paragraph(plain_markup(text), style)
    if line_width(whole) <= width:
        return whole
    low, high = 0, min(len(text), int(width / (style.fontSize * 0.2)) + 1)  # no glyph < 0.2 em
    best = paragraph("…", style)
    while low < high:                   # the longest prefix that fits, found by halving
        middle = (low + high + 1) // 2
        candidate = paragraph(plain_markup(text[:middle].rstrip() + "…"), style)
        if line_width(candidate) <= width:
            low, best = middle, candidate
        else:
            high = middle - 1
    return best

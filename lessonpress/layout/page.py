"""The page around the text: margins, the text frame and the footer every portrait page shares.

The footer is drawn with paragraphs, like all text (the canvas's drawString neither shapes nor
orders right-to-left text), and mirrors on right-to-left pages.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ..model import Lesson
from ..scripts import LATIN, Script, script_for
from ..theme import MM, Theme
from .base import PAGE_COUNT_FORM, PAGE_COUNT_RIGHT_FORM, DocumentSpec, LayoutContext, Metadata
from .bidi import base_is_rtl
from .fonts import register_theme
from .help import help_footer
from .tagging.canvas import structure
from .tagging.roles import Tag, figure, tag
from .text import paragraph, plain_markup, styles_for

HEADER_MM = 13.0  # room for an organisation's logo and name above the text
NOTICE_GAP_MM = 4.0  # at least this much white between the text and a draft notice below it


@dataclass(frozen=True)
class PortraitPage:
    """Frame, header and footer geometry for a portrait page, from paper and theme.

    With an inner margin (`duplex`), odd pages have it on the left and even pages on the right,
    so the binding edge of a two-sided guide or pack always has the wider margin.
    """

    width: float
    height: float
    margin: float
    footer_height: float
    header_height: float = 0.0
    inner: float | None = None

    @classmethod
    def of(cls, context: LayoutContext, *, duplex: bool = False, notice: bool = False) -> PortraitPage:
        """Geometry for the context's paper and theme. With a `notice` (a draft translation's,
        printed above the footer rule) the footer keeps NOTICE_GAP_MM of white above it."""
        theme = context.theme
        width, height = context.page_size
        header = HEADER_MM * MM if theme.logo or theme.organisation else 0.0
        inner = theme.inner_margin_mm * MM if duplex and theme.inner_margin_mm else None
        footer = theme.small_size * 3.6
        if notice:  # the notice's line ends NOTICE_TOP sizes above the margin (see `footer`)
            footer = max(footer, theme.small_size * NOTICE_TOP + NOTICE_GAP_MM * MM)
        return cls(width, height, theme.margin, footer, header, inner)

    def sides(self, number: int = 1) -> tuple[float, float]:
        """(left, right) margins of page `number`."""
        if self.inner is None:
            return self.margin, self.margin
        return (self.inner, self.margin) if number % 2 else (self.margin, self.inner)

    def frame_of(self, number: int = 1) -> tuple[float, float, float, float]:
        """x, y, width, height of the text frame of page `number` (between header and footer)."""
        left, right = self.sides(number)
        bottom = self.margin + self.footer_height
        top = self.height - self.margin - self.header_height
        return (left, bottom, self.width - left - right, top - bottom)

    @property
    def frame(self) -> tuple[float, float, float, float]:
        """The text frame of an odd page (every page, unless two-sided)."""
        return self.frame_of(1)

    @property
    def frame_even(self) -> tuple[float, float, float, float] | None:
        """The text frame of even pages when it differs (two-sided), else None."""
        return self.frame_of(2) if self.inner is not None else None


NOTICE_AT = 2.2  # the draft notice's line starts this many footer sizes above the margin
NOTICE_TOP = NOTICE_AT + 1.3  # and its tallest letters end below this


def footer(
    page: PortraitPage,
    theme: Theme,
    page_label: str,
    right_text: str | Callable[[], str],
    notice: str | Callable[[], str | None] | None = None,
    *,
    script: Script = LATIN,
    logo_alt: str = "Logo",
    help_line: Sequence[str] | None = None,
) -> Callable[[Canvas, int], None]:
    """A page decorator: `Page N of M` where reading starts (left; right in right-to-left
    scripts), the lesson title and licence at the other end, and an optional notice centred
    above the rule (a draft translation says so on every page). A learner output's `help_line`
    ("Need help now? ...", the first of its wordings that fits) goes under them, so every page
    carries a number to call.

    `right_text` and `notice` may be functions, for footers that follow the section on the page.
    M is a form filled in when the document is saved; right to left, it is right-aligned at the
    left end of "صفحة N من", where that line ends.
    """
    font, size, rtl = theme.body_font, theme.small_size, script.rtl
    base = styles_for(theme, script).footer
    start = ParagraphStyle("footer-start", parent=base, alignment=TA_RIGHT if rtl else TA_LEFT)
    end = ParagraphStyle("footer-end", parent=base, alignment=TA_LEFT if rtl else TA_RIGHT)
    note_style = ParagraphStyle("footer-note", parent=base, fontName=f"{font}-Bold", alignment=TA_CENTER)
    help_style = ParagraphStyle(
        "footer-help", parent=start, fontName=f"{font}-Bold", textColor=theme.text_color
    )
    gap, count = stringWidth(" ", font, size), stringWidth("0000", font, size)
    # Footers are artifacts; a draft notice is also read once, first in the document.
    notice_tag = Tag("P", front=True, once=True)
    logo_tag = figure(logo_alt, front=True, once=True)

    def decorate(canvas: Canvas, number: int) -> None:
        header(canvas, page, theme, number, script, logo_tag)
        left_margin, right_margin = page.sides(number)
        width = page.width - left_margin - right_margin
        y = page.margin
        canvas.saveState()
        canvas.setStrokeColor(theme.rule_color)
        canvas.setLineWidth(theme.line(0.85))
        top = y + size * 1.6
        canvas.line(left_margin, top, page.width - right_margin, top)
        canvas.setFillColor(theme.muted_color)
        text = page_label.format(n=number)
        label = paragraph(plain_markup(text), start)
        label_width = line_width(label)
        # An English label on a right-to-left page ("Page 1 of", no translation yet) still
        # reads left to right: the count follows it, and room is kept for it at the margin.
        reads_rtl = base_is_rtl(text, rtl)
        shift = count + gap if rtl and not reads_rtl else 0
        _draw_line(canvas, label, left_margin, y, width - shift)
        right = right_text() if callable(right_text) else right_text
        if theme.licence:
            right = f"{right} · {theme.licence}" if right else theme.licence
        room = width - label_width - gap - count
        _draw_line(canvas, _fit(right, end, room), left_margin, y, width)
        note = notice() if callable(notice) else notice
        if note:
            notice_paragraph = tag(paragraph(plain_markup(note), note_style), notice_tag)
            _draw_line(canvas, notice_paragraph, left_margin, y + size * NOTICE_AT, width)
        if help_line:
            _draw_line(canvas, _fitted(help_line, help_style, width), left_margin, y - size * 1.7, width)
        label_left = page.width - right_margin - shift - label_width if rtl else left_margin
        if reads_rtl:
            canvas.translate(label_left - gap, y)
            canvas.doForm(PAGE_COUNT_RIGHT_FORM)
        else:
            canvas.translate(label_left + label_width + gap, y)
            canvas.doForm(PAGE_COUNT_FORM)
        canvas.restoreState()

    return decorate


def header(
    canvas: Canvas, page: PortraitPage, theme: Theme, number: int, script: Script, logo: Tag | None = None
) -> None:
    """The organisation's logo and name above the text (at the reading start of the line). The
    logo is also read once, as a Figure described by the `logo` tag."""
    if not page.header_height:
        return
    left_margin, right_margin = page.sides(number)
    height = page.header_height * 0.62
    top = page.height - page.margin
    x_logo = left_margin
    canvas.saveState()
    if theme.logo:
        image = ImageReader(io.BytesIO(theme.logo))
        w, h = image.getSize()
        logo_width = height * w / h
        x_logo = page.width - right_margin - logo_width if script.rtl else left_margin
        box = (x_logo, top - height, x_logo + logo_width, top)
        with structure(canvas, logo or figure("Logo", front=True, once=True), box):
            canvas.drawImage(image, x_logo, top - height, logo_width, height, mask="auto")
        indent = logo_width + height * 0.4
    else:
        indent = 0.0
    if theme.organisation:
        style = ParagraphStyle(
            "header", parent=styles_for(theme, script).footer, alignment=TA_RIGHT if script.rtl else TA_LEFT
        )
        width = page.width - left_margin - right_margin - indent
        x = left_margin if script.rtl else left_margin + indent
        _draw_line(
            canvas,
            paragraph(plain_markup(theme.organisation), style),
            x,
            top - height / 2 - theme.small_size * 0.35,
            width,
        )
    canvas.restoreState()


def line_width(para: Paragraph) -> float:
    """Width of a one-line paragraph's text as printed (shaped)."""
    para.wrap(1e6, 1e6)
    return max(para.getActualLineWidths0() or [0])


def _draw_line(canvas: Canvas, para: Paragraph, x: float, baseline: float, width: float) -> None:
    """Draw a one-line paragraph in a box `width` wide with its first baseline at `baseline`."""
    _, height = para.wrap(width, 1e6)
    para.drawOn(canvas, x, baseline - height + para.style.fontSize)


def metadata(lesson: Lesson, kind: str) -> Metadata:
    """PDF document information for one output of a lesson."""
    subject = lesson.summary.plain if lesson.summary else (lesson.subtitle.plain if lesson.subtitle else kind)
    return Metadata(
        title=lesson.title.plain,
        author=", ".join(a.plain for a in lesson.authors) or "lessonpress",
        subject=subject[:500],
        language=lesson.language,
        keywords=(kind, lesson.lesson_id),
    )


TIGHTER_DENSITIES = (0.8, 0.62)  # vertical space factors tried against a near-empty last page


def portrait_document(
    lesson: Lesson,
    context: LayoutContext,
    story: list | Callable[[LayoutContext], list],
    kind: str,
    *,
    duplex: bool = False,
    licence: bool = False,
    learner: bool = False,
    balanced: Callable[[LayoutContext], list] | None = None,
) -> DocumentSpec:
    """A portrait output of one lesson: its story on the theme's pages, with the footer that
    names the lesson (and its licence, or the kind of document) and the document information.

    Given a story *maker* (a function of the context) rather than a story, the document can be
    laid out again with less space between blocks, which the renderer tries when a page (the
    last, or one left almost empty before a block that moved whole to the next) would be less
    than a quarter full. A `balanced` maker, the same content with its last blocks kept
    together differently, is tried after those, as it is and then with less space.

    A `learner` output of a lesson with helplines has a help line at the foot of every page.
    """
    if callable(story):

        def laid_out(made: Callable[[LayoutContext], list], c: LayoutContext) -> DocumentSpec:
            return portrait_document(
                lesson, c, made(c), kind, duplex=duplex, licence=licence, learner=learner
            )

        others = [
            partial(laid_out, story, _denser(context, d))
            for d in TIGHTER_DENSITIES
            if d < context.theme.density
        ]
        if balanced is not None:
            # Kept together as it is, then tighter: tried only when nothing before left every
            # page at least a quarter full (a last section taller than a page moves whole).
            others.append(partial(laid_out, balanced, context))
            others += [
                partial(laid_out, balanced, _denser(context, d))
                for d in TIGHTER_DENSITIES
                if d < context.theme.density
            ]
        return dataclasses.replace(laid_out(story, context), tighter=tuple(others))
    theme = context.theme
    register_theme(theme)
    notice = draft_notice(lesson, context)
    page = PortraitPage.of(context, duplex=duplex, notice=notice is not None)
    right = lesson.title.plain
    if licence and lesson.license:
        right += f" · {lesson.license.plain}"
    elif not licence:
        right += f" · {kind}"
    return DocumentSpec(
        page_size=context.page_size,
        frame=page.frame,
        frame_even=page.frame_even,
        story=tuple(story),
        metadata=metadata(lesson, kind),
        decorate_page=footer(
            page,
            theme,
            context.labels.page_of,
            right,
            notice,
            script=script_for(lesson.language),
            logo_alt=logo_alt(context),
            help_line=help_footer(context.helplines, context.labels, script_for(lesson.language).rtl)
            if learner and lesson.helplines
            else None,
        ),
        page_count_font=(theme.body_font, theme.small_size),
    )


def _denser(context: LayoutContext, density: float) -> LayoutContext:
    return dataclasses.replace(context, theme=dataclasses.replace(context.theme, density=density))


def logo_alt(context: LayoutContext) -> str:
    """What a screen reader reads for the organisation's logo ("Logo: Example NGO")."""
    return context.labels.logo_of.format(name=context.theme.organisation or "").strip(" :")


def draft_notice(lesson: Lesson, context: LayoutContext) -> str | None:
    """The notice a draft translation prints on every page, or None."""
    if lesson.translation is not None and lesson.translation.draft:
        return context.labels.draft_notice
    return None


def _fitted(texts: Sequence[str], style: ParagraphStyle, width: float) -> Paragraph:
    """A one-line paragraph of the first text that fits `width`, else of the last one in smaller
    type (never cut: it may hold a phone number)."""
    for text in texts:
        line = paragraph(plain_markup(text), style)
        if line_width(line) <= width:
            return line
    size = style.fontSize
    while line_width(line) > width and size > 6:
        size -= 0.5
        smaller = ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.2)
        line = paragraph(plain_markup(text), smaller)
    return line


def _fit(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A one-line paragraph of the text, shortened with an ellipsis to fit `width` points."""
    whole = paragraph(plain_markup(text), style)
    if line_width(whole) <= width:
        return whole
    low, high = 0, min(len(text), int(width / (style.fontSize * 0.2)) + 1)  # no glyph < 0.2 em
    best = paragraph("…", style)
    while low < high:  # the longest prefix that fits, found by halving
        middle = (low + high + 1) // 2
        candidate = paragraph(plain_markup(text[:middle].rstrip() + "…"), style)
        if line_width(candidate) <= width:
            low, best = middle, candidate
        else:
            high = middle - 1
    return best

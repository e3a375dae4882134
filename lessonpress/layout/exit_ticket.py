"""Turn a lesson's exit-ticket questions into one sheet of two half-page tickets with a cut line.

A ticket has the lesson's title, a line for a name, at most three questions with large tick
boxes (those the lesson names, else its first three), and at its foot a way to get help. Both
tickets on the sheet are the same, so a class of thirty needs fifteen sheets. When a ticket
cannot fit half a page (large print, long questions), the sheet holds one ticket; when it cannot
fit a whole page, it is printed smaller rather than cut off. No answer is read here.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame
from reportlab.platypus.flowables import HRFlowable

from ..assess import exit_ticket
from ..model import Lesson
from ..scripts import script_for
from .base import DocumentSpec, Format, LayoutContext
from .fonts import register_theme
from .help_strip import help_strip
from .page import draft_notice, metadata
from .questions import QuestionBlocks, name_line
from .sections import layout_table
from .text import Styles, escape, paragraph, styles_for, to_markup

Story = Callable[[], list[Flowable]]
_TALL = 1e5


class ExitTicket(Format):
    """Two half-page exit tickets per sheet (A4 or Letter), to cut apart."""

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        context = ticket_context(context)
        theme = context.theme
        register_theme(theme)
        width, height = context.page_size
        styles = styles_for(theme, script_for(lesson.language))
        pad = padding(context)
        main, foot = ticket_parts(lesson, context, styles, width - 2 * pad)
        per_page = tickets_per_page(main, foot, width - 2 * pad, height, pad)
        tickets = [Ticket(main, foot, height / per_page - 0.01, pad) for _ in range(per_page)]
        return DocumentSpec(
            page_size=context.page_size,
            frame=(0, 0, width, height),
            story=tuple(tickets),
            metadata=metadata(lesson, context.labels.exit_ticket),
            decorate_page=cut_line(context, styles, per_page),
            page_count_font=(theme.body_font, theme.small_size),
        )


def ticket_context(context: LayoutContext) -> LayoutContext:
    """The context a ticket is laid out in: half a page gets type one step smaller than a
    handout's (never below 10 pt), except in large print, which keeps its size."""
    theme = context.theme
    if "large-print" in theme.presets or theme.body_size >= 18:
        return context
    size = max(round(theme.body_size * 0.9, 1), 10.0)
    smaller = dataclasses.replace(
        theme, body_size=size, small_size=min(theme.small_size, size - 1), subtitle_size=size * 1.15
    )
    return dataclasses.replace(context, theme=smaller)


# The least room between a ticket's questions and its foot, as a share of its padding (the foot
# starts with a rule, so a quarter is enough).
FOOT_GAP = 0.25


def padding(context: LayoutContext) -> float:
    """The room inside a ticket's edges (less than a page margin: a ticket is half a page)."""
    return context.theme.margin * 0.5


def tickets_on_a_sheet(lesson: Lesson, context: LayoutContext) -> int:
    """2 when the lesson's ticket fits half the page without shrinking, else 1."""
    context = ticket_context(context)
    width, height = context.page_size
    pad = padding(context)
    styles = styles_for(context.theme, script_for(lesson.language))
    main, foot = ticket_parts(lesson, context, styles, width - 2 * pad)
    return tickets_per_page(main, foot, width - 2 * pad, height, pad)


def ticket_parts(lesson: Lesson, context: LayoutContext, styles: Styles, width: float) -> tuple[Story, Story]:
    """Makers of a ticket's main part (title, name, questions) and its foot (help, notices)."""
    theme, labels = context.theme, context.labels
    title_style = ParagraphStyle(
        "ticket-title",
        parent=styles.subheading,
        fontName=f"{theme.heading_font}-Bold",
        textColor=theme.accent_color,
        fontSize=theme.subtitle_size,
        leading=theme.leading(theme.subtitle_size),
        spaceBefore=0,
        keepWithNext=0,
    )
    kind_style = ParagraphStyle(
        "ticket-kind", parent=styles.footer, alignment=TA_LEFT if styles.rtl else TA_RIGHT
    )
    blocks = QuestionBlocks(theme, labels, styles, theme.body_size * 1.3, width=width)
    printed = exit_ticket(lesson, labels.letters)
    # The kind of sheet and its licence sit beside the title, so the questions get the room.
    licence = " · ".join(x for x in (lesson.license.plain if lesson.license else "", theme.licence) if x)
    kind_markup = f"<b>{escape(labels.exit_ticket)}</b>" + (f"<br/>{escape(licence)}" if licence else "")

    def main() -> list[Flowable]:
        title = paragraph(to_markup(lesson.title, theme), title_style)
        kind = paragraph(kind_markup, kind_style)
        out: list[Flowable] = [
            layout_table([[title, kind]], [None, width * 0.25], theme, [], rtl=styles.rtl),
            name_line(labels, styles, theme),
            paragraph(escape(labels.not_a_test if printed else labels.no_questions), styles.meta),
        ]
        for p in printed:
            out += blocks.question(p)
        return out

    def foot() -> list[Flowable]:
        out: list[Flowable] = [
            HRFlowable(width="100%", thickness=theme.line(0.8), color=theme.rule_color, spaceAfter=3)
        ]
        out += help_strip(lesson, context, styles)
        notice = draft_notice(lesson, context)
        if notice:
            out.append(paragraph(f"<b>{escape(notice)}</b>", styles.footer))
        return out

    return main, foot


def natural_height(story: list[Flowable], width: float) -> float:
    """How tall a story is when laid out `width` points wide, without shrinking: laid out for
    real in a very tall frame on a scratch canvas, so indents and kept-together blocks count."""
    frame = _frame(0, 0, width, _TALL)
    frame.addFromList(list(story), Canvas(io.BytesIO()))
    return _TALL - frame._y


def _frame(x: float, y: float, width: float, height: float) -> Frame:
    return Frame(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


def tickets_per_page(main: Story, foot: Story, width: float, height: float, pad: float) -> int:
    """2 when a ticket fits half the page, else 1."""
    room = height / 2 - 2 * pad
    return 2 if natural_height(main(), width) + natural_height(foot(), width) + pad * FOOT_GAP <= room else 1


class Ticket(Flowable):
    """One ticket: its main part from the top, its foot at the bottom, `pad` inside its edges;
    a main part too tall for the room left is drawn smaller (never cut off)."""

    def __init__(self, main: Story, foot: Story, height: float, pad: float) -> None:
        super().__init__()
        self.main, self.foot, self.height, self.pad = main, foot, height, pad
        self.scale = 1.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return self.width, self.height

    def draw(self) -> None:
        canv, pad = self.canv, self.pad
        inner = self.width - 2 * pad
        foot = self.foot()
        foot_height = natural_height(foot, inner) + 1
        _frame(pad, pad, inner, foot_height).addFromList(foot, canv)
        main = self.main()
        room = self.height - 2 * pad - foot_height - pad * FOOT_GAP
        needed = natural_height(main, inner) + 1
        self.scale = min(1.0, room / needed)
        canv.saveState()
        canv.translate(pad, self.height - pad)
        canv.scale(self.scale, self.scale)
        height = room / self.scale
        _frame(0, -height, inner / self.scale, height).addFromList(main, canv)
        canv.restoreState()


def cut_line(context: LayoutContext, styles: Styles, per_page: int) -> Callable[[Canvas, int], None]:
    """A page decorator: the dashed line between two tickets, with "Cut here" at its start."""
    theme = context.theme
    style = ParagraphStyle("cut", parent=styles.footer)

    def decorate(canvas: Canvas, number: int) -> None:
        if per_page < 2:
            return
        width, height = context.page_size
        y = height / 2
        canvas.saveState()
        canvas.setStrokeColor(theme.rule_color)
        canvas.setLineWidth(theme.line(1.2))
        canvas.setDash(6, 4)
        canvas.line(theme.margin * 0.4, y, width - theme.margin * 0.4, y)
        canvas.restoreState()
        label = paragraph(escape(context.labels.cut_here), style)
        label.wrap(width - theme.margin * 0.8, 1e6)
        label.drawOn(canvas, theme.margin * 0.4, y + 2)

    return decorate

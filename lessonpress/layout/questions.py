"""Turn printed questions into flowables for learners: a question, what to do, and room to answer.

Shared by the exit ticket, the quiz and the survey form, so a question looks the same on each:
a numbered question in bold with a short instruction after it ("Tick one answer."); then
lettered options with tick boxes (in two columns when they are short), True and False side by
side, ruled lines to write on, steps with a box for their number, or words with a box for the
letter of their meaning beside the lettered meanings. Nothing here reads an answer: only
`Printed.entries`, never `Printed.key`. Right to left, boxes and indents mirror. No flowable here
needs a document (no Indenter, no KeepTogether), so a ticket can draw them in a frame of its own.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscent, stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from ..assess import Printed, letters_for
from ..labels import Labels
from ..theme import Theme
from .flowables import Inset, WriteInLines
from .sections import layout_table
from .text import Styles, escape, paragraph, to_markup


class QuestionBlocks:
    """Flowables for printed questions, in one document's styles, with boxes of `box` points."""

    def __init__(
        self,
        theme: Theme,
        labels: Labels,
        styles: Styles,
        box: float,
        *,
        width: float,
        true_false_letters: bool = False,
    ) -> None:
        self.theme, self.labels, self.styles, self.box = theme, labels, styles, box
        self.true_false_letters = true_false_letters  # a survey form: data entry types a letter
        numbered = styles.numbered
        self.indent = max(numbered.leftIndent, numbered.rightIndent)
        self.width = width - self.indent  # room for the entries of a question
        gap = max(box - numbered.leading, 0) / 2 + theme.body_size * 0.2
        self.gap = gap  # room above and below a line with a box: boxes never touch
        self.question_style = ParagraphStyle(
            f"question-{box}", parent=numbered, spaceBefore=theme.body_size * 0.45, spaceAfter=gap
        )
        self.entry_style = ParagraphStyle(
            f"entry-{box}", parent=styles.body, spaceBefore=gap, spaceAfter=gap, keepWithNext=0
        )

    def question(self, p: Printed) -> list[Flowable]:
        """One question: its text and what to do, then room to answer."""
        markup = f"<b>{to_markup(p.question.question, self.theme)}</b>"
        hint = self.hint(p)
        if hint:
            markup += f' <font color="{self.theme.muted_color}">{escape(hint)}</font>'
        head = paragraph(markup, self.question_style, bullet=f"{p.number}.")
        body = getattr(self, f"_{p.type}")(p)
        return [head, *[Inset(f, self.indent, rtl=self.styles.rtl) for f in body]]

    def hint(self, p: Printed) -> str:
        """What the learner does, in one short sentence."""
        labels = self.labels
        if p.type == "choice":
            return labels.tick_all if p.several else labels.tick_one
        return {"order": labels.order_hint, "match": labels.match_hint}.get(p.type, "")

    def tick(self, markup: str) -> TickBox:
        """A line of text with a box in front of it (to tick, or to write a number or letter in)."""
        line = self.theme.line(1.5)
        return TickBox(paragraph(markup, self.entry_style), self.box, self.theme.text_color, line)

    def columns(self, cells: list[Flowable], count: int) -> Flowable:
        """Cells in `count` columns, read across then down."""
        rows = [cells[i : i + count] for i in range(0, len(cells), count)]
        rows[-1] += [""] * (count - len(rows[-1]))
        share = f"{100 / count:.4f}%"
        return layout_table(rows, [share] * count, self.theme, self._padded(), rtl=self.styles.rtl)

    def _padded(self) -> list[tuple]:
        """Table commands that give each row the space a line with a box has outside a table."""
        return [("TOPPADDING", (0, 0), (-1, -1), self.gap), ("BOTTOMPADDING", (0, 0), (-1, -1), self.gap)]

    def _lettered(self, p: Printed) -> list[str]:
        return [f"<b>{escape(e.letter)}</b>\u2002{to_markup(e.text, self.theme)}" for e in p.entries]

    # -- one method per question type ---------------------------------------------------------

    def _choice(self, p: Printed) -> list[Flowable]:
        cells = [self.tick(m) for m in self._lettered(p)]
        style = self.entry_style
        widest = max(stringWidth(e.text.plain, style.fontName, style.fontSize) for e in p.entries)
        if len(cells) > 2 and widest + self.box * 3 < self.width / 2:  # short options: two columns
            return [self.columns(cells, 2)]
        return list(cells)

    def _true_false(self, p: Printed) -> list[Flowable]:
        answers = [escape(self.labels.true), escape(self.labels.false)]
        if self.true_false_letters:
            answers = [
                f"<b>{escape(x)}</b>\u2002{a}"
                for x, a in zip(true_false_letters(self.labels), answers, strict=True)
            ]
        return [self.columns([self.tick(a) for a in answers], 2)]

    def _short_answer(self, p: Printed) -> list[Flowable]:
        theme = self.theme
        count = p.question.lines or theme.write_in_lines
        lines = WriteInLines(
            count, theme.write_in_spacing, theme.rule_color, rtl=self.styles.rtl, line=theme.line()
        )
        return [Spacer(1, theme.write_in_spacing * 0.3), lines]

    def _order(self, p: Printed) -> list[Flowable]:
        return [self.tick(m) for m in self._lettered(p)]  # each step with a box for its number

    def _match(self, p: Printed) -> list[Flowable]:
        theme = self.theme
        terms = [self.tick(f"{n}.\u2002{to_markup(term, theme)}") for n, term in enumerate(p.terms, 1)]
        meanings = [paragraph(m, self.entry_style) for m in self._lettered(p)]
        rows = [[a, b] for a, b in zip(terms, meanings, strict=True)]
        gap = theme.body_size
        commands = [("RIGHTPADDING", (0, 0), (0, -1), gap), *self._padded()]
        return [layout_table(rows, ["38%", "62%"], theme, commands, rtl=self.styles.rtl)]


def true_false_letters(labels: Labels) -> list[str]:
    """The letters of True and False on a survey form (the first two of the language's)."""
    return letters_for(2, labels.letters)


class TickBox(Flowable):
    """A paragraph with an empty box in front of its first line (on its right, right to left),
    centred on the line's lower-case letters whatever the box's size."""

    def __init__(self, para: Paragraph, box: float, color: str, line: float) -> None:
        super().__init__()
        self.para, self.box, self.color, self.line = para, box, color, line
        self.indent = box * 1.6

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        w, h = self.para.wrap(avail_width - self.indent, avail_height)
        self.width, self.height = w + self.indent, h
        return self.width, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """A text longer than a page goes on over the next: the box stays with its first line."""
        parts = self.para.split(avail_width - self.indent, avail_height)
        if len(parts) < 2:
            return []
        rtl = getattr(self.para.style, "wordWrap", None) == "RTL"
        first = TickBox(parts[0], self.box, self.color, self.line)
        return [first, *[Inset(p, self.indent, rtl=rtl) for p in parts[1:]]]

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab's name
        return self.para.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.para.getSpaceAfter()

    def draw(self) -> None:
        canv, style = self.canv, self.para.style
        baseline = self.height - getAscent(style.fontName, style.fontSize)
        middle = baseline + style.fontSize * 0.33
        rtl = getattr(style, "wordWrap", None) == "RTL"
        canv.saveState()
        canv.setStrokeColor(self.color)
        canv.setLineWidth(self.line)
        x = self.width - self.box if rtl else 0
        canv.rect(x, middle - self.box / 2, self.box, self.box, stroke=1, fill=0)
        canv.restoreState()
        self.para.drawOn(canv, 0 if rtl else self.indent, 0)


def name_line(labels: Labels, styles: Styles, theme: Theme, *, date: bool = True) -> Flowable:
    """ "Name ______  Date ______" on one line, to write on."""
    fields = [labels.name, labels.date] if date else [labels.name]
    return LabelledLines(fields, [0.64, 0.36] if date else [1.0], styles.body, theme, rtl=styles.rtl)


class LabelledLines(Flowable):
    """Labels each followed by a ruled line to the end of its share of the width (on a
    right-to-left page the label is on the right and its line runs to the left)."""

    def __init__(
        self,
        labels: list[str],
        shares: list[float],
        style: ParagraphStyle,
        theme: Theme,
        *,
        rtl: bool = False,
    ) -> None:
        super().__init__()
        self.labels, self.shares, self.style, self.theme, self.rtl = labels, shares, style, theme, rtl

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.style.leading * 1.6
        return self.width, self.height

    def draw(self) -> None:
        canv, style, theme = self.canv, self.style, self.theme
        gap = style.fontSize * 0.4
        left = 0.0
        cells = list(zip(self.labels, self.shares, strict=True))
        for label, share in reversed(cells) if self.rtl else cells:
            cell = share * self.width
            text = paragraph(escape(label), style)
            text.wrap(cell, 1e6)
            width = max(text.getActualLineWidths0() or [0])
            text.drawOn(canv, left, 0)  # the style aligns it to the start of its cell
            baseline = text.height - getAscent(style.fontName, style.fontSize) - 1
            if self.rtl:
                start, end = left + gap * 2, left + cell - width - gap
            else:
                start, end = left + width + gap, left + cell - gap * 2
            canv.saveState()
            canv.setStrokeColor(theme.rule_color)
            canv.setLineWidth(theme.line())
            canv.line(start, baseline, end, baseline)
            canv.restoreState()
            left += cell

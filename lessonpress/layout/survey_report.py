"""Turn a survey summary into a one- or two-page report a funder can read, in the course's language.

Who answered (forms before, after, paired; rows left out and why); agreement with each statement
before and after, as a bar chart and a table; the knowledge score and the share answering each
knowledge item right, before and after; and how the numbers were counted. Numbers come only
from the summary (`evaluation.summarize`), where every group under the minimum size is already
suppressed: here it prints as a dash, and its bar is left out. Codes, names and free text never
reach this module. Charts are ReportLab graphics with numbers only on them; every word (item
texts, legends) is a paragraph, so every script prints shaped and in its direction.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..evaluation import Key
from ..labels import Labels
from ..model import Course
from ..scripts import script_for
from ..theme import Theme
from .base import DocumentSpec, LayoutContext, Metadata
from .fonts import register_theme
from .page import PortraitPage, footer
from .sections import layout_table
from .text import Styles, escape, paragraph, styles_for, to_markup

DASH = "–"
LRM = "\u200e"  # LEFT-TO-RIGHT MARK


def report_document(
    summary: dict[str, Any], key: Key, course: Course, context: LayoutContext, language: str, made_on: str
) -> DocumentSpec:
    """The report of one responses file."""
    theme, labels = context.theme, context.labels
    register_theme(theme)
    script = script_for(language)
    styles = styles_for(theme, script)
    page = PortraitPage.of(context)
    story = ReportStory(summary, key, theme, labels, styles, page.frame[2]).build(course, made_on)
    title = f"{labels.survey_report}: {course.title.plain}"
    return DocumentSpec(
        page_size=context.page_size,
        frame=page.frame,
        story=tuple(story),
        metadata=Metadata(title, "lessonpress", labels.survey_report, language, (labels.survey_report,)),
        decorate_page=footer(page, theme, labels.page_of, title, script=script),
        page_count_font=(theme.body_font, theme.small_size),
    )


class ReportStory:
    """The report's flowables."""

    def __init__(
        self, summary: dict[str, Any], key: Key, theme: Theme, labels: Labels, styles: Styles, width: float
    ) -> None:
        self.summary, self.key, self.theme, self.labels, self.styles = summary, key, theme, labels, styles
        self.width = width
        self.number = ParagraphStyle("report-number", parent=styles.body, alignment=TA_RIGHT)
        card = styles.card
        self.small = ParagraphStyle(
            "report-item", parent=styles.numbered, fontSize=card.fontSize, leading=card.leading, spaceAfter=0
        )

    def build(self, course: Course, made_on: str) -> list[Flowable]:
        s, labels = self.styles, self.labels
        out: list[Flowable] = [
            paragraph(to_markup(course.title, self.theme), s.title),
            paragraph(escape(labels.survey_report), s.subtitle),
            paragraph(escape(f"{labels.report_intro} {labels.made_on.format(date=made_on)}"), s.meta),
        ]
        out += self.who()
        if self.key.statements:
            out += self.agreement()
        if self.key.knowledge:
            out += self.knowledge()
        out.append(paragraph(escape(labels.how_counted), s.meta))
        return out

    # -- pieces -------------------------------------------------------------------------------

    def heading(self, text: str) -> Flowable:
        return paragraph(escape(text), self.styles.heading)

    def cell(self, value: Any, fmt: str = "{}") -> Flowable:
        # A left-to-right mark keeps a sign before its number on a right-to-left page ("+0.5").
        mark = LRM if self.styles.rtl else ""
        return paragraph(escape(DASH if value is None else mark + fmt.format(value)), self.number)

    def table(self, rows: list[list], widths: list) -> Flowable:
        theme = self.theme
        commands = [
            ("LINEBELOW", (0, 0), (-1, 0), theme.line(1.2), theme.accent_color),
            ("LINEBELOW", (0, 1), (-1, -1), theme.line(0.5), theme.rule_color),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-2, -1), 6),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        return layout_table(rows, widths, theme, commands, rtl=self.styles.rtl)

    def head(self, *names: str) -> list[Flowable]:
        first, *rest = names
        bold = ParagraphStyle("report-head", parent=self.number, fontName=f"{self.theme.body_font}-Bold")
        return [
            paragraph(f"<b>{escape(first)}</b>", self.styles.body),
            *[paragraph(escape(n), bold) for n in rest],
        ]

    def legend(self) -> Flowable:
        """Before and after, each with its bar colour (words as paragraphs, not in the chart)."""
        cells: list = []
        for label, color in (
            (self.labels.before, self.theme.rule_color),
            (self.labels.after, self.theme.accent_color),
        ):
            cells += [Swatch(color, self.theme.body_size * 0.8), paragraph(escape(label), self.styles.body)]
        size = self.theme.body_size * 1.3
        return layout_table(
            [cells], [size, self.width * 0.2, size, None], self.theme, [], rtl=self.styles.rtl
        )

    def chart(self, rows: list[tuple[int, float | None, float | None]]) -> Flowable:
        """Bars of two shares (0 to 1) per item, before and after; a suppressed share has none."""
        theme = self.theme
        bar = theme.body_size * 0.8
        height = len(rows) * bar * 2.9 + theme.body_size * 2.2
        drawing = Drawing(self.width, height)
        chart = HorizontalBarChart()
        chart.x, chart.y = theme.body_size * 2.4, theme.body_size * 1.6
        chart.width, chart.height = self.width - chart.x - theme.body_size, height - chart.y - 4
        # Bottom to top in a horizontal chart: reverse, so item 1 is at the top.
        ordered = list(reversed(rows))
        # In each group the first series is drawn lowest: after first, so before is on top.
        chart.data = [
            [0 if a is None else a * 100 for _, _, a in ordered],
            [0 if b is None else b * 100 for _, b, _ in ordered],
        ]
        chart.categoryAxis.categoryNames = [str(n) for n, _, _ in ordered]
        chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
        chart.valueAxis.labelTextFormat = "%d%%"
        for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
            axis.fontName, axis.fontSize = theme.body_font, theme.small_size
        chart.bars[0].fillColor = HexColor(theme.accent_color)
        chart.bars[1].fillColor = HexColor(theme.rule_color)
        chart.bars.strokeColor = None
        chart.barWidth, chart.groupSpacing, chart.barSpacing = bar, bar * 0.9, 1
        chart.valueAxis.gridStrokeColor = HexColor(theme.rule_color)
        chart.valueAxis.visibleGrid = 1
        drawing.add(chart)
        return drawing

    # -- sections -----------------------------------------------------------------------------

    def who(self) -> list[Flowable]:
        labels, counts, rows_info = self.labels, self.summary["respondents"], self.summary["rows"]
        rows = [
            [paragraph(escape(labels.before), self.styles.body), self.cell(counts["pre"])],
            [paragraph(escape(labels.after), self.styles.body), self.cell(counts["post"])],
            [paragraph(escape(labels.paired), self.styles.body), self.cell(counts["paired"])],
        ]
        out: list[Flowable] = [
            self.heading(labels.who_answered),
            self.table([self.head(labels.forms_used, ""), *rows], [None, self.width * 0.2]),
        ]
        if rows_info["invalid"]:
            lines = ", ".join(str(n) for n in rows_info["invalid_lines"])
            text = labels.rows_left_out.format(n=rows_info["invalid"], lines=lines)
            out.append(paragraph(escape(text), self.styles.meta))
        if rows_info["without_consent"]:
            text = labels.without_consent.format(n=rows_info["without_consent"])
            out.append(paragraph(escape(text), self.styles.meta))
        if self.summary["suppressed"]:
            text = labels.small_groups.format(n=self.summary["min_group"])
            out.append(paragraph(f"<b>{escape(text)}</b>", self.styles.meta))
        return out

    def agreement(self) -> list[Flowable]:
        labels = self.labels
        stats = {row["id"]: row for row in self.summary["statements"]}
        bars = [
            (i.number, stats[i.id]["pre"]["agree"], stats[i.id]["post"]["agree"]) for i in self.key.statements
        ]
        rows = [self.head(labels.item, labels.before, labels.after, labels.change)]
        for item in self.key.statements:
            row = stats[item.id]
            rows.append(
                [
                    paragraph(escape(item.text), self.small, bullet=f"{item.number}."),
                    self.cell(row["pre"]["mean"], "{:.1f}"),
                    self.cell(row["post"]["mean"], "{:.1f}"),
                    self.cell(_signed(row["paired"]["mean_change"], 1)),
                ]
            )
        column = self.width * 0.13
        return [
            KeepTogether(
                [
                    self.heading(labels.agreement),
                    paragraph(escape(labels.agree_share), self.styles.meta),
                    self.legend(),
                    self.chart(bars),
                ]
            ),
            self.table(rows, [None, column, column, column * 1.3]),
        ]

    def knowledge(self) -> list[Flowable]:
        labels, data = self.labels, self.summary["knowledge"]
        score = data["score"]
        stats = {row["id"]: row for row in data["items"]}
        bars = [
            (i.number, stats[i.id]["pre"]["right"], stats[i.id]["post"]["right"]) for i in self.key.knowledge
        ]
        rows = [self.head(labels.item, labels.before, labels.after)]
        for item in self.key.knowledge:
            row = stats[item.id]
            rows.append(
                [
                    paragraph(escape(item.text), self.small, bullet=f"{item.number}."),
                    self.cell(_percent(row["pre"]["right"])),
                    self.cell(_percent(row["post"]["right"])),
                ]
            )
        summary_rows = [
            self.head("", labels.before, labels.after, labels.change),
            [
                paragraph(escape(labels.knowledge_score), self.styles.body),
                self.cell(_percent(score["pre"]["mean"])),
                self.cell(_percent(score["post"]["mean"])),
                self.cell(_points(score["paired"]["mean_change"])),
            ],
        ]
        column = self.width * 0.13
        return [
            KeepTogether(
                [
                    self.heading(labels.knowledge),
                    self.table(summary_rows, [None, column, column, column * 1.3]),
                    Spacer(1, self.theme.body_size * 0.6),
                    paragraph(escape(labels.right_share), self.styles.meta),
                    self.legend(),
                    self.chart(bars),
                ]
            ),
            self.table(rows, [None, column, column]),
        ]


def _percent(share: float | None) -> str | None:
    return None if share is None else f"{share * 100:.0f}%"


def _points(change: float | None) -> str | None:
    """A change of a share in percentage points: "+4", "-2", "0"."""
    return None if change is None else _signed(change * 100, 0)


def _signed(value: float | None, digits: int) -> str | None:
    """A change with its sign, and none when it rounds to nothing ("0.0", never "-0.0")."""
    if value is None:
        return None
    text = f"{value:+.{digits}f}"
    return text[1:] if float(text) == 0 else text


class Swatch(Flowable):
    """A small filled square: the colour of a chart's bars, beside its legend word."""

    def __init__(self, color: str, size: float) -> None:
        super().__init__()
        self.color, self.size = color, size
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        drawing = Drawing(self.size, self.size)
        drawing.add(Rect(0, 0, self.size, self.size, fillColor=HexColor(self.color), strokeColor=None))
        drawing.drawOn(self.canv, 0, 0)

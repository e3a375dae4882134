"""Sections that several portrait formats share: title block, word lists, boxes, resources.

Each method returns the flowables of one section; a format (handout, guide, a pack of either)
chooses which sections to use and in what order. Bookmark keys carry a prefix so that a pack of
many lessons still has unique, deterministic destinations. On a right-to-left page the sections
mirror: bullets, numbers and tick boxes on the right, tables read from the right.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import FrameBG, HRFlowable

from ..helplines import RegionHelplines, region_name
from ..labels import Labels, around
from ..markup import RichText
from ..model import Helpline, Lesson, Resource
from ..theme import Theme
from ..urls import phone_link
from .direction import mirror_commands, mirror_rows, mirror_widths
from .flowables import CheckItem, Heading, WriteInLines, qr_code
from .text import Styles, escape, para, paragraph, to_markup


class Sections:
    """Builds the flowables of a lesson's sections; formats pick and order them."""

    def __init__(
        self,
        lesson: Lesson,
        theme: Theme,
        labels: Labels,
        styles: Styles,
        *,
        key: str = "",
        title_level: int = 0,
        section_level: int = 0,
        helplines: RegionHelplines | None = None,
    ) -> None:
        self.lesson = lesson
        self.theme = theme
        self.labels = labels
        self.styles = styles
        self.sections = 0
        self.key = key
        self.title_level = title_level
        self.section_level = section_level
        self.helpline_list = helplines

    # -- pieces -------------------------------------------------------------------------

    def heading(self, label: str, style=None) -> Heading:  # noqa: ANN001
        self.sections += 1
        return Heading(
            escape(label),
            style or self.styles.heading,
            label,
            f"{self.key}s{self.sections}",
            self.section_level,
        )

    def text(self, value: RichText | str, style=None, **kw) -> Paragraph:  # noqa: ANN001, ANN003
        return para(value, style or self.styles.body, self.theme, **kw)

    # -- sections -----------------------------------------------------------------------

    def header(self, *, facts: bool = True) -> list[Flowable]:
        lesson, s = self.lesson, self.styles
        title = Heading(
            to_markup(lesson.title, self.theme),
            s.title,
            lesson.title.plain,
            f"{self.key}s0",
            self.title_level,
        )
        out: list[Flowable] = [title]
        if lesson.subtitle:
            out.append(self.text(lesson.subtitle, s.subtitle))
        line = self.facts() if facts else []
        if line:
            out.append(paragraph(" · ".join(line), s.meta))
        out.append(
            HRFlowable(
                width="100%",
                thickness=self.theme.line(2),
                color=self.theme.accent_color,
                spaceBefore=4,
                spaceAfter=8,
            )
        )
        if lesson.summary:
            out.append(self.text(lesson.summary))
        return out

    def facts(self, audience: str | None = None, duration: str | None = None) -> list[str]:
        """Audience, ages and length as markup items; labels as given (the guide's are longer)."""
        lesson, labels = self.lesson, self.labels
        facts = []
        if lesson.audience:
            audience_markup = to_markup(lesson.audience, self.theme)
            facts.append(labelled(audience or labels.audience, "audience", audience_markup))
        if lesson.age_range:
            facts.append(labelled(labels.ages, "ages", to_markup(lesson.age_range, self.theme)))
        if lesson.duration_minutes:
            minutes = escape(labels.minutes.format(n=lesson.duration_minutes))
            facts.append(labelled(duration, "minutes", minutes) if duration else minutes)
        return facts

    def objectives(self) -> list[Flowable]:
        items = [self.text(o, self.styles.bullet, bullet="•") for o in self.lesson.objectives]
        return [self.heading(self.labels.objectives), *items]

    def vocabulary(self) -> list[Flowable]:
        if not self.lesson.vocabulary:
            return []
        out: list[Flowable] = [self.heading(self.labels.vocabulary)]
        for item in self.lesson.vocabulary:
            markup = f"<b>{to_markup(item.term, self.theme)}</b> — {to_markup(item.definition, self.theme)}"
            out.append(paragraph(markup, self.styles.bullet, bullet="•"))
        return out

    def headed(
        self, heading: Flowable, groups: list[tuple[list[Flowable], list[Flowable]]]
    ) -> list[Flowable]:
        """A heading and groups of (start kept together, rest that may break): the heading
        always goes with the first group's start, never alone at the foot of a page."""
        out: list[Flowable] = []
        for i, (kept, rest) in enumerate(groups):
            out += [KeepTogether([heading, *kept] if i == 0 else kept), *rest]
        return out or [heading]

    def prompts(self) -> list[Flowable]:
        theme = self.theme
        numbered = self.styles.numbered
        groups: list[Flowable] = []
        for n, prompt in enumerate(self.lesson.discussion_prompts, 1):
            question = self.text(prompt.prompt, numbered, bullet=f"{n}.")
            lines = WriteInLines(
                theme.write_in_lines,
                theme.write_in_spacing,
                theme.rule_color,
                indent=max(numbered.leftIndent, numbered.rightIndent),
                rtl=self.styles.rtl,
                line=theme.line(),
            )
            groups.append(([question, lines, Spacer(1, theme.body_size * 0.6)], []))
        return self.headed(self.heading(self.labels.discussion), groups)

    def activities(self) -> list[Flowable]:
        if not self.lesson.activities:
            return []
        groups = []
        for activity in self.lesson.activities:
            title = to_markup(activity.title, self.theme)
            if activity.minutes:
                title += f" ({escape(self.labels.minutes_short.format(n=activity.minutes))})"
            block: list[Flowable] = [paragraph(title, self.styles.subheading)]
            block += [
                self.text(step, self.styles.numbered, bullet=f"{i}.")
                for i, step in enumerate(activity.steps, 1)
            ]
            groups.append((block[:3], block[3:]))
        return self.headed(self.heading(self.labels.activities), groups)

    def warning_signs(self) -> list[Flowable]:
        if not self.lesson.warning_signs:
            return []
        theme = self.theme
        out: list[Flowable] = [
            self.heading(self.labels.warning_signs),
            self.text(self.labels.warning_signs_intro, self.styles.meta),
        ]
        for sign in self.lesson.warning_signs:
            out.append(CheckItem(self.text(sign), theme.body_size * 0.85, theme.text_color, theme.line(1.5)))
        return out

    def takeaways(self) -> list[Flowable]:
        s = self.styles
        items = [self.text(t, s.box_item, bullet="•") for t in self.lesson.key_takeaways]
        return self.boxed([self.heading(self.labels.key_takeaways, s.box_heading), *items])

    def boxed(self, rows: list[Flowable]) -> list[Flowable]:
        """Flowables in a tinted, outlined box that may continue on the next page (its heading
        never sits alone at the bottom of a page). Without a fill (ink saver) only the outline."""
        theme = self.theme
        return [
            CondPageBreak(theme.body_size * 8),
            Spacer(1, theme.body_size * 0.75),
            FrameBG(
                color=theme.box_color, start=True, strokeColor=theme.accent_color, strokeWidth=theme.line(1.4)
            ),
            KeepTogether(rows[:2]),
            *rows[2:],
            Spacer(1, theme.body_size * 0.5),
            FrameBG(start=False),
        ]

    def resources(self) -> list[Flowable]:
        if not self.lesson.resources:
            return []
        return [self.heading(self.labels.resources), self.cards(self.lesson.resources)]

    def helplines(self) -> list[Flowable]:
        found = self.helpline_list
        if not self.lesson.helplines or found is None:
            return []
        labels = self.labels
        title = labels.helplines_for.format(region=region_name(found.region, labels))
        out: list[Flowable] = [self.heading(title)]
        if found.international:
            out.append(self.text(labels.find_helpline, self.styles.meta))
        if found.entries:
            out.append(self.cards(found.entries))
        return out

    def cards(self, items: Sequence[Resource | Helpline]) -> Flowable:
        """Services as cards, two to a row: name, who it is for, how to reach it, a QR code."""
        cells = [self.card(item) for item in items]
        rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
        return layout_table(
            rows,
            ["50%", "50%"],
            self.theme,
            [
                ("RIGHTPADDING", (0, 0), (0, -1), 8),
                ("LEFTPADDING", (1, 0), (1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ],
            rtl=self.styles.rtl,
        )

    def card(self, item: Resource | Helpline) -> Flowable | list[Flowable]:
        """One service: its text beside a QR code of its web address."""
        theme, labels, s = self.theme, self.labels, self.styles
        lines = [f"<b>{to_markup(item.name, theme)}</b>"]
        if item.description:
            lines.append(to_markup(item.description, theme))
        hours = getattr(item, "hours", None)
        if hours:
            lines.append(labelled(labels.hours, "hours", to_markup(hours, theme), bold=False))
        if item.phone:
            lines.append(
                _contact(labels.phone, "phone", item.phone.plain, phone_link(item.phone.plain), theme)
            )
        if item.text:
            lines.append(labelled(labels.text, "text", to_markup(item.text, theme), bold=False))
        if item.url:
            lines.append(_contact(labels.web, "web", _display_url(item.url), item.url, theme))
        # One paragraph per line, so each line takes its own direction (an English helpline
        # description in an Arabic handout reads left to right; its Arabic labels do not).
        text = [paragraph(line, s.card) for line in lines]
        size = theme.body_size * 4.6
        code = qr_code(item.url, size) if item.url else None
        if code is None:
            return text
        return layout_table(
            [[text, code]], [None, size + 4], theme, [("LEFTPADDING", (1, 0), (1, 0), 4)], rtl=s.rtl
        )

    def sources(self) -> list[Flowable]:
        if not self.lesson.sources:
            return []
        out: list[Flowable] = [self.heading(self.labels.sources)]
        for source in self.lesson.sources:
            markup = to_markup(source.title, self.theme)
            if source.url:
                markup += " — " + _link(source.url, source.url, self.theme)
            out.append(paragraph(markup, self.styles.source, bullet="•"))
        return out


def layout_table(
    rows: list[list], widths: list, theme: Theme, commands: list[tuple], *, rtl: bool = False
) -> Table:
    """A borderless table used for layout (cards, columns): no padding unless asked for.

    Rows, widths and commands are given in reading order; `rtl` mirrors them. The FONT command
    matters: without it ReportLab sets Helvetica in every cell, and an unembedded Helvetica
    reference ends up in the PDF even when no cell draws text with it.
    """
    table = Table(
        mirror_rows(rows, rtl),
        colWidths=mirror_widths(widths, rtl),
        splitInRow=1,
        hAlign="RIGHT" if rtl else "LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), theme.body_font, theme.body_size),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                *mirror_commands(commands, len(widths), rtl),
            ]
        )
    )
    return table


def _link(href: str, label: str, theme: Theme) -> str:
    return f'<a href="{escape(href)}" color="{theme.link_color}"><u>{escape(label)}</u></a>'


def _contact(pattern: str, name: str, shown: str, href: str | None, theme: Theme) -> str:
    value = _link(href, shown, theme) if href else escape(shown)
    return labelled(pattern, name, value, bold=False)


def labelled(pattern: str, name: str, value: str, bold: bool = True) -> str:
    """Markup of a label pattern (`For: {audience}`) around a value's markup; the label's words
    bold, their spacing and punctuation as the translation has them."""
    before, after = around(pattern, name)
    return _words(before, bold) + value + _words(after, bold)


def _words(text: str, bold: bool) -> str:
    core = text.strip()
    if not core or not bold:
        return escape(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{escape(lead)}<b>{escape(core)}</b>{escape(trail)}"


def _display_url(url: str) -> str:
    """How a web address is printed: without `https://` and a trailing slash."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
    return url.rstrip("/") if url.count("/") <= 1 else url

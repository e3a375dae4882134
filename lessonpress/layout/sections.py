"""Sections that several portrait formats share: title block, word lists, boxes, resources.

Each method returns the flowables of one section; a format (handout, guide, a pack of either)
chooses which sections to use and in what order. Bookmark keys carry a prefix so that a pack of
many lessons still has unique, deterministic destinations. On a right-to-left page the sections
mirror: bullets, numbers and tick boxes on the right, tables read from the right.
"""

from __future__ import annotations

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.flowables import FrameBG, HRFlowable

from ..labels import Labels
from ..markup import RichText
from ..model import Lesson
from ..regions import RegionHelplines
from ..theme import Theme
from .flowables import CheckItem, Heading, WriteInLines
from .help import HELP_KEY, Cards, HelpPanel, grid
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
        in_pack: bool = False,
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
        self.in_pack = in_pack  # the pack prints one helpline directory and source list

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
            label = escape(audience or labels.audience)
            facts.append(f"<b>{label}:</b> {to_markup(lesson.audience, self.theme)}")
        if lesson.age_range:
            facts.append(f"<b>{escape(labels.ages)}:</b> {to_markup(lesson.age_range, self.theme)}")
        if lesson.duration_minutes:
            minutes = escape(labels.minutes.format(n=lesson.duration_minutes))
            facts.append(f"<b>{escape(duration)}:</b> {minutes}" if duration else minutes)
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
        """The lesson's own services and pages, less those the "Get help" panel prints (a
        service prints once) and those that work only in another region."""
        resources = self.lesson.resources
        if self.lesson.helplines and self.helpline_list is not None:
            resources = self.helpline_list.resources(resources)
        if not resources:
            return []
        return [self.heading(self.labels.resources), self.cards().table(resources)]

    def helplines(self) -> list[Flowable]:
        """The "Get help" panel; in a pack, a pointer to the pack's one helpline directory."""
        found = self.helpline_list
        if not self.lesson.helplines or found is None:
            return []
        if self.in_pack:
            from .pack import ContentsEntry  # the pack's own contents line, with its number

            return [ContentsEntry(escape(self.labels.help_pointer), self.styles.body, HELP_KEY, 0)]
        return HelpPanel(
            found,
            self.theme,
            self.labels,
            self.styles,
            self.lesson.language,
            key=f"{self.key}help",
            level=self.section_level,
        ).story()

    def cards(self) -> Cards:
        """Service cards in this document's styles."""
        return Cards(self.theme, self.labels, self.styles)

    def sources(self) -> list[Flowable]:
        if not self.lesson.sources or self.in_pack:
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
    """A borderless table used for layout (columns): no padding unless asked for; rows may split.

    Rows, widths and commands are given in reading order; `rtl` mirrors them.
    """
    return grid(rows, widths, theme, commands, rtl=rtl, split_in_row=True)


def _link(href: str, label: str, theme: Theme) -> str:
    return f'<a href="{escape(href)}" color="{theme.link_color}"><u>{escape(label)}</u></a>'

"""Sections that several portrait formats share: title block, word lists, boxes, resources.

Each method returns the flowables of one section; a format (handout, guide, a pack of either)
chooses which sections to use and in what order. Bookmark keys carry a prefix so that a pack of
many lessons still has unique, deterministic destinations. On a right-to-left page the sections
mirror: bullets, numbers and tick boxes on the right, tables read from the right.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.flowables import HRFlowable

from ..labels import ENGLISH, Labels
from ..markup import RichText
from ..model import Lesson
from ..regions import RegionHelplines
from ..theme import Theme
from ..urls import url_host
from .boxes import BoxStyle, Callout
from .flowables import CheckItem, Heading, WriteInLines
from .help import HELP_KEY, Cards, HelpPanel, grid
from .tagging.roles import Tag, artifact, container, heading, tag
from .text import Styles, escape, labelled, para, paragraph, to_markup


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
        heading_level: int = 1,
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
        self.writes_names = False  # a worksheet (the handout): the header may ask for names
        self.heading_level = heading_level  # the title's H level; sections are one deeper
        self.in_pack = in_pack  # the pack prints one helpline directory and source list

    # -- pieces -------------------------------------------------------------------------

    def heading(self, label: str, style=None) -> Heading:  # noqa: ANN001
        self.sections += 1
        made = Heading(
            escape(label),
            style or self.styles.heading,
            label,
            f"{self.key}s{self.sections}",
            self.section_level,
        )
        return tag(made, heading(self.heading_level + 1, lang=self.label_language(label)))

    def text(self, value: RichText | str, style=None, **kw) -> Paragraph:  # noqa: ANN001, ANN003
        made = para(value, style or self.styles.body, self.theme, **kw)
        lang = self.label_language(value) if isinstance(value, str) else None
        return tag(made, Tag("P", lang=lang)) if lang and not kw.get("bullet") else made

    def label_language(self, label: str) -> str | None:
        """ "en" for one of lessonpress's own labels still in English on a page in another
        language (its catalog lacks it), so a screen reader reads it as English; else None."""
        if self.lesson.language.split("-")[0] == "en" or label not in english_labels():
            return None
        return "en"

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
        out: list[Flowable] = [tag(title, heading(self.heading_level))]
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
                spaceAfter=self.theme.space(8),
            )
        )
        if self.writes_names:
            out += self.name_line()
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
        if lesson.age_range and not _says_ages(lesson.audience, lesson.age_range):
            facts.append(labelled(labels.ages, "ages", to_markup(lesson.age_range, self.theme)))
        if lesson.duration_minutes:
            minutes = escape(labels.minutes.format(n=lesson.duration_minutes))
            facts.append(labelled(duration, "minutes", minutes) if duration else minutes)
        return facts

    def name_line(self) -> list[Flowable]:
        """A Name / Date / Group line to write on, when the lesson asks for one (see
        `wants_name_line`): lines under each label, the name's the longest."""
        if not wants_name_line(self.lesson):
            return []
        theme, labels = self.theme, self.labels
        cells = [
            paragraph(f"<b>{escape(label)}:</b>", self.styles.body)
            for label in (labels.name, labels.date, labels.group)
        ]
        rule = ("LINEBELOW", theme.line(0.8), theme.rule_color)
        commands: list[tuple] = [
            ("TOPPADDING", (0, 0), (-1, -1), theme.body_size * 0.8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), theme.body_size * 0.2),
            *[(rule[0], (c, 0), (c, 0), rule[1], rule[2]) for c in (0, 2, 4)],
        ]
        row = [cells[0], "", cells[1], "", cells[2]]
        table = layout_table([row], ["46%", "4%", "26%", "4%", "20%"], theme, commands, rtl=self.styles.rtl)
        return [table, Spacer(1, theme.space(8))]

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
            # Lines to write on are decoration; the question they answer is read before them.
            tag(lines, artifact("Layout", extra={"Contents": prompt.prompt.plain}))
            groups.append(([question, lines, Spacer(1, theme.space(theme.body_size * 0.6))], []))
        return self.headed(self.heading(self.labels.discussion), groups)

    def activities(self) -> list[Flowable]:
        if not self.lesson.activities:
            return []
        groups = []
        for activity in self.lesson.activities:
            title = to_markup(activity.title, self.theme)
            if activity.minutes:
                title += f" ({escape(self.labels.minutes_short.format(n=activity.minutes))})"
            block: list[Flowable] = [
                tag(paragraph(title, self.styles.subheading), heading(self.heading_level + 2))
            ]
            block += [
                self.text(step, self.styles.numbered, bullet=f"{i}.")
                for i, step in enumerate(activity.steps, 1)
            ]
            groups.append((block[:3], block[3:]))
        return self.headed(self.heading(self.labels.activities), groups)

    def warning_signs(self) -> list[Flowable]:
        """The warning signs as a checklist, kept on one page with its heading when it fits."""
        if not self.lesson.warning_signs:
            return []
        theme = self.theme
        out: list[Flowable] = [
            self.heading(self.labels.warning_signs),
            self.text(self.labels.warning_signs_intro, self.styles.meta),
        ]
        item = Tag("LI", within=(container("L", f"{self.key}signs"),))
        for sign in self.lesson.warning_signs:
            text = tag(self.text(sign), Tag("LI", within=item.within))  # the tick box is decoration
            out.append(CheckItem(text, theme.body_size * 0.85, theme.text_color, theme.line(1.5)))
        return [KeepTogether(out)]

    def takeaways(self) -> list[Flowable]:
        s = self.styles
        items = [self.text(t, s.box_item, bullet="•") for t in self.lesson.key_takeaways]
        return self.boxed(self.labels.key_takeaways, items)

    def boxed(
        self, title: str, rows: list[Flowable], *, keep: bool = True, tint: bool = True
    ) -> list[Flowable]:
        """A titled callout: rows in a tinted, outlined box, kept on one page when it fits; a box
        that must split carries "(continued)" after its title. Without a fill (ink saver,
        high contrast, or `tint=False`) only the outline."""
        s = self.styles
        heading = self.heading(title, s.box_heading)

        def continued() -> Flowable:  # a running head: its heading was read where the box began
            made = paragraph(escape(self.labels.continued.format(title=title)), s.box_heading)
            return tag(made, artifact("Pagination"))

        return [Callout([heading, *rows], self.box_style(tint=tint), continued, keep=keep)]

    def box_style(self, *, tint: bool = True, space: float | None = None) -> BoxStyle:
        """The theme's callout look: its box fill and an accent outline."""
        theme = self.theme
        gap = theme.space(theme.body_size * 0.9) if space is None else space
        return BoxStyle(
            theme.box_color if tint else None,
            theme.accent_color,
            theme.line(1.4),
            theme.body_size * 0.8,
            gap,
            gap,
        )

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

            pointer = self.labels.help_pointer
            return [ContentsEntry(escape(pointer), self.styles.body, HELP_KEY, 0, title=pointer)]
        return HelpPanel(
            found,
            self.theme,
            self.labels,
            self.styles,
            self.lesson.language,
            key=f"{self.key}help",
            level=self.section_level,
            heading_level=self.heading_level + 1,
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

    def compact_sources(self) -> list[Flowable]:
        """Sources as one small closing paragraph (learner outputs): each title with its site's
        name, linked to the full address. The guide prints them in full (`sources`)."""
        if not self.lesson.sources or self.in_pack:  # a pack has one source list at the back
            return []
        items = []
        for source in self.lesson.sources:
            markup = to_markup(source.title, self.theme)
            if source.url:
                markup += " (" + _link(source.url, url_host(source.url), self.theme) + ")"
            items.append(markup)
        text = f"<b>{escape(self.labels.sources)}:</b> " + "; ".join(items)
        style = self.styles.small
        rule = HRFlowable(
            width="100%",
            thickness=self.theme.line(0.85),
            color=self.theme.rule_color,
            spaceBefore=self.theme.space(self.theme.body_size),
            spaceAfter=4,
        )
        return [
            KeepTogether(
                [
                    rule,
                    paragraph(
                        text,
                        ParagraphStyle("compact-sources", parent=style, textColor=self.theme.muted_color),
                    ),
                ]
            )
        ]


NAME_LINE_SECTIONS = ("teens", "preteens")  # audiences who hand in worksheets


def wants_name_line(lesson: Lesson) -> bool:
    """The lesson's `name_line` when it says; else yes for the learner audiences whose lesson id
    starts with a word in NAME_LINE_SECTIONS (teens-3-sextortion), no for parents and educators."""
    if lesson.name_line is not None:
        return lesson.name_line
    return lesson.lesson_id.split("-")[0] in NAME_LINE_SECTIONS


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def _says_ages(audience: RichText | None, age_range: RichText) -> bool:
    """True when the audience already names the age range ("Teens (13–17)" and "13-17"), so
    the header does not say it twice."""
    ages = _numbers(age_range.plain)
    if audience is None or not ages:
        return False
    return ages == _numbers(audience.plain)[-len(ages) :]


@cache
def english_labels() -> frozenset[str]:
    """Every label as lessonpress writes it in English."""
    return frozenset(v for v in dataclasses.asdict(ENGLISH).values() if isinstance(v, str))


def layout_table(
    rows: list[list], widths: list, theme: Theme, commands: list[tuple], *, rtl: bool = False
) -> Table:
    """A borderless table used for layout (columns): no padding unless asked for; rows may split.

    Rows, widths and commands are given in reading order; `rtl` mirrors them.
    """
    return grid(rows, widths, theme, commands, rtl=rtl, split_in_row=True)


def _link(href: str, label: str, theme: Theme) -> str:
    return f'<a href="{escape(href)}" color="{theme.link_color}"><u>{escape(label)}</u></a>'

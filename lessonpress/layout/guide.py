"""Turn a Lesson into the facilitator guide: everything the person leading the session needs.

In the order a facilitator prepares and runs a session: an at-a-glance box (audience, duration,
materials, objectives) and the safeguarding box, both starting on page 1, before anything else
is taught; the run sheet, a lesson plan on a running clock that says what to say and do, in the
order and with the minutes of the lesson's timing plan (`timing.py`, shared with the slides and
notes pages); every discussion prompt with its notes and follow-ups in tinted callouts; the
activities step by step with theirs; words to know; warning signs and takeaways; facilitator
notes; help and resources; sources in full; the answer key of the lesson's check questions.
This is the one portrait format that prints facilitator-only content.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from ..model import Activity, Lesson
from ..scripts import script_for
from ..timing import clock, plan_timing
from .answer_key import answer_key_section
from .base import DocumentSpec, Format, LayoutContext
from .boxes import Callout
from .direction import mirror_commands, mirror_rows, mirror_widths
from .flowables import kept_together
from .page import portrait_document
from .sections import Sections
from .tagging.roles import Tag, container, heading, tag
from .text import escape, paragraph, styles_for, to_markup


class Guide(Format):
    """The facilitator guide (portrait, A4 or Letter)."""

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        return portrait_document(
            lesson,
            context,
            lambda c: guide_story(lesson, c) + answer_key_section(lesson, c),
            context.labels.guide,
            duplex=True,
            balanced=lambda c: balanced_story(lesson, c),
        )


def balanced_story(lesson: Lesson, context: LayoutContext) -> list[Flowable]:
    """The guide with its last section (the answer key, else the sources) kept whole, so the
    last page is not left with its last few lines: the renderer's re-layout tries it when the
    tighter spacings did not save that page."""
    key = answer_key_section(lesson, context)
    if key:
        return guide_story(lesson, context) + [kept_together(key)]
    return guide_story(lesson, context, last_kept=True)


def guide_story(
    lesson: Lesson,
    context: LayoutContext,
    *,
    key: str = "",
    title_level: int = 0,
    section_level: int = 0,
    heading_level: int = 1,
    last_kept: bool = False,
) -> list[Flowable]:
    """The guide's flowables; a facilitator binder calls this per lesson. `last_kept` keeps its
    last section whole (see `balanced_story`)."""
    styles = styles_for(context.theme, script_for(lesson.language))
    g = GuideSections(
        lesson,
        context.theme,
        context.labels,
        styles,
        key=key,
        title_level=title_level,
        section_level=section_level,
        helplines=context.helplines,
        heading_level=heading_level,
        in_pack=context.in_pack,
    )
    story: list[list[Flowable]] = []
    for part in (
        g.guide_header,
        g.at_a_glance,
        g.safeguarding,
        g.run_sheet,
        g.prompts_with_notes,
        g.activities_with_notes,
        g.vocabulary,
        g.warning_signs,
        g.takeaways,
        g.facilitator_notes,
        g.resources,
        g.helplines,
        g.sources,
    ):
        made = part()
        if made:
            story.append(made)
    if last_kept and story:
        story[-1] = [kept_together(story[-1])]
    return [flowable for part in story for flowable in part]


class GuideSections(Sections):
    """The sections only a facilitator sees, next to the shared ones."""

    def guide_header(self) -> list[Flowable]:
        out = self.header(facts=False)
        out.insert(1, paragraph(escape(self.labels.guide), self.styles.subtitle))
        return out

    def at_a_glance(self) -> list[Flowable]:
        lesson, labels, s = self.lesson, self.labels, self.styles
        rows: list[Flowable] = []
        facts = self.facts(labels.audience_label, labels.duration)
        if facts:
            rows.append(paragraph(" · ".join(facts), s.box_text))
        if lesson.materials:
            rows.append(paragraph(f"<b>{escape(labels.materials)}</b>", s.box_text))
            rows += [self.text(m, s.box_item, bullet="•") for m in lesson.materials]
        rows.append(paragraph(f"<b>{escape(labels.objectives_short)}</b>", s.box_text))
        rows += [self.text(o, s.box_item, bullet="•") for o in lesson.objectives]
        return self.boxed(labels.at_a_glance, rows)

    def run_sheet(self) -> list[Flowable]:
        """The lesson plan: each step of the timing plan on a running clock, as what to say
        (a question to ask) or to do (an activity), with its minutes and a total."""
        lesson, labels, s = self.lesson, self.labels, self.styles
        plan = plan_timing(lesson)
        if not plan.steps:
            return []
        head = [
            paragraph(f"<b>{escape(labels.start)}</b>", s.body),
            paragraph(f"<b>{escape(labels.segment)}</b>", s.body),
            paragraph(f"<b>{escape(labels.minutes_label)}</b>", s.number),
        ]
        data = [head]
        for step in plan.steps:
            verb = labels.say if step.kind == "prompt" else labels.do
            what = f"<b>{escape(verb)}:</b> {to_markup(step.title, self.theme)}"
            data.append(
                [
                    paragraph(escape(clock(step.start)), s.body),
                    paragraph(what, s.body),
                    paragraph(escape(str(step.minutes or "–")), s.number),
                ]
            )
        end = plan.steps[-1].end
        data.append(
            [
                paragraph(escape(clock(end)), s.body),
                paragraph(f"<b>{escape(labels.total)}</b>", s.body),
                paragraph(escape(str(plan.total)), s.number),
            ]
        )
        table_cells(data, f"{self.key}run-sheet")
        width = self.styles.body.fontSize * 5
        rtl = s.rtl
        table = Table(
            mirror_rows(data, rtl),
            colWidths=mirror_widths([width, None, width], rtl),
            repeatRows=1,
            splitInRow=1,
            hAlign="RIGHT" if rtl else "LEFT",
        )
        table.setStyle(
            TableStyle(
                mirror_commands(
                    [
                        ("FONT", (0, 0), (-1, -1), self.theme.body_font, self.theme.body_size),
                        ("LINEBELOW", (0, 0), (-1, 0), self.theme.line(1.7), self.theme.accent_color),
                        ("LINEBELOW", (0, 1), (-1, -2), self.theme.line(0.7), self.theme.rule_color),
                        ("LINEABOVE", (0, -1), (-1, -1), self.theme.line(1.7), self.theme.accent_color),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ],
                    3,
                    rtl,
                )
            )
        )
        out: list[Flowable] = [self.heading(labels.run_sheet), table]
        if lesson.duration_minutes and plan.total > lesson.duration_minutes:
            out.append(
                paragraph(escape(labels.over_time.format(n=plan.total, m=lesson.duration_minutes)), s.meta)
            )
        return out

    def safeguarding(self) -> list[Flowable]:
        if not self.lesson.safeguarding:
            return []
        s = self.styles
        rows = [self.text(item, s.box_item, bullet="•") for item in self.lesson.safeguarding]
        return self.boxed(self.labels.safeguarding, rows, keep=False)  # starts on page 1

    def prompts_with_notes(self) -> list[Flowable]:
        """Each question as the facilitator asks it, its notes and follow-ups in a tinted
        callout (a teacher's answers never look like the learners' instructions)."""
        s, labels = self.styles, self.labels
        groups: list[tuple[list[Flowable], list[Flowable]]] = []
        for n, prompt in enumerate(self.lesson.discussion_prompts, 1):
            question = paragraph(f"{n}. {to_markup(prompt.prompt, self.theme)}", s.subheading)
            question = tag(question, heading(self.heading_level + 2))
            rows: list[Flowable] = [self.text(prompt.notes, s.box_text)] if prompt.notes else []
            if prompt.follow_ups:
                rows.append(paragraph(f"<b>{escape(labels.follow_ups)}</b>", s.box_text))
                rows += [self.text(f, s.box_item, bullet="–") for f in prompt.follow_ups]
            groups.append(([question, *self.answers(rows)], []))
        return self.headed(self.heading(labels.prompts_with_notes), groups)

    def answers(self, rows: list[Flowable]) -> list[Flowable]:
        """Facilitator notes in a tinted callout under a small label; nothing when empty."""
        if not rows:
            return []
        label = paragraph(f"<b>{escape(self.labels.answers)}</b>", self.styles.box_label)
        theme = self.theme
        return [Callout([label, *rows], self.box_style(space=theme.space(theme.body_size * 0.4)))]

    def activities_with_notes(self) -> list[Flowable]:
        if not self.lesson.activities:
            return []
        return self.headed(
            self.heading(self.labels.activities_steps),
            [self.activity(activity) for activity in self.lesson.activities],
        )

    def activity(self, activity: Activity) -> tuple[list[Flowable], list[Flowable]]:
        s = self.styles
        title = to_markup(activity.title, self.theme)
        step = plan_timing(self.lesson).step_for(activity)
        minutes = step.minutes if step is not None else activity.minutes
        if minutes:
            title += f" ({escape(self.labels.minutes_short.format(n=minutes))})"
        block: list[Flowable] = [tag(paragraph(title, s.subheading), heading(self.heading_level + 2))]
        block += [self.text(item, s.numbered, bullet=f"{i}.") for i, item in enumerate(activity.steps, 1)]
        block += self.answers([self.text(activity.notes, s.box_text)] if activity.notes else [])
        return block[:3], block[3:]

    def warning_signs(self) -> list[Flowable]:
        """The warning signs as a list for the facilitator: no tick boxes (those are the
        learners'), kept with their heading."""
        if not self.lesson.warning_signs:
            return []
        items = [self.text(sign, self.styles.bullet, bullet="•") for sign in self.lesson.warning_signs]
        return [KeepTogether([self.heading(self.labels.warning_signs), *items])]  # the list whole

    def facilitator_notes(self) -> list[Flowable]:
        if not self.lesson.facilitator_notes:
            return []
        items = [self.text(n, self.styles.bullet, bullet="•") for n in self.lesson.facilitator_notes]
        return [self.heading(self.labels.facilitator_notes), *items]


def table_cells(rows: list[list[Flowable]], key: str) -> None:
    """Tag a data table's cells, given in reading order: the first row is column headers.

    Each cell names its row and table; its position puts a right-to-left row (drawn mirrored)
    back in reading order. A header row repeated on the next page is drawn again and becomes
    an artifact there."""
    table = container("Table", key)
    for r, row in enumerate(rows):
        within = (table, container("TR", (key, r)))
        for c, cell in enumerate(row):
            role = "TH" if r == 0 else "TD"
            tag(cell, Tag(role, within=within, scope="Column" if r == 0 else None, order=((key, r), c)))

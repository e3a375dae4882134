"""Turn a Lesson into the facilitator guide: everything the person leading the session needs.

In the order a facilitator prepares and runs a session: an at-a-glance box (audience, duration,
materials, objectives); a run sheet with each activity's minutes and a running clock; the
safeguarding section, before anything else is taught; every discussion prompt with its notes
and follow-ups; the activities step by step with their notes; words to know; warning signs and
takeaways; facilitator notes; help and resources; sources with links. This is the one portrait
format that prints facilitator-only content.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Table, TableStyle

from ..model import Activity, Lesson
from ..scripts import script_for
from .base import DocumentSpec, Format, LayoutContext
from .direction import mirror_commands, mirror_rows, mirror_widths
from .page import portrait_document
from .sections import Sections
from .text import escape, paragraph, styles_for, to_markup


class Guide(Format):
    """The facilitator guide (portrait, A4 or Letter)."""

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        return portrait_document(
            lesson, context, guide_story(lesson, context), context.labels.guide, duplex=True
        )


def guide_story(
    lesson: Lesson, context: LayoutContext, *, key: str = "", title_level: int = 0, section_level: int = 0
) -> list[Flowable]:
    """The guide's flowables; a facilitator binder calls this per lesson."""
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
        in_pack=context.in_pack,
    )
    story: list[Flowable] = []
    for part in (
        g.guide_header,
        g.at_a_glance,
        g.run_sheet,
        g.safeguarding,
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
        story.extend(part())
    return story


class GuideSections(Sections):
    """The sections only a facilitator sees, next to the shared ones."""

    def guide_header(self) -> list[Flowable]:
        out = self.header(facts=False)
        out.insert(1, paragraph(escape(self.labels.guide), self.styles.subtitle))
        return out

    def at_a_glance(self) -> list[Flowable]:
        lesson, labels, s = self.lesson, self.labels, self.styles
        rows: list[Flowable] = [self.heading(labels.at_a_glance, s.box_heading)]
        facts = self.facts(labels.audience_label, labels.duration)
        if facts:
            rows.append(paragraph(" · ".join(facts), s.box_text))
        if lesson.materials:
            rows.append(paragraph(f"<b>{escape(labels.materials)}</b>", s.box_text))
            rows += [self.text(m, s.box_item, bullet="•") for m in lesson.materials]
        rows.append(paragraph(f"<b>{escape(labels.objectives_short)}</b>", s.box_text))
        rows += [self.text(o, s.box_item, bullet="•") for o in lesson.objectives]
        return self.boxed(rows)

    def run_sheet(self) -> list[Flowable]:
        lesson, labels, s = self.lesson, self.labels, self.styles
        rows = run_sheet_rows(lesson, labels)
        if len(rows) <= 1:
            return []
        head = [
            paragraph(f"<b>{escape(labels.start)}</b>", s.body),
            paragraph(f"<b>{escape(labels.segment)}</b>", s.body),
            paragraph(f"<b>{escape(labels.minutes_label)}</b>", s.number),
        ]
        data = [head] + [
            [
                paragraph(escape(start), s.body),
                paragraph(segment, s.body),
                paragraph(escape(minutes), s.number),
            ]
            for start, segment, minutes in rows
        ]
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
        total = sum(a.minutes or 0 for a in lesson.activities)
        if lesson.duration_minutes and total > lesson.duration_minutes:
            out.append(paragraph(escape(labels.over_time.format(n=total, m=lesson.duration_minutes)), s.meta))
        return out

    def safeguarding(self) -> list[Flowable]:
        if not self.lesson.safeguarding:
            return []
        s = self.styles
        rows: list[Flowable] = [self.heading(self.labels.safeguarding, s.box_heading)]
        rows += [self.text(item, s.box_item, bullet="•") for item in self.lesson.safeguarding]
        return self.boxed(rows)

    def prompts_with_notes(self) -> list[Flowable]:
        s, labels = self.styles, self.labels
        groups = []
        for n, prompt in enumerate(self.lesson.discussion_prompts, 1):
            block: list[Flowable] = [paragraph(f"{n}. {to_markup(prompt.prompt, self.theme)}", s.subheading)]
            if prompt.notes:
                block.append(self.text(prompt.notes, s.note))
            if prompt.follow_ups:
                block.append(paragraph(f"<i>{escape(labels.follow_ups)}</i>", s.note))
                block += [self.text(f, s.note_item, bullet="–") for f in prompt.follow_ups]
            groups.append((block[:2], block[2:]))
        return self.headed(self.heading(labels.prompts_with_notes), groups)

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
        if activity.minutes:
            title += f" ({escape(self.labels.minutes_short.format(n=activity.minutes))})"
        block: list[Flowable] = [paragraph(title, s.subheading)]
        block += [self.text(step, s.numbered, bullet=f"{i}.") for i, step in enumerate(activity.steps, 1)]
        if activity.notes:
            block.append(self.text(activity.notes, s.note))
        return block[:3], block[3:]

    def facilitator_notes(self) -> list[Flowable]:
        if not self.lesson.facilitator_notes:
            return []
        items = [self.text(n, self.styles.bullet, bullet="•") for n in self.lesson.facilitator_notes]
        return [self.heading(self.labels.facilitator_notes), *items]


def run_sheet_rows(lesson: Lesson, labels) -> list[tuple[str, str, str]]:  # noqa: ANN001
    """(start, segment markup, minutes) rows with a running clock, ending with a total row.

    Activities come from the lesson; when the session is longer than its activities, the rest of
    the time is shown as discussion and wrap-up, so the clock ends at the session's length.
    """
    rows, clock = [], 0
    for activity in lesson.activities:
        minutes = activity.minutes or 0
        rows.append(
            (_clock(clock), escape(activity.title.plain), str(activity.minutes) if activity.minutes else "–")
        )
        clock += minutes
    if lesson.duration_minutes and lesson.duration_minutes > clock:
        rest = lesson.duration_minutes - clock
        rows.append((_clock(clock), escape(f"{labels.discussion_segment} · {labels.wrap_up}"), str(rest)))
        clock += rest
    rows.append((_clock(clock), f"<b>{escape(labels.total)}</b>", str(clock)))
    return rows


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"

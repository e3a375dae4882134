"""Turn a Lesson into the facilitator's HTML guide: the guide's content as one web page.

In the guide's order: at a glance (audience, duration, materials, objectives); the run sheet as
a real table with a running clock; safeguarding; every prompt with its notes and follow-ups;
activities step by step with their notes; words to know; warning signs; takeaways; facilitator
notes; help and resources; sources. This page carries facilitator-only content.
"""

from __future__ import annotations

from ..model import Lesson
from .base import HtmlContext, HtmlFormat, page
from .sections import Sections
from .text import escape
from .timing import clock, run_sheet

GUIDE_PARTS = (
    "guide_header",
    "at_a_glance",
    "run_sheet",
    "safeguarding",
    "prompts_with_notes",
    "activities_with_notes",
    "vocabulary",
    "warning_list",
    "takeaways",
    "facilitator_notes",
    "resources",
    "helplines",
    "sources",
)


class HtmlGuide(HtmlFormat):
    """The facilitator guide as one web page."""

    def render(self, lesson: Lesson, context: HtmlContext) -> bytes:
        g = GuideSections(lesson, context)
        main = "".join(getattr(g, part)() for part in GUIDE_PARTS)
        return page(lesson, context, context.labels.guide, main)


class GuideSections(Sections):
    """The sections only a facilitator sees, next to the shared ones."""

    def guide_header(self) -> str:
        return self.header(kind=self.labels.guide)

    def at_a_glance(self) -> str:
        lesson, labels = self.lesson, self.labels
        body = ""
        facts = self.facts(labels.audience_label, labels.duration)
        if facts:
            body += f"<p>{' · '.join(facts)}</p>"
        if lesson.materials:
            body += f"<h3>{escape(labels.materials)}</h3>{self.bullets(lesson.materials)}"
        body += f"<h3>{escape(labels.objectives_short)}</h3>{self.bullets(lesson.objectives)}"
        return self.section(labels.at_a_glance, body, css="box")

    def run_sheet(self) -> str:
        """Start, segment and minutes as a table a screen reader can navigate by header."""
        labels = self.labels
        sheet = run_sheet(self.lesson, labels)
        if not sheet.rows:
            return ""
        head = (
            f'<thead><tr><th scope="col">{escape(labels.start)}</th>'
            f'<th scope="col">{escape(labels.segment)}</th>'
            f'<th scope="col" class="n">{escape(labels.minutes_label)}</th></tr></thead>'
        )
        rows = "".join(
            f'<tr><td class="t">{clock(row.start)}</td><th scope="row">{self.write(row.segment)}</th>'
            f'<td class="n">{row.minutes if row.minutes else "–"}</td></tr>'
            for row in sheet.rows
        )
        foot = (
            f'<tfoot><tr><td class="t">{clock(sheet.total)}</td>'
            f'<th scope="row">{escape(labels.total)}</th><td class="n">{sheet.total}</td></tr></tfoot>'
        )
        body = f"<table>{head}<tbody>{rows}</tbody>{foot}</table>"
        if sheet.over_time:
            total = sum(a.minutes or 0 for a in self.lesson.activities)
            note = labels.over_time.format(n=total, m=self.lesson.duration_minutes)
            body += f'<p class="note">{escape(note)}</p>'
        return self.section(labels.run_sheet, body)

    def safeguarding(self) -> str:
        if not self.lesson.safeguarding:
            return ""
        return self.section(self.labels.safeguarding, self.bullets(self.lesson.safeguarding), css="box")

    def prompts_with_notes(self) -> str:
        labels, write = self.labels, self.write
        body = ""
        for n, prompt in enumerate(self.lesson.discussion_prompts, 1):
            body += f"<h3>{n}. {write(prompt.prompt)}</h3>"
            if prompt.notes:
                body += f'<p class="note">{write(prompt.notes)}</p>'
            if prompt.follow_ups:
                body += f'<p class="note"><em>{escape(labels.follow_ups)}</em></p>'
                body += self.bullets(prompt.follow_ups, "note")
        return self.section(labels.prompts_with_notes, body)

    def activities_with_notes(self) -> str:
        if not self.lesson.activities:
            return ""
        body = ""
        for activity in self.lesson.activities:
            body += f"<h3>{self.activity_title(activity)}</h3>"
            if activity.steps:
                body += self.steps(activity.steps)
            if activity.notes:
                body += f'<p class="note">{self.write(activity.notes)}</p>'
        return self.section(self.labels.activities_steps, body)

    def warning_list(self) -> str:
        """The warning signs as a plain list: the ticking is the learners' to do."""
        if not self.lesson.warning_signs:
            return ""
        return self.section(self.labels.warning_signs, self.bullets(self.lesson.warning_signs))

    def facilitator_notes(self) -> str:
        if not self.lesson.facilitator_notes:
            return ""
        return self.section(self.labels.facilitator_notes, self.bullets(self.lesson.facilitator_notes))

"""Turn a lesson's check questions into the answer key: for the facilitator only.

Each question as the quiz numbers it, with its answer in the letters the quiz and exit ticket
print (the same shuffled order), the model answer of a short-answer question, why the answer is
right, the objective it checks and whether it is on the exit ticket. The key is its own file,
the last section of the facilitator guide, and an appendix of the pack of guides.
"""

from __future__ import annotations

import dataclasses

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether

from ..assess import Printed, quiz
from ..labels import Labels
from ..model import Lesson
from .base import DocumentSpec, Format, LayoutContext
from .handout import handout_sections
from .page import portrait_document
from .sections import Sections
from .text import escape, paragraph, to_markup


class AnswerKey(Format):
    """A lesson's answer key on portrait pages."""

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        sections = handout_sections(dataclasses.replace(lesson, subtitle=None, summary=None), context)
        story = sections.header(facts=False)
        story.insert(1, paragraph(escape(context.labels.answer_key), sections.styles.subtitle))
        story += answer_key_body(lesson, sections)
        return portrait_document(lesson, context, story, context.labels.answer_key, duplex=True)


def answer_key_section(
    lesson: Lesson, context: LayoutContext, *, key: str = "", title_level: int = 0, section_level: int = 0
) -> list[Flowable]:
    """The answer key under its own heading (in a guide, a lesson's last section; in a binder's
    appendix, one lesson's key headed by its title). Nothing when the lesson has no questions."""
    if lesson.check is None:
        return []
    sections = handout_sections(
        lesson, context, key=key, title_level=title_level, section_level=section_level
    )
    heading = sections.heading(context.labels.answer_key)
    if key:  # in an appendix: the lesson's title names the key
        heading = sections.heading(f"{context.labels.answer_key}: {lesson.title.plain}")
    # The heading goes with the first question's flowables, not with a KeepTogether of them: a
    # KeepTogether inside another measures as taller than any page, so the pair always went to
    # a new page (a guide's key never followed its sources; a binder's appendix title stood alone).
    first, *rest = key_entries(lesson, sections) or [[]]
    return [KeepTogether([heading, *first]), *(KeepTogether(entry) for entry in rest)]


def answer_key_body(lesson: Lesson, sections: Sections) -> list[Flowable]:
    """Each question with its answer, why, its objective and whether it is on the ticket."""
    if lesson.check is None:
        return [paragraph(escape(sections.labels.no_questions), sections.styles.meta)]
    return [KeepTogether(entry) for entry in key_entries(lesson, sections)]


def key_entries(lesson: Lesson, sections: Sections) -> list[list[Flowable]]:
    """The flowables of each question of the key, in the quiz's order."""
    if lesson.check is None:
        return []
    on_ticket = {q.id for q in lesson.check.ticket()}
    return [
        key_entry(p, lesson, sections, p.question.id in on_ticket)
        for p in quiz(lesson, sections.labels.letters)
    ]


def key_entry(p: Printed, lesson: Lesson, sections: Sections, on_ticket: bool) -> list[Flowable]:
    """One question of the key."""
    s, theme, labels = sections.styles, sections.theme, sections.labels
    style = ParagraphStyle("key-question", parent=s.numbered, spaceBefore=theme.body_size * 0.7)
    out: list[Flowable] = [
        paragraph(f"<b>{to_markup(p.question.question, theme)}</b>", style, bullet=f"{p.number}.")
    ]
    answer, details = answer_markup(p, lesson, labels, theme)
    out.append(paragraph(f"<b>{escape(labels.answer)}:</b> {answer}", s.note))
    out += [paragraph(line, s.note_item, bullet=f"{i}.") for i, line in enumerate(details, 1)]
    if p.question.explanation:
        why = to_markup(p.question.explanation, theme)
        out.append(paragraph(f"<b>{escape(labels.why)}:</b> {why}", s.note))
    facts = []
    n = p.objective()
    if n is not None:
        objective = to_markup(lesson.objectives[n - 1], theme)
        facts.append(f"<b>{escape(labels.objective_n.format(n=n))}:</b> {objective}")
    if on_ticket:
        facts.append(f"<i>{escape(labels.on_exit_ticket)}</i>")
    if facts:
        out.append(paragraph(" · ".join(facts), s.note))
    return out


def answer_markup(p: Printed, lesson: Lesson, labels: Labels, theme) -> tuple[str, list[str]]:  # noqa: ANN001
    """The answer in one line, and numbered lines that spell it out (the steps in their right
    order; each term with its meaning)."""
    q = p.question
    by_letter = {e.letter: e.text for e in p.entries}
    if q.type == "true_false":
        return escape(labels.true if q.answer else labels.false), []
    if q.type == "short_answer":
        return to_markup(q.model_answer, theme) if q.model_answer else "", []
    if q.type == "choice":
        right = [f"<b>{escape(x)}</b> {to_markup(by_letter[x], theme)}" for x in p.key]
        return " · ".join(right), []
    if q.type == "order":
        lines = [f"<b>{escape(x)}</b> {to_markup(by_letter[x], theme)}" for x in p.key]
        return escape(", ".join(p.key)), lines
    pairs = list(zip(p.terms, p.key, strict=True))  # match
    lines = [
        f"{to_markup(term, theme)} — <b>{escape(x)}</b> {to_markup(by_letter[x], theme)}" for term, x in pairs
    ]
    return escape(", ".join(f"{i}–{x}" for i, (_, x) in enumerate(pairs, 1))), lines

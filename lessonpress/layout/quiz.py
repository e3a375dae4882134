"""Turn a lesson's check questions into the quiz: a learner worksheet with every question.

The title, a line for a name and the date, then every question in the lesson's order, each kept
on one page, with options (and steps, meanings) in the stable shuffled order the answer key
uses, and lines to write on; the help of the build's region last, as on the handout. No answer
or explanation is read here.
"""

from __future__ import annotations

import dataclasses

from reportlab.platypus import Flowable, KeepTogether

from ..assess import quiz
from ..model import Lesson
from .base import DocumentSpec, Format, LayoutContext
from .handout import handout_sections
from .page import PortraitPage, portrait_document
from .questions import QuestionBlocks, name_line
from .text import escape, paragraph


class Quiz(Format):
    """Every check question of a lesson, on portrait pages (A4 or Letter)."""

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        story = quiz_story(lesson, context)
        return portrait_document(lesson, context, story, context.labels.quiz, learner=True)


def quiz_story(lesson: Lesson, context: LayoutContext) -> list[Flowable]:
    """The quiz's flowables."""
    theme, labels = context.theme, context.labels
    # The title only: a subtitle or summary may say what a question asks (the eight steps).
    sections = handout_sections(dataclasses.replace(lesson, subtitle=None, summary=None), context)
    s = sections.styles
    width = PortraitPage.of(context).frame[2]
    blocks = QuestionBlocks(theme, labels, s, theme.body_size * 1.1, width=width)
    printed = quiz(lesson, labels.letters)
    story: list[Flowable] = sections.header(facts=False)
    story.insert(1, paragraph(escape(labels.quiz), s.subtitle))
    story += [
        name_line(labels, s, theme),
        paragraph(escape(labels.not_a_test if printed else labels.no_questions), s.meta),
    ]
    story += [KeepTogether(blocks.question(p)) for p in printed]
    return story + sections.helplines()

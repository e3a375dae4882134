"""Turn a Lesson into the learner handout: a printable worksheet, one to a few portrait pages.

What learners see, in teaching order: title and who it is for; what we will learn; words to
know; the discussion prompts with lines to write on; activities; warning signs as a checklist;
key takeaways in a tinted box; help and resources, with a QR code per web address; the sources
in one small closing paragraph; the "Get help" panel of the build's region last, where it can be
torn off.
Facilitator-only fields (prompt notes and follow-ups, activity notes, facilitator notes,
safeguarding) are never read here.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..formats import HANDOUT_PARTS
from ..model import Lesson
from ..scripts import script_for
from .base import DocumentSpec, Format, LayoutContext
from .page import portrait_document
from .sections import Sections
from .text import styles_for


class Handout(Format):
    """The learner handout (A4 or Letter, black-and-white friendly)."""

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        return portrait_document(
            lesson,
            context,
            lambda c: handout_story(lesson, c),
            context.labels.handout,
            licence=True,
            learner=True,
        )


def handout_sections(
    lesson: Lesson,
    context: LayoutContext,
    *,
    key: str = "",
    title_level: int = 0,
    section_level: int = 0,
    heading_level: int = 1,
) -> Sections:
    """The section builder for a lesson, in its script's styles."""
    styles = styles_for(context.theme, script_for(lesson.language))
    return Sections(
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


def handout_story(
    lesson: Lesson,
    context: LayoutContext,
    *,
    key: str = "",
    title_level: int = 0,
    section_level: int = 0,
    heading_level: int = 1,
) -> list[Flowable]:
    """The handout's flowables; a pack calls this per lesson with its own outline levels."""
    s = handout_sections(
        lesson,
        context,
        key=key,
        title_level=title_level,
        section_level=section_level,
        heading_level=heading_level,
    )
    s.writes_names = True  # a Name / Date / Group line under the title (`wants_name_line`)
    story: list[Flowable] = []
    for part in HANDOUT_PARTS:
        story.extend(getattr(s, part)())
    return story

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
from .flowables import kept_together
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
            balanced=lambda c: handout_story(lesson, c, sources_with_previous=True),
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
    sources_with_previous: bool = False,
) -> list[Flowable]:
    """The handout's flowables; a pack calls this per lesson with its own outline levels.

    `sources_with_previous` keeps the compact sources with the section before them: when the
    "Get help" panel takes the back page and the sources alone would not fit on the page before
    it, that section goes over with them, so no page holds only a few lines of sources.
    """
    s = handout_sections(
        lesson,
        context,
        key=key,
        title_level=title_level,
        section_level=section_level,
        heading_level=heading_level,
    )
    s.writes_names = True  # a Name / Date / Group line under the title (`wants_name_line`)
    parts = [getattr(s, part)() for part in HANDOUT_PARTS]
    if sources_with_previous:
        at = HANDOUT_PARTS.index("compact_sources")
        before = max((i for i in range(at) if parts[i]), default=None)
        if parts[at] and before is not None:
            parts[before], parts[at] = [], [kept_together(parts[before] + parts[at])]
    return [flowable for part in parts for flowable in part]

"""Turn a Lesson into the learner's HTML page: the handout's content, to read, fill in and print.

What learners see, in the handout's order: title and who it is for; what we will learn; words to
know; the discussion prompts with a box to write in; activities; warning signs to tick; key
takeaways; help and resources; sources; the "Get help" section. Facilitator-only fields are never
read here.
"""

from __future__ import annotations

from ..formats import HANDOUT_PARTS
from ..model import Lesson
from .base import HtmlContext, HtmlFormat, page
from .sections import Sections


class HtmlHandout(HtmlFormat):
    """The learner handout as one accessible web page."""

    def render(self, lesson: Lesson, context: HtmlContext) -> bytes:
        s = Sections(lesson, context)
        # Under the title, a line that leads to help (a web page has no page footers).
        main = "".join(
            getattr(s, part)() + (s.help_now() if part == "header" else "") for part in HANDOUT_PARTS
        )
        return page(lesson, context, context.labels.handout, main)

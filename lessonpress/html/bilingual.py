"""Turn a lesson and its translation into one bilingual web page: each handout section in the
source language, then in the translation, as the bilingual PDF handout does.

Each block carries its language's `lang` and `dir` (an Arabic block reads right to left inside an
English page) and opens with that language's name, written in it; the sections come from the
handout's own `Sections`, one per language, with that language's labels. The page is the source
language's; the draft notice is the translation's.
"""

from __future__ import annotations

import dataclasses

from ..labels import labels_for
from ..languages import language_name
from ..model import Lesson
from .base import HtmlContext, HtmlFormat, page
from .handout import HANDOUT_PARTS
from .sections import Sections
from .text import escape, lang_attributes


class HtmlBilingual(HtmlFormat):
    """The learner handout in two languages, section by section, as one web page."""

    def render(self, lesson: Lesson, context: HtmlContext) -> bytes:
        source = context.source
        if source is None:
            raise ValueError("a bilingual page needs the translation's source lesson")
        home = dataclasses.replace(context, labels=labels_for(source.language), source=None)
        first = Sections(source, home, prefix="a-")
        second = Sections(lesson, context, prefix="b-", level=2)
        main = ""
        for part in HANDOUT_PARTS:
            # One "Get help" section and line, in the translation's language: each service prints once.
            for sections in (second,) if part == "helplines" else (first, second):
                block = getattr(sections, part)()
                if part == "header" and sections is second:
                    block += second.help_now()  # under the titles: a web page has no page footers
                if block:
                    language = sections.lesson.language
                    main += (
                        f'<div class="lang-block" {lang_attributes(language)}>'
                        f'<p class="lang-name">{escape(language_name(language))}</p>{block}</div>'
                    )
        draft = lesson.translation is not None and lesson.translation.draft
        return page(source, home, home.labels.handout, main, draft=draft, others=(lesson.language,))

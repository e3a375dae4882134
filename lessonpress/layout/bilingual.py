"""Turn a lesson and its translation into one bilingual handout: each section twice, in the
source language and then in the translation, for a parent and child who read different
languages, or a community interpreter.

Every section comes from the handout's own `Sections`, built once per language with that
language's theme (fonts), labels and script, so a right-to-left translation keeps its direction
and mirrored layout block by block. Each block opens with the name of its language, written in
that language ("English", "العربية"). The page (paper, footer, metadata) is the source's.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable
from reportlab.platypus.flowables import HRFlowable

from ..languages import language_name
from ..model import Lesson
from ..scripts import script_for
from .base import DocumentSpec, LayoutContext, Metadata
from .fonts import register_theme
from .handout import HANDOUT_PARTS, handout_sections
from .page import PortraitPage, draft_notice, footer
from .sections import Sections
from .text import paragraph, plain_markup


class BilingualHandout:
    """The learner handout in two languages, section by section."""

    def layout(
        self,
        source: Lesson,
        translation: Lesson,
        source_context: LayoutContext,
        translation_context: LayoutContext,
    ) -> DocumentSpec:
        """Both lessons' sections interleaved: source first, then the translation."""
        register_theme(translation_context.theme)
        register_theme(source_context.theme)  # last: the source's font is the default
        first = handout_sections(source, source_context, key="a")
        second = handout_sections(translation, translation_context, key="b", title_level=1, section_level=1)
        story: list[Flowable] = []
        for part in HANDOUT_PARTS:
            # One "Get help" panel, in the translation's language: each service prints once.
            for sections in (second,) if part == "helplines" else (first, second):
                block = getattr(sections, part)()
                if block:
                    story += _labelled(block, self.label(sections, second_block=sections is second))
        theme, labels = source_context.theme, source_context.labels
        page = PortraitPage.of(source_context)
        return DocumentSpec(
            page_size=source_context.page_size,
            frame=page.frame,
            story=tuple(story),
            metadata=Metadata(
                title=f"{source.title.plain} / {translation.title.plain}",
                author=", ".join(a.plain for a in source.authors) or "lessonpress",
                subject=(source.summary.plain if source.summary else labels.handout)[:500],
                language=source.language,
                keywords=(labels.handout, source.lesson_id, translation.language),
            ),
            # The footer is printed in the source's font, so it holds source-language text only.
            decorate_page=footer(
                page,
                theme,
                labels.page_of,
                source.title.plain,
                draft_notice(translation, source_context),
                script=script_for(source.language),
            ),
            page_count_font=(theme.body_font, theme.small_size),
        )

    def label(self, sections: Sections, *, second_block: bool) -> list[Flowable]:
        """The language name that opens a block, with a thin rule above the translation's."""
        theme, styles = sections.theme, sections.styles
        style = ParagraphStyle(
            "language",
            parent=styles.meta,
            fontName=f"{theme.body_font}-Bold",
            textColor=theme.accent_color,
            fontSize=theme.small_size,
            leading=theme.leading(theme.small_size),
            spaceBefore=4,
            spaceAfter=0,
            keepWithNext=1,
        )
        name = paragraph(plain_markup(language_name(sections.lesson.language)), style)
        if not second_block:
            return [name]
        rule = HRFlowable(
            width="100%",
            thickness=theme.line(0.85),
            color=theme.rule_color,
            spaceBefore=6,
            spaceAfter=2,
            dash=(2, 2),
        )
        rule.keepWithNext = 1
        return [rule, name]


def _labelled(block: list[Flowable], label: list[Flowable]) -> list[Flowable]:
    """A section's flowables with its language label in front, after any page-break test the
    section starts with (so the label moves to the next page with it)."""
    if block and isinstance(block[0], CondPageBreak):
        return [block[0], *label, *block[1:]]
    return [*label, *block]

"""Turn a Lesson into notes pages: each slide drawn small, its facilitator notes underneath.

For a presenter without a second screen: portrait pages (A4 or Letter), numbered like the
slides. A slide's notes are what the deck attached to it: when its step runs (from the timing
plan), and the lesson's facilitator text (the title slide: the run-down, facilitator notes and
safeguarding; a prompt: its notes and follow-ups; an activity: its notes). Every slide is drawn
the same size and every note in one type size (the theme's body size, at least 11 pt), so pages
read alike. Slides without notes share a page, two to a page; notes too long for their page
continue on the next, under a heading that names the slide.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer
from reportlab.platypus.flowables import PTOContainer

from ..model import Lesson
from ..scripts import LATIN, Script
from ..theme import Theme
from .base import DocumentSpec, Format, LayoutContext
from .page import PortraitPage, portrait_document
from .slide_drawing import FittedSlide, SlideImage, deck_for, slide_level
from .slide_text import legible, slide_as_text
from .tagging.roles import artifact, heading, tag
from .text import for_script, para, styles_for

SLIDE_SHARE = 0.72  # the slide picture's share of the text width, on every page
MIN_NOTES_SIZE = 11.0


class NotesPages(Format):
    """Notes pages: the slide on top, what to say and ask below."""

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        page = PortraitPage.of(context)
        pages = [notes_page(group, page, context) for group in page_groups(deck_for(lesson, context))]
        story: list[Flowable] = []
        for flowables in pages:
            story += ([PageBreak()] if story else []) + flowables
        return portrait_document(lesson, context, story, context.labels.notes_pages)


def has_notes(fitted: FittedSlide) -> bool:
    """True when the notes page of a slide has something to say (continuations have none)."""
    return fitted.part == 0 and bool(fitted.slide.notes)


def page_groups(deck: tuple[FittedSlide, ...]) -> list[tuple[FittedSlide, ...]]:
    """The slides of each notes page: one slide with notes, or up to two without."""
    groups: list[tuple[FittedSlide, ...]] = []
    for fitted in deck:
        last = groups[-1] if groups else None
        if not has_notes(fitted) and last and len(last) == 1 and not has_notes(last[0]):
            groups[-1] = (*last, fitted)
        else:
            groups.append((fitted,))
    return groups


def notes_size(theme: Theme) -> float:
    """The one type size of notes pages: the theme's body size, never under 11 pt."""
    return max(theme.body_size, MIN_NOTES_SIZE)


def notes_page(group: tuple[FittedSlide, ...], page: PortraitPage, context: LayoutContext) -> list[Flowable]:
    """A page of slides at one size; a slide with notes has them underneath, flowing on to
    the next page under a "(continued)" heading when they are long."""
    _, _, width, _ = page.frame
    theme = context.theme
    gap = Spacer(1, theme.body_size * 1.2)

    def picture(fitted: FittedSlide) -> list[Flowable]:
        if legible(theme, width * SLIDE_SHARE):
            return [SlideImage(fitted, width * SLIDE_SHARE)]
        return slide_as_text(fitted, context)  # large print: the slide's words

    if len(group) > 1 or not has_notes(group[0]):
        out: list[Flowable] = []
        for fitted in group:
            out += [*picture(fitted), gap]
        return out[:-1]
    fitted = group[0]
    size = notes_size(theme)
    notes = notes_flowables(fitted, context, size)
    continued = para(
        context.labels.continued.format(title=fitted.outline),
        _styles(theme, size, fitted.script)["heading"],
        theme,
    )
    tag(continued, artifact("Pagination"))  # a running head: the notes' own headings are read
    return [KeepTogether([*picture(fitted), gap, notes[0]]), PTOContainer(notes[1:], None, [continued])]


def notes_flowables(fitted: FittedSlide, context: LayoutContext, size: float) -> list[Flowable]:
    """Headed groups of the slide's notes, at one size."""
    theme = context.theme
    styles = _styles(theme, size, fitted.script)
    out: list[Flowable] = []
    level = slide_level(fitted.slide) + 1  # under the slide's title
    for block in fitted.slide.notes:  # a tag per heading: one tag is one element
        out.append(tag(para(block.heading, styles["heading"], theme), heading(level)))
        style = styles["item"] if block.marker else styles["body"]
        out += [para(text, style, theme, bullet=block.marker or None) for text in block.texts]
    return out


def _styles(theme: Theme, size: float, script: Script = LATIN) -> dict[str, ParagraphStyle]:
    """Notes styles at `size` points in a script: `body`, `item`, `heading` and `muted`."""
    return {name: for_script(style, script) for name, style in _latin(theme, size).items()}


@cache
def _latin(theme: Theme, size: float) -> dict[str, ParagraphStyle]:
    base = styles_for(theme).body
    body = ParagraphStyle(
        f"notes-{size}",
        parent=base,
        fontSize=size,
        leading=theme.leading(size),
        spaceAfter=size * 0.45,
        bulletFontSize=size,
    )
    return {
        "body": body,
        "item": ParagraphStyle(
            f"notes-item-{size}", parent=body, leftIndent=size * 1.2, bulletIndent=size * 0.3
        ),
        "heading": ParagraphStyle(
            f"notes-heading-{size}",
            parent=body,
            fontName=f"{theme.heading_font}-Bold",
            textColor=theme.accent_color,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.3,
            keepWithNext=1,
        ),
        "muted": ParagraphStyle(f"notes-muted-{size}", parent=body, textColor=theme.muted_color),
    }

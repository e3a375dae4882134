"""Turn a Lesson into notes pages: each slide drawn small, its facilitator notes underneath.

For a presenter without a second screen: one portrait page (A4 or Letter) per slide, numbered
like the slides. A slide's notes are the facilitator text the deck attached to it (the title
slide: facilitator notes and safeguarding; a prompt: its notes and follow-ups; an activity: its
notes). When the notes are long, the picture of the slide shrinks first, then the type, down to
the theme's small size; notes longer than that continue on the next page, under a heading that
names the slide, rather than being cut.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Spacer
from reportlab.platypus.flowables import PTOContainer

from ..model import Lesson
from ..scripts import LATIN, Script
from ..theme import Theme
from .base import DocumentSpec, Format, LayoutContext
from .page import PortraitPage, portrait_document
from .slide_drawing import FittedSlide, SlideImage, deck_for, slide_level
from .tagging.roles import heading, tag
from .text import for_script, para, styles_for

SLIDE_SCALES = (1.0, 0.8, 0.62)  # share of the text width the slide picture may take


class NotesPages(Format):
    """Notes pages: the slide on top, what to say and ask below."""

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        labels = context.labels
        page = PortraitPage.of(context)
        story: list[Flowable] = []
        for fitted in deck_for(lesson, context):
            if story:
                story.append(PageBreak())
            story += notes_page(fitted, page, context)
        return portrait_document(lesson, context, story, labels.notes_pages)


def notes_page(fitted: FittedSlide, page: PortraitPage, context: LayoutContext) -> list[Flowable]:
    """The slide and its notes, with the largest slide picture and type that fit on one page."""
    _, _, width, height = page.frame
    theme = context.theme
    made: dict[float, tuple[list[Flowable], float]] = {}  # notes and height, per type size
    for scale, size in _candidates(theme):
        picture = SlideImage(fitted, width * scale)
        gap = Spacer(1, theme.body_size * 1.2)
        if size not in made:
            flowables = notes_flowables(fitted, context, size)
            made[size] = flowables, _height(flowables, width, height)
        notes, notes_height = made[size]
        if picture.height + gap.height + notes_height <= height:
            return [picture, gap, *notes]
    # Too long even in small type: flow on, with a heading on the next page naming the slide.
    continued = para(
        context.labels.continued.format(title=fitted.outline),
        _styles(theme, size, fitted.script)["heading"],
        theme,
    )
    return [picture, gap, PTOContainer(notes, None, [continued])]


def notes_flowables(fitted: FittedSlide, context: LayoutContext, size: float) -> list[Flowable]:
    """Headed groups of the slide's notes; a continuation slide has none (they go with its first)."""
    theme, labels = context.theme, context.labels
    styles = _styles(theme, size, fitted.script)
    blocks = fitted.slide.notes if fitted.part == 0 else ()
    if not blocks:
        return [para(labels.no_notes, styles["muted"], theme)]
    out: list[Flowable] = []
    level = slide_level(fitted.slide) + 1  # under the slide's title
    for block in blocks:  # a tag per heading: one tag is one element
        out.append(tag(para(block.heading, styles["heading"], theme), heading(level)))
        style = styles["item"] if block.marker else styles["body"]
        out += [para(text, style, theme, bullet=block.marker or None) for text in block.texts]
    return out


def _candidates(theme: Theme) -> list[tuple[float, float]]:
    """(slide scale, type size) to try, best first: shrink the picture, then the type."""
    tries = [(scale, theme.body_size) for scale in SLIDE_SCALES]
    size = theme.body_size - 1
    while size > theme.small_size:
        tries.append((SLIDE_SCALES[-1], size))
        size -= 1
    return [*tries, (SLIDE_SCALES[-1], theme.small_size)]


def _height(flowables: list[Flowable], width: float, height: float) -> float:
    """Height of flowables stacked in a frame (space before the first counted, to be safe)."""
    total = 0.0
    for flowable in flowables:
        total += flowable.wrap(width, height)[1] + flowable.getSpaceBefore()
        total += flowable.getSpaceAfter()
    return total


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

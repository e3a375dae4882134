"""Turn a SlideDeck into fitted slides and draw them: shared by slides, notes and slides-handout.

Fitting measures every planned slide with ReportLab at full size (16:9, 960 x 540 pt). Body text
is the theme's slide body size on every slide of a deck, and every question of a deck has one
size (the largest, from the title size down, at which each fits on a slide): what does not fit
moves to continuation slides rather than shrinking, and a single item taller than a slide is
split between lines. Nothing is ever drawn outside the live area. The look every slide shares
(section colour, title band, footer) is `slide_identity.py`. All three formats draw the same fitted deck
with `draw_slide`, so their slide numbers agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from ..deck import Slide, SlideDeck, SlideItem, plan_deck
from ..labels import Labels
from ..markup import RichText, plain_text
from ..model import Lesson
from ..scripts import LATIN, Script, script_for
from ..theme import Theme
from .base import LayoutContext
from .flowables import QRCode, qr_code
from .fonts import register_theme
from .slide_identity import band_text_color, draw_band, draw_footer, draw_strip
from .tagging.canvas import group
from .tagging.roles import Tag, heading, tag
from .text import for_script, para, styles_for

SLIDE_SIZE = (960.0, 540.0)  # 13.333 x 7.5 in, PowerPoint's 16:9
SIZE_STEP = 2.0
TITLE_LINES = 2  # a title longer than this shrinks to the minimum title size
RULE = 2.5  # thickness of the accent rule under the title
BAND_BELOW = 0.5  # the title band reaches this many margins below its text
BAND_DEPTH = 0.58  # ... and at least this share of the title slide's height


@dataclass(frozen=True, eq=False)
class Block:
    """One paragraph on a slide, optionally with a QR code to its right and a rule beneath."""

    paragraph: Paragraph
    qr: QRCode | None = None
    space_before: float = 0.0
    rule_after: bool = False
    band: bool = False  # on the title slide's band of section colour


@dataclass(frozen=True, eq=False)
class FittedSlide:
    """A slide as drawn: its number, the planned slide it shows (or continues) and its blocks."""

    number: int
    slide: Slide
    part: int  # 0 for the first slide of a planned slide, then 1, 2, ...
    outline: str  # the bookmark title
    blocks: tuple[Block, ...]
    theme: Theme
    middle_from: int | None = None  # blocks from this index on sit in the middle of the space left
    script: Script = LATIN  # right to left: QR codes and the slide number change sides
    color: str = "#000000"  # the audience's section colour
    notice: str | None = None  # a draft translation says so in the footer


@dataclass(frozen=True)
class Geometry:
    """Where things go on a full-size slide."""

    width: float
    height: float
    margin: float
    label_size: float
    qr_size: float
    rule_above: float
    rule_below: float

    @classmethod
    def of(cls, theme: Theme) -> Geometry:
        """The geometry of a slide for a theme."""
        width, height = SLIDE_SIZE
        unit = theme.slide_min_body_size
        return cls(
            width, height, theme.slide_margin, theme.slide_label_size, height * 0.2, unit * 0.35, unit * 0.7
        )

    @property
    def live_width(self) -> float:
        """Width of the text area."""
        return self.width - 2 * self.margin

    @property
    def top(self) -> float:
        """Top of the text area."""
        return self.height - self.margin

    @property
    def bottom(self) -> float:
        """Bottom of the text area, above the slide number."""
        return self.margin + self.label_size * 2

    def text_width(self, block: Block) -> float:
        """Width a block's paragraph wraps to (narrower beside a QR code)."""
        return self.live_width - (self.qr_size + self.margin * 0.5 if block.qr else 0)


_FITTED: dict[tuple, tuple[FittedSlide, ...]] = {}


def deck_for(lesson: Lesson, context: LayoutContext) -> tuple[FittedSlide, ...]:
    """A lesson's planned and fitted slides."""
    return fit_deck(plan_deck(lesson, context.labels, context.helplines), context.theme, context.labels)


def fit_deck(deck: SlideDeck, theme: Theme, labels: Labels) -> tuple[FittedSlide, ...]:
    """Every planned slide fitted onto one or more full-size slides, numbered from 1.

    The slides, notes pages and slides handout of a lesson draw the same fitted deck, so the
    last few are remembered: fitting tries several type sizes and is a third of their cost.
    """
    register_theme(theme)  # text is measured, and then drawn, in the theme's fonts
    key = (deck, theme, labels)
    if key not in _FITTED:
        if len(_FITTED) >= 8:
            _FITTED.pop(next(iter(_FITTED)))
        _FITTED[key] = _fit_deck(deck, theme, labels)
    return _FITTED[key]


def _fit_deck(deck: SlideDeck, theme: Theme, labels: Labels) -> tuple[FittedSlide, ...]:
    geometry = Geometry.of(theme)
    lesson = deck.lesson
    script = script_for(lesson.language)
    color = theme.section_color(lesson.lesson_id.split("-")[0])
    notice = labels.draft_notice if lesson.translation and lesson.translation.draft else None
    fitters = [_Fitter(slide, theme, labels, geometry, script) for slide in deck.slides]
    lead = _lead_size([f for f in fitters if f.slide.kind == "prompt"], theme)
    fitted: list[FittedSlide] = []
    for fitter in fitters:
        slide = fitter.slide
        for part, (blocks, header) in enumerate(fitter.pages(lead)):
            middle = header if slide.kind == "prompt" else None
            fitted.append(
                FittedSlide(
                    len(fitted) + 1,
                    slide,
                    part,
                    _outline(slide, part, labels),
                    tuple(blocks),
                    theme,
                    middle,
                    script,
                    color,
                    notice,
                )
            )
    return tuple(fitted)


def _lead_size(prompts: list[_Fitter], theme: Theme) -> float:
    """One size for every question of the deck: the largest, from the title size down to the
    body size, at which each fits on one slide."""
    for size in _sizes(theme.slide_title_size, theme.slide_body_size):
        if all(len(fitter.paginate(size)) == 1 for fitter in prompts):
            return size
    return theme.slide_body_size


# -- drawing ------------------------------------------------------------------------------------


def draw_slide(
    canvas: Canvas, fitted: FittedSlide, width: float, height: float, *, codes: bool = True
) -> None:
    """Draw a fitted slide at (0, 0), scaled to `width` x `height` (full size is SLIDE_SIZE);
    without its QR codes when `codes` is false (a picture too small for them to scan)."""
    with group(canvas, SLIDE):  # each slide is a section of the structure, headed by its title
        _draw_slide(canvas, fitted, width, height, codes=codes)


SLIDE = Tag("Sect", leaf=False)


def slide_level(slide: Slide) -> int:
    """The heading level of a slide's title: the title slide's is the document's H1."""
    return 1 if slide.kind == "title" else 2


def _draw_slide(canvas: Canvas, fitted: FittedSlide, width: float, height: float, *, codes: bool) -> None:
    theme = fitted.theme
    g = Geometry.of(theme)
    canvas.saveState()
    canvas.scale(width / g.width, height / g.height)
    canvas.setFillColor(theme.page_color)
    canvas.rect(0, 0, g.width, g.height, stroke=0, fill=1)
    band = [b for b in fitted.blocks if b.band]
    y = g.top
    if band:  # a band down to BAND_DEPTH of the slide, its text at the band's foot
        height = _stack_height(band, g)
        bottom = min(g.height * (1 - BAND_DEPTH), g.top - height - g.margin * BAND_BELOW)
        draw_band(canvas, fitted, g, bottom)
        y = bottom + g.margin * BAND_BELOW + height
    else:
        draw_strip(canvas, fitted, g)
    rtl = fitted.script.rtl
    for i, block in enumerate(fitted.blocks):
        if i and band and not block.band and fitted.blocks[i - 1].band:
            y = min(y, bottom - g.margin * 0.6)
        else:
            y -= block.space_before if i else 0
        if i == fitted.middle_from:
            y -= max(0.0, (y - g.bottom - _stack_height(fitted.blocks[i:], g)) / 2)
        y -= _draw_block(canvas, block, g, y, fitted.color, rtl, codes)
    draw_footer(canvas, fitted, g)
    canvas.restoreState()


def _draw_block(
    canvas: Canvas, block: Block, g: Geometry, top: float, accent: str, rtl: bool = False, codes: bool = True
) -> float:
    """Draw one block with its top at `top`; return the height it took. Right to left, a QR
    code sits on the left and the text beside it on the right."""
    _, h = block.paragraph.wrapOn(canvas, g.text_width(block), g.height)
    beside_qr = g.live_width - g.text_width(block)
    block.paragraph.drawOn(canvas, g.margin + (beside_qr if rtl else 0), top - h)
    if block.qr is not None and codes:
        x = g.margin if rtl else g.width - g.margin - g.qr_size
        block.qr.drawOn(canvas, x, top - g.qr_size)
        h = max(h, g.qr_size)
    if block.rule_after:
        canvas.setFillColor(accent)
        canvas.rect(g.margin, top - h - g.rule_above - RULE, g.live_width, RULE, stroke=0, fill=1)
        h += g.rule_above + RULE + g.rule_below
    return h


def _stack_height(blocks: Sequence[Block], g: Geometry) -> float:
    total = 0.0
    for i, block in enumerate(blocks):
        total += (block.space_before if i else 0) + _height(block, g)
    return total


def _height(block: Block, g: Geometry) -> float:
    _, h = block.paragraph.wrap(g.text_width(block), g.height)
    if block.qr is not None:
        h = max(h, g.qr_size)
    if block.rule_after:
        h += g.rule_above + RULE + g.rule_below
    return h


# -- fitting ------------------------------------------------------------------------------------


class _Fitter:
    """Fits one planned slide: the largest type that needs the fewest slides."""

    def __init__(
        self,
        slide: Slide,
        theme: Theme,
        labels: Labels,
        g: Geometry,
        script: Script = LATIN,
    ) -> None:
        self.slide = slide
        self.theme = theme
        self.labels = labels
        self.g = g
        self.script = script
        self._paginated: dict[tuple[float, int], list[tuple[list[Block], int]]] = {}

    def pages(self, lead: float) -> list[tuple[list[Block], int]]:
        """(blocks, how many of them are the header) for each slide this one needs: one body
        size for the whole deck (and `lead`, the deck's size for its questions), split rather
        than shrunk."""
        size = lead if self.slide.kind == "prompt" else self.theme.slide_body_size
        pages = self.paginate(size)
        if len(pages) > 1:  # as many slides, items shared evenly (no lone last item)
            items = len(self.slide.items)
            even = self.paginate(size, -(-items // len(pages)))
            if len(even) == len(pages):
                return even
        return pages

    def paginate(self, size: float, most: int = 0) -> list[tuple[list[Block], int]]:
        """Blocks of this slide at body size `size`, filled greedily onto as many slides as
        needed (with at most `most` items on a slide, when given). Worked out once per size:
        the deck's question size is found by paginating each question at every size down to it,
        and the deck is then fitted at that size."""
        key = (size, most)
        if key not in self._paginated:
            self._paginated[key] = self._paginate(size, most)
        return self._paginated[key]

    def _paginate(self, size: float, most: int) -> list[tuple[list[Block], int]]:
        g = self.g
        room = g.top - g.bottom
        header = self.header()
        stream = [*header, *self.items(size)]  # a title too long for a slide is split too
        pages: list[tuple[list[Block], int]] = []
        page: list[Block] = []
        used, fixed = 0.0, len(header)
        while stream:
            block = stream.pop(0)
            gap = block.space_before if page else 0
            h = _height(block, g)
            if used + gap + h <= room and not (most and len(page) - fixed >= most):
                page.append(block)
                used += gap + h
                continue
            if len(page) > fixed:  # start a continuation slide
                pages.append((page, fixed))
                page, used, fixed = self._continued(len(pages))
                stream.insert(0, block)
                continue
            cut = _split(block, g, room - used - gap)
            if cut is None and page:  # not one line below this header (huge theme sizes):
                if not pages:  # the slide's title keeps a slide of its own
                    pages.append((page, fixed))
                page, used, fixed = [], 0.0, 0  # and the text goes on slides without it
                stream.insert(0, block)
                continue
            if cut is None:
                raise ValueError("a slide has no room for even one line")
            head, tail = cut
            page.append(head)
            pages.append((page, fixed))
            page, used, fixed = self._continued(len(pages))
            stream.insert(0, tail)
        pages.append((page, fixed))
        return pages

    def _continued(self, part: int) -> tuple[list[Block], float, int]:
        header = self.header(part)
        return header, _stack_height(header, self.g), len(header)

    def header(self, part: int = 0) -> list[Block]:
        """Kicker and title; on a continuation slide, the title marked as continued."""
        slide, theme = self.slide, self.theme
        kicker, title = slide.kicker, slide.title
        if part:
            if title is not None:
                title = plain_text(self.labels.continued.format(title=_short(title.plain)))
            else:
                kicker = self.labels.continued.format(title=kicker)
        if kicker and slide.timing and not part:
            kicker = f"{kicker} · {slide.timing}"
        band = slide.kind == "title" and not part
        on_band = band_text_color(theme.box_color is not None, theme.accent_color) if band else None
        blocks: list[Block] = []
        level = heading(slide_level(slide))  # the title heads the slide; without one, the kicker
        if kicker:
            style = _style(theme, "kicker", theme.slide_min_body_size, 0, self.script, on_band)
            kicked = para(kicker, style, theme)
            blocks.append(
                Block(
                    kicked if title is not None else tag(kicked, level),
                    rule_after=title is None and not band,
                    band=band,
                )
            )
        if title is not None:
            style = _style(theme, "title", self.title_size(title), 0, self.script, on_band)
            blocks.append(
                Block(
                    tag(para(title, style, theme), level),
                    rule_after=not band,
                    band=band,
                    space_before=theme.slide_min_body_size * 0.15,
                )
            )
        return blocks

    def title_size(self, title: RichText) -> float:
        """The largest title size at which the title takes at most TITLE_LINES lines."""
        theme = self.theme
        start = theme.slide_title_size * (1.2 if self.slide.kind == "title" else 1)
        for size in _sizes(start, theme.slide_min_title_size):
            style = _style(theme, "title", size, 0, self.script)
            _, h = para(title, style, theme).wrap(self.g.live_width, self.g.height)
            if h <= style.leading * TITLE_LINES + 1:
                return size
        return theme.slide_min_title_size

    def items(self, size: float) -> list[Block]:
        theme, slide = self.theme, self.slide
        role = "lead" if slide.kind == "prompt" else "body"
        marker = max(len(item.marker) for item in slide.items) if slide.items else 0
        style = _style(theme, role, size, marker, self.script)  # "9." and "10." indent alike
        return [self.item(item, style, first=i == 0) for i, item in enumerate(slide.items)]

    def item(self, item: SlideItem, style: ParagraphStyle, first: bool) -> Block:
        """One point of the slide, with its QR code; a gap above all but the first (and room
        below the title slide's band)."""
        qr = qr_code(item.qr, self.g.qr_size, self.labels.qr_code_for) if item.qr else None
        gap = 0.0 if first else style.fontSize * (0.9 if qr else 0.5)
        if first and self.slide.kind == "title":  # below the band (see draw_slide)
            gap = self.g.height * BAND_DEPTH * 0.5
        return Block(para(item.text, style, self.theme, bullet=item.marker or None), qr, gap)


def _split(block: Block, g: Geometry, room: float) -> tuple[Block, Block] | None:
    """A block too tall for a whole slide, cut between lines: what fits, and the rest; None
    when not even one line fits in `room`."""
    parts = block.paragraph.split(g.text_width(block), room) if room > 0 else []
    if len(parts) < 2:
        return None
    head = replace(block, paragraph=parts[0], rule_after=False)
    return head, replace(block, paragraph=parts[1], qr=None, space_before=0.0)


def _sizes(start: float, minimum: float) -> list[float]:
    """Font sizes from `start` down to `minimum`, in SIZE_STEP steps, both ends included."""
    sizes, size = [], start
    while size > minimum:
        sizes.append(size)
        size -= SIZE_STEP
    return [*sizes, minimum]


def _short(text: str, limit: int = 48) -> str:
    """A title short enough to repeat on a continuation slide, cut at a space if it has one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut).rstrip(" ,;:—-(") + "…"


def _outline(slide: Slide, part: int, labels: Labels) -> str:
    """The bookmark of a slide: its title, or its kicker and question."""
    if slide.title is not None:
        title = _short(slide.title.plain, 80)
    else:
        title = f"{slide.kicker}: {_short(slide.items[0].text.plain, 80)}" if slide.items else ""
    return labels.continued.format(title=title) if part else title


@cache
def _style(
    theme: Theme, role: str, size: float, marker: int = 0, script: Script = LATIN, color: str | None = None
) -> ParagraphStyle:
    """A slide paragraph style: `title`, `kicker`, `lead` (a question) or `body`, in `color`
    when given (text on the title slide's band).

    Built on the theme's body style, so what it sets for a language (fonts, direction) holds here.
    """
    bold = role in ("title", "kicker")
    color = color or (theme.accent_color if role in ("title", "kicker") else theme.text_color)
    leading = size * (1.12 if role in ("title", "lead") else 1.25)
    indent = size * (0.55 * marker + 0.6) if marker else 0
    face = theme.heading_font if role == "title" else theme.body_font
    return for_script(
        ParagraphStyle(
            f"slide-{role}-{size}-{marker}",
            parent=styles_for(theme).body,
            fontName=f"{face}-Bold" if bold else face,
            fontSize=size,
            leading=leading,
            textColor=color,
            leftIndent=indent,
            bulletIndent=0,
            bulletFontName=theme.body_font,
            bulletFontSize=size,
            bulletColor=theme.accent_color,
            spaceBefore=0,
            spaceAfter=0,
        ),
        script,
    )


class SlideImage(Flowable):
    """A fitted slide drawn small with a thin border (a notes page), with the slide's bookmark."""

    def __init__(self, fitted: FittedSlide, width: float) -> None:
        super().__init__()
        self.fitted = fitted
        self.width = width
        self.height = width * SLIDE_SIZE[1] / SLIDE_SIZE[0]
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_thumbnail(self.canv, self.fitted, 0, 0, self.width)
        bookmark(self.canv, self.fitted)


def bookmark(canvas: Canvas, fitted: FittedSlide) -> None:
    """A bookmark to the current page, named after the slide (keys are slide numbers)."""
    key = f"slide{fitted.number}"
    canvas.bookmarkPage(key, fit="XYZ", top=None)
    canvas.addOutlineEntry(fitted.outline, key, level=0, closed=False)


def draw_thumbnail(canvas: Canvas, fitted: FittedSlide, x: float, y: float, width: float) -> None:
    """A fitted slide, `width` points wide, its lower-left corner at (x, y), with a thin border.
    A QR code drawn this small would not scan: thumbnails leave its place empty."""
    height = width * SLIDE_SIZE[1] / SLIDE_SIZE[0]
    canvas.saveState()
    canvas.translate(x, y)
    draw_slide(canvas, fitted, width, height, codes=False)
    canvas.setStrokeColor(fitted.theme.rule_color)
    canvas.setLineWidth(fitted.theme.line(1.25))
    canvas.rect(0, 0, width, height, stroke=1, fill=0)
    canvas.restoreState()

"""The look every slide shares, from the theme: the section colour, the title slide's band, and
a footer with the organisation's logo and name, the draft notice and the slide number.

The section colour is the audience's (`Theme.section_color`): a band behind the title slide's
title and audience, a strip along the top of every other slide and the rule under its title.
Presets still apply: without fills (ink saver, high contrast) the band becomes a thick rule
and its text takes the text colours, and every colour prints as a distinct dark grey in
greyscale. All text is drawn as paragraphs, so it is shaped and ordered in any script.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from .tagging.canvas import decoration
from .tagging.roles import read_once, tag
from .text import for_script, paragraph, plain_markup, styles_for

if TYPE_CHECKING:
    from .slide_drawing import FittedSlide, Geometry

BAND_TEXT = "#ffffff"
STRIP = 0.35  # top strip of a content slide, as a share of the margin
RULE = 5.0  # without fills (ink saver, high contrast): a rule this thick


def filled(fitted: FittedSlide) -> bool:
    """True when the theme fills areas (not ink saver or high contrast): the title slide's
    band is then a block of colour with white text on it."""
    return fitted.theme.box_color is not None


def band_text_color(fitted_theme_filled: bool, accent: str) -> str:
    """The colour of text on the title slide's band."""
    return BAND_TEXT if fitted_theme_filled else accent


def draw_band(canvas: Canvas, fitted: FittedSlide, g: Geometry, bottom: float) -> None:
    """The title slide's band of section colour, from `bottom` to the top edge (a thick rule
    at `bottom` when the theme does not fill areas)."""
    canvas.saveState()
    canvas.setFillColor(fitted.color)
    if filled(fitted):
        canvas.rect(0, bottom, g.width, g.height - bottom, stroke=0, fill=1)
    else:
        canvas.rect(g.margin, bottom, g.live_width, RULE, stroke=0, fill=1)
    canvas.restoreState()


def draw_strip(canvas: Canvas, fitted: FittedSlide, g: Geometry) -> None:
    """A thin strip of section colour along the top edge of a content slide."""
    canvas.saveState()
    canvas.setFillColor(fitted.color)
    depth = g.margin * STRIP if filled(fitted) else RULE
    canvas.rect(0, g.height - depth, g.width, depth, stroke=0, fill=1)
    canvas.restoreState()


def draw_footer(canvas: Canvas, fitted: FittedSlide, g: Geometry) -> None:
    """Logo and organisation where reading starts, the draft notice in the middle, the slide
    number at the other end (mirrored right to left). In a tagged PDF a footer is an artifact;
    the draft notice is also read once, first in the document."""
    with decoration(canvas):
        _draw_footer(canvas, fitted, g)


def _draw_footer(canvas: Canvas, fitted: FittedSlide, g: Geometry) -> None:
    theme, rtl = fitted.theme, fitted.script.rtl
    size = g.label_size
    baseline = g.margin + size * 0.3
    base = for_script(
        ParagraphStyle(
            "slide-footer",
            parent=styles_for(theme).footer,
            fontSize=size,
            leading=size * 1.2,
            textColor=theme.muted_color,
        ),
        fitted.script,
    )
    start = g.margin
    if theme.logo:
        image = ImageReader(io.BytesIO(theme.logo))
        w, h = image.getSize()
        height = size * 1.6
        width = height * w / h
        x = g.width - g.margin - width if rtl else g.margin
        canvas.drawImage(image, x, baseline - size * 0.35, width, height, mask="auto")
        start += width + size * 0.6
    room = g.live_width * 0.3
    if theme.organisation:
        style = ParagraphStyle("slide-org", parent=base, alignment=TA_RIGHT if rtl else TA_LEFT)
        para = paragraph(plain_markup(theme.organisation), style)
        _, h = para.wrap(room, g.height)
        x = g.width - start - room if rtl else start
        para.drawOn(canvas, x, baseline - h + size)
    if fitted.notice:
        style = ParagraphStyle(
            "slide-notice", parent=base, alignment=TA_CENTER, fontName=f"{theme.body_font}-Bold"
        )
        para = tag(paragraph(plain_markup(fitted.notice), style), read_once(fitted.notice))
        _, h = para.wrap(g.live_width * 0.4, g.height)
        para.drawOn(canvas, g.width * 0.3, baseline - h + size)
    canvas.saveState()
    canvas.setFont(theme.body_font, size)
    canvas.setFillColor(theme.muted_color)
    number = str(fitted.number)  # digits need no shaping: plain drawing is right
    if rtl:
        canvas.drawString(g.margin, baseline, number)
    else:
        canvas.drawRightString(g.width - g.margin, baseline, number)
    canvas.restoreState()

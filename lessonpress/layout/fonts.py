"""Register font families with ReportLab once per process, and check that text is printable.

ReportLab's font registry is global, so this module is the only one that touches it. A face is
registered the first time a theme asks for its family; later documents in the same process (a
warm build, a worker in the pool) reuse it.
"""

from __future__ import annotations

from functools import cache

from reportlab import rl_config
from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..errors import LessonError
from ..fonts import FontFamily, family
from ..theme import Theme


@cache
def register_family(name: str) -> FontFamily:
    """Register the four faces of a family and map <b>/<i> to them; returns the family."""
    fam = family(name)
    for face, path in fam.faces().items():
        try:
            pdfmetrics.registerFont(TTFont(face, str(path)))
        except TTFError as exc:
            raise LessonError(f"cannot use font {path.name}: {exc}", code="font.invalid",
                              hint="only TrueType (.ttf) fonts with glyf outlines work") from None
    addMapping(name, 0, 0, name)
    addMapping(name, 1, 0, f"{name}-Bold")
    addMapping(name, 0, 1, f"{name}-Italic")
    addMapping(name, 1, 1, f"{name}-BoldItalic")
    return fam


def register_theme(theme: Theme) -> None:
    """Register every family a theme uses; make the body font the canvas default.

    Setting `canvas_basefontname` (and the graphics default, used when a QR code is drawn)
    stops ReportLab from referencing an unembedded Helvetica in every PDF (I18N.md §5).
    """
    for name in (theme.body_font, theme.heading_font, theme.mono_font):
        register_family(name)
    rl_config.canvas_basefontname = theme.body_font
    STATE_DEFAULTS["fontName"] = theme.body_font


@cache
def coverage(face: str) -> frozenset[int]:
    """Code points a registered face can draw."""
    font = pdfmetrics.getFont(face)
    return frozenset(font.face.charToGlyph)


def missing_characters(text: str, face: str) -> list[str]:
    """Characters of `text` the face has no glyph for (spaces and line breaks excepted)."""
    have = coverage(face)
    return sorted({c for c in text if ord(c) not in have and not c.isspace()
                   and c not in "\u00ad\u200b\u200c\u200d"})

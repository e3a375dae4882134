"""Register font families with ReportLab once per process, and check that text is printable.

ReportLab's font registry is global, so this module is the only one that touches it. A face is
registered the first time a theme asks for its family; later documents in the same process (a
warm build, a worker in the pool) reuse it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import cache

import uharfbuzz
from reportlab.lib.colors import HexColor, toColor
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..errors import LessonError
from ..fonts import FontFamily, family
from ..model import Lesson
from ..scripts import script_for
from ..theme import Theme


@cache
def register_family(name: str) -> FontFamily:
    """Register the four faces of a family and map <b>/<i> to them; returns the family."""
    fam = family(name)
    registered: set[str] = set()
    for (bold, italic), (face, path) in fam.styles().items():
        if face not in registered:
            try:
                pdfmetrics.registerFont(TTFont(face, str(path)))
            except TTFError as exc:
                raise LessonError(
                    f"cannot use font {path.name}: {exc}",
                    code="font.invalid",
                    hint="only TrueType (.ttf) fonts with glyf outlines work",
                ) from None
            registered.add(face)
        addMapping(name, bold, italic, face)
    return fam


def face_name(family_name: str, bold: bool, italic: bool) -> str:
    """The registered face that draws a family in a style."""
    return register_family(family_name).styles()[(int(bold), int(italic))][0]


def register_theme(theme: Theme) -> None:
    """Register every family a theme uses, and set ReportLab's colour table for its colours.

    Called as each document is laid out. ReportLab parses a "#rrggbb" colour through a slow
    general path on every use (~150 times a handout); colours in its extra-colour table are
    looked up instead. The table is reset to ReportLab's own plus this theme's colours each
    time, so what it holds depends on the document being made, never on earlier ones. (The
    document's base font is set by `render`, per document.)
    """
    for name in (theme.body_font, theme.heading_font, theme.mono_font):
        register_family(name)
    colours = tuple(
        getattr(theme, f.name) for f in dataclasses.fields(theme) if f.name.endswith(("_color", "_fill"))
    )
    table = toColor.extraColorsNS
    table.clear()
    table.update(_REPORTLAB_COLOURS)
    table.update(_parsed(colours))


_REPORTLAB_COLOURS = dict(toColor.extraColorsNS)


@cache
def _parsed(values: tuple[str, ...]) -> dict[str, HexColor]:
    return {v: HexColor(v) for v in (*values, "#000000", "#ffffff") if v.startswith("#")}


@cache
def coverage(face: str) -> frozenset[int]:
    """Code points a registered face can draw."""
    font = pdfmetrics.getFont(face)
    return frozenset(font.face.charToGlyph)


INVISIBLE = "\u00ad\u200b\u200c\u200d"  # soft hyphen, zero-width space and (non-)joiners


@cache
def coverage_characters(face: str) -> frozenset[str]:
    """The characters a registered face can draw (`coverage` as text)."""
    return frozenset(map(chr, coverage(face)))


def missing_characters(text: str, face: str) -> list[str]:
    """Characters of `text` the face has no glyph for (spaces and line breaks excepted)."""
    unknown = set(text) - coverage_characters(face)
    return sorted(c for c in unknown if not c.isspace() and c not in INVISIBLE)


@cache
def _harfbuzz_font(path: str) -> uharfbuzz.Font:
    return uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(path)))


def unshapable_characters(text: str, family_name: str, bold: bool, italic: bool) -> list[str]:
    """Characters of `text` that HarfBuzz shapes to no glyph (glyph 0) in a family's face.

    Exact for shaped scripts, where the cmap alone is not: shaping may decompose a letter the
    face lacks (Hind draws ऩ as न + nukta), and hides joiners (I18N.md §4.5).
    """
    path = register_family(family_name).styles()[(int(bold), int(italic))][1]
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    uharfbuzz.shape(_harfbuzz_font(str(path)), buffer, {})
    return sorted(
        {text[g.cluster] for g in buffer.glyph_infos if g.codepoint == 0} - {c for c in text if c.isspace()}
    )


def fonts_for(lessons: Sequence[Lesson], theme: Theme) -> Theme:
    """The theme with body and heading fonts that can print these lessons' language and text.

    The script's candidate families are tried in order (for Latin text the theme's own font
    first); the first that has every character wins, so a Vietnamese or Polish word in an
    English lesson switches the whole document to a font that has it, never to boxes.
    """
    language = lessons[0].language if lessons else "en"
    script = script_for(language)
    candidates = script.families
    if script.name == "Latin":
        candidates = (theme.body_font, *[f for f in candidates if f != theme.body_font])
    chars = "".join(sorted(set().union(*(_characters(lesson) for lesson in lessons))))
    chosen = next(
        (f for f in candidates if not missing_characters(chars, face_name(f, False, False))), candidates[0]
    )
    if chosen == theme.body_font:
        return theme
    heading = (
        theme.heading_font if script.name == "Latin" and theme.heading_font != theme.body_font else chosen
    )
    return dataclasses.replace(theme, body_font=chosen, heading_font=heading)


_CHARACTERS: dict[int, tuple[Lesson, frozenset[str]]] = {}


def _characters(lesson: Lesson) -> frozenset[str]:
    """The characters a lesson prints outside code, kept per lesson object: every output of a
    lesson chooses its font from them (a build lays out each lesson in ~10 formats)."""
    kept = _CHARACTERS.get(id(lesson))
    if kept is not None and kept[0] is lesson:
        return kept[1]
    found = frozenset("".join(run.text for text in lesson.texts() for run in text.runs if not run.code))
    if len(_CHARACTERS) > 256:  # a long watch session sees many versions of its lessons
        _CHARACTERS.clear()
    _CHARACTERS[id(lesson)] = (lesson, found)
    return found

"""Make ReportLab 5.1 print complex scripts: right-to-left word order, dictionary line breaks,
and three fixes to ReportLab itself (I18N.md §2.4, §3.2, §3.4).

ReportLab's own right-to-left support needs `rlbidi`, which is not on PyPI, and it breaks lines
only at spaces. So:
- `RTLParagraph` makes every word its own style run while lines are broken and puts each
  line's words in display order (`bidi.py`): right to left, with English islands such as
  "Google Drive" in their own order (short ones kept on one line by `glue_ltr_islands`).
- `SegmentedParagraph` splits Thai and Khmer words at the breaks ICU's dictionary finds.
- `ScriptParagraph` does whichever of the two its style asks for; every paragraph lessonpress
  draws is one.
Both rely on ReportLab internals (`sameFrag`, `_getFragWords`, `_HSFrag`), which is why
ReportLab is pinned and `tests/layout/test_complex_scripts.py` covers each piece. Swapping the
module-level `sameFrag` is not thread-safe: builds run in processes, never threads.
"""

from __future__ import annotations

import re
import types
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import reportlab.platypus.paragraph as rl_paragraph
import uharfbuzz
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _getFragWords

from .bidi import (
    NBSP,
    base_is_rtl,
    direction,
    glue_ltr_islands,
    glue_spaces,
    rtl_visual,
    spans,
    visual_order,
)

__all__ = [
    "PATCHES",
    "RTLParagraph",
    "ScriptParagraph",
    "SegmentedParagraph",
    "apply_patches",
    "glue_ltr_islands",
    "segment_words",
]
_STRONG_RTL = frozenset(("R", "AL"))
_NEEDS_DICTIONARY = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]")


# -- the ReportLab fixes -----------------------------------------------------------------

SET_RISE = "setRise: IndexError and shaped text off its baseline"
DIGIT_DIRECTION = "Arabic-Indic digits shaped right to left"
UNPATCHED: dict[str, Any] = {}  # what each patch replaced (the tests show the bugs)


def _set_rise(self: PDFTextObject, rise: float) -> None:
    """PDFTextObject.setRise that records every rise it sets, and works on an empty list."""
    v = f"{fp_str(rise)} Ts"
    if self._code and self._code[-1].endswith(" Ts"):  # two rises in a row: keep the last
        self._code[-1] = v
    else:
        self._code.append(v)
    self._y += self._rise - rise
    self._rise = rise


class _Buffer(uharfbuzz.Buffer):
    """A HarfBuzz buffer that shapes left to right any word without a right-to-left letter."""

    direction: str

    def add_str(self, text: str, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        self._lp_text = text
        super().add_str(text, *args, **kwargs)

    def guess_segment_properties(self) -> None:
        super().guess_segment_properties()
        text = getattr(self, "_lp_text", "")
        if self.direction == "rtl" and not any(unicodedata.bidirectional(c) in _STRONG_RTL for c in text):
            self.direction = "ltr"


def _patch_set_rise() -> None:
    """Patch 1, `PDFTextObject.setRise`: shaped text with vertical offsets (Khmer subscripts,
    cursive Arabic, Thai and Devanagari marks). ReportLab's `_formatText` empties the list of
    text operators and then calls `setRise`, which reads the last operator: `IndexError` when
    the first glyph of a wrapped line is raised. And when two rises follow each other it
    replaces the first `Ts` operator but forgets to record the second rise, so the glyphs after
    a subscript are drawn at the subscript's height, off the baseline, until the next change.
    """
    UNPATCHED[SET_RISE] = PDFTextObject.setRise
    PDFTextObject.setRise = _set_rise


def _patch_digit_direction() -> None:
    """Patch 2, reversed Arabic-Indic numbers: ReportLab shapes each word with the direction
    HarfBuzz guesses from its script; U+0660-0669 count as Arabic script, so "١٥" (15) is
    shaped right to left and printed "٥١". A word with no right-to-left letter is shaped left
    to right instead. ReportLab looks `uharfbuzz` up as a module global when it shapes, so the
    module is replaced there (and only there) by a copy whose Buffer is `_Buffer`."""
    proxy = types.SimpleNamespace(
        **{k: getattr(uharfbuzz, k) for k in dir(uharfbuzz) if not k.startswith("__")}
    )
    proxy.Buffer = _Buffer
    UNPATCHED[DIGIT_DIRECTION] = ttfonts.uharfbuzz
    ttfonts.uharfbuzz = proxy


PRIVATE_USE = "private-use code points that depend on the process"


def _add_private(self: ttfonts.TTFont, name: str, gid: int, advance: float) -> int:  # noqa: ARG001
    """TTFont.__addPrivate, deterministic: glyph `gid` always gets the gid-th private-use code
    point the font's own cmap leaves free, and its nominal advance as its width."""
    face = self.face
    free = getattr(face, "_lp_free_private", None)
    if free is None:  # the first call for this face: the cmap holds only the font's own codes
        free = face._lp_free_private = [c for c in range(0xE000, 0xF900) if c not in face.charToGlyph]
    if gid >= len(free):  # no font lessonpress ships has this many glyphs
        return UNPATCHED[PRIVATE_USE](self, name, gid, advance)
    uchar = free[gid]
    if uchar not in face.charToGlyph:
        face.charToGlyph[uchar] = gid
        face.glyphToChar.setdefault(gid, []).append(uchar)
        face.charWidths[uchar] = face._pdfScale(face.hmetrics[gid][0])
    return uchar


def _patch_private_use() -> None:
    """Patch 3, output bytes that depend on the process: a shaped glyph with no character of
    its own (a Devanagari conjunct, an Arabic ligature) is drawn through a private-use code
    point, which ReportLab hands out per font in the order glyphs are first met in the
    process, with the width of that first occurrence. The ToUnicode map and widths of a Hindi
    PDF then depended on what the process had drawn before: `--jobs 1` and `--jobs 2`, or one
    lesson alone and all of them, gave different bytes. Here the code point is derived from
    the glyph (its id) and the width from the font, so it is the same in every process."""
    UNPATCHED[PRIVATE_USE] = ttfonts.TTFont._TTFont__addPrivate
    ttfonts.TTFont._TTFont__addPrivate = _add_private


SHAPING_CACHE = "shaping-cache"
_SHAPED: dict[tuple, tuple] = {}
_SHAPED_LIMIT = 100_000


def _cached_shape(w, features=None, force=False):  # noqa: ANN001, ANN202 - ReportLab's signature
    """`shapeFragWord` remembered per (font, size, text, word kind): the same words recur in a
    lesson's handout, slides, notes, guide and pack, and shaping is most of the cost of an
    Arabic or Hindi page. Only plain one-run words are remembered; the shaped text is shared
    (it is never changed in place) and wrapped around each caller's own style run."""
    original = UNPATCHED[SHAPING_CACHE]
    if isinstance(w, ttfonts.ShapedFragWord) or len(w) != 2 or hasattr(w[1][0], "cbDefn"):
        return original(w, features, force) if features is not None else original(w, force=force)
    frag, text = w[1]
    key = (
        frag.fontName,
        frag.fontSize,
        text,
        type(w),
        force,
        id(ttfonts.uharfbuzz),
        None if features is None else tuple(sorted(features.items())),
    )
    hit = _SHAPED.get(key)
    if hit is None:
        new = original(w, features, force) if features is not None else original(w, force=force)
        if new is w:
            hit = (None,)
        elif len(new) == 2 and new[1][0] is frag:
            hit = (type(new), new[0], new[1][1])
        else:
            return new
        if len(_SHAPED) > _SHAPED_LIMIT:
            _SHAPED.clear()
        _SHAPED[key] = hit
    if hit[0] is None:
        return w
    kind, width, shaped = hit
    return kind([width, (frag, shaped)])


def _patch_shaping_cache() -> None:
    """Speed, not a fix: remember shaped words (see `_cached_shape`); ~3x faster Arabic pages."""
    UNPATCHED[SHAPING_CACHE] = rl_paragraph.shapeFragWord
    rl_paragraph.shapeFragWord = _cached_shape


PATCHES: dict[str, Callable[[], None]] = {
    SET_RISE: _patch_set_rise,
    DIGIT_DIRECTION: _patch_digit_direction,
    PRIVATE_USE: _patch_private_use,
    SHAPING_CACHE: _patch_shaping_cache,
}
_applied: set[str] = set()


def apply_patches() -> None:
    """Apply each ReportLab fix once per process (importing this module does it)."""
    for name, patch in PATCHES.items():
        if name not in _applied:
            patch()
            _applied.add(name)


apply_patches()


# -- right to left ---------------------------------------------------------------------------


def _is_rtl(style) -> bool:  # noqa: ANN001 - a ParagraphStyle
    return getattr(style, "wordWrap", None) == "RTL"


class RTLParagraph(Paragraph):
    """A Paragraph whose words run right to left when its style has `wordWrap='RTL'`.

    ReportLab reverses the style runs of each right-to-left line when it draws it; with one run
    per word, set in `breakLines`, that reverses the words. Each line's runs are first put in
    the order `bidi.visual_order` gives, so English islands come out in their own order. A
    paragraph whose first letter is left to right (an English helpline in an Arabic handout)
    keeps the page's alignment but reads left to right.
    """

    base_rtl = True

    def __init__(self, text, style=None, bulletText=None, frags=None, **kw) -> None:  # noqa: ANN001, ANN003, N803
        fresh = frags is None and _is_rtl(style)  # split() passes frags already prepared
        if fresh and isinstance(bulletText, str):
            bulletText = rtl_visual(bulletText)  # bullets are drawn as they are: in visual order
        super().__init__(text, style, bulletText, frags, **kw)
        if fresh:
            self.base_rtl = _prepare_rtl_frags(self.frags)

    def split(self, availWidth, availHeight):  # noqa: ANN001, ANN201, N803
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.base_rtl = self.base_rtl
        return parts

    def breakLines(self, width):  # noqa: ANN001, ANN201, N802 - ReportLab's name
        if not _is_rtl(self.style):
            return super().breakLines(width)
        same_frag = rl_paragraph.sameFrag
        rl_paragraph.sameFrag = lambda f, g: 0  # one style run per word
        try:
            lines = super().breakLines(width)
        finally:
            rl_paragraph.sameFrag = same_frag
        if lines.kind == 1:
            for line in lines.lines:  # drawPara reverses them again
                line.words = _visual_line(line.words, self.base_rtl)[::-1]
        return lines


def _text(frag) -> str | None:  # noqa: ANN001
    text = getattr(frag, "text", None)
    return text if isinstance(text, str) and not hasattr(frag, "cbDefn") else None


def _prepare_rtl_frags(frags: list) -> bool:
    """Glue short English islands and put the punctuation at the edges of numbers and islands
    in visual order, across style runs. Returns whether the paragraph runs right to left."""
    texts = [None if getattr(f, "lineBreak", False) else _text(f) for f in frags]
    joined = "".join("\n" if t is None else t for t in texts)
    if not base_is_rtl(joined, default=True):
        return False
    chars = list(joined)
    for i in glue_spaces(joined):
        chars[i] = NBSP
    for island, words in spans(joined):
        first, last = words[0][0], words[-1][1]
        if island or direction(joined[first:last]) in ("N", ""):
            chars[first:last] = rtl_visual("".join(chars[first:last]))
    start = 0
    for frag, text in zip(frags, texts, strict=True):
        if text is None:
            start += 1
            continue
        frag.text = "".join(chars[start : start + len(text)])
        start += len(text)
    return True


def _visual_line(frags: list, rtl: bool) -> list:
    """One line's style runs from left to right, a space between words."""
    words: list[list] = [[]]
    for frag in frags:
        words[-1].append(frag)
        text = _text(frag)
        if text is None or text.endswith(" "):
            words.append([])
    words = [w for w in words if w]
    for word in words:
        last = word[-1]
        if _text(last):
            last.text = last.text[: len(last.text.rstrip(" "))]  # slicing keeps shaping data
    texts = ["".join(_text(f) or "" for f in word) for word in words]
    out: list = []
    for k, (i, reverse) in enumerate(visual_order(texts, rtl)):
        word = words[i][::-1] if reverse else words[i]
        first = next((f for f in word if _text(f) is not None), None)
        if k and first is not None:
            first.text = " " + first.text
        out += word
    return out


# -- words without spaces --------------------------------------------------------------------


class SegmentedParagraph(Paragraph):
    """A Paragraph that may break lines between Thai or Khmer words, found by ICU's dictionary,
    when its style has `segmentation` (an ICU locale such as "th")."""

    frags: list

    def __init__(self, text, style=None, bulletText=None, frags=None, **kw) -> None:  # noqa: ANN001, ANN003, N803
        super().__init__(text, style, bulletText, frags, **kw)
        locale = getattr(style, "segmentation", "")
        if frags is None and locale:
            self.frags = segment_words(self.frags, locale)


def segment_words(frags: list, locale: str) -> list:
    """ReportLab frag words, with each single-style word that needs a dictionary split at ICU
    line-break opportunities. Only a word's last piece is followed by a space (`_HSFrag`)."""
    out = []
    for word in _getFragWords(frags):
        if len(word) == 2 and isinstance(word[1][1], str) and _NEEDS_DICTIONARY.search(word[1][1]):
            frag, text = word[1]
            pieces = _pieces(text, locale)
            for i, piece in enumerate(pieces):
                kind = word.__class__ if i == len(pieces) - 1 else list
                out.append(kind([stringWidth(piece, frag.fontName, frag.fontSize), (frag, piece)]))
        else:
            out.append(word)
    return out


@lru_cache(maxsize=8192)
def _pieces(text: str, locale: str) -> tuple[str, ...]:
    """A space-free run of text cut where ICU may break a line (the same words recur across a
    lesson's outputs, so the answers are kept)."""
    from icu4py.breakers import LineBreaker  # 30 ms to import: only for Thai, Khmer, ...

    return tuple(p for p in (q.rstrip(" ") for q in LineBreaker(text, locale)) if p)


class ScriptParagraph(SegmentedParagraph, RTLParagraph):
    """The Paragraph every lesson text is printed with: right to left and/or segmented as its
    style says, and a plain Paragraph for Latin, Cyrillic and Greek."""

    _memo: tuple | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Break lines once per width: platypus often asks twice (to measure, then to place)."""
        memo = self._memo
        if memo is not None and memo[0] == availWidth:
            _, self.width, self.height, self.blPara, self._wrapWidths = memo
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if availWidth >= rl_paragraph._FUZZ:
            self._memo = (availWidth, self.width, self.height, self.blPara, self._wrapWidths)
        return width, height

    def draw(self) -> None:
        """Drawing may reorder a line's words in place (right to left), so the memo ends here."""
        self._memo = None
        super().draw()

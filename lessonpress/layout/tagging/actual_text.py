"""Give shaped runs their logical-order text: /ActualText (ISO 32000-1 §14.9.4) and ToUnicode.

HarfBuzz turns a word into glyphs: Devanagari conjuncts and reordered vowel signs, Khmer
subscripts, Arabic joining forms, right to left. ReportLab writes a glyph with no character of
its own with a private-use code, so copying, searching or reading it aloud gets nonsense
("हिन्दी" came out as "ह\\ue001न\\ue002"). So, when a word is shaped (`remember`):

- each glyph's shaping data records the word's text, so that when a paragraph's text object
  is drawn (`record`, `with_actual_text`) it is wrapped in `/Span <</ActualText (...)>> BDC ...
  EMC` with the text of the clusters its runs show, in logical order, spaces kept (slices and
  joins of shaped strings keep the records: they travel with the glyphs);
- in a left-to-right script, each glyph of a cluster is written with a code of its own whose
  ToUnicode entry is its share of the cluster's text, in drawing order ("कि" is drawn ि then क:
  the two glyphs copy out as "क" and "ि"), so tools that ignore ActualText copy the text too.

Right-to-left runs keep ReportLab's codes: the Arabic and Hebrew fonts lessonpress uses map
every glyph to a character, and viewers re-order those themselves; poppler lays ActualText out
left to right and then reverses right-to-left lines, so there it would spell words backwards.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Any

# Right-to-left runs get no ActualText (see above): measured with it, poppler, pdfium and
# poppler's structure reader all spell the words backwards (similarity 0.17-0.27, not 1.00).
RTL_ACTUAL_TEXT = False
NOTHING = "\u2060"  # word joiner: the share of a glyph that stands for no more of its cluster's text
NO_SPACES = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]")  # Thai Lao Myanmar Khmer
_ALIAS_FIRST = 0xF0000  # supplementary private use area A: far from ReportLab's U+E000...
ALIAS_TEXT: dict[int, str] = {}  # code -> the text it stands for (every font; for ToUnicode)
_ALIASES: dict[tuple[str, int, str], int] = {}  # (font, glyph, text) -> code


class Word:
    """The text a shaped word was made from, and where its clusters start."""

    __slots__ = ("bounds", "text")

    def __init__(self, text: str, clusters: list[int]) -> None:
        self.text = text
        self.bounds = sorted(set(clusters))

    def clusters(self, low: int, high: int) -> str:
        """The text of the clusters from `low` to `high` (both cluster starts)."""
        i = bisect.bisect_right(self.bounds, high)
        end = self.bounds[i] if i < len(self.bounds) else len(self.text)
        return self.text[low:end]


def remember(word: list, shaped: Any) -> Any:  # noqa: ANN401 - ReportLab frag words
    """Record in a shaped frag word's glyph data the text it was shaped from; returns it."""
    if shaped is word or not isinstance(shaped, list):
        return shaped
    text = "".join(s for f, s in word[1:] if not hasattr(f, "cbDefn"))
    runs = [(i, f, s) for i, (f, s) in enumerate(shaped[1:], 1) if hasattr(s, "__shapeData__")]
    data = [d for _, _, s in runs for d in s.__shapeData__]
    if not data or isinstance(data[0], Glyph):
        return shaped
    source = Word(text, [d.cluster for d in data])
    rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)
    for i, frag, s in runs:
        glyphs = [_glyph(d, source) for d in s.__shapeData__]
        chars = str(s) if rtl else _own_codes(str(s), glyphs, source, frag.fontName)
        shaped[i] = (frag, type(s)(chars, shapeData=glyphs))
    return shaped


def _own_codes(chars: str, glyphs: list, word: Word, font_name: str) -> str:
    """The run's characters, with each glyph whose text is not its own character replaced by a
    code that stands for its share of its cluster's text."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(font_name).face
    out = list(chars)
    i = 0
    while i < len(glyphs):
        j = i
        while j < len(glyphs) and glyphs[j].cluster == glyphs[i].cluster:
            j += 1
        text = word.clusters(glyphs[i].cluster, glyphs[i].cluster)
        for k, share in zip(range(i, j), shares(text, j - i), strict=True):
            if chars[k] != share:
                out[k] = chr(_alias(font_name, face, ord(chars[k]), share))
        i = j
    return "".join(out)


def shares(text: str, glyphs: int) -> list[str]:
    """A cluster's text split over its glyphs, in drawing order: one character each, the last
    glyph the rest; glyphs beyond the text (a Khmer vowel drawn in two parts) stand for an
    invisible word joiner, which neither breaks the word nor changes it."""
    if glyphs <= 1:
        return [text]
    if len(text) >= glyphs:
        return [*text[: glyphs - 1], text[glyphs - 1 :]]
    return [*text, *[NOTHING] * (glyphs - len(text))]


def _alias(font_name: str, face: Any, code: int, text: str) -> int:  # noqa: ANN401 - a TTFontFace
    """A code drawing the same glyph as `code` in the face, whose ToUnicode text is `text`."""
    glyph = face.charToGlyph[code]
    key = (font_name, glyph, text)
    alias = _ALIASES.get(key)
    if alias is None:
        alias = _ALIAS_FIRST + len(ALIAS_TEXT)
        _ALIASES[key] = alias
        ALIAS_TEXT[alias] = text
        face.charToGlyph[alias] = glyph
        face.charWidths[alias] = face.charWidths[code]
    return alias


def _glyph(data: tuple, word: Word) -> Any:  # noqa: ANN401
    glyph = Glyph(*data)
    glyph.word = word
    return glyph


def _glyph_class() -> type:
    from reportlab.pdfbase.ttfonts import ShapeData

    class Glyph(ShapeData):
        """ReportLab's ShapeData (a named tuple) with the word it came from (`.word`)."""

    return Glyph


Glyph: Any = _glyph_class()


def logical_text(text: str) -> str | None:
    """The logical-order text of a drawn shaped string, or None when it was not shaped here."""
    data = getattr(text, "__shapeData__", None)
    if not data or not any(isinstance(d, Glyph) for d in data):
        return None
    out: list[str] = []
    i = 0
    while i < len(data):
        d: Any = data[i]
        if not isinstance(d, Glyph):
            out.append(ALIAS_TEXT.get(ord(text[i]), text[i]))  # a space joined to the shaped word
            i += 1
            continue
        j, low, high = i, d.cluster, d.cluster
        while j < len(data) and isinstance(data[j], Glyph) and data[j].word is d.word:
            low, high = min(low, data[j].cluster), max(high, data[j].cluster)
            j += 1
        out.append(d.word.clusters(low, high))
        i = j
    return "".join(out)


def record(tx: Any, text: str, line_end: bool) -> None:  # noqa: ANN401 - a PDFTextObject
    """Note a run drawn in a text object: its logical text, whether it was shaped left to right,
    and the space a line break stands for (not in Thai or Khmer, written without spaces, where
    a line may end inside a phrase)."""
    actual = logical_text(text)
    runs = tx.__dict__.setdefault("_lp_runs", [])
    # A run without records (shaped again from drawn codes) still says what its codes stand for.
    runs.append(text.translate(ALIAS_TEXT) if actual is None else actual)  # ALIAS_TEXT: code -> text
    if line_end and text and not text.endswith(" ") and not NO_SPACES.match(text[-1:]):
        runs.append(" ")
    rtl = actual is not None and any(unicodedata.bidirectional(c) in ("R", "AL") for c in actual)
    if actual is not None and (RTL_ACTUAL_TEXT or not rtl):
        tx._lp_shaped = True


def with_actual_text(tx: Any, code: str) -> str:  # noqa: ANN401 - a PDFTextObject
    """A text object's code (`BT ... ET`) wrapped, inside BT/ET, in one Span whose ActualText is
    the logical text of all its runs, when one of them was shaped left to right. One span per
    text object: poppler's structure reader keeps only the first ActualText of a marked-content
    sequence, so a paragraph's second line would be lost with one span per line."""
    if not getattr(tx, "_lp_shaped", False) or not code.startswith("BT ") or not code.endswith(" ET"):
        return code
    actual = "".join(tx._lp_runs).rstrip(" ")
    hexed = "<FEFF" + actual.encode("utf-16-be").hex().upper() + ">"
    return f"BT /Span <</ActualText {hexed}>> BDC {code[3:-3]} EMC ET"

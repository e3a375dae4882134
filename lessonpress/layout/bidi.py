"""Order the words of mixed-direction text for display: a word-level approximation of the
Unicode bidi algorithm (UAX #9), enough for lesson text, with no ReportLab in it.

HarfBuzz orders the letters inside each word; what is left is the order of the words on a
line. A paragraph takes the direction of its first strong letter (rule P2), else the page's. In
a right-to-left paragraph the words run right to left, except *islands*: runs of left-to-right
words, with the European numbers that follow them ("Google Drive", "CC BY 4.0"), which keep their
own order (rules W7, N1, L2). An Arabic phrase inside an English paragraph is the mirror case.
Brackets and punctuation at the edges of a number or an island take the paragraph's direction
(`rtl_visual`). Known gaps, as in I18N.md §3.2: digits glued to Arabic letters, and neutral
words ("—") between two islands, which end the island.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

NBSP = "\u00a0"
GLUE_MAX_WORDS = 3  # islands up to this long stay on one line ("Take It Down")
_RTL = frozenset(("R", "AL"))
# Bidi classes that take the direction of the text around them when they sit at a word's edge.
_NEUTRAL = frozenset(("ON", "CS", "ES", "WS", "BN", "S", "B"))
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
_WORD = re.compile(r"\S+")  # NBSP counts as a space here: glued words are still words


def direction(word: str) -> str:
    """'R' for a word with a right-to-left letter, 'L' with a left-to-right one, 'N' for a
    number (European digits, no letters), '' for punctuation alone."""
    classes = {unicodedata.bidirectional(c) for c in word}
    if classes & _RTL:
        return "R"
    if "L" in classes:
        return "L"
    return "N" if "EN" in classes else ""


def base_is_rtl(text: str, default: bool) -> bool:
    """The direction of a paragraph: its first strong letter's (P2), else `default`."""
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind in _RTL:
            return True
        if kind == "L":
            return False
    return default


def runs(words: Sequence[str], rtl: bool) -> list[tuple[bool, list[int]]]:
    """Word indexes grouped into runs: (True, [...]) for an island against the paragraph's
    direction, with the numbers that follow its words; (False, [i]) for any other word."""
    opposite = "L" if rtl else "R"
    out: list[tuple[bool, list[int]]] = []
    inside = False
    for i, word in enumerate(words):
        kind = direction(word)
        if kind == opposite or (inside and kind == "N"):
            if inside:
                out[-1][1].append(i)
            else:
                out.append((True, [i]))
            inside = True
        else:
            out.append((False, [i]))
            inside = False
    return out


def visual_order(words: Sequence[str], rtl: bool) -> list[tuple[int, bool]]:
    """(word index, whether its style runs are reversed) from left to right on the line."""
    ordered = runs(words, rtl)
    out = []
    for island, indexes in reversed(ordered) if rtl else ordered:
        if island and not rtl:
            indexes = indexes[::-1]
        out += [(i, island != rtl) for i in indexes]
    return out


def rtl_visual(word: str) -> str:
    """A number or an English word (or island) as it is seen in a right-to-left line.

    Brackets and punctuation at its edges belong to the surrounding right-to-left text: "1."
    is seen ".1", "(5" is seen "5)", "Drive." is seen ".Drive". Words with Arabic or Hebrew
    letters are left alone (HarfBuzz orders them), and so are web addresses.
    """
    classes = [unicodedata.bidirectional(c) for c in word]
    if not word or "/" in word or "@" in word or any(k in _RTL for k in classes):
        return word
    start, end = 0, len(word)
    while start < end and classes[start] in _NEUTRAL:
        start += 1
    while end > start and classes[end - 1] in _NEUTRAL:
        end -= 1
    if start == 0 and end == len(word):
        return word
    lead, core, trail = word[:start], word[start:end], word[end:]
    return trail[::-1].translate(_MIRROR) + core + lead[::-1].translate(_MIRROR)


def spans(text: str) -> list[tuple[bool, list[tuple[int, int]]]]:
    """The runs of a right-to-left text, each with the (start, end) of its words in `text`."""
    found = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    return [
        (island, [found[i] for i in indexes])
        for island, indexes in runs([text[a:b] for a, b in found], rtl=True)
    ]


def glue_spaces(text: str, max_words: int = GLUE_MAX_WORDS) -> list[int]:
    """Indexes of the plain spaces inside islands of at most `max_words` words."""
    out = []
    for island, words in spans(text):
        if island and len(words) <= max_words:
            out += [
                end for (_, end), (start, _) in zip(words, words[1:], strict=False) if text[end:start] == " "
            ]
    return out


def glue_ltr_islands(text: str, max_words: int = GLUE_MAX_WORDS) -> str:
    """Keep short runs of left-to-right words in right-to-left text ("Google Drive", a name)
    on one line, joined by no-break spaces. Longer islands may wrap: `visual_order` keeps
    their words in order on each line."""
    chars = list(text)
    for i in glue_spaces(text, max_words):
        chars[i] = NBSP
    return "".join(chars)

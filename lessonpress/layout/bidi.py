"""Order mixed-direction text for display: the Unicode bidi algorithm (UAX #9), resolved by
python-bidi, applied to the words of a line. No ReportLab in it.

HarfBuzz orders the letters inside each word; what is left is the order of the words on a
line, and the characters of words whose parts run in different directions ("2024)", "Drive.").
A paragraph's base direction is its document's language, never its first letter (an English
source title in an Arabic guide still runs right to left around its English words). Levels
come from python-bidi's implementation of rules P2-I2, completed with rule N0 (paired brackets,
which it lacks), so brackets are mirrored and placed as a browser would. Words are then put in
display order line by line (rule L2) and brackets at odd levels mirrored (L4). Known gap: a word
that mixes Arabic letters with digits or English letters ("٢٠٢٤م") is left to HarfBuzz.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from bidi import algorithm as uba

NBSP = "\u00a0"
GLUE_MAX_WORDS = 3  # islands up to this long stay on one line ("Take It Down")
_RTL = frozenset(("R", "AL"))
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
_PAIRS = {
    "(": ")",
    "[": "]",
    "{": "}",
    "\u2045": "\u2046",
    "\u207d": "\u207e",
    "\u208d": "\u208e",
    "\u2329": "\u232a",
    "\u3008": "\u3009",
    "\u27e8": "\u27e9",
    "\u2768": "\u2769",
}
_CLOSERS = {closer: opener for opener, closer in _PAIRS.items()}
_STRONG = {"L": "L", "R": "R", "AL": "R", "EN": "R", "AN": "R"}  # N0 counts numbers as R
_BRACKET_DEPTH = 63  # BD16: stop pairing past this depth
_SPACES = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of one paragraph (no line breaks in
    it), its base level 1 when `rtl`, else 0: even levels run left to right, odd right to left."""
    storage = uba.get_empty_storage()
    storage["base_level"] = int(rtl)
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(text, storage)
    uba.explicit_embed_and_overrides(storage, False)
    uba.resolve_weak_types(storage, False)
    _resolve_brackets(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    return [c["level"] for c in storage["chars"]]


def _resolve_brackets(storage: dict) -> None:
    """Rule N0: a pair of brackets takes the direction of the text between them (or of the
    text before it, when that runs the other way), so "(12 يناير 2024)" keeps its brackets."""
    chars = storage["chars"]
    for run in storage["runs"]:
        start, end = run["start"], run["start"] + run["length"]
        embedding = "R" if chars[start]["level"] % 2 else "L"
        for opening, closing in _bracket_pairs(chars, start, end):
            inside = {_STRONG.get(chars[i]["type"]) for i in range(opening + 1, closing)}
            if embedding in inside:
                found = embedding
            elif inside & {"L", "R"}:
                opposite = "L" if embedding == "R" else "R"
                found = opposite if _before(chars, opening, start, run["sor"]) == opposite else embedding
            else:
                continue
            chars[opening]["type"] = chars[closing]["type"] = found


def _before(chars: list[dict], index: int, start: int, sor: str) -> str:
    """The strong direction before `index` in its run (numbers count as R), else the run's sor."""
    for i in range(index - 1, start - 1, -1):
        strong = _STRONG.get(chars[i]["type"])
        if strong:
            return strong
    return sor


def _bracket_pairs(chars: list[dict], start: int, end: int) -> list[tuple[int, int]]:
    """Rule BD16: the matching bracket pairs of a run, by the opening bracket's position."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for i in range(start, end):
        ch, kind = chars[i]["ch"], chars[i]["type"]
        if kind != "ON":
            continue
        if ch in _PAIRS:
            if len(stack) == _BRACKET_DEPTH:
                break
            stack.append((ch, i))
        elif ch in _CLOSERS:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == _CLOSERS[ch]:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(pairs)


def is_space(char: str) -> bool:
    """A character lines break at (ReportLab's whitespace; the no-break space is not one)."""
    return char in _SPACES


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word: a run of characters that are not spaces."""
    spans, start = [], None
    for i, char in enumerate(text):
        if is_space(char):
            if start is not None:
                spans.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class Unit:
    """A piece of a line that moves as one: a word, or the part of a word at one level.

    `shown` is its text in display order when that differs (neutrals at an odd level:
    reversed, brackets mirrored); `reverse` marks a right-to-left word, whose style runs are
    drawn in reverse order (HarfBuzz orders its letters); `spaces` counts the spaces after it
    and `space` is their level.
    """

    start: int
    end: int
    level: int
    shown: str | None = None
    reverse: bool = False
    spaces: int = 0
    space: int | None = None


def units(text: str, text_levels: Sequence[int]) -> list[Unit]:
    """The units of one paragraph (no line breaks in it) with their levels."""
    out: list[Unit] = []
    for start, end in word_spans(text):
        spaces = 0
        while end + spaces < len(text) and is_space(text[end + spaces]):
            spaces += 1
        space = text_levels[end] if spaces else None
        if any(unicodedata.bidirectional(c) in _RTL for c in text[start:end]):
            out.append(Unit(start, end, min(text_levels[start:end]), None, True, spaces, space))
            continue
        cut = start
        for i in range(start + 1, end + 1):
            if i == end or text_levels[i] != text_levels[cut]:
                level = text_levels[cut]
                shown = text[cut:i][::-1].translate(_MIRROR) if level % 2 else None
                last = i == end
                out.append(Unit(cut, i, level, shown, False, spaces if last else 0, space if last else None))
                cut = i
    return out


def visual_word(word: str, word_levels: Sequence[int]) -> str | None:
    """A word whose characters run at several levels, in display order with odd-level
    brackets mirrored ("2024)" in Arabic text is seen "(2024"), ready to draw left to right;
    None when the word needs nothing (one level) or is left to HarfBuzz (it has
    right-to-left letters)."""
    if len(set(word_levels)) == 1 or any(unicodedata.bidirectional(c) in _RTL for c in word):
        return None
    order = reorder(list(word_levels))
    return "".join(word[i].translate(_MIRROR) if word_levels[i] % 2 else word[i] for i in order)


def reorder(unit_levels: list[int], base: int | None = None) -> list[int]:
    """Rule L2: the indexes of units (characters or words) in display order, left to right:
    from the highest level down to the lowest odd one (or `base`, the paragraph's level when
    it is odd), every run at that level or higher is reversed."""
    order = list(range(len(unit_levels)))
    if not unit_levels:
        return order
    odd = [v for v in unit_levels if v % 2]
    lowest = min(odd + ([base] if base and base % 2 else [])) if odd or (base and base % 2) else None
    if lowest is None:
        return order
    for level in range(max(unit_levels), lowest - 1, -1):
        i = 0
        while i < len(order):
            if unit_levels[order[i]] >= level:
                j = i
                while j < len(order) and unit_levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def base_is_rtl(text: str, default: bool) -> bool:
    """The direction of a text by its first strong letter (P2), else `default`: used only for
    lessonpress's own labels, which may be untranslated English on a right-to-left page."""
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind in _RTL:
            return True
        if kind == "L":
            return False
    return default


def rtl_visual(word: str) -> str:
    """A bullet or number marker as seen in a right-to-left line ("1." is seen ".1"): its
    characters in display order with brackets mirrored."""
    return visual_word(word, levels(word, rtl=True)) or word


def glue_spaces(text: str, text_levels: Sequence[int], max_words: int = GLUE_MAX_WORDS) -> list[int]:
    """Indexes of the spaces inside left-to-right islands of at most `max_words` words in
    right-to-left text ("Google Drive", a name): glued with no-break spaces, they stay on one
    line. An island is a run of words at even levels joined by spaces at even levels."""
    spans = word_spans(text)
    out: list[int] = []
    island: list[tuple[int, int]] = []

    def flush() -> None:
        if 1 < len(island) <= max_words:
            out.extend(
                end
                for (_, end), (start, _) in zip(island, island[1:], strict=False)
                if text[end:start] == " "
            )
        island.clear()

    for k, (start, end) in enumerate(spans):
        even = min(text_levels[start:end]) % 2 == 0
        joined = island and text_levels[island[-1][1]] % 2 == 0 and k and text[spans[k - 1][1] : start] == " "
        if even and (not island or joined):
            island.append((start, end))
        else:
            flush()
            if even:
                island.append((start, end))
    flush()
    return out

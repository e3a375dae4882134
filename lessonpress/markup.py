"""Turn the small inline syntax of lesson text into styled runs; everything else stays literal.

The syntax is `**bold**`, `*italic*`, `` `code` `` and `[label](url)`, with `\\*` for a literal
star. It follows CommonMark's rules for these four (flanking stars, the "rule of 3", code spans
before emphasis) so text pasted from Markdown behaves as its author expects. No other markup
exists: `<b>`, `&amp;` and `<font color=...>` are text and print exactly as typed, because the
layout escapes every run before ReportLab sees it.

Each step is linear in the length of the text, so `'*' * 100000` or `'[a](' * 20000` cannot stall
a build.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field

from .errors import LessonError, SourceLocation
from .urls import UrlProblem, check_url

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one style; `href` makes it a live link."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@dataclass(frozen=True)
class RichText:
    """Lesson text as typed (`source`) and as styled runs; `location` says where it was typed."""

    source: str
    runs: tuple[Run, ...]
    location: SourceLocation | None = field(default=None, compare=False, repr=False)

    @property
    def plain(self) -> str:
        """The text a reader sees, without styling."""
        return "".join(r.text for r in self.runs)

    @property
    def links(self) -> tuple[str, ...]:
        """Every link target in the text, in order."""
        return tuple(dict.fromkeys(r.href for r in self.runs if r.href))

    def __str__(self) -> str:
        return self.plain


def plain_text(text: str, location: SourceLocation | None = None) -> RichText:
    """Text with no inline syntax at all (labels, names)."""
    return RichText(text, (Run(text),) if text else (), location)


def parse(source: str, location: SourceLocation | None = None) -> RichText:
    """Parse inline syntax; raise LessonError for a link the handout must not carry."""
    if not any(c in source for c in "*`[\\"):
        return plain_text(source, location)
    parser = _Parser(source, location)
    return RichText(source, parser.runs(), location)


# ---------------------------------------------------------------------------------------------
# The parser: scan into nodes, resolve links as `]` is met, then pair the stars (CommonMark).


class _Node:
    """A piece of text (or a run of stars) on its way to becoming a Run."""

    __slots__ = ("text", "code", "href", "delim", "count", "orig", "can_open", "can_close", "prev", "done")

    def __init__(self, text: str, *, code: bool = False) -> None:
        self.text = text
        self.code = code
        self.href: str | None = None
        self.delim = False
        self.count = self.orig = 0
        self.can_open = self.can_close = self.done = False
        self.prev = -1


class _Parser:
    def __init__(self, source: str, location: SourceLocation | None) -> None:
        self.src = source
        self.location = location
        self.nodes: list[_Node] = []
        self.delims: list[int] = []  # node indices of star runs, in order
        self.brackets: list[tuple[int, int]] = []  # (node index of '[', delims length then)
        self.bold_marks: list[tuple[int, int]] = []
        self.italic_marks: list[tuple[int, int]] = []
        self.paren_close = _match_parens(source)
        self.tick_runs = _backtick_runs(source)

    def runs(self) -> tuple[Run, ...]:
        self._scan()
        self._pair_stars([i for i in self.delims if not self.nodes[i].done])
        return self._to_runs()

    def _scan(self) -> None:
        src, i, n = self.src, 0, len(self.src)
        text_start = 0
        while i < n:
            c = src[i]
            if c not in "\\`*[]":
                i += 1
                continue
            self._text(src[text_start:i])
            i = self._special(c, i)
            text_start = i
        self._text(src[text_start:n])

    def _special(self, c: str, i: int) -> int:
        src = self.src
        if c == "\\":
            if i + 1 < len(src) and src[i + 1] in _ASCII_PUNCT:
                self._text(src[i + 1])
                return i + 2
            self._text("\\")
            return i + 1
        if c == "`":
            return self._code_span(i)
        if c == "*":
            return self._stars(i)
        if c == "[":
            self.brackets.append((len(self.nodes), len(self.delims)))
            self._text("[")
            return i + 1
        return self._close_bracket(i)

    def _text(self, text: str) -> None:
        if text:
            self.nodes.append(_Node(text))

    def _code_span(self, i: int) -> int:
        src = self.src
        j = i
        while j < len(src) and src[j] == "`":
            j += 1
        width = j - i
        starts = self.tick_runs.get(width, [])
        k = bisect.bisect_left(starts, j)
        if k == len(starts):
            self._text(src[i:j])
            return j
        end = starts[k]
        body = src[j:end].replace("\n", " ")
        if len(body) > 1 and body[0] == body[-1] == " " and body.strip(" "):
            body = body[1:-1]
        self.nodes.append(_Node(body, code=True))
        return end + width

    def _stars(self, i: int) -> int:
        src = self.src
        j = i
        while j < len(src) and src[j] == "*":
            j += 1
        before = src[i - 1] if i > 0 else " "
        after = src[j] if j < len(src) else " "
        node = _Node(src[i:j])
        node.delim = True
        node.count = node.orig = j - i
        node.can_open = _left_flanking(before, after)
        node.can_close = _left_flanking(after, before)
        self.delims.append(len(self.nodes))
        self.nodes.append(node)
        return j

    def _close_bracket(self, i: int) -> int:
        src = self.src
        if not self.brackets:
            self._text("]")
            return i + 1
        opener, delim_mark = self.brackets.pop()
        paren = i + 1
        end = self.paren_close.get(paren) if paren < len(src) and src[paren] == "(" else None
        if end is None:
            self._text("]")
            return i + 1
        target = src[paren + 1 : end]
        href = self._checked(target)
        inner = [d for d in self.delims[delim_mark:] if not self.nodes[d].done]
        self._pair_stars(inner)
        for d in inner:
            self.nodes[d].done = True
        label = self.nodes[opener + 1 :]
        for node in label:
            node.href = href
        self.nodes[opener].text = ""  # the '[' itself does not print
        if not any(node.text for node in label):
            self.nodes.append(_Node(target))
            self.nodes[-1].href = href
        self.brackets.clear()  # no links inside links
        return end + 1

    def _checked(self, target: str) -> str:
        try:
            return check_url(target)
        except UrlProblem as problem:
            raise LessonError(
                problem.message, code="markup.link", location=self.location, hint=problem.hint
            ) from None

    def _pair_stars(self, delims: list[int]) -> None:
        """CommonMark's `process emphasis`, restricted to `*` and linked through `prev`."""
        nodes = self.nodes
        for k, idx in enumerate(delims):
            nodes[idx].prev = delims[k - 1] if k else -1
        bottoms: dict[tuple[bool, int], int] = {}
        for idx in delims:
            closer = nodes[idx]
            if not closer.can_close:
                continue
            key = (closer.can_open, closer.orig % 3)
            while closer.count > 0:
                op_idx = self._find_opener(closer, bottoms.get(key, -1))
                if op_idx < 0:
                    bottoms[key] = closer.prev
                    break
                opener = nodes[op_idx]
                use = 2 if opener.count >= 2 and closer.count >= 2 else 1
                opener.count -= use
                closer.count -= use
                (self.bold_marks if use == 2 else self.italic_marks).append((op_idx, idx))
                closer.prev = op_idx if opener.count else opener.prev

    def _find_opener(self, closer: _Node, bottom: int) -> int:
        nodes = self.nodes
        j = closer.prev
        while j > bottom:
            op = nodes[j]
            if op.count and op.can_open and not _rule_of_three(op, closer):
                return j
            j = op.prev
        return -1

    def _to_runs(self) -> tuple[Run, ...]:
        n = len(self.nodes)
        bold, italic = _coverage(self.bold_marks, n), _coverage(self.italic_marks, n)
        runs: list[Run] = []
        for i, node in enumerate(self.nodes):
            text = "*" * node.count if node.delim else node.text
            if not text:
                continue
            run = Run(text, bold[i], italic[i], node.code, node.href)
            last = runs[-1] if runs else None
            if last and (last.bold, last.italic, last.code, last.href) == (
                run.bold,
                run.italic,
                run.code,
                run.href,
            ):
                runs[-1] = Run(last.text + text, run.bold, run.italic, run.code, run.href)
            else:
                runs.append(run)
        return tuple(runs)


def _coverage(marks: list[tuple[int, int]], n: int) -> list[bool]:
    """Which nodes lie strictly inside some (open, close) pair; a difference array keeps it linear."""
    diff = [0] * (n + 1)
    for start, end in marks:
        diff[start + 1] += 1
        diff[end] -= 1
    out, depth = [], 0
    for i in range(n):
        depth += diff[i]
        out.append(depth > 0)
    return out


def _rule_of_three(opener: _Node, closer: _Node) -> bool:
    both = opener.can_close or closer.can_open
    total = opener.orig + closer.orig
    return both and total % 3 == 0 and not (opener.orig % 3 == 0 and closer.orig % 3 == 0)


def _is_space(c: str) -> bool:
    return c.isspace()


def _is_punct(c: str) -> bool:
    return c in _ASCII_PUNCT or unicodedata.category(c)[0] in "PS"


def _left_flanking(before: str, after: str) -> bool:
    """A star run can open when what follows is not space (CommonMark left-flanking)."""
    if _is_space(after):
        return False
    return not _is_punct(after) or _is_space(before) or _is_punct(before)


def _match_parens(src: str) -> dict[int, int]:
    """Index of each '(' -> its matching ')', never across whitespace (a link has no spaces)."""
    out: dict[int, int] = {}
    stack: list[int] = []
    for i, c in enumerate(src):
        if c == "(":
            stack.append(i)
        elif c == ")":
            if stack:
                out[stack.pop()] = i
        elif c.isspace():
            stack.clear()
    return out


def _backtick_runs(src: str) -> dict[int, list[int]]:
    """Start index of every run of backticks, grouped by run length."""
    runs: dict[int, list[int]] = {}
    i, n = 0, len(src)
    while i < n:
        if src[i] == "`":
            j = i
            while j < n and src[j] == "`":
                j += 1
            runs.setdefault(j - i, []).append(i)
            i = j
        else:
            i += 1
    return runs

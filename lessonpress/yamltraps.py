"""Turn the YAML traps teachers fall into into plain words: what happened, where, what to write.

YAML gives a character meaning at the start of a value (`*` a reference, `@` reserved, `"` a
quote, `-` a list item...), a `: ` inside text makes a new key, and indentation decides what
belongs to what. A parser message such as "expected alphabetic or numeric character, but found
' ' while scanning an alias" says none of that (issue 14). Each rule here recognises one trap
from the lines of the file and the parser's marks, points at the character that caused it
(the line where a quote opens, the line that lacks its colon) and gives the corrected line.
The rules only run after something went wrong, so they may guess; a file that loads is never
second-guessed except for the few silent traps (`#` starting a comment inside text, a `- `
line swallowed by the item above).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INDICATORS = {  # what YAML makes of a character at the start of a value
    "*": "YAML reads it as a reference to another value",
    "&": "YAML reads it as a name given to a value",
    "!": "YAML reads it as a type tag",
    "|": "YAML reads it as the start of a block of text on the lines below",
    ">": "YAML reads it as the start of a block of text on the lines below",
    "[": "YAML reads it as the start of a list",
    "]": "YAML reads it as the end of a list",
    "{": "YAML reads it as the start of a group of keys",
    "}": "YAML reads it as the end of a group of keys",
    "-": "YAML reads '- ' as a list item",
    "?": "YAML reads it as the start of a key",
    "%": "YAML reads it as a directive",
    "@": "YAML reserves it",
    "`": "YAML reserves it",
    ",": "YAML reads it as a separator",
    "#": "YAML reads it as the start of a comment",
}
BULLETS = "•·▪‣◦–—*"
CURLY = "“”‘’„«»"
_DASHES = re.compile(r"(?:-(?: +|$))*")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*) *:(?= |$)")


@dataclass(frozen=True)
class Trap:
    """A recognised trap: 1-based line and column, the message, the code and the fix."""

    line: int
    column: int
    message: str
    code: str
    hint: str


@dataclass(frozen=True)
class Line:
    """One line of a YAML file split the way a teacher reads it."""

    number: int  # 1-based
    text: str
    indent: int  # spaces before anything
    lead: str  # indentation and list dashes ("  - ")
    key: str | None  # a key that looks like one (`title`), else None
    value: str  # what follows the key (or the dashes)
    value_col: int  # 0-based column where `value` starts

    @property
    def blank(self) -> bool:
        """True for empty and comment-only lines."""
        stripped = self.text.strip()
        return not stripped or stripped.startswith("#")

    def with_value(self, value: str) -> str:
        """This line with another value (same indentation, dashes and key)."""
        key = f"{self.key}: " if self.key else ""
        return f"{self.lead}{key}{value}"


def split_line(text: str, number: int) -> Line:
    """A line's indentation, dashes, key and value."""
    body = text.rstrip("\r")
    indent = len(body) - len(body.lstrip(" "))
    dashes = _DASHES.match(body[indent:]).group()  # type: ignore[union-attr]  # `*` always matches
    lead = body[: indent + len(dashes)]
    rest = body[len(lead) :]
    match = _KEY.match(rest)
    if match:
        after = rest[match.end() :]
        value = after.lstrip(" ")
        return Line(number, body, indent, lead, match.group(1), value, len(body) - len(value))
    return Line(number, body, indent, lead, None, rest, len(lead))


def quoted(text: str) -> str:
    """`text` as a YAML quoted value that reads back exactly: single quotes when it holds a
    double quote (and no apostrophe or backslash trouble), double quotes otherwise."""
    text = text.rstrip()
    if '"' in text and "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def show(line: str) -> str:
    """A corrected line as a hint shows it (backticks keep its indentation visible; a line with
    a backtick of its own goes in double backticks, as Markdown does)."""
    return f"`` {line} ``" if "`" in line else f"`{line}`"


# -- traps found when the parser fails ----------------------------------------------------------


def diagnose(
    text: str, problem: str, problem_at: tuple[int, int] | None, context_at: tuple[int, int] | None
) -> Trap | None:
    """The trap behind a YAML syntax error, or None. Marks are 0-based (line, column)."""
    lines = [split_line(t, i + 1) for i, t in enumerate(text.split("\n"))]
    if not problem_at:
        return None
    last = min(problem_at[0], len(lines) - 1)
    first = min(context_at[0], last) if context_at else last
    if "escape" in problem and context_at:
        return _backslash(lines[context_at[0]], context_at[1])
    found = _open_quote(lines, last)
    if found:
        return found
    # The line the parser stopped on, the line a key started on, and the two above: further
    # up, a rule could blame an innocent line for an error it does not recognise.
    if not (context_at and "simple key" in problem):
        first = max(first, last - 2)
    for number in range(last, first - 1, -1):
        line = lines[number]
        if line.blank:
            continue
        found = _structure(lines, line) or _value(line)
        if found:
            return found
    return None


def _structure(lines: list[Line], line: Line) -> Trap | None:
    """Traps of indentation and of lines without a key: a missing colon, an unindented
    continuation, a missing '- ', a key indented into the text above."""
    before = _previous(lines, line)
    after = _next(lines, line)
    rest = line.text[line.indent :]
    if (
        line.key is None
        and not line.lead.strip()
        and rest
        and rest[0] not in INDICATORS
        and rest[0] not in "\"'" + CURLY + BULLETS
        and ":" not in rest
    ):
        word = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", rest.rstrip())
        nested = after is not None and (
            after.indent > line.indent or (after.indent == line.indent and after.lead.strip())
        )
        if word and nested:
            col = line.indent + len(word.group())
            return Trap(
                line.number,
                col + 1,
                f"'{word.group()}' needs a colon after it",
                "yaml.missing-colon",
                f"write {show(line.text.rstrip() + ':')}",
            )
        if before is not None and before.indent == line.indent and before.lead.strip():
            fixed = line.text[: line.indent] + "- " + rest
            return Trap(
                line.number,
                line.indent + 1,
                "this line is in a list but does not start with '- '",
                "yaml.missing-dash",
                f"start the item with a hyphen and a space: {show(fixed)}",
            )
        if before is not None and before.key and before.value and before.indent >= line.indent:
            fixed = " " * (before.indent + 2) + rest
            return Trap(
                line.number,
                line.indent + 1,
                f"this line has no key, so it cannot stand alone; if it continues the text "
                f"of '{before.key}' above, it must be indented",
                "yaml.continuation",
                f"indent it under '{before.key}': {show(fixed)}",
            )
    if (
        before is not None
        and before.indent == line.indent
        and before.lead.strip()
        and _bad_marker(rest)
        and not line.lead.strip()
    ):
        fixed = line.text[: line.indent] + "- " + rest[1:].lstrip()
        return Trap(
            line.number,
            line.indent + 1,
            f"this list item starts with '{rest[0]}' instead of '- ' (a hyphen and a space)",
            "yaml.list-marker",
            f"start the item with a hyphen and a space: {show(fixed)}",
        )
    colon = re.match(r"([A-Za-z_][A-Za-z0-9_]*):(\S.*)", rest) if not line.lead.strip() else None
    if line.key is None and colon:
        fixed = f"{line.text[: line.indent]}{colon.group(1)}: {colon.group(2)}"
        return Trap(
            line.number,
            line.indent + len(colon.group(1)) + 2,
            f"'{colon.group(1)}:' needs a space after the colon",
            "yaml.missing-space",
            f"write {show(fixed)}",
        )
    if line.key and before is not None and not line.lead.strip():
        column = _key_column(before)
        if (
            before.key
            and before.value
            and not before.value.startswith(("|", ">"))
            and line.indent > before.indent
            and before.lead.strip() == ""
        ):
            fixed = " " * before.indent + line.text[line.indent :]
            return Trap(
                line.number,
                line.indent + 1,
                f"'{line.key}' is indented more than '{before.key}' above, so YAML reads it "
                f"as more of the text of '{before.key}'",
                "yaml.indentation",
                f"line it up with '{before.key}': {show(fixed)}",
            )
        if (
            column is not None
            and line.indent not in (column, before.indent)
            and abs(line.indent - column) <= 2
            and before.lead.strip()
        ):
            fixed = " " * column + line.text[line.indent :]
            return Trap(
                line.number,
                line.indent + 1,
                f"'{line.key}' is indented {line.indent} spaces, but the keys of this item start at {column}",
                "yaml.indentation",
                f"line it up with the key above: {show(fixed)}",
            )
    return None


def _key_column(line: Line) -> int | None:
    """The column where the keys of a `- key: value` item start."""
    return len(line.lead) if line.key is not None else None


def value_trap(line: Line) -> Trap | None:
    """The trap in a line's value, if any (for the loader's alias, anchor and '?' events)."""
    return _value(line)


def _value(line: Line) -> Trap | None:
    """Traps in one value: a special first character, a ': ' inside the text, curly quotes."""
    value = line.value
    if not value:
        return None
    col = line.value_col + 1
    first = value[0]
    if first in CURLY and ":" in value:
        inner = value.strip(CURLY + " ")
        return Trap(
            line.number,
            col,
            "curly quotes (“ ”) do not quote text in YAML",
            "yaml.curly-quotes",
            f"use straight quotes: {show(line.with_value(quoted(inner)))}",
        )
    if first == "*" and value[1:2] == " ":
        fixed = (
            (line.lead if line.lead.strip() else line.lead + "- ")
            + (f"{line.key}: " if line.key else "")
            + value[2:].lstrip()
        )
        if line.lead.strip():
            return Trap(
                line.number,
                col,
                "a list item needs only its '- ': the '* ' after it is "
                "a Markdown habit, and YAML reads '*' as a reference to another value",
                "yaml.markdown-bullet",
                f"remove the '*': {show(fixed)}",
            )
        return Trap(
            line.number,
            col,
            "list items start with '- ' (a hyphen and a space), not '* '",
            "yaml.markdown-bullet",
            f"write {show(fixed)}",
        )
    if first in "[{" and _closes_at_end(value):
        return None  # a list or group written on one line: valid
    if first in "|>" and re.fullmatch(r"[|>][-+0-9]*\s*(#.*)?", value):
        return None  # a block of text follows on the next lines: valid
    if first in INDICATORS and first != "#":
        return Trap(
            line.number,
            col,
            f"text cannot start with '{first}': {INDICATORS[first]}",
            "yaml.special-start",
            f"put the text in quotes: {show(line.with_value(quoted(value)))}",
        )
    colon = _inner_colon(value)
    if colon is not None:
        what = "ends with ':'" if colon == len(value.rstrip()) - 1 else "contains ': '"
        return Trap(
            line.number,
            line.value_col + colon + 1,
            f"this text {what}, which YAML reads as the start of a new key",
            "yaml.colon-in-text",
            f"put the text in quotes: {show(line.with_value(quoted(value)))}",
        )
    return None


def _closes_at_end(value: str) -> bool:
    """True when a value that opens '[' or '{' closes it at the end of the line."""
    depth, quote = 0, ""
    for i, ch in enumerate(value):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                rest = value[i + 1 :].strip()
                return not rest or rest.startswith("#")
    return False


def _inner_colon(value: str) -> int | None:
    """Index of the first ':' in a plain value that YAML would read as a key's colon."""
    if value[:1] in "\"'":
        return None
    for match in re.finditer(r":(?= |$)", value.split(" #")[0]):
        return match.start()
    return None


def _open_quote(lines: list[Line], last: int) -> Trap | None:
    """A value whose opening quote is not closed where the value ends: reported where the
    quote opens, not where the parser finally gave up."""
    for line in lines[: last + 1]:
        value = line.value
        if line.blank or not value or value[0] not in "\"'":
            continue
        quote = value[0]
        end = _closing(value, quote, 1)
        if end is not None:
            trailing = value[end + 1 :].strip()
            whole = value.rstrip()
            if trailing and len(whole) > 2 and whole.endswith(quote) and line.number - 1 <= last:
                name = "double quote" if quote == '"' else "apostrophe (single quote)"
                fixed = line.with_value(quoted(whole[1:-1]))
                return Trap(
                    line.number,
                    line.value_col + end + 1,
                    f"this {name} inside the quoted text ends the text early",
                    "yaml.quote-inside-quotes",
                    f"quote the text the other way: {show(fixed)}",
                )
            if trailing and not trailing.startswith(("#", ":")) and line.number - 1 <= last:
                fixed = line.with_value(quoted(value.rstrip()))
                return Trap(
                    line.number,
                    line.value_col + 1,
                    "this text starts with a quoted part and goes on after the closing quote",
                    "yaml.quote-then-text",
                    f"put the whole text in quotes: {show(fixed)}",
                )
            continue
        if not _closes_cleanly(lines, line, quote):
            if quote == "'":
                fixed = line.with_value(quoted(value))
                return Trap(
                    line.number,
                    line.value_col + 1,
                    "this text starts with an apostrophe ('), which YAML reads as an "
                    "opening quote that is never closed",
                    "yaml.unclosed-quote",
                    f"put the text in double quotes: {show(fixed)}",
                )
            fixed = line.with_value(value.rstrip() + '"')
            return Trap(
                line.number,
                line.value_col + 1,
                "the quote opened here is not closed on this line",
                "yaml.unclosed-quote",
                f"close it at the end of the text: {show(fixed)}",
            )
    return None


def _closing(text: str, quote: str, start: int) -> int | None:
    """Index of the quote that closes a quoted scalar in `text`, from `start`, or None."""
    i = start
    while i < len(text):
        ch = text[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _closes_cleanly(lines: list[Line], line: Line, quote: str) -> bool:
    """True when a quote left open on `line` closes at the end of a later line (a long quoted
    text on several lines, which is valid), False when it never closes or closes mid-line."""
    for later in lines[line.number :]:
        end = _closing(later.text, quote, 0)
        if end is not None:
            rest = later.text[end + 1 :].strip()
            return not rest or rest.startswith("#")
    return False


def _backslash(line: Line, column: int) -> Trap:
    value = line.text[column:].strip()
    inner = value[1:-1] if value.endswith('"') else value[1:]
    return Trap(
        line.number,
        column + 1,
        "a backslash (\\) inside double quotes starts an escape such as \\n, and this one is not valid",
        "yaml.backslash",
        f"use single quotes, where a backslash is just a backslash: "
        f"{show(line.with_value(chr(39) + inner + chr(39)))}",
    )


def _previous(lines: list[Line], line: Line) -> Line | None:
    for other in reversed(lines[: line.number - 1]):
        if not other.blank:
            return other
    return None


def _next(lines: list[Line], line: Line) -> Line | None:
    for other in lines[line.number :]:
        if not other.blank:
            return other
    return None


# -- traps found in a file that loads -------------------------------------------------------


def comment_in_text(line_text: str, number: int, after: int) -> Trap | None:
    """A '#' right after a value (`title: We are #1`) starts a comment: the rest never prints.
    Only a '#' followed by a letter or digit is taken for text (`# note` is a real comment)."""
    match = re.match(r"( +)#(\w)", line_text[after:]) or (
        re.match(r"()#(\w)", line_text[after:]) if after and line_text[after - 1] == " " else None
    )
    if not match:
        return None
    line = split_line(line_text, number)
    column = after + len(match.group(1))
    whole = (line.value if line.value and not line.value.startswith("#") else "") or ""
    text = (
        whole[: column - line.value_col].rstrip() + " " if whole and column > line.value_col else ""
    ) + line_text[column:].rstrip()
    return Trap(
        number,
        column + 1,
        f"'{_short(line_text[column:].strip())}' is read as a comment and will not print",
        "yaml.comment-in-text",
        f"if it is part of the text, put the text in quotes: {show(line.with_value(quoted(text.strip())))}",
    )


def swallowed_item(line_text: str, number: int, above: str) -> Trap:
    """A `- item` indented further than the item above: YAML joins it to that item's text."""
    line, item = split_line(line_text, number), split_line(above, number - 1)
    fixed = " " * item.indent + line_text.lstrip(" ")
    return Trap(
        number,
        line.indent + 1,
        "this list item is indented more than the one above, so YAML joins it to that item's text",
        "yaml.indentation",
        f"line its '-' up with the '-' above: {show(fixed)}",
    )


def item_as_key(line_text: str, number: int, key: str) -> Trap:
    """A list item `- Question: why?` that YAML read as a key and a value."""
    line = split_line(line_text, number)
    dash = line.lead
    text = line_text[len(dash) :].rstrip()
    colon = len(dash) + text.find(":") + 1 if ":" in text else len(dash) + 1
    return Trap(
        number,
        colon,
        f"this item reads as a key '{_short(key)}' and a value, because of the ': ' in its text",
        "yaml.item-looks-like-key",
        f"put the item's text in quotes: {show(dash + quoted(text))}",
    )


def bullet_list(lines: list[str], number: int, key: str) -> list[Trap]:
    """A list written with '•' (or '-' without its space) that YAML read as one text: one trap
    per item line, so every line to change is named at once. `number` is 1-based."""
    traps = []
    first = split_line(lines[number - 1], number) if number <= len(lines) else None
    while first is not None and number <= len(lines):
        line_text = lines[number - 1]
        line = split_line(line_text, number)
        rest = line_text[line.indent :]
        if line.indent != first.indent or not _bad_marker(rest):
            break
        mark = rest[0]
        fixed = line_text[: line.indent] + "- " + rest[1:].lstrip()
        what = "a hyphen with no space after it" if mark == "-" else f"'{mark}'"
        traps.append(
            Trap(
                number,
                line.indent + 1,
                f"this item of '{key}' starts with {what}, so YAML reads the items as one text",
                "yaml.list-marker",
                f"start each item with a hyphen and a space: {show(fixed)}",
            )
        )
        number += 1
    return traps


def _bad_marker(rest: str) -> bool:
    """True for a line that starts like a list item but not with '- '."""
    return rest[:1] in BULLETS or (rest.startswith("-") and rest[1:2] not in (" ", ""))


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

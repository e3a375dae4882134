"""Create and edit translation files, keeping every comment and everything a translator wrote.

A new translation file has the source's shape with every text left empty (`""`, so whatever a
translator types between the quotes stays text) and the source text in a comment just above it,
so a translator can work in any text editor; an empty field prints the source language. An import
edits the file's text in place: each value is written over exactly the characters of the old one
(found from the YAML parser's positions), and a missing key or item is inserted as a new,
commented block beside its neighbours. Every other byte, comments and layout
included, stays where it was, so a comment can never drift to another item.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import LessonError, SourceLocation
from ..model import schema_fields
from ..yamlio import FAST_LOADER, Path_, position
from .fields import (
    carries_text,
    field_spec,
    is_record,
    item_type,
    keyed_by_id,
    shorthand,
    translatable,
)

COMMENT_WIDTH = 96
INDENT = 2


# -- writing new text -----------------------------------------------------------------------


def scalar(text: str) -> str:
    """`text` as a one-line YAML scalar: plain when it reads back the same, else double-quoted."""
    if text and "\n" not in text and text == text.strip():
        try:
            back = yaml.load(f"k: {text}\n", Loader=yaml.BaseLoader)  # noqa: S506 - all strings
        except yaml.YAMLError:
            back = None
        if back == {"k": text} and text.lower() not in ("null", "~"):
            return text
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def skeleton(model: type, source: dict, source_shown: str, locale: str, language_name: str) -> str:
    """The text of a new translation file: the source's shape, empty texts, source in comments."""
    header = [
        f"{language_name} translation of {source_shown}.",
        "Write the translation after each key or dash; the source text is in the comment above it.",
        "Anything left empty prints in the source language. Keep every list item, in order.",
        "status: draft until a native speaker has reviewed it, then reviewed.",
    ]
    if any(keyed_by_id(item_type(t)) for _, t in schema_fields(model).values() if item_type(t)):
        header[2] = (
            "Anything left empty prints in the source language. Entries are found by "
            "their id: keep each id as it is."
        )
        header.insert(3, "Numbers and web addresses are never translated: they always come from the source.")
    lines = [f"# {line}" for line in header]
    lines += ["translation:", "  status: draft", "  translators: []", f"language: {locale}"]
    lines += _record(model, source, 0)
    return "\n".join(lines) + "\n"


def fragment(tp: Any, value: Any, indent: int, key: str | int | None) -> list[str]:
    """Lines of one empty, commented entry: `key:` (a mapping key) or `-` (key None) with
    everything translatable under it."""
    return list(_entry(tp, value, indent, key))


def _record(cls: Any, data: Any, indent: int) -> list[str]:
    lines: list[str] = []
    if not isinstance(data, dict):
        return lines
    for key, value in data.items():
        spec = field_spec(cls, key) if isinstance(key, str) else None
        if spec is None or not translatable(spec[0]) or not carries_text(spec[1]):
            continue
        lines += _entry(spec[1], value, indent, key)
    return lines


def _entry(tp: Any, value: Any, indent: int, key: str | int | None) -> Iterator[str]:
    pad = " " * indent
    lead = f"{pad}{_key(key)}:" if key is not None else f"{pad}-"
    inner = item_type(tp)
    if isinstance(value, str):
        # An empty quoted text: what the translator types goes between the quotes, where ': ' or
        # a leading '*', '@' or '#' are just text (issue 14); left empty, it prints the source.
        yield from _comment(value, indent)
        yield f'{lead} ""'
    elif isinstance(value, list) and inner is not None:
        yield lead
        for item in value:
            if keyed_by_id(inner):
                ident = item.get("id") if isinstance(item, dict) else None
                if isinstance(ident, str) and ident:
                    yield from _entry(inner, item, indent + INDENT, ident)
            else:
                yield from _entry(inner, item, indent + INDENT, None)
    elif isinstance(value, dict) and is_record(tp):
        yield lead
        yield from _record(tp, value, indent + INDENT)
    else:
        yield lead if key is not None else lead + " "


def _key(key: str | int | None) -> str:
    text = str(key)
    return text if scalar(text) == text else json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: int) -> Iterator[str]:
    for line in textwrap.wrap(" ".join(text.split()), COMMENT_WIDTH) or [""]:
        yield f"{' ' * indent}# {line}".rstrip()


# -- reading positions ----------------------------------------------------------------------


@dataclass
class Node:
    """A value of a YAML file and the characters it spans."""

    kind: str  # "map", "seq" or "scalar"
    start: int
    end: int
    column: int  # 0-based column of the first key or dash
    flow: bool = False
    value: str | None = None  # scalars: None when empty or null
    children: dict[Any, Node] = field(default_factory=dict)  # key or position -> node
    keys: dict[Any, int] = field(default_factory=dict)  # key -> index where the key starts

    def last(self) -> int:
        """Index just past the last character of this value and everything in it."""
        ends = [self.end if self.kind == "scalar" or self.flow else self.start]
        ends += [child.last() for child in self.children.values()]
        return max(ends)


def scan(text: str) -> Node | None:
    """The tree of a YAML text with the span of every value (the text must already load)."""
    stack: list[tuple[Node, list]] = []  # node, [pending key]
    root = None
    for event in yaml.parse(text, Loader=FAST_LOADER):
        if isinstance(event, yaml.ScalarEvent):
            empty = not event.style and event.value in ("", "~", "null", "Null", "NULL")
            node = Node(
                "scalar",
                event.start_mark.index,
                event.end_mark.index,
                event.start_mark.column,
                value=None if empty else event.value,
            )
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            node = Node(
                "map" if isinstance(event, yaml.MappingStartEvent) else "seq",
                event.start_mark.index,
                event.end_mark.index,
                event.start_mark.column,
                flow=bool(event.flow_style),
            )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            done, _ = stack.pop()
            done.end = event.end_mark.index
            continue
        else:
            continue
        if stack and stack[-1][0].kind == "map" and not stack[-1][1]:
            stack[-1][1].append((node.value or "", node.start))  # a key
            continue
        if stack:
            parent, pending = stack[-1]
            if parent.kind == "map":
                key, at = pending.pop()
                parent.children[key], parent.keys[key] = node, at
            else:
                parent.children[len(parent.children)] = node
        else:
            root = node
        if node.kind != "scalar":
            stack.append((node, []))
    return root


# -- editing --------------------------------------------------------------------------------


class EditError(Exception):
    """An edit that cannot be placed in the file as it is; carries the located problem."""

    def __init__(self, problem: LessonError) -> None:
        super().__init__(problem.message)
        self.problem = problem


def edit(text: str, shown: str, model: type, source: dict, values: list[tuple[Path_, str]]) -> str:
    """`text` with each (translation path, value) written in; raises EditError when a value has
    no place (a list of another length, a flow-style collection, another shape)."""
    for path, _ in values:
        for _ in range(len(path) + 1):  # each step makes one more part of the path exist
            found = _resolve(text, shown, path, model, source)
            if isinstance(found, Node):
                break
            at, end, new = found
            text = text[:at] + new + text[end:]
        else:
            raise EditError(
                LessonError(
                    f"cannot place '{_shown(path)}' in this file",
                    code="i18n.shape",
                    location=SourceLocation(shown, 1, 1),
                )
            )
    targets = []
    for path, value in values:
        node = _resolve(text, shown, path, model, source)
        assert isinstance(node, Node)  # every path exists now
        targets.append(((node.start, node.end), value))
    targets.sort()
    for (start, end), value in reversed(targets):
        new = scalar(value)
        if start == end:  # an empty value: `key:` or `- `, perhaps with spaces or a comment after
            while end < len(text) and text[end] in " \t":
                end += 1
            if start > 0 and text[start - 1] not in " \t":
                new = " " + new
            if text[end : end + 1] == "#":
                new += " "
        text = _replace(text, start, end, new)
    return text


def _replace(text: str, start: int, end: int, new: str) -> str:
    if text[start:end].endswith("\n"):
        new += "\n"  # a block scalar's span ends with its line break
    return text[:start] + new + text[end:]


def _resolve(text: str, shown: str, path: Path_, model: type, source: dict) -> Node | tuple[int, int, str]:
    """The scalar node at `path`, or the edit (start, end, new text) that makes it exist."""
    node, parent, via, tp, src = scan(text), None, None, model, source
    for depth, part in enumerate(path):
        assert node is not None
        where = SourceLocation(shown, *position(text, node.start))
        if node.flow:
            raise EditError(
                LessonError(
                    "cannot write a translation into a [ ] or { } list: write one item per line",
                    code="i18n.flow-style",
                    location=where,
                )
            )
        name = shorthand(tp)
        child_tp, child_src = _step(tp, src, part)
        if node.kind == "scalar" and name and part == name and depth == len(path) - 1:
            return node  # `- Why?` is the prompt itself, empty or not
        if node.kind == "scalar" and node.value is not None and name:
            return (node.start, node.end, _as_record(node, tp, src, name, parent))
        if node.kind == "scalar" and node.value is None and parent is not None:
            return (node.start, node.end, _fill(tp, src, parent, via))
        if node.kind == "seq" and isinstance(part, int) and part not in node.children:
            raise EditError(
                LessonError(
                    f"this list has {len(node.children)} items but the source has "
                    f"{len(src) if isinstance(src, list) else 'another number'}: make them match "
                    "before importing",
                    code="i18n.list-length",
                    location=where,
                )
            )
        if node.kind == "map" and part not in node.children:
            return _new_key(text, node, tp, src, part, child_tp, child_src)
        if node.kind != ("seq" if isinstance(part, int) else "map"):
            raise EditError(
                LessonError(
                    f"'{_shown(path[: depth + 1])}' does not have the source's shape here",
                    code="i18n.shape",
                    location=where,
                    hint="compare this part with the source file",
                )
            )
        parent, via, node, tp, src = node, part, node.children[part], child_tp, child_src
    if node is None or node.kind != "scalar":
        raise EditError(
            LessonError(
                f"'{_shown(path)}' must be a text here",
                code="i18n.shape",
                location=SourceLocation(shown, *position(text, node.start if node else 0)),
                hint="compare this part with the source file",
            )
        )
    return node


def _step(tp: Any, src: Any, part: Any) -> tuple[Any, Any]:
    """The model type and source value one step down `part` (an id, a position or a key)."""
    inner = item_type(tp)
    if inner is not None:
        if isinstance(part, int):
            return inner, src[part] if isinstance(src, list) and 0 <= part < len(src) else None
        found = [i for i in src or [] if isinstance(i, dict) and i.get("id") == part]
        return inner, found[0] if found else None
    name = shorthand(tp)
    if isinstance(src, str) and name:
        src = {name: src}
    spec = field_spec(tp, part) if isinstance(part, str) else None
    return (spec[1] if spec else None), (src.get(part) if isinstance(src, dict) else None)


def _fill(tp: Any, src: Any, parent: Node, via: Any) -> str:
    """An empty value (`key:` or `-` with nothing after it) given the source's empty shape."""
    if isinstance(src, str) and shorthand(tp):
        src = {shorthand(tp): src}
    lines = fragment(tp, src, parent.column, via if parent.kind == "map" else None)[1:]
    return "\n" + "\n".join(lines)


def _as_record(node: Node, tp: Any, src: Any, name: str, parent: Node | None) -> str:
    """A plain-text item (`- Why?`) rewritten as the record it stands for (`- prompt: Why?`),
    with the record's other fields empty below it."""
    column = (parent.column if parent is not None else 0) + INDENT
    record = dict(src) if isinstance(src, dict) else {}
    record.pop(name, None)
    rest = _record(tp, record, column)
    return "\n".join([f"{name}: {scalar(node.value or '')}", *rest])


def _new_key(
    text: str, node: Node, tp: Any, src: Any, key: Any, child_tp: Any, child_src: Any
) -> tuple[int, int, str]:
    """A missing key of a block mapping, inserted after the existing key that comes before it
    in the source, else before the one that comes after it, else at the end."""
    new = "\n".join(fragment(child_tp, child_src, node.column, key)) + "\n"
    order = _source_order(tp, src)
    index = order.index(key) if key in order else len(order)
    before = [k for k in order[:index] if k in node.children]
    after = [k for k in order[index + 1 :] if k in node.children]
    if before:
        at = _line_end(text, max(node.keys[before[-1]], node.children[before[-1]].last()))
    elif after and _starts_line(text, node.keys[after[0]]):
        at = _comments_above(text, node.keys[after[0]])
    else:
        at = _line_end(text, node.last())
    if at == len(text) and not text.endswith("\n"):
        new = "\n" + new
    return at, at, new


def _source_order(tp: Any, src: Any) -> list:
    if item_type(tp) is not None and isinstance(src, list):
        return [i.get("id") for i in src if isinstance(i, dict)]
    return list(src) if isinstance(src, dict) else []


def _line_end(text: str, index: int) -> int:
    """The start of the line after the one holding `text[index - 1]`."""
    if index > 0 and text[index - 1] == "\n":
        return index
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


def _starts_line(text: str, index: int) -> bool:
    return not text[text.rfind("\n", 0, index) + 1 : index].strip()


def _comments_above(text: str, index: int) -> int:
    """The start of the comment lines directly above the line holding `index`."""
    start = text.rfind("\n", 0, index) + 1
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        if not text[previous:start].strip().startswith("#"):
            break
        start = previous
    return start


def _shown(path: Path_) -> str:
    return ".".join(str(p + 1) if isinstance(p, int) else str(p) for p in path)

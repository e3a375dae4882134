"""Turn the bytes of a YAML file into plain data and a map from each value to its line and column.

Lesson files come from strangers, so this loader is stricter than `yaml.safe_load`:
- every scalar stays text (`language: no` is Norwegian, `version: 1.10` stays "1.10"); the schema
  converts numbers and booleans itself, where it wants them;
- tags (`!!python/...`, `!include`), anchors and aliases are refused as soon as they are seen, so
  nothing runs and an alias bomb fails at once;
- duplicate keys, non-text keys, several documents, deep nesting, huge files and invisible
  control characters are errors that name the line and column.
It walks PyYAML's event stream itself rather than composing nodes, so no alias is ever expanded
and depth is checked without recursion.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from .errors import LessonError, SourceLocation

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 32
MAX_NODES = 50_000

Path_ = tuple[str | int, ...]

# Characters that are invisible or break editors' line counting; a lesson never needs them.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}
_NULLS = {"", "~", "null", "Null", "NULL"}
FAST_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG_PREFIX = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class Mark:
    """Where a key or value starts: 1-based line and column."""

    line: int
    column: int


class Document(Protocol):
    """What validation reads from a loaded file: its path, its data and where each value is
    (a YamlDocument, or a translation merged over its source)."""

    @property
    def path(self) -> str: ...

    @property
    def data(self) -> Any: ...

    def where(self, path: Path_, *, key: bool = False) -> SourceLocation: ...


@dataclass(frozen=True)
class YamlDocument:
    """Plain data (dict, list, str, None) with the position of every key and value."""

    path: str
    data: Any
    value_marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> SourceLocation:
        """Location of the value at `path` (or of its key), falling back to the nearest parent."""
        marks = self.key_marks if key else self.value_marks
        probe = path
        while probe:
            mark = marks.get(probe) or self.value_marks.get(probe)
            if mark:
                return SourceLocation(self.path, mark.line, mark.column)
            probe = probe[:-1]
        mark = self.value_marks.get(())
        return SourceLocation(self.path, mark.line if mark else 1, mark.column if mark else 1)


def char_name(ch: str) -> str:
    """`U+2028 LINE SEPARATOR`: how an error names a character a teacher cannot see."""
    code = ord(ch)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(ch, "")
    if not name:
        name = "CONTROL CHARACTER" if unicodedata.category(ch) == "Cc" else "UNNAMED CHARACTER"
    return f"U+{code:04X} {name}"


def load_yaml(raw: bytes, path: str) -> YamlDocument:
    """Parse one YAML file strictly; raise LessonError for the first problem that stops reading."""
    text = decode_text(raw, path)
    check_characters(text, path)
    return _Builder(path).build(text)


def decode_text(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) to text; other encodings get an error that says what to do."""
    if len(raw) > MAX_FILE_BYTES:
        raise LessonError(
            f"file is larger than {MAX_FILE_BYTES // 1024} KiB ({len(raw) // 1024} KiB)",
            code="file.too-large",
            location=SourceLocation(path, 1, 1),
            hint="split the lesson into several files",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) >= 4 and raw[1:4:2] == b"\x00\x00"):
        raise LessonError(
            "file is UTF-16, not UTF-8",
            code="file.encoding",
            location=SourceLocation(path, 1, 1),
            hint="save the file as UTF-8 in your editor",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[start : exc.start].decode("utf-8", "replace")) + 1
        raise LessonError(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02X})",
            code="file.encoding",
            location=SourceLocation(path, line, column),
            hint="save the file as UTF-8 in your editor (it looks like Windows-1252 or Latin-1)",
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise LessonError(
            "file is empty",
            code="file.empty",
            location=SourceLocation(path, 1, 1),
            hint="start from `lessonpress new LESSON_ID`",
        )
    return text


def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of a character index, counting lines as editors do (by \\n)."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def check_characters(text: str, path: str) -> None:
    """Refuse invisible control characters before PyYAML miscounts lines around them."""
    bad = _FORBIDDEN.search(text)
    if bad:
        line, column = position(text, bad.start())
        raise LessonError(
            f"character {char_name(bad.group())} is not allowed",
            code="file.character",
            location=SourceLocation(path, line, column),
            hint="it is invisible in most editors: delete it and retype the text around it",
        )


class _Frame:
    """One open mapping or sequence while events stream past."""

    __slots__ = ("container", "path", "key", "key_mark", "first_lines")

    def __init__(self, container: dict | list, path: Path_) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_mark: Mark | None = None
        self.first_lines: dict[str, int] = {}


class _Builder:
    """Builds plain data from PyYAML events, checking each event as it arrives."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.value_marks: dict[Path_, Mark] = {}
        self.key_marks: dict[Path_, Mark] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.nodes = 0

    def build(self, text: str, loader_class: type = FAST_LOADER) -> YamlDocument:
        """Walk the events of `text`. libyaml is ~10x faster; when it reports a syntax error the
        text is parsed again with PyYAML's own parser, whose messages and hints tests pin down."""
        documents = 0
        loader = loader_class(text)
        try:
            while loader.check_event():
                event = loader.get_event()
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self._fail(
                            event,
                            "expected a single document, but found another document",
                            "yaml.multiple-documents",
                            "one lesson per file: remove the `---` line or split the file",
                        )
                elif isinstance(event, yaml.NodeEvent):
                    self._node(event)
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    self.stack.pop()
        except yaml.YAMLError as exc:
            if loader_class is not yaml.SafeLoader:
                return _Builder(self.path).build(text, yaml.SafeLoader)
            if isinstance(exc, yaml.MarkedYAMLError):
                raise _syntax_error(exc, self.path) from None
            # a reader error without a mark
            raise LessonError(
                str(exc).splitlines()[0], code="yaml.syntax", location=SourceLocation(self.path, 1, 1)
            ) from None
        finally:
            loader.dispose()
        return YamlDocument(self.path, self.root, self.value_marks, self.key_marks)

    def _fail(self, event: yaml.Event, message: str, code: str, hint: str | None = None) -> None:
        mark = _mark(event)
        raise LessonError(
            message, code=code, hint=hint, location=SourceLocation(self.path, mark.line, mark.column)
        )

    def _node(self, event: yaml.NodeEvent) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self._fail(event, f"file has more than {MAX_NODES} values", "yaml.too-many-values")
        if isinstance(event, yaml.AliasEvent):
            self._fail(
                event,
                f"aliases (*{event.anchor}) are not allowed",
                "yaml.alias",
                "write the text out in full; lesson files do not use anchors or aliases",
            )
        if event.anchor is not None:
            self._fail(
                event,
                f"anchors (&{event.anchor}) are not allowed",
                "yaml.anchor",
                "remove the `&name`; lesson files do not use anchors or aliases",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            shown = "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag
            self._fail(
                event,
                f"explicit YAML tag '{shown}' is not allowed",
                "yaml.tag",
                "remove the tag; quote the value if it should be text",
            )
        if isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        else:
            self._open(event)

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        value: str | None = event.value
        if not event.style and event.implicit[0] and value in _NULLS:  # plain style: None or ""
            value = None
        elif value:
            bad = _FORBIDDEN.search(value)
            if bad:
                self._fail(
                    event,
                    f"control or invalid character {char_name(bad.group())}",
                    "file.character",
                    "remove the escape sequence from the quoted text",
                )
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            self._key(frame, event, value)
            return
        self._place(value, event)

    def _key(self, frame: _Frame, event: yaml.ScalarEvent, key: str | None) -> None:
        mark = _mark(event)
        key = key if key is not None else ""
        if key in frame.first_lines:
            self._fail(
                event,
                f"duplicate key '{key}' (first used on line {frame.first_lines[key]})",
                "yaml.duplicate-key",
                "keep one of them; YAML would silently drop the first",
            )
        frame.first_lines[key] = mark.line
        frame.key, frame.key_mark = key, mark

    def _open(self, event: yaml.NodeEvent) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            self._fail(
                event,
                "mapping keys must be plain text",
                "yaml.complex-key",
                "a key is a simple word such as `title:`",
            )
        if len(self.stack) >= MAX_DEPTH:
            self._fail(event, f"nested deeper than {MAX_DEPTH} levels", "yaml.too-deep")
        container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
        path = self._place(container, event)
        self.stack.append(_Frame(container, path))

    def _place(self, value: Any, event: yaml.NodeEvent) -> Path_:
        mark = _mark(event)
        if not self.stack:
            self.root = value
            self.value_marks[()] = mark
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            key = frame.key or ""
            path = (*frame.path, key)
            frame.container[key] = value
            if frame.key_mark:
                self.key_marks[path] = frame.key_mark
            frame.key = None
        else:
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
        self.value_marks[path] = mark
        return path


def _mark(event: yaml.Event) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


def _syntax_error(exc: yaml.MarkedYAMLError, path: str) -> LessonError:
    """PyYAML's message, reworded where a teacher would not understand it, at its mark."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "YAML syntax error"
    hint = None
    if "'\\t'" in problem:
        problem = "tab character here: YAML indentation must use spaces"
        hint = "replace the tab with spaces"
    elif exc.context and exc.context_mark and exc.context_mark is not mark:
        cm = exc.context_mark
        problem = f"{problem} {exc.context} (started at line {cm.line + 1}, column {cm.column + 1})"
    if "mapping values are not allowed" in problem:
        hint = "put text that contains ': ' in quotes"
    elif "while parsing a flow" in problem:
        hint = "inside [ ] put each item in quotes, or write one '- item' per line"
    elif "expected <block end>" in problem or "could not find expected ':'" in problem:
        hint = "check the indentation, and quote text that starts with a special character"
    return LessonError(problem, code="yaml.syntax", location=SourceLocation(path, line, column), hint=hint)

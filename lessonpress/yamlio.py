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
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from . import yamltraps
from .errors import LessonError, SourceLocation, char_name

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 32
MAX_NODES = 50_000

Path_ = tuple[str | int, ...]

# Characters that are invisible or break editors' line counting; a lesson never needs them.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
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
    lines: tuple[str, ...] = field(default=(), repr=False)  # the text, for messages that quote it
    notes: tuple[LessonError, ...] = ()  # warnings found while loading

    def line(self, number: int) -> str:
        """The text of a 1-based line ('' past the end)."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

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
    encoding = wide_encoding(raw)
    if encoding:
        raise LessonError(
            f"file is {encoding}, not UTF-8",
            code="file.encoding",
            location=SourceLocation(path, 1, 1),
            hint="save the file as UTF-8 in your editor (in Notepad: Save as, Encoding: UTF-8)",
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


def wide_encoding(raw: bytes) -> str | None:
    """'UTF-16 (little-endian)' and the like when the bytes are UTF-16 or UTF-32, with or without
    a byte-order mark (text is mostly ASCII, so every other byte of UTF-16 is zero); else None.
    Without this a UTF-16BE file was reported as "character U+0000 NULL is not allowed"."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith(b"\xff\xfe"):
        return "UTF-16 (little-endian)"
    if raw.startswith(b"\xfe\xff"):
        return "UTF-16 (big-endian)"
    head = raw[:400]
    quads = [head[i::4].count(0) for i in range(4)]
    if len(head) >= 8 and max(min(quads[1:]), min(quads[:3])) * 4 >= len(head) - 4:
        return "UTF-32"
    if len(head) >= 4 and head.count(0) >= len(head) // 3:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > 2 * even:
            return "UTF-16 (little-endian)"
        if even > 2 * odd:
            return "UTF-16 (big-endian)"
    return None


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
        self.lines: list[str] = []
        self.notes: list[LessonError] = []

    def build(self, text: str, loader_class: type = FAST_LOADER) -> YamlDocument:
        """Walk the events of `text`. libyaml is ~10x faster; when it reports a syntax error the
        text is parsed again with PyYAML's own parser, whose messages and hints tests pin down."""
        documents = 0
        self.lines = text.split("\n")
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
                raise _syntax_error(exc, self.path, text) from None
            # a reader error without a mark
            raise LessonError(
                str(exc).splitlines()[0], code="yaml.syntax", location=SourceLocation(self.path, 1, 1)
            ) from None
        finally:
            loader.dispose()
        return YamlDocument(
            self.path, self.root, self.value_marks, self.key_marks, tuple(self.lines), tuple(self.notes)
        )

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
            self._text_trap(event)
            self._fail(
                event,
                f"aliases (*{event.anchor}) are not allowed",
                "yaml.alias",
                "write the text out in full; lesson files do not use anchors or aliases",
            )
        if event.anchor is not None:
            if isinstance(event, yaml.ScalarEvent):
                self._text_trap(event)
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
                self._quote_hint(event) or "remove the tag; quote the value if it should be text",
            )
        if (
            isinstance(event, yaml.MappingStartEvent)
            and self._char_at(event) == "?"
            and self._after(event)[:1] not in ("[", "{", '"', "'")
        ):
            self._text_trap(event)  # `- ? Why` is text, `? [a, b]` a real complex key
        if isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        else:
            self._open(event)

    def _char_at(self, event: yaml.Event) -> str:
        mark = event.start_mark
        line = self.lines[mark.line] if mark.line < len(self.lines) else ""
        return line[mark.column : mark.column + 1]

    def _after(self, event: yaml.Event) -> str:
        """The text after the character at the event's mark, spaces skipped."""
        mark = event.start_mark
        line = self.lines[mark.line] if mark.line < len(self.lines) else ""
        return line[mark.column + 1 :].lstrip(" ")

    def _text_trap(self, event: yaml.Event) -> None:
        """Text that starts with '*', '&' or '?' (a reference, an anchor, a key in YAML): say so,
        with the line to write instead, rather than name YAML's feature."""
        mark = event.start_mark
        line = yamltraps.split_line(self.lines[mark.line], mark.line + 1)
        if line.value_col == mark.column and line.value:
            trap = yamltraps.value_trap(line)
            if trap is not None:
                raise LessonError(
                    trap.message,
                    code=trap.code,
                    hint=trap.hint,
                    location=SourceLocation(self.path, trap.line, trap.column),
                )

    def _quote_hint(self, event: yaml.Event) -> str | None:
        mark = event.start_mark
        line = yamltraps.split_line(self.lines[mark.line], mark.line + 1)
        if line.value_col != mark.column or not line.value:
            return None
        return "if it is text, put it in quotes: " + yamltraps.show(
            line.with_value(yamltraps.quoted(line.value))
        )

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
        if not event.style:
            self._silent_traps(event)
        self._place(value, event)

    def _silent_traps(self, event: yaml.ScalarEvent) -> None:
        """Plain text that loads, but not as the teacher meant: a `- item` indented into the item
        above (an error), or text after ' #' that YAML drops as a comment (a warning)."""
        start, end = event.start_mark, event.end_mark
        for number in range(start.line + 1, min(end.line, len(self.lines) - 1) + 1):
            if self.lines[number].lstrip(" ").startswith("- "):
                trap = yamltraps.swallowed_item(self.lines[number], number + 1, self.lines[start.line])
                raise LessonError(
                    trap.message,
                    code=trap.code,
                    hint=trap.hint,
                    location=SourceLocation(self.path, trap.line, trap.column),
                )
        if end.line < len(self.lines):
            comment = yamltraps.comment_in_text(self.lines[end.line], end.line + 1, end.column)
            if comment is not None:
                self.notes.append(
                    LessonError(
                        comment.message,
                        code=comment.code,
                        hint=comment.hint,
                        severity="warning",
                        location=SourceLocation(self.path, comment.line, comment.column),
                    )
                )

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


def _at(mark: yaml.Mark | None) -> tuple[int, int] | None:
    return (mark.line, mark.column) if mark else None


def _syntax_error(exc: yaml.MarkedYAMLError, path: str, text: str) -> LessonError:
    """The trap behind a syntax error in plain words (yamltraps.py), else PyYAML's message,
    reworded where a teacher would not understand it, at its mark."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "YAML syntax error"
    hint = None
    if "'\\t'" in problem:
        lines = text.split("\n")
        shown = lines[line - 1].replace("\t", "  ") if line <= len(lines) else ""
        return LessonError(
            "tab character here: YAML indentation must use spaces",
            code="yaml.tab",
            location=SourceLocation(path, line, column),
            hint=f"replace the tab with spaces: {yamltraps.show(shown)}",
        )
    trap = yamltraps.diagnose(
        text, f"{exc.context or ''} {problem}", _at(exc.problem_mark), _at(exc.context_mark)
    )
    if trap is not None:
        return LessonError(
            trap.message,
            code=trap.code,
            hint=trap.hint,
            location=SourceLocation(path, trap.line, trap.column),
        )
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        cm = exc.context_mark
        problem = f"{problem} {exc.context} (started at line {cm.line + 1}, column {cm.column + 1})"
    if "mapping values are not allowed" in problem:
        hint = "put text that contains ': ' in quotes"
    elif "while parsing a flow" in problem:
        hint = "inside [ ] put each item in quotes, or write one '- item' per line"
    elif "expected <block end>" in problem or "could not find expected ':'" in problem:
        hint = "check the indentation, and quote text that starts with a special character"
    return LessonError(problem, code="yaml.syntax", location=SourceLocation(path, line, column), hint=hint)

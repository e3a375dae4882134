"""The one error type: a problem in a lesson, with where it is and what to do about it.

Every stage reports problems as `LessonError` values carrying path, line, column, message, code and
hint. Stages collect them rather than stopping at the first, so a teacher fixing a file sees the
whole list in one run. The same type is raised when a stage cannot go on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Names unicodedata lacks, for characters a teacher cannot see.
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A place in a file: 1-based line and column; 0 means "the whole file" or "unknown"."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        path = visible(self.path)
        if self.line and self.column:
            return f"{path}:{self.line}:{self.column}"
        if self.line:
            return f"{path}:{self.line}"
        return path


class LessonError(Exception):
    """A problem found in a lesson or its inputs; formatted as `path:line:col: error: msg [code]`."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        location: SourceLocation | None = None,
        hint: str | None = None,
        severity: Severity = "error",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.location = location
        self.hint = hint
        self.severity: Severity = severity

    @property
    def path(self) -> str:
        """The file the problem is in ('' when it is about no file)."""
        return self.location.path if self.location else ""

    @property
    def line(self) -> int:
        """1-based line, or 0 when unknown."""
        return self.location.line if self.location else 0

    @property
    def column(self) -> int:
        """1-based column, or 0 when unknown."""
        return self.location.column if self.location else 0

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == "error"

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then line and column, as a teacher reads them."""
        return (self.path, self.line, self.column, self.message)

    def format(self) -> str:
        """The one-line form (plus a `hint:` line) that the command line prints."""
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.severity}: {visible(self.message)} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {visible(self.hint)}"
        return text

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return f"LessonError({self.format()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LessonError):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self):  # noqa: ANN204 - pickling for worker processes
        return (_rebuild, self._key())

    def _key(self) -> tuple:
        return (self.message, self.code, self.location, self.hint, self.severity)


def _rebuild(message, code, location, hint, severity) -> LessonError:  # noqa: ANN001
    return LessonError(message, code=code, location=location, hint=hint, severity=severity)


def sorted_problems(problems: Iterable[LessonError]) -> list[LessonError]:
    """Problems sorted by file and line, duplicates removed."""
    return sorted(set(problems), key=LessonError.sort_key)


def has_errors(problems: Iterable[LessonError]) -> bool:
    """True when any problem is an error rather than a warning."""
    return any(p.is_error for p in problems)


# Characters that would break an error line or change how it reads: a newline in a file name
# could print a second, forged `path:line:col: error:` line; bidi controls reorder the line.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """Text for one line of output: line breaks and control characters escaped (`\\n`, `\\x1b`)."""
    return _INVISIBLE.sub(
        lambda m: (
            _SHORT.get(m.group())
            or (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}")
        ),
        text,
    )


def char_name(ch: str) -> str:
    """`U+2028 LINE SEPARATOR`: how an error names a character a teacher cannot see."""
    code = ord(ch)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(ch, "")
    if not name:
        name = "CONTROL CHARACTER" if unicodedata.category(ch) == "Cc" else "UNNAMED CHARACTER"
    return f"U+{code:04X} {name}"

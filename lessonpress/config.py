"""Project defaults from `pyproject.toml` `[tool.lessonpress]`: theme, paper and region.

A school sets its theme once instead of passing `--theme` on every build; flags still win.
Every problem is located at its line (`pyproject.toml:7:1: error: ...`), and any error stops
a command before it builds anything (exit 2).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import LessonError, SourceLocation

PAPERS = ("a4", "letter", "a5")
CONFIG_FILE = "pyproject.toml"


@dataclass(frozen=True)
class ProjectDefaults:
    """Defaults a project sets for its builds (None: not set)."""

    theme: str | None = None
    paper: str | None = None
    region: str | None = None


def project_defaults(root: Path = Path()) -> tuple[ProjectDefaults, list[LessonError]]:
    """The `[tool.lessonpress]` table of `root/pyproject.toml`, checked; every problem located."""
    path = root / CONFIG_FILE
    shown = str(path)
    if not path.is_file():
        return ProjectDefaults(), []
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        return ProjectDefaults(), [_error(f"cannot read it: {exc}", "config.syntax", shown, 1)]
    except tomllib.TOMLDecodeError as exc:
        line, column = _toml_position(str(exc))
        return ProjectDefaults(), [_error(f"not valid TOML: {exc}", "config.syntax", shown, line, column)]
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        return ProjectDefaults(), [
            _error("'tool' must be a table", "config.value", shown, _line(text, "tool"))
        ]
    table = tool.get("lessonpress", {})
    if not isinstance(table, dict):
        return ProjectDefaults(), [
            _error(
                f"[tool] lessonpress = {table!r}: the lessonpress settings must be a table",
                "config.value",
                shown,
                _line(text, "lessonpress"),
                hint='write them under a [tool.lessonpress] heading, e.g. theme = "ngo"',
            )
        ]
    problems = [p for key, value in table.items() if (p := _check(key, value, text, shown))]
    if problems:
        return ProjectDefaults(), problems
    return ProjectDefaults(**{k: table.get(k) for k in KEYS}), []


def _check(key: str, value: object, text: str, shown: str) -> LessonError | None:
    line = _line(text, key, after="lessonpress")
    if key not in KEYS:
        close = difflib.get_close_matches(key, KEYS, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(KEYS)
        return _error(
            f"[tool.lessonpress] has an unknown key '{key}'", "config.unknown-key", shown, line, hint=hint
        )
    problem = CHECKS[key](value)
    if problem is None:
        return None
    message, advice = problem
    return _error(f"[tool.lessonpress] {key} = {value!r} {message}", "config.value", shown, line, hint=advice)


def _text(value: object) -> tuple[str, str | None] | None:
    return None if isinstance(value, str) and value else ("must be a text", None)


def _paper(value: object) -> tuple[str, str | None] | None:
    if not isinstance(value, str) or value not in PAPERS:
        close = (
            f'did you mean "{value.lower()}"?' if isinstance(value, str) and value.lower() in PAPERS else None
        )
        return "is not a paper size: use " + ", ".join(f'"{p}"' for p in PAPERS), close
    return None


# What each key must be: a check that returns (what is wrong, a hint) or None. A new key is
# one line here and one field of ProjectDefaults.
CHECKS: dict[str, Callable[[object], tuple[str, str | None] | None]] = {
    "theme": _text,
    "paper": _paper,
    "region": _text,
}
KEYS = tuple(CHECKS)


def _error(
    message: str, code: str, shown: str, line: int, column: int = 1, hint: str | None = None
) -> LessonError:
    return LessonError(message, code=code, location=SourceLocation(shown, line, column), hint=hint)


def _line(text: str, key: str, after: str | None = None) -> int:
    """The line where `key = ...` is set (after the table or key `after`, when given); 1 if unseen.

    tomllib gives no positions; a config file is small enough to find the line by its text.
    """
    lines = text.splitlines()
    start = 0
    if after:
        start = next((i for i, ln in enumerate(lines) if re.search(rf"\b{re.escape(after)}\b", ln)), 0)
    pattern = re.compile(rf"^\s*(?:[\w.\"-]*\.)?\"?{re.escape(key)}\"?\s*=|\b{re.escape(key)}\s*=")
    for i in range(start, len(lines)):
        if pattern.search(lines[i]):
            return i + 1
    return start + 1


def _toml_position(message: str) -> tuple[int, int]:
    """(line, column) from tomllib's message, which ends `(at line 3, column 7)`."""
    found = re.search(r"line (\d+), column (\d+)", message)
    return (int(found[1]), int(found[2])) if found else (1, 1)

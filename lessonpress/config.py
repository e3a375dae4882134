"""Project defaults from `pyproject.toml` `[tool.lessonpress]`: theme, paper, region and regions.

A school sets its theme once instead of passing `--theme` on every build; flags still win.
`[tool.lessonpress.regions]` maps a locale to the helpline region its outputs print, e.g.
`es = "MX"` (`regions.py` decides each output's region).
Every problem is located at its line (`pyproject.toml:7:1: error: ...`), and any error stops
a command before it builds anything (exit 2).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LessonError, SourceLocation

PAPERS = ("a4", "letter", "a5")
CONFIG_FILE = "pyproject.toml"


@dataclass(frozen=True)
class RegionDefaults:
    """Where a project's outputs take their helplines from when no `--region` is given.

    `by_locale` is `[tool.lessonpress.regions]` (locale tag -> region code) and `region` the
    project-wide `region`; `where` locates each in pyproject.toml for error messages.
    """

    by_locale: tuple[tuple[str, str], ...] = ()
    region: str | None = None
    where: tuple[tuple[str, SourceLocation], ...] = field(default=(), compare=False, repr=False)

    def for_locale(self, locale: str) -> str | None:
        """The region the project names for exactly this locale tag, if any."""
        return dict(self.by_locale).get(locale)

    def location(self, key: str) -> SourceLocation | None:
        """Where `region` or `regions.<locale>` is set."""
        return dict(self.where).get(key)


NO_REGION_DEFAULTS = RegionDefaults()


@dataclass(frozen=True)
class ProjectDefaults:
    """Defaults a project sets for its builds (None: not set)."""

    theme: str | None = None
    paper: str | None = None
    region: str | None = None
    regions: RegionDefaults = NO_REGION_DEFAULTS


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
    regions = table.get("regions", {})
    if isinstance(regions, dict):
        problems += _region_entries(regions, text, shown)
    if problems:
        return ProjectDefaults(), problems
    return ProjectDefaults(
        **{k: table.get(k) for k in KEYS if k != "regions"}, regions=_regions(table, text, shown)
    ), []


def _regions(table: dict, text: str, shown: str) -> RegionDefaults:
    """`[tool.lessonpress.regions]` and `region`, with where each is set."""
    regions = table.get("regions", {})
    by_locale = tuple(sorted((_tag(k), v.strip().upper()) for k, v in regions.items()))
    where = [
        (f"regions.{_tag(k)}", SourceLocation(shown, _line(text, k, after="regions"), 1)) for k in regions
    ]
    region = table.get("region")
    if region:
        where.append(("region", SourceLocation(shown, _line(text, "region", after="lessonpress"), 1)))
    return RegionDefaults(by_locale, region.strip().upper() if region else None, tuple(where))


def _region_entries(regions: dict, text: str, shown: str) -> list[LessonError]:
    """Each `locale = "REGION"` line: a language tag and a region code."""
    from .languages import normalise_language

    problems = []
    for locale, region in regions.items():
        line = _line(text, locale, after="regions")
        if normalise_language(locale) is None:
            problems.append(
                _error(
                    f"[tool.lessonpress.regions] '{locale}' is not a language tag such as es or pt-BR",
                    "config.value",
                    shown,
                    line,
                )
            )
        elif not isinstance(region, str) or not region.strip().isalpha():
            problems.append(
                _error(
                    f"[tool.lessonpress.regions] {locale} = {region!r} is not a region code",
                    "config.value",
                    shown,
                    line,
                    hint='write a country code in quotes, e.g. es = "MX"',
                )
            )
    return problems


def _tag(locale: str) -> str:
    from .languages import normalise_language

    return normalise_language(locale) or locale


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


def _table(value: object) -> tuple[str, str | None] | None:
    if isinstance(value, dict):
        return None
    return (
        "must be a table of locale = region",
        'write [tool.lessonpress.regions] and lines such as es = "MX"',
    )


# What each key must be: a check that returns (what is wrong, a hint) or None. A new key is
# one line here and one field of ProjectDefaults.
CHECKS: dict[str, Callable[[object], tuple[str, str | None] | None]] = {
    "theme": _text,
    "paper": _paper,
    "region": _text,
    "regions": _table,
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

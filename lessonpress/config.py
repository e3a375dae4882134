"""Project defaults from `pyproject.toml` `[tool.lessonpress]`: theme, paper and region.

A school sets its theme once instead of passing `--theme` on every build; flags still win.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import LessonError, SourceLocation

KEYS = ("theme", "paper", "region")
PAPERS = ("a4", "letter", "a5")


@dataclass(frozen=True)
class ProjectDefaults:
    """Defaults a project sets for its builds (None: not set)."""

    theme: str | None = None
    paper: str | None = None
    region: str | None = None


def project_defaults(root: Path = Path()) -> tuple[ProjectDefaults, list[LessonError]]:
    """The `[tool.lessonpress]` table of `root/pyproject.toml`, checked."""
    path = root / "pyproject.toml"
    if not path.is_file():
        return ProjectDefaults(), []
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("lessonpress", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return ProjectDefaults(), [
            LessonError(
                f"cannot read pyproject.toml: {exc}", code="config.syntax", location=SourceLocation(str(path))
            )
        ]
    problems = []
    for key, value in table.items():
        if key not in KEYS:
            problems.append(
                LessonError(
                    f"[tool.lessonpress] has an unknown key '{key}'",
                    code="config.unknown-key",
                    location=SourceLocation(str(path)),
                    hint="known keys: " + ", ".join(KEYS),
                )
            )
        elif not isinstance(value, str) or (key == "paper" and value not in PAPERS):
            problems.append(
                LessonError(
                    f"[tool.lessonpress] {key} = {value!r} is not valid",
                    code="config.value",
                    location=SourceLocation(str(path)),
                )
            )
    if problems:
        return ProjectDefaults(), problems
    return ProjectDefaults(**{k: table.get(k) for k in KEYS}), []

"""Turn command-line flags and the project's `[tool.lessonpress]` defaults into BuildSettings.

`make_settings` is the one settings builder: `build`, `watch`, `check` and `themes preview` all
call it, so they take the same flags, the same project defaults and the same validation. It
collects every problem (a config error, a missing path, an unknown theme or language tag) and
raises them together as a `SettingsError` before anything is built: a usage error, exit 2.
This module imports nothing heavy; a theme file is read only when one is asked for.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from .config import NO_REGION_DEFAULTS, RegionDefaults, project_defaults
from .errors import LessonError, SourceLocation, has_errors
from .formats import FORMATS, format_options
from .languages import normalise_language
from .project import check_paths, path_kind
from .theme import DEFAULT_THEME, Theme

# Settings that choose what is built or how the build runs, never what an output's bytes are.
NOT_IN_OUTPUT = frozenset({"paths", "out_dir", "formats", "jobs", "force", "locales"})


@dataclass(frozen=True)
class BuildSettings:
    """What to build and how; every command-line flag of `build` has a field here."""

    paths: tuple[str, ...] = ()
    out_dir: Path = Path("build")
    formats: tuple[str, ...] = ("handout",)
    paper: str | None = None  # None: from each lesson's language region (Letter in the US)
    jobs: int = 0  # 0: one per CPU
    force: bool = False
    theme: Theme = DEFAULT_THEME
    per_page: int = 3  # slides-handout: 3 with lines, or 6
    pack_of: str = "handout"  # pack: handouts, or guides for a facilitator binder
    today: str | None = None  # ISO date printed on covers (the CLI passes the date)
    region: str | None = None  # --region: helplines to print (else `regions`, the language)
    regions: RegionDefaults = NO_REGION_DEFAULTS  # the project's regions per locale, and default
    locales: tuple[str, ...] | None = None  # translations to build; None: every one found
    bilingual: str | None = None  # also a handout in the source language and this translation

    def output_key(self, fmt: str) -> list[str]:
        """Every setting that changes the bytes of an output of format `fmt`, as text.

        Read by exclusion: a new setting counts for every format unless it is listed in
        `NOT_IN_OUTPUT` or is another format's option, so a forgotten one costs a rebuild,
        never a stale PDF.
        """
        others = format_options() - set(FORMATS[fmt].options)
        return [
            f"{f.name}={getattr(self, f.name)!r}"
            for f in dataclasses.fields(self)
            if f.name not in NOT_IN_OUTPUT and f.name not in others
        ]


def default_formats(paths: tuple[str, ...]) -> tuple[str, ...]:
    """The formats a build makes when none is asked for: every one, except that a build of
    individual lesson files makes no course outputs (the pack comes from the whole course)."""
    files_only = bool(paths) and all(Path(p).is_file() for p in paths)
    return tuple(
        name
        for name, spec in FORMATS.items()
        if spec.selectable and not (files_only and spec.scope == "course")
    )


@dataclass(frozen=True)
class Flags:
    """Build flags as the command line gives them (None or empty: not given)."""

    paths: tuple[str, ...] = ()
    out_dir: str = "build"
    formats: tuple[str, ...] = ()
    paper: str | None = None
    jobs: int | None = None
    force: bool = False
    per_page: int = 3
    pack_of: str = "handout"
    region: str | None = None
    locales: tuple[str, ...] = ()
    bilingual: str | None = None
    theme: str | None = None
    presets: tuple[str, ...] = ()


class SettingsError(Exception):
    """The flags or the project's defaults cannot make settings: every problem, located."""

    def __init__(self, problems: list[LessonError]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def make_settings(
    flags: Flags, *, today: str | None = None, root: Path = Path(), lessons: bool = True
) -> tuple[BuildSettings, list[LessonError]]:
    """Settings from flags over the project's defaults, and any warnings; SettingsError when
    something is wrong. `lessons=False` for commands that read no lessons (themes preview)."""
    defaults, problems = project_defaults(root)
    if lessons:
        problems += check_paths(flags.paths)
    problems += _out_dir_problems(flags.out_dir)
    locales = tuple(t for t in (_tag(x, "--locale", problems) for x in flags.locales) if t) or None
    bilingual = _tag(flags.bilingual, "--bilingual", problems)
    if bilingual and locales and bilingual not in locales:
        locales = (*locales, bilingual)
    theme = None
    if not has_errors(problems):  # a theme is read only when the rest is sound
        theme = load_theme_with_presets(flags.theme or defaults.theme, flags.presets, problems)
    if has_errors(problems) or theme is None:
        raise SettingsError(problems)
    settings = BuildSettings(
        paths=flags.paths,
        out_dir=Path(flags.out_dir),
        formats=flags.formats or default_formats(flags.paths),
        paper=flags.paper or defaults.paper,
        jobs=flags.jobs or 0,
        force=flags.force,
        theme=theme,
        per_page=flags.per_page,
        pack_of=flags.pack_of,
        today=today,
        region=flags.region,
        regions=defaults.regions,
        locales=locales,
        bilingual=bilingual,
    )
    return settings, problems


def load_theme_with_presets(name: str | None, presets: tuple[str, ...], problems: list) -> Theme | None:
    """The theme to build with (presets applied), or None when it has errors (in `problems`)."""
    if not name and not presets:
        return DEFAULT_THEME  # no YAML to read: keeps a no-op build light
    from .themes import apply_presets, load_theme

    theme, found = load_theme(name or "default")
    problems += found
    return None if theme is None else apply_presets(theme, presets)


def build_date() -> str:
    """Today's date for covers, or SOURCE_DATE_EPOCH's (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()
    return datetime.date.today().isoformat()


def _tag(value: str | None, flag: str, problems: list[LessonError]) -> str | None:
    if value is None:
        return None
    tag = normalise_language(value)
    if tag is None:
        problems.append(
            LessonError(
                f"{flag} {value!r} is not a language tag such as es, ar or pt-BR",
                code="usage.locale",
                location=None,
            )
        )
    return tag


def _out_dir_problems(out_dir: str) -> list[LessonError]:
    kind = path_kind(out_dir)
    shown = out_dir if len(out_dir) <= 120 else out_dir[:120] + "..."
    if kind == "file":
        return [
            LessonError("--out is a file, not a folder", code="usage.out", location=SourceLocation(shown))
        ]
    if kind == "invalid" or any(len(part.encode()) > 255 for part in Path(out_dir).parts):
        return [
            LessonError(
                "--out cannot be used as a folder (a name longer than 255 bytes, or not a folder)",
                code="usage.out",
                location=SourceLocation(shown),
            )
        ]
    return []

"""The build flags, declared once: `build` and `watch` take all of them, `check` the ones that
change what is checked; each command turns them into `Flags` for the one settings builder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

from .config import PAPERS
from .formats import format_names
from .settings import Flags


class FormatList(click.ParamType):
    """`--format` values: registered format names, one per flag or several split by commas.

    The names are read from the registry when a value is checked or help is shown (not when
    this module is imported), so a format registered later is offered like the built-in ones.
    """

    name = "format"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:  # noqa: ARG002
        return "[" + "|".join(format_names()) + "]"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        names = tuple(n.strip() for n in str(value).split(",") if n.strip())
        known = format_names()
        for name in names:
            if name not in known:
                self.fail(f"'{name}' is not a format; choose from {', '.join(known)}", param, ctx)
        if not names:
            self.fail(f"give a format: {', '.join(known)}", param, ctx)
        return names


Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

_PATHS = click.argument("paths", nargs=-1, type=click.Path())
_THEME = [
    click.option(
        "--theme",
        metavar="NAME",
        help="Theme from assets/themes/NAME.yaml (default: [tool.lessonpress] theme, or the built-in one).",
    ),
    click.option(
        "--large-print",
        "presets",
        flag_value="large-print",
        multiple=True,
        help="Body text at least 18 pt, wider margins (file name gets .large-print).",
    ),
    click.option(
        "--dyslexia-friendly",
        "presets",
        flag_value="dyslexia-friendly",
        multiple=True,
        help="A font made for readability, more line spacing, no italics.",
    ),
    click.option(
        "--high-contrast",
        "presets",
        flag_value="high-contrast",
        multiple=True,
        help="Pure black on white, no tinted boxes, thicker rules.",
    ),
    click.option(
        "--ink-saver",
        "presets",
        flag_value="ink-saver",
        multiple=True,
        help="No filled backgrounds, greyscale: for cheap printing.",
    ),
]
_LOCALE = click.option(
    "--locale",
    "locales",
    multiple=True,
    metavar="TAG",
    help="Only these translations (repeatable; default: every translation found).",
)
_QUIET = click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
_BUILD = [
    click.option(
        "--out",
        "out_dir",
        default="build",
        show_default=True,
        type=click.Path(),
        help="Folder for the PDFs: OUT/<language>/<lesson>-<format>.pdf.",
    ),
    click.option(
        "--format",
        "formats",
        multiple=True,
        type=FormatList(),
        help="Output format (repeat, or separate with commas; default: all, and no pack when only "
        "lesson files are named).",
    ),
    click.option(
        "--paper",
        type=click.Choice(PAPERS),
        default=None,
        help="Paper size of portrait outputs (default: [tool.lessonpress] paper, else from the "
        "language's region, e.g. Letter for en-US, A4 for en or en-GB; a5 for booklets).",
    ),
    click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes (default: one per CPU).",
    ),
    click.option("--force", is_flag=True, help="Rebuild every output even if it is up to date."),
    click.option(
        "--per-page",
        type=click.Choice(["3", "6"]),
        default="3",
        show_default=True,
        help="Slides handout: 3 slides with lines for notes, or 6 without.",
    ),
    click.option(
        "--pack-of",
        type=click.Choice(["handout", "guide"]),
        default="handout",
        show_default=True,
        help="Course pack of handouts, or of guides (facilitator binder).",
    ),
    click.option(
        "--region",
        metavar="CODE",
        help="Helplines to print: a country code such as GB, MX or EG, or INTL (default: "
        "[tool.lessonpress.regions] for the language, else the language's country, e.g. en-GB, "
        "else [tool.lessonpress] region; else a box to write the local helpline in).",
    ),
    _LOCALE,
    click.option(
        "--bilingual",
        metavar="TAG",
        help="Also build bilingual handouts: each section in the source language, then in "
        "this translation (OUT/TAG/<lesson>-handout-bilingual.pdf).",
    ),
    *_THEME,
    _QUIET,
    click.option("--verbose", "-v", is_flag=True, help="Print timings and up-to-date outputs too."),
]


def _apply(options: Sequence[Decorator]) -> Decorator:
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


build_options = _apply([_PATHS, *_BUILD])
check_options = _apply([_PATHS, *_THEME, _LOCALE, _QUIET])
theme_options = _apply(_THEME[1:])


def flags_from(options: dict[str, Any]) -> Flags:
    """The flags a command was given, whichever of the build options it takes."""
    formats = tuple(dict.fromkeys(name for value in options.get("formats", ()) for name in value))
    return Flags(
        paths=options.get("paths", ()),
        out_dir=options.get("out_dir", "build"),
        formats=formats,
        paper=options.get("paper"),
        jobs=options.get("jobs"),
        force=options.get("force", False),
        per_page=int(options.get("per_page", 3)),
        pack_of=options.get("pack_of", "handout"),
        region=options.get("region"),
        locales=options.get("locales", ()),
        bilingual=options.get("bilingual"),
        theme=options.get("theme"),
        presets=options.get("presets", ()),
    )

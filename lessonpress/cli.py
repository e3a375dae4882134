"""The command line: parse flags, call the engine, print what it reports, choose the exit code.

Exit codes: 0 all well; 1 a lesson had errors (every other lesson is still built); 2 usage error
(a flag, a path, the project's configuration); 130 interrupted. With no command, or with build
flags or paths first (`python make_pdfs.py --force`), the command is `build`.
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import datetime
import difflib
import os
import shlex
import sys
import threading
import time
from pathlib import Path
from typing import Any

import click

from . import __version__
from .cli_assess import report_command, survey_group
from .cli_common import (
    EXIT_ERRORS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    guard,
    in_project,
    print_problems,
)
from .cli_examples import add_examples
from .cli_i18n import i18n_group
from .cli_options import build_options, check_options, flags_from, theme_options
from .cli_preview import preview_command
from .cli_progress import Printer, paper_notes, rebuild_reporter, summary
from .errors import LessonError
from .settings import Flags, build_date, make_settings
from .starter import AUDIENCES, EXAMPLES


class DefaultToBuild(click.Group):
    """A group whose command defaults to `build`, also when build flags or paths come first."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        args = list(args)
        first = next((i for i, a in enumerate(args) if a != "--traceback"), len(args))
        if first < len(args) and self._is_build_argument(args[first]):
            args.insert(first, "build")
        return super().parse_args(ctx, args)

    def _is_build_argument(self, word: str) -> bool:
        if word in self.commands or word in ("--help", "-h", "--version"):
            return False
        if word.startswith("-") or "/" in word or "." in word or Path(word).exists():
            return True
        return not difflib.get_close_matches(word, list(self.commands), n=1)  # a typo of a command


@click.group(
    cls=DefaultToBuild, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option(
    "--traceback",
    "show_traceback",
    is_flag=True,
    hidden=False,
    help="Show a Python traceback for unexpected errors (for developers).",
)
@click.version_option(__version__, prog_name="lessonpress")
@click.pass_context
def main(ctx: click.Context, show_traceback: bool) -> None:
    """Turn lesson plans written in YAML into print-ready PDFs (and web pages).

    With no command (or with build flags only), builds every lesson in lessons/ into build/.
    """
    ctx.obj = {"traceback": show_traceback}
    if ctx.invoked_subcommand is None:
        ctx.invoke(build_command)


@main.command("build")
@build_options
@click.pass_context
@in_project
def build_command(ctx: click.Context, **options: Any) -> None:
    """Build lessons (files or folders; default lessons/) into PDFs and web pages."""
    from .build import build

    quiet, verbose = options.get("quiet", False), options.get("verbose", False)

    def run() -> int:
        settings, warnings = make_settings(flags_from(options), today=build_date())
        print_problems(warnings, quiet)
        printer = Printer(quiet, verbose)
        started = time.monotonic()
        try:
            result = build(settings, printer)
        finally:
            printer.close()
        print_problems(list(result.problems), quiet)
        if not quiet:
            click.echo(summary(result, time.monotonic() - started), err=not result.ok)
            for note in paper_notes(result, settings.paper):
                click.echo(f"note: {note}", err=True)
        return EXIT_OK if result.ok else EXIT_ERRORS

    ctx.exit(guard(ctx, run))


@main.command("check")
@check_options
@click.pass_context
@in_project
def check_command(ctx: click.Context, **options: Any) -> None:
    """Load and validate lessons (with the build's theme and translations); write nothing."""
    from .lessons import check

    quiet = options.get("quiet", False)

    def run() -> int:
        settings, problems = make_settings(flags_from(options), today=build_date())
        count, found = check(settings.paths, settings.theme, settings.locales)
        problems += found
        print_problems(problems, quiet)
        errors = sum(1 for p in problems if p.is_error)
        if not quiet:
            click.echo(
                f"{count} lesson{'s' * (count != 1)} checked, {errors} error{'s' * (errors != 1)}",
                err=bool(errors),
            )
        return EXIT_ERRORS if errors else EXIT_OK

    ctx.exit(guard(ctx, run))


@main.command("new")
@click.argument("lesson_id")
@click.option(
    "--dir",
    "folder",
    default="lessons",
    show_default=True,
    type=click.Path(),
    help="Folder to create the lesson in.",
)
@click.pass_context
@in_project
def new_command(ctx: click.Context, lesson_id: str, folder: str) -> None:
    """Write a commented lesson skeleton to fill in (never overwrites)."""
    from .skeleton import write_skeleton

    def run() -> int:
        try:
            path = write_skeleton(Path(folder), lesson_id)
        except LessonError as problem:
            click.echo(problem.format(), err=True)
            return EXIT_USAGE if problem.code == "new.bad-id" else EXIT_ERRORS
        click.echo(f"created {path}: fill it in, then run `lessonpress build {path}`")
        return EXIT_OK

    ctx.exit(guard(ctx, run))


@main.command("init")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option(
    "--audience",
    type=click.Choice(AUDIENCES),
    default=None,
    help="Who the example lesson is for (default: teens).",
)
@click.option(
    "--example",
    type=click.Choice(EXAMPLES),
    default=None,
    help="Copy a whole example course instead of one example lesson: the shipped Safe online "
    "curriculum, with its translations and helplines.",
)
@click.pass_context
def init_command(ctx: click.Context, folder: str, audience: str | None, example: str | None) -> None:
    """Start a project in FOLDER (default: here), with an example lesson.

    Writes lessonpress.toml, lessons/ with an example lesson, assets/themes/, a .gitignore, a
    README and lesson.schema.json; never overwrites a file."""
    from .starter import init_project

    if example and audience:
        raise click.UsageError("--audience chooses the example lesson; --example copies a whole course")

    def run() -> int:
        try:
            created = init_project(Path(folder), audience or "teens", example)
        except LessonError as problem:
            click.echo(problem.format(), err=True)
            return EXIT_USAGE
        for path in created.files:
            click.echo(f"created {path}")
        go = "" if Path(folder) == Path() else f"cd {shlex.quote(folder)} && "
        click.echo(f"next: {go}lessonpress build   (then open build/en/)")
        return EXIT_OK

    ctx.exit(guard(ctx, run))


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a lesson file (for editors)."""
    from .schema import schema_json

    click.echo(schema_json(), nl=False)


@main.command("helplines")
@click.option("--region", metavar="CODE", help="Only this region (a country code such as GB, or INTL).")
@click.pass_context
@in_project
def helplines_command(ctx: click.Context, region: str | None) -> None:
    """List the helplines with their sources and verification dates, to re-check before printing."""
    from .helplines import print_table

    def run() -> int:
        lines, problems = print_table(region, datetime.date.fromisoformat(build_date()))
        for line in lines:
            click.echo(line)
        print_problems(problems)
        return EXIT_ERRORS if any(p.is_error for p in problems) else EXIT_OK

    ctx.exit(guard(ctx, run))


@main.command("watch")
@build_options
@click.pass_context
@in_project
def watch_command(ctx: click.Context, **options: Any) -> None:
    """Rebuild what changed every time a lesson, translation or asset is saved (Ctrl-C stops)."""
    from .watch import watch, watched_paths

    quiet, verbose = options.get("quiet", False), options.get("verbose", False)
    printer, on_build = rebuild_reporter(quiet, verbose)

    def run() -> int:
        settings, warnings = make_settings(flags_from(options), today=build_date())
        print_problems(warnings, quiet)
        folders = ", ".join(str(p) for p in watched_paths(settings))
        click.echo(f"watching {folders} (Ctrl-C to stop)")
        watch(settings, printer, on_build)
        click.echo("stopped watching")
        return EXIT_OK

    ctx.exit(guard(ctx, run))


@main.group("themes", invoke_without_command=True)
@click.pass_context
@in_project
def themes_group(ctx: click.Context) -> None:
    """List the themes of this project (assets/themes/*.yaml and the built-in default)."""
    if ctx.invoked_subcommand is None:
        from .themes import PRESETS, available_themes

        for name in available_themes():
            click.echo(name)
        click.echo("presets (combine with any theme): " + ", ".join(f"--{p}" for p in PRESETS))


@themes_group.command("preview")
@click.argument("name")
@click.option("--out", "out_dir", default="build", show_default=True, type=click.Path())
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter", "a5"]),
    default=None,
    help="Paper size (default: paper in lessonpress.toml, else a4).",
)
@theme_options
@click.pass_context
@in_project
def themes_preview(
    ctx: click.Context, name: str, out_dir: str, paper: str | None, presets: tuple[str, ...]
) -> None:
    """Build a one-page specimen of a theme: OUT/themes/NAME-specimen[.PRESET].pdf."""
    from .themes import preview

    def run() -> int:
        flags = Flags(out_dir=out_dir, paper=paper, theme=name, presets=presets)
        settings, warnings = make_settings(flags, lessons=False)
        print_problems(warnings)
        suffix = "".join(f".{p}" for p in settings.theme.presets)
        path = Path(out_dir) / "themes" / f"{name}-specimen{suffix}.pdf"
        preview(settings.theme, settings.paper or "a4", path)
        click.echo(f"wrote {path}")
        return EXIT_OK

    ctx.exit(guard(ctx, run))


main.add_command(i18n_group)
main.add_command(preview_command)
main.add_command(copy.copy(preview_command), "serve")  # its own object: its own help examples
main.add_command(survey_group)
main.add_command(report_command)
add_examples(main)


def run() -> None:
    """The `lessonpress` command (and `python -m lessonpress`, `make_pdfs.py`).

    The process ends at once when the command is done: every file is written, closed and
    recorded by then, and the exit handlers (worker processes, temporary folders, logging) are
    run, but the interpreter's teardown of every module and object is skipped. That teardown
    (ReportLab's and HarfBuzz's modules, the fonts, the caches) was a fifth of the CPU time of a
    one-lesson build, and after a Ctrl-C on a busy machine it took most of a second, which a
    user reads as a hang. While another thread still runs (a preview server), the ordinary exit
    is kept so that it can finish.
    """
    try:
        main()
    except SystemExit as end:
        if end.code == EXIT_INTERRUPTED:
            _end_now(EXIT_INTERRUPTED)
        if threading.active_count() == 1:
            atexit._run_exitfuncs()
            _end_now(_status(end.code))
        raise


def _status(code: object) -> int:
    """The exit status `sys.exit(code)` gives: None is 0, a message is printed and gives 1."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _end_now(status: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader has gone; a stream is closed
            stream.flush()
    os._exit(status)

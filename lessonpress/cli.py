"""The command line: parse flags, call the engine, print what it reports, choose the exit code.

Exit codes: 0 all well; 1 a lesson had errors (every other lesson is still built); 2 usage error
(a flag, a path, the project's configuration); 130 interrupted. With no command, or with build
flags or paths first (`python make_pdfs.py --force`), the command is `build`.
"""

from __future__ import annotations

import datetime
import difflib
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .cli_common import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, guard, print_problems
from .cli_i18n import i18n_group
from .cli_options import build_options, check_options, flags_from, theme_options
from .cli_preview import preview_command
from .errors import LessonError
from .report import BuildStarted, Event, OutputFailed, OutputUpToDate, OutputWritten
from .settings import Flags, build_date, make_settings


class Printer:
    """Shows build events: a progress bar on a terminal, plain lines in a pipe or log."""

    def __init__(self, quiet: bool, verbose: bool) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.bar: Any = None
        self.done = 0

    def emit(self, event: Event) -> None:
        """Show one event."""
        if isinstance(event, BuildStarted):
            if not self.quiet and event.total > 3 and sys.stderr.isatty():
                self.bar = click.progressbar(length=event.total, label="Building", file=sys.stderr)
                self.bar.__enter__()
        elif isinstance(event, OutputWritten | OutputFailed):
            if self.bar is not None:
                self.bar.update(1)
            elif isinstance(event, OutputWritten) and not self.quiet:
                timing = f" ({event.seconds * 1000:.0f} ms)" if self.verbose else ""
                click.echo(f"wrote {event.path}{timing}")
        elif isinstance(event, OutputUpToDate) and self.verbose:
            click.echo(f"up to date: {event.path}")

    def close(self) -> None:
        """Finish the progress bar, if one is showing."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


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
    """Turn lesson plans written in YAML into print-ready PDFs.

    With no command (or with build flags only), builds every lesson in lessons/ into build/.
    """
    ctx.obj = {"traceback": show_traceback}
    if ctx.invoked_subcommand is None:
        ctx.invoke(build_command)


@main.command("build")
@build_options
@click.pass_context
def build_command(ctx: click.Context, **options: Any) -> None:
    """Build lessons (files or folders; default lessons/) into PDFs."""
    from .build import build

    quiet, verbose = options.get("quiet", False), options.get("verbose", False)

    def run() -> int:
        settings, warnings = make_settings(flags_from(options), today=build_date())
        print_problems(warnings, quiet)
        printer = Printer(quiet, verbose)
        try:
            result = build(settings, printer)
        finally:
            printer.close()
        print_problems(list(result.problems), quiet)
        if not quiet:
            click.echo(_summary(result), err=not result.ok)
        return EXIT_OK if result.ok else EXIT_ERRORS

    ctx.exit(guard(ctx, run))


def _summary(result) -> str:  # noqa: ANN001
    errors = sum(1 for p in result.problems if p.is_error)
    warnings = len(result.problems) - errors
    text = f"{len(result.written)} PDF{'s' * (len(result.written) != 1)} written"
    if result.up_to_date:
        text += f", {len(result.up_to_date)} up to date"
    text += f" from {result.lessons} lesson{'s' * (result.lessons != 1)}"
    if errors or warnings:
        text += f"; {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    return text


@main.command("check")
@check_options
@click.pass_context
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


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a lesson file (for editors)."""
    from .schema import schema_json

    click.echo(schema_json(), nl=False)


@main.command("helplines")
@click.option("--region", metavar="CODE", help="Only this region (a country code such as GB, or INTL).")
@click.pass_context
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
def watch_command(ctx: click.Context, **options: Any) -> None:
    """Rebuild what changed every time a lesson, translation or asset is saved (Ctrl-C stops)."""
    from .watch import watch, watched_paths

    quiet, verbose = options.get("quiet", False), options.get("verbose", False)

    def on_build(result) -> None:  # noqa: ANN001
        print_problems(list(result.problems), quiet)
        click.echo(_summary(result), err=not result.ok)

    def run() -> int:
        settings, warnings = make_settings(flags_from(options), today=build_date())
        print_problems(warnings, quiet)
        folders = ", ".join(str(p) for p in watched_paths(settings))
        click.echo(f"watching {folders} (Ctrl-C to stop)")
        watch(settings, Printer(quiet, verbose), on_build)
        click.echo("stopped watching")
        return EXIT_OK

    ctx.exit(guard(ctx, run))


@main.group("themes", invoke_without_command=True)
@click.pass_context
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
    help="Paper size (default: [tool.lessonpress] paper, else a4).",
)
@theme_options
@click.pass_context
def themes_preview(
    ctx: click.Context, name: str, out_dir: str, paper: str | None, presets: tuple[str, ...]
) -> None:
    """Build a one-page specimen of a theme: OUT/themes/NAME-specimen.pdf."""
    from .themes import preview

    def run() -> int:
        flags = Flags(out_dir=out_dir, paper=paper, theme=name, presets=presets)
        settings, warnings = make_settings(flags, lessons=False)
        print_problems(warnings)
        path = Path(out_dir) / "themes" / f"{name}-specimen.pdf"
        preview(settings.theme, settings.paper or "a4", path)
        click.echo(f"wrote {path}")
        return EXIT_OK

    ctx.exit(guard(ctx, run))


main.add_command(i18n_group)
main.add_command(preview_command)
main.add_command(preview_command, "serve")

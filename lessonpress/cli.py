"""The command line: parse flags, call the engine, print what it reports, choose the exit code.

Exit codes: 0 all well; 1 a lesson had errors (every other lesson is still built); 2 usage error.
"""

from __future__ import annotations

import datetime
import os
import sys
import traceback as tb
from pathlib import Path

import click

from . import __version__
from .config import project_defaults
from .errors import LessonError
from .formats import format_names
from .report import BuildStarted, Event, OutputFailed, OutputUpToDate, OutputWritten

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


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


def chosen_formats(values: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """Formats from repeated and comma-separated `--format` values (all when none is given)."""
    names = [name for value in values for name in value]
    return tuple(dict.fromkeys(names)) or format_names()


class Printer:
    """Shows build events: a progress bar on a terminal, plain lines in a pipe or log."""

    def __init__(self, quiet: bool, verbose: bool) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.bar = None
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


def print_problems(problems: list[LessonError], quiet: bool = False) -> None:
    """Each problem on its own line on stderr (warnings hidden by --quiet)."""
    for problem in problems:
        if problem.is_error or not quiet:
            click.echo(problem.format(), err=True)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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

    With no command, builds every lesson in lessons/ into build/.
    """
    ctx.obj = {"traceback": show_traceback}
    if ctx.invoked_subcommand is None:
        ctx.invoke(build_command)


def _guard(ctx: click.Context, action) -> int:  # noqa: ANN001
    """Run an engine call; an unexpected exception becomes one clear line, not a traceback."""
    try:
        return action()
    except LessonError as problem:
        click.echo(problem.format(), err=True)
        return EXIT_ERRORS
    except BrokenPipeError:  # `lessonpress i18n status | head`: the reader has gone
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        click.echo("interrupted; files already written are complete, the rest were not touched", err=True)
        return 130
    except Exception as exc:
        if (ctx.obj or {}).get("traceback"):
            click.echo(tb.format_exc(), err=True)
        click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("    hint: this is a bug in lessonpress; run with --traceback and report it", err=True)
        return EXIT_ERRORS


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--out",
    "out_dir",
    default="build",
    show_default=True,
    type=click.Path(),
    help="Folder for the PDFs: OUT/<language>/<lesson>-<format>.pdf.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=FormatList(),
    help="Output format (repeat, or separate with commas; default: all).",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter", "a5"]),
    default=None,
    help="Paper size of portrait outputs (default: from the language's region, e.g. "
    "Letter for en-US, A4 for en or en-GB; a5 for booklets).",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: one per CPU)."
)
@click.option("--force", is_flag=True, help="Rebuild every output even if it is up to date.")
@click.option(
    "--per-page",
    type=click.Choice(["3", "6"]),
    default="3",
    show_default=True,
    help="Slides handout: 3 slides with lines for notes, or 6 without.",
)
@click.option(
    "--pack-of",
    type=click.Choice(["handout", "guide"]),
    default="handout",
    show_default=True,
    help="Course pack of handouts, or of guides (facilitator binder).",
)
@click.option(
    "--region",
    metavar="CODE",
    help="Helplines to print: US, GB, CA, AU, IN or INTL (default: from each lesson's "
    "language, e.g. en-GB; else the international services).",
)
@click.option(
    "--locale",
    "locales",
    multiple=True,
    metavar="TAG",
    help="Only these translations (repeatable; default: every translation found).",
)
@click.option(
    "--bilingual",
    metavar="TAG",
    help="Also build bilingual handouts: each section in the source language, then in "
    "this translation (OUT/TAG/<lesson>-handout-bilingual.pdf).",
)
@click.option(
    "--theme",
    metavar="NAME",
    help="Theme from assets/themes/NAME.yaml (default: [tool.lessonpress] theme, or the built-in one).",
)
@click.option(
    "--large-print",
    "presets",
    flag_value="large-print",
    multiple=True,
    help="Body text at least 18 pt, wider margins (file name gets .large-print).",
)
@click.option(
    "--dyslexia-friendly",
    "presets",
    flag_value="dyslexia-friendly",
    multiple=True,
    help="A font made for readability, more line spacing, no italics.",
)
@click.option(
    "--high-contrast",
    "presets",
    flag_value="high-contrast",
    multiple=True,
    help="Pure black on white, no tinted boxes, thicker rules.",
)
@click.option(
    "--ink-saver",
    "presets",
    flag_value="ink-saver",
    multiple=True,
    help="No filled backgrounds, greyscale: for cheap printing.",
)
@click.option(
    "--untagged",
    is_flag=True,
    help="Leave out the structure tags screen readers use (PDF/UA): smaller, slightly faster files.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--verbose", "-v", is_flag=True, help="Print timings and up-to-date outputs too.")
@click.pass_context
def build_command(
    ctx: click.Context,
    paths: tuple[str, ...],
    out_dir: str,
    formats: tuple[tuple[str, ...], ...],
    paper: str | None,
    jobs: int | None,
    force: bool,
    per_page: str,
    pack_of: str,
    region: str | None,
    locales: tuple[str, ...],
    bilingual: str | None,
    theme: str | None,
    presets: tuple[str, ...],
    untagged: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Build lessons (files or folders; default lessons/) into PDFs."""
    from .build import BuildSettings, build

    out = Path(out_dir)
    for given in paths:
        if Path(given).is_file() and Path(given).resolve() == out.resolve():
            raise click.UsageError(f"--out {out_dir} is the lesson file itself")
    if out.exists() and not out.is_dir():
        raise click.UsageError(f"--out {out_dir} is a file, not a folder")
    wanted = tuple(_locale(x) for x in locales) or None
    pair = _locale(bilingual)
    if pair and wanted and pair not in wanted:
        wanted = (*wanted, pair)

    def run() -> int:
        defaults, problems = project_defaults()
        chosen = resolve_theme(theme or defaults.theme, presets, problems)
        print_problems(problems)
        if chosen is None:
            return EXIT_ERRORS
        settings = BuildSettings(
            paths=paths,
            out_dir=out,
            formats=chosen_formats(formats),
            paper=paper or defaults.paper,
            jobs=jobs or 0,
            force=force,
            per_page=int(per_page),
            pack_of=pack_of,
            today=build_date(),
            region=region or defaults.region,
            locales=wanted,
            bilingual=pair,
            theme=chosen,
            tagged=not untagged,
        )
        printer = Printer(quiet, verbose)
        try:
            result = build(settings, printer)
        finally:
            printer.close()
        print_problems(list(result.problems), quiet)
        if not quiet:
            click.echo(_summary(result), err=not result.ok)
        return EXIT_OK if result.ok else EXIT_ERRORS

    ctx.exit(_guard(ctx, run))


def resolve_theme(name: str | None, presets: tuple[str, ...], problems: list) -> object | None:
    """The theme to build with (presets applied), or None when it has errors (in `problems`)."""
    from .theme import DEFAULT_THEME

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
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.pass_context
def check_command(ctx: click.Context, paths: tuple[str, ...], quiet: bool) -> None:
    """Load and validate lessons; write nothing."""
    from .lessons import check

    def run() -> int:
        count, problems = check(paths)
        print_problems(problems, quiet)
        errors = sum(1 for p in problems if p.is_error)
        if not quiet:
            click.echo(
                f"{count} lesson{'s' * (count != 1)} checked, {errors} error{'s' * (errors != 1)}",
                err=bool(errors),
            )
        return EXIT_ERRORS if errors else EXIT_OK

    ctx.exit(_guard(ctx, run))


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
        path = write_skeleton(Path(folder), lesson_id)
        click.echo(f"created {path}: fill it in, then run `lessonpress build {path}`")
        return EXIT_OK

    ctx.exit(_guard(ctx, run))


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a lesson file (for editors)."""
    from .schema import schema_json

    click.echo(schema_json(), nl=False)


@main.command("helplines")
@click.option("--region", metavar="CODE", help="Only this region (US, GB, CA, AU, IN, INTL).")
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

    ctx.exit(_guard(ctx, run))


def _locale(value: str | None) -> str | None:
    """A --locale value checked as a BCP 47 tag (usage error otherwise)."""
    from .languages import normalise_language

    if value is None:
        return None
    tag = normalise_language(value)
    if tag is None:
        raise click.BadParameter(
            f"'{value}' is not a language tag such as es, ar or pt-BR", param_hint="--locale"
        )
    return tag


def _outcome(outcome, verb: str) -> int:  # noqa: ANN001
    for path in outcome.written:
        click.echo(f"{verb} {path}")
    print_problems(list(outcome.problems))
    return EXIT_ERRORS if any(p.is_error for p in outcome.problems) else EXIT_OK


@main.command("watch")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--out", "out_dir", default="build", show_default=True, type=click.Path())
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=FormatList(),
    help="Output format (repeat, or separate with commas; default: all).",
)
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None)
@click.option("--region", metavar="CODE", help="Helplines to print (see build --help).")
@click.pass_context
def watch_command(
    ctx: click.Context,
    paths: tuple[str, ...],
    out_dir: str,
    formats: tuple[tuple[str, ...], ...],
    paper: str | None,
    region: str | None,
) -> None:
    """Rebuild what changed every time a lesson, translation or asset is saved (Ctrl-C stops)."""
    from .build import BuildSettings
    from .watch import watch, watched_paths

    settings = BuildSettings(
        paths=paths,
        out_dir=Path(out_dir),
        formats=chosen_formats(formats),
        paper=paper,
        today=build_date(),
        region=region,
    )

    def on_build(result) -> None:  # noqa: ANN001
        print_problems(list(result.problems))
        click.echo(_summary(result), err=not result.ok)

    def run() -> int:
        folders = ", ".join(str(p) for p in watched_paths(settings))
        click.echo(f"watching {folders} (Ctrl-C to stop)")
        watch(settings, Printer(quiet=False, verbose=False), on_build)
        click.echo("stopped watching")
        return EXIT_OK

    ctx.exit(_guard(ctx, run))


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
@click.option("--paper", type=click.Choice(["a4", "letter", "a5"]), default="a4", show_default=True)
@click.pass_context
def themes_preview(ctx: click.Context, name: str, out_dir: str, paper: str) -> None:
    """Build a one-page specimen of a theme: OUT/themes/NAME-specimen.pdf."""
    from .themes import preview

    def run() -> int:
        problems: list = []
        theme = resolve_theme(name, (), problems)
        print_problems(problems)
        if theme is None:
            return EXIT_ERRORS
        path = Path(out_dir) / "themes" / f"{name}-specimen.pdf"
        preview(theme, paper, path)
        click.echo(f"wrote {path}")
        return EXIT_OK

    ctx.exit(_guard(ctx, run))


def _register_groups() -> None:
    """Command groups that live in their own modules (kept apart so each file stays small)."""
    from .cli_i18n import i18n_group

    main.add_command(i18n_group)


_register_groups()

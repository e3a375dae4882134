"""Command line for evaluation: `survey template` (the data-entry file) and `report` (the report
of a responses file). Each command turns flags into settings, calls `reporting`, prints."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_common import EXIT_ERRORS, EXIT_OK, guard, locale_tag, print_problems
from .cli_options import flags_from, theme_options

_COURSE = click.option(
    "--lessons",
    "lessons_dir",
    default="lessons",
    show_default=True,
    type=click.Path(),
    help="The course folder (its curriculum.yaml has the survey).",
)
_OUT = click.option(
    "--out", "out_dir", default="build", show_default=True, type=click.Path(), help="Output folder."
)
_LOCALE = click.option(
    "--locale", metavar="TAG", help="A translation of the course (default: its own language)."
)
_PAPER = click.option(
    "--paper", type=click.Choice(["a4", "letter"]), default=None, help="Paper of the report."
)


@click.group("survey")
def survey_group() -> None:
    """The course's pre/post survey (print the forms with `build --format survey`)."""


@survey_group.command("template")
@_COURSE
@_OUT
@_LOCALE
@click.pass_context
def template_command(ctx: click.Context, lessons_dir: str, out_dir: str, locale: str | None) -> None:
    """Write OUT/<language>/survey-responses.csv (one row per form: type each form's answers in)
    and survey-codebook.csv (what each column holds)."""
    from .reporting import write_template
    from .settings import make_settings

    tag = locale_tag(locale)

    def run() -> int:
        flags = flags_from({"paths": (lessons_dir,), "out_dir": out_dir})
        settings, problems = make_settings(flags)
        outcome = write_template(settings, tag)
        for path in outcome.written:
            click.echo(f"wrote {path}")
        print_problems(problems + list(outcome.problems))
        return EXIT_ERRORS if any(p.is_error for p in outcome.problems) or not outcome.written else EXIT_OK

    ctx.exit(guard(ctx, run))


@click.command("report")
@click.argument("responses", type=click.Path())
@_COURSE
@_OUT
@_LOCALE
@_PAPER
@theme_options
@click.pass_context
def report_command(
    ctx: click.Context, responses: str, lessons_dir: str, out_dir: str, locale: str | None, **options: object
) -> None:
    """Check a survey's responses file and write its report: OUT/<language>/survey-report.pdf
    and survey-report.json. Rows with errors are named by line and left out; groups of fewer
    than 5 respondents are not shown."""
    from .reporting import make_report
    from .settings import build_date, make_settings

    tag = locale_tag(locale)

    def run() -> int:
        flags = flags_from({**options, "paths": (lessons_dir,), "out_dir": out_dir})
        settings, problems = make_settings(flags)
        outcome, summary = make_report(Path(responses), responses, settings, tag, build_date())
        for path in outcome.written:
            click.echo(f"wrote {path}")
        print_problems(problems + list(outcome.problems))
        if summary is not None:
            rows = summary["rows"]
            click.echo(
                f"forms used: {rows['used']}; rows left out for errors: {rows['invalid']}; "
                f"forms without consent: {rows['without_consent']}",
                err=True,
            )
        return EXIT_ERRORS if any(p.is_error for p in outcome.problems) or not outcome.written else EXIT_OK

    ctx.exit(guard(ctx, run))

"""What every command of the command line shares: exit codes, printing problems, turning
exceptions into messages, and checking a language tag. `cli.py` and `cli_i18n.py` both import
it; neither imports the other's helpers."""

from __future__ import annotations

import functools
import os
import sys
import traceback as tb
from collections.abc import Callable
from pathlib import Path
from typing import Any, overload

import click

from .errors import LessonError

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def print_problems(problems: list[LessonError], quiet: bool = False) -> None:
    """Each problem on its own line on stderr (warnings hidden by --quiet)."""
    for problem in problems:
        if problem.is_error or not quiet:
            click.echo(problem.format(), err=True)


# Parameters that hold a path the user typed (relative to where the command was run).
_PATH_PARAMETERS = ("paths", "out_dir", "folder", "out", "catalog")
_DEFAULTS = (None, click.ParameterSource.DEFAULT, click.ParameterSource.DEFAULT_MAP)


def in_project(command: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command from its project's root: the nearest folder at or above the current one
    that holds lessonpress.toml (as git finds .git). Paths typed on the command line are
    rebased onto the root, so `lessonpress build my-lesson.yaml` works from inside lessons/ and
    defaults such as lessons/ and build/ are the project's. Outside a project, nothing moves."""
    from .config import find_root

    @functools.wraps(command)
    def run_in_root(*args: Any, **kwargs: Any) -> Any:
        try:
            start = Path.cwd()
        except OSError:  # the current folder was deleted
            return command(*args, **kwargs)
        root = find_root(start)
        if root is None or root == start:
            return command(*args, **kwargs)
        ctx = click.get_current_context()
        for name in _PATH_PARAMETERS:
            given = ctx.get_parameter_source(name) not in _DEFAULTS
            if kwargs.get(name) and given:
                kwargs[name] = _rebased(kwargs[name], start, root)
        os.chdir(root)
        try:
            return command(*args, **kwargs)
        finally:
            os.chdir(start)

    return run_in_root


def _rebased(value: str | tuple[str, ...], start: Path, root: Path) -> Any:
    """A path typed in `start`, as seen from `root` (absolute paths are kept)."""
    if isinstance(value, tuple):
        return tuple(_rebased(v, start, root) for v in value)
    if os.path.isabs(value):
        return value
    return os.path.relpath(os.path.join(start, value), root)


def guard(ctx: click.Context, action: Callable[[], int]) -> int:
    """Run an engine call; an unexpected exception becomes one clear line, not a traceback."""
    from .settings import SettingsError

    try:
        return action()
    except SettingsError as error:
        print_problems(error.problems)
        return EXIT_USAGE
    except LessonError as problem:
        click.echo(problem.format(), err=True)
        return EXIT_ERRORS
    except BrokenPipeError:  # `lessonpress i18n status | head`: the reader has gone
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        click.echo("interrupted; files already written are complete, the rest were not touched", err=True)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if (ctx.obj or {}).get("traceback"):
            click.echo(tb.format_exc(), err=True)
        click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("    hint: this is a bug in lessonpress; run with --traceback and report it", err=True)
        return EXIT_ERRORS


@overload
def locale_tag(value: str, flag: str = ...) -> str: ...
@overload
def locale_tag(value: None, flag: str = ...) -> None: ...
def locale_tag(value: str | None, flag: str = "--locale") -> str | None:
    """A language-tag option checked as BCP 47 (a usage error otherwise)."""
    from .languages import normalise_language

    if value is None:
        return None
    tag = normalise_language(value)
    if tag is None:
        raise click.BadParameter(f"'{value}' is not a language tag such as es, ar or pt-BR", param_hint=flag)
    return tag


def outcome_code(outcome, verb: str) -> int:  # noqa: ANN001 - an i18n workflow Outcome
    """Print the files an i18n command wrote and its problems; the exit code."""
    for path in outcome.written:
        click.echo(f"{verb} {path}")
    print_problems(list(outcome.problems))
    return EXIT_ERRORS if any(p.is_error for p in outcome.problems) else EXIT_OK

"""How a build looks on the command line: a progress bar with counts on a terminal, one line
per file with --verbose, a one-line summary at the end, and watch mode's timestamped lines.

The engine only emits events (report.py); everything a person sees of a build is decided here.
"""

from __future__ import annotations

import datetime
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import click

from .errors import LessonError
from .report import BuildStarted, Event, LessonChecked, OutputFailed, OutputUpToDate, OutputWritten


class Printer:
    """Shows build events: on a terminal a count of lessons read and then a progress bar of the
    outputs; with `verbose`, one line per file instead (on a terminal or not)."""

    def __init__(self, quiet: bool, verbose: bool, bar: bool = True) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.live = bar and not quiet and not verbose and sys.stderr.isatty()
        self.bar: Any = None
        self.read = 0
        self.started: float | None = None

    def emit(self, event: Event) -> None:
        """Show one event."""
        if self.started is None:
            self.started = time.monotonic()
        if isinstance(event, LessonChecked) and self.live:
            self.read += 1
            click.echo(f"\rReading lessons: {self.read}", nl=False, err=True)
        elif isinstance(event, BuildStarted):
            self._clear_line()
            if self.live and event.total > 1:
                self.bar = click.progressbar(
                    length=event.total, label="Building", file=sys.stderr, show_pos=True, show_eta=False
                )
                self.bar.__enter__()
        elif isinstance(event, OutputWritten | OutputFailed):
            if self.bar is not None:
                self.bar.update(1)
            elif isinstance(event, OutputWritten) and self.verbose:
                click.echo(f"wrote {event.path} ({event.seconds * 1000:.0f} ms)")
        elif isinstance(event, OutputUpToDate) and self.verbose:
            click.echo(f"up to date: {event.path}")

    def lap(self) -> float:
        """Seconds since the first event of this build (watch mode: the next event starts the
        next build's clock)."""
        seconds = time.monotonic() - self.started if self.started is not None else 0.0
        self.started = None
        return seconds

    def close(self) -> None:
        """Take the progress bar (or the count of lessons read) off the screen."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        self._clear_line()

    def _clear_line(self) -> None:
        if self.read:
            click.echo("\r\033[K", nl=False, err=True)
            self.read = 0


def plural(count: int, word: str) -> str:
    """`1 PDF`, `2 PDFs`."""
    return f"{count} {word}{'s' * (count != 1)}"


KINDS = {".pdf": "PDF", ".html": "HTML file"}  # how the summary names a file by its suffix


def files_written(written: tuple[Path, ...], up_to_date: tuple[Path, ...] = ()) -> str:
    """`104 PDFs written`; with web pages, `98 PDFs and 6 HTML files written`; when nothing was
    written, the kind of the files that are up to date (`0 PDFs written`, or `0 files written`
    when they are of more than one kind)."""
    kinds = Counter(KINDS.get(path.suffix.lower(), "file") for path in written)
    if not kinds:
        every = {KINDS.get(path.suffix.lower(), "file") for path in up_to_date} or {"PDF"}
        return f"0 {every.pop() if len(every) == 1 else 'file'}s written"
    parts = [plural(kinds[kind], kind) for kind in (*KINDS.values(), "file") if kinds[kind]]
    return " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts) + " written"


def summary(result, seconds: float) -> str:  # noqa: ANN001 - a build.BuildResult
    """One line: `104 PDFs written from 15 lessons in 3.8 s; 2 warnings`."""
    errors = sum(1 for p in result.problems if p.is_error)
    warnings = len(result.problems) - errors
    text = files_written(tuple(map(Path, result.written)), tuple(map(Path, result.up_to_date)))
    if result.up_to_date:
        text += f", {len(result.up_to_date)} up to date"
    text += f" from {plural(result.lessons, 'lesson')} in {seconds:.1f} s"
    counts = [plural(n, w) for n, w in ((errors, "error"), (warnings, "warning")) if n]
    return text + ("; " + ", ".join(counts) if counts else "")


def paper_notes(result, paper: str | None) -> list[str]:  # noqa: ANN001 - a build.BuildResult
    """A note per language of the PDFs just written whose paper size came from a tag without a
    country (`en`: A4, where a US teacher wants Letter); none when the paper was chosen."""
    from .scripts import paper_hint

    if paper:
        return []
    return [hint for language in result.languages if (hint := paper_hint(language))]


class WatchLog:
    """Watch mode's output: a timestamped line per rebuild; errors every time, and a warning
    only when the previous build did not have it (so a save does not repeat every warning)."""

    def __init__(self, quiet: bool, clock=datetime.datetime.now) -> None:  # noqa: ANN001
        self.quiet = quiet
        self.clock = clock
        self.previous: set[LessonError] = set()

    def shown(self, problems: tuple[LessonError, ...]) -> list[LessonError]:
        """The problems worth printing after this rebuild."""
        new = [p for p in problems if p.is_error or (not self.quiet and p not in self.previous)]
        self.previous = {p for p in problems if not p.is_error}
        return new

    def line(self, result, seconds: float) -> str:  # noqa: ANN001 - a build.BuildResult
        """`[14:03:12] 1 PDF written, 5 up to date from 2 lessons in 0.4 s`."""
        return f"[{self.clock().strftime('%H:%M:%S')}] {summary(result, seconds)}"


def rebuild_reporter(quiet: bool, verbose: bool) -> tuple[Printer, Any]:
    """The printer and the after-each-build callback of `watch` and `preview`: one timestamped
    line per rebuild, and only the problems the previous build did not have."""
    from .cli_common import print_problems

    log = WatchLog(quiet)
    printer = Printer(quiet, verbose, bar=False)

    def on_build(result) -> None:  # noqa: ANN001 - a build.BuildResult
        print_problems(log.shown(result.problems))
        click.echo(log.line(result, printer.lap()), err=not result.ok)

    return printer, on_build

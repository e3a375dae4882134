"""Turn lesson files into PDFs: the whole pipeline, readable top to bottom in `build()`.

discover -> load -> validate -> preflight -> plan -> (layout -> render -> write) per output.
The last three run per job, in this process for `--jobs 1` or in a pool of worker processes,
through the same `run_job` function, so both give the same bytes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LessonError, SourceLocation, has_errors, sorted_problems
from .formats import format_names
from .labels import labels_for
from .model import Lesson
from .project import LessonFile, find_lessons, output_path
from .report import BuildStarted, Collector, LessonChecked, OutputFailed, OutputWritten, Reporter
from .theme import DEFAULT_THEME, Theme
from .validate import validate_lesson
from .yamlio import load_yaml


@dataclass(frozen=True)
class BuildSettings:
    """What to build and how; every command-line flag of `build` has a field here."""

    paths: tuple[str, ...] = ()
    out_dir: Path = Path("build")
    formats: tuple[str, ...] = ("handout",)
    paper: str = "a4"
    jobs: int = 0                    # 0: one per CPU
    force: bool = False
    theme: Theme = DEFAULT_THEME


@dataclass(frozen=True)
class Job:
    """One output to make: a lesson in one format."""

    lesson: Lesson
    format: str
    output: Path
    paper: str
    theme: Theme


@dataclass(frozen=True)
class JobResult:
    """What became of a job."""

    output: Path
    problems: tuple[LessonError, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when the PDF was written."""
        return not has_errors(self.problems)


@dataclass(frozen=True)
class BuildResult:
    """The outcome of a build: lessons seen, files written, every problem found."""

    lessons: int
    written: tuple[Path, ...]
    failed: tuple[Path, ...]
    problems: tuple[LessonError, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """True when there was no error (warnings allowed)."""
        return not has_errors(self.problems)


def build(settings: BuildSettings, reporter: Reporter | None = None) -> BuildResult:
    """Build every lesson in `settings.paths` into every requested format."""
    reporter = reporter or Collector()
    # Discover, load and check every lesson first: all problems of all files in one run.
    files, problems = find_lessons(settings.paths)
    lessons: list[Lesson] = []
    for file in files:
        lesson, found = check_lesson(file, settings.theme)
        problems += found
        reporter.emit(LessonChecked(file.shown, lesson is not None))
        if lesson is not None:
            lessons.append(lesson)
    # Plan: one job per lesson and format, each with its output path.
    jobs = plan(lessons, settings)
    reporter.emit(BuildStarted(len(jobs)))
    # Lay out, render and write, in this process or in workers.
    written, failed = [], []
    for result in run_jobs(jobs, settings.jobs):
        problems += result.problems
        if result.ok:
            written.append(result.output)
            reporter.emit(OutputWritten(str(result.output), result.seconds))
        else:
            failed.append(result.output)
            reporter.emit(OutputFailed(str(result.output), result.problems))
    return BuildResult(len(files), tuple(written), tuple(failed),
                       tuple(sorted_problems(problems)))


def check_lesson(file: LessonFile, theme: Theme = DEFAULT_THEME
                 ) -> tuple[Lesson | None, list[LessonError]]:
    """Load, validate and preflight one lesson file; the lesson is None when it has errors."""
    try:
        raw = file.path.read_bytes()
    except OSError as exc:
        return None, [LessonError(f"cannot read the file: {exc.strerror or exc}",
                                  code="input.unreadable", location=SourceLocation(file.shown))]
    try:
        document = load_yaml(raw, file.shown)
    except LessonError as problem:
        return None, [problem]
    lesson, problems = validate_lesson(document, file.lesson_id)
    if lesson is not None:
        from .layout.preflight import check_glyphs  # imports ReportLab: only for valid lessons

        problems += check_glyphs(lesson, theme)
    if has_errors(problems):
        return None, problems
    return lesson, problems


def check(paths: tuple[str, ...], theme: Theme = DEFAULT_THEME
          ) -> tuple[int, list[LessonError]]:
    """Load and validate lessons without writing anything; returns (files seen, problems)."""
    files, problems = find_lessons(paths)
    for file in files:
        problems += check_lesson(file, theme)[1]
    return len(files), sorted_problems(problems)


def plan(lessons: Iterable[Lesson], settings: BuildSettings) -> list[Job]:
    """One job per lesson and format, in a stable order."""
    formats = [f for f in format_names() if f in settings.formats]
    return [
        Job(lesson, fmt, output_path(settings.out_dir, lesson.language, lesson.lesson_id, fmt),
            settings.paper, settings.theme)
        for lesson in lessons
        for fmt in formats
    ]


def run_jobs(jobs: list[Job], workers: int) -> Iterator[JobResult]:
    """Run jobs serially (`workers == 1`, or one job) or in a process pool, in job order."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) <= 1:
        yield from map(run_job, jobs)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        yield from pool.map(run_job, jobs)


def run_job(job: Job) -> JobResult:
    """Lay out, render and atomically write one output; never raises for a lesson problem."""
    from .formats import get_format
    from .layout.base import LayoutContext
    from .output import write_atomic
    from .render import render

    start = time.perf_counter()
    try:
        context = LayoutContext(job.paper, job.theme, labels_for(job.lesson.language))
        data = render(get_format(job.format).layout(job.lesson, context))
        write_atomic(job.output, data)
    except LessonError as problem:
        return JobResult(job.output, (problem,))
    except Exception as exc:  # a bug in lessonpress: report it for this output, build the rest
        return JobResult(job.output, (LessonError(
            f"could not make the {job.format}: {type(exc).__name__}: {exc}",
            code="internal.error", location=job.lesson.title.location,
            hint="this is a bug in lessonpress; please report it with the lesson file"),))
    return JobResult(job.output, (), time.perf_counter() - start)

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
from .formats import COURSE_FORMATS, format_names
from .helplines import RegionHelplines, select
from .labels import catalog_for, labels_for
from .lessons import check_lesson_and_translations, helplines_for, load_course
from .model import Course, HelplineBook, Lesson
from .project import find_lessons, output_path
from .report import BuildStarted, Collector, LessonChecked, OutputFailed, OutputWritten, Reporter
from .scripts import paper_for
from .theme import DEFAULT_THEME, Theme


@dataclass(frozen=True)
class BuildSettings:
    """What to build and how; every command-line flag of `build` has a field here."""

    paths: tuple[str, ...] = ()
    out_dir: Path = Path("build")
    formats: tuple[str, ...] = ("handout",)
    paper: str | None = None         # None: from each lesson's language region (Letter in the US)
    jobs: int = 0                    # 0: one per CPU
    force: bool = False
    theme: Theme = DEFAULT_THEME
    per_page: int = 3                # slides-handout: 3 with lines, or 6
    pack_of: str = "handout"         # pack: handouts, or guides for a facilitator binder
    today: str | None = None         # ISO date printed on covers (the CLI passes the date)
    region: str | None = None        # helplines to print; None: from each lesson's language
    locales: tuple[str, ...] | None = None   # translations to build; None: every one found


@dataclass(frozen=True)
class Job:
    """One output to make: a lesson (or, for a course format, all lessons of a language)."""

    lessons: tuple[Lesson, ...]
    format: str
    output: Path
    settings: BuildSettings
    course: Course | None = None
    helplines: RegionHelplines | None = None

    @property
    def language(self) -> str:
        """The language of the output."""
        return self.lessons[0].language


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
        checked = check_lesson_and_translations(file, settings.theme, settings.locales)
        problems += checked.problems
        lessons += checked.lessons
        for shown, ok in checked.files:
            reporter.emit(LessonChecked(shown, ok))
    course, found = load_course(settings.paths, {f.lesson_id for f in files})
    problems += found
    book, found = helplines_for(settings.paths, settings.region, settings.today, lessons)
    problems += found
    # Plan: one job per lesson and format, each with its output path.
    jobs = plan(lessons, settings, course, book)
    problems += label_warnings({job.language for job in jobs})
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


def label_warnings(languages: Iterable[str]) -> list[LessonError]:
    """One warning per language whose interface labels (headings, footers) print in English."""
    out = []
    for language in sorted(languages):
        catalog = catalog_for(language)
        missing = catalog.missing
        if missing is None:
            out.append(LessonError(
                f"no interface translation for '{language}': headings and labels print in English",
                code="i18n.labels", severity="warning",
                hint=f"start one with `lessonpress i18n labels --locale {language}`"))
        elif missing:
            out.append(LessonError(
                f"{len(missing)} interface label{'s' * (len(missing) != 1)} for '{language}' print in "
                f"English: {', '.join(missing[:5])}" + (" ..." if len(missing) > 5 else ""),
                code="i18n.labels", severity="warning",
                location=SourceLocation(str(catalog.path))))
    return out


def plan(lessons: list[Lesson], settings: BuildSettings, course: Course | None = None,
         book: HelplineBook | None = None) -> list[Job]:
    """One job per lesson and lesson format, then one per language for each course format."""
    formats = [f for f in format_names() if f in settings.formats]
    jobs = [
        Job((lesson,), fmt, output_path(settings.out_dir, lesson.language, lesson.lesson_id, fmt),
            settings, helplines=select(book, lesson.language, settings.region))
        for lesson in lessons
        for fmt in formats if fmt not in COURSE_FORMATS
    ]
    for fmt in (f for f in formats if f in COURSE_FORMATS):
        for language, group in by_language(lessons).items():
            ordered = tuple(course_order(group, course))
            name = COURSE_FORMATS[fmt] + ("" if settings.pack_of == "handout" else "-guides")
            jobs.append(Job(ordered, fmt, settings.out_dir / language / f"{name}.pdf", settings,
                            course, select(book, language, settings.region)))
    return jobs


def by_language(lessons: Iterable[Lesson]) -> dict[str, list[Lesson]]:
    """Lessons grouped by language, languages in sorted order."""
    groups: dict[str, list[Lesson]] = {}
    for lesson in lessons:
        groups.setdefault(lesson.language, []).append(lesson)
    return dict(sorted(groups.items()))


def course_order(lessons: list[Lesson], course: Course | None) -> list[Lesson]:
    """Lessons in the course's order; lessons it does not name follow, by file name."""
    if course is None:
        return sorted(lessons, key=lambda lesson: lesson.lesson_id)
    rank = {lesson_id: i for i, lesson_id in enumerate(course.lesson_ids())}
    return sorted(lessons, key=lambda lesson: (rank.get(lesson.lesson_id, len(rank)),
                                               lesson.lesson_id))


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
    from .layout.fonts import fonts_for
    from .output import write_atomic
    from .render import render

    start = time.perf_counter()
    settings = job.settings
    try:
        context = LayoutContext(settings.paper or paper_for(job.language),
                                fonts_for(job.lessons, settings.theme),
                                labels_for(job.language),
                                per_page=settings.per_page, pack_of=settings.pack_of,
                                today=settings.today, helplines=job.helplines)
        fmt = get_format(job.format)
        if fmt.scope == "course":
            spec = fmt.layout_course(job.lessons, job.course, context)
        else:
            spec = fmt.layout(job.lessons[0], context)
        write_atomic(job.output, render(spec))
    except LessonError as problem:
        return JobResult(job.output, (problem,))
    except Exception as exc:  # a bug in lessonpress: report it for this output, build the rest
        return JobResult(job.output, (LessonError(
            f"could not make the {job.format}: {type(exc).__name__}: {exc}",
            code="internal.error", location=job.lessons[0].title.location,
            hint="this is a bug in lessonpress; please report it with the lesson file"),))
    return JobResult(job.output, (), time.perf_counter() - start)

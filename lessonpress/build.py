"""Turn lesson files into PDFs: the whole pipeline, readable top to bottom in `build()`.

discover -> (nothing changed? stop) -> load -> validate -> localize -> preflight -> plan ->
(layout -> render -> write) per output that is not up to date -> record what was built.
The heavy stages are imported only when something must be built, so a build with nothing to do
never loads YAML or ReportLab.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LessonError, SourceLocation, has_errors, sorted_problems
from .formats import FORMATS, wanted_formats
from .incremental import (
    BuildState,
    Inputs,
    Record,
    all_current,
    course_fingerprint,
    course_key,
    inputs_of,
    lesson_fingerprint,
    lesson_key,
    settings_fingerprint,
)
from .jobs import Job, run_jobs
from .model import Course, HelplineBook, Lesson
from .project import find_lessons
from .report import (
    BuildStarted,
    Collector,
    LessonChecked,
    OutputFailed,
    OutputUpToDate,
    OutputWritten,
    Reporter,
)
from .theme import DEFAULT_THEME, Theme


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
    region: str | None = None  # helplines to print; None: from each lesson's language
    locales: tuple[str, ...] | None = None  # translations to build; None: every one found
    bilingual: str | None = None  # also a handout in the source language and this translation
    tagged: bool = True  # structure tags for screen readers (PDF/UA-1); `--untagged` leaves them out


@dataclass(frozen=True)
class BuildResult:
    """The outcome of a build: files seen, written, up to date and failed; every problem."""

    lessons: int
    written: tuple[Path, ...]
    failed: tuple[Path, ...]
    problems: tuple[LessonError, ...] = field(default_factory=tuple)
    up_to_date: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there was no error (warnings allowed)."""
        return not has_errors(self.problems)


def build(settings: BuildSettings, reporter: Reporter | None = None, memo: dict | None = None) -> BuildResult:
    """Build every lesson in `settings.paths` into every requested format.

    `memo` lets a long-running caller (watch mode) keep checked lessons between builds, so an
    edit re-reads only the file that changed.
    """
    reporter = reporter or Collector()
    # Discover the lesson files and fingerprint everything outputs depend on.
    files, problems = find_lessons(settings.paths)
    inputs = inputs_of(files, settings.locales, settings.paths)
    state = BuildState.load(settings.out_dir)
    # Nothing changed since the last build: say so, repeat its warnings, touch nothing.
    current = (
        None if settings.force or problems else all_current(state, inputs, wanted_formats(settings), settings)
    )
    if current is not None:
        for path in current:
            reporter.emit(OutputUpToDate(path))
        return BuildResult(
            len(files), (), (), tuple(_replayed(state.warnings)), tuple(Path(p) for p in current)
        )
    # Load, validate, localize and preflight every lesson: all problems of all files at once.
    lessons, course, book, found = check_all(files, settings, reporter, inputs, memo)
    problems += found
    # Plan one job per lesson and format (and per language for the pack); skip current ones.
    jobs = plan(lessons, settings, inputs, course, book)
    problems += label_warnings({job.language for job in jobs})
    todo = [j for j in jobs if settings.force or not state.current(j.key, j.fingerprint)]
    fresh = [j.output for j in jobs if j not in todo]
    for path in fresh:
        reporter.emit(OutputUpToDate(str(path)))
    reporter.emit(BuildStarted(len(todo)))
    # Lay out, render and write, in this process or in workers; record each file written.
    written, failed = [], []
    for job, result in zip(todo, run_jobs(todo, settings.jobs), strict=True):
        problems += result.problems
        if result.ok:
            written.append(result.output)
            state.records[job.key] = Record(job.fingerprint, {str(result.output): result.sha256})
            reporter.emit(OutputWritten(str(result.output), result.seconds))
        else:
            failed.append(result.output)
            reporter.emit(OutputFailed(str(result.output), result.problems))
    problems = sorted_problems(problems)
    _remember(state, lessons, problems)
    return BuildResult(len(files), tuple(written), tuple(failed), tuple(problems), tuple(fresh))


def check_all(
    files: list,
    settings: BuildSettings,
    reporter: Reporter,
    inputs: Inputs | None = None,
    memo: dict | None = None,
) -> tuple[list[Lesson], Course | None, HelplineBook | None, list[LessonError]]:
    """Every lesson and translation checked, plus the course and the helplines they use."""
    from .lessons import check_lesson_and_translations, helplines_for, load_course

    lessons: list[Lesson] = []
    problems: list[LessonError] = []
    for file in files:
        key = _memo_key(file, settings, inputs) if memo is not None and inputs else None
        checked = memo.get(key) if key else None
        if checked is None:
            checked = check_lesson_and_translations(file, settings.theme, settings.locales)
            if key:
                memo[key] = checked
        problems += checked.problems
        lessons += checked.lessons
        for shown, ok in checked.files:
            reporter.emit(LessonChecked(shown, ok))
    course, found = load_course(settings.paths, {f.lesson_id for f in files})
    problems += found
    book, found = helplines_for(settings.paths, settings.region, settings.today, lessons)
    return lessons, course, book, problems + found


def _memo_key(file, settings: BuildSettings, inputs: Inputs) -> tuple:  # noqa: ANN001
    """What a checked lesson depends on: its file and its translations' content."""
    from .project import find_translations

    translations = tuple(
        (t.shown, inputs.units.get(t.shown, "")) for t in find_translations(file, settings.locales)
    )
    return (file.shown, inputs.units.get(file.shown, ""), translations, settings.theme)


def plan(
    lessons: list[Lesson],
    settings: BuildSettings,
    inputs: Inputs,
    course: Course | None = None,
    book: HelplineBook | None = None,
) -> list[Job]:
    """One job per lesson and lesson format, then one per language for each course format."""
    from .helplines import select

    formats = wanted_formats(settings)
    sources = {lesson.lesson_id: lesson for lesson in lessons if lesson.translation is None}
    jobs = []
    for fmt in formats:
        spec = FORMATS[fmt]
        fp = settings_fingerprint(settings, fmt)
        paired = getattr(settings, spec.requested_by) if spec.requested_by else None
        if spec.inputs == "course":
            for language, group in by_language(lessons).items():
                units = [lesson.source_path for lesson in group]
                jobs.append(
                    Job(
                        tuple(course_order(group, course)),
                        fmt,
                        settings.out_dir / language / spec.file_name(settings),
                        settings,
                        course_key(fmt, language),
                        course_fingerprint(inputs, units, fp),
                        course,
                        select(book, language, settings.region),
                    )
                )
            continue
        for lesson in lessons:
            made_of: tuple[Lesson, ...] = (lesson,)
            if spec.inputs == "translation":
                if lesson.translation is None or lesson.lesson_id not in sources or lesson.language != paired:
                    continue
                made_of = (lesson, sources[lesson.lesson_id])
            jobs.append(
                Job(
                    made_of,
                    fmt,
                    settings.out_dir / lesson.language / spec.file_name(settings, lesson.lesson_id),
                    settings,
                    lesson_key(fmt, lesson.source_path),
                    lesson_fingerprint(inputs, lesson.source_path, fp),
                    helplines=select(book, lesson.language, settings.region),
                )
            )
    return sorted(
        jobs,
        key=lambda j: (
            j.lessons[0].lesson_id if FORMATS[j.format].scope == "lesson" else "~",
            j.language,
            formats.index(j.format),
        ),
    )


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
    return sorted(lessons, key=lambda lesson: (rank.get(lesson.lesson_id, len(rank)), lesson.lesson_id))


def label_warnings(languages: Iterable[str]) -> list[LessonError]:
    """One warning per language whose interface labels (headings, footers) print in English."""
    from .labels import catalog_for

    out = []
    for language in sorted(languages):
        catalog = catalog_for(language)
        missing = catalog.missing
        if missing is None:
            out.append(
                LessonError(
                    f"no interface translation for '{language}': headings and labels print in English",
                    code="i18n.labels",
                    severity="warning",
                    hint=f"start one with `lessonpress i18n labels --locale {language}`",
                )
            )
        elif missing:
            out.append(
                LessonError(
                    f"{len(missing)} interface label{'s' * (len(missing) != 1)} for '{language}' print in "
                    f"English: {', '.join(missing[:5])}" + (" ..." if len(missing) > 5 else ""),
                    code="i18n.labels",
                    severity="warning",
                    location=SourceLocation(str(catalog.path)),
                )
            )
    return out


def _remember(state: BuildState, lessons: list[Lesson], problems: list[LessonError]) -> None:
    """Record each file's language and this build's warnings, for the next no-op build."""
    for lesson in lessons:
        state.languages[lesson.source_path] = lesson.language
    state.warnings = [_warning_record(p) for p in problems if not p.is_error]
    with contextlib.suppress(LessonError):  # an unwritable state only costs a rebuild
        state.save()


def _warning_record(problem: LessonError) -> dict:
    return {
        "message": problem.message,
        "code": problem.code,
        "hint": problem.hint,
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
    }


def _replayed(records: list) -> list[LessonError]:
    out = []
    for r in records:
        location = SourceLocation(r["path"], r["line"], r["column"]) if r.get("path") else None
        out.append(
            LessonError(
                r["message"], code=r["code"], hint=r.get("hint"), location=location, severity="warning"
            )
        )
    return out

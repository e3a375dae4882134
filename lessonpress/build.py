"""Turn lesson files into PDFs: the whole pipeline, readable top to bottom in `build()`.

discover -> (plan from recorded facts: nothing changed? stop) -> load -> validate -> localize ->
preflight -> plan -> (layout -> render -> write) per output that is not up to date, recording
each as it is written. The heavy stages are imported only when something must be built, so a
build with nothing to do never loads YAML or ReportLab.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import LessonError, SourceLocation, has_errors, sorted_problems
from .formats import FORMATS, filled_fields, wanted_formats
from .incremental import BuildState, digest, file_digest, shared_fingerprint
from .memory import collector_paused
from .output import remove_stale_temp_files
from .outputs import CourseFacts, Output, Plan, Source, plan_outputs, sources_of, units_of
from .project import Found, discover, find_helplines, translations_dir
from .report import (
    BuildStarted,
    Collector,
    LessonChecked,
    OutputFailed,
    OutputUpToDate,
    OutputWritten,
    Reporter,
)
from .settings import BuildSettings

if TYPE_CHECKING:  # a build with nothing to do never needs the model or the job runner
    from .jobs import Job
    from .lessons import Checked
    from .model import Course, HelplineBook, Lesson, Localized
    from .project import LessonFile

__all__ = ["BuildResult", "BuildSettings", "build", "check_all"]

SAVE_EVERY = 0.5  # seconds between saves of the state while outputs are being written
BESIDE_FROM = 4  # lesson files to check before a parallel build checks them in two processes


@dataclass(frozen=True)
class BuildResult:
    """The outcome of a build: files seen, written, up to date and failed; every problem."""

    lessons: int
    written: tuple[Path, ...]
    failed: tuple[Path, ...]
    problems: tuple[LessonError, ...] = field(default_factory=tuple)
    up_to_date: tuple[Path, ...] = ()
    languages: tuple[str, ...] = ()  # of the PDFs written (their paper size; web pages have none)

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
    # Discover the lesson files and the course; fingerprint them (bytes only, no YAML yet).
    courses = any(FORMATS[f].scope == "course" for f in wanted_formats(settings))
    found = discover(settings.paths, with_course=courses)
    sources = sources_of(found, settings.locales)
    helplines = find_helplines(settings.paths)
    shared = shared_fingerprint(helplines[0] if helplines else None)
    state = BuildState.load(settings.out_dir)
    remove_stale_temp_files(settings.out_dir)
    problems = [*found.problems, *_damaged(state)]
    # Nothing changed since the last build: say so, repeat its warnings, touch nothing.
    if not settings.force and not has_errors(problems):
        plan = _plan_from_state(settings, found, sources, state, shared)
        replay = state.replayed(_plan_key(plan, settings)) if plan else None
        if plan and replay is not None and all(state.current(o.path, o.fingerprint) for o in plan.outputs):
            for output in plan.outputs:
                reporter.emit(OutputUpToDate(str(output.path)))
            problems += [*plan.problems, *replay]
            paths = tuple(o.path for o in plan.outputs)
            return BuildResult(len(sources), (), (), tuple(sorted_problems(problems)), paths)
    # Load, validate, localize and preflight every lesson: all problems of all files at once.
    lessons, localized, book, checked_problems = check_all(found, settings, reporter, sources, memo)
    course = localized.source if localized else None
    # A region asked for that has no helplines stops the build: no output may print wrong help.
    if any(p.is_error and p.code == "helplines.region" for p in checked_problems):
        return BuildResult(len(sources), (), (), tuple(sorted_problems(problems + checked_problems)))
    checked_problems += region_warnings(lessons, settings, book.source if book else None)
    # Decide the outputs from what was read; collisions and lessons outside the course show here.
    checked = {lesson.source_path: lesson for lesson in lessons}
    units = (
        units_of(
            _readable(sources, checked),
            lambda s: checked[s.file.shown].language,
            lambda s: filled_fields(checked[s.file.shown]),
        )
        or []
    )
    plan = plan_outputs(settings, units, _course_facts(found, course, lessons), shared)
    checked_problems += label_warnings(
        {(o.language, translations_dir(o.units[0].file.path)) for o in plan.outputs}
    )
    _remember(state, sources, checked, course, found)
    state.keep_warnings(_plan_key(plan, settings), checked_problems)
    problems += [*checked_problems, *plan.problems]
    # Skip what is current; lay out, render and write the rest, recording each file written.
    todo = [o for o in plan.outputs if settings.force or not state.current(o.path, o.fingerprint)]
    building = {o.path for o in todo}  # paths are unique in a plan (collisions are refused)
    for output in plan.outputs:
        if output.path not in building:
            reporter.emit(OutputUpToDate(str(output.path)))
    reporter.emit(BuildStarted(len(todo)))
    jobs = [_job(output, settings, checked, localized, book) for output in todo]
    written, failed = _run(jobs, todo, settings, state, reporter, problems)
    # The catalog of the output folder, whenever this build changed what is in it.
    if written:
        from .html.catalog import update_catalog

        digests = {state.key(path): state.outputs[state.key(path)].sha256 for path in written}
        problems += update_catalog(settings.out_dir, plan.outputs, checked, course, digests)
    fresh = tuple(o.path for o in plan.outputs if o.path not in building)
    pdfs = (o for o in todo if o.path in written and o.path.suffix == ".pdf")
    languages = tuple(sorted({o.language for o in pdfs}))
    return BuildResult(len(sources), written, failed, tuple(sorted_problems(problems)), fresh, languages)


def _run(
    jobs: list[Job],
    todo: list[Output],
    settings: BuildSettings,
    state: BuildState,
    reporter: Reporter,
    problems: list[LessonError],
) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """Run the jobs; record each output as it is written and save the state as the build goes
    (at the latest every SAVE_EVERY seconds, and at the end, even when interrupted)."""
    from .jobs import run_jobs

    done: dict[int, bool] = {}
    saved = time.monotonic()
    try:
        for index, result in run_jobs(jobs, settings.jobs):
            problems += result.problems
            done[index] = result.ok
            if result.ok:
                state.record(todo[index].path, todo[index].fingerprint, result.sha256)
                reporter.emit(OutputWritten(str(result.output), result.seconds))
            else:
                reporter.emit(OutputFailed(str(result.output), result.problems))
            if time.monotonic() - saved > SAVE_EVERY:
                _save(state)
                saved = time.monotonic()
    finally:
        _save(state)
    written = tuple(todo[i].path for i in sorted(done) if done[i])
    failed = tuple(todo[i].path for i in sorted(done) if not done[i])
    return written, failed


def _plan_from_state(
    settings: BuildSettings, found: Found, sources: list[Source], state: BuildState, shared: str
) -> Plan | None:
    """The outputs, decided from the facts the state recorded; None when one is missing."""
    units = units_of(
        sources,
        lambda source: state.languages.get(source.digest),
        lambda source: state.filled.get(source.digest),
    )
    course = _course_facts(found, None, [])
    if units is None or (course and course.curriculum and course.digest not in state.courses):
        return None
    if course and course.curriculum:
        filled = state.filled.get(course.digest)
        if filled is None:
            return None
        course = replace(course, lesson_ids=tuple(state.courses[course.digest]), filled=frozenset(filled))
    plan = plan_outputs(settings, units, course, shared)
    return None if has_errors(plan.problems) else plan


def _course_facts(found: Found, course: Course | None, lessons: list[Lesson]) -> CourseFacts | None:
    """The course folder's lessons and, when its curriculum was read, the curriculum's order."""
    if found.course is None:
        return None
    curriculum = found.course.curriculum
    return CourseFacts(
        folder=found.course.shown,
        lessons=frozenset(f.path.resolve() for f in found.course.lessons),
        lesson_ids=tuple(course.lesson_ids()) if course is not None else None,
        curriculum=curriculum[1] if curriculum else None,
        digest=file_digest(curriculum[0]) if curriculum else "",
        filled=frozenset(filled_fields(course)) if course is not None else frozenset(),
    )


def _readable(sources: list[Source], checked: dict[str, Lesson]) -> list[Source]:
    """The sources (and translations) that loaded without errors."""
    out = []
    for source in sources:
        if source.file.shown in checked:
            kept = tuple(t for t in source.translations if t[0].shown in checked)
            out.append(Source(source.file, source.digest, source.given, kept))
    return out


def _job(
    output: Output,
    settings: BuildSettings,
    checked: dict[str, Lesson],
    courses: Localized[Course] | None,
    book: Localized[HelplineBook] | None,
) -> Job:
    """One output's job, with the course and the helplines in the output's language (the
    source's where they have no translation)."""
    from .jobs import Job
    from .regions import select

    lessons = tuple(checked[u.shown] for u in output.units)
    return Job(
        lessons,
        output.format,
        output.path,
        settings,
        output.fingerprint,
        courses.for_language(output.language) if courses and output.spec.scope == "course" else None,
        select(
            book.for_language(output.language) if book else None,
            output.language,
            settings.region,
            settings.regions,
        ),
        translations_dir(output.units[0].file.path),
    )


def check_all(
    found: Found,
    settings: BuildSettings,
    reporter: Reporter,
    sources: list[Source] | None = None,
    memo: dict | None = None,
) -> tuple[list[Lesson], Localized[Course] | None, Localized[HelplineBook] | None, list[LessonError]]:
    """Every lesson and translation checked, plus the course (when a course output is built)
    and the helplines they use."""
    from .lessons import helplines_for, load_courses, stale_warnings
    from .project import orphan_translations

    lessons: list[Lesson] = []
    problems: list[LessonError] = []
    stale: list = []
    for checked in _checked_files(list(found.files()), settings, sources, memo):
        problems += checked.problems
        lessons += checked.lessons
        stale += checked.stale
        for shown, ok in checked.files:
            reporter.emit(LessonChecked(shown, ok))
    courses = None
    if found.course is not None:
        courses, more = load_courses(
            settings.paths,
            {f.lesson_id for f in found.course.lessons},
            settings.locales,
            stale,
            lessons,
            settings.theme,
        )
        problems += more
    problems += orphan_translations(settings.paths, {f.lesson_id for f in found.files()})
    book, more = helplines_for(
        settings.paths, settings.region, settings.today, lessons, settings.locales, stale, settings.regions
    )
    return lessons, courses, book, problems + more + stale_warnings(stale)


def _checked_files(
    files: list[LessonFile], settings: BuildSettings, sources: list[Source] | None, memo: dict | None
) -> list[Checked]:
    """Each lesson file checked with its translations, in order. Watch mode takes the files it
    checked before, unchanged, from `memo`; before a parallel build, a helper process checks
    half of the rest (`jobs.beside`) while this one checks the others."""
    from .lessons import check_lesson_and_translations

    digests = {s.file.shown: (s.digest, s.translations) for s in sources or ()}
    # A checked lesson depends on its file and its translations' content (and the theme).
    keys = [(file.shown, digests.get(file.shown), settings.theme) for file in files]
    known = {i: memo[k] for i, k in enumerate(keys) if memo is not None and k[1] and k in memo}

    def check(indexes: list[int]) -> list[Checked]:
        out = []
        for i in indexes:
            with collector_paused():
                out.append(check_lesson_and_translations(files[i], settings.theme, settings.locales))
        return out

    todo = [i for i in range(len(files)) if i not in known]
    if memo is None and (settings.jobs or os.cpu_count() or 1) > 1 and len(todo) >= BESIDE_FROM:
        from .jobs import beside

        here, there = todo[1::2], todo[::2]
        mine, theirs = beside(check, here, there)
        done = dict(zip(here + there, mine + theirs, strict=True))
    else:
        done = dict(zip(todo, check(todo), strict=True))
    if memo is not None:
        memo.update({keys[i]: done[i] for i in todo if keys[i][1]})
    return [known[i] if i in known else done[i] for i in range(len(files))]


def region_warnings(
    lessons: list[Lesson], settings: BuildSettings, book: HelplineBook | None
) -> list[LessonError]:
    """One warning for the languages whose helpline outputs know no region (write-in boxes)."""
    from .helplines import INTERNATIONAL
    from .regions import resolve_region, unknown_region_warning

    if book is None:
        return []
    regions = book.regions()
    languages = {
        lesson.language
        for lesson in lessons
        if lesson.helplines
        and resolve_region(lesson.language, settings.region, settings.regions, regions) is None
    }
    return unknown_region_warning(languages, [r for r in regions if r != INTERNATIONAL])


def label_warnings(languages: Iterable[tuple[str, Path | None]]) -> list[LessonError]:
    """One warning per language whose interface labels (headings, footers) print in English, or
    come from a draft catalog; the problems of a project's own catalog."""
    from .labels import catalog_for

    out: list[LessonError] = []
    for language, translations in sorted(set(languages), key=lambda pair: (pair[0], str(pair[1]))):
        catalog = catalog_for(language, translations)
        out += catalog.problems
        if catalog.draft:
            out.append(
                LessonError(
                    f"the interface labels for '{language}' are a draft, not yet reviewed by a native "
                    "speaker",
                    code="i18n.labels-draft",
                    severity="warning",
                    location=SourceLocation(str(catalog.path)),
                    hint=f"`lessonpress i18n labels --locale {language}` writes them into the project "
                    "to review",
                )
            )
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


def _remember(
    state: BuildState, sources: list[Source], checked: dict[str, Lesson], course: Course | None, found: Found
) -> None:
    """Record the facts only reading YAML tells: each lesson file's language, the course's lessons."""
    for source in sources:
        lesson = checked.get(source.file.shown)
        if lesson is not None:
            state.remember(source.digest, state.languages, lesson.language)
            state.remember(source.digest, state.filled, list(filled_fields(lesson)))
    curriculum = found.course.curriculum if found.course else None
    if course is not None and curriculum:
        state.remember(file_digest(curriculum[0]), state.courses, course.lesson_ids())
        state.remember(file_digest(curriculum[0]), state.filled, list(filled_fields(course)))


def _plan_key(plan: Plan, settings: BuildSettings) -> str:
    """What a build's warnings depend on: its outputs and what they were made from, and the date."""
    return digest(str(settings.today), *(f"{o.path}={o.fingerprint}" for o in plan.outputs))


def _save(state: BuildState) -> None:
    with contextlib.suppress(LessonError):  # an unwritable state only costs a rebuild
        state.save()


def _damaged(state: BuildState) -> list[LessonError]:
    if state.damaged is None:
        return []
    return [
        LessonError(
            f"the build state could not be used ({state.damaged}); every output is rebuilt",
            code="build.state",
            severity="warning",
            location=SourceLocation(str(state.path)),
            hint="nothing to do: the next build replaces it",
        )
    ]

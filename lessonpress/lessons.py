"""Turn lesson files into checked lessons: load, validate, localize and preflight each one.

Every problem of every file is collected (never just the first), so one run shows a teacher the
whole list. A lesson comes back only when it has no errors; its translations come back as
lessons of their own, in their own language, each checked the same way.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import NO_REGION_DEFAULTS, RegionDefaults
from .errors import LessonError, SourceLocation, has_errors, sorted_problems
from .helplines import load_helplines, stale_entries
from .localize import localize, localize_course, localize_helplines
from .model import Course, HelplineBook, Lesson, Localized
from .project import (
    CURRICULUM_ID,
    HELPLINES_ID,
    LessonFile,
    TranslationFile,
    find_course,
    find_document_translations,
    find_helplines,
    find_lessons,
    find_translations,
    lesson_id,
    orphan_translations,
    path_kind,
    read_input,
    translation_target,
)
from .regions import region_problems
from .theme import DEFAULT_THEME, Theme
from .validate import validate_course, validate_lesson
from .yamlio import YamlDocument, load_yaml


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one lesson file and its translations."""

    lessons: tuple[Lesson, ...]  # the source lesson first, then each good translation
    problems: tuple[LessonError, ...]
    files: tuple[tuple[str, bool], ...]  # (shown path, ok) of every file read
    stale: tuple[Stale, ...] = ()  # stale strings of each translation


def check_lesson_and_translations(
    file: LessonFile, theme: Theme = DEFAULT_THEME, locales: tuple[str, ...] | None = None
) -> Checked:
    """A lesson and its translations (only `locales` when given), each loaded and checked.

    A bug that a strange value trips in any stage is an error on this file only: the other
    lessons are still checked and built (issue 13: one `duration_minutes: ²` stopped them all).
    """
    try:
        return _check_lesson_and_translations(file, theme, locales)
    except Exception as exc:  # a bug: contained to this lesson, reported with its path
        return Checked((), (internal_error(exc, file.shown),), ((file.shown, False),))


def internal_error(exc: Exception, shown: str) -> LessonError:
    """A bug met while checking one file, reported on that file so the rest carry on."""
    return LessonError(
        f"could not check this file: {type(exc).__name__}: {exc}",
        code="internal.error",
        location=SourceLocation(shown, 1, 1),
        hint="this is a bug in lessonpress; please report it with the file",
    )


def _check_lesson_and_translations(
    file: LessonFile, theme: Theme, locales: tuple[str, ...] | None
) -> Checked:
    document, problems = read_document(file.path, file.shown)
    lesson = None
    if document is not None:
        lesson, found = validate_lesson(document, file.lesson_id)
        problems += found + preflight(lesson, theme)
    if document is None or lesson is None or has_errors(problems):
        return Checked((), tuple(problems), ((file.shown, False),))
    lessons, files, stale = [lesson], [(file.shown, True)], list[Stale]()
    for translation in find_translations(file, locales):
        try:
            translated, found = check_translation(document, translation, file.lesson_id, theme, stale)
        except Exception as exc:  # a bug: contained to this translation
            translated, found = None, [internal_error(exc, translation.shown)]
        problems += found
        files.append((translation.shown, translated is not None))
        if translated is not None:
            lessons.append(translated)
    return Checked(tuple(lessons), tuple(problems), tuple(files), tuple(stale))


def check_translation(
    source: YamlDocument,
    translation: TranslationFile,
    lesson_id: str,
    theme: Theme = DEFAULT_THEME,
    stale: list[Stale] | None = None,
) -> tuple[Lesson | None, list[LessonError]]:
    """One translation merged over its source and checked like a lesson (its stale strings
    counted into `stale`)."""
    document, problems = read_document(translation.path, translation.shown)
    if document is None:
        return None, problems
    lesson, found = localize(source, document, lesson_id, translation.locale)
    problems = found + preflight(lesson, theme)
    if stale is not None and lesson is not None:
        stale.append(_stale(lesson_id, source, document, Lesson, translation))
    return (None if has_errors(problems) else lesson), problems


@dataclass(frozen=True)
class Stale:
    """How many strings of one translation file are stale (the source changed since)."""

    locale: str
    count: int
    folder: str  # the locale folder, as shown


def _stale(
    doc_id: str, source: YamlDocument, translation: YamlDocument, model: type, file: TranslationFile
) -> Stale:
    from .i18n.state import LocaleState
    from .i18n.status import stale_count

    state = LocaleState.load(file.path.parent)
    count = stale_count(doc_id, source.data, translation.data, state, model)
    return Stale(file.locale, count, os.path.dirname(file.shown))


def stale_warnings(stale: Iterable[Stale]) -> list[LessonError]:
    """One warning per locale with the number of stale strings in its translations."""
    by_locale: dict[str, list[Stale]] = {}
    for item in stale:
        if item.count:
            by_locale.setdefault(item.locale, []).append(item)
    return [
        LessonError(
            f"{sum(s.count for s in found)} translated string{'s' * (sum(s.count for s in found) != 1)}"
            f" in '{locale}' {'are' if sum(s.count for s in found) != 1 else 'is'} stale: the source "
            "changed after translation, and the old translation is printed",
            code="i18n.stale",
            severity="warning",
            location=SourceLocation(found[0].folder),
            hint=f"`lessonpress i18n status --locale {locale}` shows each one's old and new source; "
            f"update them, then run `lessonpress i18n sync --locale {locale}`",
        )
        for locale, found in sorted(by_locale.items())
    ]


def read_document(path, shown: str) -> tuple[YamlDocument | None, list[LessonError]]:  # noqa: ANN001
    """A YAML file loaded strictly, or the reason it could not be."""
    try:
        return load_yaml(read_input(path, shown), shown), []
    except LessonError as problem:
        return None, [problem]


def preflight(lesson: Lesson | None, theme: Theme = DEFAULT_THEME) -> list[LessonError]:
    """Characters the lesson's fonts cannot print, each at its line (imports ReportLab)."""
    if lesson is None:
        return []
    from .layout.preflight import check_glyphs  # imports ReportLab: only for valid lessons

    return check_glyphs(lesson, theme)


def check_lesson(file: LessonFile, theme: Theme = DEFAULT_THEME) -> tuple[Lesson | None, list[LessonError]]:
    """Load, validate and preflight one lesson file (not its translations)."""
    document, problems = read_document(file.path, file.shown)
    if document is None:
        return None, problems
    try:
        lesson, problems = validate_lesson(document, file.lesson_id)
        problems += preflight(lesson, theme)
    except Exception as exc:  # a bug: contained to this lesson, reported with its path
        return None, [internal_error(exc, file.shown)]
    return (None if has_errors(problems) else lesson), problems


def load_course(
    paths: tuple[str, ...], lesson_ids: set[str], lessons: Sequence[Lesson] = (), theme: Theme = DEFAULT_THEME
) -> tuple[Course | None, list[LessonError]]:
    """The course of the lesson folder (curriculum.yaml), checked against the lessons found;
    its titles are checked against the fonts of each language's pack of `lessons`."""
    courses, problems = load_courses(paths, lesson_ids, (), lessons=lessons, theme=theme)
    return (courses.source if courses else None), problems


def load_courses(
    paths: tuple[str, ...],
    lesson_ids: set[str],
    locales: tuple[str, ...] | None = None,
    stale: list[Stale] | None = None,
    lessons: Sequence[Lesson] = (),
    theme: Theme = DEFAULT_THEME,
) -> tuple[Localized[Course] | None, list[LessonError]]:
    """The course of the lesson folder (curriculum.yaml), checked against the lessons found, with
    its translations (translations/<locale>/curriculum.yaml; only `locales` when given, none for
    an empty tuple). With `lessons`, the texts each language's pack prints (its translation, else
    the source) are checked against the fonts of that language's lessons."""
    found = find_course(paths)
    if found is None:
        return None, []
    document, problems = read_document(*found)
    if document is None:
        return None, problems
    course, problems = validate_course(document, lesson_ids)
    if course is None:
        return None, problems
    translations, shown = [], {}
    wanted = [] if locales == () else find_document_translations(paths, CURRICULUM_ID, locales)
    for file in wanted:
        translated, found_here = _translated(
            file,
            lambda doc, f=file: localize_course(document, doc, f.locale, lesson_ids),
            document,
            CURRICULUM_ID,
            Course,
            stale,
        )
        problems += found_here
        if translated is not None:
            translations.append((file.locale, translated))
            shown[file.locale] = file.shown
    courses, found_here = course_glyphs(Localized(course, tuple(translations)), shown, lessons, theme)
    return courses, problems + found_here


def course_glyphs(
    courses: Localized[Course], shown: dict[str, str], lessons: Sequence[Lesson], theme: Theme
) -> tuple[Localized[Course] | None, list[LessonError]]:
    """The course texts each language's pack prints, checked with that language's fonts (issue
    13). A translation with characters its fonts lack is left out, like any translation with
    errors (its pack then prints the source, checked in turn); the source's own: no course."""
    if not lessons:
        return courses, []
    from .layout.preflight import check_course_glyphs  # imports ReportLab: only when needed

    problems: list[LessonError] = []
    while True:
        found = check_course_glyphs(courses, lessons, theme)
        problems += [p for p in found if p not in problems]
        failed = {p.path for p in found if p.is_error}
        kept = tuple((locale, c) for locale, c in courses.translations if shown.get(locale) not in failed)
        if kept == courses.translations:
            return (None if has_errors(found) else courses), problems
        courses = Localized(courses.source, kept)


def _translated(
    file: TranslationFile,
    merge,
    source: YamlDocument,
    doc_id: str,
    model: type,  # noqa: ANN001
    stale: list[Stale] | None,
) -> tuple:
    """A curriculum or helpline translation read and merged over its source, or why not."""
    document, problems = read_document(file.path, file.shown)
    if document is None:
        return None, problems
    try:
        translated, found = merge(document)
    except Exception as exc:  # a bug: contained to this translation
        return None, [internal_error(exc, file.shown)]
    if stale is not None and translated is not None:
        stale.append(_stale(doc_id, source, document, model, file))
    return translated, problems + found


def check(
    paths: tuple[str, ...], theme: Theme = DEFAULT_THEME, locales: tuple[str, ...] | None = None
) -> tuple[int, list[LessonError]]:
    """Check lessons, their translations, curriculum.yaml and the helplines with their
    translations, writing nothing; (files, problems). A translation file named on its own is
    checked merged over its source, as the build reads it."""
    alone = [given for given in paths if translation_target(given) and Path(given).is_file()]
    problems: list[LessonError] = []
    for given in alone:
        try:
            problems += check_translation_file(given, theme)
        except Exception as exc:  # a bug: contained to this file
            problems.append(internal_error(exc, given))
    rest = tuple(p for p in paths if p not in alone)
    if alone and not rest:
        return len(alone), sorted_problems(problems)
    files, found = find_lessons(rest)
    problems += found
    count, stale = len(alone), list[Stale]()
    lessons: list[Lesson] = []
    for file in files:
        checked = check_lesson_and_translations(file, theme, locales)
        problems += checked.problems
        lessons += checked.lessons
        count += len(checked.files)
        stale += checked.stale
    ids = {f.lesson_id for f in files}
    if not rest or any(path_kind(p) == "dir" for p in rest):  # a folder: its course too
        problems += load_courses(rest, ids, locales, stale, lessons, theme)[1]
        problems += orphan_translations(rest, ids)
    if find_helplines(rest) is not None:
        problems += load_helpline_book(rest, locales, stale)[1]
    return count, sorted_problems(problems + stale_warnings(stale))


def check_translation_file(given: str, theme: Theme = DEFAULT_THEME) -> list[LessonError]:
    """One translation file (lesson, curriculum or helplines) merged over its source."""
    name, locale, folder = translation_target(given) or ("", "", "")
    if name == CURRICULUM_ID:
        found = find_course((folder,))
    elif name == HELPLINES_ID:
        found = find_helplines((folder,))
    else:
        lesson = next(
            (
                Path(folder) / f"{name}{s}"
                for s in (".yaml", ".yml")
                if (Path(folder) / f"{name}{s}").is_file()
            ),
            None,
        )
        found = (lesson, os.path.join(folder, lesson.name)) if lesson else None
    if found is None:
        return [
            LessonError(
                f"no source for this translation ('{name}' is not in {folder})",
                code="i18n.no-source",
                location=SourceLocation(given),
                hint="a translation is named after its lesson's file",
            )
        ]
    source, problems = read_document(*found)
    if source is None:
        return problems
    file = TranslationFile(Path(given), given, locale)
    if name not in (CURRICULUM_ID, HELPLINES_ID):
        return check_translation(source, file, lesson_id(name), theme)[1]
    document, problems = read_document(file.path, file.shown)
    if document is None:
        return problems
    if name == HELPLINES_ID:
        return localize_helplines(source, document, locale)[1]
    lesson_files = find_lessons((folder,))[0]
    course, problems = localize_course(source, document, locale, {f.lesson_id for f in lesson_files})
    if course is None or has_errors(problems):
        return problems
    # the pack in this language prints the course with the fonts of its lessons
    lessons = [
        lesson
        for f in lesson_files
        for lesson in check_lesson_and_translations(f, theme, (locale,)).lessons
        if locale in (lesson.language, lesson.language.split("-")[0])
    ]
    localized = Localized(course, ((locale, course),))
    return problems + course_glyphs(localized, {locale: given}, lessons, theme)[1]


def load_helpline_book(
    paths: tuple[str, ...], locales: tuple[str, ...] | None = None, stale: list[Stale] | None = None
) -> tuple[Localized[HelplineBook] | None, list[LessonError]]:
    """assets/helplines.yaml with its translations (translations/<locale>/helplines.yaml)."""
    found = find_helplines(paths)
    if found is None:
        return None, []
    book, problems = load_helplines(*found)
    if book is None:
        return None, problems
    source, problems_here = read_document(*found)
    if source is None:
        return None, problems + problems_here
    translations = []
    for file in find_document_translations(paths, HELPLINES_ID, locales):
        translated, found_here = _translated(
            file,
            lambda doc, f=file: localize_helplines(source, doc, f.locale),
            source,
            HELPLINES_ID,
            HelplineBook,
            stale,
        )
        problems += found_here
        if translated is not None:
            translations.append((file.locale, translated))
    return Localized(book, tuple(translations)), problems


def helplines_for(
    paths: tuple[str, ...],
    region: str | None,
    today: str | None,
    lessons: list[Lesson],
    locales: tuple[str, ...] | None = None,
    stale: list[Stale] | None = None,
    defaults: RegionDefaults = NO_REGION_DEFAULTS,
) -> tuple[Localized[HelplineBook] | None, list[LessonError]]:
    """The project's helpline file and its translations, when any lesson prints helplines, with
    stale-entry warnings and an error for every region asked for that has no helplines."""
    if not any(lesson.helplines for lesson in lessons):
        return None, []
    found = find_helplines(paths)
    if found is None:
        return None, [
            LessonError(
                "lessons ask for helplines but there is no assets/helplines.yaml",
                code="helplines.missing",
                severity="warning",
                hint="learner outputs print only a box to write the local helpline in",
            )
        ]
    books, problems = load_helpline_book(paths, locales, stale)
    book = books.source if books else None
    if book is not None and today:
        problems += stale_entries(book, datetime.date.fromisoformat(today), found[1])
    if book is not None:
        problems += region_problems(region, defaults, book, found[1])
    return books, problems

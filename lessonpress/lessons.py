"""Turn lesson files into checked lessons: load, validate, localize and preflight each one.

Every problem of every file is collected (never just the first), so one run shows a teacher the
whole list. A lesson comes back only when it has no errors; its translations come back as
lessons of their own, in their own language, each checked the same way.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .errors import LessonError, SourceLocation, has_errors, sorted_problems
from .helplines import load_helplines, normalise_region, stale_entries
from .localize import localize
from .model import Course, HelplineBook, Lesson
from .project import (
    LessonFile,
    TranslationFile,
    find_course,
    find_helplines,
    find_lessons,
    find_translations,
    path_kind,
)
from .skeleton import placeholder_warning
from .theme import DEFAULT_THEME, Theme
from .validate import validate_course, validate_lesson
from .yamlio import YamlDocument, load_yaml


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one lesson file and its translations."""

    lessons: tuple[Lesson, ...]  # the source lesson first, then each good translation
    problems: tuple[LessonError, ...]
    files: tuple[tuple[str, bool], ...]  # (shown path, ok) of every file read


def check_lesson_and_translations(
    file: LessonFile, theme: Theme = DEFAULT_THEME, locales: tuple[str, ...] | None = None
) -> Checked:
    """A lesson and its translations (only `locales` when given), each loaded and checked."""
    document, problems = read_document(file.path, file.shown)
    lesson = None
    if document is not None:
        lesson, found = validate_lesson(document, file.lesson_id)
        problems += found + _preflight(lesson, theme) + placeholder_warning(document)
    if lesson is None or has_errors(problems):
        return Checked((), tuple(problems), ((file.shown, False),))
    lessons, files = [lesson], [(file.shown, True)]
    assert document is not None  # a lesson was made from it
    for translation in find_translations(file, locales):
        translated, found = check_translation(document, translation, file.lesson_id, theme)
        problems += found
        files.append((translation.shown, translated is not None))
        if translated is not None:
            lessons.append(translated)
    return Checked(tuple(lessons), tuple(problems), tuple(files))


def check_translation(
    source: YamlDocument, translation: TranslationFile, lesson_id: str, theme: Theme = DEFAULT_THEME
) -> tuple[Lesson | None, list[LessonError]]:
    """One translation merged over its source and checked like a lesson."""
    document, problems = read_document(translation.path, translation.shown)
    if document is None:
        return None, problems
    lesson, found = localize(source, document, lesson_id, translation.locale)
    problems = found + _preflight(lesson, theme)
    return (None if has_errors(problems) else lesson), problems


def read_document(path, shown: str) -> tuple[YamlDocument | None, list[LessonError]]:  # noqa: ANN001
    """A YAML file loaded strictly, or the reason it could not be."""
    try:
        return load_yaml(path.read_bytes(), shown), []
    except OSError as exc:
        return None, [
            LessonError(
                f"cannot read the file: {exc.strerror or exc}",
                code="input.unreadable",
                location=SourceLocation(shown),
            )
        ]
    except LessonError as problem:
        return None, [problem]


def _preflight(lesson: Lesson | None, theme: Theme) -> list[LessonError]:
    if lesson is None:
        return []
    from .layout.preflight import check_glyphs  # imports ReportLab: only for valid lessons

    return check_glyphs(lesson, theme)


def check_lesson(file: LessonFile, theme: Theme = DEFAULT_THEME) -> tuple[Lesson | None, list[LessonError]]:
    """Load, validate and preflight one lesson file (not its translations)."""
    document, problems = read_document(file.path, file.shown)
    if document is None:
        return None, problems
    lesson, problems = validate_lesson(document, file.lesson_id)
    problems += _preflight(lesson, theme) + placeholder_warning(document)
    return (None if has_errors(problems) else lesson), problems


def load_course(paths: tuple[str, ...], lesson_ids: set[str]) -> tuple[Course | None, list[LessonError]]:
    """The course of the lesson folder (curriculum.yaml), checked against the lessons found."""
    found = find_course(paths)
    if found is None:
        return None, []
    document, problems = read_document(*found)
    if document is None:
        return None, problems
    return validate_course(document, lesson_ids)


def check(
    paths: tuple[str, ...], theme: Theme = DEFAULT_THEME, locales: tuple[str, ...] | None = None
) -> tuple[int, list[LessonError]]:
    """Check lessons, their translations and curriculum.yaml, writing nothing; (files, problems)."""
    files, problems = find_lessons(paths)
    count = 0
    for file in files:
        checked = check_lesson_and_translations(file, theme, locales)
        problems += checked.problems
        count += len(checked.files)
    if not paths or any(path_kind(p) == "dir" for p in paths):  # a folder: its course too
        problems += load_course(paths, {f.lesson_id for f in files})[1]
    return count, sorted_problems(problems)


def helplines_for(
    paths: tuple[str, ...], region: str | None, today: str | None, lessons: list[Lesson]
) -> tuple[HelplineBook | None, list[LessonError]]:
    """The project's helpline file, when any lesson prints helplines, with stale-entry warnings."""
    if not any(lesson.helplines for lesson in lessons):
        return None, []
    found = find_helplines(paths)
    if found is None:
        return None, [
            LessonError(
                "lessons ask for helplines but there is no assets/helplines.yaml",
                code="helplines.missing",
                severity="warning",
                hint="helplines are left out of these outputs",
            )
        ]
    book, problems = load_helplines(*found)
    if book is not None and today:
        problems += stale_entries(book, datetime.date.fromisoformat(today), found[1])
    if book is not None and region and normalise_region(region) not in book.regions():
        problems.append(
            LessonError(
                f"no helplines for region '{region}' in {found[1]}",
                code="helplines.region",
                hint="known regions: " + ", ".join(book.regions()),
            )
        )
    return book, problems

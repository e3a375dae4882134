"""Turn a course's survey and a responses file into what an NGO hands on: the data-entry
template, and the report (a PDF in the course's language and a JSON summary).

course folder -> lessons and curriculum checked -> the survey's key (its columns, and the letters
each knowledge item prints in the chosen language) -> (template: the header row and a codebook)
or (report: the responses file read and checked -> summary -> PDF and JSON, written atomically).
Nothing is written when the course, its survey or the responses file cannot be read; rows with
errors are left out of the report, which says so, and each is named by its line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import LessonError, SourceLocation, has_errors, sorted_problems
from .evaluation import Key, codebook_csv, read_responses, summarize, survey_key, template_csv
from .labels import labels_for
from .model import Course, Lesson
from .project import read_input
from .settings import BuildSettings

MAX_RESPONSES_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    """Files written and every problem found."""

    written: tuple[Path, ...] = ()
    problems: tuple[LessonError, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SurveySource:
    """A course with a survey, the lessons of its language, and the survey's key."""

    course: Course
    lessons: dict[str, Lesson]
    language: str
    key: Key


def load_survey(settings: BuildSettings, locale: str | None) -> tuple[SurveySource | None, list[LessonError]]:
    """The course's survey in `locale` (a translation) or the course's own language."""
    from .lessons import check_lesson, check_lesson_and_translations, load_courses
    from .project import discover

    found = discover(settings.paths, with_course=True)
    problems = list(found.problems)
    ids = {f.lesson_id for f in found.files()}
    # Only the lessons the survey's knowledge items name are read (the curriculum says which).
    first, _ = load_courses(settings.paths, ids, ())
    survey = first.source.survey if first else None
    named = {item.question.partition("/")[0] for item in survey.items if item.question} if survey else set()
    lessons: list[Lesson] = []
    for file in (f for f in found.files() if f.lesson_id in named):
        if locale:  # the lesson and its translation into `locale`
            checked = check_lesson_and_translations(file, settings.theme, (locale,))
            problems += checked.problems
            lessons += checked.lessons
        else:  # the lesson alone: no other language's warnings in a report
            lesson, found_here = check_lesson(file, settings.theme)
            problems += found_here
            lessons += [lesson] if lesson is not None else []
    courses, more = load_courses(settings.paths, ids, (locale,) if locale else (), None, lessons)
    problems += more
    sources = {x.lesson_id: x for x in lessons if x.translation is None}
    language = locale or (courses.source.language if courses else "en")
    # The curriculum's translation when there is one: the survey's statements in that language.
    course = courses.for_language(language) if courses else None
    if course is None or course.survey is None:
        if not has_errors(problems):
            problems.append(
                LessonError(
                    "the course has no survey",
                    code="survey.missing",
                    location=SourceLocation(course.source_path) if course else None,
                    hint="add `survey:` to curriculum.yaml (see docs/lesson-format.md)",
                )
            )
        return None, problems
    # A knowledge item prints from its lesson in this language, else (no translation) the source.
    in_language = sources | {x.lesson_id: x for x in lessons if x.language == language}
    key = survey_key(course.survey, in_language, labels_for(language).letters)
    return SurveySource(course, in_language, language, key), problems


def write_template(settings: BuildSettings, locale: str | None) -> Outcome:
    """OUT/<language>/survey-responses.csv (the header row) and survey-codebook.csv."""
    from .layout.survey import scale_labels
    from .output import write_atomic

    source, problems = load_survey(settings, locale)
    if source is None or has_errors(problems):
        return Outcome((), tuple(sorted_problems(problems)))
    labels = labels_for(source.language)
    folder = settings.out_dir / source.language
    files = {
        folder / "survey-responses.csv": template_csv(source.key),
        folder / "survey-codebook.csv": codebook_csv(
            source.key, scale_labels(labels, source.key.points), (labels.true, labels.false)
        ),
    }
    for path, text in files.items():
        write_atomic(path, text.encode("utf-8"))
    return Outcome(tuple(files), tuple(sorted_problems(problems)))


def make_report(
    responses: Path, shown: str, settings: BuildSettings, locale: str | None, today: str
) -> tuple[Outcome, dict[str, Any] | None]:
    """OUT/<language>/survey-report.pdf and .json from a responses file; the summary."""
    source, problems = load_survey(settings, locale)
    if source is None or has_errors(problems):
        return Outcome((), tuple(sorted_problems(problems))), None
    text, found = _read(responses, shown)
    problems += found
    if text is None:
        return Outcome((), tuple(sorted_problems(problems))), None
    read = read_responses(text, shown, source.key)
    problems += read.problems
    if not read.readable:
        return Outcome((), tuple(sorted_problems(problems))), None
    summary = summarize(read, source.key)
    summary = {
        "course": source.course.title.plain,
        "language": source.language,
        "made_on": today,
        "scale": source.key.points,
        "items": [
            {"id": i.id, "number": i.number, "kind": "knowledge" if i.knowledge else "statement"}
            for i in source.key.items
        ],
        **summary,
    }
    written = _write_report(summary, source, settings, today)
    return Outcome(written, tuple(sorted_problems(problems))), summary


def _read(path: Path, shown: str) -> tuple[str | None, list[LessonError]]:
    """The responses file's text; it is size-checked before reading and must be a regular file
    (project.read_input: a FIFO or a huge file is an error, never a hang)."""
    try:
        data = read_input(path, shown, MAX_RESPONSES_BYTES, "split the responses into several files")
    except LessonError as exc:
        if exc.message == "not a regular file":  # read_input's hint speaks of lessons
            exc.hint = "give the responses file, saved from the template as CSV"
        return None, [exc]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        where = SourceLocation(shown, 1, 1)
        hint = "save it as 'CSV UTF-8' in your spreadsheet"
        return None, [LessonError("the file is not UTF-8 text", code="report.csv", location=where, hint=hint)]


def _write_report(
    summary: dict[str, Any], source: SurveySource, settings: BuildSettings, today: str
) -> tuple[Path, ...]:
    from .layout.base import LayoutContext
    from .layout.fonts import fonts_for
    from .layout.pack import local_date
    from .layout.survey_report import report_document
    from .output import write_atomic
    from .render import render
    from .scripts import paper_for

    labels = labels_for(source.language)
    # Fonts for the report's language (and the item texts it prints, which may have fallen back
    # to the lessons' own language).
    lessons = [replace(x, language=source.language) for x in source.lessons.values()]
    context = LayoutContext(
        settings.paper or paper_for(source.language), fonts_for(lessons, settings.theme), labels
    )
    document = report_document(
        summary, source.key, source.course, context, source.language, local_date(today, source.language)
    )
    folder = settings.out_dir / source.language
    pdf, data = folder / "survey-report.pdf", folder / "survey-report.json"
    write_atomic(pdf, render(document))
    write_atomic(data, (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return pdf, data

"""Plan an import: every catalog entry checked and written into its translation file in memory.

Nothing is written here. Each problem points at the catalog line it comes from, also when it is
found only by checking the edited translation as the build would (a link that is not allowed, a
text too long): the translator fixes the catalog, not a YAML file they never opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LessonError, SourceLocation
from ..languages import language_name
from ..localize import localize, localize_course, localize_helplines
from ..markup import parse
from ..model import Course, HelplineBook, Lesson
from ..project import read_input
from ..yamlio import YamlDocument, check_characters, load_yaml
from . import files
from .catalog import Entry
from .documents import Document
from .fields import text_fields, value_at


@dataclass
class Edit:
    """One translation file as it is and as it will be after the import."""

    document: Document
    path: Path
    shown: str
    before: str  # "" when the file does not exist yet
    text: str
    data: object = None
    changed: list[tuple[str, str, str]] = field(default_factory=list)  # context, source, text
    lines: dict[tuple, int] = field(default_factory=dict)  # path -> catalog line


def plan_import(
    documents: list[Document], entries: list[Entry], locale: str, shown: str
) -> tuple[list[Edit], list[LessonError]]:
    """Every entry applied in memory and every edited file checked; nothing is written."""
    by_id = {d.id: d for d in documents}
    fields = {d.id: {f.context: f for f in text_fields(d.data, d.model)} for d in documents}
    edits: dict[str, Edit | None] = {}
    values: dict[str, list[tuple[tuple, str, Entry]]] = {}
    problems: list[LessonError] = []
    for entry in entries:
        where = SourceLocation(shown, entry.line, 1)
        document = by_id.get(entry.doc_id)
        if document is None:
            problems.append(
                LessonError(
                    f"no lesson with id '{entry.doc_id}'",
                    code="catalog.lesson",
                    location=where,
                    hint="check the context of this entry",
                )
            )
            continue
        found = fields[entry.doc_id].get(entry.context)
        if found is None:
            problems.append(
                LessonError(
                    f"'{entry.doc_id}' has no text '{entry.context}'",
                    code="catalog.context",
                    location=where,
                    hint="the source changed since export; export again",
                )
            )
            continue
        text = entry.translation.strip()
        if not text or not _text_ok(text, where, problems):
            continue
        if entry.doc_id not in edits:
            edits[entry.doc_id] = _open(document, locale, problems)
        edit = edits[entry.doc_id]
        current = value_at(edit.data, found.path, document.model) if edit is not None else None
        if edit is None or (isinstance(current, str) and current.strip() == text):
            continue  # unreadable (reported), or no change
        values.setdefault(entry.doc_id, []).append((found.path, text, entry))
        edit.changed.append((entry.context, entry.source or found.text, text))
    out = []
    lesson_ids = {d.id for d in documents if d.model is Lesson}
    for doc_id, edit in edits.items():
        if edit is None or doc_id not in values:
            continue
        problems += _apply(edit, values[doc_id], locale, shown, lesson_ids)
        out.append(edit)
    return out, problems


def _text_ok(text: str, where: SourceLocation, problems: list[LessonError]) -> bool:
    """Characters and inline markup a translation file may hold, checked at the catalog line."""
    try:
        check_characters(text, where.path)
        parse(text, where)
    except LessonError as problem:
        problems.append(LessonError(problem.message, code=problem.code, location=where, hint=problem.hint))
        return False
    return True


def _open(document: Document, locale: str, problems: list[LessonError]) -> Edit | None:
    """The translation file as it is now (a new skeleton when there is none), or None."""
    path, shown = document.translation(locale)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        problems.append(
            LessonError(
                "the translation is not a regular file; it is not replaced",
                code="i18n.not-a-file",
                location=SourceLocation(shown),
            )
        )
        return None
    if not path.exists():
        text = files.skeleton(document.model, document.data, document.shown, locale, language_name(locale))
        return Edit(document, path, shown, "", text, load_yaml(text.encode(), shown).data)
    try:
        raw = read_input(path, shown)  # size-checked before reading
        loaded = load_yaml(raw, shown)
    except LessonError as problem:
        problems.append(problem)
        return None
    if not isinstance(loaded.data, dict):
        problems.append(
            LessonError(
                "a translation file must be a mapping (key: value lines)",
                code="schema.not-mapping",
                location=loaded.where(()),
                hint="compare it with the source file, or delete it and import again",
            )
        )
        return None
    text = raw.decode("utf-8").removeprefix("\ufeff")
    return Edit(document, path, shown, text, text, loaded.data)


def _apply(
    edit: Edit, values: list[tuple[tuple, str, Entry]], locale: str, shown: str, lesson_ids: set[str]
) -> list[LessonError]:
    """Write the values into the file's text and check the result as the build would."""
    try:
        edit.text = files.edit(
            edit.text,
            edit.shown,
            edit.document.model,
            edit.document.data,
            [(path, text) for path, text, _ in values],
        )
    except files.EditError as problem:
        return [problem.problem]
    try:
        translated = load_yaml(edit.text.encode("utf-8"), edit.shown)
    except LessonError as problem:
        return [problem]
    lines = {}
    for path, _, entry in values:
        mark = translated.value_marks.get(path) or translated.value_marks.get(path[:-1])  # `- Why?`
        if mark:
            lines[mark.line] = entry.line
    try:
        source = load_yaml(read_input(edit.document.path, edit.document.shown), edit.document.shown)
    except LessonError as problem:  # the source changed since it was read
        return [problem]
    problems = [p for p in _localize(edit.document, source, translated, locale, lesson_ids) if p.is_error]
    return [_relocated(p, edit.shown, lines, shown) for p in problems]


def _localize(
    document: Document, source: YamlDocument, translated: YamlDocument, locale: str, lesson_ids: set[str]
) -> list[LessonError]:
    if document.model is Course:
        return localize_course(source, translated, locale, lesson_ids)[1]
    if document.model is HelplineBook:
        return localize_helplines(source, translated, locale)[1]
    from ..lessons import preflight  # the build's glyph check (imports ReportLab)

    lesson, problems = localize(source, translated, document.id, locale)
    return problems + preflight(lesson)


def _relocated(problem: LessonError, translation: str, lines: dict[int, int], catalog: str) -> LessonError:
    """A problem in an imported value, moved to the catalog line the value came from."""
    if problem.path != translation or problem.line not in lines:
        return problem
    return LessonError(
        problem.message,
        code=problem.code,
        hint=problem.hint,
        location=SourceLocation(catalog, lines[problem.line], 1),
    )

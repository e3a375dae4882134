"""The translator's commands: init, status, sync, export and import, over a folder of lessons."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import LessonError, SourceLocation
from ..languages import language_name, normalise_language
from ..localize import localize
from ..markup import parse
from ..output import write_atomic
from ..project import LessonFile, find_lessons
from ..yamlio import load_yaml
from . import files
from .catalog import Entry, read_catalog, to_csv, to_po
from .fields import text_fields
from .state import LocaleState
from .status import LessonStatus, lesson_status, translation_path


@dataclass(frozen=True)
class Outcome:
    """What a command did: files written, strings changed, and every problem."""

    written: tuple[str, ...] = ()
    changed: int = 0
    problems: tuple[LessonError, ...] = ()


def _sources(paths: tuple[str, ...]) -> tuple[list[tuple[LessonFile, dict]], list[LessonError]]:
    files_found, problems = find_lessons(paths)
    out = []
    for file in files_found:
        try:
            data = load_yaml(file.path.read_bytes(), file.shown).data
        except LessonError as problem:
            problems.append(problem)
            continue
        if isinstance(data, dict):
            out.append((file, data))
    return out, problems


def init(paths: tuple[str, ...], locale: str) -> Outcome:
    """Create a translation file for every lesson that has none in `locale`; never overwrite."""
    sources, problems = _sources(paths)
    written = []
    for file, data in sources:
        path, shown = translation_path(file, locale)
        if _language_of(data) == locale:
            problems.append(_same_language(file, locale))
            continue
        if path.exists():
            continue
        write_atomic(path, files.skeleton(data, file.shown, locale, language_name(locale)).encode())
        state = LocaleState.load(path.parent)
        for field in text_fields(data):
            state.record(file.lesson_id, field.context, field.text, "")
        state.save()
        written.append(shown)
    return Outcome(tuple(written), 0, tuple(problems))


def _language_of(data: dict) -> str:
    """The language a source lesson is written in (its `language:`, else English)."""
    value = data.get("language")
    return (normalise_language(value) if isinstance(value, str) else None) or "en"


def _same_language(file: LessonFile, locale: str) -> LessonError:
    return LessonError(
        f"this lesson is written in '{locale}' already: a translation into its own language would "
        "replace its PDFs, so none is made",
        code="i18n.same-language",
        location=SourceLocation(file.shown),
        hint="choose the language to translate into with --locale, e.g. --locale es",
    )


def status(paths: tuple[str, ...], locales: list[str]) -> tuple[list[LessonStatus], list[LessonError]]:
    """Status of every lesson in every locale."""
    sources, problems = _sources(paths)
    out = []
    for locale in locales:
        for file, _ in sources:
            result, found = lesson_status(file, locale)
            problems += found
            if result is not None:
                out.append(result)
    return out, problems


def sync(paths: tuple[str, ...], locale: str) -> Outcome:
    """Record every current translation as made from the current source (after updating)."""
    statuses, problems = status(paths, [locale])
    changed, written = 0, []
    states: dict[Path, LocaleState] = {}
    for result in statuses:
        file = next(f for f, _ in _sources(paths)[0] if f.lesson_id == result.lesson_id)
        folder = translation_path(file, locale)[0].parent
        state = states.setdefault(folder, LocaleState.load(folder))
        for item in result.strings:
            if item.translation:
                changed += state.record(
                    result.lesson_id, item.field.context, item.field.text, item.translation
                )
    for state in states.values():
        if state.save():
            written.append(str(state.path))
    return Outcome(tuple(written), changed, tuple(problems))


def export(paths: tuple[str, ...], locale: str, fmt: str, out: Path) -> Outcome:
    """Write one catalog (PO or CSV) with every string of every lesson for `locale`."""
    statuses, problems = status(paths, [locale])
    sources, _ = _sources(paths)
    audiences = {f.lesson_id: str(d.get("audience") or "") for f, d in sources}
    text = to_po(statuses, locale, audiences) if fmt == "po" else to_csv(statuses, audiences)
    write_atomic(out, text.encode("utf-8"))
    return Outcome((str(out),), sum(len(s.strings) for s in statuses), tuple(problems))


def import_catalog(paths: tuple[str, ...], catalog: Path, shown: str, locale: str | None) -> Outcome:
    """Write a catalog's translations into the translation files, or nothing if any is wrong."""
    found_locale, entries, problems = read_catalog(catalog, shown)
    locale = locale or found_locale or (catalog.stem if catalog.suffix.lower() == ".csv" else None)
    if not locale:
        problems.append(
            LessonError(
                "the catalog does not say its language",
                code="catalog.language",
                location=SourceLocation(shown, 1, 1),
                hint="pass --locale",
            )
        )
    sources, found = _sources(paths)
    problems += found
    if problems or not locale:
        return Outcome((), 0, tuple(problems))
    plan, problems = _plan_import(sources, entries, locale, shown)
    if problems:
        return Outcome((), 0, tuple(problems))
    return _apply_import(plan, locale)


@dataclass
class _Edit:
    file: LessonFile
    source: dict
    doc: object
    path: Path
    shown: str
    changed: list[tuple[str, str, str]]  # (context, source seen, translation)


def _plan_import(
    sources: list[tuple[LessonFile, dict]], entries: list[Entry], locale: str, shown: str
) -> tuple[list[_Edit], list[LessonError]]:
    """Apply every entry in memory and check the results; nothing is written here."""
    by_id = {f.lesson_id: (f, d) for f, d in sources}
    edits: dict[str, _Edit] = {}
    problems: list[LessonError] = []
    for entry in entries:
        where = SourceLocation(shown, entry.line, 1)
        if entry.lesson_id not in by_id:
            problems.append(
                LessonError(f"no lesson with id '{entry.lesson_id}'", code="catalog.lesson", location=where)
            )
            continue
        file, data = by_id[entry.lesson_id]
        fields = {f.context: f for f in text_fields(data)}
        if entry.context not in fields:
            problems.append(
                LessonError(
                    f"lesson '{entry.lesson_id}' has no text '{entry.context}'",
                    code="catalog.context",
                    location=where,
                    hint="the source changed since export; export again",
                )
            )
            continue
        text = entry.translation.strip()
        if not text:
            continue
        try:
            parse(text, where)
        except LessonError as problem:
            problems.append(problem)
            continue
        edit = edits.get(entry.lesson_id) or _open(file, data, locale)
        edits[entry.lesson_id] = edit
        if files.set_value(edit.doc, data, fields[entry.context].path, text):
            edit.changed.append((entry.context, entry.source or fields[entry.context].text, text))
    for edit in edits.values():
        problems += _check(edit, locale)
    return list(edits.values()), problems


def _open(file: LessonFile, data: dict, locale: str) -> _Edit:
    path, shown = translation_path(file, locale)
    if path.is_file():
        doc = files.load_for_edit(path)
    else:
        from ruamel.yaml import YAML

        doc = YAML().load(files.skeleton(data, file.shown, locale, language_name(locale)))
    return _Edit(file, data, doc, path, shown, [])


def _check(edit: _Edit, locale: str) -> list[LessonError]:
    """The edited translation must still load and merge as a valid lesson."""
    if not edit.changed:
        return []
    text = files._dump(edit.doc)
    try:
        source = load_yaml(edit.file.path.read_bytes(), edit.file.shown)
        translated = load_yaml(text.encode("utf-8"), edit.shown)
    except LessonError as problem:
        return [problem]
    _, problems = localize(source, translated, edit.file.lesson_id, locale)
    return [p for p in problems if p.is_error]


def _apply_import(plan: list[_Edit], locale: str) -> Outcome:
    written, changed = [], 0
    for edit in plan:
        if not edit.changed:
            continue
        if files.save(edit.path, edit.doc):
            written.append(edit.shown)
        state = LocaleState.load(edit.path.parent)
        for context, source, text in edit.changed:
            state.record(edit.file.lesson_id, context, source, text)
            changed += 1
        state.save()
    return Outcome(tuple(written), changed, ())

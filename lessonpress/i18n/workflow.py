"""The translator's commands: init, status, sync, export and import, over every document a
translator translates (each lesson, the curriculum and the helplines)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import LessonError, SourceLocation
from ..languages import language_name, normalise_language
from ..model import Lesson
from ..output import write_atomic
from ..project import translations_root
from . import files
from .catalog import read_catalog, to_csv, to_po
from .documents import Document, find_documents
from .fields import text_fields
from .imports import plan_import
from .label_catalog import LABELS_ID, label_file, label_status, labels_po, plan_label_import, synced
from .state import LocaleState
from .status import DocumentStatus, document_status
from .writes import safe_target, write_together


@dataclass(frozen=True)
class Outcome:
    """What a command did: files written, strings changed, and every problem."""

    written: tuple[str, ...] = ()
    changed: int = 0
    problems: tuple[LessonError, ...] = ()


def init(paths: tuple[str, ...], locale: str) -> Outcome:
    """Create a translation file for every document that has none in `locale`; never overwrite."""
    documents, problems = find_documents(paths)
    written = []
    for document in documents:
        path, shown = document.translation(locale)
        if _language_of(document.data) == locale:
            problems.append(_same_language(document, locale))
            continue
        if path.exists() or path.is_symlink():
            continue
        text = files.skeleton(document.model, document.data, document.shown, locale, language_name(locale))
        write_atomic(path, text.encode("utf-8"))
        state = LocaleState.load(path.parent)
        problems += state.problems
        fields = text_fields(document.data, document.model)
        state.adopt(document.id, document.data, fields)
        for field in fields:
            state.record(document.id, field.context, field.text, "")
        state.save()
        written.append(shown)
    return Outcome(tuple(written), 0, tuple(problems))


def _language_of(data: dict) -> str:
    """The language a source document is written in (its `language:`, else English)."""
    value = data.get("language")
    return (normalise_language(value) if isinstance(value, str) else None) or "en"


def _same_language(document: Document, locale: str) -> LessonError:
    what = "this lesson is" if document.model is Lesson else f"the {document.id} file is"
    return LessonError(
        f"{what} written in '{locale}' already: a translation into its own language would "
        "replace its PDFs, so none is made",
        code="i18n.same-language",
        location=SourceLocation(document.shown),
        hint="choose the language to translate into with --locale, e.g. --locale es",
    )


def status(paths: tuple[str, ...], locales: list[str]) -> tuple[list[DocumentStatus], list[LessonError]]:
    """Status of every document in every locale, and of the interface labels."""
    documents, problems = find_documents(paths)
    return _statuses(documents, locales, problems, paths)


def _statuses(
    documents: list[Document], locales: list[str], problems: list[LessonError], paths: tuple[str, ...]
) -> tuple[list[DocumentStatus], list[LessonError]]:
    out = []
    root, shown_root = translations_root(paths)
    for locale in locales:
        states: dict[Path, LocaleState] = {}
        for document in documents:
            folder = document.translation(locale)[0].parent
            if folder not in states:
                states[folder] = LocaleState.load(folder)
                problems += states[folder].problems
            result, found = document_status(document, locale, states[folder])
            problems += found
            if result is not None:
                out.append(result)
        labels, found = label_status(root, shown_root, locale)
        out.append(labels)
        problems += found
    return out, problems


def sync(paths: tuple[str, ...], locale: str) -> Outcome:
    """Record every current translation as made from the current source (after updating)."""
    documents, problems = find_documents(paths)
    changed, written = 0, []
    states: dict[Path, LocaleState] = {}
    for document in documents:
        folder = document.translation(locale)[0].parent
        if folder not in states:
            states[folder] = LocaleState.load(folder)
            problems += states[folder].problems
        state = states[folder]
        result, found = document_status(document, locale, state)
        problems += found
        for item in result.strings if result else ():
            if item.translation:
                changed += state.record(document.id, item.field.context, item.field.text, item.translation)
    for state in states.values():
        if state.path.parent.is_dir() and state.save():
            written.append(str(state.path))
    labels, found = label_status(*translations_root(paths), locale)
    problems += found
    if labels.file and labels.count("stale"):
        write_atomic(
            label_file(translations_root(paths)[0], locale), labels_po(synced(labels), locale).encode()
        )
        changed += labels.count("stale")
        written.append(labels.file)
    return Outcome(tuple(written), changed, tuple(problems))


def export(
    paths: tuple[str, ...], locale: str, fmt: str, out: Path, shown: str, force: bool = False
) -> Outcome:
    """Write one catalog (PO or CSV) with every string of every document for `locale`."""
    refused = safe_target(out, shown, force)
    if refused is not None:
        return Outcome((), 0, (refused,))
    documents, problems = find_documents(paths)
    statuses, problems = _statuses(documents, [locale], problems, paths)
    kinds = {d.id: d for d in documents}
    text = to_po(statuses, locale, kinds) if fmt == "po" else to_csv(statuses, kinds)
    write_atomic(out, text.encode("utf-8"))
    return Outcome((shown,), sum(len(s.strings) for s in statuses), tuple(problems))


def import_catalog(paths: tuple[str, ...], catalog: Path, shown: str, locale: str | None) -> Outcome:
    """Write a catalog's translations into the translation files, or nothing if any is wrong.

    Everything is checked first (the catalog, every entry, every edited file as it would be);
    then every file is written, each atomically, and the translation record last. When any
    write fails, the files already replaced are put back, so nothing has changed.
    """
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
    documents, found = find_documents(paths)
    problems += found
    if not locale:
        return Outcome((), 0, tuple(problems))
    labels = [e for e in entries if e.doc_id == LABELS_ID]
    plan, found = plan_import(documents, [e for e in entries if e.doc_id != LABELS_ID], locale, shown)
    problems += found  # every problem, in one run
    label_edit, found = plan_label_import(labels, *translations_root(paths), locale, shown)
    problems += found
    if any(p.is_error for p in problems):
        return Outcome((), 0, tuple(problems))
    states: dict[Path, LocaleState] = {}
    changed = 0
    for edit in plan:
        folder = edit.path.parent
        state = states.setdefault(folder, LocaleState.load(folder))
        fields = text_fields(edit.document.data, edit.document.model)
        state.adopt(edit.document.id, edit.document.data, fields)
        for context, source, text in edit.changed:
            state.record(edit.document.id, context, source, text)
            changed += 1
    writes = [(edit.path, edit.shown, edit.text.encode("utf-8")) for edit in plan if edit.text != edit.before]
    if label_edit is not None:
        writes.append((label_edit.path, label_edit.shown, label_edit.text.encode("utf-8")))
        changed += label_edit.changed
    writes += [(s.path, str(s.path), s.text().encode("utf-8")) for s in states.values()]
    written = write_together(writes)
    shown_written = tuple(s for s in written if not s.endswith("translation-state.json"))
    return Outcome(shown_written, changed, tuple(problems))

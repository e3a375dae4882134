"""Report, per locale and document, which strings are translated, missing or stale.

Missing: the translation leaves the string out (or empty), so the build prints the source.
Stale: the source text changed after the string was translated, and the translation has not been
touched since; the report shows the old and the new source text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import LessonError
from ..project import read_input
from ..yamlio import load_yaml
from .documents import Document
from .fields import TextField, text_fields, value_at
from .state import LocaleState, fingerprint


@dataclass(frozen=True)
class StringStatus:
    """One string of one document in one locale."""

    field: TextField
    state: str  # "translated", "missing" or "stale"
    translation: str | None = None
    old_source: str | None = None


@dataclass(frozen=True)
class DocumentStatus:
    """The strings of one document in one locale, and the translation file (if there is one)."""

    doc_id: str
    locale: str
    file: str | None
    strings: tuple[StringStatus, ...]

    def count(self, state: str) -> int:
        """How many strings are in a state."""
        return sum(1 for s in self.strings if s.state == state)

    def of(self, state: str) -> list[StringStatus]:
        """The strings in a state."""
        return [s for s in self.strings if s.state == state]


def document_status(
    document: Document, locale: str, state: LocaleState | None = None
) -> tuple[DocumentStatus | None, list[LessonError]]:
    """The status of one document in one locale (None when its translation cannot be read)."""
    path, shown = document.translation(locale)
    translation: Any = None
    if path.is_file():
        try:
            translation = load_yaml(read_input(path, shown), shown).data
        except LessonError as problem:
            return None, [problem]
    state = state or LocaleState.load(path.parent)
    strings = tuple(strings_of(document.id, document.data, translation, state, document.model))
    return DocumentStatus(document.id, locale, shown if path.is_file() else None, strings), []


def strings_of(
    doc_id: str, source: Any, translation: Any, state: LocaleState, model: type
) -> list[StringStatus]:
    """Every string of a document with its state (the state's old names adopted first)."""
    fields = text_fields(source, model)
    state.adopt(doc_id, source, fields)
    return [_string(f, translation, state, doc_id, model) for f in fields]


def _string(field: TextField, translation: Any, state: LocaleState, doc_id: str, model: type) -> StringStatus:
    value = value_at(translation, field.path, model) if translation is not None else None
    if not isinstance(value, str) or not value.strip():
        return StringStatus(field, "missing")
    record = state.get(doc_id, field.context)
    # Stale: the source changed since the record, and the translation is still the one recorded
    # then, or was written afterwards into a field that was empty then (from the source text the
    # new file showed in its comments, which is the recorded one).
    untouched = record is not None and record.translation in (fingerprint(value), fingerprint(""))
    if record and record.source != field.text and untouched:
        return StringStatus(field, "stale", value, record.source)
    return StringStatus(field, "translated", value)


def stale_count(doc_id: str, source: Any, translation: Any, state: LocaleState, model: type) -> int:
    """How many strings of one translation are stale (for the build's warning)."""
    return sum(1 for s in strings_of(doc_id, source, translation, state, model) if s.state == "stale")


def format_report(statuses: list[DocumentStatus], language_name: Callable[[str], str]) -> list[str]:
    """The status as lines of text: a summary per document, then every stale string in detail."""
    lines: list[str] = []
    for locale in sorted({s.locale for s in statuses}):
        group = [s for s in statuses if s.locale == locale]
        total = sum(len(s.strings) for s in group)
        done = sum(s.count("translated") for s in group)
        lines.append(f"{locale} ({language_name(locale)}): {done} of {total} strings translated")
        for status in group:
            lines.append(
                f"  {status.doc_id}: {status.count('translated')} translated, "
                f"{status.count('missing')} missing, {status.count('stale')} stale"
                + ("" if status.file else " (no translation file)")
            )
            for item in status.of("stale"):
                lines += [
                    f"    stale: {item.field.context}",
                    f"      old source: {item.old_source}",
                    f"      new source: {item.field.text}",
                ]
    return lines

"""Report, per locale and lesson, which strings are translated, missing or stale.

Missing: the translation leaves the string out (or empty), so the build prints the source.
Stale: the source text changed after the string was translated, and the translation has not been
touched since; the report shows the old and the new source text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import LessonError
from ..project import TRANSLATIONS_DIR, LessonFile, translations_dir
from ..yamlio import load_yaml
from .fields import TextField, text_fields, value_at
from .state import LocaleState, fingerprint


@dataclass(frozen=True)
class StringStatus:
    """One string of one lesson in one locale."""

    field: TextField
    state: str  # "translated", "missing" or "stale"
    translation: str | None = None
    old_source: str | None = None


@dataclass(frozen=True)
class LessonStatus:
    """The strings of one lesson in one locale, and the translation file (if there is one)."""

    lesson_id: str
    locale: str
    file: str | None
    strings: tuple[StringStatus, ...]

    def count(self, state: str) -> int:
        """How many strings are in a state."""
        return sum(1 for s in self.strings if s.state == state)

    def of(self, state: str) -> list[StringStatus]:
        """The strings in a state."""
        return [s for s in self.strings if s.state == state]


def known_locales(files: list[LessonFile]) -> list[str]:
    """Locale folders found beside the lessons, sorted."""
    found: set[str] = set()
    for file in files:
        root = translations_dir(file.path)
        if root.is_dir():
            found.update(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    return sorted(found)


def translation_path(file: LessonFile, locale: str) -> tuple[Path, str]:
    """Where a lesson's translation into `locale` lives (whether or not it exists yet)."""
    folder = translations_dir(file.path) / locale
    for suffix in (".yaml", ".yml"):
        candidate = folder / f"{file.path.stem}{suffix}"
        if candidate.is_file():
            break
    else:
        candidate = folder / f"{file.path.stem}.yaml"
    shown = str(Path(file.shown).parent / TRANSLATIONS_DIR / locale / candidate.name)
    return candidate, shown


def lesson_status(
    file: LessonFile, locale: str, state: LocaleState | None = None
) -> tuple[LessonStatus | None, list[LessonError]]:
    """The status of one lesson in one locale (None when the source itself cannot be read)."""
    try:
        source = load_yaml(file.path.read_bytes(), file.shown).data
    except LessonError as problem:
        return None, [problem]
    path, shown = translation_path(file, locale)
    translation: Any = None
    if path.is_file():
        try:
            translation = load_yaml(path.read_bytes(), shown).data
        except LessonError as problem:
            return None, [problem]
    state = state or LocaleState.load(path.parent)
    strings = tuple(_string(f, translation, state, file.lesson_id) for f in text_fields(source))
    return LessonStatus(file.lesson_id, locale, shown if path.is_file() else None, strings), []


def _string(field: TextField, translation: Any, state: LocaleState, lesson_id: str) -> StringStatus:
    value = value_at(translation, field.path) if translation is not None else None
    if not isinstance(value, str) or not value.strip():
        return StringStatus(field, "missing")
    record = state.get(lesson_id, field.context)
    # Stale: the source changed since the record, and the translation is still the one recorded
    # then, or was written afterwards into a field that was empty then (from the source text the
    # new file showed in its comments, which is the recorded one).
    untouched = record is not None and record.translation in (fingerprint(value), fingerprint(""))
    if record and record.source != field.text and untouched:
        return StringStatus(field, "stale", value, record.source)
    return StringStatus(field, "translated", value)


def format_report(statuses: list[LessonStatus], language_name) -> list[str]:  # noqa: ANN001
    """The status as lines of text: a summary per lesson, then every stale string in detail."""
    lines: list[str] = []
    for locale in sorted({s.locale for s in statuses}):
        group = [s for s in statuses if s.locale == locale]
        total = sum(len(s.strings) for s in group)
        done = sum(s.count("translated") for s in group)
        lines.append(f"{locale} ({language_name(locale)}): {done} of {total} strings translated")
        for status in group:
            lines.append(
                f"  {status.lesson_id}: {status.count('translated')} translated, "
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

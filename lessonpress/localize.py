"""Turn a source document and one translation file into the document in the translation's language.

A document is a lesson, the curriculum or the helpline file. A translation file has the source's
schema (helplines: keyed by each entry's `id`); every text it leaves out falls back to the source
(and the build says which), every list must have as many items as the source's, and the result
is validated like the source, with each problem reported in the file it comes from. Merging
happens on the loaded data, before validation, so a translation never needs to repeat numbers,
addresses or anything else that does not change between languages. The curriculum and helpline
translations may hold nothing else: a phone number or a course's lesson list is never
translated.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import LessonError, SourceLocation
from .i18n.fields import (
    carries_text,
    field_spec,
    item_type,
    keyed_by_id,
    shorthand,
    text_fields,
    translatable,
    translation_path,
    value_at,
)
from .model import Course, HelplineBook, Lesson
from .validate import Converter, validate_course, validate_lesson
from .yamlio import Path_, YamlDocument

STATUSES = ("draft", "reviewed")
TRANSLATION_KEYS = ("translation", "language")  # about the file, not a text of the source
_MISSING = object()
T = TypeVar("T")


@dataclass(frozen=True)
class MergedDocument:
    """Source data overlaid with a translation; positions point into whichever file a value is from."""

    source: YamlDocument
    translation: YamlDocument
    data: Any
    model: type = Lesson

    @property
    def path(self) -> str:
        """The translation file: where the merged document comes from."""
        return self.translation.path

    def where(self, path: Path_, *, key: bool = False) -> SourceLocation:
        """Location in the translation when it has this value (or its key), else in the source."""
        probe, translated = path, translation_path(self.data, path, self.model)
        while probe:
            if translated in self.translation.value_marks or translated in self.translation.key_marks:
                return self.translation.where(translated, key=key)
            if probe in self.source.value_marks:
                return self.source.where(path, key=key)
            probe, translated = probe[:-1], translated[:-1]
        return self.translation.where((), key=key)


def localize(
    source: YamlDocument, translation: YamlDocument, lesson_id: str, locale: str
) -> tuple[Lesson | None, list[LessonError]]:
    """The translated lesson (or None) and every problem, including fallback warnings."""
    merged, problems = merge(source, translation, locale, Lesson)
    if merged is None:
        return None, problems
    lesson, found = validate_lesson(merged, lesson_id)
    return _finish(lesson, merged, problems + found, locale)


def localize_course(
    source: YamlDocument, translation: YamlDocument, locale: str, lesson_ids: set[str]
) -> tuple[Course | None, list[LessonError]]:
    """The curriculum in the translation's language: titles and descriptions translated."""
    merged, problems = merge(source, translation, locale, Course, strict=True)
    if merged is None:
        return None, problems
    course, found = validate_course(merged, lesson_ids)
    return _finish(course, merged, problems + found, locale)


def localize_helplines(
    source: YamlDocument, translation: YamlDocument, locale: str
) -> tuple[HelplineBook | None, list[LessonError]]:
    """The helpline book in the translation's language: names, descriptions and hours
    translated by each entry's id; numbers and addresses always from the source."""
    merged, problems = merge(source, translation, locale, HelplineBook, strict=True)
    if merged is None:
        return None, problems
    converter = Converter(merged)
    book = converter.root(HelplineBook, "a helpline file")
    return _finish(book, merged, problems + converter.problems, locale)


def merge(
    source: YamlDocument, translation: YamlDocument, locale: str, model: type, *, strict: bool = False
) -> tuple[MergedDocument | None, list[LessonError]]:
    """The translation overlaid on the source (None when the translation is not a mapping)."""
    if not isinstance(translation.data, dict):
        return None, [
            LessonError(
                "a translation file must be a mapping (key: value lines)",
                code="schema.not-mapping",
                location=translation.where(()),
            )
        ]
    merger = _Merger(translation, model, strict, source.path)
    data = merger.value(model, source.data, translation.data, (), ())
    problems = merger.problems
    language = translation.data.get("language")
    if language is None:
        data["language"] = locale
    elif language != locale:
        problems.append(
            LessonError(
                f"language '{language}' does not match the folder '{locale}'",
                code="i18n.language",
                location=translation.where(("language",)),
                hint=f"a file in translations/{locale}/ must say `language: {locale}`",
            )
        )
    return MergedDocument(source, translation, data, model), problems


def _finish(
    result: T | None, merged: MergedDocument, problems: list[LessonError], locale: str
) -> tuple[T | None, list[LessonError]]:
    """Check the translation block and report fallbacks; None when there is any error."""
    translation = merged.translation
    if result is not None:
        block = getattr(result, "translation", None)
        if block is not None and block.status not in STATUSES:
            problems.append(
                LessonError(
                    f"translation status '{block.status}' is not draft or reviewed",
                    code="i18n.status",
                    location=translation.where(("translation", "status")),
                )
            )
        fallbacks = fallback_fields(merged.source.data, translation.data, merged.model)
        if fallbacks:
            more = f" and {len(fallbacks) - 4} more" if len(fallbacks) > 4 else ""
            shown = ", ".join(fallbacks[:4]) + more
            problems.append(
                LessonError(
                    f"{len(fallbacks)} text{'s' * (len(fallbacks) != 1)} not translated, printed in the "
                    f"source language: {shown}",
                    code="i18n.fallback",
                    severity="warning",
                    location=SourceLocation(translation.path, 1, 1),
                    hint=f"`lessonpress i18n status --locale {locale}` lists them",
                )
            )
    if any(p.is_error for p in problems):
        return None, problems
    return result, problems


def fallback_fields(source: Any, translation: Any, model: type = Lesson) -> list[str]:
    """Contexts of the source texts the translation leaves out."""
    return [
        f.context
        for f in text_fields(source, model)
        if not str(value_at(translation, f.path, model) or "").strip()
    ]


class _Merger:
    """Overlays translation data on source data, following the model's shape."""

    def __init__(self, translation: YamlDocument, model: type, strict: bool, source_shown: str) -> None:
        self.translation = translation
        self.model = model
        self.strict = strict
        self.source_shown = source_shown
        self.problems: list[LessonError] = []

    def value(self, tp: Any, src: Any, tr: Any, path: Path_, tpath: Path_) -> Any:
        """`src` with `tr` over it; `tpath` is where `tr` sits in the translation file."""
        if tr is _MISSING or tr is None or (isinstance(tr, str) and not tr.strip()):
            return src  # left out or left empty: the source
        name = shorthand(tp)
        if name and isinstance(src, str) and isinstance(tr, dict):
            src = {name: src}  # `- Why?` against `- prompt: ...`
        if name and isinstance(src, dict) and isinstance(tr, str):
            tr = {name: tr}
        if isinstance(src, dict) and isinstance(tr, dict):
            return self.record(tp, src, tr, path, tpath)
        if isinstance(src, list):
            inner = item_type(tp)
            if inner is not None and keyed_by_id(inner):
                return self.by_id(inner, src, tr, path, tpath)
            if isinstance(tr, list):
                return self.by_position(inner, src, tr, path, tpath)
        return tr

    def record(self, tp: Any, src: dict, tr: dict, path: Path_, tpath: Path_) -> dict:
        """A mapping: each source key merged with the translation's; extra keys kept for
        validation to judge."""
        merged = {}
        for key, value in src.items():
            spec = field_spec(tp, key)
            merged[key] = self.value(
                spec[1] if spec else None, value, tr.get(key, _MISSING), (*path, key), (*tpath, key)
            )
        merged.update({k: v for k, v in tr.items() if k not in src})
        if self.strict:
            for key in tr:
                spec = field_spec(tp, key)
                if (
                    spec
                    and (path or key not in TRANSLATION_KEYS)
                    and not (translatable(spec[0]) and carries_text(spec[1]))
                ):
                    self.problems.append(
                        LessonError(
                            f"'{key}' is not translated: it always comes from {self.source_shown}",
                            code="i18n.not-translatable",
                            location=self.translation.where((*tpath, key), key=True),
                            hint="delete this line; a translation holds only names, titles and descriptions",
                        )
                    )
        return merged

    def by_position(self, inner: Any, src: list, tr: list, path: Path_, tpath: Path_) -> list:
        """A list translated item by item, in order."""
        if len(src) != len(tr):
            key = next((p for p in reversed(path) if isinstance(p, str)), "")
            self.problems.append(
                LessonError(
                    f"'{key}' has {len(tr)} item{'s' * (len(tr) != 1)} but the source has {len(src)}",
                    code="i18n.list-length",
                    location=self.translation.where(tpath),
                    hint="translate every item, in the same order; an item left out cannot be matched",
                )
            )
            return src
        return [
            self.value(inner, a, b, (*path, i), (*tpath, i))
            for i, (a, b) in enumerate(zip(src, tr, strict=True))
        ]

    def by_id(self, inner: Any, src: list, tr: Any, path: Path_, tpath: Path_) -> list:
        """A list translated by each item's id (helplines): the translation is a mapping."""
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        if not isinstance(tr, dict):
            self.problems.append(
                LessonError(
                    f"'{key}' in a translation must map each entry's id to its texts",
                    code="i18n.by-id",
                    location=self.translation.where(tpath),
                    hint=f"write `{key}:` then, indented, `some-id:` and under it `name: ...`",
                )
            )
            return src
        ids = [item.get("id") if isinstance(item, dict) else None for item in src]
        for name in tr:
            if name not in ids:
                close = difflib.get_close_matches(str(name), [i for i in ids if isinstance(i, str)], n=1)
                self.problems.append(
                    LessonError(
                        f"no entry with id '{name}' in {self.source_shown}; its translation is not used",
                        code="i18n.unknown-id",
                        severity="warning",
                        location=self.translation.where((*tpath, name), key=True),
                        hint=f"did you mean '{close[0]}'?" if close else "the source may have removed it",
                    )
                )
        return [
            self.value(
                inner,
                item,
                tr.get(ident, _MISSING) if isinstance(ident, str) else _MISSING,
                (*path, i),
                (*tpath, ident if isinstance(ident, str) else i),
            )
            for i, (item, ident) in enumerate(zip(src, ids, strict=True))
        ]

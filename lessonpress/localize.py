"""Turn a source lesson and one translation file into a lesson in the translation's language.

A translation file has the lesson schema; every field it leaves out falls back to the source
(and the build says which), every list must have as many items as the source's, and the result
is validated like any lesson, with each problem reported in the file it comes from. Merging
happens on the loaded data, before validation, so a translation never needs to repeat numbers,
addresses or anything else that does not change between languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import LessonError, SourceLocation
from .i18n.fields import ITEM_NAMES, text_fields, value_at
from .model import Lesson
from .validate import validate_lesson
from .yamlio import Path_, YamlDocument

STATUSES = ("draft", "reviewed")
_MISSING = object()


@dataclass(frozen=True)
class MergedDocument:
    """Source data overlaid with a translation; positions point into whichever file a value is from."""

    source: YamlDocument
    translation: YamlDocument
    data: Any

    @property
    def path(self) -> str:
        """The translation file: where the merged lesson comes from."""
        return self.translation.path

    def where(self, path: Path_, *, key: bool = False) -> SourceLocation:
        """Location in the translation when it has this value (or its key), else in the source."""
        probe = path
        while probe:
            if probe in self.translation.value_marks or probe in self.translation.key_marks:
                return self.translation.where(path, key=key)
            if probe in self.source.value_marks:
                return self.source.where(path, key=key)
            probe = probe[:-1]
        return self.translation.where((), key=key)


def localize(
    source: YamlDocument, translation: YamlDocument, lesson_id: str, locale: str
) -> tuple[Lesson | None, list[LessonError]]:
    """The translated lesson (or None) and every problem, including fallback warnings."""
    problems: list[LessonError] = []
    if not isinstance(translation.data, dict):
        return None, [
            LessonError(
                "a translation file must be a mapping (key: value lines)",
                code="schema.not-mapping",
                location=translation.where(()),
            )
        ]
    data = _merge(source.data, translation.data, (), translation, problems)
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
    lesson, found = validate_lesson(MergedDocument(source, translation, data), lesson_id)
    problems += found
    if lesson is not None:
        problems += _translation_block(lesson, translation)
        fallbacks = fallback_fields(source.data, translation.data)
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
    return lesson, problems


def fallback_fields(source: Any, translation: Any) -> list[str]:
    """Contexts of the source texts the translation leaves out."""
    return [f.context for f in text_fields(source) if not str(value_at(translation, f.path) or "").strip()]


def _translation_block(lesson: Lesson, translation: YamlDocument) -> list[LessonError]:
    block = lesson.translation
    if block is not None and block.status not in STATUSES:
        return [
            LessonError(
                f"translation status '{block.status}' is not draft or reviewed",
                code="i18n.status",
                location=translation.where(("translation", "status")),
            )
        ]
    return []


def _merge(src: Any, tr: Any, path: Path_, translation: YamlDocument, problems: list[LessonError]) -> Any:
    """Overlay translation data on source data; lists must line up item by item."""
    if tr is _MISSING or tr is None or (isinstance(tr, str) and not tr.strip()):
        return src  # left out or left empty: the source
    if isinstance(src, str) and isinstance(tr, dict) and _is_item(path):
        src = {ITEM_NAMES[_list_key(path)]: src}  # `- Why?` against `- prompt: ...`
    if isinstance(src, dict) and isinstance(tr, str) and _is_item(path):
        tr = {ITEM_NAMES[_list_key(path)]: tr}
    if isinstance(src, dict) and isinstance(tr, dict):
        merged = {
            k: _merge(v, tr.get(k, _MISSING), (*path, k), translation, problems) for k, v in src.items()
        }
        merged.update({k: v for k, v in tr.items() if k not in src})
        return merged
    if isinstance(src, list) and isinstance(tr, list):
        if len(src) != len(tr):
            problems.append(
                LessonError(
                    f"'{_list_key(path)}' has {len(tr)} item{'s' * (len(tr) != 1)} but the source has "
                    f"{len(src)}",
                    code="i18n.list-length",
                    location=translation.where(path),
                    hint="translate every item, in the same order; an item left out cannot be matched",
                )
            )
            return src
        return [
            _merge(a, b, (*path, i), translation, problems)
            for i, (a, b) in enumerate(zip(src, tr, strict=True))
        ]
    return tr


def _is_item(path: Path_) -> bool:
    return bool(path) and isinstance(path[-1], int) and _list_key(path) in ITEM_NAMES


def _list_key(path: Path_) -> str:
    return next((p for p in reversed(path) if isinstance(p, str)), "")

"""Read translation records written before version 2, which named list items by their first words.

Version 1 of `translation-state.json` named an item `objectives[recognise-when-an-online-friend]`:
edit those words and the record no longer matched anything, so the edited item passed as
translated. Version 2 names it by position (`objectives[2]`, see `fields.py`). This module keeps
the version-1 naming, frozen as it was, only to move old records to the new names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from .fields import Path_

# The version-1 rules, frozen: do not derive these from the model, they describe old files.
_NOT_TRANSLATED = frozenset(
    {
        "language",
        "duration_minutes",
        "minutes",
        "url",
        "helplines",
        "version",
        "age_range",
        "phone",
        "license",
        "translation",
        "authors",
    }
)
_ITEM_NAMES = {
    "discussion_prompts": "prompt",
    "activities": "title",
    "vocabulary": "term",
    "resources": "name",
    "sources": "title",
}
_WORD = re.compile(r"\w+")
_BRACKETS = re.compile(r"\[[^\]]*\]")


def legacy_contexts(data: Any) -> dict[Path_, str]:
    """Source path (list positions as ints) -> version-1 context, for a lesson's source data."""
    if not isinstance(data, dict):
        return {}
    return dict(_walk(data, (), ""))


def shape(context: str) -> str:
    """A context with its item names blanked: `activities[].steps[]`; items of the same list
    share a shape in either version."""
    return _BRACKETS.sub("[]", context)


def _slug(text: str) -> str:
    return "-".join(_WORD.findall(text.lower())[:5])[:48] or "item"


def _walk(value: Any, path: Path_, context: str) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key not in _NOT_TRANSLATED:
                yield from _walk(child, (*path, key), f"{context}.{key}" if context else key)
    elif isinstance(value, list):
        names: list[str] = []
        seen: dict[str, int] = {}
        last = next((p for p in reversed(path) if isinstance(p, str)), "")
        for item in value:
            field = _ITEM_NAMES.get(last)
            text = (
                str(item.get(field) or "")
                if isinstance(item, dict) and field
                else (item if isinstance(item, str) else "")
            )
            name = _slug(text)
            seen[name] = seen.get(name, 0) + 1
            names.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
        for i, (item, name) in enumerate(zip(value, names, strict=True)):
            yield from _walk(item, (*path, i), f"{context}[{name}]")
    elif isinstance(value, str) and value.strip():
        last = next((p for p in reversed(path) if isinstance(p, str)), "")
        if len(path) >= 2 and isinstance(path[-1], int) and last in _ITEM_NAMES:
            field = _ITEM_NAMES[last]
            yield (*path, field), f"{context}.{field}"
        else:
            yield path, context


def migrate(records: dict[str, Any], data: Any, fields: list) -> dict[str, Any]:
    """Version-1 records of one lesson renamed to version-2 contexts.

    A record whose name still matches an item of the current source moves to that item. The
    records left over are items whose first words were edited since: within one list they are
    paired with the items left without a record, when both counts agree (the most similar
    source texts first), so the edit shows as stale. Anything else cannot be placed and is
    dropped, as version 1 had lost track of it already.
    """
    old_names = legacy_contexts(data)
    moved: dict[str, Any] = {}
    placed = set()
    unplaced = []
    for field in fields:
        old = old_names.get(field.path)
        if old is not None and old in records:
            moved[field.context] = records[old]
            placed.add(old)
        else:
            unplaced.append(field)
    left = [name for name in records if name not in placed]
    for group in sorted({shape(f.context) for f in unplaced}):
        new = [f for f in unplaced if shape(f.context) == group]
        before = [name for name in left if shape(name) == group]
        if len(new) == len(before):
            moved.update(_pair(new, before, records))
    return moved


def _pair(new: list, old: list[str], records: dict[str, Any]) -> dict[str, Any]:
    """Each new field with the old record whose source text is most like its text."""
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, f.text, records[name].source).ratio(), i, j)
            for i, f in enumerate(new)
            for j, name in enumerate(old)
        ),
        reverse=True,
    )
    out, used_new, used_old = {}, set(), set()
    for _, i, j in scored:
        if i not in used_new and j not in used_old:
            out[new[i].context] = records[old[j]]
            used_new.add(i)
            used_old.add(j)
    return out

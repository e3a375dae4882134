"""Name every translatable text of a lesson by a stable context, not by its list position.

A translator's catalog (PO, CSV) and the record of what was translated when both need a name
for each string that survives reordering a list: `objectives[explain-why-paying-or-sending]`
rather than `objectives[1]`. List items are named by the first words of their own text (or of
their title, term, name or prompt), so moving an item keeps its name and its translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

Path_ = tuple[str | int, ...]

# Keys whose values are never translated: numbers, addresses, flags, the language itself.
NOT_TRANSLATED = frozenset(
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
# What names an item of a list of mappings.
ITEM_NAMES = {
    "discussion_prompts": "prompt",
    "activities": "title",
    "vocabulary": "term",
    "resources": "name",
    "sources": "title",
}
# Where each field is printed, for a translator's comment.
FACILITATOR_ONLY = frozenset({"notes", "follow_ups", "facilitator_notes", "safeguarding"})
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TextField:
    """One translatable string: its stable context, where it sits, and its source text."""

    context: str
    path: Path_
    text: str

    @property
    def key(self) -> str:
        """The field's own key, e.g. `notes` for `discussion_prompts[why].notes`."""
        return next((p for p in reversed(self.path) if isinstance(p, str)), "")

    @property
    def facilitator_only(self) -> bool:
        """True for text only facilitators see (notes, safeguarding, ...)."""
        return any(isinstance(p, str) and p in FACILITATOR_ONLY for p in self.path)


def slug(text: str, words: int = 5) -> str:
    """The first words of a text, lower-case and joined by hyphens: a readable item name."""
    found = _WORD.findall(text.lower())[:words]
    return "-".join(found)[:48] or "item"


def text_fields(data: Any) -> list[TextField]:
    """Every translatable string of a lesson's source data, in document order."""
    if not isinstance(data, dict):
        return []
    return list(_walk(data, (), ""))


def _walk(value: Any, path: Path_, context: str) -> Iterator[TextField]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key in NOT_TRANSLATED:
                continue
            yield from _walk(child, (*path, key), f"{context}.{key}" if context else key)
    elif isinstance(value, list):
        names = _item_names(value, _last_key(path))
        for i, (item, name) in enumerate(zip(value, names, strict=True)):
            yield from _walk(item, (*path, i), f"{context}[{name}]")
    elif isinstance(value, str) and value.strip():
        if len(path) >= 2 and isinstance(path[-1], int) and _last_key(path) in ITEM_NAMES:
            # A prompt written as plain text: named like the `prompt:` form, so either form of
            # the item in a translation matches it.
            field = ITEM_NAMES[_last_key(path)]
            context, path = f"{context}.{field}", (*path, field)
        yield TextField(context, path, value.strip())


def _item_names(items: list, key: str) -> list[str]:
    """Names for list items, unique within the list (a repeated name gets -2, -3...)."""
    names: list[str] = []
    seen: dict[str, int] = {}
    field = ITEM_NAMES.get(key)
    for item in items:
        if isinstance(item, dict) and field:
            text = str(item.get(field) or "")
        else:
            text = item if isinstance(item, str) else ""
        name = slug(text)
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return names


def _last_key(path: Path_) -> str:
    return next((p for p in reversed(path) if isinstance(p, str)), "")


def value_at(data: Any, path: Path_) -> Any:
    """The value at `path`, or None when the path does not exist (a prompt's text form too)."""
    current = data
    for i, part in enumerate(path):
        if isinstance(current, str) and i == len(path) - 1 and part in ITEM_NAMES.values():
            return current  # `- Why?` stands for `- prompt: Why?`
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return None
        elif not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current

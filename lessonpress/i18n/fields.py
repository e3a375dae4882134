"""Name every translatable text of a document, reading what is translatable from `model.py`.

A document is a lesson, the curriculum (`Course`) or the helpline file (`HelplineBook`); its model
class says which fields are text (`RichText`), which of them stay as written
(`translate=False`: numbers, versions, people's names), which are facilitator-only, which item
form is shorthand for a record (`- Why?` for `- prompt: Why?`) and which lists are keyed by `id`.

Each text gets a context that names where it sits, which is also its identity in catalogs and in
the translation record (`state.py`):
- a list item by its position, counted from 1: `objectives[2]`, `activities[1].steps[3]`.
  A translation file lines up with its source item by item, so position is what the translation
  of an item is attached to; the record keeps the source text it was made from, so editing an
  item's words makes its translation stale instead of orphaning it;
- an item of a list of records with an `id` (helplines) by that id: `helplines[gb-childline].name`,
  and its translation sits under that id (`helplines: {gb-childline: {name: ...}}`), so entries
  can be added, removed or reordered in the source without disturbing any translation.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from ..markup import RichText
from ..model import Lesson, schema_fields

Path_ = tuple[str | int, ...]
ID = "id"  # the field that keys a list of records in translations


@dataclass(frozen=True)
class TextField:
    """One translatable string: its context, where its translation sits, its source text."""

    context: str
    path: Path_  # in the translation file (ids for id-keyed lists)
    text: str
    facilitator_only: bool = False

    @property
    def key(self) -> str:
        """The field's own key, e.g. `notes` for `discussion_prompts[1].notes`."""
        return next((p for p in reversed(self.path) if isinstance(p, str)), "")


# -- reading the model ----------------------------------------------------------------------
# These answer questions about model types, never about documents, and walking a document asks
# them once per value (~140,000 times for the shipped lessons): each answer is kept per type.


def _per_type(question: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`question(tp)` answered once per (hashable) type."""
    remembered = functools.cache(question)

    @functools.wraps(question)
    def answer(tp: Any) -> Any:
        try:
            return remembered(tp)
        except TypeError:  # an unhashable annotation: asked afresh
            return question(tp)

    return answer


@_per_type
def _unwrap(tp: Any) -> Any:
    """`X | None` -> X."""
    if get_origin(tp) in (Union, types.UnionType):
        return next(a for a in get_args(tp) if a is not type(None))
    return tp


@_per_type
def item_type(tp: Any) -> Any | None:
    """The item type of a list field (`tuple[X, ...]`), else None."""
    tp = _unwrap(tp)
    return get_args(tp)[0] if get_origin(tp) is tuple else None


@_per_type
def is_text(tp: Any) -> bool:
    """True for a single translatable text (Annotated strings are numbers, URLs, dates...)."""
    return _unwrap(tp) is RichText


@_per_type
def is_record(tp: Any) -> bool:
    """True for a model class (a mapping in the file)."""
    tp = _unwrap(tp)
    return dataclasses.is_dataclass(tp) and tp is not RichText and get_origin(tp) is not Annotated


@_per_type
def keyed_by_id(cls: Any) -> bool:
    """True when a list of `cls` is translated by each item's `id`, not by position."""
    return is_record(cls) and ID in schema_fields(_unwrap(cls))


@_per_type
def shorthand(cls: Any) -> str | None:
    """The field a plain-text item stands for (`prompt` for a discussion prompt), if any."""
    return getattr(_unwrap(cls), "__shorthand__", None) if is_record(cls) else None


def translatable(spec: dataclasses.Field) -> bool:
    """False for fields marked `translate=False` in the model."""
    return spec.metadata.get("translate", True)


def carries_text(tp: Any, seen: frozenset = frozenset()) -> bool:
    """True when a value of this type holds something a translator translates."""
    tp = _unwrap(tp)
    if is_text(tp):
        return True
    inner = item_type(tp)
    if inner is not None:
        return carries_text(inner, seen)
    if is_record(tp) and tp not in seen:
        return any(
            translatable(spec) and carries_text(t, seen | {tp}) for spec, t in schema_fields(tp).values()
        )
    return False


def field_spec(cls: Any, key: str) -> tuple[dataclasses.Field, Any] | None:
    """The model field `key` of a record class, if it has one."""
    return schema_fields(_unwrap(cls)).get(key) if is_record(cls) else None


# -- walking a document ---------------------------------------------------------------------


def text_fields(data: Any, model: type = Lesson) -> list[TextField]:
    """Every translatable string of a document's source data, in document order."""
    if not isinstance(data, dict):
        return []
    return list(_record(model, data, (), "", False))


def _record(cls: type, data: dict, path: Path_, context: str, facilitator: bool) -> Iterator[TextField]:
    for key, value in data.items():
        spec = field_spec(cls, key) if isinstance(key, str) else None
        if spec is None or not translatable(spec[0]):
            continue
        inside = facilitator or spec[0].metadata.get("facilitator", False)
        yield from _value(spec[1], value, (*path, key), f"{context}.{key}" if context else key, inside)


def _value(tp: Any, value: Any, path: Path_, context: str, facilitator: bool) -> Iterator[TextField]:
    inner = item_type(tp)
    if inner is not None and isinstance(value, list):
        for i, item in enumerate(value):
            name = _item_name(inner, item, i)
            if name is not None:
                yield from _value(inner, item, (*path, name), f"{context}[{_shown(name)}]", facilitator)
    elif is_record(tp):
        field = shorthand(tp)
        if isinstance(value, str) and field:
            yield from _value(RichText, value, (*path, field), f"{context}.{field}", facilitator)
        elif isinstance(value, dict):
            yield from _record(_unwrap(tp), value, path, context, facilitator)
    elif (is_text(tp) or inner is not None) and isinstance(value, str) and value.strip():
        yield TextField(context, path, value.strip(), facilitator)  # a text, or a one-text list


def _item_name(cls: Any, item: Any, index: int) -> str | int | None:
    """How an item is found in a translation: its id (id-keyed lists) or its position."""
    if not keyed_by_id(cls):
        return index
    key = item.get(ID) if isinstance(item, dict) else None
    return key if isinstance(key, str) and key else None


def _shown(name: str | int) -> str:
    return str(name + 1) if isinstance(name, int) else name


def value_at(data: Any, path: Path_, model: type = Lesson) -> Any:
    """The value at a translation path, or None (a shorthand item answers for its field)."""
    current, tp = data, model  # type: tuple[Any, Any]
    for part in path:
        field = shorthand(tp)
        if isinstance(current, str) and field == part:
            current, tp = current, RichText  # `- Why?` stands for `- prompt: Why?`
            continue
        if isinstance(part, int):
            if not isinstance(current, list) or not 0 <= part < len(current):
                return None
            current, tp = current[part], item_type(tp)
        elif isinstance(current, dict) and part in current:
            tp = item_type(tp) if item_type(tp) is not None else _field_type(tp, part)
            current = current[part]
        else:
            return None
    return current


def _field_type(tp: Any, key: str) -> Any:
    spec = field_spec(tp, key)
    return spec[1] if spec else None


def translation_path(data: Any, path: Path_, model: type = Lesson) -> Path_:
    """A path in source (or merged) data as a path in a translation file: list positions of
    id-keyed lists become ids."""
    out: list[str | int] = []
    current, tp = data, model  # type: tuple[Any, Any]
    for part in path:
        inner = item_type(tp)
        if isinstance(part, int) and inner is not None:
            item = current[part] if isinstance(current, list) and 0 <= part < len(current) else None
            name = _item_name(inner, item, part)
            out.append(part if name is None else name)
            current, tp = item, inner
        else:
            out.append(part)
            current = current.get(part) if isinstance(current, dict) else None
            tp = _field_type(tp, part) if isinstance(part, str) else None
    return tuple(out)

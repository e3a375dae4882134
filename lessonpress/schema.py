"""Turn the lesson model into JSON Schema, so editors can autocomplete and underline mistakes.

Generated from the same annotations `validate.py` reads, so the published schema and the
validator cannot drift apart; a test compares it with the copy in `docs/lesson.schema.json`.
"""

from __future__ import annotations

import dataclasses
import json
import types
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

from . import model
from .markup import RichText
from .model import Kind
from .validate import MAX_LIST_ITEMS, MAX_TEXT_LENGTH

SCHEMA_ID = "https://raw.githubusercontent.com/lessonpress/lessonpress/main/docs/lesson.schema.json"

_KINDS: dict[str, dict[str, Any]] = {
    Kind.URL: {"type": "string", "format": "uri", "pattern": "^(https?://|mailto:|tel:)"},
    Kind.LANGUAGE: {
        "type": "string",
        "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        "examples": ["en", "es", "ar", "pt-BR"],
    },
    Kind.POSITIVE: {"type": "integer", "minimum": 1},
    Kind.FLAG: {"type": "boolean"},
}


def lesson_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a lesson file."""
    defs: dict[str, Any] = {}
    root = _object(model.Lesson, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "lessonpress lesson",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def schema_json() -> str:
    """The schema as stable, pretty-printed JSON text."""
    return json.dumps(lesson_schema(), indent=2, ensure_ascii=False) + "\n"


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls, include_extras=True)
    properties, required = {}, []
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        prop = _type(hints[f.name], defs)
        if f.metadata.get("single"):
            prop = {"anyOf": [prop["items"], prop]}
        if f.metadata.get("required"):
            required.append(f.name)
            if prop.get("type") == "array":
                prop["minItems"] = 1
        doc = f.metadata.get("doc", "")
        if f.metadata.get("facilitator"):
            doc += " Never printed on learner handouts or slides."
        properties[f.name] = {"description": doc.strip(), **prop}
    out = {
        "type": "object",
        "description": (cls.__doc__ or "").strip(),
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        out["required"] = required
    return out


def _type(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return _type(next(a for a in get_args(tp) if a is not type(None)), defs)
    if origin is Annotated:
        return dict(_KINDS[get_args(tp)[1]])
    if origin is tuple:
        return {"type": "array", "items": _type(get_args(tp)[0], defs), "maxItems": MAX_LIST_ITEMS}
    if tp in (RichText, str):
        return {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_LENGTH}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _object(tp, defs)
            shorthand = getattr(tp, "__shorthand__", None)
            if shorthand:
                defs[name] = {
                    "anyOf": [{"type": "string", "minLength": 1}, defs[name]],
                    "description": defs[name]["description"],
                }
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no schema for {tp!r}")

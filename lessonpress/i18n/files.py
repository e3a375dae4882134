"""Create and edit translation files, keeping every comment and everything a translator wrote.

A new translation file has the source's shape with every text left empty and the source text in
a comment just above it, so a translator can work in any text editor; an empty field prints the
source language. Edits (from an imported catalog) go through a round-trip YAML library, so the
translator's comments and layout survive, and a file is rewritten only when its content changes.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..output import write_atomic
from .fields import ITEM_NAMES, NOT_TRANSLATED, Path_

COMMENT_WIDTH = 96


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: comments and key order are kept
    yaml.width = 4096  # never fold a translator's long line
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def skeleton(source: dict, source_shown: str, locale: str, language_name: str) -> str:
    """The text of a new translation file: the source's shape, empty texts, source in comments."""
    doc = CommentedMap()
    doc["translation"] = CommentedMap([("status", "draft"), ("translators", CommentedSeq())])
    doc["language"] = locale
    for key, value in source.items():
        if key in NOT_TRANSLATED:
            continue
        doc[key] = _empty_copy(value, key, 2)
        _comment(doc, key, value, 0)
    doc.yaml_set_start_comment(
        f"{language_name} translation of {source_shown}.\n"
        "Write the translation after each key or dash; the source text is in the comment above it.\n"
        "Anything left empty prints in the source language. Keep every list item, in order.\n"
        "status: draft until a native speaker has reviewed it, then reviewed."
    )
    return _dump(doc)


def _empty_copy(value: Any, key: str, column: int) -> Any:
    """The same shape with texts emptied and untranslated keys (urls, minutes...) left out.

    `column` is where this container's keys or dashes will be written, so that each comment
    lines up with the field below it.
    """
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            if k not in NOT_TRANSLATED:
                out[k] = _empty_copy(v, k, column + 2)
                _comment(out, k, v, column)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_empty_copy(item, key, column + 2) for item in value)
        for i, item in enumerate(value):
            _comment(seq, i, item, column)
        return seq
    return None


def _comment(container: CommentedMap | CommentedSeq, key: Any, value: Any, column: int) -> None:
    """Put the source text above a field that will hold its translation."""
    if not isinstance(value, str):
        return
    lines = textwrap.wrap(" ".join(value.split()), COMMENT_WIDTH) or [""]
    container.yaml_set_comment_before_after_key(key, before="\n".join(lines), indent=column)


def _dump(doc: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(doc, buffer)
    return buffer.getvalue()


def load_for_edit(path: Path) -> Any:
    """A translation file as editable round-trip data."""
    return _yaml().load(path.read_text(encoding="utf-8"))


def set_value(doc: Any, source: Any, path: Path_, text: str) -> bool:
    """Put `text` at `path`, creating lists shaped like the source's; True when it changed."""
    parent, last = _container(doc, source, path)
    if isinstance(parent, str) or parent is None:
        return False
    current = parent[last] if _has(parent, last) else None
    if isinstance(current, str) and current == text:
        return False
    parent[last] = text
    return True


def _container(doc: Any, source: Any, path: Path_) -> tuple[Any, Any]:
    """The container that holds the last step of `path` in `doc`, made when missing."""
    node, src = doc, source
    for i, part in enumerate(path[:-1]):
        nxt = path[i + 1]
        src_child = src[part] if _has(src, part) else None
        if isinstance(src_child, str) and nxt in ITEM_NAMES.values():
            src_child = {nxt: src_child}  # `- Why?` becomes `- prompt: ...`
        child = node[part] if _has(node, part) else None
        if isinstance(src_child, list) and not isinstance(child, list):
            child = CommentedSeq([None] * len(src_child))
            node[part] = child
        elif isinstance(src_child, dict) and not isinstance(child, dict):
            text, child = child, CommentedMap()
            if isinstance(text, str):  # a prompt written as plain text keeps it
                name = next((n for n in ITEM_NAMES.values() if n in src_child), None)
                if name:
                    child[name] = text
            node[part] = child
        node, src = child, src_child
    return node, path[-1]


def _has(container: Any, key: Any) -> bool:
    if isinstance(container, dict):
        return key in container
    if isinstance(container, list):
        return isinstance(key, int) and 0 <= key < len(container)
    return False


def save(path: Path, doc: Any) -> bool:
    """Write an edited file when its text changed; True when written."""
    text = _dump(doc)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass
    write_atomic(path, text.encode("utf-8"))
    return True

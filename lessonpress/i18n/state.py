"""Remember what each translation was made from, so the tool can tell when it went stale.

For every translated string the record keeps the source text it was translated from and a
fingerprint of the translation at that time, under the string's context (`fields.py`: list items
by position, helplines by id). When the source text changes and the translation has not been
touched since, the string is stale, and the old and new source texts can both be shown. The
record lives in the locale's folder (`translation-state.json`), travels with the translation when
it is zipped, and is written only by lessonpress (init, import, sync): a translator never edits it.

Version 1 files (item names from their first words) are read too: each document's records are
renamed the first time its source is at hand (`adopt`), and written back as version 2 by the
next command that saves the state. A file that is not what lessonpress wrote is reported and
treated as empty, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import LessonError, SourceLocation
from ..output import write_atomic
from ..project import TRANSLATION_RECORD, read_input
from .legacy import migrate

STATE_FILE = TRANSLATION_RECORD
VERSION = 2
MAX_STATE_BYTES = 16 * 1024 * 1024
_ABOUT = (
    "Written by lessonpress; do not edit. The source text each translation was made from, "
    "to find translations that have gone stale."
)


def fingerprint(text: str) -> str:
    """A short, stable fingerprint of a translation's text."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


@dataclass
class Record:
    """What one string was translated from, and what the translation was then."""

    source: str
    translation: str  # fingerprint

    def to_json(self) -> dict[str, str]:
        """The record as stored."""
        return {"source": self.source, "translation": self.translation}


Records = dict[str, dict[str, Record]]


@dataclass
class LocaleState:
    """All records of one locale folder: document id -> context -> Record."""

    path: Path
    documents: Records = field(default_factory=dict)
    legacy: Records = field(default_factory=dict)  # version-1 names, not yet adopted
    problems: list[LessonError] = field(default_factory=list)

    @classmethod
    def load(cls, folder: Path) -> LocaleState:
        """The state of a locale folder (empty when there is none; reported when unreadable)."""
        path = folder / STATE_FILE
        state = cls(path)
        if not os.path.lexists(path):
            return state
        try:
            # size-checked before reading, never more than the limit + 1 bytes (issue 13)
            raw = json.loads(read_input(path, str(path), MAX_STATE_BYTES).decode("utf-8"))
        except LessonError as problem:
            return state.refuse(f"cannot be read ({problem.message})")
        except ValueError as exc:
            return state.refuse(f"cannot be read ({exc})")
        if not isinstance(raw, dict):
            return state.refuse("is not a JSON object")
        version = raw.get("version", 1)
        documents = raw.get("documents" if version == VERSION else "lessons", {})
        if version not in (1, VERSION) or not isinstance(documents, dict):
            return state.refuse(f"is not a version {VERSION} state file")
        target = state.documents if version == VERSION else state.legacy
        _read_records(documents, target)
        legacy = raw.get("legacy", {}) if version == VERSION else {}
        _read_records(legacy if isinstance(legacy, dict) else {}, state.legacy)
        return state

    def refuse(self, why: str) -> LocaleState:
        """Note that the file was ignored (and will be rewritten by the next sync or import)."""
        self.problems.append(
            LessonError(
                f"{STATE_FILE} {why}; it is ignored, so no string can be reported stale",
                code="i18n.state",
                severity="warning",
                location=SourceLocation(str(self.path)),
                hint="lessonpress writes this file; `lessonpress i18n sync` writes a new one",
            )
        )
        return self

    def adopt(self, doc_id: str, data: Any, fields: list) -> None:  # noqa: ANN401
        """Rename a document's version-1 records to the current names (its source is `data`)."""
        old = self.legacy.pop(doc_id, None)
        if old:
            current = self.documents.setdefault(doc_id, {})
            for context, record in migrate(old, data, fields).items():
                current.setdefault(context, record)

    def get(self, doc_id: str, context: str) -> Record | None:
        """The record of one string, if any."""
        return self.documents.get(doc_id, {}).get(context)

    def record(self, doc_id: str, context: str, source: str, translation: str) -> bool:
        """Remember that `translation` was made from `source`; True when that changed anything."""
        new = Record(source, fingerprint(translation))
        records = self.documents.setdefault(doc_id, {})
        if records.get(context) == new:
            return False
        records[context] = new
        return True

    def text(self) -> str:
        """The state file's content: sorted, stable JSON, so unchanged state is byte-identical."""
        data: dict[str, Any] = {"about": _ABOUT, "version": VERSION, "documents": _dump(self.documents)}
        if any(self.legacy.values()):
            data["legacy"] = _dump(self.legacy)
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def save(self) -> bool:
        """Write the file when its content changed; True when it was written."""
        data = self.text().encode("utf-8")
        try:  # never more than the new content + 1 bytes read: the old file may be anything
            if read_input(self.path, str(self.path), len(data)) == data:
                return False
        except LessonError:
            pass
        write_atomic(self.path, data)
        return True


def _read_records(raw: dict, into: Records) -> None:
    """Well-formed records of `raw` (anything else is skipped: the file is not trusted)."""
    for doc_id, records in raw.items():
        if not isinstance(records, dict):
            continue
        into[str(doc_id)] = {
            str(ctx): Record(r["source"], r["translation"])
            for ctx, r in records.items()
            if isinstance(r, dict)
            and isinstance(r.get("source"), str)
            and isinstance(r.get("translation"), str)
        }


def _dump(records: Records) -> dict:
    return {
        doc: {ctx: rec.to_json() for ctx, rec in sorted(found.items())}
        for doc, found in sorted(records.items())
        if found
    }

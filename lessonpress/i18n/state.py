"""Remember what each translation was made from, so the tool can tell when it went stale.

For every translated string the record keeps the source text it was translated from and a
fingerprint of the translation at that time. When the source text changes and the translation
has not been touched since, the string is stale, and the old and new source texts can both be
shown. The record lives in the locale's folder (`translation-state.json`), travels with the
translation when it is zipped, and is written only by lessonpress (init, import, sync): a
translator never edits it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..output import write_atomic

STATE_FILE = "translation-state.json"


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


@dataclass
class LocaleState:
    """All records of one locale folder: lesson id -> context -> Record."""

    path: Path
    lessons: dict[str, dict[str, Record]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> LocaleState:
        """The state of a locale folder (empty when there is none, or it cannot be read)."""
        path = folder / STATE_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        lessons = {
            lesson: {
                ctx: Record(str(r.get("source", "")), str(r.get("translation", "")))
                for ctx, r in records.items()
                if isinstance(r, dict)
            }
            for lesson, records in raw.get("lessons", {}).items()
            if isinstance(records, dict)
        }
        return cls(path, lessons)

    def get(self, lesson_id: str, context: str) -> Record | None:
        """The record of one string, if any."""
        return self.lessons.get(lesson_id, {}).get(context)

    def record(self, lesson_id: str, context: str, source: str, translation: str) -> bool:
        """Remember that `translation` was made from `source`; True when that changed anything."""
        new = Record(source, fingerprint(translation))
        records = self.lessons.setdefault(lesson_id, {})
        if records.get(context) == new:
            return False
        records[context] = new
        return True

    def text(self) -> str:
        """The state file's content: sorted, stable JSON, so unchanged state is byte-identical."""
        data = {
            "about": "Written by lessonpress; do not edit. The source text each translation was "
            "made from, to find translations that have gone stale.",
            "lessons": {
                lesson: {ctx: rec.to_json() for ctx, rec in sorted(records.items())}
                for lesson, records in sorted(self.lessons.items())
                if records
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"

    def save(self) -> bool:
        """Write the file when its content changed; True when it was written."""
        text = self.text()
        try:
            if self.path.read_text(encoding="utf-8") == text:
                return False
        except OSError:
            pass
        write_atomic(self.path, text.encode("utf-8"))
        return True

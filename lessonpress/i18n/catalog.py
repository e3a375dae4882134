"""Exchange translations with translators as catalogs: PO (Weblate, Crowdin, Poedit) or CSV.

One catalog per locale holds every translatable string of every lesson: a stable context
(`lesson-id:field.path[item-name]`), the source text, the current translation, and a comment
saying where it prints and how long it may be. Stale strings are marked fuzzy with the old
source text, as gettext tools expect. Importing checks the whole catalog first and writes
nothing if any entry is wrong; a round trip with no edits changes no file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from ..errors import LessonError, SourceLocation
from .status import LessonStatus, StringStatus

CSV_COLUMNS = ("context", "source", "translation", "status", "comment")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell: str) -> str:
    """A cell a spreadsheet will not run: a leading formula character gets an apostrophe
    before it (and so does a leading apostrophe that `restore` would otherwise remove)."""
    if cell.startswith(_FORMULA) or (cell.startswith("'") and cell[1:2] in (*_FORMULA, "'")):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The exact inverse of `defuse` (an apostrophe a spreadsheet user typed before a formula
    character is dropped too, as the spreadsheet itself does)."""
    if cell.startswith("'") and cell[1:2] in (*_FORMULA, "'") and cell[1:2]:
        return cell[1:]
    return cell


@dataclass(frozen=True)
class Entry:
    """One string from an imported catalog, with the line it came from."""

    lesson_id: str
    context: str
    source: str
    translation: str
    line: int


def context_of(lesson_id: str, item: StringStatus) -> str:
    """The catalog context of a string: lesson id and field path."""
    return f"{lesson_id}:{item.field.context}"


def comment_of(item: StringStatus, audience: str | None) -> str:
    """A note for translators: where the text prints, for whom, and a length hint."""
    where = "facilitator guide only" if item.field.facilitator_only else "handout and slides"
    hint = max(20, round(len(item.field.text) * 1.3))
    parts = [f"Field: {item.field.context} ({where})."]
    if audience:
        parts.append(f"Audience: {audience}.")
    parts.append(f"Keep it under about {hint} characters.")
    return " ".join(parts)


def to_po(statuses: Iterable[LessonStatus], locale: str, audiences: dict[str, str]) -> str:
    """A PO catalog of every string of `statuses`."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "lessonpress lessons",
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for status in statuses:
        for item in status.strings:
            entry = polib.POEntry(
                msgctxt=context_of(status.lesson_id, item),
                msgid=item.field.text,
                msgstr=item.translation or "",
                comment=comment_of(item, audiences.get(status.lesson_id)),
            )
            if item.state == "stale":
                entry.flags.append("fuzzy")
                entry.previous_msgid = item.old_source
            po.append(entry)
    return str(po)


def to_csv(statuses: Iterable[LessonStatus], audiences: dict[str, str]) -> str:
    """The same catalog as CSV, for a spreadsheet (UTF-8 with a byte-order mark for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for status in statuses:
        for item in status.strings:
            note = comment_of(item, audiences.get(status.lesson_id))
            if item.state == "stale":
                note += f" Source changed; it was: {item.old_source}"
            writer.writerow(
                (
                    context_of(status.lesson_id, item),
                    item.field.text,
                    item.translation or "",
                    item.state,
                    note,
                )
            )
    return "\ufeff" + buffer.getvalue()


def read_catalog(path: Path, shown: str) -> tuple[str | None, list[Entry], list[LessonError]]:
    """(locale from the file, entries, problems) of a PO or CSV catalog."""
    if path.suffix.lower() == ".csv":
        return None, *_read_csv(path, shown)
    return _read_po(path, shown)


_PO_LINE = re.compile(r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*')


def po_syntax_errors(text: str, shown: str) -> list[LessonError]:
    """Lines a PO reader would misread silently (an unclosed quote, a stray word)."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or _PO_LINE.fullmatch(stripped):
            continue
        problems.append(
            LessonError(
                f"this line is not valid PO syntax: {stripped[:60]}",
                code="catalog.syntax",
                location=SourceLocation(shown, number, 1),
                hint="each line is a keyword and a quoted string, a quoted string, or a # comment",
            )
        )
    return problems


def _read_po(path: Path, shown: str) -> tuple[str | None, list[Entry], list[LessonError]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return (
            None,
            [],
            [
                LessonError(
                    f"cannot read the catalog: {exc}",
                    code="catalog.syntax",
                    location=SourceLocation(shown, 1, 1),
                    hint="save it as UTF-8",
                )
            ],
        )
    problems = po_syntax_errors(text, shown)
    if problems:
        return None, [], problems
    try:
        po = polib.pofile(str(path), encoding="utf-8", check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        return (
            None,
            [],
            [
                LessonError(
                    _po_message(str(exc)),
                    code="catalog.syntax",
                    location=SourceLocation(shown, _po_line(str(exc)), 1),
                )
            ],
        )
    entries, problems = [], []
    for item in po:
        if item.obsolete:
            continue
        lesson_id, context, ok = _split(item.msgctxt or "")
        if not ok:
            problems.append(
                LessonError(
                    f"entry has no lesson context ('{item.msgctxt or ''}')",
                    code="catalog.context",
                    location=SourceLocation(shown, item.linenum, 1),
                    hint='every entry needs msgctxt "lesson-id:field"',
                )
            )
            continue
        entries.append(Entry(lesson_id, context, item.msgid, item.msgstr, item.linenum))
    return po.metadata.get("Language") or None, entries, problems


def _read_csv(path: Path, shown: str) -> tuple[list[Entry], list[LessonError]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [
            LessonError(
                f"cannot read the catalog: {exc}",
                code="catalog.syntax",
                location=SourceLocation(shown, 1, 1),
                hint="save it as UTF-8 CSV",
            )
        ]
    reader = csv.reader(io.StringIO(text, newline=""))
    entries, problems = [], []
    try:
        header = next(reader, None)
        if header is None or [h.strip().lower() for h in header[:3]] != list(CSV_COLUMNS[:3]):
            return [], [
                LessonError(
                    "the first row must be: context, source, translation",
                    code="catalog.header",
                    location=SourceLocation(shown, 1, 1),
                )
            ]
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < 3:
                problems.append(
                    LessonError(
                        f"row has {len(row)} columns, not at least 3",
                        code="catalog.row",
                        location=SourceLocation(shown, line, 1),
                    )
                )
                continue
            lesson_id, context, ok = _split(row[0])
            if not ok:
                problems.append(
                    LessonError(
                        f"'{row[0]}' is not a lesson context",
                        code="catalog.context",
                        location=SourceLocation(shown, line, 1),
                    )
                )
                continue
            entries.append(Entry(lesson_id, context, row[1], row[2], line))
    except csv.Error as exc:
        problems.append(
            LessonError(
                f"CSV error: {exc}", code="catalog.syntax", location=SourceLocation(shown, reader.line_num, 1)
            )
        )
    return entries, problems


def _split(context: str) -> tuple[str, str, bool]:
    lesson_id, sep, field = context.partition(":")
    return lesson_id, field, bool(sep and lesson_id and field)


def _po_line(message: str) -> int:
    digits = "".join(c for c in message.split("line")[-1] if c.isdigit()) if "line" in message else ""
    return int(digits) if digits else 1


def _po_message(message: str) -> str:
    return message.split(" (line")[0].strip() or "the PO file cannot be read"

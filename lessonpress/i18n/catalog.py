"""Exchange translations with translators as catalogs: PO (Weblate, Crowdin, Poedit) or CSV.

One catalog per locale holds every translatable string of every document (lessons, curriculum,
helplines): a context (`document-id:field.path`), the source text, the current translation, and
a comment saying where it prints and how long it may be. Stale strings are marked fuzzy with the
old source text, as gettext tools expect.

Catalogs come back from strangers' tools, so reading them is strict and linear: the PO reader is
our own (polib's duplicate check is quadratic: 100,000 entries took minutes), and every entry it
will not use is reported at its line: a syntax error, a second entry for one context, a plural
entry, a fuzzy one (skipped). CSV cells that a spreadsheet would run as a formula are written
with a leading apostrophe and read back exactly (OWASP's CSV-injection advice).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from ..errors import LessonError, SourceLocation
from ..project import read_input
from .documents import FACILITATOR_ONLY, Document
from .status import DocumentStatus, StringStatus

CSV_COLUMNS = ("context", "source", "translation", "status", "comment")
GENERATOR = "lessonpress"
MAX_CATALOG_BYTES = 64 * 1024 * 1024
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Entry:
    """One string from an imported catalog, with the line it came from."""

    doc_id: str
    context: str
    source: str
    translation: str
    line: int


def context_of(doc_id: str, item: StringStatus) -> str:
    """The catalog context of a string: document id and field path."""
    return f"{doc_id}:{item.field.context}"


def comment_of(item: StringStatus, document: Document | None) -> str:
    """A note for translators: where the text prints, for whom, and a length hint."""
    where = (
        FACILITATOR_ONLY
        if item.field.facilitator_only
        else (document.printed_in if document else "handout and slides")
    )
    hint = max(20, round(len(item.field.text) * 1.3))
    parts = [f"Field: {item.field.context} ({where})."]
    audience = document.data.get("audience") if document else None
    if isinstance(audience, str) and audience.strip():
        parts.append(f"Audience: {audience.strip()}.")
    parts.append(f"Keep it under about {hint} characters.")
    return " ".join(parts)


# -- writing --------------------------------------------------------------------------------


def to_po(statuses: Iterable[DocumentStatus], locale: str, documents: Mapping[str, Document]) -> str:
    """A PO catalog of every string of `statuses`."""
    out = [
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: lessonpress lessons\\n"',
        f'"Language: {_escape(locale)}\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        f'"X-Generator: {GENERATOR}\\n"',
        "",
    ]
    for status in statuses:
        for item in status.strings:
            out.append(f"#. {_one_line(comment_of(item, documents.get(status.doc_id)))}")
            if item.state == "stale":
                out.append("#, fuzzy")
                out.append(f'#| msgid "{_escape(item.old_source or "")}"')
            out += [
                f'msgctxt "{_escape(context_of(status.doc_id, item))}"',
                f'msgid "{_escape(item.field.text)}"',
                f'msgstr "{_escape(item.translation or "")}"',
                "",
            ]
    return "\n".join(out)


def to_csv(statuses: Iterable[DocumentStatus], documents: Mapping[str, Document]) -> str:
    """The same catalog as CSV, for a spreadsheet (UTF-8 with a byte-order mark for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for status in statuses:
        for item in status.strings:
            note = comment_of(item, documents.get(status.doc_id))
            if item.state == "stale":
                note += f" Source changed; it was: {item.old_source}"
            writer.writerow(
                [
                    defuse(cell)
                    for cell in (
                        context_of(status.doc_id, item),
                        item.field.text,
                        item.translation or "",
                        item.state,
                        note,
                    )
                ]
            )
    return "\ufeff" + buffer.getvalue()


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


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
        .replace("\r", "\\r")
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- reading --------------------------------------------------------------------------------


def read_catalog(path, shown: str) -> tuple[str | None, list[Entry], list[LessonError]]:  # noqa: ANN001
    """(locale from the file, entries, problems) of a PO or CSV catalog."""
    text, problems = _read_text(path, shown)
    if text is None:
        return None, [], problems
    if path.suffix.lower() == ".csv":
        return None, *_read_csv(text, shown)
    return _read_po(text, shown)


def _read_text(path, shown: str) -> tuple[str | None, list[LessonError]]:  # noqa: ANN001
    def fail(message: str, line: int = 1, hint: str | None = None) -> tuple[None, list[LessonError]]:
        return None, [
            LessonError(message, code="catalog.syntax", location=SourceLocation(shown, line, 1), hint=hint)
        ]

    try:
        if not path.is_file():
            return fail("the catalog is not a regular file")
        # size-checked before reading, never more than the limit + 1 bytes read (issue 13)
        raw = read_input(path, shown, MAX_CATALOG_BYTES, "is this the catalog lessonpress exported?")
    except OSError as exc:
        return fail(f"cannot read the catalog: {exc.strerror or exc}")
    except LessonError as problem:
        return None, [problem]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail("the catalog is UTF-16, not UTF-8", hint="save it as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return fail(
            f"the catalog is not valid UTF-8 (byte 0x{raw[exc.start]:02X})",
            raw.count(b"\n", 0, exc.start) + 1,
            "save it as UTF-8",
        )
    if "\x00" in text:
        return fail("the catalog contains a NUL character", text.count("\n", 0, text.index("\x00")) + 1)
    return text.removeprefix("\ufeff"), []


# One PO line: a comment, a keyword with its quoted string, a continued string, or nothing.
_LINE = re.compile(
    r'[ \t]*(?:(#[^\n]*)|(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]+"((?:[^"\\\n]|\\.)*)"'
    r'|"((?:[^"\\\n]|\\.)*)"|)[ \t\r]*(?:\n|\Z)'
)
_UNESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unquote(body: str) -> str:
    return _UNESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), body) if "\\" in body else body


class _Po:
    """The entries of a PO text with their first line, and every problem, in one pass."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[LessonError] = []
        self.entries: list[Entry] = []
        self.language: str | None = None
        self.seen: dict[str, int] = {}

    def error(
        self,
        line: int,
        message: str,
        code: str,
        hint: str | None = None,
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        self.problems.append(
            LessonError(
                message, code=code, severity=severity, hint=hint, location=SourceLocation(self.shown, line, 1)
            )
        )

    def read(self, text: str) -> None:
        """Walk the lines; an entry ends where a comment or a new msgctxt/msgid follows its text."""
        fields: dict[str, str] = {}
        current, start, fuzzy, pos, number, size = None, 0, False, 0, 0, len(text)
        match = _LINE.match
        while pos < size:
            number += 1
            found = match(text, pos)
            if found is None:
                end = text.find("\n", pos)
                end = size if end < 0 else end
                self.error(
                    number,
                    f"this line is not valid PO syntax: {text[pos:end].strip()[:60]}",
                    "catalog.syntax",
                    "each line is a keyword and a quoted string, a quoted string, or a # comment",
                )
                pos = end + 1
                continue
            pos = found.end()
            comment, keyword, value, more = found.groups()
            if comment is not None:
                if comment.startswith("#~"):
                    continue  # obsolete entries: kept by tools, not ours
                if fields:
                    self.finish(fields, start, fuzzy)
                    fields, current, start, fuzzy = {}, None, 0, False
                start = start or number
                fuzzy = fuzzy or (comment.startswith("#,") and "fuzzy" in comment)
            elif keyword is not None:
                if keyword in fields or (keyword in ("msgctxt", "msgid") and "msgstr" in fields):
                    self.finish(fields, start, fuzzy)
                    fields, start, fuzzy = {}, 0, False
                start = start or number
                current, fields[keyword] = keyword, _unquote(value)
            elif more is not None:
                if current is None:
                    self.error(number, "a quoted string without a keyword before it", "catalog.syntax")
                else:
                    fields[current] += _unquote(more)
        self.finish(fields, start, fuzzy)

    def finish(self, fields: dict[str, str], line: int, fuzzy: bool) -> None:
        """Check one entry and keep it, or say why not."""
        if not fields:
            return
        context = fields.get("msgctxt")
        if "msgid" not in fields or not ("msgstr" in fields or "msgstr[0]" in fields):
            self.error(line, "entry needs both msgid and msgstr", "catalog.syntax")
        elif context is None and fields["msgid"] == "":
            self._header(fields.get("msgstr", ""))
        elif "msgid_plural" in fields or "msgstr" not in fields:
            self.error(
                line,
                f"plural entry '{context or ''}': lessons have no plural forms",
                "catalog.plural",
                "give each string one msgid and one msgstr",
            )
        elif not _split(context or "")[2]:
            self.error(
                line,
                f"entry has no document context ('{context or ''}')",
                "catalog.context",
                'every entry needs msgctxt "lesson-id:field"',
            )
        elif (context or "") in self.seen:
            self.error(
                line,
                f"'{context}' is here a second time (first on line {self.seen[context or '']})",
                "catalog.duplicate",
                "keep one entry per context",
            )
        else:
            context = context or ""
            self.seen[context] = line
            if not fuzzy:
                doc_id, field, _ = _split(context)
                self.entries.append(Entry(doc_id, field, fields["msgid"], fields["msgstr"], line))
            elif fields["msgstr"].strip():
                self.error(
                    line,
                    f"'{context}' is marked fuzzy, so it was not imported",
                    "catalog.fuzzy",
                    "review it, remove the fuzzy flag, and import again",
                    severity="warning",
                )

    def _header(self, text: str) -> None:
        for row in text.split("\n"):
            key, _, value = row.partition(":")
            if key.strip().lower() == "language" and value.strip():
                self.language = value.strip()


def _read_po(text: str, shown: str) -> tuple[str | None, list[Entry], list[LessonError]]:
    reader = _Po(shown)
    reader.read(text)
    return reader.language, reader.entries, reader.problems


def _read_csv(text: str, shown: str) -> tuple[list[Entry], list[LessonError]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    entries: list[Entry] = []
    problems: list[LessonError] = []
    seen: dict[str, int] = {}
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
            where = SourceLocation(shown, line, 1)
            if len(row) < 3:
                problems.append(
                    LessonError(
                        f"row has {len(row)} columns, not at least 3", code="catalog.row", location=where
                    )
                )
                continue
            context = restore(row[0])
            doc_id, field, ok = _split(context)
            if not ok:
                problems.append(
                    LessonError(
                        f"'{context[:80]}' is not a document context", code="catalog.context", location=where
                    )
                )
            elif context in seen:
                problems.append(
                    LessonError(
                        f"'{context}' is here a second time (first on line {seen[context]})",
                        code="catalog.duplicate",
                        location=where,
                        hint="keep one row per context",
                    )
                )
            else:
                seen[context] = line
                entries.append(Entry(doc_id, field, restore(row[1]), restore(row[2]), line))
    except csv.Error as exc:
        problems.append(
            LessonError(
                f"CSV error: {exc}", code="catalog.syntax", location=SourceLocation(shown, reader.line_num, 1)
            )
        )
    return entries, problems


def _split(context: str) -> tuple[str, str, bool]:
    doc_id, sep, field = context.partition(":")
    return doc_id, field, bool(sep and doc_id and field)

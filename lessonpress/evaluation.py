"""Turn a course survey's responses file into checked rows and a summary that can be shared.

The survey (curriculum.yaml) gives the columns: `code`, `wave` (pre or post), `consent` (yes or
no), then one column per item, named by its id, in the form's order. A statement's cell holds
the number of the box ticked (1 = strongly disagree ... 4 or 5 = strongly agree); a knowledge
item's cell the letter ticked, as printed on the form. An empty cell is "no answer".

Every row that breaks a rule is an error at its line and column, and is left out (never
guessed at); a form without consent is not used. The summary says how many rows were used and
which lines were left out. Small numbers are never shown: any group of fewer than MIN_GROUP
respondents (a wave, the pairs, the answers to one item) is reported as suppressed, not as a
number. Codes are used only to pair a respondent's two forms and never appear in the summary,
and nothing but the survey's own columns is read, so no name or free text can reach a report.
No ReportLab here.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .assess import LATIN_LETTERS, letters_for, printed
from .errors import LessonError, SourceLocation
from .i18n.catalog import defuse, restore
from .model import Lesson, Survey

MIN_GROUP = 5  # the smallest group whose numbers are shown
FIXED = ("code", "wave", "consent")
WAVES = ("pre", "post")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,19}")
_YES, _NO = {"yes", "y"}, {"no", "n"}


@dataclass(frozen=True)
class Item:
    """A column of the responses file: a statement, or a knowledge item with its letters."""

    id: str
    number: int
    text: str
    letters: tuple[str, ...] = ()  # knowledge: the letters printed on the form, in order
    right: str = ""  # knowledge: the right one
    true_false: bool = False  # its letters stand for True and False

    @property
    def knowledge(self) -> bool:
        """True for a knowledge item (scored right or wrong)."""
        return bool(self.letters)


@dataclass(frozen=True)
class Key:
    """What reading and scoring need to know about a survey."""

    items: tuple[Item, ...]
    points: int

    @property
    def statements(self) -> tuple[Item, ...]:
        """The agree/disagree items."""
        return tuple(i for i in self.items if not i.knowledge)

    @property
    def knowledge(self) -> tuple[Item, ...]:
        """The knowledge items."""
        return tuple(i for i in self.items if i.knowledge)

    @property
    def columns(self) -> tuple[str, ...]:
        """The responses file's columns, in order."""
        return (*FIXED, *(i.id for i in self.items))


def survey_key(survey: Survey, lessons: Mapping[str, Lesson], alphabet: str = LATIN_LETTERS) -> Key:
    """The survey's columns, with each knowledge item's letters as its form prints them (the
    shuffled order of the quiz, in the language's letters)."""
    items = []
    for n, item in enumerate(survey.items, 1):
        if item.statement is not None:
            items.append(Item(item.id, n, item.statement.plain))
            continue
        lesson_id, _, question_id = (item.question or "").partition("/")
        lesson = lessons[lesson_id]
        question = next(q for q in lesson.check.questions if q.id == question_id)  # type: ignore[union-attr]
        if question.type == "true_false":
            letters = tuple(letters_for(2, alphabet))
            right = letters[0] if question.answer else letters[1]
            items.append(Item(item.id, n, question.question.plain, letters, right, true_false=True))
            continue
        else:
            shown = printed(lesson, question, n, alphabet)
            letters, right = tuple(e.letter for e in shown.entries), shown.key[0]
        items.append(Item(item.id, n, question.question.plain, letters, right))
    return Key(tuple(items), survey.points)


def template_csv(key: Key) -> str:
    """The empty responses file: its header row (UTF-8 with a byte-order mark, for Excel)."""
    return "\ufeff" + _rows([list(key.columns)])


def codebook_csv(key: Key, scale: Sequence[str], true_false: Sequence[str]) -> str:
    """What each column holds and the values data entry may type, one row per column."""
    rows = [
        ["column", "what it is", "values"],
        ["code", "the respondent's code from the form (never a name)", "letters, digits, hyphens (1-20)"],
        ["wave", "which form: before or after the course", "pre, post"],
        ["consent", "the consent box ticked", "yes, no (no: the form is not used)"],
    ]
    for item in key.items:
        if item.true_false:
            values = (
                f"{item.letters[0]} = {true_false[0]}; {item.letters[1]} = {true_false[1]} (empty: no answer)"
            )
        elif item.knowledge:
            values = ", ".join(item.letters) + " (the letter ticked; empty: no answer)"
        else:
            values = "; ".join(f"{n} = {label}" for n, label in enumerate(scale, 1)) + " (empty: no answer)"
        rows.append([item.id, f"{item.number}. {item.text}", values])
    return "\ufeff" + _rows(rows)


def _rows(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([defuse(cell) for cell in row])
    return buffer.getvalue()


# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    """One form as entered: its code, wave and the answers given (blank items left out)."""

    line: int
    code: str
    wave: str
    agree: dict[str, int] = field(default_factory=dict)  # statement id -> 1..points
    right: dict[str, bool] = field(default_factory=dict)  # knowledge id -> answered right


@dataclass(frozen=True)
class Responses:
    """The forms read from a responses file, and what was left out and why."""

    forms: tuple[Response, ...]
    invalid: tuple[int, ...]  # lines left out because of errors
    no_consent: tuple[int, ...]  # lines of forms without consent
    problems: tuple[LessonError, ...]
    readable: bool = True  # False: the file could not be read at all (no report)


def read_responses(text: str, shown: str, key: Key) -> Responses:
    """Every form of a responses file, checked against the survey; every problem located."""
    lines = text.lstrip("\ufeff").splitlines()
    delimiter = ";" if lines and lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return _unreadable(shown, 1, f"this is not a CSV file: {exc}")
    if header is None:
        return _unreadable(shown, 1, "the file is empty", "start from `lessonpress survey template`")
    columns, problems = _header([restore(h).strip() for h in header], shown, key)
    if problems:
        return Responses((), (), (), tuple(problems), readable=False)
    reading = _Reading(shown, key, columns, delimiter, lines)
    try:
        for row in reader:
            reading.row(row, reader.line_num)
    except csv.Error as exc:
        reading.fail(reader.line_num + 1, 1, f"the CSV cannot be read from here on: {exc}", "report.csv")
    return reading.result()


def _unreadable(shown: str, line: int, message: str, hint: str | None = None) -> Responses:
    problem = LessonError(message, code="report.csv", location=SourceLocation(shown, line, 1), hint=hint)
    return Responses((), (), (), (problem,), readable=False)


def _header(header: list[str], shown: str, key: Key) -> tuple[dict[str, int], list[LessonError]]:
    """Column name -> position; an unknown, repeated or missing column is an error (line 1)."""
    problems: list[LessonError] = []
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        where = SourceLocation(shown, 1, i + 1)
        if name not in key.columns:
            close = difflib.get_close_matches(name, key.columns, n=1)
            problems.append(
                LessonError(
                    f"column '{name}' is not part of the survey",
                    code="report.column",
                    location=where,
                    hint=f"did you mean '{close[0]}'?"
                    if close
                    else "names and free text are never read: remove the column (the template has them all)",
                )
            )
        elif name in columns:
            problems.append(
                LessonError(f"column '{name}' appears twice", code="report.column", location=where)
            )
        columns.setdefault(name, i)
    missing = [c for c in key.columns if c not in columns]
    if missing:
        problems.append(
            LessonError(
                f"missing column{'s' * (len(missing) > 1)}: {', '.join(missing)}",
                code="report.column",
                location=SourceLocation(shown, 1, 1),
                hint="the first row must name every column of `lessonpress survey template`",
            )
        )
    return columns, problems


class _Reading:
    """Reads rows one by one, keeping good forms and locating every problem."""

    def __init__(
        self, shown: str, key: Key, columns: dict[str, int], delimiter: str, lines: list[str]
    ) -> None:
        self.shown, self.key, self.columns, self.delimiter, self.lines = shown, key, columns, delimiter, lines
        self.forms: list[Response] = []
        self.invalid: list[int] = []
        self.no_consent: list[int] = []
        self.problems: list[LessonError] = []
        self.seen: dict[tuple[str, str], int] = {}

    def fail(self, line: int, column: int, message: str, code: str, hint: str | None = None) -> None:
        self.problems.append(
            LessonError(message, code=code, location=SourceLocation(self.shown, line, column), hint=hint)
        )

    def row(self, row: list[str], line: int) -> None:
        if not any(cell.strip() for cell in row):
            return  # an empty line is not a form
        starts = _field_starts(self.lines[line - 1] if line <= len(self.lines) else "", self.delimiter)
        errors = len(self.problems)
        if len(row) != len(self.columns):
            self.fail(line, 1, f"this row has {len(row)} cells, the header {len(self.columns)}", "report.row")
            self.invalid.append(line)
            return
        cells = {name: restore(row[i]).strip() for name, i in self.columns.items()}

        def at(name: str) -> int:
            i = self.columns[name]
            return starts[i] + 1 if i < len(starts) else 1

        code, wave, consent = cells["code"], cells["wave"].lower(), cells["consent"].lower()
        if not _CODE.fullmatch(code):
            self.fail(line, at("code"), "the code must be 1 to 20 letters, digits or hyphens", "report.code")
        if wave not in WAVES:
            self.fail(line, at("wave"), f"wave must be pre or post, not '{cells['wave']}'", "report.wave")
        if consent not in _YES | _NO:
            self.fail(
                line, at("consent"), f"consent must be yes or no, not '{cells['consent']}'", "report.consent"
            )
        form = Response(line, code, wave)
        for item in self.key.items:
            value = cells[item.id]
            if value and not self.answer(form, item, value):
                expected = (
                    "/".join(item.letters) if item.knowledge else f"a number from 1 to {self.key.points}"
                )
                self.fail(
                    line, at(item.id), f"'{value}' is not an answer to {item.id} ({expected})", "report.value"
                )
        if len(self.problems) == errors and (code, wave) in self.seen:
            first = self.seen[(code, wave)]
            self.fail(
                line,
                at("code"),
                f"code '{code}' has a {wave} form already, on line {first}",
                "report.duplicate",
            )
        if len(self.problems) > errors:
            self.invalid.append(line)
        elif consent in _NO:
            self.no_consent.append(line)
        else:
            self.seen[(code, wave)] = line
            self.forms.append(form)

    def answer(self, form: Response, item: Item, value: str) -> bool:
        """Record one answer; False when it is not a possible one."""
        if not item.knowledge:
            if value.isdigit() and 1 <= int(value) <= self.key.points:
                form.agree[item.id] = int(value)
                return True
            return False
        position = _letter_position(value, item.letters)
        if position is None:
            return False
        form.right[item.id] = item.letters[position] == item.right
        return True

    def result(self) -> Responses:
        return Responses(tuple(self.forms), tuple(self.invalid), tuple(self.no_consent), tuple(self.problems))


def _letter_position(value: str, letters: tuple[str, ...]) -> int | None:
    """Which entry a typed letter names: the form's letter, or the Latin letter in its place."""
    for i, letter in enumerate(letters):
        if value == letter or value.upper() == LATIN_LETTERS[i]:
            return i
    return None


def _field_starts(line: str, delimiter: str) -> list[int]:
    """Where each field of a one-line CSV record starts (quotes respected), for error columns."""
    starts, quoted = [0], False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            starts.append(i + 1)
    return starts


# -- summarising ------------------------------------------------------------------------------


def summarize(responses: Responses, key: Key) -> dict[str, Any]:
    """The numbers a report shows, with every group under MIN_GROUP suppressed (None)."""
    waves = {w: [f for f in responses.forms if f.wave == w] for w in WAVES}
    pairs = _pairs(waves["pre"], waves["post"])
    suppressed: list[str] = []

    def count(n: int, what: str) -> int | None:
        if n < MIN_GROUP:
            suppressed.append(what)
            return None
        return n

    summary: dict[str, Any] = {
        "min_group": MIN_GROUP,
        "rows": {
            "used": len(responses.forms),
            "invalid": len(responses.invalid),
            "invalid_lines": list(responses.invalid),
            "without_consent": len(responses.no_consent),
            "without_consent_lines": list(responses.no_consent),
        },
        "respondents": {
            "pre": count(len(waves["pre"]), "respondents before the course"),
            "post": count(len(waves["post"]), "respondents after the course"),
            "paired": count(len(pairs), "respondents with both forms"),
        },
        "statements": [_statement(item, waves, pairs, key.points, count) for item in key.statements],
        "knowledge": _knowledge(key, waves, pairs, count),
        "suppressed": suppressed,
    }
    return summary


def _pairs(pre: list[Response], post: list[Response]) -> list[tuple[Response, Response]]:
    """(before, after) forms of the same code."""
    after = {f.code: f for f in post}
    return [(f, after[f.code]) for f in pre if f.code in after]


def _statement(item: Item, waves: dict, pairs: list, points: int, count) -> dict[str, Any]:  # noqa: ANN001
    agree_from = points - 1  # the top two boxes: agree and strongly agree
    out: dict[str, Any] = {"id": item.id, "number": item.number}
    for wave in WAVES:
        values = [f.agree[item.id] for f in waves[wave] if item.id in f.agree]
        n = count(len(values), f"item {item.number} ({item.id}), {wave}")
        out[wave] = {
            "n": n,
            "mean": _round(statistics.fmean(values)) if n else None,
            "agree": _round(sum(v >= agree_from for v in values) / len(values)) if n else None,
        }
    changes = [
        b.agree[item.id] - a.agree[item.id] for a, b in pairs if item.id in a.agree and item.id in b.agree
    ]
    n = count(len(changes), f"item {item.number} ({item.id}), pairs")
    out["paired"] = {"n": n, "mean_change": _round(statistics.fmean(changes)) if n else None}
    return out


def _knowledge(key: Key, waves: dict, pairs: list, count) -> dict[str, Any]:  # noqa: ANN001
    """Share right per item and the knowledge score (share of items right; no answer is not
    right), per wave and for the pairs."""
    items = key.knowledge
    if not items:
        return {"items": [], "score": None}
    rows = []
    for item in items:
        row: dict[str, Any] = {"id": item.id, "number": item.number}
        for wave in WAVES:
            forms = waves[wave]
            n = count(len(forms), f"item {item.number} ({item.id}), {wave}")
            right = sum(f.right.get(item.id, False) for f in forms)
            row[wave] = {"n": n, "right": _round(right / len(forms)) if n else None}
        rows.append(row)

    def score(form: Response) -> float:
        return sum(form.right.get(i.id, False) for i in items) / len(items)

    result: dict[str, Any] = {}
    for wave in WAVES:
        scores = [score(f) for f in waves[wave]]
        n = count(len(scores), f"knowledge score, {wave}")
        result[wave] = {"n": n, "mean": _round(statistics.fmean(scores)) if n else None}
    changes = [score(b) - score(a) for a, b in pairs]
    n = count(len(changes), "knowledge score, pairs")
    result["paired"] = {"n": n, "mean_change": _round(statistics.fmean(changes)) if n else None}
    return {"items": rows, "score": result}


def _round(value: float) -> float:
    return round(value, 4)

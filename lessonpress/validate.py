"""Turn loaded YAML data into a typed, frozen model, reporting every problem with its line.

The conversion is driven by the annotations in `model.py`, so the schema is written once. Each
problem is collected rather than raised, so a teacher sees all of them in one run; the result is
a model only when there were no errors.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
import types
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from . import markup, model, yamltraps
from .errors import LessonError, SourceLocation
from .languages import normalise_language
from .markup import RichText
from .model import Kind
from .urls import UrlProblem, check_url
from .yamlio import Document, Path_

NUMBER_LIMIT = 1000  # a number in a lesson or theme (sizes, margins, minutes) is below it
MAX_TEXT_LENGTH = 10_000
MAX_LIST_ITEMS = 500
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_INVALID = object()
_TRUE, _FALSE = {"true", "yes", "on"}, {"false", "no", "off"}
# Numbers are ASCII digits only: str.isdigit() and float() also take "²" and "١٢", and int("²")
# then fails (issue 13); a lesson that needs other digits can say so in its text.
_WHOLE = re.compile("[0-9]{1,6}")
_DECIMAL = re.compile("[0-9]{1,6}([.][0-9]{1,6})?")
T = TypeVar("T")


def validate_lesson(doc: Document, lesson_id: str) -> tuple[model.Lesson | None, list[LessonError]]:
    """Check a loaded lesson file against the schema; return the Lesson (or None) and problems."""
    from .questions import check_questions

    converter = Converter(doc)
    lesson = converter.root(model.Lesson)
    if lesson is not None and lesson.check is not None:
        converter.problems += check_questions(lesson, doc)
    if lesson is None or any(p.is_error for p in converter.problems):
        return None, converter.problems
    return dataclasses.replace(lesson, lesson_id=lesson_id, source_path=doc.path), converter.problems


def validate_course(
    doc: Document, known_ids: set[str], questions: Mapping[str, Mapping[str, model.Question]] | None = None
) -> tuple[model.Course | None, list[LessonError]]:
    """Check a curriculum.yaml file against the lessons that exist (and, given the lessons'
    check questions by lesson id, its survey's knowledge items); return the Course or None."""
    from .questions import check_survey

    converter = Converter(doc)
    course = converter.root(model.Course, "a curriculum file")
    if course is None:
        return None, converter.problems
    if course.survey is not None:
        converter.problems += check_survey(course.survey, doc, questions)
    # A lesson belongs to one unit; a route is a separate path, so it may repeat a unit's lessons
    # but must not name a lesson twice itself.
    in_units: dict[str, int] = {}
    for u, unit in enumerate(course.units):
        for i, lesson_id in enumerate(unit.lessons):
            _check_course_lesson(converter, ("units", u, "lessons", i), lesson_id, known_ids, in_units)
    for r, route in enumerate(course.routes):
        in_route: dict[str, int] = {}
        for i, lesson_id in enumerate(route.lessons):
            _check_course_lesson(converter, ("routes", r, "lessons", i), lesson_id, known_ids, in_route)
    if any(p.is_error for p in converter.problems):
        return None, converter.problems
    return dataclasses.replace(course, source_path=doc.path), converter.problems


def _check_course_lesson(
    converter: Converter, path: Path_, lesson_id: str, known_ids: set[str], seen: dict[str, int]
) -> None:
    """Report a course entry that names no lesson (with a did-you-mean) or repeats one in `seen`."""
    where = converter.doc.where(path)
    if lesson_id not in known_ids:
        close = difflib.get_close_matches(lesson_id, sorted(known_ids), n=1)
        converter.problems.append(
            LessonError(
                f"no lesson with id '{lesson_id}'",
                code="course.unknown-lesson",
                location=where,
                hint=f"did you mean '{close[0]}'?" if close else "a lesson id is its file name without .yaml",
            )
        )
    elif lesson_id in seen:
        converter.problems.append(
            LessonError(
                f"lesson '{lesson_id}' is listed twice (first on line {seen[lesson_id]})",
                code="course.duplicate-lesson",
                location=where,
            )
        )
    seen.setdefault(lesson_id, where.line)


class Converter:
    """Converts data to model types by their annotations, collecting problems as it goes."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[LessonError] = list(getattr(doc, "notes", ()))

    def root(self, cls: type[T], noun: str = "a lesson file") -> T | None:
        """Convert the whole file to `cls`; a non-mapping top level is an error."""
        data = self.doc.data
        if data is None:
            self._error((), "file is empty", "file.empty")
            return None
        if not isinstance(data, dict):
            self._error(
                (),
                f"{noun} must be a mapping (key: value lines), not {_kind(data)}",
                "schema.not-mapping",
                "start each line with a key such as `title:`",
            )
            return None
        value = self._record(cls, data, ())
        return None if value is _INVALID else value

    # -- reporting ------------------------------------------------------------------------

    def _where(self, path: Path_, *, key: bool = False) -> SourceLocation:
        return self.doc.where(path, key=key)

    def _error(
        self, path: Path_, message: str, code: str, hint: str | None = None, *, key: bool = False
    ) -> object:
        self.problems.append(LessonError(message, code=code, location=self._where(path, key=key), hint=hint))
        return _INVALID

    # -- records (mappings) ---------------------------------------------------------------

    def _record(self, cls: type, data: Any, path: Path_) -> Any:
        shorthand = getattr(cls, "__shorthand__", None)
        if shorthand and isinstance(data, str):
            data = {shorthand: data}
            path_of = {shorthand: path}
        else:
            path_of = {}
        if not isinstance(data, dict):
            return self._error(
                path, f"{_name(path)} must be a mapping of keys, not {_kind(data)}", "schema.type"
            )
        specs = _fields(cls)
        if self._item_as_key(data, path, specs):
            return _INVALID
        values: dict[str, Any] = {}
        for key, raw in data.items():
            sub = path_of.get(key, (*path, key))
            spec = specs.get(key)
            if spec is None:
                self._unknown(key, sub, specs)
                continue
            value = self._field(spec, raw, sub)
            if value is not _INVALID:
                values[key] = value
        return self._finish(cls, specs, data, values, path)

    def _finish(self, cls: type, specs: dict, data: dict, values: dict, path: Path_) -> Any:
        ok = True
        for name, (spec, _) in specs.items():
            if spec.metadata.get("required") and name not in values:
                ok = False
                if name not in data:
                    what = f" in {_name(path)}" if path else ""
                    self._error(
                        path,
                        f"missing required field '{name}'{what}",
                        "schema.missing",
                        f"add `{name}:` ({spec.metadata['doc']})",
                        key=True,
                    )
        if not ok or len(values) < sum(1 for k in data if k in specs):
            return _INVALID
        return cls(**values)

    def _lines(self, where: SourceLocation) -> list[str]:
        """The lines of the file `where` points into (a translation is merged over its source)."""
        for doc in (self.doc, getattr(self.doc, "translation", None), getattr(self.doc, "source", None)):
            if doc is not None and doc.path == where.path and hasattr(doc, "lines"):
                return list(doc.lines)
        return []

    def _line(self, where: SourceLocation) -> str:
        """The text of the line at `where`."""
        lines = self._lines(where)
        return lines[where.line - 1] if 0 < where.line <= len(lines) else ""

    def _item_as_key(self, data: dict, path: Path_, specs: dict) -> bool:
        """A list item whose text holds ': ' (`- Question: why?`) loads as a key and a value;
        when the key is no field and no typo of one, say that, not "unknown key 'Question'"."""
        if not (path and isinstance(path[-1], int) and len(data) == 1):
            return False
        ((key, value),) = data.items()
        if (
            key in specs
            or not isinstance(value, str | None)
            or difflib.get_close_matches(key, list(specs), n=1, cutoff=0.6)
        ):
            return False
        where = self._where((*path, key), key=True)
        trap = yamltraps.item_as_key(self._line(where), where.line, key)
        self.problems.append(
            LessonError(
                trap.message,
                code=trap.code,
                hint=trap.hint,
                location=SourceLocation(where.path, trap.line, trap.column),
            )
        )
        return True

    def _unknown(self, key: str, path: Path_, specs: dict) -> None:
        public = list(specs)
        close = difflib.get_close_matches(key, public, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(public)
        message = f"unknown key '{key}'" + (f" (did you mean '{close[0]}'?)" if close else "")
        self._error(path, message, "schema.unknown-key", None if close else hint, key=True)

    def _field(self, field_type: tuple[dataclasses.Field, Any], raw: Any, path: Path_) -> Any:
        spec, tp = field_type
        required = spec.metadata.get("required", False)
        if raw is None:
            if required:
                return self._error(path, f"'{spec.name}' is empty", "schema.empty", spec.metadata.get("doc"))
            return spec.default
        if spec.metadata.get("single") and isinstance(raw, str):
            raw = [raw]
        value = self._convert(tp, raw, path)
        if required and value == ():
            return self._error(
                path, f"'{spec.name}' must not be empty", "schema.empty", spec.metadata.get("doc")
            )
        return value

    # -- values ---------------------------------------------------------------------------

    def _convert(self, tp: Any, raw: Any, path: Path_) -> Any:
        kind, arg = _shape(tp)
        if kind == "one-of":
            return self._one_of(arg, raw, path)
        if kind == "annotated":
            return self._annotated(arg, raw, path)
        if kind == "list":
            return self._list(arg, raw, path)
        if kind == "rich":
            return self._rich(raw, path)
        if kind == "str":
            return self._text(raw, path)
        return self._record(arg, raw, path)

    def _list(self, item_tp: Any, raw: Any, path: Path_) -> Any:
        if not isinstance(raw, list):
            where = self._where(path)
            traps = (
                yamltraps.bullet_list(self._lines(where), where.line, _key_of(path))
                if isinstance(raw, str)
                else []
            )
            for trap in traps:
                self.problems.append(
                    LessonError(
                        trap.message,
                        code=trap.code,
                        hint=trap.hint,
                        location=SourceLocation(where.path, trap.line, trap.column),
                    )
                )
            if traps:
                return _INVALID
            return self._error(
                path,
                f"{_name(path)} must be a list, not {_kind(raw)}",
                "schema.type",
                "start each item on its own line with '- '",
            )
        if len(raw) > MAX_LIST_ITEMS:
            return self._error(path, f"{_name(path)} has more than {MAX_LIST_ITEMS} items", "schema.too-long")
        out, ok = [], True
        for i, item in enumerate(raw):
            sub = (*path, i)
            if item is None:
                self._error(
                    sub,
                    f"item {i + 1} of {_name(path)} is empty",
                    "schema.null",
                    "write the item's text after '- ', or delete the line",
                )
                ok = False
                continue
            value = self._convert(item_tp, item, sub)
            ok = ok and value is not _INVALID
            out.append(value)
        return tuple(out) if ok else _INVALID

    def _text(self, raw: Any, path: Path_) -> Any:
        if isinstance(raw, dict) and self._item_as_key(raw, path, {}):
            return _INVALID
        if not isinstance(raw, str):
            return self._error(path, f"{_name(path)} must be text, not {_kind(raw)}", "schema.type")
        if len(raw) > MAX_TEXT_LENGTH:
            return self._error(
                path,
                f"{_name(path)} is longer than {MAX_TEXT_LENGTH} characters",
                "schema.too-long",
                "split it into several items",
            )
        if not any(not c.isspace() and unicodedata.category(c) != "Cf" for c in raw):
            return self._error(
                path,
                f"{_name(path)} is empty",
                "schema.empty",
                "it holds only spaces or invisible characters",
            )
        return raw.strip()

    def _rich(self, raw: Any, path: Path_) -> Any:
        text = self._text(raw, path)
        if text is _INVALID:
            return text
        try:
            return markup.parse(text, self._where(path))
        except LessonError as problem:
            self.problems.append(problem)
            return _INVALID

    def _annotated(self, kind: str, raw: Any, path: Path_) -> Any:
        text = self._text(raw, path)
        if text is _INVALID:
            return text
        if kind == Kind.POSITIVE:
            return self._positive(text, path)
        if kind == Kind.NUMBER:
            number = float(text) if _DECIMAL.fullmatch(text) else -1.0
            if 0 < number < NUMBER_LIMIT:
                return number
            return self._error(
                path,
                f"{_name(path)} must be a positive number, not '{text}'",
                "schema.type",
                "sizes are in points and margins in millimetres",
            )
        if kind == Kind.COLOR:
            if re.fullmatch(r"#[0-9a-fA-F]{6}", text) or text.lower() == "none":
                return text.lower()
            return self._error(
                path,
                f"'{text}' is not a colour",
                "schema.color",
                "write a colour as #rrggbb (for example #1d4e89), or none",
            )
        if kind == Kind.FLAG:
            low = text.lower()
            if low in _TRUE | _FALSE:
                return low in _TRUE
            return self._error(path, f"{_name(path)} must be true or false, not '{text}'", "schema.type")
        if kind == Kind.LANGUAGE:
            tag = normalise_language(text)
            if tag is None:
                return self._error(
                    path,
                    f"'{text}' is not a language tag",
                    "schema.language",
                    "use a BCP 47 tag such as en, es, ar, pt-BR",
                )
            return tag
        if kind == Kind.DATE:
            try:
                if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
                    raise ValueError(text)
                return datetime.date.fromisoformat(text).isoformat()
            except ValueError:
                return self._error(
                    path,
                    f"'{text}' is not a valid date",
                    "schema.date",
                    "write the date as YYYY-MM-DD, e.g. 2026-09-01",
                )
        if kind == Kind.URL:
            try:
                return check_url(text)
            except UrlProblem as problem:
                return self._error(path, problem.message, "markup.link", problem.hint)
        if kind == Kind.ID:
            if len(text) <= 60 and ID_PATTERN.fullmatch(text):
                return text
            suggestion = "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60]
            return self._error(
                path,
                f"'{text}' is not an id",
                "schema.id",
                "use lower-case letters, digits and hyphens"
                + (f", e.g. '{suggestion}'" if suggestion else ", e.g. 'paying-makes-it-stop'"),
            )
        if kind == Kind.QUESTION:
            lesson_id, _, question_id = text.partition("/")
            if lesson_id and ID_PATTERN.fullmatch(question_id):
                return text
            return self._error(
                path,
                f"'{text}' does not name a question",
                "schema.question-ref",
                "write the lesson id and the question id, e.g. 'teens-3-sextortion/paying-makes-it-stop'",
            )
        if kind == Kind.OBJECTIVE:
            return text  # which objectives exist is checked with the whole lesson (questions.py)
        raise TypeError(f"unknown kind {kind!r}")  # a bug in model.py, not in the lesson

    def _one_of(self, choices: model.OneOf, raw: Any, path: Path_) -> Any:
        text = self._text(raw, path)
        if text is _INVALID or text in choices:
            return text
        close = difflib.get_close_matches(text.lower().replace("-", "_").replace(" ", "_"), choices, n=1)
        return self._error(
            path,
            f"{_name(path)} must be one of {', '.join(choices)}, not '{text}'",
            "schema.choice",
            f"did you mean '{close[0]}'?" if close else None,
        )

    def _positive(self, text: str, path: Path_) -> Any:
        if _WHOLE.fullmatch(text) and int(text) > 0:
            return int(text)
        minutes = "minutes" in _key_of(path)
        hint = "write a whole number of minutes, e.g. 45" if minutes else "write a whole number, e.g. 3"
        if not text.isascii() and any(c.isdigit() for c in text):
            hint = "write the number with the digits 0-9, e.g. " + ("45" if minutes else "3")
        m = re.fullmatch(r"([0-9]+):([0-5][0-9])", text)
        if m:
            hint = f"write {int(m[1]) * 60 + int(m[2])} for {text} (hours:minutes)"
        return self._error(
            path, f"{_name(path)} must be a positive whole number, not '{text}'", "schema.type", hint
        )


_fields = model.schema_fields


def _name(path: Path_) -> str:
    """How a message names a value: its key, or 'item N of key' inside a list."""
    if not path:
        return "the lesson"
    last = path[-1]
    if isinstance(last, int):
        return f"item {last + 1} of '{_key_of(path[:-1])}'"
    return f"'{last}'"


def _key_of(path: Path_) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "the lesson"


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return "text"


@cache
def _shape(tp: Any) -> tuple[str, Any]:
    """How a value of a model type is converted: (kind, what the converter needs). Worked out
    once per type; a lesson asks it for every value (~11,000 times for the shipped lessons)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return _shape(next(a for a in get_args(tp) if a is not type(None)))
    if origin is Annotated:
        kind = get_args(tp)[1]
        return ("one-of" if isinstance(kind, model.OneOf) else "annotated", kind)
    if origin is tuple:
        return "list", get_args(tp)[0]
    if tp is RichText:
        return "rich", None
    if tp is str:
        return "str", None
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return "record", tp
    raise TypeError(f"no converter for {tp!r}")  # a bug in model.py, not in the lesson

"""Check a lesson's questions as a whole: what one question cannot know about itself.

The schema (model.py) checks each field; this checks what depends on the rest of the lesson or
on the question's type: ids are unique, each type has its answer and only its own fields, a tag
names one of the lesson's objectives, the exit ticket names known questions. Every problem is
located at the value (or key) it is about, with a did-you-mean where one helps.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Protocol

from .errors import LessonError, SourceLocation
from .markup import RichText
from .model import KNOWLEDGE_TYPES, MAX_EXIT_TICKET, QUESTION_TYPES, Lesson, Question, Survey

MAX_LINES = 10  # write-in lines of a short answer: more would not fit an exit ticket
_OBJECTIVE = re.compile(r"objective\s+(\d+)", re.IGNORECASE)
Path_ = tuple[str | int, ...]


class Located(Protocol):
    """What the checks read of a loaded file: where a value is (a file or a merged translation)."""

    def where(self, path: Path_, *, key: bool = False) -> SourceLocation: ...


def objective_number(tag: str) -> int | None:
    """N of a tag 'objective N' (any case and spacing), else None."""
    m = _OBJECTIVE.fullmatch(tag.strip())
    return int(m[1]) if m else None


def check_questions(lesson: Lesson, doc: Located) -> list[LessonError]:
    """Every problem of the lesson's `check:` section that its fields alone do not show."""
    assert lesson.check is not None
    problems: list[LessonError] = []
    first: dict[str, int] = {}
    for i, question in enumerate(lesson.check.questions):
        path: Path_ = ("check", "questions", i)
        if question.id in first:
            problems.append(
                _error(
                    doc,
                    (*path, "id"),
                    f"question id '{question.id}' is used twice (first on line {first[question.id]})",
                    "check.duplicate-id",
                    "give every question its own id",
                )
            )
        first.setdefault(question.id, doc.where((*path, "id")).line)
        problems += _check_type(question, lesson, doc, path)
        if question.tag is not None:
            problems += _check_tag(question.tag, lesson.objectives, doc, (*path, "tag"))
    problems += _check_ticket(lesson, doc)
    return problems


def _check_type(question: Question, lesson: Lesson, doc: Located, path: Path_) -> list[LessonError]:
    """The fields of the question's type are there and fit; no field of another type is used."""
    problems = []
    own = QUESTION_TYPES[question.type]
    for name in sorted({f for fields in QUESTION_TYPES.values() for f in fields} - set(own)):
        if getattr(question, name) not in (None, (), False):
            problems.append(
                _error(
                    doc,
                    (*path, name),
                    f"'{name}' is not used by a {question.type} question",
                    "check.field",
                    f"a {question.type} question has: {', '.join(own)}",
                    key=True,
                )
            )
    check = _TYPE_CHECKS[question.type]
    for where, message, hint in check(question, lesson):
        problems.append(_error(doc, (*path, *where), message, "check.answer", hint))
    return problems


Finding = tuple[Path_, str, str]


def _choice(q: Question, lesson: Lesson) -> list[Finding]:
    if len(q.options) < 2:
        return [(("options",), "a choice question needs at least two options", "add `options:` as a list")]
    right = [o for o in q.options if o.correct]
    out = _repeats([o.text for o in q.options], ("options",), "option")
    if not right:
        out.append((("options",), "no option is marked right", "add `correct: true` to the right option"))
    elif len(right) == len(q.options):
        out.append((("options",), "every option is marked right", "a choice question needs a wrong option"))
    return out


def _true_false(q: Question, lesson: Lesson) -> list[Finding]:
    if q.answer is None:
        return [((), "a true_false question needs its answer", "add `answer: true` or `answer: false`")]
    return []


def _short_answer(q: Question, lesson: Lesson) -> list[Finding]:
    out: list[Finding] = []
    if q.model_answer is None:
        out.append(((), "a short_answer question needs a model answer", "add `model_answer:` for the key"))
    if q.lines is not None and q.lines > MAX_LINES:
        out.append((("lines",), f"at most {MAX_LINES} lines to write on", f"write {MAX_LINES} or fewer"))
    return out


def _order(q: Question, lesson: Lesson) -> list[Finding]:
    if len(q.steps) < 2:
        return [(("steps",), "an order question needs at least two steps", "list them in the right order")]
    return _repeats(list(q.steps), ("steps",), "step")


def _match(q: Question, lesson: Lesson) -> list[Finding]:
    if q.pairs and q.from_vocabulary:
        return [(("from_vocabulary",), "give `pairs` or `from_vocabulary: true`, not both", "")]
    if q.from_vocabulary:
        if len(lesson.vocabulary) < 2:
            return [(("from_vocabulary",), "the lesson has fewer than two words to know", "add `pairs`")]
        return []
    if len(q.pairs) < 2:
        hint = "add `pairs` (term and definition), or `from_vocabulary: true`"
        return [(("pairs",), "a match question needs at least two pairs", hint)]
    return _repeats([p.term for p in q.pairs], ("pairs",), "term") + _repeats(
        [p.definition for p in q.pairs], ("pairs",), "definition"
    )


_TYPE_CHECKS = {
    "choice": _choice,
    "true_false": _true_false,
    "short_answer": _short_answer,
    "order": _order,
    "match": _match,
}


def _repeats(texts: Sequence[RichText], path: Path_, noun: str) -> list[Finding]:
    """One finding per text that repeats an earlier one (learners could not tell them apart)."""
    seen: set[str] = set()
    out: list[Finding] = []
    for i, text in enumerate(texts):
        if text.plain in seen:
            out.append(
                ((*path, i), f"this {noun} is the same as an earlier one", f"make each {noun} different")
            )
        seen.add(text.plain)
    return out


def _check_tag(tag: str, objectives: Sequence[RichText], doc: Located, path: Path_) -> list[LessonError]:
    """A tag must be 'objective N' with N between 1 and the number of objectives."""
    n = objective_number(tag)
    if n is not None and 1 <= n <= len(objectives):
        return []
    names = [f"objective {i}" for i in range(1, len(objectives) + 1)]
    guess = None if n is not None else _guess_objective(tag, objectives, names)
    count = f"the lesson has {len(objectives)} objective{'s' * (len(objectives) != 1)}"
    hint = f"did you mean '{guess}'? ({count})" if guess else f"{count}: write 'objective 1' to '{names[-1]}'"
    return [_error(doc, path, f"tag '{tag}' names no objective of this lesson", "check.tag", hint)]


def _guess_objective(tag: str, objectives: Sequence[RichText], names: list[str]) -> str | None:
    """The objective a bad tag most likely meant: its number, its text, or a near spelling."""
    if tag.strip().isdigit() and 1 <= int(tag) <= len(names):
        return names[int(tag) - 1]
    texts = {o.plain.lower(): name for o, name in zip(objectives, names, strict=True)}
    close = difflib.get_close_matches(tag.lower(), list(texts), n=1, cutoff=0.6)
    if close:
        return texts[close[0]]
    close = difflib.get_close_matches(tag.lower(), names, n=1, cutoff=0.8)
    return close[0] if close else None


def _check_ticket(lesson: Lesson, doc: Located) -> list[LessonError]:
    """The exit ticket names at most three of the lesson's questions, each once."""
    assert lesson.check is not None
    chosen = lesson.check.exit_ticket
    ids = [q.id for q in lesson.check.questions]
    problems = []
    if len(chosen) > MAX_EXIT_TICKET:
        problems.append(
            _error(
                doc,
                ("check", "exit_ticket"),
                f"an exit ticket has at most {MAX_EXIT_TICKET} questions, not {len(chosen)}",
                "check.exit-ticket",
                "choose the questions that matter most; the quiz has all of them",
            )
        )
    seen: set[str] = set()
    for i, question_id in enumerate(chosen):
        path: Path_ = ("check", "exit_ticket", i)
        if question_id not in ids:
            close = difflib.get_close_matches(question_id, ids, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "question ids: " + ", ".join(ids)
            problems.append(
                _error(doc, path, f"no question with id '{question_id}'", "check.unknown-id", hint)
            )
        elif question_id in seen:
            problems.append(
                _error(doc, path, f"question '{question_id}' is listed twice", "check.exit-ticket")
            )
        seen.add(question_id)
    return problems


def _error(
    doc: Located, path: Path_, message: str, code: str, hint: str = "", *, key: bool = False
) -> LessonError:
    return LessonError(message, code=code, location=doc.where(path, key=key), hint=hint or None)


def check_survey(
    survey: Survey, doc: Located, questions: Mapping[str, Mapping[str, Question]] | None
) -> list[LessonError]:
    """A course survey's items: unique ids, a statement or a question each, and each question a
    choice (one right option) or true_false question of a lesson (when the lessons are known)."""
    problems: list[LessonError] = []
    first: dict[str, int] = {}
    for i, item in enumerate(survey.items):
        path: Path_ = ("survey", "items", i)
        if item.id in first:
            message = f"survey item id '{item.id}' is used twice (first on line {first[item.id]})"
            problems.append(_error(doc, (*path, "id"), message, "survey.duplicate-id"))
        first.setdefault(item.id, doc.where((*path, "id")).line)
        if (item.statement is None) == (item.question is None):
            hint = "a statement to agree or disagree with, or a question: 'lesson-id/question-id'"
            problems.append(
                _error(doc, path, "give an item a `statement` or a `question`", "survey.item", hint)
            )
        elif item.question is not None and questions is not None:
            problems += _check_reference(item.question, doc, (*path, "question"), questions)
    return problems


def _check_reference(
    ref: str, doc: Located, path: Path_, questions: Mapping[str, Mapping[str, Question]]
) -> list[LessonError]:
    """A knowledge item names an existing question a survey can score from one letter."""
    lesson_id, _, question_id = ref.partition("/")
    if lesson_id not in questions:
        close = difflib.get_close_matches(lesson_id, sorted(questions), n=1)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else "lessons with questions: " + ", ".join(sorted(questions))
        )
        return [
            _error(doc, path, f"no lesson with check questions has id '{lesson_id}'", "survey.question", hint)
        ]
    known = questions[lesson_id]
    question = known.get(question_id)
    if question is None:
        close = difflib.get_close_matches(question_id, sorted(known), n=1)
        hint = f"did you mean '{lesson_id}/{close[0]}'?" if close else "its questions: " + ", ".join(known)
        return [
            _error(
                doc, path, f"lesson '{lesson_id}' has no question '{question_id}'", "survey.question", hint
            )
        ]
    right = sum(o.correct for o in question.options)
    if question.type not in KNOWLEDGE_TYPES or (question.type == "choice" and right != 1):
        return [
            _error(
                doc,
                path,
                f"'{ref}' cannot be scored from one ticked box",
                "survey.question",
                "use a true_false question, or a choice question with one right option",
            )
        ]
    return []


def question_index(lessons: Sequence[Lesson]) -> dict[str, dict[str, Question]]:
    """lesson id -> question id -> question, for the source lessons that have questions."""
    return {
        lesson.lesson_id: {q.id: q for q in lesson.check.questions}
        for lesson in lessons
        if lesson.check is not None and lesson.translation is None
    }

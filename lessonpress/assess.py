"""Turn a lesson's check questions into what is printed: lettered entries in a stable shuffled
order, and the answer each one has on the key.

The quiz, the exit ticket, the survey form and the answer key all read the same `Printed`
question, so a letter on a learner's sheet is the letter on the key. The order of options (and
of an order question's steps, a match question's definitions) is shuffled by a generator seeded
with the lesson id, its version and the question id: the same on every reprint, in every
language, and different once the lesson's version changes. No ReportLab here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .markup import RichText
from .model import Lesson, Question, Term
from .questions import objective_number

LATIN_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Entry:
    """One lettered thing a learner ticks, numbers or matches: an option, a step, a definition."""

    letter: str
    text: RichText


@dataclass(frozen=True)
class Printed:
    """A question as printed: its number, lettered entries in print order, and its answer."""

    number: int
    question: Question
    entries: tuple[Entry, ...] = ()  # choice: options; order: steps; match: definitions
    terms: tuple[RichText, ...] = ()  # match: the terms, numbered 1, 2, ... in the lesson's order
    key: tuple[str, ...] = ()  # choice: right letters; order: letters in order; match: per term

    @property
    def type(self) -> str:
        """The question's type (choice, true_false, ...)."""
        return self.question.type

    @property
    def several(self) -> bool:
        """True for a choice question with more than one right answer."""
        return len(self.key) > 1 and self.type == "choice"

    def objective(self) -> int | None:
        """The number of the objective the question checks, if it is tagged."""
        return objective_number(self.question.tag) if self.question.tag else None


def permutation(n: int, *seed_parts: str) -> list[int]:
    """A shuffled order of range(n), the same for the same seed on every machine and Python
    version (a Fisher-Yates shuffle driven by SHA-256, not by `random`); never the identity when
    n > 1 (an order question printed in its right order would give the answer away)."""
    seed = "\n".join(seed_parts).encode("utf-8")
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        draw = int.from_bytes(hashlib.sha256(seed + b"\n%d" % i).digest()[:8], "big")
        j = draw % (i + 1)
        order[i], order[j] = order[j], order[i]
    if n > 1 and order == list(range(n)):
        order = order[1:] + order[:1]
    return order


def letters_for(count: int, alphabet: str = LATIN_LETTERS) -> list[str]:
    """The first `count` letters of an alphabet (a language may print its own letters)."""
    letters = [c for c in alphabet if not c.isspace()] or list(LATIN_LETTERS)
    if count > len(letters):
        letters = list(LATIN_LETTERS)
    return letters[:count]


def printed(lesson: Lesson, question: Question, number: int, alphabet: str = LATIN_LETTERS) -> Printed:
    """One question as the quiz, ticket, survey and key print it."""
    seed = (lesson.lesson_id, lesson.version.plain if lesson.version else "", question.id)
    if question.type == "choice":
        order = permutation(len(question.options), *seed)
        letters = letters_for(len(order), alphabet)
        entries = tuple(Entry(letters[i], question.options[k].text) for i, k in enumerate(order))
        key = tuple(letters[i] for i, k in enumerate(order) if question.options[k].correct)
        return Printed(number, question, entries, key=key)
    if question.type == "order":
        order = permutation(len(question.steps), *seed)
        letters = letters_for(len(order), alphabet)
        entries = tuple(Entry(letters[i], question.steps[k]) for i, k in enumerate(order))
        key = tuple(letters[order.index(k)] for k in range(len(order)))  # the steps' letters, in order
        return Printed(number, question, entries, key=key)
    if question.type == "match":
        pairs = pairs_of(lesson, question)
        order = permutation(len(pairs), *seed)
        letters = letters_for(len(order), alphabet)
        entries = tuple(Entry(letters[i], pairs[k].definition) for i, k in enumerate(order))
        key = tuple(letters[order.index(k)] for k in range(len(pairs)))  # each term's definition
        return Printed(number, question, entries, tuple(p.term for p in pairs), key)
    return Printed(number, question)


def pairs_of(lesson: Lesson, question: Question) -> tuple[Term, ...]:
    """A match question's pairs: its own, or the lesson's words to know."""
    return lesson.vocabulary if question.from_vocabulary else question.pairs


def quiz(lesson: Lesson, alphabet: str = LATIN_LETTERS) -> list[Printed]:
    """Every question of the lesson, numbered from 1, as printed on the quiz and the key."""
    if lesson.check is None:
        return []
    return [printed(lesson, q, n, alphabet) for n, q in enumerate(lesson.check.questions, 1)]


def exit_ticket(lesson: Lesson, alphabet: str = LATIN_LETTERS) -> list[Printed]:
    """The exit ticket's questions, numbered from 1 on the ticket."""
    if lesson.check is None:
        return []
    return [printed(lesson, q, n, alphabet) for n, q in enumerate(lesson.check.ticket(), 1)]

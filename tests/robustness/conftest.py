"""Shared helpers of the robustness suite: a per-case time limit and the one assertion.

Every case ends the same way: the tool's own located error, or a correct build; never an
internal error, never a hang, never a changed file outside the output folder.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterable, Iterator

from lessonpress.errors import LessonError


class Hang(Exception):
    """A case ran past its time limit: the tool would have hung."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail the case with `Hang` when its body runs longer than `seconds` (Unix, main thread)."""

    def expired(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def assert_own_errors(problems: Iterable[LessonError]) -> None:
    """Every problem is one of the tool's located errors, none an internal error."""
    for problem in problems:
        assert problem.code != "internal.error", problem.format()
        if problem.is_error:
            assert problem.path and problem.line >= 1 and problem.column >= 1, problem.format()

"""Every bad lesson in fixtures/bad/ gives exactly the errors written next to it.

A text fixture carries its expectations as `# expect: LINE:COL: error: message [code]` comments;
a binary one (UTF-16, Latin-1, NUL bytes) has them in a sibling `.expect` file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonpress.lessons import check_lesson
from lessonpress.project import LessonFile

from .conftest import BAD

CASES = sorted(p for p in BAD.iterdir() if p.suffix == ".yaml")


def expectations(path: Path) -> list[str]:
    sidecar = path.with_suffix(".expect")
    if sidecar.exists():
        lines = sidecar.read_text(encoding="utf-8").splitlines()
    else:
        lines = [
            ln.removeprefix("# expect: ")
            for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.startswith("# expect: ")
        ]
    assert lines, f"{path.name} has no expectations"
    return [f"bad/{path.name}:{line}" for line in lines]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_bad_input_reports_expected_errors(path: Path) -> None:
    lesson, problems = check_lesson(LessonFile(path, f"bad/{path.name}", path.stem))
    assert lesson is None
    got = [p.format().splitlines()[0] for p in problems]
    for expected in expectations(path):
        assert expected in got, f"expected {expected!r}\n got {got!r}"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_problem_names_a_line_and_column(path: Path) -> None:
    _, problems = check_lesson(LessonFile(path, f"bad/{path.name}", path.stem))
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1, problem.format()
        assert problem.code and problem.message


def test_there_are_many_bad_inputs() -> None:
    assert len(CASES) >= 45

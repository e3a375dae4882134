"""The YAML traps of issue 14: each says what happened in plain words, at the right line and
column, with the corrected line; and the corrected line really fixes it.

Every file in fixtures/traps/ carries its expectations: `# expect: LINE:COL: severity: message
[code]` comments, each followed by the `# hint:` the teacher sees (a sidecar `.expect` file
holds them, without `# `, where the issue's line numbers must stay as reported).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lessonpress.lessons import check_lesson
from lessonpress.project import LessonFile

from .conftest import FIXTURES

TRAPS = FIXTURES / "traps"
CASES = sorted(TRAPS.glob("*.yaml"))
ISSUE_14 = [
    "issue14-markdown-bullet",
    "issue14-french-colon",
    "issue14-unclosed-quote",
    "issue14-at-sign",
    "issue14-missing-colon",
    "issue14-question-item",
]


def expectations(path: Path) -> list[tuple[str, str | None]]:
    """(first line of the problem, its hint) pairs written next to the trap."""
    sidecar = path.with_suffix(".expect")
    if sidecar.exists():
        lines = sidecar.read_text(encoding="utf-8").splitlines()
    else:
        lines = [
            ln[2:]
            for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.startswith(("# expect: ", "# hint: "))
        ]
        lines = [ln.removeprefix("expect: ") for ln in lines]
    out: list[tuple[str, str | None]] = []
    for line in lines:
        if line.startswith("hint: "):
            out[-1] = (out[-1][0], line.removeprefix("hint: "))
        else:
            out.append((line, None))
    return out


def problems_of(path: Path) -> list:
    _, problems = check_lesson(LessonFile(path, path.name, path.stem))
    return problems


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_a_trap_is_explained_at_its_place_with_the_fix(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} has no expectations"
    got = {p.format().splitlines()[0].removeprefix(f"{path.name}:"): p.hint for p in problems_of(path)}
    for line, hint in expected:
        assert line in got, f"expected {line!r}\n got {list(got)!r}"
        assert hint == got[line], f"hint of {line!r}"
    for first_line in got:
        assert "[yaml.syntax]" not in first_line, f"a raw parser message is left: {first_line}"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_corrected_line_fixes_the_trap(path: Path, tmp_path: Path) -> None:
    """Write the line the hint shows in place of the trap's line: that problem is gone."""
    lines = path.read_text(encoding="utf-8").split("\n")
    fixed_any = False
    for line, hint in expectations(path):
        shown = re.search(r"`` (.*) ``$|`(.*)`$", hint or "")
        if not shown:
            continue
        number = int(line.split(":")[0])
        lines[number - 1] = shown.group(1) if shown.group(1) is not None else shown.group(2)
        fixed_any = True
    if not fixed_any:
        pytest.skip("no corrected line to try")
    fixed = tmp_path / path.name
    fixed.write_text("\n".join(lines), encoding="utf-8")
    _, problems = check_lesson(LessonFile(fixed, path.name, path.stem))
    left = [p.format().splitlines()[0] for p in problems]
    fixed_lines = {int(line.split(":")[0]) for line, hint in expectations(path) if hint}
    for problem in problems:  # a list trap may show its next item now; never the same line
        assert problem.line not in fixed_lines or not problem.code.startswith("yaml."), left
        assert problem.code != "yaml.syntax", left


def test_there_are_at_least_25_traps() -> None:
    assert len(CASES) >= 25
    assert {p.stem for p in CASES} >= set(ISSUE_14)


@pytest.mark.parametrize("stem", ISSUE_14)
def test_the_six_traps_of_issue_14_keep_the_issues_line_numbers(stem: str) -> None:
    path = TRAPS / f"{stem}.yaml"
    assert path.with_suffix(".expect").exists()
    assert not any(ln.startswith("#") for ln in path.read_text(encoding="utf-8").splitlines())

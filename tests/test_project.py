"""Finding lessons and naming outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonpress.project import find_lessons, lesson_id


def test_folder_scan_finds_lessons_but_not_the_curriculum_file(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "curriculum.yaml", ".hidden.yaml", "notes.txt"):
        (tmp_path / name).write_text("x")
    files, problems = find_lessons((str(tmp_path),))
    assert [f.lesson_id for f in files] == ["a", "b"]
    assert [p.format().splitlines()[0] for p in problems] == [
        f"{tmp_path}: warning: 1 file here is not a lesson and was skipped: notes.txt [input.skipped]"
    ]


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    files, problems = find_lessons((str(tmp_path / "nope"),))
    assert not files and problems[0].code == "input.missing"


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("teens-1-grooming", "teens-1-grooming"),
        ("../../x", "x"),
        ("CON", "lesson-con"),
        ("a/b:c", "a-b-c"),
        ("Ünïcode lesson", "unicode-lesson"),
        ("...", "lesson"),
    ],
)
def test_lesson_ids_are_safe_file_names(stem: str, expected: str) -> None:
    assert lesson_id(stem) == expected

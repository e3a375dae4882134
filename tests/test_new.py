"""`lessonpress new`: a neutral skeleton whose schema link works offline, and a build that
warns about placeholder text left in."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.cli import main
from lessonpress.skeleton import placeholders

from .conftest import GOOD, SHIPPED


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


def test_the_skeleton_is_neutral(project: Path) -> None:
    assert run("new", "recycling").exit_code == 0
    text = (project / "lessons" / "recycling.yaml").read_text().lower()
    for word in ("online", "chat", "secret", "teens", "helpline"):
        assert word not in text, word


def test_a_build_warns_once_about_placeholder_text_left_in(project: Path) -> None:
    assert run("new", "recycling").exit_code == 0
    lesson = project / "lessons" / "recycling.yaml"
    result = run("build", "lessons/recycling.yaml", "--format", "handout")
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.output.splitlines() if "[lesson.placeholder]" in ln]
    assert warnings == [
        "lessons/recycling.yaml:10:11: warning: 29 placeholder texts from `lessonpress new` are still "
        "here, e.g. 'A line under the title' [lesson.placeholder]"
    ]
    text = lesson.read_text()
    for n, placeholder in enumerate(sorted(placeholders())):
        own = "https://example.com/mine" if placeholder.startswith("https:") else f"My own words {n}"
        text = text.replace(f'"{placeholder}"', f'"{own}"')
        for before in (": ", "- "):  # the check questions' texts are written without quotes
            text = text.replace(f"{before}{placeholder}\n", f'{before}"{own}"\n')
    text = text.replace("Two or three sentences that tell learners what this session is about.", "Mine.")
    lesson.write_text(text)
    again = run("build", "lessons/recycling.yaml", "--format", "handout")
    assert again.exit_code == 0 and "placeholder" not in again.output, again.output


@pytest.mark.parametrize("path", [GOOD / "full.yaml", GOOD / "minimal.yaml", *SHIPPED], ids=lambda p: p.stem)
def test_finished_lessons_have_no_placeholder_warning(path: Path) -> None:
    result = run("check", str(path))
    assert "[lesson.placeholder]" not in result.output


def test_the_schema_link_is_a_path_into_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    assert run("new", "recycling").exit_code == 0
    first = (tmp_path / "lessons" / "recycling.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../lesson.schema.json"
    assert (tmp_path / "lessons" / "../lesson.schema.json").is_file()
    assert "http" not in first


def test_without_a_schema_file_the_skeleton_says_how_to_get_one(project: Path) -> None:
    assert run("new", "recycling").exit_code == 0
    first = (project / "lessons" / "recycling.yaml").read_text().splitlines()[0]
    assert first == "# Editors check a lesson as you type with `lessonpress schema > lesson.schema.json`."

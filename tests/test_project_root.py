"""A project is the folder that holds lessonpress.toml: every command finds it from any folder
inside, as git finds .git; outside a project the error says how to start one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.cli import main


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def configured(project: Path) -> Path:
    """The `project` fixture with a lessonpress.toml and a sub-folder to work from."""
    (project / "lessonpress.toml").write_text('paper = "letter"\n')
    (project / "notes" / "deep").mkdir(parents=True)
    return project


def test_build_from_a_sub_folder_builds_the_project(
    configured: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(configured / "notes" / "deep")
    result = run("build", "--format", "handout", "-j", "1")
    assert result.exit_code == 0, result.output
    assert (configured / "build" / "en" / "minimal-handout.pdf").is_file()
    assert not (configured / "notes" / "deep" / "build").exists()
    assert Path.cwd() == configured / "notes" / "deep"  # the command gave the folder back


def test_a_path_typed_in_a_sub_folder_is_relative_to_that_folder(
    configured: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(configured / "lessons")
    result = run("build", "minimal.yaml", "--format", "handout")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (configured / "build" / "en").iterdir()] == ["minimal-handout.pdf"]
    assert run("check", "minimal.yaml").exit_code == 0
    missing = run("build", "nope.yaml")
    assert missing.exit_code == 2 and "lessons/nope.yaml: error: no such file or folder" in missing.output


def test_the_projects_settings_apply_from_a_sub_folder(
    configured: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    monkeypatch.chdir(configured / "notes")
    assert run("build", "--format", "handout", "-j", "1").exit_code == 0
    box = PdfReader(configured / "build" / "en" / "minimal-handout.pdf").pages[0].mediabox
    assert round(float(box.width)) == 612  # paper = "letter" from lessonpress.toml


def test_new_from_a_sub_folder_writes_into_the_projects_lessons(
    configured: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(configured / "notes" / "deep")
    result = run("new", "recycling")
    assert result.exit_code == 0, result.output
    assert (configured / "lessons" / "recycling.yaml").is_file()


def test_outside_a_project_the_error_says_how_to_start_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (("build",), ("check",), ("watch",)):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert "this is not a lessonpress project [project.none]" in result.output
        assert "start one with `lessonpress init my-course`" in result.output
    helplines = run("helplines")
    assert helplines.exit_code == 1
    assert "there is no assets/helplines.yaml here" in helplines.output
    assert "lessonpress init --example safe-online" in helplines.output


def test_settings_left_in_pyproject_are_an_error_that_says_where_they_go(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.lessonpress]\ntheme = "ngo"\n')
    result = run("build")
    assert result.exit_code == 2
    assert (
        "pyproject.toml:4:1: error: lessonpress no longer reads settings from pyproject.toml" in result.output
    )
    assert "into lessonpress.toml" in result.output
    assert not (project / "build").exists()


def test_a_pyproject_without_lessonpress_settings_is_left_alone(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert run("check").exit_code == 0


def test_the_nearest_lessonpress_toml_wins(configured: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inner = configured / "notes" / "inner"
    (inner / "lessons").mkdir(parents=True)
    (inner / "lessonpress.toml").write_text("")
    (inner / "lessons" / "one.yaml").write_text((configured / "lessons" / "minimal.yaml").read_text())
    monkeypatch.chdir(inner / "lessons")
    result = run("build", "--format", "handout")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (inner / "build" / "en").iterdir()] == ["one-handout.pdf"]
    assert os.getcwd() == str(inner / "lessons")


def test_the_repos_own_settings_live_in_lessonpress_toml_and_the_readme_names_every_key() -> None:
    """The repository is a project like any other: its settings are in lessonpress.toml (read
    without a problem), none are left in pyproject.toml, and the README and the repo's own file
    show every key the loader accepts (a new key, e.g. a table, is documented in both)."""
    import tomllib

    from lessonpress.config import KEYS, project_defaults

    from .conftest import ROOT

    _, problems = project_defaults(ROOT)
    assert problems == []
    assert "lessonpress" not in tomllib.loads((ROOT / "pyproject.toml").read_text()).get("tool", {})
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Project settings", 1)[1].split("\n## ", 1)[0]
    own = (ROOT / "lessonpress.toml").read_text(encoding="utf-8")
    for key in KEYS:
        for text, name in ((section, "README"), (own, "lessonpress.toml")):
            assert f"{key} = " in text or f"[{key}]" in text, f"{name} does not show '{key}'"

"""`lessonpress init` makes a project a teacher can build at once, and never overwrites a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.cli import main
from lessonpress.schema import schema_json
from lessonpress.starter import AUDIENCES, STARTER_IDS

from .conftest import ROOT, pdf_text


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_init_makes_a_project_whose_example_builds_without_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, audience: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "course", "--audience", audience)
    assert result.exit_code == 0, result.output
    course = tmp_path / "course"
    lesson = course / "lessons" / f"{STARTER_IDS[audience]}.yaml"
    for path in ("lessonpress.toml", ".gitignore", "README.md", "lesson.schema.json", "assets/themes"):
        assert (course / path).exists(), path
    assert lesson.is_file()
    assert "next: cd course && lessonpress build" in result.output
    monkeypatch.chdir(course)
    built = run("build", "--format", "handout", "-j", "1")
    assert built.exit_code == 0 and "warning" not in built.output, built.output
    text = pdf_text((course / "build" / "en" / f"{STARTER_IDS[audience]}-handout.pdf").read_bytes())
    assert "What we will learn" in text
    # Neutral: the example of a teacher's own project is not about online safety.
    for word in ("online", "grooming", "helpline", "abuse", "secret"):
        assert word not in lesson.read_text().lower(), word
    assert run("themes", "preview", "school").exit_code == 0


def test_init_writes_the_schema_editors_read_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    assert (tmp_path / "lesson.schema.json").read_text() == schema_json()
    json.loads((tmp_path / "lesson.schema.json").read_text())
    assert (tmp_path / ".gitignore").read_text().splitlines()[-1] == "build/"


def test_init_never_overwrites_and_writes_nothing_when_a_file_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text("mine\n")
    result = run("init")
    assert result.exit_code == 2
    assert "README.md: error: already exists; lessonpress init never overwrites a file" in result.output
    assert (tmp_path / "README.md").read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_init_example_copies_the_shipped_curriculum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "safe", "--example", "safe-online")
    assert result.exit_code == 0, result.output
    safe = tmp_path / "safe"
    shipped = sorted(p.relative_to(ROOT) for p in (ROOT / "lessons").rglob("*") if p.is_file())
    copied = sorted(p.relative_to(safe) for p in (safe / "lessons").rglob("*") if p.is_file())
    assert copied == shipped
    assert (safe / "assets" / "helplines.yaml").read_bytes() == (
        ROOT / "assets" / "helplines.yaml"
    ).read_bytes()
    monkeypatch.chdir(safe)
    assert run("check").exit_code == 0
    listed = run("helplines")
    assert listed.exit_code in (0, 1) and "Helplines in assets/helplines.yaml" in listed.output


def test_audience_and_example_together_are_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "--example", "safe-online", "--audience", "teens")
    assert result.exit_code == 2 and not any(tmp_path.iterdir())

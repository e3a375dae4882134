"""The command line as a teacher uses it: exit codes, messages, files written or not."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from lessonpress.cli import main

from .conftest import BAD


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


def test_no_arguments_builds_lessons_folder_into_build(project: Path) -> None:
    result = run()
    assert result.exit_code == 0, result.output
    built = {p.name for p in (project / "build" / "en").iterdir()}
    assert {"full-handout.pdf", "minimal-handout.pdf", "full-guide.pdf", "course-pack.pdf"} <= built
    pdfs = sum(name.endswith(".pdf") for name in built)
    pages = sum(name.endswith(".html") for name in built)  # the html formats (not the catalog)
    assert pages, built
    assert f"{pdfs} PDFs and {pages} HTML files written from 2 lessons" in result.output


def test_bad_lesson_exit_1_with_located_error_and_others_built(project: Path) -> None:
    shutil.copy(BAD / "typo-key.yaml", project / "lessons")
    result = run("build")
    assert result.exit_code == 1
    assert "lessons/typo-key.yaml:3:1: error: unknown key 'titel' (did you mean 'title'?)" in result.output
    assert "Traceback" not in result.output
    assert (project / "build" / "en" / "full-handout.pdf").exists()


def test_problems_are_sorted_by_file_and_line(project: Path) -> None:
    shutil.copy(BAD / "wrong-type.yaml", project / "lessons" / "b.yaml")
    shutil.copy(BAD / "typo-key.yaml", project / "lessons" / "a.yaml")
    result = run("check")
    lines = [ln for ln in result.output.splitlines() if ": error: " in ln]
    assert lines == sorted(lines, key=lambda ln: (ln.split(":")[0], int(ln.split(":")[1])))
    assert len(lines) == 4


def test_usage_error_exits_2(project: Path) -> None:
    assert run("build", "--paper", "a3").exit_code == 2
    assert run("build", "--jobs", "0").exit_code == 2
    assert run("--no-such-flag").exit_code == 2


def test_out_equal_to_the_lesson_file_is_a_usage_error(project: Path) -> None:
    lesson = project / "lessons" / "minimal.yaml"
    before = lesson.read_bytes()
    result = run("build", str(lesson), "--out", str(lesson))
    assert result.exit_code == 2
    assert lesson.read_bytes() == before


def test_check_writes_nothing(project: Path) -> None:
    result = run("check")
    assert result.exit_code == 0 and "2 lessons checked, 0 errors" in result.output
    assert not (project / "build").exists()


def test_check_reports_every_bad_file_in_one_run(tmp_path: Path) -> None:
    result = run("check", str(BAD))
    assert result.exit_code == 1
    files = {ln.split(":")[0] for ln in result.output.splitlines() if ": error: " in ln}
    assert len(files) == len(list(BAD.glob("*.yaml")))


def test_new_writes_a_skeleton_that_builds_and_refuses_to_overwrite(project: Path) -> None:
    result = run("new", "my-first-lesson")
    assert result.exit_code == 0, result.output
    path = project / "lessons" / "my-first-lesson.yaml"
    assert path.exists()
    assert run("build", str(path), "--format", "handout").exit_code == 0
    before = path.read_bytes()
    again = run("new", "my-first-lesson")
    assert again.exit_code == 1 and "already exists" in again.output
    assert path.read_bytes() == before


def test_new_rejects_unsafe_ids(project: Path) -> None:
    result = run("new", "../escape")
    assert result.exit_code == 2 and "cannot be a lesson id" in result.output


def test_quiet_prints_only_errors(project: Path) -> None:
    result = run("build", "-q", "--format", "handout")
    assert result.exit_code == 0 and result.output == ""


def test_verbose_shows_timings(project: Path) -> None:
    result = run("build", "-v", "--jobs", "1", "--format", "handout")
    assert " ms)" in result.output


def test_missing_path_is_a_usage_error_not_a_crash(project: Path) -> None:
    result = run("build", "nope.yaml")
    assert result.exit_code == 2 and "nope.yaml: error: no such file or folder" in result.output
    assert not (project / "build").exists()


def test_schema_command_prints_json_schema(project: Path) -> None:
    result = run("schema")
    assert result.exit_code == 0 and '"discussion_prompts"' in result.output


def test_console_script_and_make_pdfs_agree() -> None:
    text = (Path(__file__).parent.parent / "make_pdfs.py").read_text()
    assert "from lessonpress.cli import run" in text
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text()
    assert 'lessonpress = "lessonpress.cli:run"' in pyproject

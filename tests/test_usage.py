"""Usage: one settings builder for build, watch, check and themes preview; exit codes as the
README says (0 ok, 1 lesson errors, 2 usage); `make_pdfs.py [build flags]` is `build`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from lessonpress.cli import main

from .conftest import ROOT


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


def page_size(path: Path) -> tuple[float, float]:
    box = PdfReader(path).pages[0].mediabox
    return (round(float(box.width)), round(float(box.height)))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("build", "nope.yaml"), "nope.yaml: error: no such file or folder [input.missing]"),
        (("build", "--theme", "nope"), "error: no theme called 'nope' [theme.unknown]"),
        (("new", "Two words"), "cannot be a lesson id"),
        (("build", "--locale", "not a tag"), "'not a tag' is not a language tag"),
        (("check", "nope"), "nope: error: no such file or folder [input.missing]"),
        (("watch", "nope"), "nope: error: no such file or folder [input.missing]"),
        (("build", "--out", "x" * 300), "error: --out cannot be used as a folder"),
        (("build", "lessons/" + "x" * 300 + ".yaml"), "error: this path cannot be opened"),
    ],
)
def test_usage_errors_exit_2_with_a_message(project: Path, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not (project / "build").exists()


def test_a_file_that_is_not_a_lesson_is_refused(project: Path) -> None:
    (project / "lesson.txt").write_text((project / "lessons" / "minimal.yaml").read_text())
    result = run("build", "lesson.txt")
    assert result.exit_code == 2
    assert "lesson.txt: error: not a lesson file: lessons are .yaml or .yml files [input.not-lesson]" in (
        result.output
    )
    assert not (project / "build").exists()


def test_other_files_in_a_folder_are_named_once(project: Path) -> None:
    (project / "lessons" / "x.yaml.txt").write_text("title: x\n")
    (project / "lessons" / "notes.md").write_text("notes\n")
    for _ in range(2):  # the full build, then the one with nothing to do
        result = run("build", "--format", "handout", "--jobs", "1")
        assert result.exit_code == 0
        lines = [ln for ln in result.output.splitlines() if "skipped" in ln]
        assert lines == [
            "lessons: warning: 2 files here are not a lesson and were skipped: notes.md, x.yaml.txt "
            "[input.skipped]"
        ]


def test_a_folder_without_lessons_says_so(project: Path) -> None:
    (project / "empty").mkdir()
    for command in ("build", "check"):
        result = run(command, "empty")
        assert result.exit_code == 2
        assert "empty: error: no lessons in this folder" in result.output and "0 errors" not in result.output


def test_make_pdfs_takes_build_flags_first(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(ROOT / "make_pdfs.py"), "--force", "--format", "handout", "-j", "1"]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "2 PDFs written" in done.stdout + done.stderr
    assert run("lessons/minimal.yaml", "--format", "handout").exit_code == 0  # a path first: build


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            'theme = "default"\npaper = "A4"\n',
            "lessonpress.toml:2:1: error: paper = 'A4' is not a paper size",
        ),
        ("paper = \n", "lessonpress.toml:1:9: error: not valid TOML"),
        ("papr = 'a4'\n", "lessonpress.toml:1:1: error: unknown setting 'papr'"),
    ],
)
def test_a_config_error_stops_every_command_before_it_builds(
    project: Path, config: str, message: str
) -> None:
    (project / "lessonpress.toml").write_text(config)
    for args in (("build",), ("check",), ("watch",), ("themes", "preview", "default")):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, (args, result.output)
    assert not (project / "build").exists()


def test_watch_builds_with_the_projects_settings(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "assets" / "themes", project / "assets" / "themes")
    shutil.copy(ROOT / "assets" / "logo-placeholder.png", project / "assets")
    (project / "lessonpress.toml").write_text('theme = "ngo"\npaper = "letter"\n')
    assert run("build", "--format", "handout", "--jobs", "1").exit_code == 0
    handout = project / "build" / "en" / "minimal-handout.pdf"
    before = handout.read_bytes()
    assert page_size(handout) == (612, 792)
    import watchfiles

    monkeypatch.setattr(watchfiles, "watch", lambda *a, **k: iter(()))  # one build, then stop
    result = run("watch", "--format", "handout")
    assert result.exit_code == 0, result.output
    assert "0 PDFs written, 2 up to date" in result.output
    assert handout.read_bytes() == before


def test_themes_preview_takes_the_projects_paper(project: Path) -> None:
    (project / "lessonpress.toml").write_text('paper = "letter"\n')
    result = run("themes", "preview", "default")
    assert result.exit_code == 0, result.output
    assert page_size(project / "build" / "themes" / "default-specimen.pdf") == (612, 792)


def test_the_i18n_commands_import_on_their_own() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = "import lessonpress.cli_i18n, lessonpress.cli; print(sorted(lessonpress.cli.main.commands))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert "'i18n'" in done.stdout

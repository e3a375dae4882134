"""Every bad input of the suite at once, through the command line, as a teacher would meet them.

One project holds a good lesson beside every bad lesson of fixtures/bad/ and fixtures/traps/
and the cases of issue 13 (a 7,070-character prompt, `duration_minutes: ²`, broken links, a
6 GiB sparse file). `check` and `build` must give the tool's own located errors, build the
good lesson, finish in time and change no file outside `--out`.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.cli import main

from ..conftest import BAD, FIXTURES, GOOD
from .conftest import deadline
from .test_layout_ends import lesson_with_prompt

ISSUE_13 = {
    "long-prompt.yaml": lesson_with_prompt(7070),
    "superscript.yaml": "title: A\nduration_minutes: ²\nobjectives: [a]\ndiscussion_prompts: [b]\n"
    "key_takeaways: [c]\n",
    "ipv6.yaml": 'title: B\nobjectives: ["[x](https://[::1/)"]\ndiscussion_prompts: [b]\n'
    "key_takeaways: [c]\n",
    "bracket.yaml": 'title: C\nobjectives: ["[x](http://[/)"]\ndiscussion_prompts: [b]\nkey_takeaways: [c]\n',
    "fullwidth-at.yaml": 'title: D\nobjectives: ["[x](https://user＠evil.example/)"]\n'
    "discussion_prompts: [b]\nkey_takeaways: [c]\n",
}


def snapshot(root: Path, out: Path) -> dict[str, str]:
    """Content hash of every file under `root` except the output folder."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.stat().st_size < 1 << 20
        else f"size:{p.stat().st_size}"
        for p in sorted(root.rglob("*"))
        if p.is_file() and out not in p.parents
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    shutil.copy(GOOD / "full.yaml", lessons / "good.yaml")
    for folder, prefix in ((BAD, "bad-"), (FIXTURES / "traps", "trap-")):
        for path in folder.glob("*.yaml"):
            shutil.copy(path, lessons / f"{prefix}{path.name}")
    for name, text in ISSUE_13.items():
        (lessons / name).write_text(text, encoding="utf-8")
    with open(lessons / "huge.yaml", "wb") as handle:
        handle.truncate(6 * 1024**3)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def assert_located(output: str) -> None:
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    for line in output.splitlines():
        if ": error: " in line or ": warning: " in line:
            where = line.split(": ", 1)[0]
            path, _, position = where.partition(":")
            assert path and position.replace(":", "").isdigit(), line


def test_check_and_build_replay_every_bad_input(project: Path) -> None:
    before = snapshot(project, project / "out")
    runner = CliRunner()
    with deadline(300):
        checked = runner.invoke(main, ["check", "lessons"])
        built = runner.invoke(
            main,
            ["build", "lessons", "--out", "out", "--format", "handout", "--format", "guide", "--jobs", "1"],
        )
    for result in (checked, built):
        assert result.exit_code == 1
        assert_located(result.output)
    assert "lessons/huge.yaml:1:1: error: file is larger than 512 KiB (6.0 GiB)" in built.output
    assert "lessons/superscript.yaml:2:19: error:" in built.output
    for name in ("good-handout.pdf", "good-guide.pdf", "long-prompt-guide.pdf"):
        assert (project / "out" / "en" / name).is_file(), name
    assert snapshot(project, project / "out") == before  # nothing outside --out changed

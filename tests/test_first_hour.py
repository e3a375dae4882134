"""A newcomer's first hour, through the command line only, in an empty folder: start a project,
add a lesson, break it and read the message, fix it, build, translate it into French with the
project's own labels, build French handouts with French headings, and watch an edit arrive."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from lessonpress.cli import main

from .conftest import ROOT, pdf_text


def run(*args: str):  # noqa: ANN201
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def fill(path: Path, texts: dict[str, str]) -> None:
    """Type translations between the quotes of a new translation file, as a translator would."""
    text = path.read_text(encoding="utf-8")
    for key, value in texts.items():
        text = re.sub(rf'^({re.escape(key)}: )""', rf'\g<1>"{value}"', text, count=1, flags=re.M)
    path.write_text(text.replace("status: draft", "status: reviewed"), encoding="utf-8")


def test_the_first_hour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # 1. A project of one's own, with an example lesson that is not about online safety.
    started = run("init", "recycling-club", "--audience", "children")
    assert started.exit_code == 0 and "next: cd recycling-club && lessonpress build" in started.output
    project = tmp_path / "recycling-club"
    monkeypatch.chdir(project / "lessons")  # any folder inside the project will do

    # 2. A new lesson to fill in.
    made = run("new", "sorting-the-bins")
    assert made.exit_code == 0, made.output
    lesson = project / "lessons" / "sorting-the-bins.yaml"
    text = lesson.read_text(encoding="utf-8")
    for old, new in {
        "A line under the title": "Paper, plastic, glass: where does it go?",
        "Explain ...": "Sort ten objects into the right bins",
        "Name ...": "Say why sorting helps",
        "A question for the group to talk about?": "Which bin is the hardest to choose?",
        "The one thing to remember.": "Look at the label before you throw.",
    }.items():
        text = text.replace(f'"{old}"', f'"{new}"')
    lesson.write_text(text, encoding="utf-8")

    # 3. A broken edit: a Markdown habit in a list. The message names the file, line and column.
    broken = text.replace('  - "Say why sorting helps"', "  - * Say why sorting helps")
    lesson.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("  - * Say why sorting helps") + 1
    failed = run("check")
    assert failed.exit_code == 1
    assert re.search(rf"^lessons/sorting-the-bins\.yaml:{line}:\d+: error: ", failed.output, re.M), (
        failed.output
    )

    # 4. The fix; the build warns about the skeleton's texts still in the lesson, and builds.
    lesson.write_text(text, encoding="utf-8")
    built = run("build", "-j", "1")
    assert built.exit_code == 0, built.output
    assert "[lesson.placeholder]" in built.output
    summary = r"^\d+ PDFs and \d+ HTML files written from 2 lessons in [\d.]+ s; 1 warning$"
    assert re.search(summary, built.output, re.M), built.output
    handout = project / "build" / "en" / "sorting-the-bins-handout.pdf"
    assert "Sort ten objects into the right bins" in pdf_text(handout.read_bytes())

    # 5. A French translation, and the project's own wording of one heading.
    assert run("i18n", "init", "--locale", "fr").exit_code == 0
    translation = project / "lessons" / "translations" / "fr" / "sorting-the-bins.yaml"
    fill(translation, {"title": "Trier les poubelles", "audience": "Enfants (8–11 ans)"})
    labelled = run("i18n", "labels", "--locale", "fr")
    assert labelled.exit_code == 0 and "wrote lessons/translations/fr/labels.po" in labelled.output
    labels = project / "lessons" / "translations" / "fr" / "labels.po"
    po = polib.pofile(str(labels))
    po.find("Key takeaways", msgctxt="key_takeaways").msgstr = "Ce qu’on retient"
    po.save(str(labels))

    # 6. The French handout has French headings: lessonpress's French, and the project's own.
    french = run("build", "--locale", "fr", "--format", "handout")
    assert french.exit_code == 0, french.output
    text_fr = pdf_text((project / "build" / "fr" / "sorting-the-bins-handout.pdf").read_bytes())
    for heading in ("Trier les poubelles", "Ce que nous allons apprendre", "Parlons-en", "Ce qu’on retient"):
        assert heading in text_fr, heading
    assert "Pour : Enfants (8–11 ans)" in text_fr.replace("\u00a0", " ")
    assert "What we will learn" not in text_fr and "Key takeaways" not in text_fr

    # 7. watch picks up an edit: a timestamped line for the build it makes.
    watch_picks_up_an_edit(project, lesson)


def watch_picks_up_an_edit(project: Path, lesson: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "lessonpress", "watch", "--format", "handout", "--locale", "fr"]
    process = subprocess.Popen(
        command, cwd=project / "lessons", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(ln.startswith("[") for ln in lines):
            lines.append(process.stdout.readline())
        time.sleep(1)  # the watcher is running once its first build has been reported
        lesson.write_text(
            lesson.read_text(encoding="utf-8").replace("Sort ten objects", "Sort twelve objects"),
            encoding="utf-8",
        )
        while time.monotonic() < deadline and sum(ln.startswith("[") for ln in lines) < 2:
            lines.append(process.stdout.readline())
    finally:
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=30)
    stamped = [ln for ln in lines if re.match(r"\[\d\d:\d\d:\d\d\] ", ln)]
    assert len(stamped) >= 2, "".join(lines) + rest
    assert re.search(r"\] [1-9]\d* PDFs? written", stamped[1]), stamped[1]
    output = "".join(lines) + rest
    assert output.count("[lesson.placeholder]") == 1  # a warning is shown once, not on every save
    text = pdf_text((project / "build" / "en" / "sorting-the-bins-handout.pdf").read_bytes())
    assert "Sort twelve objects" in text

"""The build: every good lesson is built even when others fail; jobs never change the bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lessonpress.build import BuildSettings, build
from lessonpress.report import Collector, LessonChecked, OutputFailed, OutputWritten

from .conftest import BAD, GOOD


def settings(tmp_path: Path, *paths: Path, jobs: int = 1) -> BuildSettings:
    return BuildSettings(paths=tuple(str(p) for p in paths), out_dir=tmp_path / "out", jobs=jobs)


def test_good_lessons_are_built_even_when_one_is_bad(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(GOOD / "minimal.yaml", folder)
    shutil.copy(GOOD / "full.yaml", folder)
    shutil.copy(BAD / "duplicate-key.yaml", folder)
    collector = Collector()
    result = build(settings(tmp_path, folder), collector)
    assert not result.ok
    assert sorted(p.name for p in result.written) == ["full-handout.pdf", "minimal-handout.pdf"]
    assert [p.code for p in result.problems] == ["yaml.duplicate-key"]
    assert len(collector.of(OutputWritten)) == 2
    assert not (tmp_path / "out" / "en" / "duplicate-key-handout.pdf").exists()


def test_outputs_go_under_their_language(tmp_path: Path) -> None:
    result = build(settings(tmp_path, GOOD / "norwegian.yaml"))
    assert result.written == (tmp_path / "out" / "no" / "norwegian-handout.pdf",)


def test_jobs_one_and_two_give_identical_bytes(tmp_path: Path) -> None:
    paths = [GOOD / "minimal.yaml", GOOD / "full.yaml", GOOD / "literal.yaml"]
    one = build(BuildSettings(paths=tuple(map(str, paths)), out_dir=tmp_path / "one", jobs=1))
    two = build(BuildSettings(paths=tuple(map(str, paths)), out_dir=tmp_path / "two", jobs=2))
    assert one.ok and two.ok and len(one.written) == 3
    for a, b in zip(one.written, two.written, strict=True):
        assert a.name == b.name and a.read_bytes() == b.read_bytes()


def test_a_failed_write_is_reported_and_nothing_is_lost(tmp_path: Path) -> None:
    out = tmp_path / "out" / "en"
    blocked = out / "minimal-handout.pdf"  # a folder where the PDF should go
    blocked.mkdir(parents=True)
    (blocked / "keep.txt").write_text("mine")
    collector = Collector()
    result = build(settings(tmp_path, GOOD / "minimal.yaml", GOOD / "full.yaml"), collector)
    assert not result.ok
    assert [p.name for p in result.written] == ["full-handout.pdf"]
    assert collector.of(OutputFailed)[0].problems[0].code == "output.write"
    assert (blocked / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in out.iterdir()) == ["full-handout.pdf", "minimal-handout.pdf"]


def test_no_garbage_collection_runs_while_a_document_renders(tmp_path: Path) -> None:
    """A document's objects die young instead of reaching the collector's oldest generation
    (where freeing them took 15 % of a large build); collection is on again afterwards."""
    import gc

    from lessonpress import jobs

    collections: list[int] = []
    rendering = []
    render = jobs.render_job

    def watched(job: jobs.Job) -> bytes:
        rendering.append(True)
        try:
            return render(job)
        finally:
            rendering.pop()

    def seen(phase: str, info: dict) -> None:
        if phase == "start" and rendering:
            collections.append(info["generation"])

    jobs.render_job = watched
    gc.callbacks.append(seen)
    try:
        formats = ("handout", "slides", "notes", "guide")
        result = build(
            BuildSettings(paths=(str(GOOD / "full.yaml"),), out_dir=tmp_path, formats=formats, jobs=1)
        )
    finally:
        gc.callbacks.remove(seen)
        jobs.render_job = render
    assert result.ok and len(result.written) == 4
    assert collections == []
    assert gc.isenabled()


def _mixed_folder(tmp_path: Path) -> Path:
    """Five good lessons and two bad ones: enough for a parallel build to check them in two
    processes (build.BESIDE_FROM)."""
    folder = tmp_path / "lessons"
    folder.mkdir()
    for name in ("minimal", "full", "literal", "check", "norwegian"):
        shutil.copy(GOOD / f"{name}.yaml", folder)
    shutil.copy(BAD / "duplicate-key.yaml", folder)
    (folder / "tabs.yaml").write_text("id: tabs\ntitle: T\n\tobjectives: []\n", encoding="utf-8")
    return folder


def _checks_noted(monkeypatch: pytest.MonkeyPatch, notes: Path, then=None) -> None:  # noqa: ANN001
    """Each lesson file's check appends the checking process's id to `notes` (a file, so that
    a helper process's checks are seen too); `then(pid)` runs after the note is written."""
    import os

    from lessonpress import lessons

    check = lessons.check_lesson_and_translations

    def noted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        with notes.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        if then is not None:
            then(os.getpid())
        return check(*args, **kwargs)

    monkeypatch.setattr(lessons, "check_lesson_and_translations", noted)


def test_checking_in_two_processes_finds_what_one_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    notes = tmp_path / "checked-by"
    _checks_noted(monkeypatch, notes)
    folder = _mixed_folder(tmp_path)
    runs = []
    for jobs in (1, 2):
        notes.write_text("")
        collector = Collector()
        result = build(
            BuildSettings(paths=(str(folder),), out_dir=tmp_path / f"out{jobs}", jobs=jobs), collector
        )
        checked = [(e.path, e.ok) for e in collector.of(LessonChecked)]
        runs.append((result, checked))
        checkers = set(notes.read_text().split())
        assert len(checkers) == jobs and str(os.getpid()) in checkers  # two processes checked
    (one, checked_one), (two, checked_two) = runs
    assert [p.format() for p in one.problems] == [p.format() for p in two.problems]
    assert [p.code for p in one.problems if p.is_error] == ["yaml.duplicate-key", "yaml.tab"]
    assert checked_one == checked_two and len(checked_one) == 7
    assert [p.name for p in one.written] == [p.name for p in two.written] and len(one.written) == 5
    for a, b in zip(one.written, two.written, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_a_killed_check_helper_leaves_its_lessons_checked_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal

    parent, notes = os.getpid(), tmp_path / "checked-by"

    def dies_in_a_helper(pid: int) -> None:
        if pid != parent:
            os.kill(pid, signal.SIGKILL)

    _checks_noted(monkeypatch, notes, dies_in_a_helper)
    folder = _mixed_folder(tmp_path)
    result = build(BuildSettings(paths=(str(folder),), out_dir=tmp_path / "out", jobs=2))
    assert [p.code for p in result.problems if p.is_error] == ["yaml.duplicate-key", "yaml.tab"]
    assert len(result.written) == 5
    assert set(notes.read_text().split()) - {str(parent)}, "no helper process was started"

"""Atomic writes: a failed write never leaves half a file or loses the previous one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lessonpress.errors import LessonError
from lessonpress.output import write_atomic


def test_write_creates_folders_and_file(tmp_path: Path) -> None:
    target = tmp_path / "en" / "x-handout.pdf"
    write_atomic(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert oct(target.stat().st_mode & 0o777) == "0o644"


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    target = tmp_path / "x.pdf"
    target.write_bytes(b"%PDF-old")

    def fail(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(LessonError) as info:
        write_atomic(target, b"%PDF-new")
    assert info.value.code == "output.write" and "disk space" in info.value.hint
    assert target.read_bytes() == b"%PDF-old"
    assert os.listdir(tmp_path) == ["x.pdf"]


def test_interrupt_during_write_keeps_old_file(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    target = tmp_path / "x.pdf"
    target.write_bytes(b"%PDF-old")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-old"
    assert os.listdir(tmp_path) == ["x.pdf"]


def test_symlink_at_output_is_replaced_not_followed(tmp_path: Path) -> None:
    precious = tmp_path / "bashrc"
    precious.write_text("keep me")
    link = tmp_path / "out.pdf"
    link.symlink_to(precious)
    write_atomic(link, b"%PDF")
    assert precious.read_text() == "keep me"
    assert not link.is_symlink() and link.read_bytes() == b"%PDF"


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(LessonError) as info:
        write_atomic(blocker / "x.pdf", b"%PDF")
    assert info.value.code == "output.write"

"""Issue 13.10: sizes are checked before reading, and no more than the limit is ever read.

A 6 GiB sparse lesson was read whole before the 512 KiB check (38 s, 6.3 GB of memory); under
a memory limit that became MemoryError and nothing was built. The same holds for every input:
lessons, translations, themes, the curriculum, the helplines, the translation record and catalogs.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lessonpress.project import read_input

from ..conftest import I18N_LESSONS, ROOT

GOOD = "title: Good\nobjectives: [Learn]\ndiscussion_prompts: [Why?]\nkey_takeaways: [Remember]\n"
HUGE = 6 * 1024**3
MEMORY_LIMIT = 3 * 1024**3  # address space of the child: far less than the huge file


def sparse(path: Path, size: int = HUGE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.truncate(size)


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "lessonpress", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limited,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "good.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("where", "shown", "fmt"),
    [
        ("lessons/huge.yaml", "lessons/huge.yaml:1:1", "handout"),
        ("lessons/translations/es/good.yaml", "lessons/translations/es/good.yaml:1:1", "handout"),
        ("lessons/curriculum.yaml", "lessons/curriculum.yaml:1:1", "pack"),  # read for the pack
    ],
)
def test_a_huge_input_fails_fast_under_a_memory_limit(
    project: Path, where: str, shown: str, fmt: str
) -> None:
    sparse(project / where)
    result = run(project, "build", "lessons", "--format", "handout", "--format", fmt, "--jobs", "1")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"{shown}: error: file is larger than 512 KiB (6.0 GiB) [file.too-large]" in output
    assert "MemoryError" not in output and "internal error" not in output
    assert (project / "build" / "en" / "good-handout.pdf").is_file()


def test_a_huge_theme_fails_fast(project: Path) -> None:
    sparse(project / "assets" / "themes" / "huge.yaml")
    result = run(project, "build", "lessons", "--theme", "huge", "--format", "handout")
    assert result.returncode == 2  # a theme that cannot be used stops the build before it starts
    assert "assets/themes/huge.yaml:1:1: error: file is larger than 512 KiB" in result.stderr


def test_huge_helplines_fail_fast(project: Path) -> None:
    (project / "lessons" / "good.yaml").write_text(GOOD + "helplines: true\n", encoding="utf-8")
    sparse(project / "assets" / "helplines.yaml")
    result = run(project, "build", "lessons", "--format", "handout")
    assert result.returncode == 1
    assert "assets/helplines.yaml:1:1: error: file is larger than 512 KiB" in result.stderr


CATALOG = (
    'msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgctxt "safe-chat:title"\nmsgid "Safe chats"\nmsgstr "Uno"\n'
)
CURRICULUM = "title: Safe online\nunits:\n  - title: Teens\n    lessons: [safe-chat]\n"


@pytest.mark.parametrize(
    ("where", "args", "expected"),
    [
        # the translation readers of lane i18n: the build's curriculum translation, status, export
        # and import, the translation record, and the catalog an import reads
        (
            "translations/es/curriculum.yaml",
            ["build", "lessons", "--format", "pack", "--jobs", "1"],
            "512 KiB",
        ),
        ("translations/es/safe-chat.yaml", ["i18n", "status", "--locale", "es"], "512 KiB"),
        ("translations/es/safe-chat.yaml", ["i18n", "export", "--locale", "es"], "512 KiB"),
        ("translations/es/safe-chat.yaml", ["i18n", "import", "c.po"], "512 KiB"),
        ("translations/es/translation-state.json", ["i18n", "status", "--locale", "es"], "16.0 MiB"),
        ("translations/es/translation-state.json", ["i18n", "sync", "--locale", "es"], "16.0 MiB"),
        ("translations/es/translation-state.json", ["i18n", "import", "c.po"], "16.0 MiB"),
        ("../huge.po", ["i18n", "import", "huge.po", "--locale", "es"], "64.0 MiB"),
    ],
)
def test_huge_translation_files_fail_fast(tmp_path: Path, where: str, args: list[str], expected: str) -> None:
    """Every reader of a translator's files goes through read_input, also a sync or an import
    that replaces a translation record it could not read."""
    shutil.copytree(I18N_LESSONS, tmp_path / "lessons")
    (tmp_path / "lessons" / "curriculum.yaml").write_text(CURRICULUM, encoding="utf-8")
    (tmp_path / "c.po").write_text(CATALOG, encoding="utf-8")
    (tmp_path / "lessons" / where).unlink(missing_ok=True)
    sparse(tmp_path / "lessons" / where)
    result = run(tmp_path, *args)
    output = result.stdout + result.stderr
    shown = os.path.normpath(f"lessons/{where}")
    assert f"{shown}" in output and f"file is larger than {expected} (6.0 GiB)" in output, output
    assert "MemoryError" not in output and "Traceback" not in output, output


def test_a_file_that_grows_after_its_size_was_checked_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only limit + 1 bytes are read: a file larger than its checked size is caught then."""
    from lessonpress.errors import LessonError

    path = tmp_path / "growing.yaml"
    sparse(path, HUGE)
    real_fstat = os.fstat

    def shrunk(fd: int) -> os.stat_result:
        info = list(real_fstat(fd))
        info[6] = 10  # st_size as it was a moment ago
        return os.stat_result(info)

    monkeypatch.setattr(os, "fstat", shrunk)
    with pytest.raises(LessonError, match=r"larger than 0 KiB \(0 KiB\)"):
        read_input(path, "growing.yaml", limit=100)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    from lessonpress.errors import LessonError

    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(LessonError, match="not a regular file"):
        read_input(tmp_path / "pipe.yaml", "pipe.yaml")

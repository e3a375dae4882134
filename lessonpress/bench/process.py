"""Whole-process figures: commands run as a teacher runs them, in a fresh Python each time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .warm import TYPICAL, Figure


def user_env() -> dict[str, str]:
    """The environment a teacher's Python runs in: this one, except that compiled bytecode is
    kept (`PYTHONDONTWRITEBYTECODE`, set on some CI and development machines, would make every
    fresh process compile lessonpress from source, ~90 ms a start that no installed copy pays)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=user_env()
    )
    return (time.perf_counter() - start) * 1000


def cold_one_lesson(project: Path, runs: int) -> Figure:
    """`make_pdfs.py build ONE_LESSON.yaml --format handout` in a fresh process (forced)."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [
            sys.executable,
            "make_pdfs.py",
            "build",
            str(TYPICAL),
            "--format",
            "handout",
            "--force",
            "--quiet",
            "--out",
            out,
        ]
        samples = tuple(_timed(cmd, project) for _ in range(runs))
    return Figure("cold one-lesson handout build (process)", samples, "ms", 350)


def whole_build(project: Path, runs: int) -> tuple[Figure, Figure, Figure, int]:
    """The whole default build from a clean folder, its peak memory, then a no-op build."""
    walls, peaks, noops, count = [], [], [], 0

    def command(out: str) -> list[str]:
        return [sys.executable, "make_pdfs.py", "build", "--quiet", "--out", out]

    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run(command(out), cwd=project, env=user_env())
            walls.append((time.perf_counter() - start) * 1000)
            count = sum(1 for _ in Path(out).rglob("*.pdf"))
            noops.append(_timed(command(out), project))
        with tempfile.TemporaryDirectory() as out:  # memory in a run of its own: sampling takes CPU
            proc = subprocess.Popen(command(out), cwd=project, env=user_env())
            peaks.append(_peak_memory(proc)[0] / 1024)
    return (
        Figure("whole default build from a clean build/", tuple(walls), "ms", 4000),
        Figure("peak memory of that build, all processes (PSS)", tuple(peaks), "MB", 250),
        Figure("no-op build over the whole curriculum", tuple(noops), "ms", 150),
        count,
    )


def watch_latency(project: Path, runs: int) -> Figure:
    """Saved edit to one lesson -> its handout rewritten, in watch mode's warm process."""
    from ..build import BuildSettings
    from ..report import Collector
    from ..watch import watch

    with tempfile.TemporaryDirectory() as tmp:
        lessons = Path(tmp) / "lessons"
        shutil.copytree(project / "lessons", lessons, ignore=shutil.ignore_patterns("translations"))
        settings = BuildSettings(paths=(str(lessons),), out_dir=Path(tmp) / "out", formats=("handout",))
        stop = threading.Event()
        builds: list = []
        thread = threading.Thread(
            target=watch, args=(settings, Collector(), builds.append, stop), daemon=True
        )
        thread.start()
        while not builds:
            time.sleep(0.01)
        time.sleep(0.5)  # the watcher is listening
        lesson = sorted(lessons.glob("teens-*.yaml"))[0]
        handout = Path(tmp) / "out" / "en" / f"{lesson.stem}-handout.pdf"
        samples = []
        for i in range(runs):
            before = handout.stat().st_mtime_ns
            text = lesson.read_text(encoding="utf-8")
            start = time.perf_counter()
            lesson.write_text(text.replace("title: ", f"title: {i} ", 1), encoding="utf-8")
            while handout.stat().st_mtime_ns == before:
                time.sleep(0.002)
            samples.append((time.perf_counter() - start) * 1000)
            time.sleep(0.3)
        stop.set()
        thread.join(timeout=10)
    return Figure("watch: saved edit -> its handout rewritten", tuple(samples), "ms", 150)


def _peak_memory(proc: subprocess.Popen) -> tuple[float, float]:
    """(proportional, resident) peak memory in KiB of a process and its children while it runs.

    The resident sizes of a process and its forked workers count the pages they share (the
    modules imported before the fork, the interpreter) once per process. The proportional set
    size (PSS, Linux) splits each shared page between the processes sharing it, so its sum is
    the memory the build takes from the machine; where the kernel has no PSS, RSS stands in.
    """
    peaks = [0.0, 0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pss, rss = _tree_memory(proc.pid)
            peaks[0], peaks[1] = max(peaks[0], pss), max(peaks[1], rss)
            time.sleep(0.01)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    proc.wait()
    done.set()
    thread.join()
    return peaks[0], peaks[1]


def _tree_memory(pid: int) -> tuple[float, float]:
    """(PSS, RSS) in KiB of a process and all its descendants."""
    pss = rss = 0.0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            resident = _rss_of(current)
            try:
                rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
                proportional = next(int(ln.split()[1]) for ln in rollup.splitlines() if ln.startswith("Pss:"))
            except (OSError, StopIteration):
                proportional = resident
            pss, rss = pss + proportional, rss + resident
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return pss, rss


def _rss_of(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return next(int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmRSS"))

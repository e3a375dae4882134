"""`--vs-typst`: every target as a ratio to a yardstick measured in the same run.

Absolute times do not travel between machines; a ratio taken in one run, with yardstick and
candidate interleaved round by round, does. Each figure is timed in rounds; a round times
lessonpress and then its yardstick, and the ratio printed is the median of the rounds' ratios
(so a burst of load from another process spoils one round, not the figure).

Every figure is taken on two clocks: CPU time (of this process and its threads, or of the
child processes) and wall time. The verdicts and the CI baseline use CPU time: the machines
this runs on are shared, and there wall time measures the neighbours as much as the code (with
the load at 20 on 2 cores, Typst's warm compile took 15 ms of CPU and 120 ms of wall time, as
its worker threads waited to be scheduled). On an idle machine the two agree for single-threaded
work. Typst is kept on one thread, as lessonpress works (`typst_yardstick.one_thread`): its
pool's waiting threads spin, and that CPU time follows the machine's load, not the work. Only
the parallel build, whose target is about waiting, is judged on wall time.

- warm handout: marginal cost per lesson of an in-process handout build (load, check, lay out,
  render, write) of N lessons against one lesson, beside the same for Typst compiling the same
  lessons' handouts (written as PDF files) in one warm compiler, retitled each round;
- warm deck: the 13-slide deck fixture laid out and rendered, beside Typst compiling the same
  planned slides; each round gives the lesson a new title, so neither tool re-uses a layout;
- cold one-lesson handout: a fresh `make_pdfs.py build` process beside a fresh Python process
  that imports Typst and compiles the same handout (the PyPI package has no separate binary);
- no-op rebuild of N lessons beside `python -c pass`;
- the whole default build of the project on 2 workers beside half the sum of its documents'
  warm times (from an in-process serial build into a clean folder), and the build's peak
  memory (PSS). On the CPU clock its yardstick is half the serial build's CPU time, so that
  ratio shows the work added by starting processes (about 1.0 would be none; 2.0 all work
  done twice).
"""

from __future__ import annotations

import functools
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from .process import _peak_memory, user_env
from .warm import TYPICAL, Figure, _render


class Time(NamedTuple):
    """One measurement on both clocks, in milliseconds."""

    cpu: float
    wall: float

    def __sub__(self, other: tuple) -> Time:
        return Time(self.cpu - other[0], self.wall - other[1])

    def __truediv__(self, n: float) -> Time:
        return Time(self.cpu / n, self.wall / n)


@dataclass(frozen=True)
class Ratio:
    """A lessonpress figure beside its yardstick's, round by round, and the target ratio."""

    key: str  # a stable name, used by the stored baseline
    name: str
    ours: tuple[Time, ...]
    theirs: tuple[Time, ...]
    yardstick: str
    target: float
    clock: str = "cpu"  # which clock the verdict (and the baseline) uses

    def on(self, clock: str) -> float:
        """The median of the rounds' ratios on one clock."""
        pairs = zip(self.ours, self.theirs, strict=True)
        return statistics.median(getattr(o, clock) / getattr(t, clock) for o, t in pairs)

    @property
    def ratio(self) -> float:
        """The ratio the verdict uses."""
        return self.on(self.clock)

    def line(self) -> str:
        """`name  ours  yardstick  ratio (the other clock's)  target: met/MISSED`."""
        other = "wall" if self.clock == "cpu" else "cpu"
        ours = statistics.median(getattr(t, self.clock) for t in self.ours)
        theirs = statistics.median(getattr(t, self.clock) for t in self.theirs)
        met = "met" if self.ratio <= self.target else "MISSED"
        return (
            f"{self.name:<42} {ours:7.1f} ms  {self.yardstick:<15} {theirs:7.1f} ms  "
            f"{self.ratio:5.2f}x {self.clock} ({self.on(other):5.2f}x {other})  "
            f"target <= {self.target:g}x: {met}"
        )


@contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="lessonpress-bench-") as tmp:
        yield Path(tmp)


def _ms(action: Callable[[], object]) -> Time:
    """Run an action in this process; its CPU time (every thread's) and wall time."""
    cpu, wall = time.process_time(), time.perf_counter()
    action()
    return Time((time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000)


def _timed(cmd: list[str], cwd: Path) -> Time:
    """Run a command to its end; its CPU time (and its children's) and wall time."""
    before, wall = _children_cpu(), time.perf_counter()
    subprocess.run(
        cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=user_env()
    )
    return Time((_children_cpu() - before) * 1000, (time.perf_counter() - wall) * 1000)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def handout_build(source: Path, count: int, rounds: int) -> Ratio:
    """Marginal cost per lesson of an N-lesson handout build, both tools warm."""
    from ..build import build
    from ..theme import DEFAULT_THEME
    from .corpus import make_project
    from .typst_yardstick import Yardstick

    with _scratch() as tmp:
        many, one = make_project(source, tmp / "many", count), make_project(source, tmp / "one", 1)
        yard = Yardstick(tmp / "typst", DEFAULT_THEME)
        typst_many, typst_one = _typst_handouts(many, yard, "many"), _typst_handouts(one, yard, "one")

        def ours(project) -> Time:  # noqa: ANN001
            settings = project.settings(tmp / "out" / project.root.name)
            result = None

            def run() -> None:
                nonlocal result
                result = build(settings)

            ms = _ms(run)
            if result is None or not result.ok or len(result.written) != len(project.files):
                raise SystemExit(f"the benchmark build of {project.lessons} failed")
            return ms

        def theirs(mains: list[Path]) -> Time:
            out = tmp / "typst-out"
            out.mkdir(exist_ok=True)

            def compile_all() -> None:
                for main in mains:
                    yard.compile_to(main, out / f"{main.stem}.pdf")

            return _ms(compile_all)

        ours(one), ours(many), theirs(typst_one(0)), theirs(typst_many(0))  # warm up
        mine: list[Time] = []
        yardstick: list[Time] = []
        for n in range(1, rounds + 1):
            big, small = ours(many), ours(one)
            mine.append((big - small) / (count - 1))
            big, small = theirs(typst_many(n)), theirs(typst_one(n))
            yardstick.append((big - small) / (count - 1))
    return Ratio(
        "handout",
        f"warm handout, per lesson of a {count}-lesson build",
        tuple(mine),
        tuple(yardstick),
        "Typst",
        1.5,
    )


def _typst_handouts(project, yard, prefix: str) -> Callable[[int], list[Path]]:  # noqa: ANN001
    """Writes the Typst main files of a project's handouts for one round: the lessons and
    helplines lessonpress reads, each retitled with the round's number (Typst keeps the
    layout of documents it compiled recently; lessonpress keeps nothing that this changes)."""
    from ..build import check_all
    from ..labels import labels_for
    from ..project import discover
    from ..regions import select
    from ..report import Collector
    from .corpus import retitled
    from .typst_yardstick import handout_source

    settings = project.settings(Path("unused"))
    lessons, _, book, _ = check_all(discover(settings.paths, with_course=False), settings, Collector())
    lines = [
        select(book.for_language(x.language) if book else None, x.language, settings.region, settings.regions)
        for x in lessons
    ]

    def write(round_number: int) -> list[Path]:
        mains = []
        for n, (lesson, helplines) in enumerate(zip(lessons, lines, strict=True)):
            variant = retitled(lesson, round_number)
            source = handout_source(variant, labels_for(lesson.language), settings.theme, helplines)
            mains.append(yard.write(f"{prefix}-{n:02d}", source))
        return mains

    return write


def deck(rounds: int) -> Ratio:
    """The 13-slide deck fixture, laid out and rendered, beside Typst compiling it."""
    from ..deck import plan_deck
    from ..formats import get_format
    from ..labels import ENGLISH
    from ..layout.base import LayoutContext
    from ..theme import DEFAULT_THEME
    from .corpus import load_deck_lesson, retitled
    from .typst_yardstick import Yardstick, deck_source

    lesson = load_deck_lesson()
    context = LayoutContext("a4", DEFAULT_THEME, ENGLISH)
    slides = get_format("slides")
    with _scratch() as tmp:
        yard = Yardstick(tmp, DEFAULT_THEME)
        mine: list[Time] = []
        yardstick: list[Time] = []
        for n in range(rounds + 1):  # round 0 warms both up
            variant = retitled(lesson, n)
            main = yard.write(f"deck-{n}", deck_source(plan_deck(variant, ENGLISH), DEFAULT_THEME))
            ours = _ms(functools.partial(_render, slides, variant, context))
            theirs = _ms(functools.partial(yard.compile, main))
            if n:
                mine.append(ours)
                yardstick.append(theirs)
    return Ratio("deck", "warm 13-slide deck", tuple(mine), tuple(yardstick), "Typst", 1.5)


def cold(project: Path, rounds: int) -> tuple[Ratio, Figure, Figure]:
    """A one-lesson handout build in a fresh process, beside Typst's in a fresh process; and
    a bare `python -c pass` for scale, with `python -S -c pass` beside it: the difference is
    what `site` (and any `.pth` hooks installed beside the packages) adds to every start on
    this machine, on both sides of the cold and no-op ratios (README, "Benchmark")."""
    from ..labels import ENGLISH
    from ..lessons import check_lesson
    from ..project import LessonFile
    from ..theme import DEFAULT_THEME
    from .typst_yardstick import Yardstick, handout_source

    lesson, _ = check_lesson(LessonFile(TYPICAL, str(TYPICAL), TYPICAL.stem))
    assert lesson is not None
    with _scratch() as tmp:
        yard = Yardstick(tmp / "typst", DEFAULT_THEME)
        main = yard.write("typical", handout_source(lesson, ENGLISH, DEFAULT_THEME))
        ours_cmd = [sys.executable, "make_pdfs.py", "build", str(TYPICAL), "--format", "handout"]
        ours_cmd += ["--force", "--quiet", "--out", str(tmp / "out")]
        theirs_cmd = yard.cold_command(main, tmp / "typical.pdf")
        bare_cmd = [sys.executable, "-c", "pass"]
        no_site_cmd = [sys.executable, "-S", "-c", "pass"]
        for cmd in (ours_cmd, theirs_cmd, bare_cmd, no_site_cmd):  # files into the page cache
            _timed(cmd, project)
        mine: list[Time] = []
        yardstick: list[Time] = []
        bare: list[Time] = []
        no_site: list[Time] = []
        for _ in range(rounds):
            mine.append(_timed(ours_cmd, project))
            yardstick.append(_timed(theirs_cmd, project))
            bare.append(_timed(bare_cmd, project))
            no_site.append(_timed(no_site_cmd, project))
    ratio = Ratio(
        "cold", "cold one-lesson handout (process)", tuple(mine), tuple(yardstick), "Typst (process)", 3
    )
    cpu = Figure("  python -c pass (in both), CPU", tuple(t.cpu for t in bare), "ms")
    start = Figure("  python -S -c pass (no site or .pth), CPU", tuple(t.cpu for t in no_site), "ms")
    return ratio, cpu, start


def noop(source: Path, count: int, rounds: int, formats: tuple[str, ...] = ()) -> Ratio:
    """A build with nothing to do over N lessons, beside a bare `python -c pass`."""
    from .corpus import make_project

    with _scratch() as tmp:
        project = make_project(source, tmp, count)
        (tmp / "make_pdfs.py").write_bytes((source / "make_pdfs.py").read_bytes())
        cmd = [sys.executable, "make_pdfs.py", "build", "--quiet", "--out", "build"]
        cmd += [arg for f in formats for arg in ("--format", f)]
        subprocess.run(cmd, cwd=project.root, check=True, env=user_env())
        bare_cmd = [sys.executable, "-c", "pass"]
        mine: list[Time] = []
        yardstick: list[Time] = []
        for _ in range(rounds + 1):  # round 0 warms the page cache
            mine.append(_timed(cmd, project.root))
            yardstick.append(_timed(bare_cmd, project.root))
    which = "handouts" if formats == ("handout",) else "every format"
    return Ratio(
        "noop",
        f"no-op rebuild of {count} lessons ({which})",
        tuple(mine[1:]),
        tuple(yardstick[1:]),
        "python -c pass",
        4,
    )


def whole(project: Path, rounds: int) -> tuple[Ratio, Figure, Figure, int]:
    """The whole default build on 2 workers (fresh process, clean folder) beside half the sum
    of its documents' warm times (an in-process serial build); and its peak memory, as the sum
    of the processes' PSS (shared pages counted once: `process._peak_memory`) and of their RSS.

    Memory is taken in runs of its own, never timed: reading a process's PSS makes the kernel
    walk its page tables (~12 ms of CPU for the three processes), so sampling every 10 ms took
    about half a core from the two workers and made the timed build ~15 % slower."""
    from ..build import build
    from ..report import Collector, OutputWritten
    from ..settings import Flags, build_date, make_settings

    with _scratch() as tmp, _cwd(project):
        settings, _ = make_settings(Flags(out_dir=str(tmp / "serial")), today=build_date())
        settings = replace(settings, jobs=1, force=True)

        rounds_done = iter(range(rounds + 1))

        def warm_sum() -> Time:
            """A serial build in this warm process into a clean folder, as the parallel build
            writes into one: the catalog's thumbnails (kept by content in the output folder)
            are rendered in both, not only in the parallel build."""
            events = Collector()
            clean = replace(settings, out_dir=tmp / f"serial-{next(rounds_done)}")
            cpu = _ms(lambda: build(clean, events)).cpu
            wall = sum(e.seconds for e in events.events if isinstance(e, OutputWritten)) * 1000
            return Time(cpu, wall)

        warm_sum()
        mine: list[Time] = []
        yardstick: list[Time] = []
        peaks, resident, count = [], [], 0
        for n in range(rounds):
            yardstick.append(warm_sum() / 2)
            cmd = _parallel_build(tmp / f"parallel-{n}")
            before, start = _children_cpu(), time.perf_counter()
            _finished(subprocess.Popen(cmd, cwd=project, env=user_env()))
            mine.append(Time((_children_cpu() - before) * 1000, (time.perf_counter() - start) * 1000))
            count = sum(1 for _ in (tmp / f"parallel-{n}").rglob("*.pdf"))
        for n in range(min(rounds, MEMORY_ROUNDS)):  # untimed: the sampler takes CPU of its own
            proc = subprocess.Popen(_parallel_build(tmp / f"memory-{n}"), cwd=project, env=user_env())
            pss, rss = _peak_memory(proc)
            _finished(proc)
            peaks.append(pss / 1024)
            resident.append(rss / 1024)
    ratio = Ratio(
        "parallel",
        "whole default build, 2 workers (process)",
        tuple(mine),
        tuple(yardstick),
        "warm sum / 2",
        1.2,
        clock="wall",
    )
    memory = Figure("peak memory of that build, all processes (PSS)", tuple(peaks), "MB", 250)
    return ratio, memory, Figure("  the same counted as a sum of RSS", tuple(resident), "MB"), count


MEMORY_ROUNDS = 3  # peak memory varies little from run to run


def _parallel_build(out: Path) -> list[str]:
    """The whole default build on 2 workers into a clean folder, as a command."""
    return [sys.executable, "make_pdfs.py", "build", "--quiet", "--jobs", "2", "--out", str(out)]


def _finished(proc: subprocess.Popen) -> None:
    """Wait for a build; exit 1 (warnings or a lesson's error) still times the build."""
    if proc.wait() not in (0, 1):
        raise SystemExit(f"the whole build failed (exit {proc.returncode})")


@contextmanager
def _cwd(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)

"""`--vs-typst`: every target as a ratio to a yardstick measured in the same run.

Absolute times do not travel between machines; a ratio taken in one run, with yardstick and
candidate interleaved round by round, does. Each figure is timed in rounds; a round times
lessonpress and then its yardstick, and the ratio printed is the median of the rounds' ratios
(so a burst of load from another process spoils one round, not the figure).

- warm handout: marginal cost per lesson of an in-process handout build (load, check, lay out,
  render, write) of N lessons against one lesson, beside the same for Typst compiling the same
  lessons' handouts (written as PDF files) in one warm compiler;
- warm deck: the 13-slide deck fixture laid out and rendered, beside Typst compiling the same
  planned slides; each round gives the lesson a new title, so neither tool re-uses a layout;
- cold one-lesson handout: a fresh `make_pdfs.py build` process beside a fresh Python process
  that imports Typst and compiles the same handout (the PyPI package has no separate binary);
- no-op rebuild of N lessons beside `python -c pass`;
- the whole default build of the project on 2 workers beside half the sum of its documents'
  warm times (from an in-process serial build), and the build's peak memory.
"""

from __future__ import annotations

import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .process import _peak_rss, _timed
from .warm import TYPICAL, Figure, _render


@dataclass(frozen=True)
class Ratio:
    """A lessonpress figure beside its yardstick's, round by round, and the target ratio."""

    key: str  # a stable name, used by the stored baseline
    name: str
    ours: tuple[float, ...]
    theirs: tuple[float, ...]
    yardstick: str
    target: float
    unit: str = "ms"

    @property
    def ratio(self) -> float:
        """The median of the rounds' ratios."""
        return statistics.median(o / t for o, t in zip(self.ours, self.theirs, strict=True))

    def line(self) -> str:
        """`name  ours  yardstick  ratio  target: met/MISSED`."""
        ours, theirs = statistics.median(self.ours), statistics.median(self.theirs)
        met = "met" if self.ratio <= self.target else "MISSED"
        return (
            f"{self.name:<42} {ours:8.1f} {self.unit}  {self.yardstick:<18} {theirs:8.1f} {self.unit}  "
            f"{self.ratio:5.2f}x  target <= {self.target:g}x: {met}  ({len(self.ours)} rounds)"
        )


@contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="lessonpress-bench-") as tmp:
        yield Path(tmp)


def _ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


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

        def ours(project) -> float:  # noqa: ANN001
            settings = project.settings(tmp / "out" / project.root.name)
            result = None

            def run() -> None:
                nonlocal result
                result = build(settings)

            ms = _ms(run)
            if result is None or not result.ok or len(result.written) != len(project.files):
                raise SystemExit(f"the benchmark build of {project.lessons} failed")
            return ms

        def theirs(mains: list[Path]) -> float:
            out = tmp / "typst-out"
            out.mkdir(exist_ok=True)

            def compile_all() -> None:
                for main in mains:
                    yard.compile_to(main, out / f"{main.stem}.pdf")

            return _ms(compile_all)

        ours(one), ours(many), theirs(typst_one), theirs(typst_many)  # warm up
        mine, yardstick = [], []
        for _ in range(rounds):
            big, small = ours(many), ours(one)
            mine.append((big - small) / (count - 1))
            big, small = theirs(typst_many), theirs(typst_one)
            yardstick.append((big - small) / (count - 1))
    return Ratio(
        "handout",
        f"warm handout, per lesson of a {count}-lesson build",
        tuple(mine),
        tuple(yardstick),
        "Typst",
        1.5,
    )


def _typst_handouts(project, yard, prefix: str) -> list[Path]:  # noqa: ANN001
    """Typst main files of a project's handouts: the lessons and helplines lessonpress reads."""
    from ..build import check_all
    from ..helplines import select
    from ..labels import labels_for
    from ..project import discover
    from ..report import Collector
    from .typst_yardstick import handout_source

    settings = project.settings(Path("unused"))
    lessons, _, book, _ = check_all(discover(settings.paths, with_course=False), settings, Collector())
    mains = []
    for n, lesson in enumerate(lessons):
        helplines = select(book.for_language(lesson.language) if book else None, lesson.language, None)
        source = handout_source(lesson, labels_for(lesson.language), settings.theme, helplines)
        mains.append(yard.write(f"{prefix}-{n:02d}", source))
    return mains


def deck(rounds: int) -> Ratio:
    """The 13-slide deck fixture, laid out and rendered, beside Typst compiling it."""
    from ..deck import plan_deck
    from ..formats import get_format
    from ..labels import ENGLISH
    from ..layout.base import LayoutContext
    from ..theme import DEFAULT_THEME
    from .corpus import deck_variant, load_deck_lesson
    from .typst_yardstick import Yardstick, deck_source

    lesson = load_deck_lesson()
    context = LayoutContext("a4", DEFAULT_THEME, ENGLISH)
    slides = get_format("slides")
    with _scratch() as tmp:
        yard = Yardstick(tmp, DEFAULT_THEME)
        mine, yardstick = [], []
        for n in range(rounds + 1):  # round 0 warms both up
            variant = deck_variant(lesson, n)
            main = yard.write(f"deck-{n}", deck_source(plan_deck(variant, ENGLISH), DEFAULT_THEME))
            ours = _ms(functools.partial(_render, slides, variant, context))
            theirs = _ms(functools.partial(yard.compile, main))
            if n:
                mine.append(ours)
                yardstick.append(theirs)
    return Ratio("deck", "warm 13-slide deck", tuple(mine), tuple(yardstick), "Typst", 1.5)


def cold(project: Path, rounds: int) -> tuple[Ratio, Figure]:
    """A one-lesson handout build in a fresh process, beside Typst's in a fresh process; and
    a bare `python -c pass` for scale."""
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
        for cmd in (ours_cmd, theirs_cmd, bare_cmd):  # files into the page cache
            _timed(cmd, project)
        mine, yardstick, bare = [], [], []
        for _ in range(rounds):
            mine.append(_timed(ours_cmd, project))
            yardstick.append(_timed(theirs_cmd, project))
            bare.append(_timed(bare_cmd, project))
    ratio = Ratio(
        "cold", "cold one-lesson handout (process)", tuple(mine), tuple(yardstick), "Typst (process)", 3
    )
    return ratio, Figure("  python -c pass (in both of those)", tuple(bare), "ms")


def noop(source: Path, count: int, rounds: int, formats: tuple[str, ...] = ()) -> Ratio:
    """A build with nothing to do over N lessons, beside a bare `python -c pass`."""
    from .corpus import make_project

    with _scratch() as tmp:
        project = make_project(source, tmp, count)
        (tmp / "make_pdfs.py").write_bytes((source / "make_pdfs.py").read_bytes())
        cmd = [sys.executable, "make_pdfs.py", "build", "--quiet", "--out", "build"]
        cmd += [arg for f in formats for arg in ("--format", f)]
        subprocess.run(cmd, cwd=project.root, check=True)
        bare_cmd = [sys.executable, "-c", "pass"]
        mine, yardstick = [], []
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


def whole(project: Path, rounds: int) -> tuple[Ratio, Figure, int]:
    """The whole default build on 2 workers (fresh process, clean folder) beside half the sum
    of its documents' warm times (an in-process serial build); and its peak memory."""
    from ..build import build
    from ..report import Collector, OutputWritten
    from ..settings import Flags, build_date, make_settings

    with _scratch() as tmp, _cwd(project):
        settings, _ = make_settings(Flags(out_dir=str(tmp / "serial")), today=build_date())
        settings = replace(settings, jobs=1, force=True)

        def warm_sum() -> float:
            events = Collector()
            build(settings, events)
            return sum(e.seconds for e in events.events if isinstance(e, OutputWritten)) * 1000

        warm_sum()
        mine, yardstick, peaks, count = [], [], [], 0
        for n in range(rounds):
            yardstick.append(warm_sum() / 2)
            out = tmp / f"parallel-{n}"
            cmd = [sys.executable, "make_pdfs.py", "build", "--quiet", "--jobs", "2", "--out", str(out)]
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=project)
            peaks.append(_peak_rss(proc) / 1024)
            mine.append((time.perf_counter() - start) * 1000)
            if proc.returncode not in (0, 1):
                raise SystemExit(f"the whole build failed (exit {proc.returncode})")
            count = sum(1 for _ in out.rglob("*.pdf"))
    ratio = Ratio(
        "parallel",
        "whole default build, 2 workers (process)",
        tuple(mine),
        tuple(yardstick),
        "warm sum / 2",
        1.2,
    )
    return ratio, Figure("peak memory of that build, all processes", tuple(peaks), "MB", 250), count


@contextmanager
def _cwd(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)

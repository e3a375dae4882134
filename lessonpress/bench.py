"""The project's benchmark: `python -m lessonpress.bench [--runs N] [--project DIR]`.

Prints medians of several runs (these machines are shared and noisy, so one run means little):
- warm: one typical two-page handout laid out and rendered in this process, after a warm-up;
- per language: the same fixture lesson's handout in en, ar, hi and th, warm, and what HarfBuzz
  shaping, right-to-left ordering and ICU word segmentation cost on its texts;
- cold: the whole default `python make_pdfs.py --force` as a fresh process, wall time;
- peak memory of that build, all processes together (sampled from /proc on Linux).
It is a script, not a test: it reports, it never fails a build.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TYPICAL = Path(__file__).parent / "data" / "typical-lesson.yaml"
I18N_LESSON = Path(__file__).parent.parent / "tests" / "fixtures" / "i18n" / "lessons" / "safe-chat.yaml"
LOCALES = ("en", "ar", "hi", "th")


@dataclass(frozen=True)
class Figure:
    """One measured quantity: its samples and how to show them."""

    name: str
    samples: tuple[float, ...]
    unit: str

    def line(self) -> str:
        """`name  median (min–max, n runs)`."""
        med, lo, hi = statistics.median(self.samples), min(self.samples), max(self.samples)
        return (f"{self.name:<44} {med:9.1f} {self.unit}  "
                f"(min {lo:.1f}, max {hi:.1f}, {len(self.samples)} runs)")


def time_warm(action: Callable[[], object], runs: int) -> tuple[float, ...]:
    """Milliseconds per call, after one warm-up call."""
    action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return tuple(samples)


def warm_handout(runs: int) -> Figure:
    """A typical handout, laid out and rendered in-process."""
    from .formats import get_format
    from .labels import ENGLISH
    from .layout.base import LayoutContext
    from .lessons import check_lesson
    from .project import LessonFile
    from .render import render
    from .theme import DEFAULT_THEME

    lesson, problems = check_lesson(LessonFile(TYPICAL, str(TYPICAL), "typical"))
    if lesson is None:
        raise SystemExit("\n".join(p.format() for p in problems))
    context = LayoutContext("a4", DEFAULT_THEME, ENGLISH)
    handout = get_format("handout")
    samples = time_warm(lambda: render(handout.layout(lesson, context)), runs)
    return Figure("warm handout, typical 2-page lesson", samples, "ms")


def warm_locales(runs: int, source: Path = I18N_LESSON) -> list[Figure]:
    """The same lesson's handout per language (fonts, labels and script of each), warm."""
    import dataclasses

    from .formats import get_format
    from .labels import labels_for
    from .layout.base import LayoutContext
    from .layout.fonts import fonts_for
    from .layout.text import paragraph, plain_markup, styles_for
    from .lessons import check_lesson_and_translations
    from .project import LessonFile
    from .render import render
    from .scripts import script_for
    from .theme import DEFAULT_THEME

    checked = check_lesson_and_translations(LessonFile(source, str(source), source.stem))
    lessons = {lesson.language: lesson for lesson in checked.lessons}
    handout = get_format("handout")
    figures = []
    for language in LOCALES:
        lesson = lessons[language]
        context = LayoutContext("a4", fonts_for([lesson], DEFAULT_THEME), labels_for(language))
        samples = time_warm(lambda lesson=lesson, context=context: render(handout.layout(lesson, context)),
                            runs)
        figures.append(Figure(f"warm handout, {language} ({script_for(language).name})", samples, "ms"))
    # The texts alone, laid out 400 pt wide as printed and with each complex-script step off.
    for language in LOCALES[1:]:
        lesson, script = lessons[language], script_for(language)
        theme = fonts_for([lesson], DEFAULT_THEME)
        texts = [plain_markup(t.plain) for t in lesson.learner_texts()] * 5
        variants = {"as printed": script, "no shaping": dataclasses.replace(script, shaping=False)}
        if script.rtl:
            variants["no RTL order"] = dataclasses.replace(script, rtl=False)
        if script.segmentation:
            variants["no segmentation"] = dataclasses.replace(script, segmentation="")
        for name, variant in variants.items():
            body = styles_for(theme, variant).body
            samples = time_warm(lambda body=body, texts=texts: [paragraph(t, body).wrap(400, 1e6)
                                                                for t in texts], runs)
            figures.append(Figure(f"  {len(texts)} {language} paragraphs, {name}", samples, "ms"))
    return figures


def cold_build(project: Path, runs: int) -> tuple[Figure, Figure, int]:
    """The whole default build as a fresh process: wall time, peak memory, PDFs written."""
    walls, peaks, count = [], [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            cmd = [sys.executable, "make_pdfs.py", "build", "--force", "--quiet", "--out", out]
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=project)
            peak = _sample_peak_rss(proc)
            walls.append((time.perf_counter() - start) * 1000)
            peaks.append(peak / 1024)
            count = sum(1 for _ in Path(out).rglob("*.pdf"))
    return (Figure("cold `make_pdfs.py` (whole default build)", tuple(walls), "ms"),
            Figure("peak memory of that build, all processes", tuple(peaks), "MB"), count)


def _sample_peak_rss(proc: subprocess.Popen) -> float:
    """Largest total resident memory (KiB) of a process and its children while it runs."""
    peak = 0.0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.005)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    proc.wait()
    done.set()
    thread.join()
    return peak


def _tree_rss(pid: int) -> float:
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmRSS"))
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(c) for c in children)
        except (OSError, StopIteration, ValueError):
            continue
    return total


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median reported)")
    parser.add_argument("--project", type=Path, default=Path.cwd(),
                        help="folder with make_pdfs.py and lessons/ (default: current folder)")
    parser.add_argument("--warm-only", action="store_true", help="skip the cold whole-build runs")
    args = parser.parse_args(argv)
    print(f"lessonpress benchmark on {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(warm_handout(max(args.runs, 5) * 3).line())
    if I18N_LESSON.exists():
        for figure in warm_locales(max(args.runs, 5) * 3):
            print(figure.line())
    else:
        print(f"(no {I18N_LESSON.name} fixture here: per-language figures skipped)")
    if not args.warm_only:
        if not (args.project / "make_pdfs.py").exists():
            raise SystemExit(f"{args.project} has no make_pdfs.py; pass --project")
        wall, memory, count = cold_build(args.project, args.runs)
        print(wall.line())
        print(memory.line())
        print(f"{'PDFs per whole build':<44} {count:9d}")


if __name__ == "__main__":
    main()

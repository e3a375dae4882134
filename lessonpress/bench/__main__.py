"""Run the benchmark: `python -m lessonpress.bench`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __doc__ as about
from .process import cold_one_lesson, watch_latency, whole_build
from .tagging import tagging_costs
from .warm import I18N_LESSON, warm_formats, warm_handout, warm_locales


def main(argv: list[str] | None = None) -> None:
    """Measure, and print each figure with its target."""
    parser = argparse.ArgumentParser(description=(about or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median reported)")
    parser.add_argument(
        "--project",
        type=Path,
        default=Path.cwd(),
        help="folder with make_pdfs.py and lessons/ (default: current folder)",
    )
    parser.add_argument("--warm-only", action="store_true", help="only the in-process figures")
    args = parser.parse_args(argv)
    runs = max(args.runs, 5)
    print(f"lessonpress benchmark on {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(warm_handout(runs * 3).line())
    for figure in warm_formats(runs * 2):
        print(figure.line())
    if I18N_LESSON.exists():
        for figure in warm_locales(runs * 3):
            print(figure.line())
    for cost in tagging_costs(runs):
        print(cost.line())
    if args.warm_only:
        return
    if not (args.project / "make_pdfs.py").exists():
        raise SystemExit(f"{args.project} has no make_pdfs.py; pass --project")
    print(cold_one_lesson(args.project, runs).line())
    wall, memory, noop, count = whole_build(args.project, runs)
    print(f"{wall.line()}  [{count} PDFs]")
    print(memory.line())
    print(noop.line())
    print(watch_latency(args.project, runs).line())


main()

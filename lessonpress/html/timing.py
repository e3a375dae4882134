"""The run sheet's rows: the one seam between the HTML guide and the lesson's timing.

The rows are the steps of the one timing plan (`lessonpress/timing.py`), which the PDF guide's
run sheet, the slides and the notes pages follow too: what to say (a question) or do (an
activity), when on the running clock, for how many minutes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..labels import Labels
from ..markup import RichText, Run
from ..model import Lesson
from ..timing import clock, plan_timing

__all__ = ["Row", "RunSheet", "clock", "run_sheet"]


@dataclass(frozen=True)
class Row:
    """One line of the run sheet: when it starts, what happens, how many minutes (None: unknown)."""

    start: int | None
    segment: RichText
    minutes: int | None


@dataclass(frozen=True)
class RunSheet:
    """The rows in order and the session's total length."""

    rows: tuple[Row, ...]
    total: int
    over_time: bool  # the steps take longer than the session


def run_sheet(lesson: Lesson, labels: Labels) -> RunSheet:
    """The timing plan's steps as "Say: question" and "Do: activity" rows on a running clock."""
    plan = plan_timing(lesson)
    rows = []
    for step in plan.steps:
        verb = labels.say if step.kind == "prompt" else labels.do
        runs = (Run(f"{verb}:", bold=True), Run(" "), *step.title.runs)
        segment = RichText("".join(r.text for r in runs), runs, step.title.location)
        rows.append(Row(step.start, segment, step.minutes))
    over = bool(lesson.duration_minutes and plan.total > lesson.duration_minutes)
    return RunSheet(tuple(rows), plan.total, over)

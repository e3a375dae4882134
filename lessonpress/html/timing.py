"""The run sheet's rows: the one seam between the HTML guide and the lesson's timing.

Until the shared timing plan (`lessonpress/timing.py`) exists, these are the PDF guide's rows
(`layout/guide.py: run_sheet_rows`), computed the same way without ReportLab; a test holds the
two equal. When the timing plan lands, only `run_sheet` changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..labels import Labels
from ..markup import RichText, plain_text
from ..model import Lesson


@dataclass(frozen=True)
class Row:
    """One line of the run sheet: when it starts, what happens, how many minutes (None: unknown)."""

    start: int
    segment: RichText
    minutes: int | None


@dataclass(frozen=True)
class RunSheet:
    """The rows in order and the session's total length."""

    rows: tuple[Row, ...]
    total: int
    over_time: bool  # the activities alone take longer than the session


def run_sheet(lesson: Lesson, labels: Labels) -> RunSheet:
    """Activities with a running clock; the rest of the session as discussion and wrap-up."""
    rows, clock = [], 0
    for activity in lesson.activities:
        rows.append(Row(clock, plain_text(activity.title.plain, activity.title.location), activity.minutes))
        clock += activity.minutes or 0
    over = bool(lesson.duration_minutes and clock > lesson.duration_minutes)
    if lesson.duration_minutes and lesson.duration_minutes > clock:
        rest = lesson.duration_minutes - clock
        rows.append(Row(clock, plain_text(f"{labels.discussion_segment} · {labels.wrap_up}"), rest))
        clock += rest
    return RunSheet(tuple(rows), clock, over)


def clock(minutes: int) -> str:
    """Minutes from the start as h:mm."""
    return f"{minutes // 60}:{minutes % 60:02d}"

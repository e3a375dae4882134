"""What tagging (PDF/UA structure) costs per format: time and bytes, tagged against untagged.

Each sample renders the typical lesson twice in a row, tagged and untagged, so both see the
same machine load; the medians of several runs are compared. Time is the process's CPU time
(`time.process_time`), not the wall clock: on a shared machine other work stretches wall time
by whole scheduler slices and swamps a difference of a few milliseconds. The pack is a
one-lesson pack.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .warm import TYPICAL


@dataclass(frozen=True)
class TaggingCost:
    """One format: median milliseconds and bytes, tagged and untagged."""

    format: str
    tagged_ms: float
    untagged_ms: float
    tagged_bytes: int
    untagged_bytes: int

    def line(self) -> str:
        """`format  +x ms (+y %)  +n bytes (+z %)`."""
        ms, size = self.tagged_ms - self.untagged_ms, self.tagged_bytes - self.untagged_bytes
        return (
            f"tagging cost, {self.format:<15} {ms:+7.1f} ms ({ms / self.untagged_ms:+.0%} of "
            f"{self.untagged_ms:.1f})  {size:+8d} bytes ({size / self.untagged_bytes:+.0%} of "
            f"{self.untagged_bytes})"
        )


def tagging_costs(runs: int) -> list[TaggingCost]:
    """The typical lesson in every lesson format and as a pack, tagged and untagged."""
    from ..formats import FORMATS, format_names, get_format
    from ..labels import ENGLISH
    from ..layout.base import LayoutContext
    from ..lessons import check_lesson
    from ..project import LessonFile
    from ..render import render
    from ..theme import DEFAULT_THEME

    lesson, problems = check_lesson(LessonFile(TYPICAL, str(TYPICAL), "typical"))
    if lesson is None:
        raise SystemExit("\n".join(p.format() for p in problems))
    context = LayoutContext("a4", DEFAULT_THEME, ENGLISH)
    out = []
    for name in format_names():
        if FORMATS[name].suffix != ".pdf":
            continue
        fmt: Any = get_format(name)
        course = FORMATS[name].inputs == "course"

        def make(tagged: bool, fmt: Any = fmt, course: bool = course) -> bytes:  # noqa: ANN401
            spec = fmt.layout_course([lesson], None, context) if course else fmt.layout(lesson, context)
            return render(spec, tagged=tagged)

        out.append(_measure(name, make, runs))
    return out


def _measure(name: str, make: Callable[[bool], bytes], runs: int) -> TaggingCost:
    sizes = {True: len(make(True)), False: len(make(False))}  # also the warm-up
    times: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(runs):
        for tagged in (True, False):
            start = time.process_time()
            make(tagged)
            times[tagged].append((time.process_time() - start) * 1000)
    return TaggingCost(
        name, statistics.median(times[True]), statistics.median(times[False]), sizes[True], sizes[False]
    )


if __name__ == "__main__":
    for cost in tagging_costs(15):
        print(cost.line())

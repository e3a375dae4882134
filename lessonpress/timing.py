"""Turn a Lesson into a TimingPlan: what the session does, in what order, when and for how long.

One plan for every output that shows time: the slides (and so the notes pages and slides
handout) present its steps in its order, the guide's run sheet prints its running clock, and
the notes pages say when each slide's step starts. Pure: no ReportLab, no files.

The order is the deck's: the discussion prompts in the lesson's order, then the activities in
theirs. A step's minutes are the lesson's own (`minutes` on a prompt or an activity); steps
without minutes share whatever the session (`duration_minutes`) has left, in whole minutes,
the earlier steps taking the odd minutes. When the lesson's minutes and its duration disagree
(`timing_problems`), the build says so at the duration's line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .errors import LessonError, SourceLocation
from .markup import RichText
from .model import Activity, Lesson, Prompt


@dataclass(frozen=True)
class Step:
    """One step of the session: a discussion prompt or an activity, with its place in time.

    `start` and `minutes` are None when they cannot be known (a step without minutes in a
    lesson without a duration, or after one). `shared` marks minutes shared out from the
    session's remaining time rather than given by the lesson.
    """

    kind: str  # "prompt" or "activity"
    title: RichText  # the question, or the activity's title
    start: int | None
    minutes: int | None
    item: Prompt | Activity
    number: int  # 1-based among the steps of its kind
    shared: bool = False

    @property
    def end(self) -> int | None:
        """The minute the step ends, when known."""
        return None if self.start is None or self.minutes is None else self.start + self.minutes


@dataclass(frozen=True)
class TimingPlan:
    """The steps of a session in order, and the session's length as the lesson gives it."""

    steps: tuple[Step, ...]
    duration: int | None

    @property
    def total(self) -> int:
        """Minutes of every step with known minutes."""
        return sum(step.minutes or 0 for step in self.steps)

    def step_for(self, item: Prompt | Activity) -> Step | None:
        """The step a prompt or an activity of the lesson became (None if it is not in it)."""
        return next((step for step in self.steps if step.item is item), None)


def plan_timing(lesson: Lesson) -> TimingPlan:
    """The lesson's steps, in the deck's order, with their minutes and a running clock."""
    items: list[tuple[str, Prompt | Activity, RichText, int]] = [
        ("prompt", p, p.prompt, n) for n, p in enumerate(lesson.discussion_prompts, 1)
    ]
    items += [("activity", a, a.title, n) for n, a in enumerate(lesson.activities, 1)]
    given = [item.minutes for _, item, _, _ in items]
    shares = _share(lesson.duration_minutes, given)
    steps: list[Step] = []
    clock: int | None = 0
    for (kind, item, title, number), minutes, share in zip(items, given, shares, strict=True):
        length = minutes if minutes is not None else share
        steps.append(Step(kind, title, clock, length, item, number, minutes is None))
        clock = None if clock is None or length is None else clock + length
    return TimingPlan(tuple(steps), lesson.duration_minutes)


def _share(duration: int | None, given: list[int | None]) -> list[int | None]:
    """Minutes for the steps the lesson gives none: the session's remaining time, shared."""
    open_steps = sum(m is None for m in given)
    left = (duration or 0) - sum(m or 0 for m in given)
    if not open_steps or duration is None or left < open_steps:
        return [None] * len(given)
    base, extra = divmod(left, open_steps)
    out: list[int | None] = []
    for minutes in given:
        if minutes is None:
            out.append(base + (1 if extra > 0 else 0))
            extra -= 1
        else:
            out.append(None)
    return out


def clock(minutes: int | None) -> str:
    """A running clock reading: 65 -> "1:05"; unknown -> "–"."""
    return "–" if minutes is None else f"{minutes // 60}:{minutes % 60:02d}"


def timing_problems(lesson: Lesson, where: Callable[[tuple], SourceLocation]) -> list[LessonError]:
    """Warnings where the lesson's minutes and its `duration_minutes` disagree, located at the
    duration's line (`where` finds a key's line in the lesson file)."""
    duration = lesson.duration_minutes
    if duration is None:
        return []
    plan = plan_timing(lesson)
    given = sum(step.minutes or 0 for step in plan.steps if not step.shared)
    open_steps = [step for step in plan.steps if step.minutes is None or step.shared]
    location = where(("duration_minutes",))
    if given > duration:
        return [
            LessonError(
                f"the prompts and activities add up to {given} minutes, more than the "
                f"{duration}-minute session",
                code="timing.over",
                severity="warning",
                location=location,
                hint="shorten some steps or make the session longer",
            )
        ]
    if any(step.minutes is None for step in open_steps):
        return [
            LessonError(
                f"{len(open_steps)} step(s) without minutes have only {duration - given} minute(s) "
                f"of the {duration}-minute session left",
                code="timing.no-time",
                severity="warning",
                location=location,
                hint="give the prompts and activities minutes that fit the session",
            )
        ]
    if not open_steps and given < duration:
        return [
            LessonError(
                f"the prompts and activities add up to {given} minutes, {duration - given} fewer than "
                f"the {duration}-minute session",
                code="timing.under",
                severity="warning",
                location=location,
                hint="give the missing minutes to a step, or shorten the session",
            )
        ]
    return []

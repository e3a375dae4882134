"""Run jobs: lay out, render and write each output, serially or in a pool of processes.

`--jobs 1` and `--jobs N` run the same `run_job`, so the bytes never depend on N. Each worker
registers fonts once (ReportLab keeps them per process) and reuses them for every job it runs.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import LessonError, has_errors
from .formats import FORMATS
from .model import Course, Lesson

if TYPE_CHECKING:
    from .helplines import RegionHelplines


@dataclass(frozen=True)
class Job:
    """One output to make: a lesson (or, for a course format, all lessons of a language)."""

    lessons: tuple[Lesson, ...]
    format: str
    output: Path
    settings: Any  # BuildSettings
    key: str  # where the build state records it
    fingerprint: str  # everything the output depends on
    course: Course | None = None
    helplines: RegionHelplines | None = None

    @property
    def language(self) -> str:
        """The language of the output."""
        return self.lessons[0].language


@dataclass(frozen=True)
class JobResult:
    """What became of a job: the file, its content hash when written, any problems."""

    output: Path
    problems: tuple[LessonError, ...] = ()
    seconds: float = 0.0
    sha256: str = ""

    @property
    def ok(self) -> bool:
        """True when the PDF was written."""
        return not has_errors(self.problems)


def run_jobs(jobs: list[Job], workers: int) -> Iterator[JobResult]:
    """Run jobs serially (`workers == 1`, or one job) or in a process pool, in job order.

    In a pool, one lesson's outputs go to the same worker (its slides, notes pages and slides
    handout share one fitted deck, and the lesson is sent once), the largest groups first so
    the workers finish together.
    """
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) <= 1:
        yield from map(run_job, jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    groups: dict[tuple, list[int]] = {}
    for i, job in enumerate(jobs):
        groups.setdefault((job.lessons[0].source_path, job.language, len(job.lessons)), []).append(i)
    order = sorted(groups.values(), key=lambda g: -sum(_cost(jobs[i]) for i in g))
    results: dict[int, JobResult] = {}
    with ProcessPoolExecutor(max_workers=min(workers, len(order))) as pool:
        futures = [(g, pool.submit(_run_group, [jobs[i] for i in g])) for g in order]
        next_index = 0
        for group, future in futures:
            for i, result in zip(group, future.result(), strict=True):
                results[i] = result
            while next_index in results:
                yield results.pop(next_index)
                next_index += 1


def _run_group(group: list[Job]) -> list[JobResult]:
    return [run_job(job) for job in group]


def _cost(job: Job) -> float:
    """A rough relative cost, to start the longest work first."""
    from .scripts import script_for

    script = script_for(job.language)
    per_page = 3.0 if script.shaping or script.rtl else 1.0
    return per_page * len(job.lessons) * (2.0 if job.format == "notes" else 1.0)


def run_job(job: Job) -> JobResult:
    """Lay out, render and atomically write one output; never raises for a lesson problem."""
    start = time.perf_counter()
    try:
        data = render_job(job)
        from .output import write_atomic

        write_atomic(job.output, data)
    except LessonError as problem:
        return JobResult(job.output, (problem,))
    except Exception as exc:  # a bug in lessonpress: report it for this output, build the rest
        return JobResult(
            job.output,
            (
                LessonError(
                    f"could not make the {job.format}: {type(exc).__name__}: {exc}",
                    code="internal.error",
                    location=job.lessons[0].title.location,
                    hint="this is a bug in lessonpress; please report it with the lesson file",
                ),
            ),
        )
    return JobResult(job.output, (), time.perf_counter() - start, hashlib.sha256(data).hexdigest())


def render_job(job: Job) -> bytes:
    """The PDF bytes of a job (no file is touched)."""
    from .labels import labels_for
    from .layout.base import LayoutContext
    from .layout.fonts import fonts_for
    from .render import render
    from .scripts import paper_for

    settings = job.settings

    def context_for(lessons: tuple[Lesson, ...]) -> LayoutContext:
        language = lessons[0].language
        return LayoutContext(
            settings.paper or paper_for(language),
            fonts_for(lessons, settings.theme),
            labels_for(language),
            per_page=settings.per_page,
            pack_of=settings.pack_of,
            today=settings.today,
            helplines=job.helplines,
        )

    spec = FORMATS[job.format]
    fmt: Any = spec.layout_class()()
    tagged = getattr(settings, "tagged", True)
    if spec.inputs == "translation":  # a translation printed beside its source
        translated, source = job.lessons
        layout = fmt.layout(source, translated, context_for((source,)), context_for((translated,)))
        return render(layout, tagged=tagged)
    context = context_for(job.lessons)
    if spec.inputs == "course":
        return render(fmt.layout_course(job.lessons, job.course, context), tagged=tagged)
    return render(fmt.layout(job.lessons[0], context), tagged=tagged)

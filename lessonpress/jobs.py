"""Run jobs: lay out, render and write each output, serially or in a pool of processes.

`--jobs 1` and `--jobs N` run the same `run_job`, so the bytes never depend on N. Each worker
registers fonts once (ReportLab keeps them per process) and reuses them for every job it runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import LessonError, has_errors
from .formats import FORMATS
from .memory import collector_paused
from .model import Course, Lesson

if TYPE_CHECKING:
    from .regions import RegionHelplines


@dataclass(frozen=True)
class Job:
    """One output to make: a lesson (or, for a course format, all lessons of a language)."""

    lessons: tuple[Lesson, ...]
    format: str
    output: Path
    settings: Any  # BuildSettings
    fingerprint: str  # everything the output depends on
    course: Course | None = None
    helplines: RegionHelplines | None = None
    translations: Path | None = None  # the project's translations folder (its labels.po)

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


def run_jobs(jobs: list[Job], workers: int) -> Iterator[tuple[int, JobResult]]:
    """Run jobs serially (`workers == 1`, or one job) or in a process pool; yield each job's
    index and result as it finishes.

    In a pool, one lesson's outputs go to the same worker (its slides, notes pages and slides
    handout share one fitted deck, and the lesson is sent once), the largest groups first so
    the workers finish together. Forked workers take the jobs from this process's memory;
    other start methods (spawn, forkserver) are sent them. A worker that dies (killed, out of
    memory) breaks the pool: the groups not finished are built once more in this process, and
    the first result says so. Ctrl-C stops at once: the workers are terminated, not waited for.
    """
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) <= 1:
        with _interruptible() as interrupted:
            for index, job in enumerate(jobs):
                if interrupted():
                    raise KeyboardInterrupt
                yield index, run_job(job, interrupted)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    groups: dict[tuple, list[int]] = {}
    for i, job in enumerate(jobs):
        groups.setdefault((job.lessons[0].source_path, job.language, len(job.lessons)), []).append(i)
    order = sorted(groups.values(), key=lambda g: -sum(_cost(jobs[i]) for i in g))
    lost: list[list[int]] = []
    context = multiprocessing.get_context()
    token = next(_TOKENS) if context.get_start_method() == "fork" else -1

    def submit(group: list[int]) -> Any:
        if token >= 0:
            return pool.submit(_run_forked, token, group)
        return pool.submit(_run_group, [jobs[i] for i in group])

    pool = ProcessPoolExecutor(min(workers, len(order)), context, initializer=_worker_init)
    finished = False
    try:
        if token >= 0:
            _INHERITED[token] = jobs  # before the first submit, which forks the workers
        futures = {submit(group): group for group in order}
        for future in as_completed(futures):
            try:
                results = future.result()
            except BrokenProcessPool:
                lost.append(futures[future])
                continue
            yield from zip(futures[future], results, strict=True)
        finished = True
    finally:
        _stop(pool, finished)
        _INHERITED.pop(token, None)
        if not finished:  # a terminated worker may have been writing: leave no temporary file
            _remove_temp_files({job.output.parent for job in jobs} | _thumbnail_folders(jobs))
    yield from _retry(jobs, sorted(lost))


def _retry(jobs: list[Job], groups: list[list[int]]) -> Iterator[tuple[int, JobResult]]:
    """Build the outputs a dead worker left, once, in this process; the first result says so."""
    indexes = [i for group in groups for i in group]
    for n, index in enumerate(indexes):
        result = run_job(jobs[index])
        if n == 0:
            lessons = len(groups)
            notice = LessonError(
                f"a worker process stopped unexpectedly (killed, or out of memory); {len(indexes)} "
                f"output{'s' * (len(indexes) != 1)} of {lessons} lesson{'s' * (lessons != 1)} were "
                "built again in the main process",
                code="build.worker-lost",
                severity="warning",
                hint="if it happens again, build with --jobs 1 or free some memory",
            )
            result = replace(result, problems=(notice, *result.problems))
        yield index, result


@contextlib.contextmanager
def _interruptible() -> Iterator[Callable[[], bool]]:
    """Ctrl-C stops a build in this process even where a library swallows the interrupt.

    ReportLab has bare `except:` clauses: a KeyboardInterrupt raised inside one is lost, the
    build goes on, and the document may take a fallback path. So the handler also records the
    key press; the job loop checks it before each output, and a job checks it before writing,
    so nothing rendered during an interrupt replaces a good file.
    """
    if threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    pressed: list[int] = []

    def handler(signum: int, frame: object) -> None:
        pressed.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield lambda: bool(pressed)
    finally:
        signal.signal(signal.SIGINT, previous)


def _worker_init() -> None:
    """Workers leave Ctrl-C to the main process, which stops them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: Any, finished: bool) -> None:
    """Shut the pool down; when the build did not finish (Ctrl-C, an error), without waiting:
    its worker processes are terminated (ProcessPoolExecutor offers no public way before 3.14)."""
    if not finished:
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            process.terminate()
        for process in processes:  # reaped, so their temporary files count as left behind
            process.join(timeout=0.5)
    pool.shutdown(wait=finished, cancel_futures=True)


def _thumbnail_folders(jobs: list[Job]) -> set[Path]:
    """Where the workers write the catalog's thumbnails (`_thumbnail`), one per output folder."""
    from .html.catalog import THUMBS

    return {Path(job.settings.out_dir) / THUMBS for job in jobs}


def _remove_temp_files(folders: set[Path]) -> None:
    from .output import remove_stale_temp_files

    for folder in sorted(folders):
        remove_stale_temp_files(folder)


def _run_group(group: list[Job]) -> list[JobResult]:
    return [run_job(job) for job in group]


# What forked processes read from this process's memory instead of being sent it (the jobs of
# a build, the work of `beside`), each under its own token, set before the processes fork.
_INHERITED: dict[int, Any] = {}
_TOKENS = itertools.count()


def _run_forked(token: int, group: list[int]) -> list[JobResult]:
    """Run jobs by index in a forked worker, which has them already: pickling each group's
    jobs with their lessons to send them (and unpickling them there) cost ~340 ms of CPU in a
    whole build. The token picks this build's jobs, should two builds run in one process."""
    return _run_group([_INHERITED[token][i] for i in group])


def beside(work: Callable[[list], list], here: list, there: list) -> tuple[list, list]:
    """(work(here), work(there)): `there` done by one forked helper process while this one does
    `here`, so that the lesson check before a parallel build uses both cores (it was ~0.7 s on
    one core while the other waited). Without fork, or when the helper fails (killed, a result
    it cannot send), `there` is done here too. Ctrl-C terminates the helper."""
    context = multiprocessing.get_context()
    if not there or context.get_start_method() != "fork":
        return work(here), work(there)
    from concurrent.futures import ProcessPoolExecutor

    token = next(_TOKENS)
    _INHERITED[token] = work
    pool = ProcessPoolExecutor(1, context, initializer=_worker_init)
    finished = False
    try:
        future = pool.submit(_work_beside, token, there)
        mine = work(here)
        try:
            theirs = future.result()
        except Exception:  # the helper died or could not send its result: do its part here
            theirs = work(there)
        finished = True
    finally:
        _stop(pool, finished)
        _INHERITED.pop(token, None)
    return mine, theirs


def _work_beside(token: int, items: list) -> list:
    return _INHERITED[token](items)


def _cost(job: Job) -> float:
    """A rough relative cost, to start the longest work first."""
    from .scripts import script_for

    script = script_for(job.language)
    per_page = 3.0 if script.shaping or script.rtl else 1.0
    return per_page * len(job.lessons) * (2.0 if job.format == "notes" else 1.0)


def run_job(job: Job, interrupted: Callable[[], bool] = lambda: False) -> JobResult:
    """Lay out, render and atomically write one output; never raises for a lesson problem.
    A Ctrl-C noticed before the write (`interrupted`) stops it: the old file stays."""
    start = time.perf_counter()
    try:
        with collector_paused():
            data = render_job(job)
        if interrupted():
            raise KeyboardInterrupt
        from .output import write_atomic

        write_atomic(job.output, data)
        if job.output.suffix == ".pdf":
            _thumbnail(job, data)
    except LessonError as problem:
        return JobResult(job.output, (problem,))
    except Exception as exc:  # a layout that failed: report its cause for this output only
        return JobResult(job.output, (explain(job, exc),))
    return JobResult(job.output, (), time.perf_counter() - start, hashlib.sha256(data).hexdigest())


def _thumbnail(job: Job, data: bytes) -> None:
    """The catalog's thumbnail of a PDF just written, made here in the worker; a failure only
    leaves it for the catalog to make (and report)."""
    from .html.catalog import prepare_thumbnail

    with contextlib.suppress(Exception):
        prepare_thumbnail(job.settings.out_dir, data)


def explain(job: Job, exc: Exception) -> LessonError:
    """The error for a job whose layout raised `exc`: at the theme value or lesson text that
    caused it (`failures.py`), else reported as a bug."""
    from dataclasses import replace

    from .failures import explain_failure

    def renders(theme: object) -> bool:
        try:
            render_job(replace(job, settings=replace(job.settings, theme=theme)))
        except Exception:  # any failure means "not with this theme either"
            return False
        return True

    texts = [text for lesson in job.lessons for text in lesson.texts()]
    return explain_failure(exc, job.format, texts, job.lessons[0].title.location, job.settings.theme, renders)


def render_job(job: Job) -> bytes:
    """The bytes of a job's file, a PDF or a web page (no file is touched)."""
    from .labels import labels_for

    spec = FORMATS[job.format]
    if spec.suffix == ".html":  # a web page: html/, no ReportLab
        return _render_page(job)
    from .layout.base import LayoutContext
    from .layout.fonts import fonts_for
    from .render import render
    from .scripts import paper_for

    settings = job.settings

    def context_for(lessons: tuple[Lesson, ...]) -> LayoutContext:
        language = lessons[0].language
        return LayoutContext(
            settings.paper or paper_for(language),
            fonts_for(lessons, settings.theme_for(job.format)),
            labels_for(language, job.translations),
            per_page=settings.per_page,
            pack_of=settings.pack_of,
            today=settings.today,
            helplines=job.helplines,
        )

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


def _render_page(job: Job) -> bytes:
    """The bytes of a web page (html/): the lesson, and a translation's source when the format
    reads it."""
    from .html.base import HtmlContext
    from .labels import labels_for

    lesson, *others = job.lessons
    context = HtmlContext(
        job.settings.theme, labels_for(lesson.language), job.helplines, others[0] if others else None
    )
    page: Any = FORMATS[job.format].layout_class()()
    return page.render(lesson, context)

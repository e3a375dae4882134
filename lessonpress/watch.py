"""Rebuild on every save: one warm process, only what changed, errors shown as they appear.

The first build runs in full; after that each batch of file changes (lessons, translations,
assets) starts an incremental build in this process, which keeps ReportLab, fonts and every
checked lesson warm, so a saved edit reaches its handout in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from threading import Event

from .build import BuildResult, BuildSettings, build
from .project import ASSETS_DIR, DEFAULT_LESSON_DIR
from .report import Reporter


def watched_paths(settings: BuildSettings) -> list[Path]:
    """The lesson folders (or the folders of lesson files) and the assets folder, if present."""
    roots = []
    for given in settings.paths or (DEFAULT_LESSON_DIR,):
        path = Path(given)
        roots.append(path if path.is_dir() else path.parent)
    if Path(ASSETS_DIR).is_dir():
        roots.append(Path(ASSETS_DIR))
    return sorted(set(roots))


def watch(
    settings: BuildSettings,
    reporter: Reporter,
    on_build: Callable[[BuildResult], None],
    stop: Event | None = None,
    first: tuple[str, ...] = (),
) -> None:
    """Build now, then again after every change, until `stop` is set (or Ctrl-C).

    Formats in `first` are brought up to date before the others after each change (the
    preview's web pages, so the browser shows an edit before the PDFs are done).
    """
    import watchfiles

    settings = replace(settings, jobs=1)  # in-process: warm fonts and caches, no start-up
    memo: dict = {}
    on_build(build(settings, reporter, memo))
    out = settings.out_dir.resolve()

    def relevant(change: watchfiles.Change, path: str) -> bool:
        resolved = Path(path).resolve()
        return out not in resolved.parents and resolved.suffix.lower() in (".yaml", ".yml", ".json")

    for changes in watchfiles.watch(
        *watched_paths(settings),
        watch_filter=relevant,
        step=30,
        debounce=400,
        stop_event=stop,
        raise_interrupt=False,
    ):
        del changes
        current = replace(settings, force=False)
        quick = tuple(f for f in settings.formats if f in first)
        if quick and len(quick) < len(settings.formats):
            build(replace(current, formats=quick), reporter, memo)
        on_build(build(current, reporter, memo))

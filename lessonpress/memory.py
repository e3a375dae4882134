"""When Python's cyclic garbage collector runs: not in the middle of one document or one lesson."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while one document is laid out and rendered, or one lesson
    file (with its translations) is read and checked.

    A document's objects (paragraphs, frames, PDF objects, ~950 of them in reference cycles)
    live for the whole render, so the collector promoted them to its oldest generation, where
    only full collections, which walk every object of the process, freed them: 15 % of a
    41-lesson handout build's CPU was the collector. Paused, the document's cycles stay young
    and the next collection after it frees them cheaply; what a pause can hold is one
    document's or one (size-limited) lesson file's garbage. Restored as it was (a caller may
    have turned collection off).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

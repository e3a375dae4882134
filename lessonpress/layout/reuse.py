"""Layouts worked out once for a whole build and drawn in many documents.

Some blocks print the same on every learner page of a build: a region's services, as cards in
the "Get help" panel, are identical on 41 handouts. Building a card (parsing its paragraphs,
setting up its table) and wrapping it (breaking its lines, sizing its columns) was about a
tenth of a warm handout (the whole panel a fifth). `Reused` does both once per width and
process, and each document draws a `twin` of that layout: new flowable objects that share
only what wrapping worked out.

Why twins and not the same objects: ReportLab and the tagger keep state on a flowable. Platypus
marks one it had to postpone (`_postponed`) and turns off `keepWithNext` on the ones it groups;
the tagger records a flowable it has drawn as structure and tags a second drawing of it as an
artifact, so a card drawn twice in one document (a lesson resource that is also a helpline)
would be read once. A twin has its own identity and its own structure tags, and what it shares
is never changed by drawing: a left-to-right paragraph's lines and the table's sizes. A
right-to-left paragraph reorders its lines' words in place as it draws, so right-to-left
blocks are never reused (`Reused` is only built for left-to-right text).
"""

from __future__ import annotations

import copy
import dataclasses
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from reportlab.platypus import Flowable, Table

from ._reportlab import copies_plainly
from .tagging.roles import tag_of

KEPT = 512  # blocks remembered per process (a build's cards: services x languages x themes)
WIDTHS = 4  # widths remembered per block (a block is laid out at one or two widths)
Laid = tuple[Flowable, float, float]  # a block wrapped at one width, and its size there
_LAYOUTS: OrderedDict[Hashable, dict[float, Laid]] = OrderedDict()


def twin(flowable: Flowable) -> Flowable:
    """A copy of a laid-out flowable, for another document: the same line breaks and sizes,
    its own identity and structure tag, and likewise for the flowables inside it (a table's
    cells, and the flowable or list of them in each attribute a flowable names in `_lp_inner`)."""
    new = _copy(flowable)
    tag = tag_of(flowable)
    if tag is not None:
        new._lp_tag = dataclasses.replace(tag)  # a tag is one element: a twin gets its own
    if isinstance(flowable, Table):
        new._cellvalues = [[_twin_cell(cell) for cell in row] for row in flowable._cellvalues]
    for name in getattr(flowable, "_lp_inner", ()):
        inner = getattr(flowable, name)
        setattr(new, name, twin(inner) if isinstance(inner, Flowable) else [twin(f) for f in inner])
    return new


def _copy(flowable: Flowable) -> Flowable:
    """`copy.copy`, made directly (a new object, the same attributes) for a class that copies
    plainly, as flowables do."""
    cls = type(flowable)
    if not copies_plainly(cls):
        return copy.copy(flowable)
    new = object.__new__(cls)
    new.__dict__.update(flowable.__dict__)
    return new


def _twin_cell(cell: Any) -> Any:  # noqa: ANN401 - a table cell: text, a flowable or a list
    if isinstance(cell, Flowable):
        return twin(cell)
    if isinstance(cell, (list, tuple)):
        return [_twin_cell(inner) for inner in cell]
    return cell


class Reused(Flowable):
    """A block built by `build` and laid out once per width for the process (under `key`,
    which must name everything the block depends on); each wrap in a document takes a twin of
    that layout, which is what gets drawn."""

    def __init__(self, key: Hashable, build: Callable[[], Flowable]) -> None:
        super().__init__()
        self.key, self.build = key, build
        self.block: Flowable | None = None  # this document's twin
        self._at: float | None = None  # the width it was laid out at

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._at != avail_width or self.block is None:
            block, self.width, self.height = _laid_out(self.key, self.build, avail_width, avail_height)
            self.block, self._at = twin(block), avail_width
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: ANN401, N802, N803
        """Draws the twin in this block's place, exactly as the twin alone would be drawn."""
        assert self.block is not None, "a block is wrapped before it is drawn"
        self.block.drawOn(canvas, x, y, _sW)

    @property
    def flowables(self) -> list[Flowable]:
        """What the block holds (for messages that quote a stuck flowable's text)."""
        return [self.block if self.block is not None else self.build()]


def _laid_out(key: Hashable, build: Callable[[], Flowable], width: float, height: float) -> Laid:
    """The block under `key` wrapped at `width`: built and wrapped the first time it is asked for."""
    layouts = _LAYOUTS.get(key)
    if layouts is None:
        layouts = _LAYOUTS[key] = {}
        while len(_LAYOUTS) > KEPT:
            _LAYOUTS.popitem(last=False)
    else:
        _LAYOUTS.move_to_end(key)
    laid = layouts.get(width)
    if laid is None:
        block = build()
        laid = (block, *block.wrap(width, height))
        if len(layouts) >= WIDTHS:
            layouts.pop(next(iter(layouts)))
        layouts[width] = laid
    return laid

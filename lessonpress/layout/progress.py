"""Make sure laying out a document ends: it finishes, or stops with an error at the text.

ReportLab keeps a flowable that has `keepWithNext` (headings, the guide's prompt titles) with
the one after it by wrapping both in a KeepTogether. When the next flowable may not go in a
KeepTogether (a CondPageBreak, another container), the wrapper holds the heading alone and its
flag is never cleared; if that text is taller than an empty page, the wrapper hands the same
text back, it is wrapped again, and the build loops forever (issue 13: a 7,070-character
prompt froze `--format guide` and `watch`). `KeepWhatFits` gives up keeping together what no
page can hold, so the text simply continues on the next page.

`GuardedDocTemplate` is the watchdog for whatever else might stall: a flowable handed back
again and again raises `LayoutStalled`, and so do ReportLab's own LayoutErrors (a piece too
large for any page; ten pages in a row without content). It carries the text of the flowable,
so the caller can name the lesson field it came from (`locate`): never a hang, never a bare
traceback.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether
from reportlab.platypus.doctemplate import ActionFlowable, LayoutError

from ..errors import SourceLocation
from ..markup import RichText

MAX_RETRIES = 200  # the same flowable handed back this often is stuck
_PROBE = 80  # characters of a stuck text compared with the lesson's texts


class LayoutStalled(Exception):
    """Layout stopped making progress (or met a piece no page can hold) at `text`."""

    def __init__(self, why: str, text: str) -> None:
        super().__init__(why)
        self.why = why
        self.text = text


class KeepWhatFits(KeepTogether):
    """ReportLab's KeepTogether, except that content taller than an empty frame stops asking
    to be kept with what follows (it cannot be, and asking again is what looped)."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = super().split(avail_width, avail_height)
        frame = getattr(self, "_frame", None)
        if frame is not None and frame._height < self._H:
            for flowable in self._content:
                flowable.__dict__["keepWithNext"] = 0
        return parts


class GuardedDocTemplate(BaseDocTemplate):
    """A BaseDocTemplate that never loops: see the module docstring."""

    def __init__(self, filename: Any, **kwargs: Any) -> None:
        kwargs.setdefault("keepTogetherClass", KeepWhatFits)  # an option, not a class attribute
        super().__init__(filename, **kwargs)
        self._lp_tries: dict[int, tuple[Any, int]] = {}

    def handle_flowable(self, flowables: list) -> None:
        first = flowables[0] if flowables else None
        if first is not None and not isinstance(first, ActionFlowable):  # PageBegin recurs
            _, count = self._lp_tries.get(id(first), (first, 0))
            if count >= MAX_RETRIES:
                # placed again and again without ever fitting: a layout that would never end
                raise LayoutStalled("it never fits on a page", text_of(first))
            self._lp_tries[id(first)] = (first, count + 1)  # holding it keeps its id unique
        try:
            super().handle_flowable(flowables)
        except LayoutError as exc:
            raise LayoutStalled(_reason(str(exc)), text_of(first)) from None


def _reason(message: str) -> str:
    """ReportLab's LayoutError in a teacher's words."""
    if "without content" in message:  # its own guard against pages that stay empty
        return "the pages before it stay empty"
    if "Splitting error" in message:
        return "it could not be split between pages"
    return "it is too large to fit on a page"


def text_of(flowable: Any, depth: int = 0) -> str:
    """The plain text of a flowable and of the flowables inside it, whitespace collapsed."""
    if flowable is None or depth > 8:
        return ""
    parts = []
    plain = getattr(flowable, "getPlainText", None)
    if callable(plain) and hasattr(flowable, "frags"):
        with contextlib.suppress(Exception):  # only for a message: no text is fine
            parts.append(plain())
    parts += [text_of(inner, depth + 1) for inner in _children(flowable)]
    return " ".join(" ".join(p.split()) for p in parts if p and p.strip())


def _children(flowable: Any) -> Iterator[Any]:
    for name in ("_content", "paragraph", "_flowables", "flowables"):
        inner = getattr(flowable, name, None)
        if isinstance(inner, (list, tuple)):
            yield from inner
        elif isinstance(inner, Flowable):
            yield inner
    for row in getattr(flowable, "_cellvalues", None) or ():
        for cell in row:
            yield from cell if isinstance(cell, (list, tuple)) else (cell,)


def locate(text: str, texts: Iterable[RichText]) -> RichText | None:
    """The lesson text that a stuck flowable printed: the longest whose words it shows."""
    probe = " ".join(text.split())
    best: RichText | None = None
    for candidate in texts:
        plain = " ".join(candidate.plain.split())
        if len(plain) < 3 or candidate.location is None:
            continue
        shown = plain in probe or (len(probe) >= 20 and _overlaps(probe, plain))
        if shown and (best is None or len(plain) > len(best.plain)):
            best = candidate
    return best


def _overlaps(probe: str, plain: str) -> bool:
    """True when a piece of `probe` long enough to be telling appears in `plain` (a split part
    of a long text shows only some of it)."""
    for start in range(0, max(1, len(probe) - _PROBE + 1), _PROBE):
        piece = probe[start : start + _PROBE]
        if len(piece) >= 20 and piece in plain:
            return True
    return False


def where(text: str, texts: Iterable[RichText]) -> SourceLocation | None:
    """Where the lesson text a stuck flowable printed was typed, if it can be found."""
    found = locate(text, texts)
    return found.location if found else None

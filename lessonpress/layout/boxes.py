"""Callout boxes that keep together: a tinted, outlined box drawn around a few flowables.

A box (key takeaways, safeguarding, a teacher's answer) stays on one page whenever it fits on
one: when it does not fit in the space left, it moves to the next page whole. A box taller than
a page splits between its blocks (or between the lines of one), and the part on the next page
starts with its title marked "(continued)", so a reader never meets half a box without knowing
what it is. Unlike ReportLab's FrameBG, the box is drawn by the flowable itself, so it can be
measured, kept together and split like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable


@dataclass(frozen=True)
class BoxStyle:
    """How a callout looks: fill (None: outline only), outline colour and width, padding."""

    fill: str | None
    stroke: str | None
    stroke_width: float
    padding: float
    space_before: float = 0.0
    space_after: float = 0.0


class Callout(Flowable):
    """Flowables in a box; `continued` makes the heading of a continuation part.

    `keep=False` lets the box start where it lands even if it then splits (a safeguarding box
    that must start on the guide's first page); a box never starts with less than its first
    two blocks at the foot of a page.
    """

    def __init__(
        self,
        content: Sequence[Flowable],
        style: BoxStyle,
        continued: Callable[[], Flowable] | None = None,
        *,
        keep: bool = True,
        first_part: bool = True,
    ) -> None:
        super().__init__()
        self.content = list(content)
        self.style = style
        self.continued = continued
        self.keep = keep
        self.first_part = first_part
        self._heights: list[float] = []

    # -- measuring --------------------------------------------------------------------

    def _inner(self, width: float) -> float:
        return width - 2 * self.style.padding

    def _gap(self, i: int) -> float:
        """Space between block i-1 and block i (the larger of after and before)."""
        if i == 0:
            return 0.0
        return max(self.content[i - 1].getSpaceAfter(), self.content[i].getSpaceBefore())

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner = self._inner(avail_width)
        self._heights = [f.wrap(inner, 1e6)[1] for f in self.content]
        body = sum(self._heights) + sum(self._gap(i) for i in range(len(self.content)))
        self.width, self.height = avail_width, body + 2 * self.style.padding
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab's name
        return self.style.space_before

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.style.space_after

    # -- splitting --------------------------------------------------------------------

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if self.height <= avail_height:
            return [self]
        frame = getattr(self, "_frame", None)
        at_top = bool(frame is None or getattr(frame, "_atTop", 0))
        page = frame._height if frame is not None else avail_height
        if self.keep and not at_top and self.height <= page:
            return []  # the next page holds it whole
        if not self.first_part and not at_top:
            return []  # a continuation starts a page: never a second "(continued)" under the first
        room = avail_height - 2 * self.style.padding
        head, tail = self._cut(avail_width, room, inside=False)
        if len(head) < 2:  # only the title would fit: cut inside a block instead
            head, tail = self._cut(avail_width, room, inside=True)
        if not tail or not head or (not at_top and len(head) < min(2, len(self.content))):
            return []
        first = Callout(head, self._end_style(), self.continued, keep=False, first_part=self.first_part)
        rest = [self.continued(), *tail] if self.continued else tail
        second = Callout(rest, self._start_style(), self.continued, keep=False, first_part=False)
        return [first, second]

    def _end_style(self) -> BoxStyle:
        s = self.style
        return BoxStyle(s.fill, s.stroke, s.stroke_width, s.padding, s.space_before, 0.0)

    def _start_style(self) -> BoxStyle:
        s = self.style
        return BoxStyle(s.fill, s.stroke, s.stroke_width, s.padding, 0.0, s.space_after)

    def _cut(self, width: float, room: float, *, inside: bool) -> tuple[list[Flowable], list[Flowable]]:
        """The blocks that fit in `room`, and the rest. The next block is split between its
        lines when `inside`, or when it is the first after the box's title."""
        inner = self._inner(width)
        used = 0.0
        for i, (block, height) in enumerate(zip(self.content, self._heights, strict=True)):
            gap = self._gap(i)
            if used + gap + height <= room:
                used += gap + height
                continue
            # Between blocks when at least one follows the title; inside one (between its
            # lines) only when nothing else would fit.
            whole_blocks = not inside and (i >= 2 or (i == 1 and not self.first_part))
            parts = (
                block.split(inner, room - used - gap) if room - used - gap > 0 and not whole_blocks else []
            )
            if len(parts) >= 2:
                return [*self.content[:i], parts[0]], [*parts[1:], *self.content[i + 1 :]]
            return self.content[:i], self.content[i:]
        return self.content, []

    # -- drawing ----------------------------------------------------------------------

    def draw(self) -> None:
        canv, s = self.canv, self.style
        canv.saveState()
        if s.fill:
            canv.setFillColor(s.fill)
        if s.stroke:
            canv.setStrokeColor(s.stroke)
            canv.setLineWidth(s.stroke_width)
        canv.rect(0, 0, self.width, self.height, stroke=int(bool(s.stroke)), fill=int(bool(s.fill)))
        canv.restoreState()
        y = self.height - s.padding
        for i, (block, height) in enumerate(zip(self.content, self._heights, strict=True)):
            y -= self._gap(i) + height
            block.drawOn(canv, s.padding, y)

"""Page-level checks read from a real PDF, as a print designer would look at the pages.

Each function takes the PDF bytes and the text frame of its pages (x, y, width, height in
ReportLab's bottom-up points, from `PortraitPage`) and returns what is wrong, so a test can
assert an empty list and print the offending pages when it is not.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

import pdfplumber

from lessonpress.layout.base import LayoutContext
from lessonpress.layout.page import PortraitPage


@dataclass(frozen=True)
class Line:
    """One line of text on a page: its top, bottom, largest size, text and whether it is bold."""

    top: float
    bottom: float
    size: float
    text: str
    bold: bool


def frame_of(context: LayoutContext, *, duplex: bool = False) -> tuple[float, float, float, float]:
    """The text frame of the portrait pages a context gives (odd pages)."""
    return PortraitPage.of(context, duplex=duplex).frame


def text_lines(page, frame: tuple[float, float, float, float]) -> list[Line]:  # noqa: ANN001
    """The lines of text inside the frame (header and footer left out), top to bottom."""
    _, y, _, h = frame
    top_limit, bottom_limit = page.height - (y + h) - 2, page.height - y + 2
    rows: dict[int, list[dict]] = {}
    for c in page.chars:
        if c["text"].strip() and top_limit <= c["top"] and c["bottom"] <= bottom_limit:
            rows.setdefault(round(c["bottom"]), []).append(c)
    merged: list[list[dict]] = []
    for key in sorted(rows):  # characters within 2 pt share a line
        if merged and key - round(merged[-1][0]["bottom"]) <= 2:
            merged[-1] += rows[key]
        else:
            merged.append(list(rows[key]))
    out = []
    for chars in merged:
        chars.sort(key=lambda c: c["x0"])
        size = max(c["size"] for c in chars)
        big = [c for c in chars if c["size"] >= size - 0.1]
        out.append(
            Line(
                min(c["top"] for c in chars),
                max(c["bottom"] for c in chars),
                size,
                "".join(c["text"] for c in chars),
                all("Bold" in c["fontname"] for c in big),
            )
        )
    return out


def last_page_fill(data: bytes, frame: tuple[float, float, float, float]) -> tuple[int, float]:
    """(pages, how much of the last page's frame is used, 0 to 1): see `page_fills`."""
    fills = page_fills(data, frame)
    return len(fills), fills[-1]


def page_fills(data: bytes, frame: tuple[float, float, float, float]) -> list[float]:
    """How much of each page's frame is used, 0 to 1, from the lowest thing drawn inside the
    frame: text, rules, boxes, pictures."""
    _, y, _, h = frame
    fills = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            top = page.height - (y + h)
            bottoms = [
                o["bottom"]
                for o in _objects(page)
                if top - 2 <= o["top"] and o["bottom"] <= page.height - y + 2
            ]
            fills.append((max(bottoms) - top) / h if bottoms else 0.0)
    return fills


def _objects(page) -> Iterable[dict]:  # noqa: ANN001
    yield from (c for c in page.chars if c["text"].strip())
    yield from page.rects
    yield from page.lines
    yield from page.images


def headings_at_foot(data: bytes, frame: tuple[float, float, float, float], heading_size: float) -> list[str]:
    """Pages whose last line of text is a heading (bold, at least `heading_size`): a heading
    stranded at the foot of a page, its first block on the next."""
    bad = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages[:-1], 1):
            lines = text_lines(page, frame)
            if lines and lines[-1].bold and lines[-1].size >= heading_size - 0.1:
                bad.append(f"page {number}: heading {lines[-1].text!r} ends the page")
    return bad


def small_text(
    data: bytes,
    minimum: float,
    *,
    footer_minimum: float,
    frame: tuple[float, float, float, float] | None = None,
) -> list[str]:
    """Characters smaller than `minimum` (below the frame, in the footer: `footer_minimum`)."""
    bad = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            limit = page.height - frame[1] if frame else page.height
            for c in page.chars:
                if not c["text"].strip():
                    continue
                floor = footer_minimum if c["top"] >= limit - 1 else minimum
                if c["size"] < floor - 0.05:
                    bad.append(f"page {number}: {c['text']!r} at {c['size']:.1f} pt")
    return bad


def qr_symbols(page) -> list[tuple[float, float, float, float, float]]:  # noqa: ANN001
    """(x0, top, x1, bottom, module) of each QR code on a page: clusters of its dark squares."""
    squares = [
        r
        for r in page.rects
        if r.get("fill")
        and r["height"] < 6
        and r["width"] < 60
        and abs(r["height"] - round(r["height"], 3)) < 1
    ]
    if not squares:
        return []
    cell = max(r["height"] for r in squares) * 3
    grid: dict[tuple[int, int], list[int]] = {}
    for i, r in enumerate(squares):
        grid.setdefault((int(r["x0"] // cell), int(r["top"] // cell)), []).append(i)
    parent = list(range(len(squares)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (gx, gy), members in grid.items():
        near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in grid.get((gx + dx, gy + dy), ())]
        for i in members:
            for j in near:
                a, b = squares[i], squares[j]
                gap = 1.6 * max(a["height"], b["height"])  # inside a code: under 1.6 modules
                if (
                    a["x0"] <= b["x1"] + gap
                    and b["x0"] <= a["x1"] + gap
                    and a["top"] <= b["bottom"] + gap
                    and b["top"] <= a["bottom"] + gap
                ):
                    parent[root(i)] = root(j)
    clusters: dict[int, list[dict]] = {}
    for i, r in enumerate(squares):
        clusters.setdefault(root(i), []).append(r)
    return [
        (
            min(r["x0"] for r in c),
            min(r["top"] for r in c),
            max(r["x1"] for r in c),
            max(r["bottom"] for r in c),
            min(r["height"] for r in c),
        )
        for c in clusters.values()
        if len(c) > 40
    ]


def small_qr_codes(data: bytes, minimum_mm: float = 20.0) -> list[str]:
    """QR codes whose modules span less than `minimum_mm`, or with text or rules in their
    quiet zone (4 modules around them)."""
    bad = []
    limit = minimum_mm * 72 / 25.4 - 0.5
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for x0, top, x1, bottom, module in qr_symbols(page):
                if min(x1 - x0, bottom - top) < limit:
                    bad.append(f"page {number}: a QR code {(x1 - x0) * 25.4 / 72:.1f} mm wide")
                quiet = module * 4 * 0.9
                crowd = [
                    c
                    for c in page.chars
                    if c["text"].strip()
                    and c["x1"] > x0 - quiet
                    and c["x0"] < x1 + quiet
                    and c["bottom"] > top - quiet
                    and c["top"] < bottom + quiet
                ]
                if crowd:
                    bad.append(
                        f"page {number}: text in a QR code's quiet zone: "
                        + "".join(c["text"] for c in crowd[:20])
                    )
    return bad

"""Mirror tables for right-to-left pages: ReportLab's Table has no right-to-left mode.

A table is described in reading order (first column = where a reader starts); on a
right-to-left page its rows, column widths and column-addressed style commands are reversed, so
the first column sits on the right (I18N.md §3.3).
"""

from __future__ import annotations

from collections.abc import Sequence

_SWAPPED = {
    "LEFTPADDING": "RIGHTPADDING",
    "RIGHTPADDING": "LEFTPADDING",
    "LINEBEFORE": "LINEAFTER",
    "LINEAFTER": "LINEBEFORE",
}
_ALIGN = {"LEFT": "RIGHT", "RIGHT": "LEFT"}


def mirror_rows(rows: Sequence[Sequence], rtl: bool) -> list[list]:
    """Each row's cells in drawing order (reversed when the page runs right to left)."""
    return [list(row)[::-1] if rtl else list(row) for row in rows]


def mirror_widths(widths: Sequence, rtl: bool) -> list:
    """Column widths in drawing order."""
    return list(widths)[::-1] if rtl else list(widths)


def mirror_commands(commands: Sequence[tuple], columns: int, rtl: bool) -> list[tuple]:
    """TableStyle commands with column numbers, sides and alignments mirrored."""
    if not rtl:
        return list(commands)
    out = []
    for name, (c0, r0), (c1, r1), *args in commands:
        a, b = _flip(c0, columns), _flip(c1, columns)
        if name in ("ALIGN", "ALIGNMENT") and args:
            args = [_ALIGN.get(str(args[0]).upper(), args[0]), *args[1:]]
        out.append((_SWAPPED.get(name, name), (min(a, b), r0), (max(a, b), r1), *args))
    return out


def _flip(column: int, columns: int) -> int:
    return columns - 1 - (column % columns)

"""Make font files ReportLab can use: check the outlines, and turn variable fonts into static ones.

ReportLab reads only TrueType (`glyf`) outlines, and from a variable font it embeds the default
instance alone, so a variable family's bold prints regular (I18N.md §4.2, §4.3). So each weight a
variable family needs is cut as a static instance with fontTools, given its own PostScript name
(name ID 6, else ReportLab silently aliases it to the regular face) and cached in the user's cache
folder under the source file's hash: made once per machine, never written into the project.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from functools import cache
from pathlib import Path

from .errors import LessonError

_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
_KINDS = {
    b"OTTO": "PostScript (CFF) outlines",
    b"ttcf": "a font collection (.ttc)",
    b"wOFF": "a WOFF web font",
    b"wOF2": "a WOFF2 web font",
}
RECIPE = "1"  # bump when instances are made differently, so old cached files are not used


def check_truetype(path: Path) -> None:
    """Raise a LessonError unless `path` is a TrueType font with `glyf` outlines."""
    try:
        with path.open("rb") as f:
            head = f.read(12)
            count = int.from_bytes(head[4:6], "big")
            tags = {f.read(16)[:4] for _ in range(min(count, 64))}
    except OSError as exc:
        raise LessonError(
            f"cannot read font file {path.name}: {exc.strerror or exc}", code="font.invalid"
        ) from None
    kind = head[:4]
    if kind in _TRUETYPE and b"glyf" in tags:
        return
    what = _KINDS.get(kind, "not a TrueType font" if kind not in _TRUETYPE else "no glyf table")
    raise LessonError(
        f"cannot use font {path.name}: it has {what}",
        code="font.invalid",
        hint="lessonpress prints with TrueType fonts only (.ttf with glyf outlines); "
        "use the .ttf release of the font",
    )


def cache_dir() -> Path:
    """Where lessonpress keeps files it can remake: $LESSONPRESS_CACHE_DIR, else the platform's
    per-user cache folder."""
    if os.environ.get("LESSONPRESS_CACHE_DIR"):
        return Path(os.environ["LESSONPRESS_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "lessonpress"


@cache
def static_instance(source: Path, weight: int, postscript_name: str, family_label: str) -> Path:
    """A static TrueType file of a variable font at `weight` (other axes at their defaults)."""
    check_truetype(source)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:20]
    target = cache_dir() / "fonts" / f"{digest}-{RECIPE}" / f"{postscript_name}.ttf"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_instance(source, weight, postscript_name, family_label, target)
    return target


def _write_instance(source: Path, weight: int, postscript_name: str, family_label: str, target: Path) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(source)
    axes = {a.axisTag: a.defaultValue for a in font["fvar"].axes}
    axes["wght"] = max(min(weight, _axis(font, "wght")[1]), _axis(font, "wght")[0])
    static = instancer.instantiateVariableFont(font, axes, updateFontNames=False)
    bold = weight >= 600
    style = "Bold" if bold else "Regular"
    names = {
        1: family_label,
        2: style,
        3: f"{postscript_name};lessonpress-instance",
        4: f"{family_label} {style}",
        6: postscript_name,
    }
    name_table = static["name"]
    for record in list(name_table.names):
        if record.nameID in (16, 17, 25):  # typographic and variations names: now wrong
            name_table.removeNames(nameID=record.nameID)
    for name_id, text in names.items():
        name_table.setName(text, name_id, 3, 1, 0x409)
        name_table.setName(text, name_id, 1, 0, 0)
    os2 = static["OS/2"]
    os2.usWeightClass = weight
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if bold else 0b1000000)
    static["head"].macStyle = (static["head"].macStyle & ~1) | int(bold)
    # Several build workers may make the same file at once: write aside, then rename.
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    try:
        static.save(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _axis(font, tag: str) -> tuple[float, float]:  # noqa: ANN001 - a fontTools TTFont
    for axis in font["fvar"].axes:
        if axis.axisTag == tag:
            return axis.minValue, axis.maxValue
    raise LessonError(f"the variable font has no '{tag}' axis", code="font.invalid")


@cache
def plain_zero(source: Path, postscript_name: str, family_label: str) -> Path:
    """A copy of a TrueType font whose slashed zero (a slash that splits the counter in two,
    as in Atkinson Hyperlegible) is drawn plain: the slash's counter pieces become one oval
    counter, the outline scaled in. Renamed (`postscript_name`, `family_label`): a modified
    font must not carry its original name (SIL OFL). Cached like the static instances."""
    check_truetype(source)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:20]
    target = cache_dir() / "fonts" / f"{digest}-{RECIPE}-plain-zero" / f"{postscript_name}.ttf"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_plain_zero(source, postscript_name, family_label, target)
    return target


def _write_plain_zero(source: Path, postscript_name: str, family_label: str, target: Path) -> None:
    import math
    from array import array

    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates
    from fontTools.ttLib.tables.ttProgram import Program

    font = TTFont(source, recalcTimestamp=False)  # same file on every machine
    glyf = font["glyf"]
    zero = glyf["zero"]
    coords, ends, flags = zero.getCoordinates(glyf)
    if zero.numberOfContours < 3:  # already plain (an outline and its counter)
        _save(font, target)
        return
    slant = math.tan(math.radians(-font["post"].italicAngle))
    starts = [0, *(e + 1 for e in ends[:-1])]
    outer = [coords[i] for i in range(starts[0], ends[0] + 1)]
    counter = [coords[i] for i in range(starts[1], ends[-1] + 1)]
    middle = (min(y for _, y in outer) + max(y for _, y in outer)) / 2

    def upright(points: list) -> list[tuple[float, float]]:
        return [(x - (y - middle) * slant, y) for x, y in points]

    def box(points: list) -> tuple[float, float, float, float]:
        xs, ys = [x for x, _ in points], [y for _, y in points]
        return min(xs), min(ys), max(xs), max(ys)

    ox0, oy0, ox1, oy1 = box(upright(outer))
    cx0, cy0, cx1, cy1 = box(upright(counter))
    sx, sy = (cx1 - cx0) / (ox1 - ox0), (cy1 - cy0) / (oy1 - oy0)
    inner = [
        (cx0 + (x - ox0) * sx, cy0 + (y - oy0) * sy)
        for x, y in reversed(upright(outer))  # the other way round: a hole
    ]
    inner = [(x + (y - middle) * slant, y) for x, y in inner]
    outer_flags = [flags[i] & 1 for i in range(starts[0], ends[0] + 1)]
    zero.coordinates = GlyphCoordinates([*outer, *((round(x), round(y)) for x, y in inner)])
    zero.flags = array("B", [*outer_flags, *reversed(outer_flags)])
    zero.endPtsOfContours = [len(outer) - 1, 2 * len(outer) - 1]
    zero.numberOfContours = 2
    zero.program = Program()
    zero.program.fromBytecode(b"")
    zero.recalcBounds(glyf)
    style = font["name"].getDebugName(2) or "Regular"
    names = {1: family_label, 3: f"{postscript_name};lessonpress-plain-zero", 4: f"{family_label} {style}"}
    names[6] = postscript_name
    name_table = font["name"]
    for record in list(name_table.names):
        if record.nameID in (16, 17, 18, 21, 22):
            name_table.removeNames(nameID=record.nameID)
    for name_id, text in names.items():
        name_table.setName(text, name_id, 3, 1, 0x409)
        name_table.setName(text, name_id, 1, 0, 0)
    _save(font, target)


def _save(font, target: Path) -> None:  # noqa: ANN001 - a fontTools TTFont
    """Write a font aside, then rename: several build workers may make the same file at once."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    try:
        font.save(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)

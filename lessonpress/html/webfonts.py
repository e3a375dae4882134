"""Turn the theme's font families into WOFF2 subsets for a page: the same faces as the PDFs.

The faces come from the same font packages (`fonts.py`), chosen per language the same way:
the script's families in order, the theme's own first for Latin text, the first that has every
character wins. Each face is cut down to the characters the page uses plus a common base (so
most pages of one language share one subset), written as WOFF2 with fontTools and cached by
content hash in the user's cache folder: made once per machine, never in the project.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..font_files import cache_dir
from ..fonts import family
from ..scripts import script_for
from ..theme import Theme

RECIPE = "1"  # bump when subsets are made differently
# Printable ASCII, Latin-1 and the usual punctuation: most Latin pages need nothing more.
BASE = "".join(
    chr(c)
    for c in [
        *range(0x20, 0x7F),
        *range(0xA0, 0x100),
        *range(0x2010, 0x2027),
        0x2030,
        0x2039,
        0x203A,
        0x20AC,
        0x2122,
        0x2192,
        0x2022,
    ]
)


@dataclass(frozen=True)
class Face:
    """One font file as the page uses it: CSS family, weight, style and the file."""

    css_family: str
    weight: int
    italic: bool
    path: Path


@cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(path, lazy=True).getBestCmap())


def covers(family_name: str, chars: str) -> bool:
    """True when the family's regular face has every (visible) character."""
    have = _cmap(family(family_name).regular)
    return all(ord(c) in have for c in chars if not c.isspace() and c not in "\u00ad\u200b\u200c\u200d")


def theme_for(language: str, chars: str, theme: Theme) -> Theme:
    """The theme with body and heading families that can show `chars` in `language`."""
    script = script_for(language)
    candidates = script.families
    if script.name == "Latin":
        candidates = (theme.body_font, *[f for f in candidates if f != theme.body_font])
    chosen = next((f for f in candidates if covers(f, chars)), candidates[0])
    if chosen == theme.body_font:
        return theme
    heading = (
        theme.heading_font if script.name == "Latin" and theme.heading_font != theme.body_font else chosen
    )
    return dataclasses.replace(theme, body_font=chosen, heading_font=heading)


def css_family(name: str) -> str:
    """The page's own name for a family (never confused with an installed font)."""
    return f"lp-{name}"


def faces(theme: Theme, *, italic: bool, mono: bool) -> list[Face]:
    """The faces a page needs: body regular and bold, heading bold, italics and code if used."""
    wanted: list[tuple[str, bool, bool]] = [
        (theme.body_font, False, False),
        (theme.body_font, True, False),
        (theme.heading_font, True, False),
    ]
    if italic and theme.italics:
        wanted += [(theme.body_font, False, True), (theme.body_font, True, True)]
    if mono:
        wanted.append((theme.mono_font, False, False))
    out: dict[tuple[str, int, bool], Face] = {}
    for name, bold, slanted in wanted:
        fam = family(name)
        path = {(0, 0): fam.regular, (1, 0): fam.bold, (0, 1): fam.italic, (1, 1): fam.bold_italic}[
            (int(bold), int(slanted))
        ]
        if slanted and path in (fam.regular, fam.bold):
            continue  # no italic face: the browser slants the upright one
        out.setdefault(
            (name, 700 if bold else 400, slanted), Face(css_family(name), 700 if bold else 400, slanted, path)
        )
    return list(out.values())


def font_face_css(page_faces: Iterable[Face], chars: str) -> str:
    """`@font-face` rules with each face's WOFF2 subset inline as a data: URL."""
    rules = []
    for face in page_faces:
        data = base64.b64encode(woff2_subset(face.path, _charset(chars))).decode("ascii")
        rules.append(
            f"@font-face{{font-family:{face.css_family};font-weight:{face.weight};"
            f"font-style:{'italic' if face.italic else 'normal'};font-display:swap;"
            f"src:url(data:font/woff2;base64,{data}) format('woff2')}}"
        )
    return "".join(rules)


def _charset(chars: str) -> str:
    return "".join(sorted(set(BASE) | set(chars)))


@cache
def woff2_subset(path: Path, chars: str) -> bytes:
    """The face cut down to `chars` (with every glyph its shaping may need), as WOFF2."""
    source = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
    key = hashlib.sha256(chars.encode("utf-8")).hexdigest()[:20]
    target = cache_dir() / "woff2" / f"{source}-{RECIPE}" / f"{path.stem}-{key}.woff2"
    try:
        return target.read_bytes()
    except OSError:
        pass
    data = _make_subset(path, chars)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError:
        pass  # no cache folder: make it again next time
    return data


def _make_subset(path: Path, chars: str) -> bytes:
    import io
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # joining, conjuncts and marks for shaped scripts
    options.name_IDs = ["*"]  # keep the copyright and licence names (OFL)
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["meta"]
    # fontTools logs font quirks (an old OS/2 version) as warnings; the engine never prints.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    font = TTFont(path, recalcTimestamp=False)  # same input, same bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    font.flavor = "woff2"
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()

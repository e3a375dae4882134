"""Find the font files lessonpress prints with: installed font packages, never system fonts.

A font family is four TrueType files (regular, bold, italic, bold italic) from a `fontpkg-*`
package (or `assets/fonts/`), each shipped with its OFL licence. Looking the package up with
`importlib.util.find_spec` costs microseconds; importing `fontpkg` itself costs ~0.1 s, which a
one-lesson build cannot afford. ReportLab registration lives in `layout/fonts.py`.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import LessonError


@dataclass(frozen=True)
class FontFamily:
    """Four faces of one typeface, by file; `name` is what styles refer to."""

    name: str
    label: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def styles(self) -> dict[tuple[int, int], tuple[str, Path]]:
        """(bold, italic) -> (face name, file). A family without italics reuses its upright
        faces, under the upright face's name, so each file is registered and embedded once."""
        names: dict[Path, str] = {}
        out = {}
        for (bold, italic), suffix, path in (((0, 0), "", self.regular), ((1, 0), "-Bold", self.bold),
                                             ((0, 1), "-Italic", self.italic),
                                             ((1, 1), "-BoldItalic", self.bold_italic)):
            names.setdefault(path, f"{self.name}{suffix}")
            out[(bold, italic)] = (names[path], path)
        return out


# Family name -> (package, label, file name pattern with {style}, style names for regular,
# bold, italic, bold italic; None where the family has no such face and reuses the upright one).
_PACKAGED = {
    "Atkinson": ("fontpkg_atkinson_hyperlegible", "Atkinson Hyperlegible",
                 "AtkinsonHyperlegible-{}.ttf", ("Regular", "Bold", "Italic", "BoldItalic")),
    "PlexMono": ("fontpkg_ibm_plex_mono", "IBM Plex Mono",
                 "IBMPlexMono-{}.ttf", ("Regular", "Bold", "Italic", "BoldItalic")),
    # Latin (with Vietnamese), Cyrillic and Greek.
    "Fira": ("fontpkg_fira_sans", "Fira Sans", "FiraSans-{}.ttf",
             ("Regular", "Bold", "Italic", "BoldItalic")),
    # Arabic, Persian, Urdu: every shaped glyph has a cmap entry, so text copies out (I18N §6).
    "Almarai": ("fontpkg_almarai", "Almarai", "Almarai-{}.ttf", ("Regular", "Bold", None, None)),
    # Devanagari (Hindi, Marathi, Nepali), static regular and bold.
    "Hind": ("fontpkg_hind", "Hind", "Hind-{}.ttf", ("Regular", "Bold", None, None)),
    # Thai, with true italics.
    "Sarabun": ("fontpkg_sarabun", "Sarabun", "Sarabun-{}.ttf",
                ("Regular", "Bold", "Italic", "BoldItalic")),
}


def known_families() -> tuple[str, ...]:
    """Names of the families lessonpress knows how to find."""
    return tuple(_PACKAGED)


@cache
def family(name: str) -> FontFamily:
    """The installed files of a font family; LessonError when its package is missing."""
    try:
        package, label, pattern, styles = _PACKAGED[name]
    except KeyError:
        raise LessonError(f"unknown font family '{name}'", code="font.unknown",
                          hint="known families: " + ", ".join(_PACKAGED)) from None
    folder = _package_files(package)
    regular, bold, italic, bold_italic = (folder / pattern.format(s) if s else None for s in styles)
    paths = [regular, bold, italic or regular, bold_italic or bold]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise LessonError(f"font file {missing[0].name} is missing from {package}",
                          code="font.missing", hint=f"reinstall: pip install {_dist(package)}")
    return FontFamily(name, label, *paths)


def _package_files(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LessonError(f"font package {_dist(package)} is not installed", code="font.missing",
                          hint=f"pip install {_dist(package)}")
    return Path(next(iter(spec.submodule_search_locations))) / "files"


def _dist(package: str) -> str:
    return package.replace("_", "-")

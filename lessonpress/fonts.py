"""Find the font files lessonpress prints with: installed font packages, never system fonts.

A font family is four TrueType files (regular, bold, italic, bold italic) from a `fontpkg-*`
package (or `assets/fonts/`), each shipped with its OFL licence. Looking the package up with
`importlib.util.find_spec` costs microseconds; importing `fontpkg` itself costs ~0.1 s, which a
one-lesson build cannot afford. A package that ships only a variable font gets static regular
and bold instances, made once and cached (`font_files.py`). ReportLab registration lives in
`layout/fonts.py`.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import LessonError
from .font_files import check_truetype, static_instance


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
        for (bold, italic), suffix, path in (
            ((0, 0), "", self.regular),
            ((1, 0), "-Bold", self.bold),
            ((0, 1), "-Italic", self.italic),
            ((1, 1), "-BoldItalic", self.bold_italic),
        ):
            names.setdefault(path, f"{self.name}{suffix}")
            out[(bold, italic)] = (names[path], path)
        return out


# Family name -> (package, label, file name pattern with {style}, style names for regular,
# bold, italic, bold italic; None where the family has no such face and reuses the upright one).
_PACKAGED = {
    "Atkinson": (
        "fontpkg_atkinson_hyperlegible",
        "Atkinson Hyperlegible",
        "AtkinsonHyperlegible-{}.ttf",
        ("Regular", "Bold", "Italic", "BoldItalic"),
    ),
    "PlexMono": (
        "fontpkg_ibm_plex_mono",
        "IBM Plex Mono",
        "IBMPlexMono-{}.ttf",
        ("Regular", "Bold", "Italic", "BoldItalic"),
    ),
    # Latin (with Vietnamese), Cyrillic and Greek.
    "Fira": (
        "fontpkg_fira_sans",
        "Fira Sans",
        "FiraSans-{}.ttf",
        ("Regular", "Bold", "Italic", "BoldItalic"),
    ),
    # Arabic, Persian, Urdu: every shaped glyph has a cmap entry, so text copies out (I18N §6).
    "Almarai": ("fontpkg_almarai", "Almarai", "Almarai-{}.ttf", ("Regular", "Bold", None, None)),
    # Devanagari (Hindi, Marathi, Nepali), static regular and bold.
    "Hind": ("fontpkg_hind", "Hind", "Hind-{}.ttf", ("Regular", "Bold", None, None)),
    # Thai, with true italics.
    "Sarabun": ("fontpkg_sarabun", "Sarabun", "Sarabun-{}.ttf", ("Regular", "Bold", "Italic", "BoldItalic")),
}

# Families packaged as one variable font: family name -> (package, label, file, PostScript
# family name). Regular (400) and bold (700) are cut as static instances; italics reuse them.
_VARIABLE = {
    # Khmer (needs word segmentation, I18N §2.4).
    "NotoKhmer": (
        "fontpkg_noto_sans_khmer",
        "Noto Sans Khmer",
        "NotoSansKhmer[wdth,wght].ttf",
        "NotoSansKhmer",
    ),
    # Hebrew, right to left.
    "Heebo": ("fontpkg_heebo", "Heebo", "Heebo[wght].ttf", "Heebo"),
    # Latin (with Vietnamese) made for readers with dyslexia (`--dyslexia-friendly`). Its licence
    # reserves the name "RevReading Lexend"; the instances are named Lexend-Regular/-Bold.
    "Lexend": ("fontpkg_lexend", "Lexend", "Lexend[wght].ttf", "Lexend"),
}


def known_families() -> tuple[str, ...]:
    """Names of the families lessonpress knows how to find."""
    return (*_PACKAGED, *_VARIABLE)


@cache
def family(name: str) -> FontFamily:
    """The installed files of a font family; LessonError when its package is missing or a file
    is not a usable TrueType font."""
    if name in _VARIABLE:
        return _variable_family(name)
    try:
        package, label, pattern, styles = _PACKAGED[name]
    except KeyError:
        raise LessonError(
            f"unknown font family '{name}'",
            code="font.unknown",
            hint="known families: " + ", ".join(known_families()),
        ) from None
    folder = _package_files(package)
    regular, bold, italic, bold_italic = (folder / pattern.format(s) if s else None for s in styles)
    assert regular is not None and bold is not None  # every family has both (see _PACKAGED)
    paths = [regular, bold, italic or regular, bold_italic or bold]
    for path in dict.fromkeys(paths):
        _check_file(path, package)
    return FontFamily(name, label, *paths)


def _variable_family(name: str) -> FontFamily:
    package, label, file, postscript = _VARIABLE[name]
    source = _package_files(package) / file
    _check_file(source, package)
    regular = static_instance(source, 400, f"{postscript}-Regular", label)
    bold = static_instance(source, 700, f"{postscript}-Bold", label)
    return FontFamily(name, label, regular, bold, regular, bold)


def _check_file(path: Path, package: str) -> None:
    if not path.is_file():
        raise LessonError(
            f"font file {path.name} is missing from {package}",
            code="font.missing",
            hint=f"reinstall: pip install {_dist(package)}",
        )
    check_truetype(path)


def _package_files(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LessonError(
            f"font package {_dist(package)} is not installed",
            code="font.missing",
            hint=f"pip install {_dist(package)}",
        )
    return Path(next(iter(spec.submodule_search_locations))) / "files"


def _dist(package: str) -> str:
    return package.replace("_", "-")

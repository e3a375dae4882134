"""Font files: variable families get real, cached static bold; non-TrueType fonts are refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from lessonpress.errors import LessonError
from lessonpress.font_files import cache_dir, check_truetype, static_instance
from lessonpress.fonts import _package_files, family

from .conftest import FIXTURES, ROOT, load, make_pdf

HEEBO = _package_files("fontpkg_heebo") / "Heebo[wght].ttf"


def test_bold_instance_is_static_with_its_own_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LESSONPRESS_CACHE_DIR", str(tmp_path))
    path = static_instance.__wrapped__(HEEBO, 700, "Heebo-Bold", "Heebo")
    assert path.is_relative_to(tmp_path) and path.name == "Heebo-Bold.ttf"
    font = TTFont(path)
    assert "fvar" not in font and "gvar" not in font and "glyf" in font
    names = {r.nameID: str(r) for r in font["name"].names if r.platformID == 3}
    assert names[6] == "Heebo-Bold" and names[4] == "Heebo Bold" and names[2] == "Bold"
    assert font["OS/2"].usWeightClass == 700
    regular = TTFont(HEEBO)
    glyph = font.getBestCmap()[ord("ש")]
    assert font["hmtx"][glyph][0] > regular["hmtx"][glyph][0]  # bold strokes are wider


def test_instances_are_made_once_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LESSONPRESS_CACHE_DIR", str(tmp_path))
    first = static_instance.__wrapped__(HEEBO, 700, "Heebo-Bold", "Heebo")
    stamp = first.stat().st_mtime_ns
    again = static_instance.__wrapped__(HEEBO, 700, "Heebo-Bold", "Heebo")
    assert again == first and again.stat().st_mtime_ns == stamp
    assert len(list(tmp_path.rglob("*.ttf"))) == 1


def test_cache_lives_outside_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LESSONPRESS_CACHE_DIR", raising=False)
    assert not cache_dir().is_relative_to(ROOT)
    assert not family("Heebo").bold.is_relative_to(ROOT)


def test_hebrew_handout_embeds_a_distinct_bold_face() -> None:
    lesson = load(FIXTURES / "i18n" / "scripts" / "hebrew.yaml")
    from lessonpress.labels import labels_for
    from lessonpress.layout.base import LayoutContext
    from lessonpress.layout.fonts import fonts_for
    from lessonpress.layout.handout import Handout
    from lessonpress.render import render
    from lessonpress.theme import DEFAULT_THEME

    context = LayoutContext("a4", fonts_for([lesson], DEFAULT_THEME), labels_for("he"))
    reader = PdfReader(io.BytesIO(render(Handout().layout(lesson, context))))
    fonts = {str(f["/BaseFont"]).split("+")[-1] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert {"Heebo-Regular", "Heebo-Bold"} <= fonts


def test_a_postscript_font_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    otf = tmp_path / "Some.otf"
    otf.write_bytes(b"OTTO" + bytes(60))
    with pytest.raises(LessonError, match=r"Some.otf: it has PostScript \(CFF\) outlines"):
        check_truetype(otf)
    collection = tmp_path / "Some.ttc"
    collection.write_bytes(b"ttcf" + bytes(60))
    with pytest.raises(LessonError, match="a font collection"):
        check_truetype(collection)


def test_packaged_fonts_are_truetype() -> None:
    for name in ("Atkinson", "Fira", "Almarai", "Hind", "Sarabun", "Heebo", "NotoKhmer"):
        fam = family(name)
        for path in (fam.regular, fam.bold):
            check_truetype(path)


def test_latin_handout_is_unchanged_by_complex_script_support() -> None:
    """English stays unshaped: text copies out exactly."""
    data = make_pdf(load(FIXTURES / "good" / "minimal.yaml"))
    assert "\ue000" not in PdfReader(io.BytesIO(data)).pages[0].extract_text()

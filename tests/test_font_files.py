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


def ink_at_the_middle_of_zero(path: Path) -> int:
    """How dark the centre of a large "0" drawn with the font is (0 white, 255 black)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(path), 200)
    left, top, right, bottom = font.getbbox("0")
    image = Image.new("L", (right + 10, bottom + 10), 0)
    ImageDraw.Draw(image).text((0, 0), "0", font=font, fill=255)
    return image.getpixel(((left + right) // 2, (top + bottom) // 2))


@pytest.mark.parametrize("face", ["regular", "bold", "italic", "bold_italic"])
def test_the_default_family_prints_a_plain_zero_the_slashed_one_stays_a_choice(face: str) -> None:
    """Issue 11: Atkinson Hyperlegible's slashed zero reads as "Ø" in "2024" and "0:00"."""
    plain, slashed = getattr(family("Atkinson"), face), getattr(family("AtkinsonSlashed"), face)
    assert ink_at_the_middle_of_zero(slashed) > 200  # the slash crosses the middle
    assert ink_at_the_middle_of_zero(plain) == 0  # an open counter
    assert TTFont(plain)["glyf"]["zero"].numberOfContours == 2
    assert TTFont(plain)["name"].getDebugName(1) != "Atkinson Hyperlegible"  # renamed (OFL)


def test_the_plain_zero_file_is_made_the_same_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lessonpress.font_files import plain_zero

    source = family("AtkinsonSlashed").regular
    made = []
    for run in ("a", "b"):
        monkeypatch.setenv("LESSONPRESS_CACHE_DIR", str(tmp_path / run))
        made.append(plain_zero.__wrapped__(source, "Z-Regular", "Z").read_bytes())
    assert made[0] == made[1]


def test_handouts_embed_the_plain_zero_face() -> None:
    data = make_pdf(load(FIXTURES / "good" / "minimal.yaml"))
    assert b"LessonpressAtkinsonPlainZero-Regular" in data and b"/AtkinsonHyperlegible-Regular" not in data

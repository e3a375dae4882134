"""Themes from YAML (with extends), presets, and logos that are untrusted input."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from lessonpress.themes import apply_presets, available_themes, load_theme, preset_suffix

from .conftest import ROOT


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "assets" / "themes").mkdir(parents=True)
    shutil.copy(ROOT / "assets" / "logo-placeholder.png", tmp_path / "assets")
    return tmp_path


def theme_file(root: Path, name: str, text: str) -> None:
    (root / "assets" / "themes" / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_shipped_ngo_theme_changes_only_what_it_names() -> None:
    theme, problems = load_theme("ngo", ROOT)
    assert not problems and theme is not None
    assert theme.accent_color == "#6b2d5c" and theme.heading_font == "Fira"
    assert theme.body_font == "Atkinson" and theme.body_size == 11.5  # from default
    assert theme.logo and theme.logo.startswith(b"\x89PNG")
    assert available_themes(ROOT) == ["default", "ngo"]


def test_extends_chains_and_cycles(root: Path) -> None:
    theme_file(root, "a", "colors: {accent: '#112233'}\n")
    theme_file(root, "b", "extends: a\nsizes: {body: 12}\n")
    theme, _ = load_theme("b", root)
    assert theme.accent_color == "#112233" and theme.body_size == 12
    theme_file(root, "c", "extends: d\n")
    theme_file(root, "d", "extends: c\n")
    theme, problems = load_theme("c", root)
    assert theme is None and problems[0].code == "theme.cycle"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("colours: {accent: '#112233'}\n", "1:1: error: unknown key 'colours' (did you mean 'colors'?)"),
        ("colors: {accent: red}\n", "1:18: error: 'red' is not a colour"),
        ("sizes:\n  body: 9\n", "2:9: error: 'sizes.body' must be at least 11 pt, not 9"),
        ("fonts: {body: Comic}\n", "1:15: error: unknown font family 'Comic'"),
        ("margins: {page: 5}\n", "1:17: error: 'margins.page' must be at least 12 mm, not 5"),
        # issue 13: values the old check let through and that crashed the layout
        ("margins: {page: 300}\n", "1:17: error: 'margins.page' must be at most 25 mm, not 300"),
        ("sizes: {body: 999}\n", "1:15: error: 'sizes.body' must be at most 20 pt, not 999"),
        (
            "spacing: {line: 0.001}\n",
            "1:17: error: 'spacing.line' must be at least 1 times the type size, not 0.001",
        ),
        (
            "spacing: {write_in_lines: 2.5}\n",
            "1:27: error: 'spacing.write_in_lines' must be a whole number of lines, not 2.5",
        ),
        ("margins: {slide: 300}\n", "1:18: error: 'margins.slide' must be at most 25 mm, not 300"),
        (
            "colors: {text: none}\n",
            "1:16: error: 'colors.text' cannot be none: only the box fill may be left out",
        ),
    ],
)
def test_bad_theme_values_are_located_errors(root: Path, text: str, expected: str) -> None:
    theme_file(root, "bad", text)
    theme, problems = load_theme("bad", root)
    assert theme is None
    lines = [p.format().splitlines()[0] for p in problems]
    assert any(line.startswith(f"assets/themes/bad.yaml:{expected} [") for line in lines), lines


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("../../secret.png", "leads outside the project folder"),
        ("/etc/passwd", "must be a relative path inside the project"),
        ("https://169.254.169.254/x.png", "must be a relative path inside the project"),
        ("C:\\\\Users\\\\x.png", "must be a relative path"),
        ("assets/missing.png", "does not exist"),
        ("assets/fake.png", "not a PNG or JPEG image"),
        ("assets/link.png", "leads outside the project folder"),
        ("assets/pipe.png", "is not a regular file"),
        ("assets/huge.png", "too many pixels"),
        ("assets/cut.png", "not a PNG or JPEG image"),
    ],
)
def test_logo_attacks_are_refused(root: Path, tmp_path_factory, logo: str, message: str) -> None:  # noqa: ANN001
    outside = tmp_path_factory.mktemp("outside") / "photo.png"
    Image.new("RGB", (10, 10)).save(outside)
    (root / "assets" / "fake.png").write_text("<html>not an image</html>")
    (root / "assets" / "link.png").symlink_to(outside)
    os.mkfifo(root / "assets" / "pipe.png")
    Image.new("1", (10_000, 10_000)).save(root / "assets" / "huge.png")  # 100 MP, ~12 KB
    good = (ROOT / "assets" / "logo-placeholder.png").read_bytes()
    (root / "assets" / "cut.png").write_bytes(good[: len(good) // 2])
    theme_file(root, "t", f"logo: '{logo}'\n")
    theme, problems = load_theme("t", root)
    assert theme is None
    (problem,) = problems
    assert message in problem.message and problem.format().startswith("assets/themes/t.yaml:1:7")


def test_phone_jpeg_exif_is_dropped(root: Path) -> None:
    image = Image.new("RGB", (40, 20), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make; a GPS block would be stripped the same way
    image.save(root / "assets" / "photo.jpg", exif=exif)
    theme_file(root, "t", "logo: assets/photo.jpg\n")
    theme, _ = load_theme("t", root)
    assert theme.logo.startswith(b"\x89PNG") and b"PhoneMaker" not in theme.logo
    assert b"PhoneMaker" in (root / "assets" / "photo.jpg").read_bytes()


def test_presets_apply_in_a_fixed_order_and_name_the_file() -> None:
    theme, _ = load_theme("default")
    big = apply_presets(theme, ("ink-saver", "large-print"))
    assert big.body_size >= 18 and big.box_fill == "none" and big.presets == ("large-print", "ink-saver")
    assert preset_suffix(big.presets) == "large-print.ink-saver"
    contrast = apply_presets(theme, ("high-contrast",))
    assert {contrast.text_color, contrast.accent_color, contrast.link_color} == {"#000000"}
    grey = apply_presets(theme, ("ink-saver",)).accent_color
    assert grey[1:3] == grey[3:5] == grey[5:7]

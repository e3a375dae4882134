"""Every print preset on every format: sizes measured from the PDF, nothing outside the live
area, no fills in ink-saver, only black and white in high contrast."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from lessonpress.formats import get_format
from lessonpress.labels import ENGLISH
from lessonpress.layout.base import LayoutContext
from lessonpress.model import Lesson
from lessonpress.render import render
from lessonpress.theme import MM
from lessonpress.themes import PRESETS, apply_presets, load_theme

from ..conftest import LESSONS, ROOT, holdout_text, load

FORMATS = ("handout", "slides", "notes", "slides-handout", "guide")
LONG = load(LESSONS / "teens-3-sextortion.yaml")


def pdf(lesson: Lesson, fmt: str, *presets: str, theme: str = "default", paper: str = "a4") -> bytes:
    base, problems = load_theme(theme, ROOT)
    assert base is not None, problems
    context = LayoutContext(paper, apply_presets(base, presets), ENGLISH)
    return render(get_format(fmt).layout(lesson, context))


def chars(data: bytes) -> list[tuple[dict, float, float]]:
    """Every visible character with its page's width and height."""
    with pdfplumber.open(io.BytesIO(data)) as doc:
        return [(c, p.width, p.height) for p in doc.pages for c in p.chars if c["text"].strip()]


def colour(value) -> tuple[float, ...]:  # noqa: ANN001
    """A pdfplumber colour as an RGB tuple (grey and CMYK converted)."""
    value = tuple(value) if isinstance(value, (list, tuple)) else (value,)
    if len(value) == 1:
        return value * 3
    if len(value) == 4:
        c, m, y, k = value
        return tuple(1 - min(1, v + k) for v in (c, m, y))
    return value


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("preset", PRESETS)
def test_every_preset_keeps_every_character_inside_the_live_area(fmt: str, preset: str) -> None:
    for c, width, height in chars(pdf(LONG, fmt, preset)):
        assert c["x0"] >= 12 * MM - 0.5 and c["x1"] <= width - 12 * MM + 0.5, c["text"]
        assert c["top"] >= 12 * MM - 0.5 and c["bottom"] <= height - 12 * MM + 0.5, c["text"]


def test_large_print_body_text_is_at_least_18_points_and_reflows() -> None:
    normal, large = pdf(LONG, "handout"), pdf(LONG, "handout", "large-print")
    sizes = [round(c["size"]) for c, _, _ in chars(large)]
    body = max(set(sizes), key=sizes.count)
    assert body >= 18
    with pdfplumber.open(io.BytesIO(normal)) as a, pdfplumber.open(io.BytesIO(large)) as b:
        assert len(b.pages) > len(a.pages)


def test_large_print_reflows_the_holdout_lesson_without_clipping(tmp_path: Path) -> None:
    path = tmp_path / "holdout.yaml"
    path.write_text(holdout_text(), encoding="utf-8")
    for c, width, height in chars(pdf(load(path), "handout", "large-print")):
        assert c["x1"] <= width - 12 * MM + 0.5 and c["bottom"] <= height - 12 * MM + 0.5


@pytest.mark.parametrize("fmt", FORMATS)
def test_high_contrast_text_is_black(fmt: str) -> None:
    for c, _, _ in chars(pdf(LONG, fmt, "high-contrast", theme="ngo")):
        assert colour(c["non_stroking_color"]) == (0, 0, 0), (c["text"], c["non_stroking_color"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_ink_saver_has_no_coloured_or_filled_areas(fmt: str) -> None:
    data = pdf(LONG, fmt, "ink-saver", theme="ngo")
    with pdfplumber.open(io.BytesIO(data)) as doc:
        for page in doc.pages:
            for shape in page.rects + page.curves:
                if shape.get("fill") and shape["width"] > 15 and shape["height"] > 15:
                    fill = colour(shape.get("non_stroking_color") or (0,))
                    assert fill == (1, 1, 1), f"filled area {fill} on page {page.page_number}"
            for c in page.chars:
                r, g, b = colour(c["non_stroking_color"])
                assert abs(r - g) < 0.01 and abs(g - b) < 0.01, (c["text"], c["non_stroking_color"])


def test_dyslexia_friendly_uses_lexend_without_italics() -> None:
    data = pdf(LONG, "handout", "dyslexia-friendly")
    fonts = {c["fontname"].split("+")[-1] for c, _, _ in chars(data)}
    assert any(name.startswith("Lexend") for name in fonts)
    assert not any("Italic" in name for name in fonts)


def test_theme_logo_and_organisation_print_in_the_header() -> None:
    data = pdf(LONG, "handout", theme="ngo")
    with pdfplumber.open(io.BytesIO(data)) as doc:
        first = doc.pages[0]
        assert first.images, "no logo drawn"
        assert first.images[0]["top"] < 20 * MM + 12 * MM
        assert "Your Organisation" in (first.extract_text() or "")

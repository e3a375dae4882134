"""The page's look: readable colours in every theme and preset, fonts that have every letter."""

from __future__ import annotations

import base64
import io
import re
import unicodedata
from html import unescape

import pytest
from fontTools.ttLib import TTFont

from lessonpress.html.style import contrast, palette, readable
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.project import LessonFile
from lessonpress.theme import DEFAULT_THEME, Theme
from lessonpress.themes import PRESETS, apply_presets, load_theme

from ..conftest import ROOT
from .pages import render, tree


def themes() -> list[tuple[str, Theme]]:
    ngo, _ = load_theme("ngo", ROOT)
    out = []
    for name, base in (("default", DEFAULT_THEME), ("ngo", ngo)):
        out.append((name, base))
        out += [(f"{name}+{p}", apply_presets(base, (p,))) for p in PRESETS]
    return out


@pytest.mark.parametrize(("name", "theme"), themes(), ids=[n for n, _ in themes()])
def test_every_colour_meets_wcag_aa_on_every_background(name: str, theme: Theme) -> None:
    c = palette(theme)
    for ground in (c.page, c.box, "#ffffff"):
        for text in (c.text, c.accent, c.muted, c.link):
            assert contrast(text, ground) >= 4.5, (name, text, ground)
        assert contrast(c.rule, ground) >= 3.0, (name, c.rule, ground)


def test_a_pale_theme_colour_is_darkened_until_it_reads() -> None:
    assert contrast(readable("#9ab0ff", ("#ffffff", "#e9eff6")), "#e9eff6") >= 4.5
    assert readable("#1d4e89", ("#ffffff",)) == "#1d4e89"  # already readable: unchanged
    pale = Theme(text_color="#bbbbbb", link_color="#aaccff", box_fill="#eeeeee")
    assert all(contrast(getattr(palette(pale), f), "#eeeeee") >= 4.5 for f in ("text", "link"))


def embedded_fonts(html: str) -> list[TTFont]:
    css = next(tree(html).iter("style")).text()
    return [
        TTFont(io.BytesIO(base64.b64decode(data)))
        for data in re.findall(r"data:font/woff2;base64,([A-Za-z0-9+/=]+)", css)
    ]


@pytest.mark.parametrize("language", ["en", "es", "ar", "hi"])
def test_the_embedded_woff2_fonts_have_every_letter_of_the_page(language: str) -> None:
    path = ROOT / "lessons" / "teens-3-sextortion.yaml"
    checked = check_lesson_and_translations(LessonFile(path, str(path), path.stem))
    lesson = next(lesson for lesson in checked.lessons if lesson.language == language)
    html = render(lesson)
    fonts = embedded_fonts(html)
    assert fonts and all(f.flavor == "woff2" for f in fonts)
    body = unescape(re.sub(r"<[^>]*>", "", html[html.index("<body") :]))
    regular = fonts[0].getBestCmap()
    # Direction marks (format characters, e.g. the LRM that keeps "116 111" in order) are never drawn.
    missing = {
        c for c in body if not c.isspace() and unicodedata.category(c) != "Cf" and ord(c) not in regular
    }
    assert not missing, sorted(missing)
    assert len(html.encode()) < 400_000  # subsets, not whole fonts


def test_dyslexia_friendly_pages_use_lexend_and_keep_emphasis_upright() -> None:
    from ..conftest import GOOD, load

    html = render(load(GOOD / "full.yaml"), theme=apply_presets(DEFAULT_THEME, ("dyslexia-friendly",)))
    css = next(tree(html).iter("style")).text()
    assert "font-family:lp-Lexend" in css and "em{font-style:normal" in css

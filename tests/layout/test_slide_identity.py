"""Slides with an identity from the theme, measured in the PDF: the title band in the audience's
section colour with the audience on it, a strip of that colour on every slide, the logo and
organisation, one body size per deck, web addresses that never break, the draft notice."""

from __future__ import annotations

import io
from collections import Counter

import pdfplumber
import pytest

from lessonpress.formats import get_format
from lessonpress.labels import ENGLISH, labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.model import Lesson
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME, _luminance
from lessonpress.themes import load_theme

from ..conftest import LESSONS, ROOT, load
from .test_rtl_pages import translated

TEENS = load(LESSONS / "teens-3-sextortion.yaml")
PARENTS = load(LESSONS / "parents-1-signs-and-talking.yaml")


def slides(lesson: Lesson, theme=DEFAULT_THEME) -> bytes:  # noqa: ANN001
    context = LayoutContext("a4", fonts_for([lesson], theme), labels_for(lesson.language))
    return render(get_format("slides").layout(lesson, context))


def hex_of(color) -> str:  # noqa: ANN001
    return "#" + "".join(f"{round(v * 255):02x}" for v in color)


def band(page) -> dict | None:  # noqa: ANN001
    """The filled rectangle across the top of a slide."""
    tops = [
        r
        for r in page.rects
        if r["top"] < 1
        and r["width"] > page.width - 1
        and r.get("fill")
        and hex_of(r["non_stroking_color"]) != DEFAULT_THEME.page_color
    ]
    return max(tops, key=lambda r: r["height"], default=None)


def test_title_slide_has_a_band_in_the_section_colour_with_audience_and_title_on_it() -> None:
    with pdfplumber.open(io.BytesIO(slides(TEENS))) as pdf:
        first = pdf.pages[0]
        block = band(first)
        assert block is not None and block["height"] > first.height * 0.5
        assert hex_of(block["non_stroking_color"]) == DEFAULT_THEME.section_color("teens")
        on_band = [c for c in first.chars if c["bottom"] <= block["bottom"] and c["text"].strip()]
        text = "".join(c["text"] for c in on_band)
        assert "Sextortion" in text and "Teens(13–17)·45minutes" in text.replace(" ", "")
        assert {hex_of(c["non_stroking_color"]) for c in on_band} == {"#ffffff"}


def test_each_audience_has_its_own_section_colour_on_every_slide() -> None:
    colours = {}
    for lesson, key in ((TEENS, "teens"), (PARENTS, "parents")):
        with pdfplumber.open(io.BytesIO(slides(lesson))) as pdf:
            found = {hex_of(band(page)["non_stroking_color"]) for page in pdf.pages}
        assert found == {DEFAULT_THEME.section_color(key)}
        colours[key] = found.pop()
    assert colours["teens"] != colours["parents"]


@pytest.mark.parametrize("key", DEFAULT_THEME.sections)
def test_section_colours_keep_white_text_legible_in_colour_and_greyscale(key: str) -> None:
    colour = DEFAULT_THEME.section_color(key)
    rgb = tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    assert 1.05 / (_luminance(rgb) + 0.05) >= 7  # greyscale keeps the luminance


def test_logo_and_organisation_on_every_slide() -> None:
    theme, problems = load_theme("ngo", ROOT)
    assert theme is not None, problems
    with pdfplumber.open(io.BytesIO(slides(TEENS, theme))) as pdf:
        for page in pdf.pages:
            assert page.images, f"no logo on slide {page.page_number}"
            assert "Your Organisation" in page.extract_text()


def body_sizes(data: bytes) -> Counter:
    """Sizes of the body text of content slides (not titles, kickers, questions or footers)."""
    sizes: Counter = Counter()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[1:]:
            for c in page.chars:
                bold = "Bold" in c["fontname"]
                if (
                    c["text"].strip()
                    and not bold
                    and 24 <= c["size"] < 32
                    and c["bottom"] < page.height * 0.9
                ):
                    sizes[round(c["size"], 1)] += 1
    return sizes


@pytest.mark.parametrize("lesson", [TEENS, PARENTS], ids=["teens-3", "parents-1"])
def test_one_body_size_per_deck(lesson: Lesson) -> None:
    assert set(body_sizes(slides(lesson))) == {DEFAULT_THEME.slide_body_size}


def test_every_question_of_a_deck_has_one_size() -> None:
    from lessonpress.deck import plan_deck
    from lessonpress.layout.slide_drawing import fit_deck

    deck = fit_deck(plan_deck(TEENS, ENGLISH), DEFAULT_THEME, ENGLISH)
    sizes = {
        b.paragraph.style.fontSize
        for s in deck
        if s.slide.kind == "prompt"
        for b in s.blocks[s.middle_from :]
    }
    assert len(sizes) == 1 and sizes.pop() >= DEFAULT_THEME.slide_body_size


def test_web_addresses_on_slides_are_whole_site_names_with_a_qr_code() -> None:
    with pdfplumber.open(io.BytesIO(slides(TEENS))) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "childline.org.uk" in text
    assert "bullying-abuse" not in text  # the long address is in the QR code


def test_a_draft_translation_says_so_on_every_slide() -> None:
    lesson = translated("es")
    notice = labels_for("es").draft_notice
    with pdfplumber.open(io.BytesIO(slides(lesson))) as pdf:
        for page in pdf.pages:
            assert notice.replace(" ", "") in page.extract_text().replace(" ", "")
    with pdfplumber.open(io.BytesIO(slides(TEENS))) as pdf:
        assert notice not in pdf.pages[0].extract_text()

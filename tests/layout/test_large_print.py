"""Large print keeps its promise on every format: no text under 18 pt (footers 14 pt), slides
printed small become their words, web addresses break only between their parts, and QR codes
are at least 20 mm with a quiet zone wherever they print."""

from __future__ import annotations

import dataclasses
import io

import pdfplumber
import pytest

from lessonpress.formats import get_format, spec
from lessonpress.labels import ENGLISH
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.complex_scripts import url_pieces
from lessonpress.layout.page import PortraitPage
from lessonpress.model import Lesson
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME
from lessonpress.themes import apply_presets

from ..conftest import GOOD, LESSONS, load, load_text, make_pdf
from .pagecheck import small_qr_codes, small_text

LARGE = apply_presets(DEFAULT_THEME, ("large-print",))
SEXTORTION = load(LESSONS / "teens-3-sextortion.yaml")


def large(lesson: Lesson, fmt: str, paper: str = "a4") -> tuple[bytes, LayoutContext]:
    context = LayoutContext(paper, LARGE, ENGLISH)
    layout = get_format(fmt)
    if spec(fmt).scope == "course":
        return render(layout.layout_course([lesson], None, context)), context
    return render(layout.layout(lesson, context)), context


@pytest.mark.parametrize("fmt", ["handout", "guide", "notes", "slides-handout", "pack"])
@pytest.mark.parametrize("lesson", [SEXTORTION, load(GOOD / "full.yaml")], ids=["teens-3", "full"])
def test_large_print_has_no_text_under_18_points_outside_footers(lesson: Lesson, fmt: str) -> None:
    data, context = large(lesson, fmt)
    frame = PortraitPage.of(context).frame
    assert small_text(data, 18, footer_minimum=14, frame=frame) == []


def test_large_print_slides_keep_the_slide_number_at_14_points_or_more() -> None:
    data, _ = large(SEXTORTION, "slides")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sizes = {c["size"] for page in pdf.pages for c in page.chars if c["text"].strip()}
    assert min(sizes) >= 14


def test_large_print_notes_and_slides_handout_print_the_slides_words() -> None:
    for fmt in ("notes", "slides-handout"):
        data, _ = large(SEXTORTION, fmt)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            text = " ".join(page.extract_text() for page in pdf.pages)
        assert "Why doesn't paying make it stop?" in text, fmt


@pytest.mark.parametrize(
    ("url", "pieces"),
    [
        (
            "www.childline.org.uk/info-advice/bullying-abuse-safety/",
            ("www", ".childline", ".org", ".uk/", "info-advice/", "bullying-abuse-safety/"),
        ),
        ("https://takeitdown.ncmec.org/faq/", ("https://", "takeitdown", ".ncmec", ".org/", "faq/")),
        ("e.g.", ("e.g.",)),
        ("short.org", ("short.org",)),
    ],
)
def test_web_addresses_break_only_after_a_slash_or_before_a_dot(url: str, pieces: tuple) -> None:
    assert url_pieces(url) == pieces


ADDRESS = "www.childline.org.uk/info-advice/bullying-abuse-safety/online-mobile-safety/report-remove-down/"


@pytest.mark.parametrize("fmt", ["guide", "handout"])
@pytest.mark.parametrize("preset", [(), ("large-print",)])
def test_printed_web_addresses_never_break_inside_a_word(tmp_path, fmt: str, preset: tuple) -> None:  # noqa: ANN001
    text = (GOOD / "minimal.yaml").read_text() + (
        f"summary: To remove a picture, go to {ADDRESS} and follow the steps. Or try "
        f"{ADDRESS}more-help/ on a phone, or the site at {ADDRESS}contact.\n"
    )
    lesson, problems = load_text(tmp_path, text)
    assert lesson is not None, problems
    lesson = dataclasses.replace(lesson, sources=SEXTORTION.sources)
    context = LayoutContext("a4", apply_presets(DEFAULT_THEME, preset), ENGLISH)
    data = render(get_format(fmt).layout(lesson, context))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    flat = text.replace("\n", "")
    urls = [ADDRESS] + [s.url.removeprefix("https://") for s in SEXTORTION.sources]
    checked = 0
    for url in urls:
        start = flat.find(url)
        if start < 0:
            continue
        # map the flat position back to the text with its line breaks
        position, seen = 0, 0
        while seen < start:
            seen += text[position] != "\n"
            position += 1
        end = position
        while seen < start + len(url):
            seen += text[end] != "\n"
            end += 1
        for i in range(position, end):
            if text[i] == "\n":
                checked += 1
                # after a slash (or a hyphen, in a part too long for a line) or before a dot
                assert text[i - 1] in "/-" or text[i + 1] == ".", text[max(0, i - 30) : i + 30]
    assert checked, "no web address wrapped: the test proves nothing"


@pytest.mark.parametrize("fmt", ["handout", "slides", "slides-handout", "notes", "guide"])
@pytest.mark.parametrize("preset", [(), ("large-print",)])
def test_qr_codes_are_at_least_20_mm_with_a_quiet_zone(fmt: str, preset: tuple) -> None:
    context = LayoutContext("a4", apply_presets(DEFAULT_THEME, preset), ENGLISH)
    assert small_qr_codes(render(get_format(fmt).layout(SEXTORTION, context))) == []


def test_the_slides_handout_prints_each_slides_web_address_as_a_code() -> None:
    data = make_pdf(SEXTORTION, "slides-handout")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        last = pdf.pages[-1]
        text = last.extract_text()
        from .pagecheck import qr_symbols

        codes = qr_symbols(last)
    assert "Links on these slides" in text and "takeitdown.ncmec.org" in text
    assert len(codes) == len(SEXTORTION.resources)

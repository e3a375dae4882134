"""Right to left on the shipped Arabic pages, checked in the order the glyphs were drawn: the
sources of the guide, the pack cover's date and the label-then-value lines of the help cards,
slides and notes pages. Reading right to left, what comes first must be rightmost."""

from __future__ import annotations

import io
import unicodedata

import pdfplumber
import pytest

from lessonpress.labels import labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.layout.pack import Pack
from lessonpress.markup import plain_text
from lessonpress.model import Course
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME

from .test_rtl_pages import localized_pdf, translated

ARABIC = translated("ar")


def arabic(char: dict) -> bool:
    """True for an Arabic letter, whatever presentation form the font drew."""
    text = unicodedata.normalize("NFKC", char["text"])
    return bool(text) and unicodedata.bidirectional(text[0]) in ("R", "AL")


def line_of(page, mark: dict) -> list[dict]:  # noqa: ANN001
    """The visible characters on a mark's line, left to right."""
    return sorted(
        (c for c in page.chars if abs(c["top"] - mark["top"]) < 3 and c["text"].strip()),
        key=lambda c: c["x0"],
    )


def word_at(page, text: str) -> list[dict]:  # noqa: ANN001
    """The characters of the first place a Latin word is drawn."""
    found = page.search(text)
    assert found, f"{text!r} not on the page"
    hit = found[0]
    return [
        c
        for c in page.chars
        if abs(c["top"] - hit["top"]) < 1 and hit["x0"] - 0.5 <= c["x0"] and c["x1"] <= hit["x1"] + 0.5
    ]


def test_arabic_source_titles_run_right_to_left_from_their_english_name() -> None:
    """ "FBI — تهديد … (12 يناير 2024)": the base direction is Arabic's, not the first letter's,
    so FBI is read first (rightmost) and the brackets close on the left, mirrored."""
    with pdfplumber.open(io.BytesIO(localized_pdf(ARABIC, "guide"))) as pdf:
        page = next(p for p in pdf.pages if p.search("fbi.gov"))
        fbi = word_at(page, "FBI")
        line = [c for c in line_of(page, fbi[0]) if c["text"] != "•"]
    assert line[-1] is fbi[-1] or line[-1]["x1"] == max(c["x1"] for c in fbi)  # FBI ends the line
    assert any(arabic(c) for c in line) and all(c["x0"] < fbi[0]["x0"] for c in line if arabic(c))
    brackets = [c["text"] for c in line if c["text"] in "()"]
    if brackets:
        assert brackets[0] == "(" and brackets[-1] == ")"  # mirrored: "(2024 … 12)" as drawn


def test_the_arabic_pack_cover_date_reads_day_month_year_from_the_right() -> None:
    context = LayoutContext("a4", fonts_for([ARABIC], DEFAULT_THEME), labels_for("ar"), today="2026-12-01")
    course = Course(
        title=plain_text("Safe online"), organisation=plain_text("lessonpress"), version=plain_text("1.0")
    )  # the cover line starts with an English name
    data = render(Pack().layout_course([ARABIC], course, context))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        cover = pdf.pages[0]
        year = word_at(cover, "2026")
        line = line_of(cover, year[0])
    after = [c for c in line if c["x0"] > year[-1]["x1"]]
    day = next(c for c in after if c["text"].isdigit())  # the first digit right of 2026
    between = [c for c in after if c["x1"] <= day["x0"]]
    # right to left: 1, then the month (Arabic letters only between), then 2026
    assert between and all(arabic(c) for c in between), "".join(c["text"] for c in between)
    assert day["text"] == "1"
    assert not any(c["text"].isdigit() for c in line if day["x1"] <= c["x0"] < day["x1"] + 3)


@pytest.mark.parametrize("fmt", ["handout", "slides"])
def test_a_label_is_read_before_its_value_on_every_format(fmt: str) -> None:
    """ "رسالة نصية: THORN to 741741": the label to the right of the value, on paper and slide."""
    with pdfplumber.open(io.BytesIO(localized_pdf(ARABIC, fmt))) as pdf:
        page = next(p for p in pdf.pages if p.search("THORN to 741741"))
        value = word_at(page, "THORN to 741741")
        line = line_of(page, value[0])
    label = [c for c in line if arabic(c) and c["x0"] > value[-1]["x1"]]
    assert label, "the Arabic label is not right of the value"
    assert not [c for c in line if arabic(c) and value[0]["x0"] <= c["x0"] <= value[-1]["x1"]]

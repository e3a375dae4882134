"""Right-to-left pages mirror: measured on the shipped Arabic translation, as printed."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest

from lessonpress.formats import get_format, spec
from lessonpress.labels import labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.model import Lesson
from lessonpress.project import LessonFile
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME

from ..conftest import LESSONS

MARGIN = DEFAULT_THEME.margin


def translated(language: str, lesson_id: str = "teens-3-sextortion") -> Lesson:
    path = LESSONS / f"{lesson_id}.yaml"
    checked = check_lesson_and_translations(LessonFile(path, str(path), lesson_id))
    return next(x for x in checked.lessons if x.language == language)


def localized_pdf(lesson: Lesson, fmt: str) -> bytes:
    context = LayoutContext("a4", fonts_for([lesson], DEFAULT_THEME), labels_for(lesson.language))
    layout = get_format(fmt)
    if spec(fmt).scope == "course":
        return render(layout.layout_course([lesson], None, context))
    return render(layout.layout(lesson, context))


@pytest.fixture(scope="module")
def handout() -> Iterator[pdfplumber.PDF]:
    with pdfplumber.open(io.BytesIO(localized_pdf(translated("ar"), "handout"))) as pdf:
        yield pdf


@pytest.fixture(scope="module")
def guide() -> Iterator[pdfplumber.PDF]:
    with pdfplumber.open(io.BytesIO(localized_pdf(translated("ar"), "guide"))) as pdf:
        yield pdf


def same_line(chars: list[dict], mark: dict) -> list[dict]:
    """The other characters on a mark's line."""
    return [c for c in chars if c is not mark and abs(c["top"] - mark["top"]) < 3 and c["text"].strip()]


def test_bullets_sit_right_of_their_text(handout: pdfplumber.PDF) -> None:
    bullets = [(page, c) for page in handout.pages for c in page.chars if c["text"] == "•"]
    assert len(bullets) >= 4
    for page, bullet in bullets:
        line = same_line(page.chars, bullet)
        assert line and bullet["x0"] > max(c["x1"] for c in line)
        assert bullet["x1"] > page.width / 2


def test_prompt_numbers_sit_right_and_read_one_dot(handout: pdfplumber.PDF) -> None:
    page = handout.pages[0]
    ones = [c for c in page.chars if c["text"] == "1" and c["x0"] > page.width - MARGIN - 20]
    assert ones, "the first prompt's number is at the right margin"
    line = sorted(same_line(page.chars, ones[0]) + [ones[0]], key=lambda c: c["x0"])
    assert [c["text"] for c in line[-2:]] == [".", "1"]  # seen ".1": read "1."


def test_tick_boxes_sit_right_of_the_warning_signs(handout: pdfplumber.PDF) -> None:
    boxes = [
        (page, r)
        for page in handout.pages
        for r in page.rects
        if abs(r["width"] - r["height"]) < 0.5 and 6 < r["width"] < 12
    ]
    assert len(boxes) >= 5
    for page, box in boxes:
        text = [c for c in page.chars if abs(c["top"] - box["top"]) < 6 and c["text"].strip()]
        assert text and box["x0"] > max(c["x1"] for c in text)


def test_footer_is_mirrored_with_the_count_at_the_end_of_the_page_label(handout: pdfplumber.PDF) -> None:
    pages = len(handout.pages)
    for page in handout.pages:
        footer = sorted(
            (c for c in page.chars if c["bottom"] > page.height - MARGIN - 3 and c["text"].strip()),
            key=lambda c: c["x0"],
        )
        right = [c for c in footer if c["x0"] > page.width / 2]
        left = [c for c in footer if c["x1"] < page.width / 2]
        assert left and right, "title on the left, page label on the right"
        assert right[-1]["x1"] == pytest.approx(page.width - MARGIN, abs=1)
        assert left[0]["x0"] == pytest.approx(MARGIN, abs=1)
        assert right[0]["text"] == str(pages)  # "صفحة 1 من 4" ends with 4, on the left


def test_run_sheet_columns_read_from_the_right(guide: pdfplumber.PDF) -> None:
    page = guide.pages[0]
    start, end = page.search("0:00")[0], page.search("0:45")[0]  # the clock column
    assert start["x0"] > page.width * 0.8 and end["x0"] > page.width * 0.8
    total = [
        w
        for w in page.search("45")
        if abs(w["top"] - end["top"]) < 2 and w is not end and w["x1"] < page.width * 0.3
    ]
    assert total, "the minutes column is on the left"


def test_resource_cards_put_the_qr_code_left_of_the_text(handout: pdfplumber.PDF) -> None:
    page = next(p for p in handout.pages if p.search(r"Take It Down \(NCMEC\)"))
    name = page.search(r"Take It Down \(NCMEC\)")[0]
    squares = [r for r in page.rects if r["width"] < 4 and abs(r["top"] - name["top"]) < 60]
    assert squares and max(r["x1"] for r in squares) < name["x0"]


def test_write_in_lines_are_unchanged_but_end_before_the_number(handout: pdfplumber.PDF) -> None:
    page = handout.pages[0]
    frame = page.width - 2 * MARGIN
    rules = [ln for ln in page.lines if 200 < ln["width"] < frame - 5 and abs(ln["top"] - ln["bottom"]) < 0.5]
    assert rules
    assert all(ln["x0"] == pytest.approx(MARGIN, abs=1) for ln in rules)
    assert all(ln["x1"] < page.width - MARGIN - 5 for ln in rules)


def test_every_page_stays_inside_the_paper(handout: pdfplumber.PDF, guide: pdfplumber.PDF) -> None:
    for pdf in (handout, guide):
        for page in pdf.pages:
            for c in page.chars:
                assert c["x0"] >= MARGIN - 1 and c["x1"] <= page.width - MARGIN + 1, c["text"]


def test_arabic_pack_mirrors_its_contents_numbers(tmp_path: Path) -> None:
    with pdfplumber.open(io.BytesIO(localized_pdf(translated("ar"), "pack"))) as pdf:
        contents = pdf.pages[1]
        digits = [
            c for c in contents.chars if c["text"].isdigit() and c["top"] < contents.height - MARGIN - 20
        ]
        assert digits and all(c["x1"] < contents.width / 3 for c in digits)


def test_arabic_slides_mirror_qr_codes_and_slide_numbers() -> None:
    data = localized_pdf(translated("ar"), "slides")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first = pdf.pages[0]
        digits = [c for c in first.chars if c["text"] == "1" and c["top"] > first.height * 0.8]
        assert digits and digits[0]["x1"] < first.width / 2  # slide number on the left
        arabic = [c for c in first.chars if "\u0600" <= c["text"] <= "\u06ff"]
        # Text hugs the right: the title line (largest type) starts right of centre-left, and the
        # longest line ends at the right margin (a subtitle may wrap across the whole width).
        title = [c for c in arabic if c["size"] == max(a["size"] for a in arabic)]
        assert arabic and min(c["x1"] for c in title) > first.width * 0.3
        assert max(c["x1"] for c in arabic) > first.width * 0.85
        qr_pages = [p for p in pdf.pages if len(p.rects) > 30]
        assert qr_pages, "no QR codes found"
        for page in qr_pages:
            squares = [r for r in page.rects if r["width"] < 10 and r["height"] < 10]
            if squares:
                assert max(r["x1"] for r in squares) < page.width / 2  # QR codes on the left

"""The slides as an audience sees them: 16:9 pages, large type, nothing cut off, nothing secret.

Sizes are read from the real PDF with pdfplumber. Every character must be at least the theme's
minimum body size (24 pt), except the slide number in the corner, which is at least 14 pt.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from lessonpress.deck import plan_deck
from lessonpress.labels import ENGLISH
from lessonpress.layout.slide_drawing import FittedSlide, fit_deck
from lessonpress.model import Lesson
from lessonpress.theme import DEFAULT_THEME, MM

from ..conftest import (
    CORPUS_FILES,
    GOOD,
    LESSONS,
    SHIPPED,
    holdout_text,
    load,
    make_pdf,
    pdf_text,
    squash,
)
from ..conftest import (
    HOLDOUT_URL as URL,
)
from ..conftest import (
    HOLDOUT_WORD as WORD,
)

LIVE_MARGIN = 12 * MM
BODY_MIN, TITLE_MIN, NUMBER_MIN = 24, 36, 14


def holdout(tmp_path: Path) -> Lesson:
    """The holdout lesson, loaded like any lesson file."""
    path = tmp_path / "holdout.yaml"
    path.write_text(holdout_text(), encoding="utf-8")
    return load(path)


def fitted(lesson: Lesson) -> tuple[FittedSlide, ...]:
    """The fitted deck all three slide formats draw."""
    return fit_deck(plan_deck(lesson, ENGLISH), DEFAULT_THEME, ENGLISH)


def outside_live_area(data: bytes) -> list[str]:
    """Every character whose box is not inside the page less 12 mm on each side."""
    bad = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            right, bottom = page.width - LIVE_MARGIN, page.height - LIVE_MARGIN
            bad += [
                f"page {number}: {c['text']!r} at ({c['x0']:.0f}, {c['top']:.0f})"
                for c in page.chars
                if c["x0"] < LIVE_MARGIN or c["x1"] > right or c["top"] < LIVE_MARGIN or c["bottom"] > bottom
            ]
    return bad


def small_print(data: bytes) -> list[tuple[int, str, float]]:
    """(page, character, size) of every visible character smaller than the minimum body size."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            (n, c["text"], c["size"])
            for n, page in enumerate(pdf.pages, 1)
            for c in page.chars
            if c["text"].strip() and c["size"] < BODY_MIN - 0.01
        ]


@pytest.fixture(scope="module")
def full() -> Lesson:
    return load(GOOD / "full.yaml")


@pytest.fixture(scope="module")
def full_pdf(full: Lesson) -> bytes:
    return make_pdf(full, "slides")


@pytest.fixture(scope="module")
def long_lesson(tmp_path_factory: pytest.TempPathFactory) -> Lesson:
    return holdout(tmp_path_factory.mktemp("holdout"))


@pytest.fixture(scope="module")
def long_pdf(long_lesson: Lesson) -> bytes:
    return make_pdf(long_lesson, "slides")


def test_pages_are_16_by_9_whatever_the_paper(full: Lesson) -> None:
    for paper in ("a4", "letter"):
        box = PdfReader(io.BytesIO(make_pdf(full, "slides", paper))).pages[0].mediabox
        assert (float(box.width), float(box.height)) == (960, 540)


def test_every_objective_prompt_and_takeaway_is_on_a_slide(full: Lesson, full_pdf: bytes) -> None:
    text = squash(pdf_text(full_pdf))
    for item in [
        full.title,
        *full.objectives,
        *(p.prompt for p in full.discussion_prompts),
        *full.key_takeaways,
        *full.warning_signs,
        *(v.term for v in full.vocabulary),
        *full.activities[0].steps,
        full.resources[0].name,
    ]:
        assert squash(item.plain) in text, item.plain
    assert squash("Question 3 of 3") in text


def test_one_page_and_one_bookmark_per_slide(full: Lesson, full_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_pdf))
    slides = fitted(full)
    assert len(reader.pages) == len(slides) == 10
    assert [item.title for item in reader.outline] == [s.outline for s in slides]
    assert reader.outline[3].title == (
        "Question 1 of 3: Who can see a photo you post in a group chat of thirty people?"
    )


def test_body_text_is_at_least_24_points_titles_at_least_36(full: Lesson, full_pdf: bytes) -> None:
    small = small_print(full_pdf)
    assert small and all(ch.isdigit() and size >= NUMBER_MIN for _, ch, size in small), small
    with pdfplumber.open(io.BytesIO(full_pdf)) as pdf:
        for page, slide in zip(pdf.pages, fitted(full), strict=True):
            assert "".join(c["text"] for c in page.chars if c["size"] < BODY_MIN) == str(slide.number)
            if slide.slide.title is not None:
                big = squash("".join(c["text"] for c in page.chars if c["size"] >= TITLE_MIN))
                assert squash(slide.outline)[:20] in big, slide.outline


def test_facilitator_notes_never_reach_the_slides(full_pdf: bytes) -> None:
    assert "FACILITATOR" not in pdf_text(full_pdf)


def test_resources_have_live_links_and_a_qr_code(full_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_pdf))
    last = reader.pages[-1]
    uris = {a.get_object()["/A"]["/URI"] for a in last.get("/Annots") or []}
    assert uris == {"https://example.org/help", "tel:0800000000"}
    with pdfplumber.open(io.BytesIO(full_pdf)) as pdf:
        modules = [r for r in pdf.pages[-1].rects if r["width"] < 10]
    assert len(modules) > 100  # the QR code's dark squares


def test_markup_lookalikes_print_literally() -> None:
    text = squash(pdf_text(make_pdf(load(GOOD / "literal.yaml"), "slides")))
    for literal in ["<script>alert(1)</script>", "&amp;&eacute;&bogus;&#x110000;", "5<6and7>3"]:
        assert literal in text, literal


def test_same_lesson_gives_the_same_bytes(full: Lesson, full_pdf: bytes) -> None:
    assert make_pdf(full, "slides") == full_pdf


def test_fonts_are_embedded_and_no_helvetica(full_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_pdf))
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in font["/FontDescriptor"].get_object()
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_lessons_stay_inside_the_live_area_in_large_type(path: Path) -> None:
    data = make_pdf(load(path), "slides")
    assert outside_live_area(data) == []
    assert all(ch.isdigit() and size >= NUMBER_MIN for _, ch, size in small_print(data))


def test_holdout_lesson_loses_nothing_and_overflows_nothing(long_lesson: Lesson, long_pdf: bytes) -> None:
    assert outside_live_area(long_pdf) == []
    assert all(ch.isdigit() and size >= NUMBER_MIN for _, ch, size in small_print(long_pdf))
    text = squash(pdf_text(long_pdf))
    assert URL.removeprefix("https://") in text
    # the 3,000-letter word runs over several slides: read it back without their titles and numbers
    reader = PdfReader(io.BytesIO(long_pdf))
    pieces = [
        squash(reader.pages[s.number - 1].extract_text())
        for s in fitted(long_lesson)
        if s.slide.kind == "takeaways"
    ]
    assert len(pieces) >= 3
    for title in ("Keytakeaways(continued)", "Keytakeaways"):
        pieces = [p.removeprefix(title) for p in pieces]
    assert WORD in "".join(p.rstrip("0123456789") for p in pieces)
    for item in [
        *long_lesson.objectives,
        *(p.prompt for p in long_lesson.discussion_prompts),
        *long_lesson.activities[0].steps,
    ]:
        assert squash(item.plain) in text, item.plain
    assert "Note 5 for the facilitator" not in text


def test_holdout_lesson_continues_onto_more_slides(long_lesson: Lesson, long_pdf: bytes) -> None:
    slides = fitted(long_lesson)
    reader = PdfReader(io.BytesIO(long_pdf))
    assert len(reader.pages) == len(reader.outline) == len(slides)
    objectives = [s for s in slides if s.slide.kind == "objectives"]
    assert len(objectives) >= 5
    assert all(s.outline == "What we will learn (continued)" for s in objectives[1:])
    prompts = [s for s in slides if s.slide.kind == "prompt"]
    assert [s.slide.kicker for s in prompts if s.part == 0] == [f"Question {n} of 60" for n in range(1, 61)]


@pytest.mark.parametrize("fmt", ["slides", "slides-handout"])
@pytest.mark.parametrize("path", SHIPPED + CORPUS_FILES, ids=lambda p: p.stem)
def test_no_facilitator_sentence_on_learner_slides(path: Path, fmt: str) -> None:
    lesson = load(path)
    text = squash(pdf_text(make_pdf(lesson, fmt)))
    assert squash(lesson.title.plain) in text
    for secret in lesson.facilitator_texts():
        for sentence in _sentences(secret.plain):
            assert squash(sentence) not in text, f"{path.name}: {sentence!r} leaked"


def _sentences(text: str) -> list[str]:
    """Sentences long enough that finding one on a slide cannot be a coincidence."""
    import re

    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) >= 25]


def test_teens_sextortion_prompt_slides_show_the_question_large() -> None:
    lesson = load(LESSONS / "teens-3-sextortion.yaml")
    data = make_pdf(lesson, "slides")
    slides = fitted(lesson)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page, slide in zip(pdf.pages, slides, strict=True):
            if slide.slide.kind == "prompt":
                sizes = {round(c["size"]) for c in page.chars if c["text"].strip()}
                assert max(sizes) >= TITLE_MIN and BODY_MIN in sizes, sizes

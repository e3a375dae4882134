"""The handout as a reader sees it: text extracted from the real PDF, pages, fonts, links."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from pypdf import PdfReader

from lessonpress.model import Lesson

from ..conftest import CORPUS_FILES, GOOD, load, make_pdf, pdf_text, squash


@pytest.fixture(scope="module")
def full_pdf() -> bytes:
    return make_pdf(load(GOOD / "full.yaml"))


def test_every_learner_text_lands_on_the_handout(full_pdf: bytes) -> None:
    lesson = load(GOOD / "full.yaml")
    text = squash(pdf_text(full_pdf))
    for item in [
        *lesson.objectives,
        *(p.prompt for p in lesson.discussion_prompts),
        *lesson.key_takeaways,
        *lesson.warning_signs,
        lesson.title,
        lesson.summary,
    ]:
        assert squash(item.plain) in text, item.plain
    for label in (
        "What we will learn",
        "Let’s talk about it",
        "Key takeaways",
        "Warning signs",
        "Words to know",
        "Help and resources",
        "Page 1 of",
    ):
        assert squash(label) in text


def test_no_facilitator_text_on_the_handout(full_pdf: bytes) -> None:
    text = pdf_text(full_pdf)
    assert "FACILITATOR" not in text
    assert "check the room" not in text


def test_markup_lookalikes_print_literally() -> None:
    lesson = load(GOOD / "literal.yaml")
    text = squash(pdf_text(make_pdf(lesson)))
    for literal in [
        "Markup<b>stays</b>literal&safe",
        "Ifx<ythenz",
        "&amp;&eacute;&bogus;&#x110000;",
        "<script>alert(1)</script>",
        "<fontsize=5000>big</font>",
        '<imgsrc="/etc/passwd"/>',
        "5<6and7>3",
        "**notbold**and**neverclosed",
        "rm*.txt",
        "withcare:*matches",
        "Visitthesitetoday",
    ]:
        assert literal in text, literal


def test_page_sizes() -> None:
    lesson = load(GOOD / "minimal.yaml")
    a4 = PdfReader(io.BytesIO(make_pdf(lesson, paper="a4"))).pages[0].mediabox
    letter = PdfReader(io.BytesIO(make_pdf(lesson, paper="letter"))).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (float(letter.width), float(letter.height)) == (612, 792)


def test_fonts_are_embedded_and_no_helvetica(full_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_pdf))
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert names and not any("Helvetica" in n for n in names)


def test_metadata_language_and_outline(full_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_pdf))
    assert reader.metadata.title == "Staying safe in group chats"
    assert reader.metadata.author == "Test Author"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    titles = [item.title for item in reader.outline]
    assert titles[:3] == ["Staying safe in group chats", "What we will learn", "Words to know"]


def test_links_are_live_and_safe(full_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_pdf))
    uris = {annot.get_object()["/A"]["/URI"] for page in reader.pages for annot in page.get("/Annots") or []}
    assert {"https://example.org/help", "tel:0800000000", "https://example.org/source"} <= uris


def test_body_text_is_at_least_11_points_and_nothing_below_9(full_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(full_pdf)) as pdf:
        sizes = [c["size"] for page in pdf.pages for c in page.chars if c["text"].strip()]
    assert min(sizes) >= 9
    body = max(set(sizes), key=sizes.count)
    assert body >= 11


def long_lesson(tmp_path) -> Lesson:  # noqa: ANN001
    url = "https://example.org/" + "a" * 280
    word = "Supercalifragilistic" * 150
    text = (
        "title: A very long lesson\nobjectives:\n"
        + "".join(f"  - Objective {i} of many\n" for i in range(40))
        + "discussion_prompts:\n"
        + "".join(f"  - Prompt number {i}?\n" for i in range(60))
        + f"key_takeaways:\n  - {word}\n  - Visit {url}\nresources:\n  - name: Long\n    url: {url}\n"
    )
    path = tmp_path / "long.yaml"
    path.write_text(text)
    return load(path)


def test_long_lesson_flows_onto_more_pages_without_losing_a_word(tmp_path) -> None:  # noqa: ANN001
    lesson = long_lesson(tmp_path)
    data = make_pdf(lesson)
    text = squash(pdf_text(data))
    assert "Objective39ofmany" in text and "Promptnumber59?" in text
    assert "Supercalifragilistic" * 150 in text
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) > 5
        for page in pdf.pages:
            for c in page.chars:
                assert c["x0"] >= 0 and c["x1"] <= page.width, c["text"]
                assert c["top"] >= 0 and c["bottom"] <= page.height, c["text"]


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_lessons_print_every_character(path) -> None:  # noqa: ANN001
    lesson = load(path)
    text = squash(pdf_text(make_pdf(lesson)))
    for item in [*lesson.objectives, *lesson.key_takeaways, *(p.prompt for p in lesson.discussion_prompts)]:
        assert squash(item.plain) in text, item.plain

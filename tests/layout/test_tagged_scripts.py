"""Tagged PDFs in every script: the structure dump per script against a golden file, and the
text copied out of shaped runs (ActualText, ToUnicode) in logical order."""

from __future__ import annotations

import io
import os
import re

import pikepdf
import pytest

from lessonpress.model import Lesson

from ..conftest import FIXTURES
from .tagged import SCRIPT_LESSONS, TEENS_1, lessons_of, needs_poppler, pdf, script_lesson, struct_dump
from .ua_checker import problems

GOLDEN = FIXTURES / "tagging"


@pytest.fixture(scope="module")
def teens1() -> dict[str, Lesson]:
    return lessons_of(TEENS_1)


@needs_poppler
@pytest.mark.parametrize("language", sorted(SCRIPT_LESSONS))
def test_structure_dump_matches_golden_file(language: str) -> None:
    """poppler reads the handout in order, as a screen reader would; one lesson per script.
    `LESSONPRESS_UPDATE_GOLDEN=1` rewrites the files (review the diff)."""
    data = pdf(script_lesson(language))
    assert problems(data) == []
    dump = struct_dump(data)
    golden = GOLDEN / f"{language}-handout.struct.txt"
    if os.environ.get("LESSONPRESS_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(dump, encoding="utf-8")
    assert dump == golden.read_text(encoding="utf-8")


# -- copying text out -----------------------------------------------------------------------------

# Similarity to the source (logical order, NFKC, whitespace ignored) of text copied out of tagged
# PDFs, by poppler (which reads /ActualText) and pypdf (which reads only ToUnicode).
POPPLER_FLOORS = {"ar": 0.97, "he": 0.97, "hi": 0.97, "th": 0.97, "km": 0.9}
PYPDF_FLOORS = {
    "hi": 0.97,
    "th": 0.97,
    "km": 0.9,
    # Known limit of pypdf, not of the file: it reverses runs of right-to-left letters but keeps
    # the runs of a line in drawing order, so "Google Drive" inside a Hebrew line moves and a
    # line's final period, drawn first, comes out first (measured 0.94 ar, 0.89 he).
    "ar": 0.92,
    "he": 0.87,
}


def _texts(language: str) -> list[str]:
    lesson = script_lesson(language)
    return [
        t.plain
        for t in (
            lesson.title,
            lesson.subtitle,
            lesson.summary,
            *lesson.objectives,
            *(p.prompt for p in lesson.discussion_prompts),
            *lesson.key_takeaways,
        )
        if t
    ]


@needs_poppler
@pytest.mark.parametrize("language", sorted(POPPLER_FLOORS))
def test_copied_text_of_tagged_pdfs(language: str) -> None:
    from pypdf import PdfReader

    from lessonpress.layout.text import escape, paragraph

    from .complex_text import pdf_of, pdftotext, similarity, styles

    texts = _texts(language)
    data = pdf_of([paragraph(escape(t), styles(language).body) for t in texts], language)
    source = "\n".join(texts)
    assert similarity(pdftotext(data), source) >= POPPLER_FLOORS[language]
    copied = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert similarity(copied, source) >= PYPDF_FLOORS[language]


def test_shaped_runs_carry_their_logical_text(teens1: dict[str, Lesson]) -> None:
    """A Hindi handout: each shaped run is a Span whose ActualText is the text as typed."""

    data = pdf(teens1["hi"])
    with pikepdf.open(io.BytesIO(data)) as doc:
        stream = b"".join(p.obj.Contents.read_bytes() for p in doc.pages)
    actual = [
        bytes.fromhex(h.decode()).decode("utf-16-be")
        for h in re.findall(rb"/ActualText <([0-9A-F]+)>", stream)
    ]
    words = {w for a in actual for w in a.split()}
    title_words = set(teens1["hi"].title.plain.replace("?", " ").split())
    assert title_words <= {w.strip("?") for w in words}
    assert not any("\ue000" <= c <= "\uf8ff" for a in actual for c in a)


def test_arabic_runs_keep_their_characters_without_actual_text(teens1: dict[str, Lesson]) -> None:
    """Right to left, the glyphs' own characters are the text: no ActualText, which poppler
    would lay out left to right and then reverse (words spelt backwards)."""
    data = pdf(teens1["ar"])
    with pikepdf.open(io.BytesIO(data)) as doc:
        stream = b"".join(p.obj.Contents.read_bytes() for p in doc.pages)
    assert b"/ActualText" not in stream

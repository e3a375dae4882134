"""The bilingual handout: every section in the source language, then in the translation."""

from __future__ import annotations

import io
import unicodedata

import pdfplumber

from lessonpress.labels import labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.bilingual import BilingualHandout, language_name
from lessonpress.layout.fonts import fonts_for
from lessonpress.model import Lesson
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME

from ..conftest import squash
from ..tools import needs
from .complex_text import pdftotext
from .test_localized_handouts import LESSONS

needs_poppler = needs("pdftotext")


def context(lesson: Lesson) -> LayoutContext:
    return LayoutContext("a4", fonts_for([lesson], DEFAULT_THEME), labels_for(lesson.language))


def bilingual(source: str, translation: str) -> bytes:
    a, b = LESSONS[source], LESSONS[translation]
    return render(BilingualHandout().layout(a, b, context(a), context(b)))


def sections(lesson: Lesson) -> list[list[str]]:
    """Each handout section's texts, in handout order."""
    return [
        [lesson.title.plain, lesson.subtitle.plain, lesson.summary.plain],
        [o.plain for o in lesson.objectives],
        [p.prompt.plain for p in lesson.discussion_prompts],
        [t.plain for t in lesson.key_takeaways],
        [r.name.plain for r in lesson.resources],
    ]


def norm(text: str) -> str:
    """Text without spaces, compatibility forms or poppler's invisible direction marks."""
    return "".join(c for c in squash(unicodedata.normalize("NFKC", text)) if unicodedata.category(c) != "Cf")


def assert_interleaved(text: str, source: Lesson, translation: Lesson) -> None:
    """Source texts of a section, then the translation's, then the next section's."""
    at = 0
    for theirs, ours in zip(sections(source), sections(translation), strict=True):
        for item in [*theirs, *ours]:
            found = text.find(norm(item), at)
            assert found >= 0, f"{item!r} missing or out of order"
            at = found


@needs_poppler
def test_english_and_spanish_alternate_section_by_section() -> None:
    text = norm(pdftotext(bilingual("en", "es")))
    assert_interleaved(text, LESSONS["en"], LESSONS["es"])


def printed_words(data: bytes) -> list[tuple[int, float, str]]:
    """(page, top, word in reading order) for every word printed, top to bottom."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            for word in page.extract_words():
                text = word["text"]
                if any(unicodedata.bidirectional(c) == "AL" for c in text):
                    text = text[::-1]  # drawn right to left
                out.append((number, round(word["top"]), letters(text)))
    return sorted(out)


def letters(text: str) -> str:
    """Base letters only: marks and punctuation are placed differently in drawing order."""
    return "".join(c for c in norm(text) if unicodedata.category(c)[0] == "L")


def test_english_and_arabic_alternate_and_arabic_keeps_its_direction() -> None:
    data = bilingual("en", "ar")
    printed = printed_words(data)
    at: tuple = (0, 0)
    for theirs, ours in zip(sections(LESSONS["en"]), sections(LESSONS["ar"]), strict=True):
        for item in [*theirs, *ours]:
            longest = max((letters(w) for w in item.split()), key=len)
            where = next(((p, t) for p, t, w in printed if (p, t) >= at and longest in w), None)
            assert where is not None, f"{item!r} missing or out of order"
            at = where
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        bullets = sorted((c for c in page.chars if c["text"] == "•"), key=lambda c: c["top"])
        english, arabic = bullets[0], bullets[-1]
        assert english["x0"] < page.width / 3 < page.width * 2 / 3 < arabic["x0"]


def test_each_block_is_labelled_with_its_language_in_that_language() -> None:
    with pdfplumber.open(io.BytesIO(bilingual("en", "es"))) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
    assert text.count("English") >= 5 and text.count("Español") == text.count("English")
    assert language_name("ar") == "العربية" and language_name("hi") == "हिन्दी"
    assert language_name("xx-unknown") == "xx-unknown"


def test_bookmarks_cover_both_languages() -> None:
    from pypdf import PdfReader

    outline = PdfReader(io.BytesIO(bilingual("en", "th"))).outline
    titles = []
    stack = list(outline)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        else:
            titles.append(item.title)
    assert "Safe chats" in titles and "แชทอย่างปลอดภัย" in titles

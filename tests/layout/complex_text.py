"""Helpers for the complex-script tests: one-page PDFs of paragraphs, what was drawn, what copies out."""

from __future__ import annotations

import dataclasses
import difflib
import io
import subprocess
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pytest
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from lessonpress.layout.base import DocumentSpec, Metadata
from lessonpress.layout.text import Styles, styles_for
from lessonpress.render import render
from lessonpress.scripts import script_for
from lessonpress.theme import DEFAULT_THEME, Theme

from ..tools import needs

needs_poppler = needs("pdftotext")


def theme_for(language: str) -> Theme:
    """The default theme with the language's first font family."""
    family = script_for(language).families[0]
    return dataclasses.replace(DEFAULT_THEME, body_font=family, heading_font=family)


def styles(language: str) -> Styles:
    """The production paragraph styles for a language."""
    return styles_for(theme_for(language), script_for(language))


def pdf_of(
    flowables: Sequence[Flowable], language: str = "en", width: float = 400, *, tagged: bool = True
) -> bytes:
    """A one-column PDF (A4 height, `width` points of text) of the flowables (tagged, unless
    told otherwise: a viewer then reads shaped text from its /ActualText, not its glyphs)."""
    theme = theme_for(language)
    return render(
        DocumentSpec(
            page_size=(width + 80, 842),
            frame=(40, 40, width, 762),
            story=tuple(flowables),
            metadata=Metadata("test", "test", "test", language),
            decorate_page=lambda canvas, number: None,
            page_count_font=(theme.body_font, 9),
        ),
        tagged=tagged,
    )


def pdftotext(data: bytes, *, raw: bool = False) -> str:
    """Text as poppler copies it: it reorders right-to-left lines itself, and groups characters
    into lines by baseline (`raw` keeps the drawing order instead)."""
    command = ["pdftotext", *(["-raw"] if raw else []), "-enc", "UTF-8", "-", "-"]
    return subprocess.run(command, input=data, capture_output=True, check=True).stdout.decode()


def similarity(extracted: str, source: str) -> float:
    """difflib ratio after NFKC, ignoring whitespace (line breaks are not text) and the
    invisible direction marks poppler adds around right-to-left lines."""

    def norm(s: str) -> str:
        s = unicodedata.normalize("NFKC", s)
        return "".join(c for c in s if not c.isspace() and unicodedata.category(c) != "Cf")

    return difflib.SequenceMatcher(None, norm(extracted), norm(source), autojunk=False).ratio()


@contextmanager
def drawn_strings() -> Iterator[list[str]]:
    """Every string ReportLab writes as text, in drawing order (left to right on a line)."""
    seen: list[str] = []
    original = PDFTextObject._formatText

    def spy(self: PDFTextObject, text: str) -> str:
        if text.strip():
            seen.append(text.strip())
        return original(self, text)

    PDFTextObject._formatText = spy
    try:
        yield seen
    finally:
        PDFTextObject._formatText = original


def logical(drawn: str) -> str:
    """An Arabic word as drawn (presentation forms, left to right) back in reading order."""
    return unicodedata.normalize("NFKC", drawn[::-1])


def colour_columns(data: bytes, scale: float = 3) -> dict[str, float]:
    """Mean x (pixels) of pure red, green and blue pixels in the top 120 points of page 1."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    image = pdf[0].render(scale=scale).to_pil().convert("RGB")
    image = image.crop((0, 0, image.width, int(120 * scale)))
    sums: dict[str, list[int]] = {"red": [], "green": [], "blue": []}
    width, pixels = image.width, image.tobytes()
    for i in range(len(pixels) // 3):
        r, g, b = pixels[3 * i : 3 * i + 3]
        if r > 180 and g < 90 and b < 90:
            sums["red"].append(i % width)
        elif g > 100 and r < 90 and b < 90:
            sums["green"].append(i % width)
        elif b > 180 and r < 90 and g < 90:
            sums["blue"].append(i % width)
    return {k: sum(v) / len(v) for k, v in sums.items() if v}


def pdf_chars(data: bytes) -> list[dict]:
    """pdfplumber's characters of the first page (x0, x1, top, text)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return list(pdf.pages[0].chars)


def spy_on_shaping(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The glyph ids HarfBuzz returns from now on (shaped afresh, not from lessonpress's memory
    of shaped words), collected in the list returned."""
    from reportlab.pdfbase import ttfonts

    from lessonpress.layout import complex_scripts

    glyphs: list[int] = []
    proxy = ttfonts.uharfbuzz
    real = proxy.shape

    def spy(font, buffer, features):  # noqa: ANN001, ANN202
        real(font, buffer, features)
        glyphs.extend(g.codepoint for g in buffer.glyph_infos)

    monkeypatch.setattr(proxy, "shape", spy)
    monkeypatch.setattr(complex_scripts, "_SHAPED", {})
    return glyphs

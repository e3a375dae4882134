"""Turn a DocumentSpec into PDF bytes: the same spec always gives the same bytes.

ReportLab's `invariant` mode fixes the dates and document id, so identical input gives
byte-identical PDFs. The total page count ("Page 1 of 3") is drawn as a form XObject that is
filled in when the document is saved, so each document is laid out once, not twice.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from . import layout  # noqa: F401  (pins ReportLab's settings before it is imported)

# isort: split
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from . import __version__
from .layout.base import PAGE_COUNT_FORM, PAGE_COUNT_RIGHT_FORM, DocumentSpec
from .layout.progress import GuardedDocTemplate


class _Canvas(Canvas):
    """A canvas that, on save, defines the forms that footers and contents refer to."""

    page_count_font: tuple[str, float] = ("Atkinson", 9.0)
    on_save: Callable[[Any], None] | None = None

    def save(self) -> None:
        pages = self.getPageNumber() - 1
        if self.on_save is not None:
            self.on_save(self)
        self.beginForm(PAGE_COUNT_FORM)
        font, size = self.page_count_font
        self.setFont(font, size)
        self.drawString(0, 0, str(pages))
        self.endForm()
        self.beginForm(PAGE_COUNT_RIGHT_FORM, lowerx=-10 * size, lowery=-size, upperx=size, uppery=2 * size)
        self.setFont(font, size)
        self.drawRightString(0, 0, str(pages))
        self.endForm()
        super().save()


def _frame(box: tuple[float, float, float, float]) -> Frame:
    x, y, w, h = box
    return Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")


def render(spec: DocumentSpec) -> bytes:
    """Lay out and draw the document; return the PDF file's bytes."""
    buffer = io.BytesIO()
    meta = spec.metadata
    doc = GuardedDocTemplate(
        buffer,
        pagesize=spec.page_size,
        invariant=1,
        lang=meta.language,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        creator=f"lessonpress {__version__}",
        keywords=list(meta.keywords),
        displayDocTitle=1,
        leftMargin=0,
        rightMargin=0,
        topMargin=0,
        bottomMargin=0,
        # The canvas's first font is the document's body font, set here per document (never
        # ReportLab's process-wide default, which the last theme used would otherwise decide).
        initialFontName=spec.page_count_font[0],
    )

    def on_page(canvas: Canvas, document: BaseDocTemplate) -> None:
        spec.decorate_page(canvas, document.page)

    # Decorate at the end of each page, so a footer can name the section drawn on it. Two-sided
    # documents alternate between an odd and an even page with mirrored margins.
    if spec.frame_even is None:
        templates = [PageTemplate("page", [_frame(spec.frame)], onPageEnd=on_page)]
    else:
        templates = [
            PageTemplate("odd", [_frame(spec.frame)], onPageEnd=on_page, autoNextPageTemplate="even"),
            PageTemplate("even", [_frame(spec.frame_even)], onPageEnd=on_page, autoNextPageTemplate="odd"),
        ]
    doc.addPageTemplates(templates)
    font, finish = spec.page_count_font, spec.on_save

    class DocumentCanvas(_Canvas):
        page_count_font = font
        on_save = staticmethod(finish) if finish else None

    doc.build(list(spec.story), canvasmaker=DocumentCanvas)
    return buffer.getvalue()

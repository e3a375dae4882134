"""Turn a DocumentSpec into PDF bytes: the same spec always gives the same bytes.

ReportLab's `invariant` mode fixes the dates and document id, so identical input gives
byte-identical PDFs. A document whose last page, or any other, is less than a quarter full is
laid out again with the variants its format offers (less space between blocks; its last blocks
kept together differently, then also tighter), and the first that leaves no page nearly empty
without adding one is kept. When a variant saves a page but still ends on a nearly empty one (a
last section taller than a page moves whole), the rest are tried too: the one with fewest pages
and none nearly empty wins, else the one whose emptiest page is fullest. The total page count
("Page 1 of 3") is drawn as a form XObject that is filled in when the document is saved, so each
layout is drawn once, not twice.
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
from .layout.tagging.canvas import TaggingCanvas
from .layout.tagging.structure import DocumentInfo

LAST_PAGE_MIN = 0.25  # a last (or stranded) page less full than this is worth a tighter layout
# A page's fill is measured here to the foot of its last line's leading, a little below the
# ink a reader sees (most with the wide line spacing of large print and dyslexia-friendly type):
# a page is judged by LAST_PAGE_MIN plus this much of its frame.
FILL_SLACK = 0.02


class _Canvas(TaggingCanvas):
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


PAGINATION = "/Artifact <</Type /Pagination>> BDC"


def render(spec: DocumentSpec, *, tagged: bool = True) -> bytes:
    """Lay out and draw the document; return the PDF file's bytes. Tagged (PDF/UA-1: structure
    tree, marked content, artifacts) unless `tagged` is False."""
    data, fills = _render_filled(spec, tagged=tagged)
    if not wastes_a_page(fills):
        return data
    variants = iter(spec.tighter)
    tried = [(data, fills)]
    for tighter in variants:
        other, other_fills = _render_filled(tighter(), tagged=tagged)
        if len(other_fills) <= len(fills) and not wastes_a_page(other_fills):
            return other  # no page nearly empty, and no page more
        tried.append((other, other_fills))
        if len(other_fills) < len(fills):
            break  # a page saved, but one still nearly empty (a long last section moved whole)
    else:
        return data
    # The remaining variants may do both. Of the layouts with no page more, the one with fewest
    # pages and none nearly empty is printed; failing that, the one whose emptiest page is fullest.
    tried += [_render_filled(tighter(), tagged=tagged) for tighter in variants]
    fitting = [(n, t) for n, t in enumerate(tried) if len(t[1]) <= len(fills)]
    good = [(len(t[1]), n) for n, t in fitting if not wastes_a_page(t[1])]
    if good:
        return tried[min(good)[1]][0]
    _, (best, _) = max(fitting, key=lambda nt: (min(nt[1][1]), -len(nt[1][1]), -nt[0]))
    return best


def wastes_a_page(fills: list[float]) -> bool:
    """True when a document of more than one page has a page less than LAST_PAGE_MIN full (with
    FILL_SLACK for the last line's leading): its last page, or a page left almost empty before a
    block that moved whole to the next one (a handout's few lines of sources before its "Get
    help" back page)."""
    return len(fills) > 1 and min(fills) < LAST_PAGE_MIN + FILL_SLACK


def render_measured(spec: DocumentSpec, *, tagged: bool = True) -> tuple[bytes, int, float]:
    """The PDF bytes, its page count and how full its last page's text frame is (0 to 1)."""
    data, fills = _render_filled(spec, tagged=tagged)
    return data, len(fills), fills[-1] if fills else 1.0


def _render_filled(spec: DocumentSpec, *, tagged: bool = True) -> tuple[bytes, list[float]]:
    """The PDF bytes and how full each page's text frame is (0 to 1)."""
    buffer = io.BytesIO()
    filled: list[float] = []
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
        tagger = canvas._lp_tagger
        if tagger is None:
            spec.decorate_page(canvas, document.page)
        else:
            with tagger.artifact(PAGINATION):  # headers, footers, page numbers
                spec.decorate_page(canvas, document.page)
        frame = document.frame
        filled.append((frame._y2 - frame._y) / frame._height if frame._height else 1.0)

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

    info = DocumentInfo(meta.title, meta.language, meta.author, meta.subject, f"lessonpress {__version__}")

    class DocumentCanvas(_Canvas):
        page_count_font = font
        on_save = staticmethod(finish) if finish else None

        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            if tagged:
                self.tag(info)

    doc.build(list(spec.story), canvasmaker=DocumentCanvas)
    _release(doc)
    return buffer.getvalue(), filled


def _release(doc: BaseDocTemplate) -> None:
    """Break the reference cycles a written document leaves behind (template <-> canvas <->
    PDF objects <-> structure tree), so that reference counting frees its objects at once.
    Otherwise the cyclic collector had to walk them, ~4300 objects a handout, after every
    document. Only done once the file's bytes are written; nothing reads them after."""
    canvas = getattr(doc, "canv", None)
    for owner in (getattr(canvas, "_doc", None), getattr(canvas, "_lp_tagger", None), canvas, doc):
        if owner is not None:
            owner.__dict__.clear()

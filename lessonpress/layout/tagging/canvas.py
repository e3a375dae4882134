"""A canvas that carries a Tagger through ReportLab's page and save steps.

ReportLab calls `showPage` at the end of each page, `_setAnnotations` while it builds the page
object and `_addAnnotation` for each link: the three places a tagged document needs to close a
page's marked content, give the page its parent-tree key, and tie a link to its element.
Without a tagger (`tag()` never called) the canvas is ReportLab's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reportlab.pdfbase.pdfdoc import PDFName
from reportlab.pdfgen.canvas import Canvas

from .. import _reportlab as rl
from .actual_text import with_actual_text
from .roles import Tag, artifact
from .structure import DocumentInfo, write_structure
from .tagger import Tagger, artifact_line


class TaggingCanvas(Canvas):
    """A Canvas that records structure when `tag()` has given it a tagger."""

    _lp_tagger: Tagger | None = None
    _lp_info: DocumentInfo | None = None
    _lp_showing = False  # inside showPage (ReportLab also sets a form's annotations)

    def tag(self, info: DocumentInfo) -> Tagger:
        """Record the structure of everything drawn from now on."""
        self._lp_info = info
        self._lp_tagger = Tagger(lambda: rl.page_code(self), self.getPageNumber)
        self._lp_page_links = 0
        self._lp_tagger.start_page()
        return self._lp_tagger

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        tagger = self._lp_tagger
        if tagger is None:
            super().showPage()
            return
        self._lp_page_key = tagger.end_page()
        self._lp_showing = True
        try:
            super().showPage()
        finally:
            self._lp_showing = False
        self._lp_page_links = 0
        tagger.start_page()

    def _setAnnotations(self, page) -> None:  # noqa: ANN001, N802
        super()._setAnnotations(page)
        if not self._lp_showing:  # a form, not a page
            return
        entries = {}
        if self._lp_page_key is not None:
            entries["StructParents"] = self._lp_page_key
        if self._lp_page_links:
            entries["Tabs"] = PDFName("S")
        rl.set_page_entries(page, **entries)

    def _addAnnotation(self, annotation, name=None, addtopage=1) -> None:  # noqa: ANN001, N802
        tagger = self._lp_tagger
        if tagger is None or not addtopage:
            super()._addAnnotation(annotation, name, addtopage)
            return
        # ReportLab names an unnamed annotation after its count: take that name here.
        name = name or f"NUMBER{self._annotationCount + 1}"
        rl.tie_annotation(annotation, tagger.annotation(name), link_text(rl.link_target(annotation), tagger))
        self._lp_page_links += 1
        super()._addAnnotation(annotation, name, addtopage)

    def drawText(self, aTextObject) -> None:  # noqa: ANN001, N802, N803 - ReportLab's names
        if self._lp_tagger is None:
            super().drawText(aTextObject)
            return
        rl.page_code(self).append(with_actual_text(aTextObject, str(aTextObject.getCode())))

    def save(self) -> None:
        tagger, info = self._lp_tagger, self._lp_info
        if tagger is not None and info is not None:
            if rl.page_code(self) not in ([], [tagger.fresh_page]):
                self.showPage()
            rl.page_code(self).clear()  # the page after the last one: nothing is drawn on it
            write_structure(self, tagger, info)
        super().save()


def link_text(target: str, tagger: Tagger) -> str:
    """What a link annotation's /Contents says: the link's own description (a contents entry
    names its lesson), else where it goes (a web address without `https://`, a phone number)."""
    leaf = tagger.leaf
    described = leaf.tag.contents if leaf is not None and leaf.tag is not None else None
    if described:
        return described
    for prefix in ("https://", "http://", "mailto:", "tel:"):
        if target.startswith(prefix):
            return target[len(prefix) :].rstrip("/")
    return target or "Link"


@contextmanager
def structure(canvas, tag: Tag, box: tuple[float, float, float, float] | None = None) -> Iterator[None]:  # noqa: ANN001
    """What is drawn inside is the content of `tag`'s element, when the canvas is tagged.

    For things drawn straight on the canvas (a logo, at `box` on the page), not as a flowable.
    A `once` tag that already has content leaves the drawing where it is: inside a page header,
    an artifact."""
    tagger = getattr(canvas, "_lp_tagger", None)
    if tagger is None or (tag.once and tagger.has(tag)):
        yield
        return
    with tagger.content(tag, (lambda: box) if box else None):
        yield


@contextmanager
def group(canvas, tag: Tag) -> Iterator[None]:  # noqa: ANN001 - a Canvas
    """The elements of what is drawn inside sit in a `tag` group (a slide's Sect), when the
    canvas is tagged."""
    tagger = getattr(canvas, "_lp_tagger", None)
    if tagger is None:
        yield
        return
    with tagger.group(tag):
        yield


@contextmanager
def decoration(canvas, kind: str = "Pagination") -> Iterator[None]:  # noqa: ANN001 - a Canvas
    """What is drawn inside is an artifact (a slide's footer), when the canvas is tagged; a
    flowable drawn inside with a tag of its own (a draft notice read once) is still read."""
    tagger = getattr(canvas, "_lp_tagger", None)
    if tagger is None:
        yield
        return
    with tagger.artifact(artifact_line(artifact(kind))):
        yield

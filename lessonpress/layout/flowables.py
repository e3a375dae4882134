"""Small flowables the handout needs and ReportLab lacks: bookmarked headings, tick boxes,
write-in lines and QR codes. Tick boxes and write-in lines mirror on right-to-left pages."""

from __future__ import annotations

import itertools
from functools import cache

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from .complex_scripts import ScriptParagraph
from .tagging.roles import figure, tag

QR_MAX_CHARS = 400
QUIET_ZONE = 4  # modules of white around a QR code, inside its box (the standard's 4)
QR_MIN_SYMBOL = 20 * 72 / 25.4  # the code itself is never printed smaller than 20 mm


class Heading(ScriptParagraph):
    """A section heading that adds itself to the PDF outline (bookmarks) when drawn."""

    def __init__(
        self,
        text: str | None,
        style,
        outline_title: str = "",
        key: str = "",  # noqa: ANN001
        level: int = 0,
        **kw,
    ) -> None:  # noqa: ANN003 - ReportLab's split passes frags
        super().__init__(text, style, **kw)
        self.outline_title = outline_title
        self.outline_key = key
        self.outline_level = level

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = super().split(avail_width, avail_height)
        if len(parts) > 1:  # the bookmark goes with the first part
            first = parts[0]
            first.outline_title, first.outline_key = self.outline_title, self.outline_key
            first.outline_level = self.outline_level
        return parts

    def draw(self) -> None:
        super().draw()
        if not self.outline_key:
            return
        canv = self.canv
        canv.bookmarkPage(self.outline_key, fit="XYZ", top=None)
        canv.addOutlineEntry(self.outline_title, self.outline_key, level=self.outline_level, closed=False)


def _runs_rtl(paragraph: Paragraph) -> bool:
    return getattr(paragraph.style, "wordWrap", None) == "RTL"


class CheckItem(Flowable):
    """A paragraph with an empty tick box in front of its first line (on its right, when the
    paragraph runs right to left)."""

    def __init__(self, paragraph: Paragraph, box: float, color: str, line: float = 0.9) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.box = box
        self.color = color
        self.line = line
        self.indent = box * 1.8

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        w, h = self.paragraph.wrap(avail_width - self.indent, avail_height)
        self.width, self.height = w + self.indent, h
        return self.width, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.paragraph.split(avail_width - self.indent, avail_height)
        if not parts:
            return []
        first = CheckItem(parts[0], self.box, self.color, self.line)
        return [first, *[_Indented(p, self.indent) for p in parts[1:]]]

    def getSpaceAfter(self) -> float:  # noqa: N802 - ReportLab's name
        return self.paragraph.getSpaceAfter()

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.paragraph.getSpaceBefore()

    def draw(self) -> None:
        canv = self.canv
        style = self.paragraph.style
        top = self.height - style.leading + (style.leading - style.fontSize) / 2
        y = top + (style.fontSize - self.box) / 2 - style.fontSize * 0.12
        rtl = _runs_rtl(self.paragraph)
        canv.saveState()
        canv.setStrokeColor(self.color)
        canv.setLineWidth(self.line)
        canv.rect(self.width - self.box if rtl else 0, y, self.box, self.box, stroke=1, fill=0)
        canv.restoreState()
        self.paragraph.drawOn(canv, 0 if rtl else self.indent, 0)


class _Indented(Flowable):
    """The rest of a split CheckItem: the same indent, no box."""

    def __init__(self, paragraph: Paragraph, indent: float) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.indent = indent

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        w, h = self.paragraph.wrap(avail_width - self.indent, avail_height)
        self.width, self.height = w + self.indent, h
        return self.width, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.paragraph.split(avail_width - self.indent, avail_height)
        return [_Indented(p, self.indent) for p in parts]

    def draw(self) -> None:
        self.paragraph.drawOn(self.canv, 0 if _runs_rtl(self.paragraph) else self.indent, 0)


class Inset(Flowable):
    """A flowable moved `indent` points in from the side where reading starts (the right, right
    to left). Unlike an Indenter it needs no document, so it also works in a frame of its own."""

    def __init__(self, inner: Flowable, indent: float, rtl: bool = False) -> None:
        super().__init__()
        self.inner, self.indent, self.rtl = inner, indent, rtl

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.inner.wrap(avail_width - self.indent, avail_height)
        self.width, self.height = avail_width, h
        return self.width, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.inner.split(avail_width - self.indent, avail_height)
        return [Inset(p, self.indent, self.rtl) for p in parts]

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab's name
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.inner.getSpaceAfter()

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0 if self.rtl else self.indent, 0)


class WriteInLines(Flowable):
    """Ruled lines to write an answer on, `indent` in from the side where reading starts."""

    def __init__(
        self, count: int, spacing: float, color: str, indent: float = 0, rtl: bool = False, line: float = 0.6
    ) -> None:
        super().__init__()
        self.line = line
        self.count = count
        self.spacing = spacing
        self.color = color
        self.indent = indent
        self.rtl = rtl

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.count * self.spacing
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """The lines that fit here and the rest on the next page (large print on A5 can make
        the block taller than a page, which no page could hold)."""
        frame = getattr(self, "_frame", None)
        if frame is not None and self.count * self.spacing <= frame._height:
            return []  # fits on the next page: moves there whole
        fit = int(avail_height // self.spacing)
        if fit < 1 or fit >= self.count:
            return []
        return [self._with(fit), self._with(self.count - fit)]

    def _with(self, count: int) -> WriteInLines:
        return WriteInLines(count, self.spacing, self.color, self.indent, self.rtl, self.line)

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.color)
        canv.setLineWidth(self.line)
        start, end = (0, self.width - self.indent) if self.rtl else (self.indent, self.width)
        for i in range(self.count):
            y = i * self.spacing + 1
            canv.line(start, y, end, y)
        canv.restoreState()


class QRCode(Flowable):
    """A square QR code, drawn as one filled path of horizontal runs.

    Encoding is cached per text (the same helpline addresses recur in every lesson), and the
    modules are drawn straight onto the canvas rather than through ReportLab's graphics widget,
    which encodes twice and draws each run as its own shape: 20x faster per code. Usable as the
    picture of ImageAndFlowables (text flows beside it).
    """

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.runs = qr_runs(data)
        count = self.runs[0]
        # Big enough that the modules alone span 20 mm (photocopies and phones need it).
        self.width = self.height = max(size, QR_MIN_SYMBOL * (count + 2 * QUIET_ZONE) / count)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _restrictSize(self, avail_width: float, avail_height: float) -> tuple[float, float]:  # noqa: N802
        return self.width, self.height

    def _unRestrictSize(self) -> None:  # noqa: N802
        pass

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setFillColor("#000000")
        canv.drawPath(
            PDFPathObject(code=[_qr_path_code(self.runs, self.width, self.height)]), stroke=0, fill=1
        )
        canv.restoreState()


@cache
def _qr_path_code(runs: tuple[int, tuple[tuple[int, int, int], ...]], width: float, height: float) -> str:
    """The path operators of a QR code's dark runs (the same codes recur in every lesson, and
    formatting their ~1,000 numbers was a twentieth of a handout's time)."""
    count, dark = runs
    box = width / (count + 2 * QUIET_ZONE)  # a light margin phones need to lock on
    path = PDFPathObject()
    for row, column, length in dark:
        path.rect((column + QUIET_ZONE) * box, height - (row + 1 + QUIET_ZONE) * box, length * box, box)
    return path.getCode()


@cache
def qr_runs(data: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """(modules per side, dark runs as (row, column, length)) of a QR code, error level M."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(data)
    code.make()
    runs = []
    for r, row in enumerate(code.modules):
        column = 0
        for dark, group in itertools.groupby(bool(m) for m in row):
            length = len(list(group))
            if dark:
                runs.append((r, column, length))
            column += length
    return code.getModuleCount(), tuple(runs)


def qr_code(data: str, size: float, alt: str = "QR code for {address}") -> QRCode | None:
    """A QR code of `size` points (larger if its modules would span less than 20 mm), or None
    when the data is too long to scan on paper. A screen reader reads `alt` instead ("QR code
    for takeitdown.ncmec.org")."""
    if len(data) > QR_MAX_CHARS:
        return None
    return tag(QRCode(data, size), figure(alt.format(address=qr_address(data))))


def qr_address(url: str) -> str:
    """A web address as a QR code's description names it: no scheme, no trailing slash."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
    return url.rstrip("/") if url.count("/") <= 1 else url


def kept_together(flowables: list[Flowable]) -> KeepTogether:
    """One KeepTogether of the flowables, with the content of any KeepTogether among them (one
    inside another measures as taller than any page, so it would always start a new page)."""
    flat: list[Flowable] = []
    for f in flowables:
        flat += f._content if isinstance(f, KeepTogether) else [f]
    return KeepTogether(flat)

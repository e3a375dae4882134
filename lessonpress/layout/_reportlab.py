"""Import ReportLab so that nothing outside lessonpress can change how it behaves.

ReportLab reads `RL_*` environment variables and executes any `reportlab_settings.py` it finds on
`sys.path` when it is first imported (RELIABILITY.md §0, item 2): a lesson folder could carry
one, and `RL_trustedHosts=*` or `RL_toColorCanUse=rl_safe_eval` would reopen the network and
`eval` paths. So the first import hides both, and the security settings are then pinned. Import
ReportLab in lessonpress only after importing this module.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any


def _safe_import() -> None:
    if "reportlab.rl_config" in sys.modules:
        from reportlab import rl_config
    else:
        cwd = os.path.realpath(os.getcwd())
        saved_path = sys.path[:]
        saved_env = {k: v for k, v in os.environ.items() if k.startswith("RL_")}
        sys.path[:] = [p for p in saved_path if p and os.path.realpath(p) != cwd]
        for key in saved_env:
            del os.environ[key]
        try:
            from reportlab import rl_config
        finally:
            sys.path[:] = saved_path
            os.environ.update(saved_env)
    rl_config.trustedHosts = None
    rl_config.trustedSchemes = ["file", "rml", "data", "https", "http"]
    rl_config.toColorCanUse = "rl_extended_literal_eval"
    rl_config.invariant = 1


_safe_import()


# -- a faster start: ReportLab's web-address pattern compiled when first used ---------------
# `reportlab.platypus.paragraph` compiles, as it is imported, a case-insensitive pattern over
# most of Unicode (`uri_pat`) that only hyphenating a long web address with `uriWasteReduce`
# uses, which lessonpress never sets (layout/help.py breaks addresses itself). Compiling it took
# ~35 ms, a tenth of a cold one-lesson build. Here it is compiled on its first use instead.

URI_PATTERN_PREFIX = "(^(?:[a-z0-9\\.\\-\\+]*)://)"


class LazyPattern:
    """A compiled pattern, compiled the first time it is used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:
        if self._compiled is None:
            self._compiled = _compile(*self._args)
        return getattr(self._compiled, name)


def _import_paragraph_lazily() -> None:
    """Import `reportlab.platypus.paragraph` with its web-address pattern left uncompiled."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return

    def compile_later(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and pattern.startswith(URI_PATTERN_PREFIX):
            return LazyPattern(pattern, flags)
        return _compile(pattern, flags)

    re.compile = compile_later
    try:
        import reportlab.platypus.paragraph  # noqa: F401
    finally:
        re.compile = _compile


_compile = re.compile
_import_paragraph_lazily()


# -- named patches and internals used by tagged output (layout/tagging/) ----------------------
# Tagging needs a few things ReportLab 5.1 has no API for. Each is named here, applied once by
# `apply_patches()` (importing `layout.tagging` does it), restorable from UNPATCHED and covered by
# tests/layout/test_tagging.py. Every patch does nothing unless the canvas carries a tagger
# (`canvas._lp_tagger`), so untagged output is byte-for-byte what ReportLab alone writes.

DRAW_ON = "Flowable.drawOn: marked content around what each flowable draws"
BULLET = "paragraph._drawBullet: a list item's bullet as its Lbl"
SPLIT = "Paragraph.split: the parts of a split paragraph are one structure element"
FRAME_SPLIT = "Frame.split: the parts of any flowable a frame splits share its role"
SHAPE = "paragraph.shapeFragWord: a shaped word remembers the text it was shaped from"
TEXT_OUT = "PDFTextObject._textOut: a paragraph's runs noted for its ActualText"
TO_UNICODE = "ttfonts.makeToUnicodeCMap: a glyph's code maps to its share of its cluster's text"
UNPATCHED: dict[str, object] = {}


def _patch_draw_on() -> None:
    from reportlab.platypus.flowables import Flowable

    original = UNPATCHED[DRAW_ON] = Flowable.drawOn

    def draw_on(self, canvas, x, y, _sW=0):  # noqa: ANN001, ANN202, N803 - ReportLab's signature
        tagger = getattr(canvas, "_lp_tagger", None)
        if tagger is None:
            return original(self, canvas, x, y, _sW)
        return tagger.draw(
            self, lambda: original(self, canvas, x, y, _sW), lambda: _bbox(canvas, self, x, y, _sW)
        )

    Flowable.drawOn = draw_on


def _bbox(canvas, flowable, x: float, y: float, sw: float) -> tuple[float, float, float, float]:  # noqa: ANN001
    """The page rectangle a flowable about to be drawn at (x, y) covers."""
    a, b, c, d, e, f = canvas._currentMatrix
    x = flowable._hAlignAdjust(x, sw)
    corners = [(x, y), (x + flowable.width, y + flowable.height)]
    points = [(a * px + c * py + e, b * px + d * py + f) for px, py in corners]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _patch_bullet() -> None:
    import reportlab.platypus.paragraph as paragraph

    original = UNPATCHED[BULLET] = paragraph._drawBullet

    def draw_bullet(canvas, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        tagger = getattr(canvas, "_lp_tagger", None)
        if tagger is None:
            return original(canvas, *args, **kwargs)
        result = []
        tagger.label(lambda: result.append(original(canvas, *args, **kwargs)))
        return result[0]

    paragraph._drawBullet = draw_bullet


def _share_tag(whole, parts: list) -> list:  # noqa: ANN001
    """The parts of a split flowable are one structure element with the whole: they carry its
    tag (a paragraph without one its default role), unless a part has a role of its own."""
    from .tagging.roles import default_tag, tag_of

    if len(parts) > 1:
        tag = tag_of(whole) or default_tag(whole)
        if tag is not None and tag.leaf:  # a group (Sect) wraps whatever its parts draw
            whole._lp_tag = tag
            for part in parts:
                if tag_of(part) is None:
                    part._lp_tag = tag
    return parts


def _patch_split() -> None:
    from reportlab.platypus import Paragraph

    original = UNPATCHED[SPLIT] = Paragraph.split

    def split(self, availWidth, availHeight):  # noqa: ANN001, ANN202, N803
        return _share_tag(self, original(self, availWidth, availHeight))

    Paragraph.split = split


def _patch_frame_split() -> None:
    from reportlab.platypus import Frame

    original_frame = UNPATCHED[FRAME_SPLIT] = Frame.split

    def frame_split(self, flowable, canv):  # noqa: ANN001, ANN202
        return _share_tag(flowable, original_frame(self, flowable, canv))

    Frame.split = frame_split


def _patch_text_out() -> None:
    from reportlab.pdfgen.textobject import PDFTextObject

    from .tagging.actual_text import record

    original = UNPATCHED[TEXT_OUT] = PDFTextObject._textOut

    def text_out(self, text, TStar=0):  # noqa: ANN001, ANN202, N803
        if getattr(self._canvas, "_lp_tagger", None) is not None:
            record(self, text, bool(TStar))
        return original(self, text, TStar)

    PDFTextObject._textOut = text_out


def _patch_shape() -> None:
    import reportlab.platypus.paragraph as paragraph

    from .tagging.actual_text import remember

    original = UNPATCHED[SHAPE] = paragraph.shapeFragWord

    def shape(w, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        return remember(w, original(w, *args, **kwargs))

    paragraph.shapeFragWord = shape


def _patch_to_unicode() -> None:
    from reportlab.pdfbase import ttfonts

    from .tagging.actual_text import ALIAS_TEXT

    original = UNPATCHED[TO_UNICODE] = ttfonts.makeToUnicodeCMap

    def make_cmap(fontname, subset):  # noqa: ANN001, ANN202
        if not any(v in ALIAS_TEXT or v > 0xFFFF for v in subset):
            return original(fontname, subset)
        cmap = original(fontname, [0] * len(subset)).split("\n")
        start = cmap.index(f"{len(subset)} beginbfchar") + 1
        cmap[start : start + len(subset)] = [
            f"<{i:02X}> <{ALIAS_TEXT.get(v, chr(v)).encode('utf-16-be').hex().upper()}>"
            for i, v in enumerate(subset)
        ]
        return "\n".join(cmap)

    ttfonts.makeToUnicodeCMap = make_cmap


PATCHES = {
    DRAW_ON: _patch_draw_on,
    BULLET: _patch_bullet,
    SPLIT: _patch_split,
    FRAME_SPLIT: _patch_frame_split,
    SHAPE: _patch_shape,
    TEXT_OUT: _patch_text_out,
    TO_UNICODE: _patch_to_unicode,
}
_applied: set[str] = set()


def apply_patches() -> None:
    """Apply each tagging patch once per process."""
    for name, patch in PATCHES.items():
        if name not in _applied:
            patch()
            _applied.add(name)


def page_code(canvas) -> list[str]:  # noqa: ANN001
    """The content-stream lines of the page (or form) being drawn."""
    return canvas._code


def document(canvas):  # noqa: ANN001, ANN201
    """The canvas's PDFDocument (to register objects with)."""
    return canvas._doc


def page_ref(number: int):  # noqa: ANN201
    """A reference to page `number` (from 1), by the name ReportLab registers it under."""
    from reportlab.pdfbase.pdfdoc import PDFObjectReference

    return PDFObjectReference(f"Page{number}")


def annotation_ref(doc, name: str):  # noqa: ANN001, ANN201
    """A reference to the annotation registered as `name`."""
    return doc.refAnnotation(name)


def set_catalog(canvas, key: str, value) -> None:  # noqa: ANN001
    """A catalog entry (ReportLab writes the keys it knows, StructTreeRoot and MarkInfo among them)."""
    setattr(canvas._doc.Catalog, key, value)


def set_page_entries(page, **entries) -> None:  # noqa: ANN001, ANN003
    """Extra entries of a page dictionary (ReportLab writes only the keys its class lists)."""
    keys = [k for k in entries if k not in page.__NoDefault__]
    if keys:
        page.__NoDefault__ = [*page.__NoDefault__, *keys]
    for key, value in entries.items():
        setattr(page, key, value)


def xmp_stream(packet: str):  # noqa: ANN201
    """An uncompressed /Metadata stream of an XMP packet (UTF-8)."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream

    stream = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}))
    stream.content = packet.encode("utf-8")
    stream.filters = []
    return stream


def link_target(annotation) -> str:  # noqa: ANN001
    """The web address a link annotation opens ("" for a link inside the document)."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary

    if not isinstance(annotation, PDFDictionary) or "A" not in annotation:
        return ""
    action = annotation["A"]
    uri = action["URI"] if isinstance(action, PDFDictionary) and "URI" in action else None
    value = getattr(uri, "s", uri) if uri is not None else ""
    return value.decode("latin-1") if isinstance(value, bytes) else str(value or "")


def tie_annotation(annotation, struct_parent: int, contents: str) -> None:  # noqa: ANN001
    """Give a link annotation its /StructParent, and /Contents unless it has some. linkURL makes
    a plain dictionary; linkRect a LinkAnnotation, which only writes the keys it permits."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFString

    if isinstance(annotation, PDFDictionary):
        annotation["StructParent"] = struct_parent
        if "Contents" not in annotation:
            annotation["Contents"] = PDFString(contents)
        return
    annotation.permitted = (*annotation.permitted, "StructParent")
    annotation.otherkw["StructParent"] = struct_parent
    if not getattr(annotation, "Contents", ""):
        annotation.Contents = contents


# -- named patches ------------------------------------------------------------------------------
# Each replaces one ReportLab function with an equivalent that gives the same bytes faster;
# SERIALISER_UNPATCHED keeps what it replaced, so a test can compare the two on real documents;
# `unpatched` puts it back and `repatched` applies the patch again.

PDF_SERIALISER = "PDF object serialisation"
SERIALISER_UNPATCHED: dict[str, dict[str, object]] = {}  # patch -> its originals, by a test's key
_REPLACED: dict[str, list[tuple[object, str, object]]] = {}  # patch -> (owner, attribute, original)


def _replace(patch: str, owner: object, name: str, new: object, key: str | None = None) -> None:
    """Put `new` in place of `owner.name` for a speed patch, keeping the original for
    `unpatched` and (under `key`, else `name`) in SERIALISER_UNPATCHED."""
    original = getattr(owner, name)
    SERIALISER_UNPATCHED.setdefault(patch, {})[key or name] = original
    _REPLACED.setdefault(patch, []).append((owner, name, original))
    setattr(owner, name, new)


def copies_plainly(cls: type) -> bool:
    """True for a class whose objects `copy` copies as a new object with the same `__dict__`:
    one with a `__dict__` that customises neither copying, pickling nor object creation."""
    if cls not in _PLAIN:
        _PLAIN[cls] = "__dict__" in dir(cls) and not any(
            name in vars(c) for c in cls.__mro__[:-1] for name in _COPIES_ITSELF
        )
    return _PLAIN[cls]


_COPIES_ITSELF = (
    "__copy__",
    "__deepcopy__",
    "__reduce__",
    "__reduce_ex__",
    "__getstate__",
    "__setstate__",
    "__slots__",
    "__new__",
)
_PLAIN: dict[type, bool] = {}


def _patch_pdf_serialiser() -> None:
    """Patch 1, `pdfdoc.format`, `pdfdoc.pdfdocEnc` and `PDFDictionary.format`: writing a
    document's objects was a sixth of a warm handout. Every dictionary key went through
    `PDFName` (a loop over its characters) and every string, name and number through the
    `extpdfdoc` codec, one Python call each, tens of thousands of times per document. Now a
    key's bytes are remembered, and text that is ASCII without the eight control characters
    PDFDocEncoding redefines (U+0018-U+001F) is encoded as ASCII, which gives the same bytes.
    Everything else takes ReportLab's own path."""
    from collections import OrderedDict
    from functools import lru_cache

    from reportlab import rl_config
    from reportlab.lib.rl_accel import fp_str
    from reportlab.pdfbase import pdfdoc

    unpatched_format, unpatched_enc = pdfdoc.format, pdfdoc.pdfdocEnc
    redefined = frozenset(chr(c) for c in range(0x18, 0x20))
    pdf_object, ref_only = pdfdoc.PDFObject, pdfdoc.__RefOnly__

    def pdfdoc_enc(x: object) -> object:
        if type(x) is str:
            return x.encode("ascii") if x.isascii() and redefined.isdisjoint(x) else x.encode("extpdfdoc")
        return unpatched_enc(x)

    def format(element: object, document: object, toplevel: int = 0) -> bytes:  # noqa: A001
        kind = type(element)
        if kind is bytes:
            return element  # type: ignore[return-value]
        if kind is str:
            return pdfdoc_enc(element)  # type: ignore[return-value]
        if kind is float or kind is int:
            return fp_str(element).encode("ascii")
        plain = rl_config.invariant or not rl_config.pdfComments  # no comment before the object
        if plain and isinstance(element, pdf_object) and (toplevel or not hasattr(element, ref_only)):
            return element.format(document)
        return unpatched_format(element, document, toplevel)

    @lru_cache(maxsize=4096)
    def name(key: str) -> bytes:
        return pdfdoc_enc(pdfdoc.PDFName(key))  # type: ignore[return-value]

    def dictionary_format(self: pdfdoc.PDFDictionary, document: object, IND: bytes = b"\n ") -> bytes:  # noqa: N803
        entries = self.dict
        keys = list(entries.keys())
        if not isinstance(entries, OrderedDict):
            keys.sort()
        lines = [name(k) + b" " + format(entries[k], document) for k in keys]
        if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
            body = IND.join(lines)
        else:
            insert = lines.insert
            for i in reversed(range(6, len(lines), 6)):
                insert(i, b"\n ")
            body = b" ".join(lines)
        return b"<<\n" + body + b"\n>>"

    _replace(PDF_SERIALISER, pdfdoc, "format", format)
    _replace(PDF_SERIALISER, pdfdoc, "pdfdocEnc", pdfdoc_enc)
    _replace(PDF_SERIALISER, pdfdoc.PDFDictionary, "format", dictionary_format, "PDFDictionary.format")


SPLIT_STRING = "TTFont.splitString: text whose characters all have codes is encoded in one call"


class _Codes(dict):
    """A document's character -> subset-0 code table for `str.translate`; a character without
    one (new to the document, missing from the font, or in a later subset) becomes U+0100,
    which no subset-0 code is, so the caller can tell."""

    def __missing__(self, key: int) -> str:
        return "\u0100"


def _patch_split_string() -> None:
    """Patch 2, `TTFont.splitString`: turning text into a font subset's one-byte codes was
    about a twentieth of a warm handout, one Python loop step per character. Once a document
    has given each character of a text its code in the first subset (nearly every text after
    the first lines of a page), the text is encoded by `str.translate` through a table of those
    same codes. A text with any other character takes ReportLab's own path, which gives codes
    to new characters exactly as before."""
    from itertools import islice

    from reportlab.pdfbase.ttfonts import TTFont

    original = TTFont.splitString

    def split_string(self, text, doc, encoding="utf-8"):  # noqa: ANN001, ANN202 - ReportLab's signature
        state = self.state.get(doc) if type(text) is str else None
        if state is None or not text:
            return original(self, text, doc, encoding)
        assignments, table = state.assignments, getattr(state, "_lp_codes", None)
        if table is None:
            table, state._lp_counted = _Codes(), 0  # _lp_counted: assignments in the table
            state._lp_codes = table
        if len(assignments) != state._lp_counted:
            for code, n in islice(assignments.items(), state._lp_counted, None):
                if n < 256:
                    table[code] = chr(n)
            if 32 in table:
                table[0xA0] = table[32]  # ReportLab prints a no-break space as a space
            state._lp_counted = len(assignments)
        try:
            return [(0, text.translate(table).encode("latin-1"))]
        except UnicodeEncodeError:
            return original(self, text, doc, encoding)

    _replace(SPLIT_STRING, TTFont, "splitString", split_string, "TTFont.splitString")


SAME_FRAG = "paragraph.sameFrag: two style runs compared through their dictionaries"
_MISSING = object()


def _patch_same_frag() -> None:
    """Patch 3, `sameFrag`: ReportLab's C function asks each run for `cbDefn`, `lineBreak`
    and eight style attributes; most runs have few of them, and every missing one raised and
    cleared an AttributeError, so one call took ~7 us, about 12 000 calls in a 41-handout
    build. For two plain `ParaFrag`s, whose attributes all live in their `__dict__`, the same
    rule is read from the dictionaries (~1 us): a callback or line break is never the same,
    and each attribute must be missing from both or equal in both (an object equals
    itself, as C's comparison has it). Other kinds of run go to ReportLab's function."""
    from reportlab.platypus import paragraph
    from reportlab.platypus.paraparser import ParaFrag

    original = paragraph.sameFrag
    names = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")

    def same_frag(f, g):  # noqa: ANN001, ANN202 - ReportLab's signature
        if type(f) is not ParaFrag or type(g) is not ParaFrag:
            return original(f, g)
        fd, gd = f.__dict__, g.__dict__
        if "cbDefn" in fd or "lineBreak" in fd or "cbDefn" in gd or "lineBreak" in gd:
            return False
        for name in names:
            a, b = fd.get(name, _MISSING), gd.get(name, _MISSING)
            if a is not b and (a is _MISSING or b is _MISSING or a != b):
                return False
        return True

    _replace(SAME_FRAG, paragraph, "sameFrag", same_frag)


FRAME_COPY = "flowables.deepcopy: the frame a KeepTogether is measured in"
_ATOMIC = (int, float, str, bool, type(None))


def _patch_frame_copy() -> None:
    """Patch 4, the `deepcopy` that `flowables._listWrapOn` makes of the document's current
    frame before measuring a KeepTogether's content (so that what the content adds to a frame
    while measured is thrown away): ~660 copies in a 41-handout build, each walking the
    frame's two dozen attributes through `copy.deepcopy`. A plain frame whose attributes are
    numbers, strings, booleans, None or unshared lists of those is copied directly: a new
    frame with the same values and a new copy of each list, which is what deepcopy makes of
    it. Anything else (`style` deep-copied in the same module, another frame) goes to
    deepcopy."""
    from copy import deepcopy

    from reportlab.platypus import flowables
    from reportlab.platypus.frames import Frame

    def frame_copy(x, memo=None):  # noqa: ANN001, ANN202 - copy.deepcopy's signature
        cls = type(x)
        if memo is not None or not isinstance(x, Frame):
            return deepcopy(x, memo)
        state, lists = x.__dict__, set()
        for value in state.values():
            kind = type(value)
            if kind in _ATOMIC:
                continue
            if kind is not list or id(value) in lists or not all(type(v) in _ATOMIC for v in value):
                return deepcopy(x)
            lists.add(id(value))
        if not copies_plainly(cls):
            return deepcopy(x)
        new = object.__new__(cls)
        new.__dict__.update({k: v[:] if type(v) is list else v for k, v in state.items()})
        return new

    _replace(FRAME_COPY, flowables, "deepcopy", frame_copy)


PLAIN_PARSE = "ParaParser.parse: text without tags or entities skips the HTML scanner"


def _patch_plain_parse() -> None:
    """Patch 5, `ParaParser.parse`: most paragraphs (~2300 of ~2700 in a 41-handout build)
    have no `<` and no `&`, and each still went through HTMLParser's scanner (~35 us, about a
    twenty-fifth of the build). For such text the parser's own handlers are called as the
    scanner calls them on `<para>text</para>`: the start tag without attributes, the text as
    one piece of data, the end tag. Text with a tag or an entity goes through `feed` as before."""
    from reportlab.lib.utils import annotateException, asUnicode
    from reportlab.platypus.paraparser import ParaParser

    original = ParaParser.parse

    def parse(self, text, style):  # noqa: ANN001, ANN202 - ReportLab's signature
        text = asUnicode(text)
        if "<" in text or "&" in text:
            return original(self, text, style)
        self._setup_for_parse(style)
        try:
            self.handle_starttag("para", [])
            if text:
                self.handle_data(text)
            self.handle_endtag("para")
        except Exception:
            annotateException(f"\nparagraph text {ascii(text)} caused exception")
        return self._complete_parse()

    _replace(PLAIN_PARSE, ParaParser, "parse", parse, "ParaParser.parse")


WIDTHS = "TTFont.stringWidth: a text's width in a font and size remembered"
WIDTHS_KEPT = 1 << 14  # ~3.5 MB of widths; then all are forgotten and counting starts again
_WIDTHS: dict[tuple, float] = {}


def _patch_widths() -> None:
    """Patch 6, `TTFont.stringWidth`: line breaking measures every word of every paragraph
    (~2200 measures a handout, ~1.2 µs each, a twentieth of its time), and most are words
    measured before: "the", "you", a lesson's own terms, the same text in its handout, guide and
    slides. A width depends only on the font's face, the text, the size and the encoding, so
    the widths given are remembered by those (up to WIDTHS_KEPT, then all are forgotten)."""
    from reportlab.lib.rl_accel import instanceStringWidthTTF
    from reportlab.pdfbase.ttfonts import TTFont

    widths = _WIDTHS

    def string_width(self, text, size, encoding="utf8"):  # noqa: ANN001, ANN202 - ReportLab's signature
        key = (self, text, size, encoding)
        width = widths.get(key)
        if width is None:
            width = instanceStringWidthTTF(self, text, size, encoding)
            if len(widths) >= WIDTHS_KEPT:
                widths.clear()
            widths[key] = width
        return width

    _replace(WIDTHS, TTFont, "stringWidth", string_width, "TTFont.stringWidth")


def unpatched(patch: str) -> None:
    """Put ReportLab's own functions back (for tests that compare output with and without)."""
    for owner, name, original in reversed(_REPLACED.pop(patch)):
        setattr(owner, name, original)


def repatched(patch: str) -> None:
    """Apply a patch again after `unpatched`."""
    SPEED_PATCHES[patch]()


SPEED_PATCHES = {
    PDF_SERIALISER: _patch_pdf_serialiser,
    SPLIT_STRING: _patch_split_string,
    SAME_FRAG: _patch_same_frag,
    FRAME_COPY: _patch_frame_copy,
    PLAIN_PARSE: _patch_plain_parse,
    WIDTHS: _patch_widths,
}
for _patch in SPEED_PATCHES.values():
    _patch()

"""Turn a Tagger's element tree into the PDF objects of a tagged document (PDF/UA-1).

Written with ReportLab's own document objects when the canvas is saved, so the file is written
once and stays byte-identical for the same input: the structure tree root with its parent tree
(each page's MCIDs and each link annotation back to their elements), `/StructParents` and
`/Tabs /S` on the pages, `/StructParent` and `/Contents` on link annotations, `/MarkInfo`, and
XMP metadata with `dc:title` and `pdfuaid:part`. `/Lang` and `/ViewerPreferences
/DisplayDocTitle` come with the document itself (`render.py`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

from .. import _reportlab as rl
from .roles import Tag
from .tagger import Annotation, Element, Tagger


def _xml_text(text: str) -> str:
    """`&`, `<` and `>` escaped for XML character data (as `xml.sax.saxutils.escape`, whose
    module imports `urllib.request`, ~20 ms of a cold start)."""
    return html.escape(text, quote=False)


@dataclass(frozen=True)
class DocumentInfo:
    """What the XMP packet says about the document."""

    title: str
    language: str
    author: str = ""
    subject: str = ""
    creator: str = "lessonpress"


def prune(element: Element) -> bool:
    """Drop elements that ended up with no content (a paragraph that drew nothing); put kids that
    carry a reading order in it. Returns whether the element keeps any content."""
    kept = []
    for kid in element.kids:
        if not isinstance(kid, Element) or prune(kid):
            kept.append(kid)
    element.kids = _reading_order(kept)
    return bool(element.kids)


def _reading_order(kids: list) -> list:
    """Runs of sibling elements from one ordered group (a right-to-left row of cells, drawn
    left to right) sorted by their position in reading order."""
    out: list = []
    run: list[Element] = []
    group = None

    def flush() -> None:
        out.extend(sorted(run, key=lambda e: e.tag.order[1]))
        run.clear()

    for kid in kids:
        order = kid.tag.order if isinstance(kid, Element) and kid.tag is not None else None
        if order is not None and (not run or order[0] == group):
            run.append(kid)
            group = order[0]
            continue
        flush()
        if order is not None:
            run.append(kid)
            group = order[0]
        else:
            out.append(kid)
    flush()
    return out


def write_structure(canvas, tagger: Tagger, info: DocumentInfo) -> None:  # noqa: ANN001 - a Canvas
    """Add the structure tree and document-level entries to the canvas's document."""
    prune(tagger.root)
    doc = rl.document(canvas)
    refs: dict[int, object] = {}
    elements: list[Element] = []
    _collect(tagger.root, elements)
    dicts = {id(e): _compact(PDFDictionary()) for e in elements}
    for e in elements:
        refs[id(e)] = doc.Reference(dicts[id(e)])
    root = PDFDictionary({"Type": PDFName("StructTreeRoot"), "K": refs[id(tagger.root)]})
    root_ref = doc.Reference(root)
    for e in elements:
        _fill(dicts[id(e)], e, refs, root_ref if e.parent is None else refs[id(e.parent)], doc)
    entries: dict[int, object] = {}
    for page, key in tagger.page_keys.items():
        entries[key] = PDFArray([refs[id(e)] for e in tagger.pages[page]])
    for annotation, link in tagger.annotations:
        entries[annotation.key] = refs[id(link)]
    nums = PDFArray([x for key in sorted(entries) for x in (key, entries[key])])
    root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": nums}))
    root["ParentTreeNextKey"] = tagger.next_key
    rl.set_catalog(canvas, "StructTreeRoot", root_ref)
    rl.set_catalog(canvas, "MarkInfo", PDFDictionary({"Marked": "true"}))
    rl.set_catalog(canvas, "Metadata", rl.xmp_stream(xmp(info)))


def _collect(element: Element, out: list[Element]) -> None:
    out.append(element)
    for kid in element.kids:
        if isinstance(kid, Element):
            _collect(kid, out)


def _fill(d: PDFDictionary, e: Element, refs: dict, parent, doc) -> None:  # noqa: ANN001
    # /Type /StructElem is optional: left out, as a handout has hundreds of elements.
    d["S"] = _name(e.role)
    d["P"] = parent
    pages = [k[0] for k in e.kids if isinstance(k, tuple)] + [
        k.page for k in e.kids if isinstance(k, Annotation)
    ]
    home = pages[0] if pages else None
    if home is not None:
        d["Pg"] = rl.page_ref(home)
    kids = []
    for kid in e.kids:
        if isinstance(kid, Element):
            kids.append(refs[id(kid)])
        elif isinstance(kid, Annotation):
            kids.append(
                PDFDictionary(
                    {
                        "Type": PDFName("OBJR"),
                        "Obj": rl.annotation_ref(doc, kid.name),
                        "Pg": rl.page_ref(kid.page),
                    }
                )
            )
        elif kid[0] == home:
            kids.append(kid[1])
        else:
            kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": rl.page_ref(kid[0]), "MCID": kid[1]}))
    d["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)  # one kid needs no array
    _attributes(d, e.tag, e)


def _attributes(d: PDFDictionary, tag: Tag | None, e: Element) -> None:
    if tag is None:
        return
    if tag.alt and e.role == "Figure":
        d["Alt"] = PDFString(tag.alt)
    if tag.lang:
        d["Lang"] = PDFString(tag.lang)
    if tag.title:
        d["T"] = PDFString(tag.title)
    layout = {}
    if e.role == "Figure" and e.bbox is not None:
        layout["BBox"] = PDFArray([round(v, 2) for v in e.bbox])
    if layout:
        d["A"] = PDFDictionary({"O": PDFName("Layout"), **layout})
    if tag.scope:
        d["A"] = PDFDictionary({"O": PDFName("Table"), "Scope": PDFName(tag.scope)})
    for key, value in tag.extra.items():
        d[key] = PDFString(value) if isinstance(value, str) else value


def xmp(info: DocumentInfo) -> str:
    """The XMP packet: title, language, author, subject, creator tool and `pdfuaid:part 1`."""

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{_xml_text(text)}</rdf:li></rdf:Alt>'

    rows = [f"<dc:title>{alt(info.title)}</dc:title>"]
    if info.author:
        rows.append(f"<dc:creator><rdf:Seq><rdf:li>{_xml_text(info.author)}</rdf:li></rdf:Seq></dc:creator>")
    if info.subject:
        rows.append(f"<dc:description>{alt(info.subject)}</dc:description>")
    rows += [
        f"<dc:language><rdf:Bag><rdf:li>{_xml_text(info.language)}</rdf:li></rdf:Bag></dc:language>",
        f"<xmp:CreatorTool>{_xml_text(info.creator)}</xmp:CreatorTool>",
        "<pdfuaid:part>1</pdfuaid:part>",
    ]
    body = "\n   ".join(rows)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f"   {body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


@cache
def _name(role: str) -> str:
    return PDFName(role)


def _compact(d: PDFDictionary) -> PDFDictionary:
    """A dictionary written on one line: a handout has hundreds of elements."""
    d.multiline = False
    return d

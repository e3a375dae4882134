"""An own PDF/UA-1 checker: the Matterhorn Protocol failure conditions a program can decide.

Built on pikepdf (qpdf), independent of how lessonpress writes the structure. `problems(data)`
returns one line per failed condition, each starting with its Matterhorn checkpoint:

- 01 all content is tagged or an artifact; every MCID on a page is in the parent tree, points
  back to an element that refers to it, and is used once (01-004 .. 01-007, 06 in part);
- 02 structure types are standard (or role-mapped to one);
- 06 XMP metadata with dc:title and pdfuaid:part 1; 07 /DisplayDocTitle true;
- 09 /MarkInfo /Marked true; 11 /Lang on the catalog (and valid tags on elements);
- 13 Figures carry /Alt (or /ActualText);
- 14 headings start at H1 and never skip a level;
- 15 tables have TH cells, each with /Scope;
- 28 link annotations sit in a Link element (OBJR) and carry /Contents; pages with
  annotations have /Tabs /S;
- 31 fonts are embedded and their ToUnicode maps every code the pages use (to no U+0000,
  U+FEFF or U+FFFE).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pikepdf

STANDARD = frozenset(
    [
        "Document",
        "Part",
        "Art",
        "Sect",
        "Div",
        "BlockQuote",
        "Caption",
        "TOC",
        "TOCI",
        "Index",
        "NonStruct",
        "Private",
        "H",
        "H1",
        "H2",
        "H3",
        "H4",
        "H5",
        "H6",
        "P",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "Table",
        "TR",
        "TH",
        "TD",
        "THead",
        "TBody",
        "TFoot",
        "Span",
        "Quote",
        "Note",
        "Reference",
        "BibEntry",
        "Code",
        "Link",
        "Annot",
        "Ruby",
        "RB",
        "RT",
        "RP",
        "Warichu",
        "WT",
        "WP",
        "Figure",
        "Formula",
        "Form",
    ]
)
PAINT = frozenset(["Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "EI"])
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def problems(data: bytes) -> list[str]:
    """Every failed condition of the document, as readable lines (empty when it passes)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = _document(pdf)
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return [*out, "01 no structure tree"]
        tree = _Tree(pdf, root)
        out += tree.problems
        for number, page in enumerate(pdf.pages, 1):
            out += [f"page {number}: {p}" for p in _page(pdf, page, number, tree)]
        out += _fonts(pdf)
    return out


def _document(pdf: pikepdf.Pdf) -> list[str]:
    out = []
    mark = pdf.Root.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        out.append("09 /MarkInfo /Marked is not true")
    lang = str(pdf.Root.get("/Lang", ""))
    if not _LANG.match(lang):
        out.append(f"11 catalog /Lang missing or invalid: {lang!r}")
    prefs = pdf.Root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        out.append("07 /ViewerPreferences /DisplayDocTitle is not true")
    meta = pdf.Root.get("/Metadata")
    xmp = meta.read_bytes().decode("utf-8") if meta is not None else ""
    if "<pdfuaid:part>1</pdfuaid:part>" not in xmp and 'pdfuaid:part="1"' not in xmp:
        out.append("06 XMP metadata has no pdfuaid:part 1")
    title = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.+?)</rdf:li>", xmp, re.S)
    if not title or not title.group(1).strip():
        out.append("06 XMP metadata has no dc:title")
    return out


class _Tree:
    """The structure tree, walked once: elements in reading order and who owns each MCID."""

    def __init__(self, pdf: pikepdf.Pdf, root: pikepdf.Dictionary) -> None:
        self.pdf = pdf
        self.problems: list[str] = []
        self.roles = {str(k)[1:]: str(v)[1:] for k, v in (root.get("/RoleMap") or {}).items()}
        self.owner: dict[tuple[int, int], pikepdf.Object] = {}  # (page objgen, mcid) -> element
        self.annotations: dict[tuple[int, int], pikepdf.Object] = {}  # annot objgen -> Link elem
        self.order: list[tuple[str, pikepdf.Object]] = []
        self.parent_tree = _number_tree(root.get("/ParentTree"))
        for kid in _array(root.get("/K")):
            self._walk(kid, None)
        self._headings()
        self._tables()

    def standard(self, role: str) -> str:
        seen = set()
        while role not in STANDARD and role in self.roles and role not in seen:
            seen.add(role)
            role = self.roles[role]
        return role

    def _walk(self, element: pikepdf.Object, page: pikepdf.Object | None) -> None:
        role = self.standard(str(element.get("/S", "/?"))[1:])
        if role not in STANDARD:
            self.problems.append(f"02 non-standard structure type /{role} without a role map")
        self.order.append((role, element))
        page = element.get("/Pg", page)
        lang = element.get("/Lang")
        if lang is not None and not _LANG.match(str(lang)):
            self.problems.append(f"11 element /{role} has an invalid /Lang {str(lang)!r}")
        if role == "Figure" and not (str(element.get("/Alt", "")) or str(element.get("/ActualText", ""))):
            self.problems.append("13 Figure without /Alt")
        for kid in _array(element.get("/K")):
            if isinstance(kid, int):
                self._own(page, kid, element)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                self._own(kid.get("/Pg", page), int(kid.MCID), element)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                annot = kid.Obj
                if role != "Link" and annot.get("/Subtype") == "/Link":
                    self.problems.append("28 a link annotation's OBJR is not in a Link element")
                self.annotations[annot.objgen] = element
            elif isinstance(kid, pikepdf.Dictionary):
                self._walk(kid, page)

    def _own(self, page: pikepdf.Object | None, mcid: int, element: pikepdf.Object) -> None:
        if page is None:
            self.problems.append(f"01 MCID {mcid} of an element without a page")
            return
        key = (page.objgen, mcid)
        if key in self.owner:
            self.problems.append(f"01 MCID {mcid} claimed by two elements")
        self.owner[key] = element

    def _headings(self) -> None:
        levels = [int(r[1]) for r, _ in self.order if re.fullmatch(r"H[1-6]", r)]
        if any(r == "H" for r, _ in self.order) and levels:
            self.problems.append("14 both H and H1-H6 headings")
        if levels and levels[0] != 1:
            self.problems.append(f"14 the first heading is H{levels[0]}, not H1")
        for a, b in zip(levels, levels[1:], strict=False):
            if b > a + 1:
                self.problems.append(f"14 heading level skipped: H{a} then H{b}")

    def _tables(self) -> None:
        for role, element in self.order:
            if role != "Table":
                continue
            cells = list(_descendants(element, self))
            heads = [c for r, c in cells if r == "TH"]
            if not heads:
                self.problems.append("15 table without header cells (TH)")
            for head in heads:
                attributes = head.get("/A")
                scope = attributes.get("/Scope") if isinstance(attributes, pikepdf.Dictionary) else None
                if scope is None and "/ID" not in head:
                    self.problems.append("15 TH without /Scope")


def _descendants(element: pikepdf.Object, tree: _Tree) -> Iterator[tuple[str, pikepdf.Object]]:
    for kid in _array(element.get("/K")):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield tree.standard(str(kid.S)[1:]), kid
            yield from _descendants(kid, tree)


def _array(value: pikepdf.Object | None) -> list:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _number_tree(node: pikepdf.Object | None) -> dict[int, pikepdf.Object]:
    out: dict[int, pikepdf.Object] = {}
    if node is None:
        return out
    nums = list(node.get("/Nums", []))
    for key, value in zip(nums[::2], nums[1::2], strict=True):
        out[int(key)] = value
    for kid in node.get("/Kids", []):
        out.update(_number_tree(kid))
    return out


def _page(pdf: pikepdf.Pdf, page: pikepdf.Page, number: int, tree: _Tree) -> list[str]:
    out: list[str] = []
    obj = page.obj
    annots = list(obj.get("/Annots", []))
    if annots and obj.get("/Tabs") != "/S":
        out.append("28 page with annotations lacks /Tabs /S")
    for annot in annots:
        if annot.get("/Subtype") != "/Link":
            continue
        if not str(annot.get("/Contents", "")).strip():
            out.append("28 link annotation without /Contents")
        link = tree.annotations.get(annot.objgen)
        if link is None:
            out.append("28 link annotation not in the structure tree")
        elif "/StructParent" not in annot or tree.parent_tree.get(int(annot.StructParent)) is None:
            out.append("28 link annotation without a /StructParent in the parent tree")
        elif tree.parent_tree[int(annot.StructParent)].objgen != link.objgen:
            out.append("28 link annotation's /StructParent points to another element")
    used: list[int] = []
    stack: list[tuple[str, int | None]] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            mcid = None
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcid = int(operands[1].MCID)
                used.append(mcid)
            stack.append((str(operands[0])[1:], mcid))
        elif op == "EMC":
            if not stack:
                out.append("01 EMC without BDC")
                continue
            stack.pop()
        elif op in PAINT:
            artifact = any(tag == "Artifact" for tag, _ in stack)
            tagged = any(mcid is not None for _, mcid in stack)
            if not (artifact or tagged):
                out.append(f"01 content ({op}) neither tagged nor an artifact")
            if artifact and tagged:
                out.append(f"01 content ({op}) both tagged and an artifact")
    if stack:
        out.append("01 BDC without EMC at the end of the page")
    if len(set(used)) != len(used):
        out.append("01 an MCID is used twice on the page")
    if used:
        key = obj.get("/StructParents")
        owners = tree.parent_tree.get(int(key)) if key is not None else None
        if owners is None:
            out.append("01 page has MCIDs but no /StructParents in the parent tree")
        else:
            for mcid in used:
                owner = owners[mcid] if mcid < len(owners) else None
                mine = tree.owner.get((obj.objgen, mcid))
                if owner is None or mine is None or owner.objgen != mine.objgen:
                    out.append(f"01 MCID {mcid} and its structure element do not point at each other")
    for (page_id, mcid), _ in tree.owner.items():
        if page_id == obj.objgen and mcid not in used:
            out.append(f"01 element refers to MCID {mcid}, which the page does not have")
    return out


def _fonts(pdf: pikepdf.Pdf) -> list[str]:
    """31: fonts embedded, and ToUnicode covering every code shown."""
    out: list[str] = []
    seen: dict[tuple[int, int], set[int]] = {}
    fonts: dict[tuple[int, int], pikepdf.Dictionary] = {}
    for page in pdf.pages:
        _codes(page.obj, seen, fonts, set())
    for key, codes in seen.items():
        font = fonts[key]
        name = str(font.get("/BaseFont", "?"))
        if str(font.get("/Subtype")) == "/Type3":
            continue
        descriptor = font.get("/FontDescriptor")
        if str(font.get("/Subtype")) == "/Type0":
            descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            out.append(f"31 font {name} is not embedded")
        cmap = font.get("/ToUnicode")
        if cmap is None:
            out.append(f"31 font {name} has no ToUnicode")
            continue
        mapping = to_unicode(cmap.read_bytes())
        missing = sorted(c for c in codes if c not in mapping)
        if missing:
            out.append(f"31 font {name}: ToUnicode lacks codes {missing[:8]}")
        bad = sorted(c for c in codes if mapping.get(c) in ("\x00", "\ufeff", "\ufffe", ""))
        if bad:
            out.append(f"31 font {name}: codes {bad[:8]} map to U+0000, U+FEFF, U+FFFE or nothing")
    return out


def _codes(holder: pikepdf.Object, seen: dict, fonts: dict, visited: set) -> None:
    """Codes shown with each font in a page or form (and the forms it draws)."""
    resources = holder.get("/Resources", {})
    font_res = resources.get("/Font", {})
    xobjects = resources.get("/XObject", {})
    font = None
    for operands, operator in pikepdf.parse_content_stream(holder):
        op = str(operator)
        if op == "Tf":
            font = font_res.get(str(operands[0]))
            if font is not None:
                fonts[font.objgen] = font
        elif op in ("Tj", "'", '"', "TJ") and font is not None:
            if op == "TJ":
                strings = [x for x in operands[0] if isinstance(x, pikepdf.String)]
            else:
                strings = [operands[-1]]
            codes = seen.setdefault(font.objgen, set())
            for s in strings:
                codes.update(bytes(s))
        elif op == "Do":
            xobject = xobjects.get(str(operands[0]))
            if xobject is not None and xobject.get("/Subtype") == "/Form" and xobject.objgen not in visited:
                visited.add(xobject.objgen)
                _codes(xobject, seen, fonts, visited)


def to_unicode(cmap: bytes) -> dict[int, str]:
    """A simple font's ToUnicode CMap as code -> text (bfchar and bfrange entries)."""
    text = cmap.decode("latin-1")
    out: dict[int, str] = {}

    def hexstr(h: str) -> str:
        return bytes.fromhex(h).decode("utf-16-be") if h else ""

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(src, 16)] = hexstr(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(start + i)
    return out


def structure_text(data: bytes) -> list[tuple[str, str]]:
    """(role, text) of each piece of marked content, in reading order, as poppler reads them."""
    import subprocess

    dump = subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", "-struct-text", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8", "replace")
    out, role = [], "?"
    for line in dump.splitlines():
        text = re.fullmatch(r'\s*"(.*)"', line)
        if text:
            out.append((role, text.group(1).strip()))
            continue
        found = re.fullmatch(r"\s*(\w+)(?: \((?:block|inline)\))?:?", line)
        if found:
            role = found.group(1)
    return out

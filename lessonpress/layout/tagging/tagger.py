"""Turn drawing into tagged content: marked-content sequences on the pages and the element tree.

One `Tagger` lives on the canvas of a tagged document. The drawing wrapper (`_reportlab.py`)
hands it every flowable as it is drawn; the tagger reads the flowable's role (`roles.py`) and

- wraps what a leaf draws in `/Role <</MCID n>> BDC ... EMC` and records (page, MCID) in the
  leaf's structure element, which it places in the tree in drawing order (re-sorted at the end
  where a tag gives a reading order, e.g. the cells of a right-to-left table);
- keeps everything else inside `/Artifact` sequences: between two tagged sequences an artifact
  sequence is always open, so a rule, a box fill or whatever a new flowable draws is never
  untagged content. Headers and footers are drawn inside a pagination artifact (`artifact`);
- gives each link annotation a `Link` element (`annotation`) and a bullet its `Lbl` (`label`).

Nothing here writes PDF objects: `structure.py` turns the finished tree into them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .roles import Tag, default_tag, tag_of

DEFAULT_ARTIFACT = "/Artifact BMC"
# Content-stream lines that change the graphics state but draw nothing.
_STATE = re.compile(r"^(?:q|Q|(?:[-\d.]+ )+(?:cm|w|J|j|M|rg|RG|g|G|k|K)|\s*)$")


@dataclass(eq=False)
class Element:
    """A structure element: role, the tag it came from, and kids in reading order.

    A kid is another Element, a marked-content reference `(page, mcid)` or a link annotation
    `Annotation`."""

    role: str
    tag: Tag | None = None
    parent: Element | None = None
    kids: list[Any] = field(default_factory=list)
    bbox: tuple[float, float, float, float] | None = None

    def add(self, kid: Any, at: int | None = None) -> Any:  # noqa: ANN401
        """Append (or insert) a kid; an element kid gets this element as its parent."""
        if isinstance(kid, Element):
            kid.parent = self
        if at is None:
            self.kids.append(kid)
        else:
            self.kids.insert(at, kid)
        return kid


@dataclass(frozen=True)
class Annotation:
    """A link annotation as a kid of its Link element: its ReportLab name, page and parent-tree
    key (its /StructParent)."""

    name: str
    page: int
    key: int


@dataclass(eq=False)
class _Frame:
    ident: Any
    element: Element
    sticky: bool  # a group that lasts while its flowable draws (or until its End marker)


class Tagger:
    """Marked content and structure elements for one document, recorded while it is drawn."""

    def __init__(self, code: Callable[[], list[str]], page: Callable[[], int]) -> None:
        self._code = code  # the current page's list of content-stream lines
        self._page = page  # the current page number (from 1)
        self.root = Element("Document")
        self._front = 0  # where the next front element goes among the root's kids
        self._frames: list[_Frame] = []
        self._elements: dict[Tag, Element] = {}  # a leaf tag's content element (split parts share it)
        self._drawn: dict[int, Any] = {}  # flowables already drawn as structure: a redraw is an artifact
        self.leaf: Element | None = None  # the element whose marked content is open
        self._open: str | None = None  # the line that opened the sequence open now, if any
        self._opened_at = 0  # index of that line in the page's code
        self._artifacts: list[str] = [DEFAULT_ARTIFACT]
        self.pages: dict[int, list[Element]] = {}  # page -> element of each MCID
        self.annotations: list[tuple[Annotation, Element]] = []
        self.page_keys: dict[int, int] = {}  # page -> its /StructParents key in the parent tree
        self.next_key = 0  # parent-tree keys: pages and annotations draw from one counter

    # -- the drawing wrapper's entry point ---------------------------------------------------

    def draw(self, flowable: Any, draw: Callable[[], None], bbox: Callable[[], tuple] | None = None) -> None:  # noqa: ANN401
        """Draw a flowable (`draw()`) inside the marked content its role asks for."""
        if self.leaf is not None:  # part of a leaf's content: drawn as it is
            draw()
            return
        if len(self._artifacts) > 1 and tag_of(flowable) is None:  # inside a footer, say
            draw()
            return
        if getattr(flowable, "_lp_begin", None) is not None or getattr(flowable, "_lp_end", False):
            self._marker(flowable)
            return
        tag = tag_of(flowable)
        if tag is None:
            tag = default_tag(flowable)
            if tag is None:
                draw()  # transparent: what it draws itself stays an artifact
                return
            flowable._lp_tag = tag
        drawn = self._drawn.get(id(flowable))
        if tag.is_artifact or drawn is flowable or (tag.once and tag in self._elements):
            with self.artifact(artifact_line(tag) if tag.is_artifact else DEFAULT_ARTIFACT):
                draw()
        elif not tag.leaf:
            with self.group(tag):
                draw()
        else:
            self._drawn[id(flowable)] = flowable
            with self.content(tag, bbox):
                draw()

    # -- structure ---------------------------------------------------------------------------

    @contextmanager
    def content(self, tag: Tag, bbox: Callable[[], tuple] | None = None) -> Iterator[Element]:
        """Everything drawn inside is the content of the leaf element of `tag`."""
        if self.leaf is not None:
            yield self.leaf
            return
        element = self._elements.get(tag)
        if element is None:
            element = self._leaf_element(tag)
        if bbox is not None and element.bbox is None and element.role == "Figure":
            element.bbox = bbox()  # a Figure's place on the page (Layout attribute BBox)
        self._begin(element)
        try:
            yield element
        finally:
            self._end()

    @contextmanager
    def group(self, tag: Tag) -> Iterator[None]:
        """The elements made inside go in a new `tag` group (unless a leaf is open)."""
        if self.leaf is not None:
            yield
            return
        depth = self._open_group(tag)
        try:
            yield
        finally:
            del self._frames[depth:]

    def has(self, tag: Tag) -> bool:
        """Whether `tag` already has an element (with content drawn)."""
        return tag in self._elements

    def label(self, draw: Callable[[], None]) -> None:
        """Draw a list item's bullet or number as its `Lbl` (inside `LI`, before `LBody`)."""
        body = self.leaf
        item = body.parent if body is not None else None
        if body is None or body.role != "LBody" or item is None:
            draw()
            return
        lbl = next((k for k in item.kids if isinstance(k, Element) and k.role == "Lbl"), None)
        if lbl is None:
            lbl = item.add(Element("Lbl"), item.kids.index(body))
        self._end(reopen=False)
        self._begin(lbl)
        try:
            draw()
        finally:
            self._end(reopen=False)
            self._begin(body)

    def annotation(self, name: str) -> int:
        """A link annotation drawn now: a kid of its Link element (the open leaf, or a new Link in
        it); returns the annotation's parent-tree key."""
        leaf = self.leaf
        if leaf is not None and leaf.role == "Link":
            link = leaf
        else:
            parent = leaf or (self._frames[-1].element if self._frames else self.root)
            link = parent.add(Element("Link"))
        kid = Annotation(name, self._page(), self.next_key)
        self.next_key += 1
        link.add(kid)
        self.annotations.append((kid, link))
        return kid.key

    def _leaf_element(self, tag: Tag) -> Element:
        parent = self._resolve(tag.within)
        if tag.front:
            parent = self.root
        if tag.role == "LI":
            item = Element("LI", tag)
            self._place(parent, item, tag.front)
            element = item.add(Element("LBody"))
        else:
            element = self._place(parent, Element(tag.role, tag), tag.front)
        self._elements[tag] = element
        return element

    def _place(self, parent: Element, element: Element, front: bool) -> Element:
        if front:
            parent.add(element, self._front)
            self._front += 1
        else:
            parent.add(element)
        return element

    def _base(self) -> int:
        """Frames up to the last sticky one stay open for any leaf drawn now."""
        for i in range(len(self._frames) - 1, -1, -1):
            if self._frames[i].sticky:
                return i + 1
        return 0

    def _resolve(self, within: tuple[Tag, ...]) -> Element:
        """Open (or keep) the containers a leaf sits in; return the innermost."""
        frames, i = self._frames, self._base()
        for group in within:
            if i < len(frames) and frames[i].ident == group.ident and not frames[i].sticky:
                i += 1
                continue
            del frames[i:]
            parent = frames[-1].element if frames else self.root
            frames.append(_Frame(group.ident, parent.add(Element(group.role, group)), False))
            i += 1
        del frames[i:]
        return frames[-1].element if frames else self.root

    def _open_group(self, group: Tag) -> int:
        """A group around what follows (until the returned depth is cut off again)."""
        depth = self._base()
        del self._frames[depth:]
        parent = self._frames[-1].element if self._frames else self.root
        element = self._place(parent, Element(group.role, group), group.front)
        self._frames.append(_Frame(group.ident, element, True))
        return depth

    def _marker(self, flowable: Any) -> None:  # noqa: ANN401
        begin = getattr(flowable, "_lp_begin", None)
        if begin is not None:
            self._open_group(begin)
            return
        for i in range(len(self._frames) - 1, -1, -1):  # End: close the last group
            if self._frames[i].sticky:
                del self._frames[i:]
                return

    # -- marked content ----------------------------------------------------------------------

    @contextmanager
    def artifact(self, line: str = DEFAULT_ARTIFACT) -> Iterator[None]:
        """Everything drawn inside is an artifact; `line` opens it (see `artifact_line`)."""
        if self.leaf is not None:
            yield
            return
        self._close()
        self._artifacts.append(line)
        self._emit(line)
        try:
            yield
        finally:
            self._close()
            self._artifacts.pop()
            self._emit(self._artifacts[-1])

    def _begin(self, element: Element) -> None:
        self._close()
        page = self._page()
        mcids = self.pages.setdefault(page, [])
        element.kids.append((page, len(mcids)))
        mcids.append(element)
        self.leaf = element
        self._emit(f"/{element.role} <</MCID {len(mcids) - 1}>> BDC")

    def _end(self, reopen: bool = True) -> None:
        element, code, start = self.leaf, self._code(), self._opened_at
        self.leaf = None
        if element is not None and all(_STATE.match(line) for line in code[start + 1 :]):
            del code[start]  # nothing drawn (a bullet comes first): no sequence, no MCID
            page, _ = element.kids.pop()
            self.pages[page].pop()
        else:
            code.append("EMC")
        self._open = None
        if reopen:
            self._emit(self._artifacts[-1])

    def _emit(self, line: str) -> None:
        code = self._code()
        self._opened_at = len(code)
        code.append(line)
        self._open = line

    def _close(self) -> None:
        """End the open artifact sequence (an empty one is removed)."""
        code = self._code()
        if self._open is None:
            return
        if code and code[-1] == self._open:
            code.pop()
        else:
            code.append("EMC")
        self._open = None

    @property
    def fresh_page(self) -> str:
        """The one line of a page on which nothing was drawn yet."""
        return self._artifacts[0]

    def start_page(self) -> None:
        """Open the page's first artifact sequence: whatever is drawn before the first tagged
        flowable (a frame's background) is decoration. (Nothing shifts the page's code: ReportLab
        remembers positions in it, e.g. to grow a box's background.)"""
        self._emit(self._artifacts[-1])

    def end_page(self) -> int | None:
        """Close the page's last sequence; returns the page's parent-tree key when it has
        marked content."""
        self._close()
        page = self._page()
        if not self.pages.get(page):
            return None
        self.page_keys[page] = self.next_key
        self.next_key += 1
        return self.page_keys[page]


def artifact_line(tag: Tag) -> str:
    """The operator that opens an artifact: its type and subtype, and any text it carries (the
    question that lines to write on belong to)."""
    entries = [f"/{k} /{v}" for k, v in tag.artifact]
    entries += [f"/{k} {pdf_text(v)}" for k, v in tag.extra.items() if isinstance(v, str)]
    return f"/Artifact <<{' '.join(entries)}>> BDC" if entries else DEFAULT_ARTIFACT


def pdf_text(text: str) -> str:
    """A PDF text string in a content stream: UTF-16BE in hex, so any script and no escaping."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"

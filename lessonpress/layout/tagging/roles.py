"""What each flowable is in the document's structure: its role (a `Tag`), set where it is built.

A tag is data on a flowable (`flowable._lp_tag`); nothing here draws or touches a canvas. Roles
are PDF's standard structure types (ISO 32000-1 §14.8.4), so no role map is needed:

- a *leaf* tag (`P`, `H1`, `Figure`, `TD`, ...) makes one structure element whose content is
  everything the flowable draws (one marked-content sequence per page it lands on);
- `LI` is a leaf whose content becomes `LI › LBody`, its bullet or number `LI › Lbl`;
- a *group* tag (`leaf=False`: `Sect`, `Part`, `Div`) makes an element around the elements of
  whatever the flowable draws;
- `within` names the containers a leaf sits in (`L` around list items, `Table › TR` around
  cells). Consecutive leaves that name the same container share it;
- an `Artifact` tag marks decoration: never read, never in the structure.

Flowables without a tag get one by kind (`default_tag`): a paragraph is a `P`, one with a
bullet an `LI` of the list around it; anything else is transparent (what it draws itself is
decoration, the paragraphs it draws are tagged). Zero-size `Begin`/`End` markers open and close
a group for the flowables between them (a lesson in a pack, a language in a bilingual handout).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from reportlab.platypus import Flowable, Paragraph

HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")
GROUPS = frozenset(("Document", "Part", "Sect", "Div", "L", "Table", "TR", "TOC", "TOCI", "LI"))
AUTO = "auto"  # the key of default lists: consecutive bulleted paragraphs form one list


@dataclass(frozen=True, eq=False)  # identity: one tag, one element (split parts share it)
class Tag:
    """The structure role of a flowable (see the module docstring)."""

    role: str
    leaf: bool = True
    key: Hashable = None  # containers with equal role and key are one element
    within: tuple[Tag, ...] = ()  # containers, outermost first
    alt: str | None = None  # Figure: the description read instead of the picture
    lang: str | None = None  # BCP 47, when it differs from the document's
    scope: str | None = None  # TH: Column or Row
    order: tuple[Hashable, int] | None = None  # (group, position): siblings re-sorted by reading order
    title: str | None = None  # /T: a Part or Sect's title
    contents: str | None = None  # a Link: its annotation's /Contents (else from its target)
    artifact: tuple[tuple[str, str], ...] = ()  # Artifact property list, e.g. (("Type", "Layout"),)
    front: bool = False  # placed first in the document (a page header's logo, the draft notice)
    once: bool = False  # structure only the first time it is drawn, an artifact after
    extra: dict[str, Any] = field(default_factory=dict)  # more entries of the element dictionary

    @property
    def is_artifact(self) -> bool:
        """True for decoration."""
        return self.role == "Artifact"

    @property
    def ident(self) -> tuple[str, Hashable]:
        """What makes two container tags the same element."""
        return (self.role, self.key)


def tag(flowable: Flowable, role: Tag | str, **kw: Any) -> Flowable:  # noqa: ANN401
    """Give a flowable its role (a Tag, or a role name and Tag fields); returns the flowable."""
    flowable._lp_tag = role if isinstance(role, Tag) else Tag(role, **kw)
    return flowable


def tag_of(flowable: Flowable) -> Tag | None:
    """The tag a flowable was given, else None."""
    return getattr(flowable, "_lp_tag", None)


def heading(level: int, **kw: Any) -> Tag:  # noqa: ANN401
    """H1 ... H6 (deeper levels print as H6)."""
    return Tag(HEADINGS[min(max(level, 1), 6) - 1], **kw)


def container(role: str, key: Hashable, **kw: Any) -> Tag:  # noqa: ANN401
    """A container (L, Table, TR, TOC, TOCI, ...) that leaves name in `within`."""
    return Tag(role, leaf=False, key=key, **kw)


def artifact(kind: str = "Layout", subtype: str | None = None, **kw: Any) -> Tag:  # noqa: ANN401
    """Decoration: `Layout` (rules, fills, lines to write on) or `Pagination` (headers, footers)."""
    props = (("Type", kind),) + ((("Subtype", subtype),) if subtype else ())
    return Tag("Artifact", artifact=props, **kw)


def figure(alt: str, **kw: Any) -> Tag:  # noqa: ANN401
    """A picture read as its description."""
    return Tag("Figure", alt=alt, **kw)


LIST = container("L", AUTO)


@cache
def read_once(text: str) -> Tag:
    """A notice printed on every page or slide (a draft translation's) and read once, first in
    the document: one tag per text, so every copy of it is the same element."""
    return Tag("P", front=True, once=True)


def default_tag(flowable: Flowable) -> Tag | None:
    """The role of a flowable that was not given one: paragraphs are read, a bulleted one as an
    item of the list around it; other flowables are transparent (None)."""
    if isinstance(flowable, Paragraph):
        if getattr(flowable, "bulletText", None):
            return Tag("LI", within=(LIST,))
        return Tag("P")
    return None


def in_list(tag_: Tag, key: Hashable) -> Tag:
    """The same role, as an item of the list `key` (a list the section names itself)."""
    return replace(tag_, within=(*tag_.within, container("L", key)))


class Begin(Flowable):
    """Zero-size: opens a group (a `Part`, `Sect` or `Div` tag) for the flowables that follow."""

    _ZEROSIZE = 1

    def __init__(self, group: Tag) -> None:
        super().__init__()
        self.width = self.height = 0
        self._lp_begin = group

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class End(Begin):
    """Zero-size: closes the group the matching `Begin` opened."""

    def __init__(self) -> None:
        Flowable.__init__(self)
        self.width = self.height = 0
        self._lp_end = True


def grouped(flowables: list[Flowable], group: Tag) -> list[Flowable]:
    """Flowables wrapped in a Begin/End pair for `group`."""
    return [Begin(group), *flowables, End()] if flowables else []

"""Helpers for the HTML tests: render a page through the registry, and read it as a tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from lessonpress.formats import get_format
from lessonpress.helplines import load_helplines
from lessonpress.html.base import HtmlContext
from lessonpress.labels import labels_for
from lessonpress.model import Lesson
from lessonpress.regions import RegionHelplines, select
from lessonpress.theme import DEFAULT_THEME, Theme

from ..conftest import ROOT

VOID = {"meta", "br", "input", "img", "link", "hr"}


def helplines(language: str = "en", region: str | None = None) -> RegionHelplines | None:
    """The shipped helplines a build in `language` prints."""
    book, _ = load_helplines(ROOT / "assets" / "helplines.yaml")
    return select(book, language, region)


def render(
    lesson: Lesson,
    fmt: str = "html",
    theme: Theme = DEFAULT_THEME,
    source: Lesson | None = None,
    region: str | None = None,
) -> str:
    """A page of `lesson` in format `fmt`, as text."""
    context = HtmlContext(theme, labels_for(lesson.language), helplines(lesson.language, region), source)
    return get_format(fmt).render(lesson, context).decode("utf-8")


@dataclass
class Node:
    """An element: tag, attributes, children and the text directly inside it."""

    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)
    parent: Node | None = None

    def text(self) -> str:
        """All text inside, in order."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None):  # noqa: ANN201
        """Every element below, in document order."""
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def ancestors(self):  # noqa: ANN201
        """Elements above, nearest first."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"</{tag}> closes nothing"
        self.current = node.parent or self.root

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def tree(html: str) -> Node:
    """The page parsed into Nodes."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root

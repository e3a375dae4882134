"""Helpers for the tagged-PDF tests: lessons, their PDFs, and the structure elements in them."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pikepdf
import pytest

from lessonpress.build import BuildSettings, build
from lessonpress.formats import get_format
from lessonpress.labels import labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.model import Lesson
from lessonpress.project import LessonFile
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME

from ..conftest import FIXTURES, I18N_LESSONS, LESSONS, load
from .complex_text import logical

needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils missing")
TAGGED_FORMATS = ("handout", "guide", "notes", "slides", "slides-handout")
TEENS_1 = LESSONS / "teens-1-what-is-online-exploitation.yaml"


@cache
def lessons_of(path: Path) -> dict[str, Lesson]:
    """A lesson file and its translations, by language."""
    checked = check_lesson_and_translations(LessonFile(path, str(path), path.stem))
    return {lesson.language: lesson for lesson in checked.lessons}


def pdf(lesson: Lesson, fmt: str = "handout", *, tagged: bool = True) -> bytes:
    """One format of a lesson, in its language's fonts and labels."""
    context = LayoutContext("a4", fonts_for([lesson], DEFAULT_THEME), labels_for(lesson.language))
    return render(get_format(fmt).layout(lesson, context), tagged=tagged)


@cache
def shipped_pack() -> bytes:
    """The English course pack of every shipped lesson, built as `lessonpress build` does."""
    with tempfile.TemporaryDirectory() as out:
        settings = BuildSettings(
            paths=(str(LESSONS),), out_dir=Path(out), formats=("pack",), jobs=1, today="2026-01-02"
        )
        assert build(settings).ok
        return (Path(out) / "en" / "course-pack.pdf").read_bytes()


@contextmanager
def elements(data: bytes) -> Iterator[list[tuple[str, pikepdf.Dictionary]]]:
    """(role, element) of every structure element, in reading order (while the file is open)."""
    out: list[tuple[str, pikepdf.Dictionary]] = []

    def walk(node: pikepdf.Object) -> None:
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                out.append((str(kid.S)[1:], kid))
                walk(kid)

    with pikepdf.open(io.BytesIO(data)) as doc:
        walk(doc.Root.StructTreeRoot)
        yield out


def roles(data: bytes) -> list[str]:
    """The structure types of the document, in reading order, the Document first."""
    with elements(data) as found:
        return [r for r, _ in found]


def as_typed(text: str) -> str:
    """An element's text as poppler's structure dump gives it, back in logical order: poppler
    does not reorder right-to-left text, which it gives in drawing order (and shaped forms)."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return logical(text)
    return text


# One lesson per script: the fixture lesson and its translations, and two script fixtures.
SCRIPT_LESSONS = {
    "en": ("safe-chat", "en"),
    "ar": ("safe-chat", "ar"),
    "hi": ("safe-chat", "hi"),
    "th": ("safe-chat", "th"),
    "he": ("hebrew", "he"),
    "km": ("khmer", "km"),
}


def script_lesson(language: str) -> Lesson:
    """The lesson that stands for a script in the tests."""
    name, lang = SCRIPT_LESSONS[language]
    if name == "safe-chat":
        return lessons_of(I18N_LESSONS / "safe-chat.yaml")[lang]
    return load(FIXTURES / "i18n" / "scripts" / f"{name}.yaml")


def struct_dump(data: bytes) -> str:
    """poppler's `pdfinfo -struct-text`: the structure tree with the text of each element."""
    return subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", "-struct-text", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()

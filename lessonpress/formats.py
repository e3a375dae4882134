"""The output formats, by name: each is one class in one module of `layout/`.

Names are listed here, apart from the layout code, so the command line can offer them without
importing ReportLab. Adding a format means one new module in `layout/` and one line below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .layout.base import Format

FORMATS: dict[str, str] = {
    "handout": "lessonpress.layout.handout:Handout",
    "slides": "lessonpress.layout.slides:Slides",
    "notes": "lessonpress.layout.notes:NotesPages",
    "slides-handout": "lessonpress.layout.slides_handout:SlidesHandout",
    "guide": "lessonpress.layout.guide:Guide",
    "pack": "lessonpress.layout.pack:Pack",
}

# A handout in the source language and one translation (`--bilingual`), not a `--format`.
BILINGUAL = "handout-bilingual"

# Formats that make one document per language from all lessons, and its file name stem.
COURSE_FORMATS: dict[str, str] = {"pack": "course-pack"}


def format_names() -> tuple[str, ...]:
    """Names of every output format, in build order."""
    return tuple(FORMATS)


def get_format(name: str) -> Format:
    """An instance of the format registered under `name`, imported on first use."""
    module_name, _, class_name = FORMATS[name].partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, class_name)()

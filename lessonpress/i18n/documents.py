"""Find what a translator translates: every lesson, the curriculum and the helpline file.

Each is a `Document`: its id (the lesson id, or `curriculum` / `helplines`), its source data, the
model class that says what in it is translatable, and where its translation into a locale lives:
`<lessons>/translations/<locale>/<lesson>.yaml`, `.../curriculum.yaml`, `.../helplines.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import LessonError
from ..model import Course, HelplineBook, Lesson
from ..project import (
    CURRICULUM_ID,
    HELPLINES_ID,
    LESSON_SUFFIXES,
    find_course,
    find_helplines,
    find_lessons,
    read_input,
    translations_dir,
    translations_root,
)
from ..yamlio import load_yaml

# Where each kind of document prints, for the translator's comment on each string.
PRINTED_IN = {
    Lesson: "handout and slides",
    Course: "course pack cover and contents",
    HelplineBook: "help section of handouts, slides and packs",
}
FACILITATOR_ONLY = "facilitator guide and notes pages only"


@dataclass(frozen=True)
class Document:
    """A source file a translator translates, with its loaded data."""

    id: str
    path: Path
    shown: str
    data: dict = field(compare=False, repr=False)
    model: type = Lesson
    folder: Path = Path("translations")  # holds one folder per locale
    shown_folder: str = "translations"
    name: str = ""  # file name stem in the locale folder

    @property
    def strict(self) -> bool:
        """True when a translation may hold nothing but texts (curriculum, helplines)."""
        return self.model is not Lesson

    @property
    def printed_in(self) -> str:
        """Which outputs print this document's learner texts."""
        return PRINTED_IN[self.model]

    def translation(self, locale: str) -> tuple[Path, str]:
        """Where the translation into `locale` lives (whether or not it exists yet)."""
        folder = self.folder / locale
        for suffix in LESSON_SUFFIXES:
            candidate = folder / f"{self.name}{suffix}"
            if candidate.is_file():
                break
        else:
            candidate = folder / f"{self.name}.yaml"
        return candidate, str(Path(self.shown_folder) / locale / candidate.name)


def find_documents(paths: tuple[str, ...]) -> tuple[list[Document], list[LessonError]]:
    """Every lesson of `paths`, then the curriculum and the helplines when the project has them."""
    files, problems = find_lessons(paths)
    documents = []
    for file in files:
        data = _load(file.path, file.shown, problems)
        if data is not None:
            folder = translations_dir(file.path)
            documents.append(
                Document(
                    file.lesson_id,
                    file.path,
                    file.shown,
                    data,
                    Lesson,
                    folder,
                    str(Path(file.shown).parent / folder.name),
                    file.path.stem,
                )
            )
    root, shown_root = translations_root(paths)
    for found, doc_id, model in (
        (find_course(paths), CURRICULUM_ID, Course),
        (find_helplines(paths), HELPLINES_ID, HelplineBook),
    ):
        if found is None:
            continue
        data = _load(found[0], found[1], problems)
        if data is not None:
            documents.append(Document(doc_id, found[0], found[1], data, model, root, shown_root, doc_id))
    return documents, problems


def _load(path: Path, shown: str, problems: list[LessonError]) -> Any:
    try:
        data = load_yaml(read_input(path, shown), shown).data
    except LessonError as problem:
        problems.append(problem)
        return None
    return data if isinstance(data, dict) else None


def known_locales(documents: list[Document]) -> list[str]:
    """Locale folders found beside the documents, sorted."""
    found: set[str] = set()
    for folder in {d.folder for d in documents}:
        if folder.is_dir():
            found.update(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    return sorted(found)

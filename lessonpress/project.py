"""Find the lesson files to build and decide where each output goes.

This is the one module that looks at the folder tree for inputs, so the rest of the pipeline
works on paths it is handed, and tests can point it at a temporary folder.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import LessonError, SourceLocation

LESSON_SUFFIXES = (".yaml", ".yml")
NOT_LESSONS = {"curriculum"}  # stems of files in lessons/ that are not lessons
DEFAULT_LESSON_DIR = "lessons"
COURSE_FILE = "curriculum.yaml"
ASSETS_DIR = "assets"
TRANSLATIONS_DIR = "translations"
HELPLINES_FILE = "helplines.yaml"
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


@dataclass(frozen=True)
class LessonFile:
    """A lesson file to build: where it is, how to show its path, and its lesson id."""

    path: Path
    shown: str
    lesson_id: str


def find_lessons(paths: tuple[str, ...]) -> tuple[list[LessonFile], list[LessonError]]:
    """Lesson files named on the command line, or found at the top of the named folders."""
    found: dict[Path, LessonFile] = {}
    problems: list[LessonError] = []
    for given in paths or (DEFAULT_LESSON_DIR,):
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if _is_lesson(child):
                    _add(found, child, os.path.join(given, child.name))
        elif path.is_file():
            _add(found, path, given)
        else:
            problems.append(
                LessonError(
                    "no such file or folder",
                    code="input.missing",
                    location=SourceLocation(given),
                    hint="give a lesson .yaml file or a folder of them",
                )
            )
    return sorted(found.values(), key=lambda f: (f.lesson_id, f.shown)), problems


@dataclass(frozen=True)
class TranslationFile:
    """A translation of a lesson into one locale: `<lesson folder>/translations/<locale>/<id>.yaml`."""

    path: Path
    shown: str
    locale: str


def translations_dir(lesson_path: Path) -> Path:
    """The folder holding the translations of the lessons in `lesson_path`'s folder."""
    return lesson_path.parent / TRANSLATIONS_DIR


def find_translations(file: LessonFile, locales: tuple[str, ...] | None = None) -> list[TranslationFile]:
    """Translation files of one lesson, by locale folder name (only `locales` when given)."""
    root = translations_dir(file.path)
    if not root.is_dir():
        return []
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if locales and folder.name not in locales:
            continue
        for suffix in LESSON_SUFFIXES:
            candidate = folder / f"{file.path.stem}{suffix}"
            if candidate.is_file():
                shown = os.path.join(
                    os.path.dirname(file.shown), TRANSLATIONS_DIR, folder.name, candidate.name
                )
                out.append(TranslationFile(candidate, shown, folder.name))
                break
    return out


def find_course(paths: tuple[str, ...]) -> tuple[Path, str] | None:
    """The curriculum.yaml of the first folder named (default lessons/), with its shown path."""
    for given in paths or (DEFAULT_LESSON_DIR,):
        candidate = Path(given) / COURSE_FILE
        if Path(given).is_dir() and candidate.is_file():
            return candidate, os.path.join(given, COURSE_FILE)
    return None


def find_helplines(paths: tuple[str, ...]) -> tuple[Path, str] | None:
    """assets/helplines.yaml of the project: in the current folder, or beside the lesson folder."""
    candidates = [Path(ASSETS_DIR) / HELPLINES_FILE]
    for given in paths or (DEFAULT_LESSON_DIR,):
        folder = Path(given) if Path(given).is_dir() else Path(given).parent
        candidates.append(folder.parent / ASSETS_DIR / HELPLINES_FILE)
    for candidate in candidates:
        if candidate.is_file():
            return candidate, os.path.normpath(str(candidate))
    return None


def _is_lesson(path: Path) -> bool:
    return (
        path.suffix.lower() in LESSON_SUFFIXES
        and not path.name.startswith(".")
        and path.stem not in NOT_LESSONS
        and path.is_file()
    )


def _add(found: dict[Path, LessonFile], path: Path, shown: str) -> None:
    key = path.resolve()
    if key not in found:
        found[key] = LessonFile(path, shown, lesson_id(path.stem))


def lesson_id(stem: str) -> str:
    """The file stem as a safe output name: kept when it is already safe, slugified otherwise."""
    if _SAFE_ID.fullmatch(stem) and stem.lower().split(".")[0] not in _WINDOWS_RESERVED:
        return stem
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:80]
    if not slug or slug in _WINDOWS_RESERVED:
        slug = f"lesson-{slug}" if slug else "lesson"
    return slug


def output_path(out_dir: Path, language: str, lesson: str, fmt: str, suffix: str = "") -> Path:
    """`OUT/<language>/<lesson-id>-<format>[.suffix].pdf`."""
    name = f"{lesson}-{fmt}{'.' + suffix if suffix else ''}.pdf"
    return out_dir / language / name

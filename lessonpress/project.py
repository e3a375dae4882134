"""Find the lesson files to build and decide where each output goes.

This is the one module that looks at the folder tree for inputs, so the rest of the pipeline
works on paths it is handed, and tests can point it at a temporary folder.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .errors import LessonError, SourceLocation

LESSON_SUFFIXES = (".yaml", ".yml")
DEFAULT_LESSON_DIR = "lessons"
COURSE_FILE = "curriculum.yaml"
ASSETS_DIR = "assets"
TRANSLATIONS_DIR = "translations"
HELPLINES_FILE = "helplines.yaml"
# A translator's files in a locale folder besides the lesson translations (PLAN.md, decision 4):
# every translation in the folder may print them.
LOCALE_FILES = (HELPLINES_FILE, COURSE_FILE, "labels.po")
TRANSLATION_RECORD = "translation-state.json"  # written by the i18n commands (i18n/state.py)
# Documents a translator translates besides lessons, by the name of their translation file in
# translations/<locale>/; `labels` is kept for the tool's own words. None of them is a lesson id.
CURRICULUM_ID, HELPLINES_ID, LABELS_ID = "curriculum", "helplines", "labels"
NOT_LESSONS = {CURRICULUM_ID, HELPLINES_ID, LABELS_ID}
MAX_INPUT_BYTES = 512 * 1024  # lessons, translations, themes, curriculum, helplines
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


def path_kind(given: str) -> str:
    """'dir', 'file', 'missing', or 'invalid' (a name the system refuses: too long, a NUL...)."""
    try:
        mode = os.stat(given).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except (OSError, ValueError):
        return "invalid"
    return "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "invalid"


def check_paths(paths: tuple[str, ...]) -> list[LessonError]:
    """What is wrong with the paths a command was given (usage errors): a path that does not
    exist, a file that is not a lesson file, a folder without a lesson in it."""
    problems = []
    for given in paths or (DEFAULT_LESSON_DIR,):
        kind, where = path_kind(given), SourceLocation(_printable(given))
        if kind == "missing":
            hint = "give a lesson .yaml file or a folder of them"
            if not paths:
                hint = "make one with `lessonpress new my-first-lesson`, or name a folder of lessons"
            problems.append(
                LessonError("no such file or folder", code="input.missing", location=where, hint=hint)
            )
        elif kind == "invalid":
            problems.append(
                LessonError(
                    "this path cannot be opened (too long, or not a file or folder)",
                    code="input.invalid",
                    location=SourceLocation(_printable(given[:120] + ("..." if len(given) > 120 else ""))),
                )
            )
        elif kind == "file" and not _has_lesson_suffix(Path(given)):
            problems.append(
                LessonError(
                    "not a lesson file: lessons are .yaml or .yml files",
                    code="input.not-lesson",
                    location=where,
                )
            )
        elif kind == "dir" and not any(_is_lesson(child) for child in _children(Path(given))):
            problems.append(
                LessonError(
                    "no lessons in this folder (lesson files end in .yaml or .yml)",
                    code="input.empty",
                    location=where,
                    hint="make one with `lessonpress new my-first-lesson`",
                )
            )
    return problems


def find_lessons(paths: tuple[str, ...]) -> tuple[list[LessonFile], list[LessonError]]:
    """Lesson files named on the command line, or found at the top of the named folders.

    Other files in a folder are named in one warning per folder (hidden files and folders are
    passed over silently); a path that does not exist is an error.
    """
    found: dict[Path, LessonFile] = {}
    problems: list[LessonError] = []
    for given in paths or (DEFAULT_LESSON_DIR,):
        kind = path_kind(given)
        if kind == "dir":
            skipped = []
            for child in _children(Path(given)):
                if _is_lesson(child):
                    _add(found, child, os.path.join(given, child.name))
                elif _reserved(child) and child.stem != CURRICULUM_ID:
                    problems.append(_reserved_problem(os.path.join(given, child.name), "warning"))
                elif not child.name.startswith(".") and child.is_file() and child.name != COURSE_FILE:
                    skipped.append(child.name)
            if skipped:
                problems.append(_skipped(given, skipped))
        elif kind == "file" and _reserved(Path(given)):
            problems.append(_reserved_problem(given, "error"))
        elif kind == "file":
            _add(found, Path(given), given)
        else:
            problems += check_paths((given,))
    return sorted(found.values(), key=lambda f: (f.lesson_id, f.shown)), problems


def _skipped(folder: str, names: list[str]) -> LessonError:
    shown = ", ".join(_printable(n) for n in names[:8]) + (" ..." if len(names) > 8 else "")
    return LessonError(
        f"{len(names)} file{'s' * (len(names) != 1)} here {'are' if len(names) != 1 else 'is'} not "
        f"a lesson and {'were' if len(names) != 1 else 'was'} skipped: {shown}",
        code="input.skipped",
        severity="warning",
        location=SourceLocation(_printable(folder)),
        hint="lesson files end in .yaml or .yml",
    )


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _printable(text: str) -> str:
    """A path as it may be printed in a message: control characters escaped (a newline in a
    file name must not start a forged message line)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@dataclass(frozen=True)
class CourseFolder:
    """Where course outputs (the pack) come from: the lessons of one folder, in the order of
    its curriculum.yaml when it has one (then only the lessons it names)."""

    shown: str
    curriculum: tuple[Path, str] | None
    lessons: tuple[LessonFile, ...]


@dataclass(frozen=True)
class Found:
    """What discovery found, before any lesson is read: the lessons given, and the course."""

    given: tuple[LessonFile, ...]  # every format of these is built
    course: CourseFolder | None  # set when a course format is built
    problems: tuple[LessonError, ...] = ()

    def files(self) -> list[LessonFile]:
        """Every lesson file to read: those given, then the course's others."""
        seen = {f.path.resolve() for f in self.given}
        extra = [f for f in self.course.lessons if f.path.resolve() not in seen] if self.course else []
        return [*self.given, *extra]


def discover(paths: tuple[str, ...], with_course: bool) -> Found:
    """The lessons of `paths`, and (`with_course`) the course folder the pack is made from."""
    given, problems = find_lessons(paths)
    course = None
    if with_course:
        folder = course_folder(paths)
        files = find_lessons((folder,))[0] if path_kind(folder) == "dir" else []
        # A lesson given by its path keeps that spelling; a folder listing finds the same file.
        by_path = {f.path.resolve(): f for f in given}
        lessons = tuple(by_path.get(f.path.resolve(), f) for f in files)
        course = CourseFolder(folder, find_course(paths), lessons)
    return Found(tuple(given), course, tuple(problems))


def course_folder(paths: tuple[str, ...]) -> str:
    """The folder of the course: the first folder named, else the folder of the first file."""
    for given in paths or (DEFAULT_LESSON_DIR,):
        if path_kind(given) == "dir":
            return given
    return (os.path.dirname(paths[0]) or ".") if paths else DEFAULT_LESSON_DIR


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
    """The curriculum.yaml of the course folder (see `course_folder`), with its shown path."""
    folder = course_folder(paths)
    candidate = Path(folder) / COURSE_FILE
    if path_kind(str(candidate)) == "file":
        return candidate, os.path.join(folder, COURSE_FILE)
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


def _has_lesson_suffix(path: Path) -> bool:
    return path.suffix.lower() in LESSON_SUFFIXES


def _reserved(path: Path) -> bool:
    return path.suffix.lower() in LESSON_SUFFIXES and path.stem in NOT_LESSONS


def _reserved_problem(shown: str, severity: Literal["error", "warning"]) -> LessonError:
    name = Path(shown).stem
    return LessonError(
        f"'{name}' is not a lesson id: translations/<locale>/{name}.yaml is the translation of "
        f"the {name}, so this file is not built",
        code="input.reserved-name",
        severity=severity,
        location=SourceLocation(shown),
        hint="rename the lesson file",
    )


def translations_root(paths: tuple[str, ...]) -> tuple[Path, str]:
    """The translations folder of a project's lessons, and how to show it: beside the first
    folder named (default lessons/), or beside the first lesson file named."""
    given = (paths or (DEFAULT_LESSON_DIR,))[0]
    folder = given if Path(given).is_dir() else os.path.dirname(given)
    return Path(folder or ".") / TRANSLATIONS_DIR, os.path.join(folder, TRANSLATIONS_DIR)


def find_document_translations(
    paths: tuple[str, ...], name: str, locales: tuple[str, ...] | None = None
) -> list[TranslationFile]:
    """`translations/<locale>/<name>.yaml` of the curriculum or the helplines, by locale."""
    root, shown_root = translations_root(paths)
    if not root.is_dir():
        return []
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        candidate = folder / f"{name}.yaml"
        if (not locales or folder.name in locales) and candidate.is_file():
            out.append(
                TranslationFile(candidate, os.path.join(shown_root, folder.name, candidate.name), folder.name)
            )
    return out


def translation_target(given: str) -> tuple[str, str, str] | None:
    """(document name, locale, lesson folder as shown) when `given` is a translation file
    (`<lessons>/translations/<locale>/<name>.yaml`), else None."""
    path = Path(given)
    if path.suffix.lower() not in LESSON_SUFFIXES or path.parent.parent.name != TRANSLATIONS_DIR:
        return None
    folder = os.path.dirname(os.path.dirname(os.path.dirname(given))) or "."
    return path.stem, path.parent.name, folder


def orphan_translations(paths: tuple[str, ...], lesson_ids: set[str]) -> list[LessonError]:
    """A warning for each translation file whose lesson does not exist (it is never built)."""
    root, shown_root = translations_root(paths)
    if not root.is_dir() or any(Path(p).is_file() for p in paths):
        return []
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for child in sorted(folder.iterdir()):
            if (
                child.suffix.lower() in LESSON_SUFFIXES
                and child.stem not in NOT_LESSONS
                and lesson_id(child.stem) not in lesson_ids
                and not child.name.startswith(".")
            ):
                out.append(
                    LessonError(
                        f"no lesson '{child.stem}' for this translation, so it is not built",
                        code="i18n.no-source",
                        severity="warning",
                        location=SourceLocation(os.path.join(shown_root, folder.name, child.name)),
                        hint="rename it after its lesson's file, or delete it if the lesson was removed",
                    )
                )
    return out


def _is_lesson(path: Path) -> bool:
    return (
        _has_lesson_suffix(path)
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


def read_input(
    path: Path, shown: str, limit: int = MAX_INPUT_BYTES, hint: str = "split the lesson into several files"
) -> bytes:
    """The bytes of an input file, refusing anything but a regular file of at most `limit`
    (`hint` says what to do with a larger one).

    The size is checked before reading, and never more than `limit + 1` bytes are read: a 6 GiB
    sparse "lesson" was read whole before the size check (38 s, 6.3 GB of memory; issue 13),
    and a FIFO would block a plain read forever.
    """
    where = SourceLocation(shown, 1, 1)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise LessonError(
            f"cannot read the file: {exc.strerror or exc}",
            code="input.unreadable",
            location=SourceLocation(shown),
        ) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise LessonError(
                "not a regular file",
                code="input.unreadable",
                location=where,
                hint="give a lesson .yaml file or a folder of them",
            )
        if info.st_size > limit:
            raise too_large(info.st_size, limit, where, hint)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise LessonError(
                f"cannot read the file: {exc.strerror or exc}",
                code="input.unreadable",
                location=SourceLocation(shown),
            ) from None
    if len(data) > limit:  # it grew while we looked
        raise too_large(len(data), limit, where, hint)
    return data


def too_large(
    size: int, limit: int, where: SourceLocation, hint: str = "split the lesson into several files"
) -> LessonError:
    """The error for an input file over its size limit."""
    return LessonError(
        f"file is larger than {_size(limit)} ({_size(size)})",
        code="file.too-large",
        location=where,
        hint=hint,
    )


def _size(size: int) -> str:
    if size < 1024**2:
        return f"{size // 1024} KiB"
    return f"{size / 1024**2:,.1f} MiB" if size < 1024**3 else f"{size / 1024**3:,.1f} GiB"

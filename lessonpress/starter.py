"""Turn `lessonpress init [DIR]` into a new project folder a teacher can build at once.

A project is a folder with `lessonpress.toml` (the settings, and the mark every command walks
up to), `lessons/` with one example lesson for the audience asked, `assets/themes/` with a
theme to copy, a `.gitignore` for the build folder, a short README for the teacher, and the
lesson schema for editors (`lesson.schema.json`, read offline). `--example safe-online` copies
the shipped curriculum instead of the example lesson: its lessons, translations, curriculum,
helplines and themes. Nothing that exists is ever overwritten: every file is checked first,
and one that exists stops the command before anything is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_FILE
from .errors import LessonError, SourceLocation
from .project import ASSETS_DIR, DEFAULT_LESSON_DIR, HELPLINES_FILE

AUDIENCES = ("teens", "adults", "children")
EXAMPLES = ("safe-online",)
SCHEMA_FILE = "lesson.schema.json"
_DATA = Path(__file__).parent / "data"
# The example lesson of each audience (lessonpress/data/starter-<audience>.yaml) and its id.
STARTER_IDS = {
    "teens": "planning-a-group-project",
    "adults": "running-a-good-meeting",
    "children": "working-well-in-a-team",
}

CONFIG = """\
# lessonpress settings of this project. Every lessonpress command finds this file from any
# folder inside the project, as git finds .git; flags on the command line win.

# theme = "school"     # a theme in assets/themes/ (`lessonpress themes` lists them)
# paper = "letter"     # a4, letter or a5 (default: from each lesson's language, Letter for en-US)
# region = "US"        # helplines to print (default: from each lesson's language, e.g. en-GB)

# The helpline region of one language, before its country and `region` (a table: keep it last).
# [regions]
# es = "MX"            # Spanish outputs print Mexico's helplines
"""

THEME = """\
# A theme changes only what it names; everything else comes from the built-in theme.
# Use it with `lessonpress build --theme school`, or `theme = "school"` in lessonpress.toml.
# See it with `lessonpress themes preview school`.
organisation: "Our school"     # on covers and in the page header
license: "Printed by Our school"   # a line in every footer
colors:
  accent: "#1d4e89"            # titles, headings and box outlines (#rrggbb)
sizes:
  body: 12                     # body text, in points
margins:
  page: 18                     # every edge of a page, in millimetres
"""

GITIGNORE = """\
# Built PDFs: make them again with `lessonpress build`.
build/
"""

README = """\
# {title}

Lesson plans for lessonpress: each lesson is a YAML file in `lessons/`, and
`lessonpress build` turns it into a handout, slides, notes pages and a facilitator guide in
`build/`.

    lessonpress build                  # every lesson, every format, into build/
    lessonpress new my-next-lesson     # a new lesson to fill in, in lessons/
    lessonpress check                  # look for mistakes without building
    lessonpress watch                  # rebuild each time you save a lesson (Ctrl-C stops)
    lessonpress --help                 # everything else

- `lessonpress.toml`: settings for every build (theme, paper size, helpline region).
- `lessons/`: one file per lesson; translations go in `lessons/translations/<language>/`
  (`lessonpress i18n init --locale fr` starts them).
- `assets/themes/`: colours, fonts and sizes (`lessonpress themes preview school`).
- `{schema}`: lets editors such as VS Code check a lesson as you type.

Any command works from any folder inside this one.
"""


@dataclass(frozen=True)
class Created:
    """What `init` wrote, and the lesson to build first."""

    root: Path
    files: tuple[Path, ...]


def init_project(folder: Path, audience: str = "teens", example: str | None = None) -> Created:
    """Make a project in `folder` (created if missing); raise LessonError and write nothing when
    a file it would write already exists."""
    if audience not in AUDIENCES:
        raise LessonError(f"unknown audience '{audience}'", code="init.audience")
    files = _planned(folder, audience, example)
    existing = [path for path in files if os.path.lexists(path)]
    if existing:
        raise LessonError(
            "already exists; lessonpress init never overwrites a file",
            code="init.exists",
            location=SourceLocation(str(existing[0])),
            hint="choose a new folder, e.g. `lessonpress init my-course`",
        )
    for path, data in files.items():
        _write_new(path, data)
    return Created(folder, tuple(files))


def _planned(folder: Path, audience: str, example: str | None) -> dict[Path, bytes]:
    """Every file to write, with its bytes."""
    from .schema import schema_json

    title = "Safe online" if example else "Our lessons"
    files = {
        folder / CONFIG_FILE: CONFIG.encode(),
        folder / ".gitignore": GITIGNORE.encode(),
        folder / "README.md": README.format(title=title, schema=SCHEMA_FILE).encode(),
        folder / SCHEMA_FILE: schema_json().encode(),
    }
    if example is None:
        lesson = (_DATA / f"starter-{audience}.yaml").read_bytes()
        files[folder / DEFAULT_LESSON_DIR / f"{STARTER_IDS[audience]}.yaml"] = lesson
        files[folder / ASSETS_DIR / "themes" / "school.yaml"] = THEME.encode()
    else:
        files.update(_example_files(folder, example))
    return files


def example_source(example: str) -> Path:
    """The folder holding an example project's lessons/ and assets/ (the shipped curriculum)."""
    for candidate in (Path(__file__).parent / "examples" / example, Path(__file__).parent.parent):
        if (candidate / DEFAULT_LESSON_DIR / "curriculum.yaml").is_file() and (
            candidate / ASSETS_DIR / HELPLINES_FILE
        ).is_file():
            return candidate
    raise LessonError(
        f"the '{example}' example is not part of this installation",
        code="init.example-missing",
        hint="install lessonpress from its source repository (pip install -e .), where lessons/ "
        "and assets/ hold the curriculum",
    )


def _example_files(folder: Path, example: str) -> dict[Path, bytes]:
    """The example's lessons (with translations and curriculum) and assets, file by file."""
    if example not in EXAMPLES:
        raise LessonError(
            f"no example called '{example}'", code="init.example", hint="examples: " + ", ".join(EXAMPLES)
        )
    source = example_source(example)
    out = {}
    for top in (DEFAULT_LESSON_DIR, ASSETS_DIR):
        for path in sorted((source / top).rglob("*")):
            relative = path.relative_to(source)
            if path.is_file() and not any(part.startswith((".", "__")) for part in relative.parts):
                out[folder / relative] = path.read_bytes()
    return out


def _write_new(path: Path, data: bytes) -> None:
    """Create `path` with `data`; it must not exist."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        raise LessonError(
            f"cannot create the file: {exc.strerror or exc}",
            code="init.write",
            location=SourceLocation(str(path)),
        ) from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)

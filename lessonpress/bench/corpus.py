"""The benchmark's lessons: an N-lesson project made from the shipped curriculum's lessons.

`make_project` copies the project's English lesson files (sorted, repeated until there are N,
each under its own file name) and its helpline file into a scratch folder, so an N-lesson
build is the same work on every machine with the same checkout. `retitled` gives a lesson
a different title per round, so each timed document is content Typst has not laid out before
in that process (it remembers the layout of documents it compiled recently).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..build import BuildSettings
from ..model import Lesson

DATA = Path(__file__).parent.parent / "data"
DECK_LESSON = DATA / "deck-lesson.yaml"


@dataclass(frozen=True)
class Project:
    """A scratch project: `lessons/` with N lesson files and `assets/helplines.yaml`."""

    root: Path
    files: tuple[Path, ...]

    @property
    def lessons(self) -> Path:
        """The lesson folder."""
        return self.root / "lessons"

    def settings(self, out: Path, *, formats: tuple[str, ...] = ("handout",)) -> BuildSettings:
        """In-process build settings for these lessons: serial, forced, a fixed date."""
        return BuildSettings(
            paths=(str(self.lessons),), out_dir=out, formats=formats, jobs=1, force=True, today="2025-01-01"
        )


def make_project(source: Path, folder: Path, count: int) -> Project:
    """`count` lesson files from `source`'s lessons/ (English sources only) in `folder`."""
    shipped = sorted(p for p in (source / "lessons").glob("*.yaml") if p.stem != "curriculum")
    if not shipped:
        raise SystemExit(f"{source} has no lessons/*.yaml to benchmark with; pass --project")
    lessons = folder / "lessons"
    lessons.mkdir(parents=True)
    files = []
    for n in range(count):
        target = lessons / f"{n + 1:02d}-{shipped[n % len(shipped)].stem}.yaml"
        shutil.copyfile(shipped[n % len(shipped)], target)
        files.append(target)
    helplines = source / "assets" / "helplines.yaml"
    if helplines.is_file():
        (folder / "assets").mkdir()
        shutil.copyfile(helplines, folder / "assets" / "helplines.yaml")
    return Project(folder, tuple(files))


def load_deck_lesson() -> Lesson:
    """The deck fixture: a lesson whose deck has 13 slides, one page each."""
    from ..lessons import check_lesson
    from ..project import LessonFile

    lesson, problems = check_lesson(LessonFile(DECK_LESSON, str(DECK_LESSON), DECK_LESSON.stem))
    if lesson is None:
        raise SystemExit("\n".join(p.format() for p in problems))
    return lesson


def retitled(lesson: Lesson, round_number: int) -> Lesson:
    """The lesson with its title numbered for one round of a figure."""
    import dataclasses

    from ..markup import RichText, Run

    text = f"{lesson.title.plain} ({round_number})"
    title = RichText(text, (Run(text),))
    return dataclasses.replace(lesson, title=title)

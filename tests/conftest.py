"""Shared fixtures: sample lessons, the shipped curriculum and corpus, and PDF helpers."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from lessonpress.formats import get_format
from lessonpress.labels import ENGLISH
from lessonpress.layout.base import LayoutContext
from lessonpress.lessons import check_lesson
from lessonpress.model import Lesson
from lessonpress.project import LessonFile
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
LESSONS = ROOT / "lessons"
CORPUS = FIXTURES / "corpus"
SHIPPED = sorted(p for p in LESSONS.glob("*.yaml") if p.stem != "curriculum")
CORPUS_FILES = sorted(CORPUS.glob("*.yaml"))
I18N_LESSONS = FIXTURES / "i18n" / "lessons"


HOLDOUT_URL = "https://example.org/" + "a" * 280
HOLDOUT_WORD = "Supercalifragilistic" * 150


def holdout_text() -> str:
    """The longest lesson a user might plausibly write, and then some."""
    long = "This sentence is here to make the item wrap over several lines on a slide. "
    lines = [
        "title: " + "A long lesson title about staying safe online, " * 4,
        "audience: Everyone",
        "duration_minutes: 90",
        "objectives:",
    ]
    lines += [f"  - Objective {i} of many. " + long * (i % 4) for i in range(40)]
    lines += ["discussion_prompts:"]
    for i in range(60):
        lines += [
            f"  - prompt: Prompt number {i}? " + long * (i % 6),
            f"    notes: Note {i} for the facilitator. " + long * (i % 7),
            f"    follow_ups: ['Follow-up {i} a?', 'Follow-up {i} b?']",
        ]
    lines += ["activities:", "  - title: " + "A long activity title " * 8, "    steps:"]
    lines += [f"      - Step {i}. " + long * (i % 5) for i in range(12)]
    lines += ["warning_signs:"] + [f"  - Warning sign {i}." for i in range(25)]
    lines += ["key_takeaways:", f"  - {HOLDOUT_WORD}", f"  - Visit {HOLDOUT_URL}", "  - A short takeaway."]
    lines += ["resources:"] + [
        f"  - name: Service {i}\n    url: {HOLDOUT_URL}\n    phone: '0800 000 00{i}'" for i in range(5)
    ]
    lines += ["facilitator_notes:"] + [f"  - General note {i}. " + long * 6 for i in range(20)]
    return "\n".join(lines) + "\n"


def load(path: Path) -> Lesson:
    """Load a lesson file that must be valid."""
    lesson, problems = check_lesson(LessonFile(path, str(path), path.stem))
    assert lesson is not None, [p.format() for p in problems]
    return lesson


def load_text(tmp_path: Path, text: str, name: str = "lesson.yaml") -> tuple[Lesson | None, list]:
    """Write lesson text to a file and load it; returns (lesson or None, problems)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_lesson(LessonFile(path, name, path.stem))


def make_pdf(lesson: Lesson, fmt: str = "handout", paper: str = "a4") -> bytes:
    """Render one format of a lesson in memory."""
    context = LayoutContext(paper, DEFAULT_THEME, ENGLISH)
    return render(get_format(fmt).layout(lesson, context))


def pdf_text(data: bytes) -> str:
    """All text of a PDF as a reader would copy it, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def squash(text: str) -> str:
    """Text without whitespace or soft hyphens (both invisible in print), to compare across lines."""
    return "".join(text.replace("\u00ad", "").split())


@pytest.fixture
def full_lesson() -> Lesson:
    """The fixture lesson that uses every field."""
    return load(GOOD / "full.yaml")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary project folder (the current directory) with two good lessons in lessons/."""
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    shutil.copy(GOOD / "minimal.yaml", lessons / "minimal.yaml")
    shutil.copy(GOOD / "full.yaml", lessons / "full.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def i18n_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project (the current folder) whose lessons/ has one lesson and six translations."""
    shutil.copytree(I18N_LESSONS, tmp_path / "lessons")
    monkeypatch.chdir(tmp_path)
    return tmp_path

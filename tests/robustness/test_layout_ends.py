"""Issue 13.1: a layout always ends, with a PDF or with an error at the text; never a hang.

A 7,070-character discussion prompt (under the 10,000 limit) made `--format guide` loop forever
in ReportLab: the guide keeps a prompt's title with its notes, and a kept-together piece taller
than a page was handed back unchanged, again and again. The watchdog turns any such stall (the
same piece retried, pages without progress) into a located error naming the field.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import Flowable, PageBreak, Paragraph
from reportlab.platypus.doctemplate import NullActionFlowable

from lessonpress.build import BuildSettings, build
from lessonpress.layout import progress
from lessonpress.layout.base import DocumentSpec, Metadata
from lessonpress.render import render

from ..conftest import load_text, make_pdf, pdf_text, squash
from .conftest import assert_own_errors, deadline

SENTENCE = "children learn to stay safe online while the quick brown fox jumps over a lazy dog"
WORDS = SENTENCE.split()


def long_text(length: int) -> str:
    """Ordinary words, `length` characters, ending with a marker word."""
    words, size, i = [], 0, 0
    while size < length - 12:
        words.append(WORDS[i % len(WORDS)])
        size += len(words[-1]) + 1
        i += 1
    return " ".join(words) + " ENDMARKER"


def lesson_with_prompt(length: int) -> str:
    return (
        f"title: A long prompt\nobjectives: [Learn]\ndiscussion_prompts:\n"
        f'  - "{long_text(length)}"\nkey_takeaways: [Remember]\n'
    )


@pytest.mark.parametrize("length", [1600, 3200, 7070, 9990])
@pytest.mark.parametrize("fmt", ["guide", "handout", "notes", "slides"])
def test_a_long_prompt_is_laid_out_in_full(tmp_path: Path, fmt: str, length: int) -> None:
    lesson, problems = load_text(tmp_path, lesson_with_prompt(length))
    assert lesson is not None, problems
    with deadline(60):
        text = pdf_text(make_pdf(lesson, fmt))
    assert "ENDMARKER" in text  # the end of the prompt is printed
    assert squash(long_text(length))[:200] in squash(text)


def test_a_long_prompt_with_notes_is_laid_out_in_the_guide(tmp_path: Path) -> None:
    text = lesson_with_prompt(7070).replace("\nkey_takeaways", "\n    notes: Listen.\nkey_takeaways")
    lesson, problems = load_text(tmp_path, text.replace('  - "', '  - prompt: "'))
    assert lesson is not None, problems
    with deadline(60):
        text = pdf_text(make_pdf(lesson, "guide"))
    assert "ENDMARKER" in text and "Listen." in text


def test_the_watchdog_names_the_field_when_keeping_together_loops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the fix the guide loops; the watchdog still stops it at the prompt's line."""
    monkeypatch.setattr(progress.KeepWhatFits, "split", progress.KeepTogether.split)
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "long.yaml").write_text(lesson_with_prompt(7070), encoding="utf-8")
    settings = BuildSettings(
        paths=(str(tmp_path / "lessons"),), out_dir=tmp_path / "out", formats=("guide",), jobs=1
    )
    with deadline(60):
        result = build(settings)
    [problem] = [p for p in result.problems if p.is_error]
    assert problem.code == "layout.too-large"
    assert (problem.line, problem.column) == (4, 5)  # the prompt's text
    assert problem.message == "this text cannot be laid out in the guide: it never fits on a page"
    assert_own_errors(result.problems)


class _Stuck(Flowable):
    """A piece that never fits and hands itself back: ReportLab would loop on it forever."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, avail_height + 1

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return [NullActionFlowable(), self]


class _Elsewhere(Flowable):
    """A piece that always asks for a new page and never draws anything."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, avail_height + 1

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return [PageBreak(), _Elsewhere()]


def _spec(*story: Flowable) -> DocumentSpec:
    return DocumentSpec(
        (300, 300), (10, 10, 280, 280), story, Metadata("t", "a", "s", "en"), lambda canvas, number: None
    )


@pytest.mark.parametrize(("stuck", "why"), [(_Stuck(), "never fits"), (_Elsewhere(), "stay empty")])
def test_a_document_without_progress_stops_with_an_error(stuck: Flowable, why: str) -> None:
    from reportlab.lib.styles import ParagraphStyle

    story = [Paragraph("Before the stuck piece", ParagraphStyle("p")), stuck]
    with deadline(30), pytest.raises(progress.LayoutStalled) as info:
        render(_spec(*story))
    assert why in info.value.why


def test_a_stalled_text_is_found_among_the_lessons_texts(tmp_path: Path) -> None:
    lesson, _ = load_text(tmp_path, lesson_with_prompt(3000))
    middle = " ".join(long_text(3000).split()[100:160])  # a split part shows only some of it
    found = progress.locate("1. " + middle, lesson.texts())
    assert found is not None and found.location.line == 4


def test_watch_builds_the_long_prompt_instead_of_freezing(tmp_path: Path) -> None:
    import threading

    from lessonpress.report import Collector
    from lessonpress.watch import watch

    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "long.yaml").write_text(lesson_with_prompt(7070), encoding="utf-8")
    settings = BuildSettings(paths=(str(tmp_path / "lessons"),), out_dir=tmp_path / "out", formats=("guide",))
    stop, builds = threading.Event(), []

    def on_build(result: object) -> None:
        builds.append(result)
        stop.set()

    thread = threading.Thread(target=watch, args=(settings, Collector(), on_build, stop), daemon=True)
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive(), "watch froze on the long prompt"
    assert [p.name for p in builds[0].written] == ["long-guide.pdf"]

"""The format registry is the only place that knows a format: a format added there alone is
built, tracked by the incremental build and offered on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.build import BuildSettings
from lessonpress.cli import main
from lessonpress.formats import FORMATS, FormatSpec, format_names, learner_formats, spec
from lessonpress.layout.base import DocumentSpec, Format, LayoutContext
from lessonpress.model import Lesson

from .conftest import pdf_text


class WordCard(Format):
    """A dummy format: one page with the lesson's title and 'word card'."""

    def layout(self, lesson: Lesson, context: LayoutContext) -> DocumentSpec:
        from lessonpress.layout.page import portrait_document
        from lessonpress.layout.text import paragraph, plain_markup, styles_for
        from lessonpress.scripts import script_for

        styles = styles_for(context.theme, script_for(lesson.language))
        story = [paragraph(plain_markup(f"word card: {lesson.title.plain}"), styles.body)]
        return portrait_document(lesson, context, story, "word card")


@pytest.fixture
def word_card(monkeypatch: pytest.MonkeyPatch) -> FormatSpec:
    """A format registered with one line, as a plugin or a new layout module would."""
    card = FormatSpec("word-card", "tests.test_formats:WordCard", learner=True)
    monkeypatch.setitem(FORMATS, card.name, card)
    return card


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


def test_a_registered_format_is_built_tracked_and_listed(project: Path, word_card: FormatSpec) -> None:
    assert "word-card" in run("build", "--help").output
    first = run("build", "--format", "word-card", "--jobs", "1")
    assert first.exit_code == 0, first.output
    card = project / "build" / "en" / "minimal-word-card.pdf"
    assert "word card: A minimal lesson" in pdf_text(card.read_bytes())
    assert sorted(p.name for p in (project / "build" / "en").glob("*.pdf")) == [
        "full-word-card.pdf",
        "minimal-word-card.pdf",
    ]
    again = run("build", "--format", "word-card", "--jobs", "1")
    assert again.exit_code == 0 and "0 PDFs written, 2 up to date" in again.output
    assert "word-card" in learner_formats()


def test_a_registered_format_is_in_the_default_build(project: Path, word_card: FormatSpec) -> None:
    result = run("build", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert (project / "build" / "en" / "full-word-card.pdf").exists()


def test_format_is_a_list_or_repeated(project: Path) -> None:
    result = run("build", "--format", "handout,guide", "--format", "slides", "--jobs", "1")
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (project / "build" / "en").glob("minimal-*.pdf"))
    assert built == ["minimal-guide.pdf", "minimal-handout.pdf", "minimal-slides.pdf"]
    bad = run("build", "--format", "handout,poster")
    assert bad.exit_code == 2 and "'poster' is not a format" in bad.output


def test_learner_and_facilitator_outputs_are_named_by_the_registry() -> None:
    assert set(learner_formats()) == {
        "handout",
        "slides",
        "slides-handout",
        "pack",
        "handout-bilingual",
        "html",
        "html-bilingual",
    }
    assert not spec("guide").learner and not spec("notes").learner and not spec("guide-html").learner
    binder = BuildSettings(pack_of="guide")
    assert spec("pack").is_learner() and not spec("pack").is_learner(binder)


def test_file_names_come_from_the_registry() -> None:
    import dataclasses

    from lessonpress.theme import DEFAULT_THEME

    large = BuildSettings(theme=dataclasses.replace(DEFAULT_THEME, presets=("large-print",)))
    assert spec("handout").file_name(BuildSettings(), "grooming") == "grooming-handout.pdf"
    assert spec("slides").file_name(large, "grooming") == "grooming-slides.large-print.pdf"
    assert spec("pack").file_name(BuildSettings()) == "course-pack.pdf"
    assert spec("pack").file_name(BuildSettings(pack_of="guide")) == "course-pack-guides.pdf"
    assert "handout-bilingual" not in format_names()  # asked for with --bilingual

"""Print presets name their files only where they change something: the registry's
`ignores_presets` is checked both ways (ignored: the same bytes; not ignored: different ones),
and a build with such a preset writes no second file and rebuilds nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.cli import main
from lessonpress.formats import FORMATS, get_format
from lessonpress.labels import ENGLISH
from lessonpress.layout.base import LayoutContext
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME
from lessonpress.themes import PRESETS, apply_presets

from .conftest import GOOD, load

LESSON_FORMATS = [  # the PDF formats of one lesson
    name
    for name, spec in FORMATS.items()
    if spec.inputs == "lesson" and spec.scope == "lesson" and spec.suffix == ".pdf"
]


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("fmt", LESSON_FORMATS)
@pytest.mark.parametrize("preset", PRESETS)
def test_a_preset_is_ignored_exactly_where_it_changes_nothing(fmt: str, preset: str) -> None:
    lesson = load(GOOD / "full.yaml")

    def pdf(theme) -> bytes:  # noqa: ANN001
        return render(get_format(fmt).layout(lesson, LayoutContext("a4", theme, ENGLISH)))

    with_preset = dataclasses.replace(apply_presets(DEFAULT_THEME, (preset,)), presets=())
    same = pdf(with_preset) == pdf(DEFAULT_THEME)
    assert same == (preset in FORMATS[fmt].ignores_presets), (
        f"{fmt} with --{preset} is {'the same' if same else 'different'}: "
        "update ignores_presets in formats.py"
    )


def test_large_print_slides_are_the_normal_slides(project: Path) -> None:
    assert run("build", "--format", "slides,handout", "-j", "1").exit_code == 0
    slides = project / "build" / "en" / "minimal-slides.pdf"
    stamp = slides.stat().st_mtime_ns
    result = run("build", "--format", "slides,handout", "-j", "1", "--large-print", "--verbose")
    assert result.exit_code == 0, result.output
    written = sorted(ln.split()[1] for ln in result.output.splitlines() if ln.startswith("wrote "))
    assert written == ["build/en/full-handout.large-print.pdf", "build/en/minimal-handout.large-print.pdf"]
    assert "up to date: build/en/minimal-slides.pdf" in result.output
    assert not list((project / "build" / "en").glob("*slides.large-print.pdf"))
    assert slides.stat().st_mtime_ns == stamp
    again = run("build", "--format", "slides,handout")  # and back: nothing to do
    assert "0 PDFs written, 4 up to date" in again.output
    mixed = run("build", "--format", "slides", "--large-print", "--ink-saver", "--verbose")
    assert "wrote build/en/minimal-slides.ink-saver.pdf" in mixed.output


def test_themes_preview_takes_presets_and_names_the_file(project: Path) -> None:
    assert run("themes", "preview", "default").exit_code == 0
    result = run("themes", "preview", "default", "--large-print")
    assert result.exit_code == 0, result.output
    normal = project / "build" / "themes" / "default-specimen.pdf"
    large = project / "build" / "themes" / "default-specimen.large-print.pdf"
    assert "wrote build/themes/default-specimen.large-print.pdf" in result.output
    assert normal.read_bytes() != large.read_bytes()

"""Issue 13.8 and 13.9: any theme the checker accepts lays out; theme names stay names.

A page margin of 300, a body size of 999, a line spacing of 0.001 or a 100000x1 logo with an
organisation passed the checker and crashed the layout, reported at `lesson.yaml:1:8`.
`--theme ../../x` and `extends: ../../x` loaded YAML from outside the project, and
`themes preview` with a crafted name wrote outside `--out`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from lessonpress import themes
from lessonpress.cli import main
from lessonpress.formats import get_format
from lessonpress.labels import ENGLISH
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.render import render
from lessonpress.themes import PRESETS, apply_presets, load_theme

from ..conftest import GOOD, load
from .conftest import deadline

FORMATS = ("handout", "slides", "notes", "slides-handout", "guide")
LONGEST = """organisation: An organisation with a long name that runs on and on, past the logo
logo: assets/wide.png
licence: A licence line that is also long, CC BY-SA 4.0 International, printed by the school
sizes: {body: 20, small: 12, title: 40, subtitle: 28, heading: 28, slide_title: 60, slide_body: 40}
spacing: {line: 2.0, write_in_lines: 8, write_in_gap: 36, rule_width: 3}
margins: {page: 25, inner: 25, slide: 25}
"""
SMALLEST = """logo: assets/tall.png
sizes: {body: 11, small: 7, title: 14, subtitle: 9, heading: 11, slide_title: 36, slide_body: 24}
spacing: {line: 1.0, write_in_lines: 1, write_in_gap: 14, rule_width: 0.2}
margins: {page: 12, inner: 12, slide: 12}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "assets" / "themes").mkdir(parents=True)
    Image.new("RGB", (800, 100), "navy").save(tmp_path / "assets" / "wide.png")  # 8:1
    Image.new("RGB", (100, 800), "navy").save(tmp_path / "assets" / "tall.png")  # 1:8
    (tmp_path / "assets" / "themes" / "longest.yaml").write_text(LONGEST, encoding="utf-8")
    (tmp_path / "assets" / "themes" / "smallest.yaml").write_text(SMALLEST, encoding="utf-8")
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "full.yaml").write_text((GOOD / "full.yaml").read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("presets", [(), PRESETS], ids=["plain", "every-preset"])
@pytest.mark.parametrize("name", ["longest", "smallest"])
def test_the_ends_of_every_range_lay_out_on_a5(project: Path, name: str, presets: tuple) -> None:
    """Every value at the end of its range at once, with every preset, on the smallest paper."""
    theme, problems = load_theme(name, project)
    assert theme is not None, problems
    theme = apply_presets(theme, presets)
    lesson = load(project / "lessons" / "full.yaml")
    context = LayoutContext("a5", fonts_for([lesson], theme), ENGLISH)
    with deadline(120):
        for fmt in FORMATS:
            assert render(get_format(fmt).layout(lesson, context)).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("margins:\n  page: 300\n", "2:9: error: 'margins.page' must be at most 25 mm, not 300"),
        ("sizes:\n  body: 999\n", "2:9: error: 'sizes.body' must be at most 20 pt, not 999"),
        ("spacing:\n  line: 0.001\n", "2:9: error: 'spacing.line' must be at least 1 times the type size"),
        (
            "organisation: Org\nlogo: assets/banner.png\n",
            "2:7: error: logo is 100000 x 1 pixels: it may be at most 8 times as wide as it is tall",
        ),
    ],
)
def test_issue_values_are_refused_at_their_line(project: Path, text: str, expected: str) -> None:
    Image.new("1", (100000, 1)).save(project / "assets" / "banner.png")
    (project / "assets" / "themes" / "bad.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "lessons", "--theme", "bad", "--format", "handout"])
    assert result.exit_code == 2  # the theme is refused before anything is built
    assert f"assets/themes/bad.yaml:{expected}" in result.output
    assert "internal error" not in result.output and "lesson.yaml" not in result.output


def test_a_layout_failure_that_slips_through_is_reported_at_the_theme_line(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the range check switched off, a margin of 300 reaches the layout: the failure is
    still reported at the theme's line, not at the lesson's title."""
    monkeypatch.setitem(themes._RANGES, "margin_mm", (12, 1000, "mm"))
    (project / "assets" / "themes" / "wide.yaml").write_text("sizes:\n  title: 30\nmargins:\n  page: 300\n")
    with deadline(120):
        result = CliRunner().invoke(
            main, ["build", "lessons", "--theme", "wide", "--format", "handout", "--jobs", "1"]
        )
    assert result.exit_code == 1
    assert (
        "assets/themes/wide.yaml:4:9: error: the theme's 'margins.page' (300) leaves no room "
        "to lay out this output [theme.layout]"
    ) in result.output
    assert "full.yaml" not in result.output


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/x",
        "/etc/passwd",
        "a/b",
        "NGO",
        "x.yaml",
        "..",
        "a b",
        "ngo\nlessons/x.yaml:1:1: error: forged",
    ],
)
def test_theme_names_are_names(project: Path, name: str) -> None:
    result = CliRunner().invoke(main, ["build", "lessons", "--theme", name, "--format", "handout"])
    assert result.exit_code == 2
    assert "is not a theme name [theme.name]" in result.output
    assert "\nlessons/x.yaml:1:1: error: forged" not in result.output  # escaped, not a new line


def test_extends_is_a_name_too(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "evil.yaml").write_text("organisation: Outside\n")
    (project / "assets" / "themes" / "child.yaml").write_text(f"extends: ../../{outside.name}/evil\n")
    theme, problems = load_theme("child", project)
    assert theme is None
    assert [p.format().splitlines()[0] for p in problems] == [
        f"assets/themes/child.yaml:1:10: error: '../../{outside.name}/evil' is not a theme name [theme.name]"
    ]


def test_a_long_extends_chain_is_not_a_cycle(project: Path) -> None:
    folder = project / "assets" / "themes"
    for i in range(7):
        (folder / f"t{i}.yaml").write_text(f"extends: t{i + 1}\n" if i < 6 else "sizes: {body: 12}\n")
    theme, problems = load_theme("t0", project)
    assert theme is not None and theme.body_size == 12, problems
    (folder / "t6.yaml").write_text("extends: t2\n")
    _, problems = load_theme("t0", project)
    [problem] = problems
    assert problem.code == "theme.cycle" and problem.path == "assets/themes/t6.yaml"
    assert "t2 -> t3 -> t4 -> t5 -> t6 -> t2" in problem.message


@pytest.mark.parametrize("name", ["../../escaped", "../escaped", "/tmp/escaped", "x/../../escaped"])
def test_themes_preview_never_writes_outside_out(project: Path, name: str) -> None:
    result = CliRunner().invoke(main, ["themes", "preview", name, "--out", "out"])
    assert result.exit_code == 2
    written = [p for p in project.rglob("*.pdf")]
    assert written == []

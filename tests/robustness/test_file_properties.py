"""Property tests over lesson files and theme files (issue 13, "Keep it so").

Whatever a stranger's file holds, the outcome is the tool's own located error or a correct
result: never an internal error, never a hang. Lesson files are the full fixture lesson with
random damage (a line dropped, doubled, or given YAML's special characters); theme files are
random mixes of keys and values, inside and far outside their ranges. A theme that loads must
lay out on A5. LESSONPRESS_FUZZ=1 runs many more examples.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonpress.formats import get_format
from lessonpress.labels import ENGLISH
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.lessons import check_lesson
from lessonpress.project import LessonFile
from lessonpress.render import render
from lessonpress.themes import load_theme

from ..conftest import GOOD, load
from .conftest import assert_own_errors, deadline

FUZZ = bool(os.environ.get("LESSONPRESS_FUZZ"))
LINES = (GOOD / "full.yaml").read_text(encoding="utf-8").split("\n")
SNIPPETS = st.sampled_from(
    [
        "*",
        "- ",
        "* ",
        ": ",
        " : ",
        "#1",
        " #x",
        '"',
        "'",
        "“",
        "\\U",
        "@",
        "`",
        "%",
        "!",
        "&a ",
        "|",
        ">",
        "[",
        "{",
        "?",
        ",",
        "\t",
        "  ",
        "   - x",
        "x:",
        "ß",
        "²",
        "١٢",
        "✅",
        "\u202e",
        "\u00a0",
        "https://[::1/",
    ]
)


@st.composite
def damaged_lessons(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "double", "insert", "prefix-value", "indent"]))
        if action == "drop":
            del lines[i]
        elif action == "double":
            lines.insert(i, lines[i])
        elif action == "insert":
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(SNIPPETS) + line[at:]
        elif action == "prefix-value" and ": " in lines[i]:
            key, _, value = lines[i].partition(": ")
            lines[i] = f"{key}: {draw(SNIPPETS)}{value}"
        else:
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
    return "\n".join(lines)


@settings(
    max_examples=1500 if FUZZ else 80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(damaged_lessons())
def test_a_damaged_lesson_gives_a_lesson_or_located_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "lesson.yaml"
    path.write_text(text, encoding="utf-8")
    with deadline(30):
        lesson, problems = check_lesson(LessonFile(path, "lesson.yaml", "lesson"))
    assert_own_errors(problems)
    if lesson is None:
        assert any(p.is_error for p in problems)


NUMBER = st.one_of(
    st.integers(-10, 400).map(str),
    st.floats(0, 60, allow_nan=False).map(lambda f: f"{f:.3f}"),
    st.sampled_from(["0", "1e3", "²", "١٢", "nan", "inf", "-1", "999999", "12.", ".5", "0x10"]),
)
TEXT = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x2FFF, blacklist_categories=("Cs",)), max_size=40
)


def _value(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def theme_files(draw: st.DrawFn) -> str:
    groups = {
        "sizes": ["body", "small", "title", "subtitle", "heading", "slide_title", "slide_body"],
        "spacing": ["line", "write_in_lines", "write_in_gap", "rule_width"],
        "margins": ["page", "inner", "slide"],
        "colors": ["text", "accent", "box", "page"],
        "fonts": ["body", "heading"],
    }
    out = []
    for top in draw(st.lists(st.sampled_from(["organisation", "licence", "extends"]), unique=True)):
        value = (
            draw(st.sampled_from(["default", "../x", "a" * 70, "NGO", "t", "ngo"]))
            if top == "extends"
            else draw(TEXT)
        )
        out.append(f"{top}: {_value(value)}")
    for group in draw(st.lists(st.sampled_from(sorted(groups)), unique=True, max_size=4)):
        out.append(f"{group}:")
        for key in draw(st.lists(st.sampled_from(groups[group]), unique=True, min_size=1)):
            if group == "colors":
                value = draw(st.sampled_from(["#000000", "#fff", "red", "none", "#12345g", "#1d4e89"]))
            elif group == "fonts":
                value = draw(st.sampled_from(["Atkinson", "Lexend", "Comic", "../../x", ""]))
            else:
                value = draw(NUMBER)
            out.append(f"  {key}: {_value(value)}")
    return "\n".join(out) + "\n"


@settings(
    max_examples=300 if FUZZ else 25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(theme_files())
def test_a_theme_gives_a_theme_that_lays_out_or_located_errors(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "assets" / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.yaml").write_text(text, encoding="utf-8")
    (folder / "ngo.yaml").write_text("extends: t\n", encoding="utf-8")  # a cycle when t extends ngo
    theme, problems = load_theme("t", tmp_path)
    for problem in problems:
        assert problem.code != "internal.error", problem.format()
        assert problem.path.startswith("assets/themes/") and problem.line >= 1, problem.format()
    if theme is None:
        assert any(p.is_error for p in problems)
        return
    lesson = load(GOOD / "full.yaml")
    context = LayoutContext("a5", fonts_for([lesson], theme), ENGLISH)
    with deadline(120):
        for fmt in ("handout", "slides"):
            assert render(get_format(fmt).layout(lesson, context)).startswith(b"%PDF")

"""Issue 13.13 (messages outside PO files): each says what is really wrong, at the right line.

- Characters the fonts lack in the theme's organisation or licence, or in curriculum titles,
  were dropped silently; they get the preflight lessons have.
- A UTF-16BE lesson was "U+0000 NULL is not allowed": it says UTF-16 (fixtures/bad/utf16*).
- A 7-level `extends` chain was "extends itself" (test_theme_files.py).
- A newline in a file name could forge error lines: it is escaped.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.cli import main

from ..conftest import pdf_text

GOOD = "title: Good\nobjectives: [Learn]\ndiscussion_prompts: [Why?]\nkey_takeaways: [Remember]\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "assets" / "themes").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, ["build", "lessons", "--format", "handout", "--jobs", "1", *args])


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("organisation: Safe Steps ✅\n", "1:15"),
        ("organisation: Safe Steps\nlicence: CC BY 4.0 ✅\n", "2:10"),
    ],
)
def test_theme_words_the_fonts_lack_are_located_errors(project: Path, text: str, where: str) -> None:
    (project / "assets" / "themes" / "org.yaml").write_text(text, encoding="utf-8")
    result = build("--theme", "org")
    assert result.exit_code == 1
    assert (
        f"assets/themes/org.yaml:{where}: error: cannot print U+2705 WHITE HEAVY CHECK MARK (✅) "
        "with font Atkinson Hyperlegible [font.missing-glyph]"
    ) in result.output
    assert not (project / "build" / "en" / "good-handout.pdf").exists()


def test_theme_words_are_checked_with_each_languages_fonts(project: Path) -> None:
    (project / "lessons" / "arabic.yaml").write_text(
        "language: ar\ntitle: درس\nobjectives: [تعلّم]\ndiscussion_prompts: [لماذا؟]\nkey_takeaways: [تذكّر]\n",
        encoding="utf-8",
    )
    (project / "assets" / "themes" / "org.yaml").write_text("organisation: Школа № 5\n")
    result = build("--theme", "org")
    assert result.exit_code == 1
    expected = "assets/themes/org.yaml:1:15: error: cannot print U+0428 CYRILLIC CAPITAL LETTER SHA"
    assert expected in result.output
    assert "with font Almarai [font.missing-glyph]" in result.output


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: Safe online ✅\nunits:\n  - title: Teens\n    lessons: [good]\n", "1:8"),
        ("title: Safe online\nunits:\n  - title: Teens ✅\n    lessons: [good]\n", "3:12"),
        ("title: Safe online\ndescription: All ✅\nunits: []\n", "2:14"),
        ("title: Safe online\nroutes:\n  - title: Core ✅\n    lessons: [good]\n", "3:12"),
    ],
)
def test_curriculum_titles_the_fonts_lack_are_located_errors(project: Path, text: str, where: str) -> None:
    (project / "lessons" / "curriculum.yaml").write_text(text, encoding="utf-8")
    for command in (["check", "lessons"], ["build", "lessons", "--format", "pack", "--jobs", "1"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert (
            f"lessons/curriculum.yaml:{where}: error: cannot print U+2705 WHITE HEAVY CHECK MARK"
            in result.output
        )


def test_translated_curriculum_is_checked_with_its_languages_fonts(project: Path) -> None:
    """Each language's pack prints the curriculum in its language (translations/<locale>/
    curriculum.yaml): that text is what the preflight checks, with that language's fonts."""
    lessons = project / "lessons"
    (lessons / "curriculum.yaml").write_text(
        "title: Safe online\nunits:\n  - title: Teens\n    lessons: [good]\n", encoding="utf-8"
    )
    for locale, lesson, course in (
        ("es", "title: Bueno\n", "title: Seguros ✅\nunits:\n  - title: Adolescentes\n"),
        (
            "ar",
            "title: درس\nobjectives: [تعلّم]\ndiscussion_prompts: [لماذا؟]\nkey_takeaways: [تذكّر]\n",
            "title: آمنون على الإنترنت\nunits:\n  - title: المراهقون\n",
        ),
    ):
        (lessons / "translations" / locale).mkdir(parents=True)
        (lessons / "translations" / locale / "good.yaml").write_text(f"language: {locale}\n{lesson}")
        (lessons / "translations" / locale / "curriculum.yaml").write_text(f"language: {locale}\n{course}")
    error = (
        "lessons/translations/es/curriculum.yaml:2:8: error: cannot print U+2705 WHITE HEAVY CHECK MARK "
        "(✅) with font Atkinson Hyperlegible [font.missing-glyph]"
    )
    for command in (
        ["check", "lessons"],
        ["check", "lessons/translations/es/curriculum.yaml"],
        ["build", "lessons", "--format", "pack", "--jobs", "1"],
    ):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert error in result.output
        assert "font.missing-glyph" not in result.output.replace(error, "")  # Arabic, in Arabic fonts
    # the Spanish pack prints the source's title instead; the others their own
    assert "Seguros" not in pdf_text((project / "build" / "es" / "course-pack.pdf").read_bytes())
    assert "Safe online" in pdf_text((project / "build" / "en" / "course-pack.pdf").read_bytes())
    arabic = pdf_text((project / "build" / "ar" / "course-pack.pdf").read_bytes())
    arabic = unicodedata.normalize("NFKC", arabic)
    assert "آمنون" in arabic  # shaped letters extract as presentation forms
    ar = CliRunner().invoke(main, ["check", "lessons/translations/ar/curriculum.yaml"])
    assert ar.exit_code == 0, ar.output


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le", "utf-16", "utf-32"])
def test_a_wide_encoding_is_named(project: Path, encoding: str) -> None:
    (project / "lessons" / "wide.yaml").write_bytes(GOOD.encode(encoding))
    result = CliRunner().invoke(main, ["check", "lessons"])
    assert result.exit_code == 1
    assert "lessons/wide.yaml:1:1: error: file is UTF-" in result.output
    assert "NULL" not in result.output


def test_a_newline_in_a_file_name_cannot_forge_an_error_line(project: Path) -> None:
    name = "bad\ngood.yaml:1:1: error: forged [x]\n.yaml"
    (project / "lessons" / name).write_text("title: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "lessons"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert not any(line.startswith("good.yaml") for line in lines), lines
    assert any(
        line.startswith("lessons/bad\\ngood.yaml:1:1: error: forged [x]\\n.yaml:") for line in lines
    ), lines

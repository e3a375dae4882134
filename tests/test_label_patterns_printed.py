"""No output prints a label pattern itself: "Open: {hours}" is the words around a value.

A label printed before a value is a pattern (`Open: {hours}`, French `Horaires : {hours}`), so
code that still wrote `f"{labels.hours}: {value}"` printed "Open: {hours}: 24/7" on a child's
handout. Every lesson format of a lesson with helplines (its Get help panel, service cards,
page footer, help slides, the web page's help line) is built through the CLI, in English and
French, for a region with hours, phone and text lines and for no region (the write-in box);
the text a reader sees (poppler's copy of a PDF, a web page without its style sheet) has no
"{" or "}", and has the label's words around the value as the translation has them.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.cli import main
from lessonpress.formats import format_names, spec

from .conftest import GOOD, ROOT
from .test_help_everywhere import page_text
from .tools import needs

pytestmark = needs("pdftotext")
LESSON_FORMATS = [f for f in format_names() if spec(f).scope == "lesson"]
# The label's words around a value, as each language's catalog has them (spaces squashed):
# a region's hours, phone number and audience.
EXPECTED = {
    "en": ("Open:24/7", "Call:988", "For:Teens"),
    "fr": ("Horaires:24/7", "Appeler:988", "Pour:Teens"),
}


def shown_text(path: Path) -> str:
    """What a reader sees of an output: a PDF's text as poppler copies it, a web page's text."""
    if path.suffix == ".html":
        return page_text(path.read_text(encoding="utf-8"))
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


def squashed(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in "".join(text.split()) if unicodedata.category(c) != "Cf")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], list[Path]]:
    """Every lesson format in English and French, for the US (hours, phone and text lines)
    and for no region (the write-in box), by (language, region)."""
    root = tmp_path_factory.mktemp("patterns")
    (root / "lessons").mkdir()
    (root / "assets").mkdir()
    shutil.copy(ROOT / "assets" / "helplines.yaml", root / "assets")
    (root / "lessonpress.toml").write_text("")
    lesson = (GOOD / "full.yaml").read_text(encoding="utf-8") + "helplines: true\n"
    (root / "lessons" / "chat.yaml").write_text(lesson, encoding="utf-8")
    french = lesson.replace("language: en", "language: fr")
    (root / "lessons" / "chat-fr.yaml").write_text(french, encoding="utf-8")
    out: dict[tuple[str, str], list[Path]] = {}
    runner = CliRunner()
    for region in ("US", "none"):
        target = root / f"build-{region}"
        args = ["build", "--out", str(target), "-j", "1", "--format", ",".join(LESSON_FORMATS)]
        if region != "none":
            args += ["--region", region]
        with contextlib.chdir(root):
            result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        for language in EXPECTED:
            files = sorted(p for p in (target / language).iterdir() if p.suffix in (".pdf", ".html"))
            out[(language, region)] = files
    return out


@pytest.mark.parametrize("region", ["US", "none"])
@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_no_output_prints_a_label_placeholder(
    built: dict[tuple[str, str], list[Path]], language: str, region: str
) -> None:
    files = built[(language, region)]
    # Each lesson format made its file: handout, slides, notes, slides handout, guide, web pages
    # (not those made from a field this lesson has not got: no check questions, no quiz).
    made = [f for f in LESSON_FORMATS if spec(f).needs is None]
    assert len(files) == len(made), [p.name for p in files]
    for path in files:
        text = shown_text(path)
        assert text.strip(), path.name
        for brace in "{}":
            assert brace not in text, f"{path.name}: {text[max(0, text.find(brace) - 60) :][:120]!r}"


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_the_help_labels_print_as_their_translation_has_them(
    built: dict[tuple[str, str], list[Path]], language: str
) -> None:
    hours, call, audience = EXPECTED[language]
    for path in built[(language, "US")]:
        text, fmt = squashed(shown_text(path)), spec_of(path)
        if not fmt.learner:
            continue  # a facilitator output: no Get help panel; "Audience: ..." (tested above)
        if not fmt.name.startswith("slides"):  # slides show the audience alone, in their band
            assert audience in text, f"{path.name}: no {audience!r}"  # under the title
        assert call in text, f"{path.name}: no {call!r}"  # cards, help slides, page footers
        if fmt.name in ("handout", "html"):
            assert hours in text, f"{path.name}: no {hours!r}"  # the Get help panel's cards


def spec_of(path: Path):  # noqa: ANN201
    """The format an output file belongs to, from its name (`chat-slides-handout.pdf`)."""
    stem = path.name.removesuffix(path.suffix)
    return spec(next(f for f in sorted(LESSON_FORMATS, key=len, reverse=True) if stem.endswith("-" + f)))

"""Nothing is clipped: every character of every portrait format lies inside the live area,
for the longest holdout-style lesson (40 objectives, 60 prompts, a 300-character URL)."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from lessonpress.model import Lesson
from lessonpress.theme import MM

from ..conftest import holdout_text, load, make_pdf, pdf_text, squash

LIVE = 12 * MM


@pytest.fixture(scope="module")
def holdout(tmp_path_factory: pytest.TempPathFactory) -> Lesson:
    path = tmp_path_factory.mktemp("holdout") / "holdout.yaml"
    path.write_text(holdout_text(), encoding="utf-8")
    return load(path)


@pytest.mark.parametrize("fmt", ["handout", "guide", "notes"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_character_lies_inside_the_live_area(holdout: Lesson, fmt: str, paper: str) -> None:
    data = make_pdf(holdout, fmt, paper)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(c["text"] for page in pdf.pages for c in page.chars)
        for number, page in enumerate(pdf.pages, 1):
            for c in page.chars:
                inside = (
                    c["x0"] >= LIVE - 0.5
                    and c["x1"] <= page.width - LIVE + 0.5
                    and c["top"] >= LIVE - 0.5
                    and c["bottom"] <= page.height - LIVE + 0.5
                )
                assert inside, f"page {number}: {c['text']!r} at ({c['x0']:.0f}, {c['top']:.0f})"
    assert "Objective39ofmany." in squash(text)


def test_the_holdout_lesson_loses_no_word_on_the_handout(holdout: Lesson) -> None:
    words = squash(pdf_text(make_pdf(holdout)))
    for objective in holdout.objectives:
        assert squash(objective.plain) in words
    for prompt in holdout.discussion_prompts:
        assert squash(prompt.prompt.plain) in words

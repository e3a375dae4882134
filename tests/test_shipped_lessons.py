"""The shipped curriculum and the real-world corpus: every lesson loads and builds learner-safe."""

from __future__ import annotations

import re

import pytest

from .conftest import CORPUS_FILES, SHIPPED, load, make_pdf, pdf_text, squash


def sentences(text: str) -> list[str]:
    """Sentences long enough that finding one on a handout cannot be a coincidence."""
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) >= 25]


def test_there_are_real_lessons() -> None:
    assert len(SHIPPED) >= 3


@pytest.mark.parametrize("path", SHIPPED + CORPUS_FILES, ids=lambda p: p.stem)
def test_lesson_builds_and_no_facilitator_sentence_reaches_the_handout(path) -> None:  # noqa: ANN001
    lesson = load(path)
    handout = squash(pdf_text(make_pdf(lesson)))
    assert squash(lesson.title.plain) in handout
    for text in lesson.facilitator_texts():
        for sentence in sentences(text.plain):
            assert squash(sentence) not in handout, f"{path.name}: {sentence!r} leaked"

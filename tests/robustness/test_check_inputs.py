"""Hostile input in `check:` questions (issue 13 applied to issue 17's formats).

Any check text up to the 10,000-character limit is laid out in full on the exit ticket, the quiz,
the answer key and the guide, within a time limit: a 7,070-character option froze the quiz
before its tick box could split (the watchdog stopped it; now it goes on over the next page).
A damaged lesson with every kind of question gives a lesson that lays out, or located errors.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonpress.lessons import check_lesson
from lessonpress.project import LessonFile

from ..conftest import GOOD, load_text, make_pdf, pdf_text
from .conftest import assert_own_errors, deadline
from .test_file_properties import SNIPPETS
from .test_layout_ends import long_text

FUZZ = bool(os.environ.get("LESSONPRESS_FUZZ"))
LONG = long_text(9990)
HEAD = "title: Long\nobjectives: [Learn]\ndiscussion_prompts: [Talk]\nkey_takeaways: [Remember]\n"
QUESTION = "    - id: q\n      tag: objective 1\n      explanation: Because.\n"

# name -> (the question's YAML, whether a learner sees the long text)
CASES = {
    "choice question": (f'      type: choice\n      question: "{LONG}"\n      options: [Yes, No]\n', True),
    "choice option": (
        f'      type: choice\n      question: Which?\n      options:\n        - text: "{LONG}"\n'
        "          correct: true\n        - No\n",
        True,
    ),
    "order step": (
        f'      type: order\n      question: Order them\n      steps: ["{LONG}", Two, Three]\n',
        True,
    ),
    "match meaning": (
        "      type: match\n      question: Match\n      pairs:\n        - term: One\n"
        f'          definition: "{LONG}"\n        - term: Two\n          definition: Deux\n',
        True,
    ),
    "true_false question": (f'      type: true_false\n      question: "{LONG}"\n      answer: true\n', True),
    "model answer": (
        f'      type: short_answer\n      question: Why?\n      model_answer: "{LONG}"\n',
        False,
    ),
}


def _choice_answer(text: str) -> str:
    """A choice question without a right option gets the first one marked right."""
    if "type: choice" in text and "correct: true" not in text:
        return text.replace(
            "options: [Yes, No]", "options:\n        - text: Yes\n          correct: true\n        - No"
        )
    return text


@pytest.mark.parametrize("fmt", ["exit-ticket", "quiz", "answer-key", "guide"])
@pytest.mark.parametrize("case", CASES)
def test_a_long_check_text_is_laid_out_in_full(tmp_path: Path, case: str, fmt: str) -> None:
    body, learner_sees = CASES[case]
    lesson, problems = load_text(tmp_path, HEAD + "check:\n  questions:\n" + QUESTION + _choice_answer(body))
    assert lesson is not None, [p.format() for p in problems]
    with deadline(60):
        text = pdf_text(make_pdf(lesson, fmt))
    facilitator = fmt in ("answer-key", "guide")
    assert ("ENDMARKER" in text) == (learner_sees or facilitator)


LINES = (GOOD / "check.yaml").read_text(encoding="utf-8").split("\n")
FIRST = LINES.index("check:")


@st.composite
def damaged_check(draw: st.DrawFn) -> str:
    """The every-kind-of-question lesson with one to three of its check lines damaged."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(FIRST, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "double", "insert", "indent"]))
        if action == "drop":
            del lines[i]
        elif action == "double":
            lines.insert(i, lines[i])
        elif action == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(SNIPPETS) + lines[i][at:]
        else:
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
    return "\n".join(lines)


@settings(
    max_examples=400 if FUZZ else 30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(damaged_check())
def test_damaged_questions_give_a_lesson_that_lays_out_or_located_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "lesson.yaml"
    path.write_text(text, encoding="utf-8")
    with deadline(60):
        lesson, problems = check_lesson(LessonFile(path, "lesson.yaml", "lesson"))
        assert_own_errors(problems)
        if lesson is None:
            assert any(p.is_error for p in problems)
            return
        for fmt in ("exit-ticket", "quiz", "answer-key"):
            assert make_pdf(lesson, fmt).startswith(b"%PDF")

"""The facilitator guide: everything a session leader needs, including what learners never see."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from ..conftest import GOOD, SHIPPED, load, make_pdf, pdf_text, squash


@pytest.fixture(scope="module")
def guide_text() -> str:
    return squash(pdf_text(make_pdf(load(GOOD / "full.yaml"), "guide")))


def test_guide_has_every_facilitator_note(guide_text: str) -> None:
    lesson = load(GOOD / "full.yaml")
    for text in lesson.facilitator_texts():
        assert squash(text.plain) in guide_text, text.plain


def test_guide_has_at_a_glance_run_sheet_and_sections(guide_text: str) -> None:
    for label in (
        "Facilitator guide",
        "At a glance",
        "Materials",
        "Printed handouts",
        "Run sheet",
        "Safeguarding",
        "Discussion prompts and notes",
        "Follow-up questions",
        "Activities step by step",
        "Key takeaways",
        "Sources",
    ):
        assert squash(label) in guide_text, label


def test_run_sheet_is_a_lesson_plan_on_a_running_clock(guide_text: str) -> None:
    """Say each question, then do the activity, in the timing plan's order and minutes."""
    lesson = load(GOOD / "full.yaml")
    q1, q2, q3 = (squash(p.prompt.plain) for p in lesson.discussion_prompts)
    expected = [
        "Start",
        "Segment",
        "Minutes",
        "0:00",
        f"Say:{q1}",
        "12",
        "0:12",
        f"Say:{q2}",
        "12",
        "0:24",
        f"Say:{q3}",
        "11",
        "0:35",
        "Do:Chatcheck",
        "10",
        "0:45",
        "Total",
        "45",
    ]
    sheet = guide_text[guide_text.index("Runsheet") + len("Runsheet") :]
    assert sheet.startswith("".join(expected)), sheet[:300]


def test_over_long_activities_are_flagged(tmp_path) -> None:  # noqa: ANN001
    text = (GOOD / "minimal.yaml").read_text() + (
        "duration_minutes: 20\nactivities:\n  - title: Long one\n    minutes: 30\n    steps: [Do it]\n"
    )
    path = tmp_path / "over.yaml"
    path.write_text(text)
    assert "more than the 20-minute session" in pdf_text(make_pdf(load(path), "guide"))


@pytest.mark.parametrize("path", SHIPPED[:3], ids=lambda p: p.stem)
def test_shipped_guides_stay_inside_the_live_area(path) -> None:  # noqa: ANN001
    data = make_pdf(load(path), "guide")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        margin = 12 * 72 / 25.4
        for page in pdf.pages:
            for c in page.chars:
                assert margin <= c["x0"] and c["x1"] <= page.width - margin, c["text"]
                assert margin <= c["top"] and c["bottom"] <= page.height - margin, c["text"]

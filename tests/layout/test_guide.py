"""The facilitator guide: everything a session leader needs, including what learners never see."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from lessonpress.labels import ENGLISH
from lessonpress.layout.guide import run_sheet_rows

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


def test_run_sheet_has_a_running_clock_that_ends_at_the_session_length() -> None:
    rows = run_sheet_rows(load(GOOD / "full.yaml"), ENGLISH)
    assert [r[0] for r in rows] == ["0:00", "0:10", "0:45"]
    assert [r[2] for r in rows] == ["10", "35", "45"]


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

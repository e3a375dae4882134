"""Issue 11's small slips, read from the PDFs: the Name / Date / Group line, the age said once,
no pupils' tick boxes in the guide, and white space above a draft translation's notice."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pdfplumber
import pytest

from lessonpress.labels import ENGLISH
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.markup import plain_text
from lessonpress.project import LessonFile
from lessonpress.theme import MM

from ..conftest import LESSONS, load, load_text, make_pdf, pdf_text, squash

TEENS = LESSONS / "teens-3-sextortion.yaml"
PARENTS = LESSONS / "parents-1-signs-and-talking.yaml"
BASE = "title: A lesson\nobjectives: [Learn]\ndiscussion_prompts: [Why?]\nkey_takeaways: [Remember]\n"


def first_page(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return squash(pdf.pages[0].extract_text() or "")


def test_teens_handouts_have_a_name_date_and_group_line_parents_do_not() -> None:
    teens = first_page(make_pdf(load(TEENS)))
    assert "Name:" in teens and "Date:" in teens and "Group:" in teens
    assert teens.index("Name:") < teens.index("Whatwewilllearn")  # under the title
    parents = first_page(make_pdf(load(PARENTS)))
    assert "Name:" not in parents and "Group:" not in parents


@pytest.mark.parametrize(
    ("name", "setting", "shown"), [("teens-x.yaml", "false", False), ("x.yaml", "true", True)]
)
def test_the_lesson_can_ask_for_the_name_line_or_not(
    tmp_path: Path, name: str, setting: str, shown: bool
) -> None:
    lesson, problems = load_text(tmp_path, BASE + f"name_line: {setting}\n", name)
    assert lesson is not None, problems
    assert ("Group:" in first_page(make_pdf(lesson))) is shown


def test_the_guide_has_no_name_line() -> None:
    assert "Group:" not in first_page(make_pdf(load(TEENS), "guide"))


def test_the_age_is_said_once_when_the_audience_names_it(tmp_path: Path) -> None:
    header = first_page(make_pdf(load(TEENS)))
    assert "For:Teens(13–17)" in header and "Ages:" not in header
    lesson, _ = load_text(tmp_path, BASE + 'audience: Teens\nage_range: "13-17"\n')
    assert "Ages:13-17" in first_page(make_pdf(lesson))  # the audience does not say it


def tick_boxes(data: bytes) -> int:
    """Small unfilled squares: the checklist's tick boxes."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(
            1
            for page in pdf.pages
            for r in page.rects
            if 5 < r["width"] < 14 and abs(r["width"] - r["height"]) < 0.5 and not r.get("fill")
        )


def test_the_guide_lists_the_warning_signs_without_the_pupils_tick_boxes() -> None:
    lesson = load(TEENS)
    assert tick_boxes(make_pdf(lesson)) == len(lesson.warning_signs)  # the handout's checklist
    guide = make_pdf(lesson, "guide")
    assert tick_boxes(guide) == 0
    text = squash(pdf_text(guide))
    assert squash(ENGLISH.warning_signs_intro) not in text
    assert all(squash(sign.plain)[:40] in text for sign in lesson.warning_signs)


def draft_translation():  # noqa: ANN201
    checked = check_lesson_and_translations(LessonFile(TEENS, str(TEENS), TEENS.stem))
    drafts = [x for x in checked.lessons[1:] if x.translation is not None and x.translation.draft]
    assert drafts, "a shipped draft translation of teens-3"
    return drafts[0]


@pytest.mark.parametrize("fmt", ["handout", "guide"])
def test_at_least_4_mm_of_white_above_the_draft_notice(fmt: str) -> None:
    long = plain_text("Un texto largo que llena la página hasta el pie. " * 150)
    data = make_pdf(dataclasses.replace(draft_translation(), summary=long), fmt, "letter")
    notice = squash(ENGLISH.draft_notice)
    gaps: list[float] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines: dict[float, list[dict]] = {}
            for char in page.chars:
                lines.setdefault(round(char["bottom"]), []).append(char)
            rows = sorted(lines.items())
            at = [
                i for i, (_, chars) in enumerate(rows) if squash("".join(c["text"] for c in chars)) == notice
            ]
            assert at, f"page {page.page_number}: no draft notice"
            above = rows[at[0] - 1][1]
            gap = min(c["top"] for c in rows[at[0]][1]) - max(c["bottom"] for c in above)
            assert gap >= 4 * MM - 0.5, f"page {page.page_number}: {gap / MM:.1f} mm"
            gaps.append(gap)
    assert min(gaps) < 12 * MM  # the text comes down to the notice (a line of leading above 4 mm)

"""One timing plan: its order and minutes, its warnings at the line, and every output that
shows time (slides, notes pages, the guide's run sheet) agreeing with it, read from the PDFs."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from lessonpress.lessons import check_lesson
from lessonpress.project import LessonFile
from lessonpress.timing import clock, plan_timing

from .conftest import GOOD, LESSONS, SHIPPED, load, make_pdf, squash

BASE = "title: Timed\nobjectives: [Learn]\nkey_takeaways: [Remember]\n"


def lesson_file(tmp_path: Path, text: str) -> tuple:
    path = tmp_path / "timed.yaml"
    path.write_text(text, encoding="utf-8")
    return check_lesson(LessonFile(path, "timed.yaml", "timed"))


def test_prompts_then_activities_on_a_running_clock() -> None:
    plan = plan_timing(load(GOOD / "full.yaml"))
    assert [(s.kind, s.number) for s in plan.steps] == [
        ("prompt", 1),
        ("prompt", 2),
        ("prompt", 3),
        ("activity", 1),
    ]
    assert [s.start for s in plan.steps] == [0, 12, 24, 35]
    assert [s.minutes for s in plan.steps] == [12, 12, 11, 10]  # 35 left, shared, odd minute first
    assert [s.shared for s in plan.steps] == [True, True, True, False]
    assert plan.steps[-1].end == plan.duration == plan.total == 45


def test_minutes_the_lesson_gives_are_kept_and_the_rest_shared(tmp_path: Path) -> None:
    lesson, problems = lesson_file(
        tmp_path,
        BASE
        + (
            "duration_minutes: 30\ndiscussion_prompts:\n  - prompt: One?\n    minutes: 4\n"
            "  - Two?\n  - Three?\nactivities:\n  - title: Act\n    minutes: 10\n    steps: [Do]\n"
        ),
    )
    assert problems == []
    plan = plan_timing(lesson)
    assert [(s.start, s.minutes) for s in plan.steps] == [(0, 4), (4, 8), (12, 8), (20, 10)]


def test_without_a_duration_unknown_minutes_stay_unknown(tmp_path: Path) -> None:
    lesson, _ = lesson_file(
        tmp_path,
        BASE + "discussion_prompts:\n  - prompt: One?\n    minutes: 5\n"
        "  - Two?\n  - prompt: Three?\n    minutes: 5\n",
    )
    plan = plan_timing(lesson)
    assert [(s.start, s.minutes) for s in plan.steps] == [(0, 5), (5, None), (None, 5)]
    assert clock(None) == "–" and clock(65) == "1:05"


@pytest.mark.parametrize(
    ("minutes", "code", "words"),
    [
        ((20, 30), "timing.over", "add up to 50 minutes, more than the 45-minute session"),
        ((20, 20), "timing.under", "add up to 40 minutes, 5 fewer than the 45-minute session"),
        ((25, 20), "timing.no-time", "1 step(s) without minutes have only 0 minute(s)"),
    ],
)
def test_minutes_that_disagree_with_the_duration_are_a_warning_at_its_line(
    tmp_path: Path, minutes: tuple[int, int], code: str, words: str
) -> None:
    first = f"  - prompt: One?\n    minutes: {minutes[0]}\n"
    second = "  - Two?\n" if code == "timing.no-time" else f"  - prompt: Two?\n    minutes: {minutes[1]}\n"
    activity = (
        "activities:\n  - title: Act\n    minutes: 20\n    steps: [Do]\n" if code == "timing.no-time" else ""
    )
    text = BASE + "duration_minutes: 45\ndiscussion_prompts:\n" + first + second + activity
    lesson, problems = lesson_file(tmp_path, text)
    assert lesson is not None  # a warning, not an error
    (problem,) = problems
    assert (problem.code, problem.severity, problem.line) == (code, "warning", 4)
    assert words in problem.message, problem.message
    assert problem.format().startswith("timed.yaml:4:")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_lessons_minutes_agree_with_their_duration(path: Path) -> None:
    lesson, problems = check_lesson(LessonFile(path, path.name, path.stem))
    assert not [p for p in problems if p.code.startswith("timing.")]
    assert plan_timing(lesson).total == lesson.duration_minutes


def test_timing_does_not_import_reportlab() -> None:
    code = "import sys, lessonpress.timing; sys.exit(any(m.startswith('reportlab') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# -- every output follows the plan ---------------------------------------------------------------


def pages(data: bytes) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def sextortion():  # noqa: ANN201
    return load(LESSONS / "teens-3-sextortion.yaml")


def test_slides_present_the_steps_in_the_plans_order_and_minutes(sextortion) -> None:  # noqa: ANN001
    plan = plan_timing(sextortion)
    text = "".join(pages(make_pdf(sextortion, "slides")))
    found = []
    for step in plan.steps:
        mark = (
            f"Question{step.number}of{len(sextortion.discussion_prompts)}·{step.minutes}min"
            if step.kind == "prompt"
            else squash(step.title.plain) + f"({step.minutes}min)"
        )
        found.append(text.index(mark))
    assert found == sorted(found)


def test_notes_pages_say_when_each_step_runs(sextortion) -> None:  # noqa: ANN001
    text = "".join(pages(make_pdf(sextortion, "notes")))
    spans = re.findall(r"Time(\d:\d\d)–(\d:\d\d)\((\d+)min\)", text)
    plan = plan_timing(sextortion)
    assert spans == [(clock(s.start), clock(s.end), str(s.minutes)) for s in plan.steps]


def test_the_guides_run_sheet_is_the_plan(sextortion) -> None:  # noqa: ANN001
    text = "".join(pages(make_pdf(sextortion, "guide")))
    sheet = text[text.index("Runsheet") :]
    position = 0
    for step in plan_timing(sextortion).steps:
        verb = "Say:" if step.kind == "prompt" else "Do:"
        row = f"{clock(step.start)}{verb}{squash(step.title.plain)}{step.minutes}"
        position = sheet.index(row, position)
    assert "0:45Total45" in sheet


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_guide_starts_safeguarding_on_page_one(path: Path, paper: str) -> None:
    lesson = load(path)
    if not lesson.safeguarding:
        pytest.skip("no safeguarding")
    first = pages(make_pdf(lesson, "guide", paper))[0]
    assert "Safeguarding" in first and squash(lesson.safeguarding[0].plain)[:60] in first


@pytest.mark.parametrize("path", SHIPPED[:3] + [LESSONS / "teens-3-sextortion.yaml"], ids=lambda p: p.stem)
def test_the_html_guide_and_the_pdf_guide_print_the_same_run_sheet(path: Path) -> None:
    """Read from both outputs: each row of the HTML guide's run sheet (start, Say/Do step,
    minutes) is a row of the PDF guide's, in the same order, with the same total."""
    from .html.pages import render, tree

    lesson = load(path)
    table = next(tree(render(lesson, "guide-html")).iter("table"))
    rows = [[c.text() for c in tr.children if not isinstance(c, str)] for tr in table.iter("tr")]
    assert rows[0] == ["Start", "Segment", "Minutes"] and rows[-1][1] == "Total"
    assert len(rows) - 2 == len(plan_timing(lesson).steps)
    text = "".join(pages(make_pdf(lesson, "guide")))
    sheet, position = text[text.index("Runsheet") :], 0
    for start, segment, minutes in rows[1:]:
        position = sheet.index(squash(f"{start}{segment}{minutes}"), position) + 1
    assert squash("".join(rows[-1])) in sheet

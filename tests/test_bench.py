"""The benchmark's yardstick and its CI check: Typst prints the same lesson, ratios are compared."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from lessonpress.bench.baseline import changed_tools, check, read, regressed, tools, write
from lessonpress.bench.corpus import load_deck_lesson, make_project, retitled
from lessonpress.bench.typst_yardstick import Yardstick, deck_source, handout_source
from lessonpress.bench.versus import Ratio, Time
from lessonpress.bench.warm import TYPICAL
from lessonpress.deck import plan_deck
from lessonpress.labels import ENGLISH
from lessonpress.lessons import check_lesson
from lessonpress.markup import RichText, Run
from lessonpress.project import LessonFile
from lessonpress.theme import DEFAULT_THEME

typst = pytest.importorskip("typst")
ROOT = Path(__file__).resolve().parent.parent


def _text(pdf: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)


def _typical():
    lesson, problems = check_lesson(LessonFile(TYPICAL, str(TYPICAL), TYPICAL.stem))
    assert lesson is not None, problems
    return lesson


def test_typst_prints_the_handouts_content(tmp_path: Path) -> None:
    lesson = _typical()
    yard = Yardstick(tmp_path, DEFAULT_THEME)
    pdf = yard.compile(yard.write("typical", handout_source(lesson, ENGLISH, DEFAULT_THEME)))
    text = " ".join(_text(pdf).split())
    for expected in (
        lesson.title.plain,
        ENGLISH.key_takeaways,
        lesson.key_takeaways[-1].plain,
        "Page 2 of 2",
        "example.org/help",
    ):
        assert expected in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2  # like lessonpress's typical handout


def test_lesson_text_is_never_read_as_typst_markup(tmp_path: Path) -> None:
    typed = 'Use #set, *stars*, $5 and <tags> @ref ] [x] "quotes" \\ // not a comment'
    lesson = _typical()
    title = RichText(typed, (Run(typed), Run(" bold #x", bold=True), Run(" `code`", code=True)))
    lesson = dataclasses.replace(lesson, title=title)
    yard = Yardstick(tmp_path, DEFAULT_THEME)
    pdf = yard.compile(yard.write("hostile", handout_source(lesson, ENGLISH, DEFAULT_THEME)))
    assert typed in " ".join(_text(pdf).split())


def test_the_deck_fixture_has_13_slides_in_both_tools(tmp_path: Path) -> None:
    from lessonpress.formats import get_format
    from lessonpress.layout.base import LayoutContext
    from lessonpress.render import render

    lesson = retitled(load_deck_lesson(), 3)
    ours = render(get_format("slides").layout(lesson, LayoutContext("a4", DEFAULT_THEME, ENGLISH)))
    yard = Yardstick(tmp_path, DEFAULT_THEME)
    theirs = yard.compile(yard.write("deck", deck_source(plan_deck(lesson, ENGLISH), DEFAULT_THEME)))
    assert len(PdfReader(io.BytesIO(ours)).pages) == 13
    assert len(PdfReader(io.BytesIO(theirs)).pages) == 13
    assert f"{load_deck_lesson().title.plain} (3)" in _text(theirs)


def test_the_benchmark_project_repeats_the_shipped_lessons(tmp_path: Path) -> None:
    project = make_project(ROOT, tmp_path, 5)
    assert [p.name[:3] for p in project.files] == ["01-", "02-", "03-", "04-", "05-"]
    assert (tmp_path / "assets" / "helplines.yaml").is_file()
    assert project.settings(tmp_path / "out").jobs == 1


def _ratio(key: str, value: float) -> Ratio:
    return Ratio(key, key, (Time(value, 9 * value),), (Time(1.0, 1.0),), "yardstick", 2.0)


def test_a_ratio_30_percent_over_the_baseline_fails_only_when_seen_twice(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    write(baseline, [_ratio("handout", 2.0), _ratio("deck", 1.0)])
    stored = read(baseline)
    assert stored == {"handout": 2.0, "deck": 1.0}
    assert not regressed(_ratio("handout", 2.59), stored)
    assert regressed(_ratio("handout", 2.61), stored)
    asked: list[str] = []

    def again(value: float):  # noqa: ANN202
        def measure(key: str) -> Ratio:
            asked.append(key)
            return _ratio(key, value)

        return measure

    # Within 30%: nothing is measured again, nothing fails.
    assert check([_ratio("handout", 2.5), _ratio("deck", 1.2)], stored, again(9.0)) == ([], [])
    assert asked == []
    # Over once, fine the second time: no failure.
    failures, retried = check([_ratio("deck", 1.5)], stored, again(1.1))
    assert failures == [] and [r.key for r in retried] == ["deck"]
    # Over twice: one failure, naming the figure and the limit.
    failures, _ = check([_ratio("deck", 1.5)], stored, again(1.4))
    assert len(failures) == 1 and "deck" in failures[0] and "1.30x" in failures[0]


def test_the_stored_baseline_has_every_short_figure() -> None:
    stored = read(ROOT / ".ci" / "bench-baseline.json")
    assert set(stored) == {"handout", "deck", "cold", "noop"}
    assert all(value > 0 for value in stored.values())


def test_a_baseline_from_another_typst_or_python_is_named(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    write(baseline, [_ratio("handout", 2.0)])
    assert changed_tools(baseline) == []
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["tools"]["typst"] = "0.1.0"
    baseline.write_text(json.dumps(data), encoding="utf-8")
    assert changed_tools(baseline) == [f"typst {tools()['typst']} here, 0.1.0 in the baseline"]


def test_the_stored_baseline_was_measured_with_the_pinned_typst() -> None:
    assert changed_tools(ROOT / ".ci" / "bench-baseline.json") == []


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux PSS")
def test_memory_shared_with_a_forked_worker_is_counted_once() -> None:
    import subprocess
    import sys

    from lessonpress.bench.process import _peak_memory

    code = (
        "import os, time\n"
        "data = bytearray(b'x') * (64 * 1024 * 1024)  # 64 MiB, every page written, never two copies\n"
        "if os.fork() == 0:\n"
        "    time.sleep(1.5); os._exit(0)\n"
        "time.sleep(1.5); os.wait()\n"
    )
    pss, rss = _peak_memory(subprocess.Popen([sys.executable, "-c", code]))
    mib = 1024
    assert rss > 2 * 64 * mib  # each process's RSS holds the shared 64 MiB
    assert 64 * mib < pss < 1.5 * 64 * mib + 40 * mib  # PSS holds it once

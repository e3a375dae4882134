"""What a build shows: a progress bar with counts on a terminal, one line per file only with
--verbose, a one-line summary with the time; watch prints a timestamped line per rebuild and
only the warnings that are new."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.build import BuildResult
from lessonpress.cli import main
from lessonpress.cli_progress import Printer, WatchLog, summary
from lessonpress.errors import LessonError, SourceLocation
from lessonpress.report import BuildStarted, LessonChecked, OutputWritten


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


def test_a_build_prints_one_summary_line_and_lists_files_only_when_verbose(project: Path) -> None:
    quiet_list = run("build", "--format", "handout", "-j", "1")
    assert quiet_list.exit_code == 0
    assert "wrote" not in quiet_list.output
    lines = [ln for ln in quiet_list.output.splitlines() if not ln.startswith("note: ")]
    assert lines[-1].startswith("2 PDFs written from 2 lessons in ")
    verbose = run("build", "--format", "handout,guide", "-j", "1", "--verbose")
    assert [ln.split()[1] for ln in verbose.output.splitlines() if ln.startswith("wrote ")] == [
        "build/en/full-guide.pdf",
        "build/en/minimal-guide.pdf",
    ]
    assert "up to date: build/en/full-handout.pdf" in verbose.output


def test_the_summary_counts_pdfs_time_and_problems() -> None:
    warning = LessonError("w", code="x.y", severity="warning", location=SourceLocation("a.yaml", 1, 1))
    other = LessonError("v", code="x.y", severity="warning", location=SourceLocation("b.yaml", 1, 1))
    result = BuildResult(15, tuple(Path(f"{i}.pdf") for i in range(104)), (), (warning, other))
    assert summary(result, 3.84) == "104 PDFs written from 15 lessons in 3.8 s; 2 warnings"
    one = BuildResult(1, (Path("a.pdf"),), (), (), (Path("b.pdf"),))
    assert summary(one, 0.25) == "1 PDF written, 1 up to date from 1 lesson in 0.2 s"


def test_on_a_terminal_the_build_shows_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    screen.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stderr", screen)
    printer = Printer(quiet=False, verbose=False)
    for i in range(3):
        printer.emit(LessonChecked(f"lessons/{i}.yaml", True))
    assert "Reading lessons: 3" in screen.getvalue()
    printer.emit(BuildStarted(4))
    for i in range(4):
        printer.emit(OutputWritten(f"build/en/{i}.pdf", 0.1))
    printer.close()
    shown = screen.getvalue()
    assert "Building" in shown and "4/4" in shown and "wrote" not in shown


def test_watch_prints_a_timestamp_and_only_new_warnings() -> None:
    old = LessonError("old", code="x.y", severity="warning", location=SourceLocation("a.yaml", 1, 1))
    new = LessonError("new", code="x.y", severity="warning", location=SourceLocation("a.yaml", 2, 1))
    error = LessonError("bad", code="x.z", location=SourceLocation("a.yaml", 3, 1))
    log = WatchLog(quiet=False, clock=lambda: datetime.datetime(2026, 5, 4, 14, 3, 12))
    assert log.shown((old,)) == [old]
    assert log.shown((old, error)) == [error]  # the warning was shown last time
    assert log.shown((old, new, error)) == [new, error]  # errors every time
    assert log.shown(()) == []
    assert log.shown((old,)) == [old]  # back after it went away: new again
    result = BuildResult(2, (Path("a.pdf"),), (), (), (Path("b.pdf"),))
    assert log.line(result, 0.4) == "[14:03:12] 1 PDF written, 1 up to date from 2 lessons in 0.4 s"


def test_watch_shows_a_timestamped_line_per_build(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import watchfiles

    monkeypatch.setattr(watchfiles, "watch", lambda *a, **k: iter([{("modified", "x")}]))
    result = run("watch", "--format", "handout")
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("[")]
    assert len(lines) == 2
    assert "2 PDFs written from 2 lessons" in lines[0] and "0 PDFs written, 2 up to date" in lines[1]
    assert lines[0][0] == "[" and lines[0][3] == ":" and lines[0][9] == "]"


def test_a_language_without_a_country_gets_a_note_about_paper(project: Path) -> None:
    result = run("build", "--format", "handout", "-j", "1")
    notes = [ln for ln in result.output.splitlines() if ln.startswith("note: ")]
    assert notes == [
        "note: 'en' names no country, so its PDFs are A4; for US Letter write the country in the "
        'lesson\'s language tag (e.g. en-US), or set paper = "letter" in lessonpress.toml '
        '(paper = "a4" there hides this note)'
    ]
    again = run("build", "--format", "handout", "--force", "--paper", "a4")
    assert "note:" not in again.output  # the paper was chosen
    (project / "lessonpress.toml").write_text('paper = "a4"\n')
    assert "note:" not in run("build", "--format", "handout", "--force").output
    assert "note:" not in run("build", "--format", "handout").output  # nothing written: no note
    (project / "lessonpress.toml").write_text("")
    pages = run("build", "--format", "html", "-j", "1")
    assert pages.exit_code == 0 and "HTML file" in pages.output
    assert "note:" not in pages.output  # web pages have no paper size


def test_which_tags_get_the_paper_note() -> None:
    from lessonpress.scripts import paper_hint

    assert "en-US" in (paper_hint("en") or "")
    assert "es-MX" in (paper_hint("es") or "")
    assert "fr-CA" in (paper_hint("fr") or "")
    for tag in ("en-US", "en-GB", "es-ES", "ar", "hi", "de", "pt"):
        assert paper_hint(tag) is None, tag


def test_a_build_with_web_pages_does_not_call_them_pdfs() -> None:
    pdfs = tuple(Path(f"{i}.pdf") for i in range(98))
    pages = tuple(Path(f"{i}-html.html") for i in range(6))
    assert summary(BuildResult(15, pdfs + pages, ()), 3.84) == (
        "98 PDFs and 6 HTML files written from 15 lessons in 3.8 s"
    )
    assert summary(BuildResult(1, pages[:1], ()), 1.0) == "1 HTML file written from 1 lesson in 1.0 s"
    # Nothing written: named by what is up to date, "files" when that is of two kinds.
    assert summary(BuildResult(1, (), (), (), pages[:1]), 0.1).startswith("0 HTML files written, 1 up")
    assert summary(BuildResult(1, (), (), (), pdfs[:1] + pages[:1]), 0.1).startswith("0 files written, 2 up")

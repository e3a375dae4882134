"""The pre/post survey: checked references, paper forms, the data-entry template, and a report
whose numbers match an independent calculation, with every bad row named and small groups hidden."""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import statistics
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.assess import quiz
from lessonpress.build import BuildSettings, build
from lessonpress.cli import main
from lessonpress.lessons import load_course

from .conftest import FIXTURES, ROOT, load, pdf_text, squash

SURVEY = FIXTURES / "survey" / "lessons"
COLUMNS = ["code", "wave", "consent", "know-help", "can-block", "who-can-see", "forwarding", "would-tell"]
STATEMENTS = ["know-help", "can-block", "would-tell"]
KNOWLEDGE = ["who-can-see", "forwarding"]


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project (the current folder) whose course has a survey."""
    shutil.copytree(SURVEY, tmp_path / "lessons")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


def right_letters() -> dict[str, str]:
    """The right letter of each knowledge item, from the lesson's answer key (A/B for true/false)."""
    lesson = load(SURVEY / "group-chats.yaml")
    key = {p.question.id: p.key[0] for p in quiz(lesson) if p.type == "choice"}
    return {"who-can-see": key["who-can-see"], "forwarding": "A"}  # forwarding: true, so A


def generate(path: Path, seed: int = 3) -> dict:
    """200 respondents: most before and after, some only before or only after, a few without
    consent, a few rows with errors. Returns what the test knows about them."""
    rnd = random.Random(seed)
    rows, invalid, no_consent = [COLUMNS], [], []
    for i in range(200):
        waves = ["pre", "post"] if i % 8 else (["pre"] if i % 16 else ["post"])
        for wave in waves:
            row = [f"S{i:03d}", wave, "no" if i % 41 == 7 else "yes"]
            for column in COLUMNS[3:]:
                if column in STATEMENTS:
                    low = 1 if wave == "pre" else 2
                    row.append("" if rnd.random() < 0.05 else str(rnd.randint(low, 5)))
                elif column == "who-can-see":
                    row.append(rnd.choice(["A", "B", "C", "D", "d", ""]))
                else:
                    row.append(rnd.choice(["A", "B", "b"]))
            rows.append(row)
    bad = [
        ["S900", "during", "yes", "3", "3", "A", "A", "3"],  # wave
        ["S901", "pre", "yes", "6", "3", "A", "A", "3"],  # out of the scale
        ["S902", "pre", "yes", "3", "3", "E", "A", "3"],  # no such letter
        ["S903 x", "pre", "maybe", "3", "3", "A", "A", "3"],  # code and consent
        ["S904", "pre", "yes", "3"],  # too few cells
        ["S001", "pre", "yes", "3", "3", "A", "A", "3"],  # a second pre form for S001
    ]
    for n, row in enumerate(bad):
        rows.insert(17 + n * 29, row)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    for line, row in enumerate(rows[1:], 2):
        if row in bad:
            invalid.append(line)
        elif row[2] == "no":
            no_consent.append(line)
    return {"invalid": invalid, "no_consent": no_consent}


def expected(path: Path) -> dict:
    """The numbers, computed here from the file without lessonpress: forms with consent and no
    errors; means, shares, pairs; blank knowledge answers count as not right."""
    right = right_letters()
    with path.open(encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    good, seen = [], set()
    for r in records:
        ok = (
            None not in r.values()
            and r["wave"] in ("pre", "post")
            and " " not in r["code"]
            and r["consent"] in ("yes", "no")
            and all(r[c] == "" or r[c] in "12345" for c in STATEMENTS)
            and r["who-can-see"].upper() in ("A", "B", "C", "D", "")
            and (r["code"], r["wave"]) not in seen
        )
        if ok:
            seen.add((r["code"], r["wave"]))
            if r["consent"] == "yes":
                good.append(r)
    waves = {w: [r for r in good if r["wave"] == w] for w in ("pre", "post")}
    post = {r["code"]: r for r in waves["post"]}
    pairs = [(r, post[r["code"]]) for r in waves["pre"] if r["code"] in post]

    def score(r: dict) -> float:
        return sum(r[k].upper() == right[k] for k in KNOWLEDGE) / len(KNOWLEDGE)

    out: dict = {
        "n": {w: len(v) for w, v in waves.items()},
        "pairs": len(pairs),
        "statements": {},
        "right": {},
    }
    for s in STATEMENTS:
        values = {w: [int(r[s]) for r in waves[w] if r[s]] for w in waves}
        out["statements"][s] = {
            w: (statistics.mean(v), sum(x >= 4 for x in v) / len(v)) for w, v in values.items()
        } | {"change": statistics.mean(int(b[s]) - int(a[s]) for a, b in pairs if a[s] and b[s])}
    for k in KNOWLEDGE:
        out["right"][k] = {w: sum(r[k].upper() == right[k] for r in v) / len(v) for w, v in waves.items()}
    out["score"] = {w: statistics.mean(score(r) for r in v) for w, v in waves.items()}
    out["score_change"] = statistics.mean(score(b) - score(a) for a, b in pairs)
    return out


def test_report_numbers_match_an_independent_calculation(course: Path) -> None:
    known = generate(course / "responses.csv")
    result = run("report", "responses.csv")
    assert result.exit_code == 1, result.output  # rows had errors: reported, and left out
    summary = json.loads((course / "build" / "en" / "survey-report.json").read_text(encoding="utf-8"))
    want = expected(course / "responses.csv")
    assert summary["respondents"] == {
        "pre": want["n"]["pre"],
        "post": want["n"]["post"],
        "paired": want["pairs"],
    }
    assert want["pairs"] < min(want["n"].values())  # some forms have no partner
    for row in summary["statements"]:
        w = want["statements"][row["id"]]
        for wave in ("pre", "post"):
            assert row[wave]["mean"] == pytest.approx(w[wave][0], abs=1e-4)
            assert row[wave]["agree"] == pytest.approx(w[wave][1], abs=1e-4)
        assert row["paired"]["mean_change"] == pytest.approx(w["change"], abs=1e-4)
    for row in summary["knowledge"]["items"]:
        for wave in ("pre", "post"):
            assert row[wave]["right"] == pytest.approx(want["right"][row["id"]][wave], abs=1e-4)
    score = summary["knowledge"]["score"]
    assert score["pre"]["mean"] == pytest.approx(want["score"]["pre"], abs=1e-4)
    assert score["post"]["mean"] == pytest.approx(want["score"]["post"], abs=1e-4)
    assert score["paired"]["mean_change"] == pytest.approx(want["score_change"], abs=1e-4)
    # Every invalid row is named by its line, and left out; forms without consent are not used.
    assert summary["rows"]["invalid_lines"] == known["invalid"]
    assert summary["rows"]["without_consent_lines"] == known["no_consent"]
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert sorted({int(e.split(":")[1]) for e in errors}) == known["invalid"]
    assert all(e.startswith("responses.csv:") for e in errors)
    assert "responses.csv:18:" in result.output and "wave must be pre or post, not 'during'" in result.output
    assert "has a pre form already, on line" in result.output
    text = squash(pdf_text((course / "build" / "en" / "survey-report.pdf").read_bytes()))
    lines = ", ".join(str(n) for n in known["invalid"])
    note = f"Rows of the responses file left out because of errors: {len(known['invalid'])} (lines {lines})."
    assert squash(note) in text
    assert str(want["n"]["pre"]) in text and "S001" not in text and "S0" not in text  # no codes


def test_groups_under_five_are_not_shown(course: Path) -> None:
    rows = [COLUMNS]
    for i in range(12):
        rows.append([f"A{i}", "pre", "yes", "2", "", "A", "B", "3"])
    for i in range(4):  # only four after the course
        rows.append([f"A{i}", "post", "yes", "5", "", "B", "A", "4"])
    with (course / "small.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = run("report", "small.csv")
    assert result.exit_code == 0, result.output
    summary = json.loads((course / "build" / "en" / "survey-report.json").read_text(encoding="utf-8"))
    assert summary["respondents"] == {"pre": 12, "post": None, "paired": None}
    know = next(r for r in summary["statements"] if r["id"] == "know-help")
    assert know["pre"] == {"n": 12, "mean": 2.0, "agree": 0.0}
    assert know["post"] == {"n": None, "mean": None, "agree": None}
    assert know["paired"] == {"n": None, "mean_change": None}
    blank = next(r for r in summary["statements"] if r["id"] == "can-block")  # nobody answered it
    assert blank["pre"]["mean"] is None
    assert summary["knowledge"]["score"]["post"]["mean"] is None
    assert "respondents after the course" in summary["suppressed"]
    text = squash(pdf_text((course / "build" / "en" / "survey-report.pdf").read_bytes()))
    assert squash("Groups of fewer than 5 respondents are not shown (–).") in text
    assert "4" not in text.split("Before")[1].split("Both")[0]  # the post count is not printed


def test_a_file_it_cannot_read_writes_nothing(course: Path) -> None:
    (course / "names.csv").write_text("code,name,wave\nA1,Ana,pre\n", encoding="utf-8")
    result = run("report", "names.csv")
    assert result.exit_code == 1
    assert "names.csv:1:2: error: column 'name' is not part of the survey" in result.output
    assert "missing columns: consent, know-help" in result.output
    assert not (course / "build").exists()
    (course / "latin1.csv").write_bytes(",".join(COLUMNS).encode() + b"\n\xe9\n")
    assert "latin1.csv:1:1: error: the file is not UTF-8 text" in run("report", "latin1.csv").output


def test_a_semicolon_file_from_a_spreadsheet_is_read(course: Path) -> None:
    rows = [";".join(COLUMNS)] + [f"B{i};pre;yes;4;4;A;A;4" for i in range(6)]
    (course / "semi.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("report", "semi.csv")
    assert result.exit_code == 0, result.output
    summary = json.loads((course / "build" / "en" / "survey-report.json").read_text(encoding="utf-8"))
    assert summary["respondents"]["pre"] == 6


def test_the_template_has_the_survey_columns_and_safe_cells(course: Path) -> None:
    curriculum = course / "lessons" / "curriculum.yaml"
    text = curriculum.read_text(encoding="utf-8")
    curriculum.write_text(
        text.replace("statement: I know how to block", "statement: =I know how to block"), "utf-8"
    )
    result = run("survey", "template")
    assert result.exit_code == 0, result.output
    template = (course / "build" / "en" / "survey-responses.csv").read_text(encoding="utf-8-sig")
    assert next(csv.reader(io.StringIO(template))) == COLUMNS
    codebook = list(
        csv.reader(io.StringIO((course / "build" / "en" / "survey-codebook.csv").read_text("utf-8-sig")))
    )
    cells = {row[0]: row for row in codebook}
    assert cells["can-block"][1] == "2. =I know how to block and report an account."  # number first
    assert cells["forwarding"][2].startswith("A = True; B = False")
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in codebook for cell in row)


def test_the_form_has_both_waves_and_no_answers(course: Path) -> None:
    result = build(BuildSettings(paths=("lessons",), out_dir=course / "build", formats=("survey",), jobs=1))
    assert result.ok, [p.format() for p in result.problems]
    (pdf,) = result.written
    text = squash(pdf_text(pdf.read_bytes()))
    assert text.count("Beforethecourse") >= 1 and text.count("Afterthecourse") >= 1
    assert text.count("Yourcode") == 2 and text.count(squash("I agree that my answers")) == 2
    assert text.count(squash("Who can forward a photo you post in a group chat?")) == 2
    lesson = load(SURVEY / "group-chats.yaml")
    for hidden in lesson.facilitator_texts():
        assert squash(hidden.plain) not in text


def test_knowledge_items_are_checked_against_the_lessons(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    shutil.copytree(SURVEY, folder)
    curriculum = folder / "curriculum.yaml"
    text = curriculum.read_text(encoding="utf-8")
    bad = (
        text.replace("group-chats/who-can-see", "group-chat/who-can-see")
        .replace("group-chats/forwarding", "group-chats/fowarding")
        .replace("    - id: would-tell\n", "    - id: would-tell\n      question: group-chats/signs\n")
    )
    curriculum.write_text(bad, encoding="utf-8")
    lessons = [load(folder / "group-chats.yaml")]
    course, problems = load_course((str(folder),), {"group-chats"}, lessons)
    shown = [p.format() for p in problems]
    assert course is None
    assert any(
        "no lesson with check questions has id 'group-chat'" in p and "did you mean 'group-chats'" in p
        for p in shown
    )
    assert any("has no question 'fowarding'" in p and "group-chats/forwarding" in p for p in shown)
    assert any("give an item a `statement` or a `question`" in p for p in shown)
    assert all(p.line > 0 and p.column > 0 for p in problems)
    multi = text.replace("group-chats/forwarding", "group-chats/signs")  # two right options
    curriculum.write_text(multi, encoding="utf-8")
    _, problems = load_course((str(folder),), {"group-chats"}, lessons)
    assert any("cannot be scored from one ticked box" in p.message for p in problems)


def test_a_pipe_or_a_huge_file_is_a_located_error_not_a_hang(course: Path) -> None:
    import os

    from .robustness.conftest import deadline

    os.mkfifo(course / "pipe.csv")
    with deadline(30):
        result = run("report", "pipe.csv")
    assert result.exit_code == 1 and "pipe.csv:1:1: error: not a regular file" in result.output
    assert "lesson" not in result.output  # the hint speaks of the responses file
    with open(course / "huge.csv", "wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: read whole, it would take gigabytes
    with deadline(30):
        result = run("report", "huge.csv")
    assert result.exit_code == 1 and "huge.csv:1:1: error:" in result.output
    assert "too large" in result.output or "larger than" in result.output
    assert not (course / "build").exists()


def test_a_change_that_rounds_to_nothing_has_no_sign() -> None:
    from lessonpress.layout.survey_report import _points, _signed

    assert [_signed(v, 1) for v in (-0.04, 0.04, 0.55, -1.25)] == ["0.0", "0.0", "+0.6", "-1.2"]
    assert [_points(v) for v in (-0.003, 0.012, -0.2, None)] == ["0", "+1", "-20", None]

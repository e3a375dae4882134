"""The quiz and its answer key: every question, options in a stable shuffled order that the key
shares, the key in the guide and in a binder's appendix only, and no answer on a learner page."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from lessonpress.assess import quiz
from lessonpress.build import BuildSettings, build
from lessonpress.model import Check, Option

from ..conftest import GOOD, ROOT, load, make_pdf, pdf_text, squash

CHECK = GOOD / "check.yaml"


def test_the_quiz_prints_every_question_with_its_letters() -> None:
    lesson = load(CHECK)
    text = squash(pdf_text(make_pdf(lesson, "quiz")))
    for p in quiz(lesson):
        assert f"{p.number}.{squash(p.question.question.plain)}" in text
        for entry in p.entries:
            assert squash(f"{entry.letter} {entry.text.plain}") in text
        for n, term in enumerate(p.terms, 1):
            assert squash(f"{n}. {term.plain}") in text


def test_quiz_order_is_stable_across_runs_and_processes() -> None:
    lesson = load(CHECK)
    assert make_pdf(lesson, "quiz") == make_pdf(lesson, "quiz")
    script = (
        "from lessonpress.assess import quiz\n"
        "from tests.conftest import GOOD, load\n"
        "print([[e.letter + e.text.plain for e in p.entries] for p in quiz(load(GOOD / 'check.yaml'))])\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        ).stdout
        for seed in ("1", "2", "random")
    }
    assert len(runs) == 1
    # The order is shuffled (no option list printed as written), and changes with the version.
    printed = quiz(lesson)
    assert [e.text for e in printed[0].entries] != [o.text for o in lesson.check.questions[0].options]
    order = [e.text.plain for e in quiz(lesson)[4].entries]
    assert order != [s.plain for s in lesson.check.questions[4].steps]
    bumped = load_version(lesson, "1.3")
    assert any(
        [e.text.plain for e in a.entries] != [e.text.plain for e in b.entries]
        for a, b in zip(quiz(lesson), quiz(bumped), strict=True)
    )


def load_version(lesson, version: str):  # noqa: ANN001, ANN201
    from lessonpress.markup import parse

    return dataclasses.replace(lesson, version=parse(version))


def test_the_key_names_the_letters_the_quiz_prints() -> None:
    lesson = load(CHECK)
    quiz_text = squash(pdf_text(make_pdf(lesson, "quiz")))
    key_text = squash(pdf_text(make_pdf(lesson, "answer-key")))
    for p in quiz(lesson):
        by_letter = {e.letter: e.text.plain for e in p.entries}
        if p.type == "choice":
            for letter in p.key:
                shown = squash(f"{letter} {by_letter[letter]}")
                assert shown in quiz_text and shown in key_text
            wrong = [e for e in p.entries if e.letter not in p.key]
            shown_wrong = [f"Answer:{squash(e.letter + ' ' + e.text.plain)}" for e in wrong]
            assert wrong and not any(x in key_text for x in shown_wrong)
        elif p.type == "order":
            assert f"Answer:{','.join(p.key)}" in key_text
            right = [s.plain for s in p.question.steps]
            assert [by_letter[x] for x in p.key] == right  # the key's letters spell the right order
        elif p.type == "match":
            pairs = ",".join(f"{i}–{x}" for i, x in enumerate(p.key, 1))
            assert f"Answer:{pairs}" in key_text
    assert "Answer:True" in key_text  # the true/false question
    assert squash(lesson.check.questions[2].model_answer.plain) in key_text
    for q in lesson.check.questions:
        if q.explanation:
            assert squash(q.explanation.plain) in key_text
    assert "Objective1:Explainwhocanseeamessageinagroupchat." in key_text
    assert key_text.count("Ontheexitticket") == 3


def test_which_option_is_right_never_changes_a_learner_page() -> None:
    """Move every answer (as many right options, on other options; true for false) and drop the
    explanations: the quiz and the exit ticket are byte for byte the same."""
    lesson = load(CHECK)
    flipped = []
    for q in lesson.check.questions:
        marks = [o.correct for o in q.options]
        options = tuple(Option(o.text, c) for o, c in zip(q.options, marks[1:] + marks[:1], strict=True))
        answer = None if q.answer is None else not q.answer
        changed = dataclasses.replace(q, options=options, answer=answer, explanation=None)
        flipped.append(dataclasses.replace(changed, model_answer=None))
    other = dataclasses.replace(lesson, check=Check(tuple(flipped), lesson.check.exit_ticket))
    for fmt in ("quiz", "exit-ticket"):
        assert make_pdf(lesson, fmt) == make_pdf(other, fmt), fmt
    assert make_pdf(lesson, "answer-key") != make_pdf(other, "answer-key")


def test_the_guide_ends_with_the_key_and_only_the_binder_has_the_appendix(tmp_path: Path) -> None:
    lesson = load(CHECK)
    guide = squash(pdf_text(make_pdf(lesson, "guide")))
    explanation = squash(lesson.check.questions[0].explanation.plain)
    assert "Answerkey" in guide and explanation in guide
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "check.yaml").write_text(CHECK.read_text(encoding="utf-8"), encoding="utf-8")
    minimal = (GOOD / "minimal.yaml").read_text(encoding="utf-8")
    (lessons / "minimal.yaml").write_text(minimal, encoding="utf-8")
    texts = {}
    for pack_of in ("handout", "guide"):
        settings = BuildSettings(
            paths=(str(lessons),), out_dir=tmp_path / pack_of, formats=("pack",), pack_of=pack_of, jobs=1
        )
        result = build(settings)
        assert result.ok, [p.format() for p in result.problems]
        (pdf,) = result.written
        reader = PdfReader(pdf)
        texts[pack_of] = squash(" ".join(page.extract_text() or "" for page in reader.pages))
        outline = [x.title for x in reader.outline if not isinstance(x, list)]
        assert ("Answer keys" in outline) == (pack_of == "guide")
    assert explanation not in texts["handout"] and "Answerkeys" not in texts["handout"]
    binder = texts["guide"]
    assert binder.count(explanation) == 1  # in the appendix, not also after the lesson's guide
    assert binder.index(explanation) > binder.index(squash(lesson.key_takeaways[0].plain))


def test_lessons_without_questions_get_no_quiz_and_a_second_build_does_nothing(project: Path) -> None:
    (project / "lessons" / "check.yaml").write_text(CHECK.read_text(encoding="utf-8"), encoding="utf-8")
    settings = BuildSettings(
        paths=("lessons",), out_dir=project / "build", formats=("exit-ticket", "quiz", "answer-key"), jobs=1
    )
    first = build(settings)
    assert first.ok, [p.format() for p in first.problems]
    names = sorted(p.name for p in first.written)
    assert names == ["check-answer-key.pdf", "check-exit-ticket.pdf", "check-quiz.pdf"]
    again = build(settings)
    assert again.written == () and len(again.up_to_date) == 3


def test_letters_come_from_the_language() -> None:
    lesson = load(CHECK)
    arabic = quiz(lesson, "أبجدهوزحطي")
    assert [e.letter for e in arabic[0].entries] == ["أ", "ب", "ج", "د"]
    assert [e.text for e in arabic[0].entries] == [e.text for e in quiz(lesson)[0].entries]
    assert re.fullmatch(r"[أبجد]", arabic[0].key[0])


def test_no_learner_sheet_prints_an_order_question_in_its_right_order() -> None:
    """The quiz and the ticket print the title only: a lesson's subtitle (teens-3 lists the eight
    steps) would otherwise give the answer away."""
    from ..conftest import SHIPPED

    checked = 0
    for path in SHIPPED:
        lesson = load(path)
        orders = [q for q in (lesson.check.questions if lesson.check else ()) if q.type == "order"]
        for fmt in ("quiz", "exit-ticket") if orders else ():
            text = squash(pdf_text(make_pdf(lesson, fmt)))
            for q in orders:
                assert squash("".join(s.plain for s in q.steps)) not in text, (fmt, path.stem)
                checked += 1
    assert checked >= 4  # teens-3 and teens-7, in both formats

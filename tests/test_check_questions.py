"""The `check:` section of a lesson: typed questions, located errors, facilitator-only answers,
translations that keep every answer, and the schema that editors read."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from lessonpress.lessons import check_lesson_and_translations
from lessonpress.model import Lesson
from lessonpress.project import LessonFile
from lessonpress.questions import objective_number
from lessonpress.schema import lesson_schema

from .conftest import GOOD, SHIPPED, load, load_text

CHECK = GOOD / "check.yaml"
BASE = "title: x\nobjectives: [Spot it, Stop it]\nkey_takeaways: [b]\ndiscussion_prompts: [Why?]\n"


def test_every_question_type_becomes_a_typed_question() -> None:
    lesson = load(CHECK)
    assert lesson.check is not None
    kinds = [q.type for q in lesson.check.questions]
    assert kinds == ["choice", "true_false", "short_answer", "choice", "order", "match", "match"]
    who = lesson.check.questions[0]
    assert [o.correct for o in who.options] == [False, True, False, False]
    assert who.tag == "objective 1" and objective_number(who.tag) == 1
    assert lesson.check.questions[1].answer is True
    assert lesson.check.questions[2].lines == 2
    assert lesson.check.questions[5].from_vocabulary


def test_answers_and_explanations_are_facilitator_only() -> None:
    lesson = load(CHECK)
    hidden = {t.plain for t in lesson.facilitator_texts()}
    shown = {t.plain for t in lesson.learner_texts()}
    assert "A parent or carer, a teacher, or a helpline on the handout." in hidden
    assert any(t.startswith("Every member of the chat can save") for t in hidden)
    assert "Who can forward a photo you post in a group chat?" in shown
    assert "Anyone in the chat." in shown  # an option is printed; only its `correct` flag is not
    assert not hidden & shown


def test_the_exit_ticket_is_the_named_questions_else_the_first_three(tmp_path: Path) -> None:
    lesson = load(CHECK)
    assert [q.id for q in lesson.check.ticket()] == ["who-can-see", "forwarding", "tell-someone"]
    questions = "".join(
        f"    - {{id: q{i}, type: true_false, question: 'Q{i}?', answer: true}}\n" for i in range(5)
    )
    plain, problems = load_text(tmp_path, BASE + "check:\n  questions:\n" + questions)
    assert plain is not None, problems
    assert [q.id for q in plain.check.ticket()] == ["q0", "q1", "q2"]
    chosen, _ = load_text(tmp_path, BASE + "check:\n  exit_ticket: [q4, q1]\n  questions:\n" + questions)
    assert [q.id for q in chosen.check.ticket()] == ["q4", "q1"]


def test_a_tag_must_name_an_objective_by_position(tmp_path: Path) -> None:
    text = (
        BASE + "check:\n  questions:\n    - {id: a, type: true_false, question: Q?, answer: true, tag: %s}\n"
    )
    for good in ("objective 1", "Objective 2", "objective  2"):
        lesson, problems = load_text(tmp_path, text % good)
        assert lesson is not None, problems
    for bad, hint in (
        ("objective 3", "write 'objective 1' to 'objective 2'"),
        ("'2'", "did you mean 'objective 2'?"),
        ("Stop it", "did you mean 'objective 2'?"),
        ("objectve 1", "did you mean 'objective 1'?"),
    ):
        lesson, problems = load_text(tmp_path, text % bad)
        assert lesson is None
        (problem,) = problems
        assert problem.code == "check.tag" and (problem.line, problem.column) == (7, 66)
        assert hint in (problem.hint or ""), problem.format()


def test_each_type_is_checked_as_a_whole(tmp_path: Path) -> None:
    cases = {
        "{id: a, type: true_false, question: Q?}": "needs its answer",
        "{id: a, type: short_answer, question: Q?}": "needs a model answer",
        "{id: a, type: choice, question: Q?, options: [{text: x, correct: yes}, {text: y, correct: yes}]}": (
            "every option is marked right"
        ),
        "{id: a, type: choice, question: Q?, options: [x, {text: x, correct: true}]}": "same as an earlier",
        "{id: a, type: order, question: Q?, steps: [x]}": "at least two steps",
        "{id: a, type: match, question: Q?, from_vocabulary: true}": "fewer than two words to know",
        "{id: a, type: match, question: Q?}": "at least two pairs",
        "{id: a, type: order, question: Q?, steps: [x, y], answer: true}": "'answer' is not used by an",
    }
    for question, message in cases.items():
        lesson, problems = load_text(tmp_path, BASE + f"check:\n  questions:\n    - {question}\n")
        assert lesson is None, question
        assert any(message.replace(" an", " a") in p.message or message in p.message for p in problems), (
            question,
            [p.format() for p in problems],
        )
        assert all(p.line == 7 for p in problems), [p.format() for p in problems]


def test_a_translation_keeps_every_answer_of_its_source(tmp_path: Path) -> None:
    lessons = tmp_path / "lessons"
    (lessons / "translations" / "es").mkdir(parents=True)
    source = lessons / "check.yaml"
    source.write_text(
        BASE
        + "version: '2'\n"
        + "check:\n  questions:\n"
        + "    - id: who\n      type: choice\n      question: Who can forward a photo?\n"
        + "      options: [Only you., {text: Anyone in the chat., correct: true}]\n"
        + "      explanation: Every member of the chat has a copy.\n      tag: objective 2\n"
        + "    - {id: fwd, type: true_false, question: You can control it., answer: false}\n",
        encoding="utf-8",
    )
    # A translation says nothing of answers or tags: they come from the source. Questions are
    # translated under their ids (as helplines are), so reordering them keeps every translation.
    (lessons / "translations" / "es" / "check.yaml").write_text(
        "translation: {status: draft}\n"
        "language: es\n"
        "check:\n"
        "  questions:\n"
        "    who:\n"
        "      question: ¿Quién puede reenviar una foto?\n"
        "      options: [Solo tú., {text: Cualquiera en el chat.}]\n"
        "      explanation: Cada miembro del chat tiene una copia.\n"
        "    fwd:\n"
        "      question: Puedes controlarlo.\n",
        encoding="utf-8",
    )
    checked = check_lesson_and_translations(LessonFile(source, "lessons/check.yaml", "check"))
    assert not [p for p in checked.problems if p.is_error], [p.format() for p in checked.problems]
    english, spanish = checked.lessons
    assert isinstance(spanish, Lesson) and spanish.language == "es"
    first = spanish.check.questions[0]
    assert first.question.plain == "¿Quién puede reenviar una foto?"
    assert [o.text.plain for o in first.options] == ["Solo tú.", "Cualquiera en el chat."]
    assert [o.correct for o in first.options] == [False, True]
    assert first.tag == "objective 2" and first.explanation.plain.startswith("Cada miembro")
    assert [q.id for q in spanish.check.questions] == [q.id for q in english.check.questions]
    assert spanish.check.questions[1].answer is False


def test_the_schema_describes_check_questions() -> None:
    schema = lesson_schema()
    question = schema["$defs"]["Question"]
    assert question["properties"]["type"]["enum"] == [
        "choice",
        "true_false",
        "short_answer",
        "order",
        "match",
    ]
    assert "Never printed" in question["properties"]["explanation"]["description"]
    jsonschema.validate(yaml.safe_load(CHECK.read_text(encoding="utf-8")), schema)


YOUNG = [p for p in SHIPPED if p.stem.startswith(("teens-", "preteens-"))]
BLAME = re.compile(r"(?<!not )\byour (own )?fault|\bstupid\b|\bdeserve|should(n't| not) have sent", re.I)


@pytest.mark.parametrize("path", YOUNG, ids=lambda p: p.stem)
def test_every_lesson_for_young_people_checks_each_objective(path: Path) -> None:
    """3 to 5 questions, every one tagged, every objective checked, an exit ticket of the
    lesson's choosing, and no learner-facing text that blames or shames."""
    lesson = load(path)
    assert lesson.check is not None
    questions = lesson.check.questions
    assert 3 <= len(questions) <= 5
    tags = {objective_number(q.tag) for q in questions if q.tag}
    assert all(q.tag for q in questions)
    assert tags == set(range(1, len(lesson.objectives) + 1)), f"objectives without a question: {tags}"
    assert len(lesson.check.exit_ticket) == 3
    for question in questions:
        shown = [question.question, *(o.text for o in question.options), *question.steps]
        for text in shown:
            assert not BLAME.search(text.plain), text.plain
        assert question.explanation is not None, question.id
    # true_false answers are not all one way, so a guess learns nothing
    answers = [q.answer for p in YOUNG for q in load(p).check.questions if q.type == "true_false"]
    assert True in answers and False in answers

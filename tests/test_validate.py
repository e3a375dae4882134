"""Validation: YAML data becomes a typed lesson, or a list of located problems."""

from __future__ import annotations

import pytest

from lessonpress.languages import normalise_language
from lessonpress.model import Lesson, Prompt

from .conftest import GOOD, load, load_text


def test_full_lesson_becomes_typed_model() -> None:
    lesson = load(GOOD / "full.yaml")
    assert isinstance(lesson, Lesson)
    assert lesson.title.plain == "Staying safe in group chats"
    assert lesson.duration_minutes == 45
    assert [o.plain for o in lesson.objectives][0] == "Explain who can see a message in a group chat"
    first, second, third = lesson.discussion_prompts
    assert isinstance(third, Prompt) and third.notes is None
    assert first.follow_ups[0].plain.startswith("FACILITATOR-FOLLOWUP-BRAVO")
    assert lesson.activities[0].minutes == 10
    assert lesson.resources[0].url == "https://example.org/help"
    assert lesson.version.plain == "1.10"
    assert lesson.lesson_id == "full"


def test_scalars_stay_text_where_text_is_wanted() -> None:
    lesson = load(GOOD / "norwegian.yaml")
    assert lesson.language == "no"
    assert lesson.version.plain == "1.10"
    assert lesson.age_range.plain == "07"


def test_model_is_frozen() -> None:
    lesson = load(GOOD / "minimal.yaml")
    with pytest.raises(AttributeError):
        lesson.title = None  # type: ignore[misc]


def test_facilitator_texts_are_separated(full_lesson: Lesson) -> None:
    hidden = {t.plain.split()[0] for t in full_lesson.facilitator_texts()}
    assert hidden == {
        "FACILITATOR-NOTE-ALPHA",
        "FACILITATOR-FOLLOWUP-BRAVO",
        "FACILITATOR-NOTE-CHARLIE",
        "FACILITATOR-ACTIVITY-DELTA",
        "FACILITATOR-NOTES-ECHO",
        "FACILITATOR-SAFEGUARDING-FOXTROT",
    }
    assert not any("FACILITATOR" in t.plain for t in full_lesson.learner_texts())


def test_single_text_is_accepted_where_a_list_may_be_one_item(tmp_path) -> None:  # noqa: ANN001
    text = (GOOD / "minimal.yaml").read_text() + "facilitator_notes: Just one note\n"
    lesson, problems = load_text(tmp_path, text)
    assert lesson is not None and [n.plain for n in lesson.facilitator_notes] == ["Just one note"]


def test_all_problems_of_a_file_are_reported_together(tmp_path) -> None:  # noqa: ANN001
    lesson, problems = load_text(
        tmp_path,
        "titel: x\nobjectives: []\nduration_minutes: soon\n"
        "discussion_prompts:\n  - prompt: a\n    notez: b\n",
    )
    assert lesson is None
    codes = sorted(p.code for p in problems)
    assert codes == [
        "schema.empty",
        "schema.missing",
        "schema.missing",
        "schema.type",
        "schema.unknown-key",
        "schema.unknown-key",
    ]


def test_text_that_is_too_long_is_an_error(tmp_path) -> None:  # noqa: ANN001
    text = (GOOD / "minimal.yaml").read_text() + "summary: " + "word " * 2500 + "\n"
    lesson, problems = load_text(tmp_path, text)
    assert lesson is None
    assert "longer than 10000 characters" in problems[0].message


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("pt-br", "pt-BR"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("no", "no"),
        ("es-419", "es-419"),
        ("english", None),
        ("e", None),
        ("en_US", "en-US"),  # as Linux writes locales
        ("pt_br", "pt-BR"),
        ("../x", None),
    ],
)
def test_language_tags(tag: str, expected: str | None) -> None:
    assert normalise_language(tag) == expected

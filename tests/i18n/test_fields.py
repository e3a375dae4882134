"""Names of translatable strings: list items by position, helplines by id, facts from the model."""

from __future__ import annotations

from lessonpress.i18n.fields import text_fields, translation_path, value_at
from lessonpress.model import Course, HelplineBook


def contexts(data: dict, model: type | None = None) -> list[str]:
    return [f.context for f in (text_fields(data, model) if model else text_fields(data))]


def test_list_items_are_named_by_position_counted_from_one() -> None:
    data = {
        "title": "T",
        "objectives": ["Explain who can see it", "Name two ways"],
        "discussion_prompts": [{"prompt": "Who sees it?", "notes": "Listen"}, "Why?"],
        "duration_minutes": "30",
        "resources": [{"name": "Take It Down", "url": "https://x.org"}],
    }
    assert contexts(data) == [
        "title",
        "objectives[1]",
        "objectives[2]",
        "discussion_prompts[1].prompt",
        "discussion_prompts[1].notes",
        "discussion_prompts[2].prompt",
        "resources[1].name",
    ]


def test_editing_an_items_words_keeps_its_name() -> None:
    before = {"objectives": ["Recognise when an online friend is grooming", "Second"]}
    after = {"objectives": ["Spot when an online friend is grooming you", "Second"]}
    assert contexts(before) == contexts(after) == ["objectives[1]", "objectives[2]"]


def test_numbers_urls_flags_and_people_are_not_translatable() -> None:
    data = {
        "language": "en",
        "version": "1.0",
        "helplines": "true",
        "authors": ["Ana"],
        "age_range": "13-17",
        "license": "CC BY 4.0",
        "activities": [{"title": "A", "minutes": "10", "steps": ["Do"]}],
        "resources": [{"name": "Line", "phone": "0800 1111", "url": "https://x.org"}],
    }
    assert contexts(data) == ["activities[1].title", "activities[1].steps[1]", "resources[1].name"]


def test_facilitator_only_comes_from_the_model() -> None:
    data = {
        "discussion_prompts": [{"prompt": "Q?", "notes": "N", "follow_ups": ["F?"]}],
        "safeguarding": "Opt out any time.",
        "objectives": ["O"],
    }
    flags = {f.context: f.facilitator_only for f in text_fields(data)}
    assert flags == {
        "discussion_prompts[1].prompt": False,
        "discussion_prompts[1].notes": True,
        "discussion_prompts[1].follow_ups[1]": True,
        "safeguarding": True,
        "objectives[1]": False,
    }


def test_value_at_reads_a_prompt_in_either_form() -> None:
    assert value_at({"discussion_prompts": ["Why?"]}, ("discussion_prompts", 0, "prompt")) == "Why?"
    assert (
        value_at({"discussion_prompts": [{"prompt": "¿Por qué?"}]}, ("discussion_prompts", 0, "prompt"))
        == "¿Por qué?"
    )
    assert value_at({"objectives": []}, ("objectives", 3)) is None


def test_helplines_are_named_and_found_by_id_never_by_number() -> None:
    source = {
        "helplines": [
            {
                "id": "gb-childline",
                "region": "GB",
                "kind": "child-helpline",
                "name": "Childline",
                "phone": "0800 1111",
                "hours": "24/7",
                "description": "For anyone under 19.",
                "url": "https://www.childline.org.uk",
                "source": "https://x.org",
                "verified": "2026-01-01",
                "confidence": "HIGH",
                "text": "HOME to 85258",
            }
        ]
    }
    fields = text_fields(source, HelplineBook)
    assert [f.context for f in fields] == [
        "helplines[gb-childline].name",
        "helplines[gb-childline].hours",
        "helplines[gb-childline].description",
    ]
    assert fields[0].path == ("helplines", "gb-childline", "name")
    translation = {"helplines": {"gb-childline": {"name": "Childline (Reino Unido)"}}}
    assert value_at(translation, fields[0].path, HelplineBook) == "Childline (Reino Unido)"
    assert translation_path(source, ("helplines", 0, "name"), HelplineBook) == fields[0].path


def test_the_curriculum_translates_titles_and_descriptions_not_its_lesson_list() -> None:
    course = {
        "title": "Safe online",
        "version": "1.0",
        "date": "2026-01-01",
        "units": [{"title": "For teens", "description": "Six lessons.", "lessons": ["teens-1"]}],
        "routes": [{"title": "Core", "lessons": ["teens-1"], "description": "Two sessions."}],
    }
    assert contexts(course, Course) == [
        "title",
        "units[1].title",
        "units[1].description",
        "routes[1].title",
        "routes[1].description",
    ]

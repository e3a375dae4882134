"""Stable names for translatable strings: by field path and item name, never by list position."""

from __future__ import annotations

from lessonpress.i18n.fields import slug, text_fields, value_at


def contexts(data: dict) -> list[str]:
    return [f.context for f in text_fields(data)]


def test_contexts_name_list_items_by_their_words_not_their_position() -> None:
    data = {
        "title": "T",
        "objectives": ["Explain who can see it", "Name two ways"],
        "discussion_prompts": [{"prompt": "Who sees it?", "notes": "Listen"}, "Why?"],
        "duration_minutes": "30",
        "resources": [{"name": "Take It Down", "url": "https://x.org"}],
    }
    assert contexts(data) == [
        "title",
        "objectives[explain-who-can-see-it]",
        "objectives[name-two-ways]",
        "discussion_prompts[who-sees-it].prompt",
        "discussion_prompts[who-sees-it].notes",
        "discussion_prompts[why].prompt",
        "resources[take-it-down].name",
    ]


def test_reordering_a_list_keeps_each_items_name() -> None:
    a = {"objectives": ["First thing", "Second thing"]}
    b = {"objectives": ["Second thing", "First thing"]}
    assert sorted(contexts(a)) == sorted(contexts(b))


def test_repeated_items_get_unique_names() -> None:
    assert contexts({"objectives": ["Same", "Same"]}) == ["objectives[same]", "objectives[same-2]"]


def test_numbers_urls_and_flags_are_not_translatable() -> None:
    data = {
        "language": "en",
        "version": "1.0",
        "helplines": "true",
        "activities": [{"title": "A", "minutes": "10", "steps": ["Do"]}],
    }
    assert contexts(data) == ["activities[a].title", "activities[a].steps[do]"]


def test_value_at_reads_a_prompt_in_either_form() -> None:
    assert value_at({"discussion_prompts": ["Why?"]}, ("discussion_prompts", 0, "prompt")) == "Why?"
    assert (
        value_at({"discussion_prompts": [{"prompt": "¿Por qué?"}]}, ("discussion_prompts", 0, "prompt"))
        == "¿Por qué?"
    )
    assert value_at({"objectives": []}, ("objectives", 3)) is None


def test_slug_keeps_letters_of_any_script() -> None:
    assert slug("¿Quién puede ver una foto?") == "quién-puede-ver-una-foto"
    assert slug("   ") == "item"

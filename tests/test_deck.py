"""Planning the slide deck: one idea per slide, facilitator text only in a slide's notes."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from lessonpress.deck import SlideDeck, plan_deck
from lessonpress.labels import ENGLISH

from .conftest import CORPUS_FILES, GOOD, SHIPPED, load


@pytest.fixture(scope="module")
def deck() -> SlideDeck:
    return plan_deck(load(GOOD / "full.yaml"), ENGLISH)


def test_slides_follow_the_lesson_in_teaching_order(deck: SlideDeck) -> None:
    kinds = [slide.kind for slide in deck.slides]
    assert kinds == [
        "title",
        "objectives",
        "vocabulary",
        "prompt",
        "prompt",
        "prompt",
        "activity",
        "warning_signs",
        "takeaways",
        "resources",
    ]


def test_one_slide_per_prompt_numbered_of_the_total(deck: SlideDeck) -> None:
    prompts = [s for s in deck.slides if s.kind == "prompt"]
    assert [s.items[0].text for s in prompts] == [p.prompt for p in deck.lesson.discussion_prompts]
    assert [s.kicker for s in prompts] == ["Question 1 of 3", "Question 2 of 3", "Question 3 of 3"]
    assert [s.timing for s in prompts] == ["12 min", "12 min", "11 min"]  # the timing plan's


def test_title_slide_says_who_and_how_long(deck: SlideDeck) -> None:
    title = deck.slides[0]
    assert title.title == deck.lesson.title
    shown = [item.text.plain for item in title.items]
    assert shown == ["Who can see what you share"]
    assert title.kicker == "Teens (13–17) · 45 minutes"  # on the band, above the title


def test_resources_carry_their_web_address_as_a_qr_code(deck: SlideDeck) -> None:
    (item,) = deck.slides[-1].items
    assert item.qr == "https://example.org/help"
    assert item.text.plain.splitlines() == [
        "Example helpline",
        "Call: 0800 000 000",
        "Text: HELLO to 00000",
        "example.org",
    ]  # the QR has the rest
    assert {r.href for r in item.text.runs if r.href} == {"tel:0800000000", "https://example.org/help"}


def test_notes_are_attached_to_the_slide_they_belong_to(deck: SlideDeck) -> None:
    lesson = deck.lesson
    title, first_prompt, second_prompt, third_prompt = (deck.slides[i] for i in (0, 3, 4, 5))
    assert title.note_texts == (*lesson.facilitator_notes, *lesson.safeguarding)
    assert [b.heading for b in title.notes] == ["Run sheet", "Facilitator notes", "Safeguarding"]
    assert [t.plain for t in title.notes[0].texts] == [
        "0:00 · Question 1 of 3 (12 min)",
        "0:12 · Question 2 of 3 (12 min)",
        "0:24 · Question 3 of 3 (11 min)",
        "0:35 · Chat check (10 min)",
    ]
    prompt = lesson.discussion_prompts[0]
    assert first_prompt.note_texts == (prompt.notes, *prompt.follow_ups)
    assert [b.heading for b in first_prompt.notes] == ["Time", "Facilitator notes", "Follow-up questions"]
    assert first_prompt.notes[0].texts[0].plain == "0:00–0:12 (12 min)"
    assert second_prompt.note_texts == (lesson.discussion_prompts[1].notes,)
    assert third_prompt.note_texts == ()
    activity = next(s for s in deck.slides if s.kind == "activity")
    assert activity.note_texts == (lesson.activities[0].notes,)
    others = [s for s in deck.slides if s.kind not in ("title", "prompt", "activity")]
    assert all(s.notes == () for s in others)


@pytest.mark.parametrize("path", [GOOD / "full.yaml", *SHIPPED, *CORPUS_FILES], ids=lambda p: p.stem)
def test_no_facilitator_text_in_any_title_or_item(path) -> None:  # noqa: ANN001
    lesson = load(path)
    deck = plan_deck(lesson, ENGLISH)
    shown = [s.title.plain for s in deck.slides if s.title] + [s.kicker for s in deck.slides]
    shown += [item.text.plain for s in deck.slides for item in s.items]
    for secret in lesson.facilitator_texts():
        assert not any(secret.plain in text for text in shown), secret.plain
    # ... and every facilitator text is still in the deck, in some slide's notes, except the
    # check questions' answers and explanations, which the answer key and the guide print
    noted = [text for s in deck.slides for text in s.note_texts]
    taught = replace(lesson, check=None).facilitator_texts()
    assert sorted(map(str, noted)) == sorted(map(str, taught))


def test_planning_does_not_import_reportlab() -> None:
    code = "import sys, lessonpress.deck; sys.exit(any(m.startswith('reportlab') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0

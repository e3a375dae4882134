"""Word order of mixed-direction lines, as the Unicode bidi algorithm would display it."""

from __future__ import annotations

import pytest

from lessonpress.layout.bidi import (
    NBSP,
    base_is_rtl,
    glue_ltr_islands,
    rtl_visual,
    visual_order,
)


def shown(words: list[str], rtl: bool = True) -> list[str]:
    """The words from left to right on the line."""
    return [words[i] for i, _ in visual_order(words, rtl)]


def test_arabic_words_run_right_to_left() -> None:
    assert shown(["لا", "تشارك", "كلمة"]) == ["كلمة", "تشارك", "لا"]


def test_an_english_island_keeps_its_order_inside_arabic() -> None:
    words = ["احفظ", "في", "Google", "Drive", "منذ", "2024", "الآن"]
    assert shown(words) == ["الآن", "2024", "منذ", "Google", "Drive", "في", "احفظ"]


def test_a_number_after_english_words_joins_their_island() -> None:
    assert shown(["محادثات", "·", "CC", "BY", "4.0"]) == ["CC", "BY", "4.0", "·", "محادثات"]


def test_numbers_after_arabic_words_stay_separate() -> None:
    assert shown(["سن", "18", "20"]) == ["20", "18", "سن"]


def test_an_arabic_phrase_inside_english_is_reversed_as_a_unit() -> None:
    words = ["Report", "Remove", "(المملكة", "المتحدة)", "today"]
    assert shown(words, rtl=False) == ["Report", "Remove", "المتحدة)", "(المملكة", "today"]


def test_style_runs_are_reversed_only_inside_right_to_left_words() -> None:
    assert visual_order(["كلمة", "Google"], rtl=True) == [(1, False), (0, True)]


@pytest.mark.parametrize(
    ("word", "seen"),
    [
        ("1.", ".1"),
        ("(5", "5)"),
        ("Drive.", ".Drive"),
        ("(UKCIS 2024).", ".(UKCIS 2024)"),
        ("١٥،", "،١٥"),
        ("50%", "50%"),
        ("كلمة.", "كلمة."),
        ("takeitdown.ncmec.org/", "takeitdown.ncmec.org/"),
    ],
)
def test_edge_punctuation_takes_the_right_to_left_side(word: str, seen: str) -> None:
    assert rtl_visual(word) == seen


def test_short_islands_are_glued_long_ones_may_wrap() -> None:
    assert glue_ltr_islands("عبر Google Drive أو") == f"عبر Google{NBSP}Drive أو"
    long = "لـ For adults 18 and over whose intimate images"
    assert NBSP not in glue_ltr_islands(long)


def test_paragraph_direction_is_its_first_strong_letter() -> None:
    assert base_is_rtl("18 سنة", default=False)
    assert not base_is_rtl("Free help, من أي مكان", default=True)
    assert base_is_rtl("2024 · …", default=True)

"""The Unicode bidi algorithm, word by word: levels from python-bidi (with rule N0 added),
units, and display order by rule L2, checked on the sentences that went wrong on the page."""

from __future__ import annotations

import pytest

from lessonpress.layout.bidi import (
    NBSP,
    glue_spaces,
    levels,
    reorder,
    rtl_visual,
    units,
)


def display(text: str) -> str:
    """A one-line right-to-left paragraph as drawn, left to right (Arabic words as typed)."""
    text_levels = levels(text, rtl=True)
    pieces, piece_levels = [], []
    for unit in units(text, text_levels):
        pieces.append(unit.shown or text[unit.start : unit.end])
        piece_levels.append(unit.level)
        if unit.spaces:
            pieces.append(" ")
            piece_levels.append(unit.space)
    while pieces and pieces[-1] == " ":
        pieces.pop()
        piece_levels.pop()
    return "".join(pieces[i] for i in reorder(piece_levels, base=1))


def test_arabic_words_run_right_to_left() -> None:
    assert display("واحد اثنان ثلاثة") == "ثلاثة اثنان واحد"


def test_an_english_island_keeps_its_order_inside_arabic() -> None:
    assert display("استخدم Google Drive الآن") == "الآن Google Drive استخدم"


def test_the_base_direction_is_the_documents_not_the_first_letter() -> None:
    """An Arabic source title that starts with an English name still runs right to left."""
    assert display("FBI — تهديد الابتزاز") == "الابتزاز تهديد — FBI"


def test_brackets_are_paired_and_mirrored() -> None:
    # N0: the pair holds Arabic, so it takes the paragraph's direction and is mirrored
    assert display("تقرير (12 يناير 2024)") == "(2024 يناير 12) تقرير"
    # ... and around English at the start of a line it keeps the island's order
    assert display("(Google Drive) مرحبا") == "مرحبا (Google Drive)"


def test_a_label_comes_before_its_value_reading_right_to_left() -> None:
    """ "رسالة نصية:" (text message) is read first (rightmost), then "THORN to 741741"."""
    shown = display("رسالة نصية: THORN to 741741")
    assert shown.startswith("THORN to 741741")
    assert shown.index("THORN") < shown.index("نصية") < shown.index("رسالة")


def test_a_date_keeps_its_digits_in_order() -> None:
    """The Arabic pack cover: "1 ديسمبر 2026" reads 1, December, 2026 from the right."""
    shown = display("lessonpress · الإصدار 1.0 · 1 ديسمبر 2026")
    assert shown.startswith("2026 ديسمبر 1 ·")
    assert shown.endswith("· 1.0 الإصدار · lessonpress")


def test_punctuation_after_english_goes_to_the_reading_end() -> None:
    assert display("Free help (UK).") == ".Free help (UK)"


@pytest.mark.parametrize(("word", "seen"), [("1.", ".1"), ("(5", "5)"), ("10.", ".10")])
def test_markers_are_drawn_in_display_order(word: str, seen: str) -> None:
    assert rtl_visual(word) == seen


def test_reorder_follows_rule_l2() -> None:
    assert reorder([1, 1, 1], base=1) == [2, 1, 0]
    assert reorder([2, 2, 1, 2], base=1) == [3, 2, 0, 1]
    assert reorder([0, 0]) == [0, 1]


def test_short_islands_are_glued_long_ones_may_wrap() -> None:
    text = "عبر Google Drive أو"
    chars = list(text)
    for i in glue_spaces(text, levels(text, rtl=True)):
        chars[i] = NBSP
    assert "".join(chars) == f"عبر Google{NBSP}Drive أو"
    long = "نص " + " ".join(["word"] * 5) + " نص"
    assert glue_spaces(long, levels(long, rtl=True)) == []

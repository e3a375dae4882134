"""Glyph preflight: text a font cannot print is an error at its line, never a box or a gap."""

from __future__ import annotations

from pathlib import Path

from lessonpress.layout.fonts import missing_characters, register_family, unshapable_characters
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.project import LessonFile

from ..conftest import load_text

ARABIC = """language: ar
title: محادثات آمنة
objectives: [أن تشرح من يمكنه رؤية رسالة]
discussion_prompts:
  - من يمكنه رؤية صورة؟
key_takeaways:
  - تم ✅ كل شيء
"""


def test_an_arabic_lesson_with_an_emoji_names_the_character_font_and_place(tmp_path: Path) -> None:
    lesson, problems = load_text(tmp_path, ARABIC, "ar-lesson.yaml")
    assert lesson is None
    assert [p.format().splitlines()[0] for p in problems] == [
        "ar-lesson.yaml:7:5: error: cannot print U+2705 WHITE HEAVY CHECK MARK (✅) with font "
        "Almarai [font.missing-glyph]"
    ]


def test_a_translation_is_checked_with_its_own_fonts_in_its_own_file(tmp_path: Path) -> None:
    (tmp_path / "translations" / "th").mkdir(parents=True)
    (tmp_path / "chat.yaml").write_text(
        "title: Chat\nobjectives: [Learn]\ndiscussion_prompts: [Why?]\nkey_takeaways: [Done]\n",
        encoding="utf-8",
    )
    (tmp_path / "translations" / "th" / "chat.yaml").write_text(
        "language: th\ntitle: แชท\nkey_takeaways: [เสร็จ 📱]\n", encoding="utf-8"
    )
    checked = check_lesson_and_translations(LessonFile(tmp_path / "chat.yaml", "lessons/chat.yaml", "chat"))
    errors = [p.format().splitlines()[0] for p in checked.problems if p.is_error]
    assert errors == [
        "lessons/translations/th/chat.yaml:3:17: error: cannot print U+1F4F1 "
        "MOBILE PHONE (📱) with font Sarabun [font.missing-glyph]"
    ]


def test_shaping_is_the_judge_for_shaped_scripts(tmp_path: Path) -> None:
    """ऩ (U+0929) has no entry in Hind's character map, but HarfBuzz prints it as न + nukta:
    the cmap alone would refuse a correct Hindi lesson."""
    register_family("Hind")
    assert missing_characters("ऩ", "Hind") == ["ऩ"]
    assert unshapable_characters("ऩ", "Hind", False, False) == []
    hindi = (
        "language: hi\ntitle: सुरक्षित चैट\nobjectives: [समझाइए]\n"
        "discussion_prompts: [कौन देख सकता है?]\nkey_takeaways: [ऩ और ठीक]\n"
    )
    lesson, problems = load_text(tmp_path, hindi, "hi.yaml")
    assert lesson is not None, [p.format() for p in problems]


def test_harfbuzz_reports_what_the_font_lacks() -> None:
    register_family("Almarai")
    assert unshapable_characters("مرحبا ✅ Привет", "Almarai", True, False) == sorted("✅Привет")


def test_a_latin_lesson_names_each_text_its_fonts_cannot_print(tmp_path: Path) -> None:
    """Latin text is checked for all texts at once first; a miss is still reported text by
    text, in bold as in plain, at each text's own line."""
    text = (
        "title: Chat\nobjectives: [Learn **now** ✅]\ndiscussion_prompts: [Why?]\n"
        "key_takeaways: [Done 📱, All fine]\n"
    )
    lesson, problems = load_text(tmp_path, text, "en-lesson.yaml")
    assert lesson is None
    lines = [p.format().splitlines()[0] for p in problems]
    assert [line.split(": error: ")[0] for line in lines] == ["en-lesson.yaml:2:14", "en-lesson.yaml:4:17"]
    assert "U+2705" in lines[0] and "U+1F4F1" in lines[1]
    fine = "title: Chat\nobjectives: [Learn **now**]\ndiscussion_prompts: [Why?]\nkey_takeaways: [Done]\n"
    assert load_text(tmp_path, fine, "fine.yaml")[0] is not None

"""Handouts of the fixture translations, end to end: fonts per script, exact text for Latin
and Cyrillic, nothing lost or drawn as a missing glyph."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from lessonpress.labels import labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.layout.handout import Handout
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.model import Lesson
from lessonpress.project import LessonFile
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME

from ..conftest import FIXTURES, I18N_LESSONS, load, pdf_text, squash
from .complex_text import spy_on_shaping

FONTS = {
    "en": "LessonpressAtkinsonPlainZero",  # Atkinson Hyperlegible with a plain zero
    "uk": "FiraSans",
    "vi": "FiraSans",
    "ar": "Almarai",
    "hi": "Hind",
    "th": "Sarabun",
    "he": "Heebo",
    "km": "NotoSansKhmer",
}


def lessons() -> dict[str, Lesson]:
    path = I18N_LESSONS / "safe-chat.yaml"
    checked = check_lesson_and_translations(LessonFile(path, str(path), "safe-chat"))
    out = {lesson.language: lesson for lesson in checked.lessons}
    for name in ("hebrew", "khmer"):
        lesson = load(FIXTURES / "i18n" / "scripts" / f"{name}.yaml")
        out[lesson.language] = lesson
    return out


LESSONS = lessons()


def handout(lesson: Lesson) -> bytes:
    context = LayoutContext("a4", fonts_for([lesson], DEFAULT_THEME), labels_for(lesson.language))
    return render(Handout().layout(lesson, context))


def learner_texts(lesson: Lesson) -> list[str]:
    return [
        t.plain
        for t in (
            lesson.title,
            lesson.summary,
            *lesson.objectives,
            *(p.prompt for p in lesson.discussion_prompts),
            *lesson.key_takeaways,
        )
        if t
    ]


@pytest.mark.parametrize("language", ["uk", "vi", "es"])
def test_latin_and_cyrillic_copy_out_exactly(language: str) -> None:
    lesson = LESSONS[language]
    text = squash(pdf_text(handout(lesson)))
    for item in learner_texts(lesson):
        assert squash(item) in text, item


@pytest.mark.parametrize("language", sorted(FONTS))
def test_each_script_prints_with_its_font_family(language: str) -> None:
    reader = PdfReader(io.BytesIO(handout(LESSONS[language])))
    fonts = {
        str(f["/BaseFont"]).split("+")[-1].split("-")[0]
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert FONTS[language] in fonts


@pytest.mark.parametrize("language", ["ar", "hi", "th", "he", "km"])
def test_complex_scripts_draw_no_missing_glyph(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    glyphs = spy_on_shaping(monkeypatch)
    handout(LESSONS[language])
    assert glyphs and 0 not in glyphs

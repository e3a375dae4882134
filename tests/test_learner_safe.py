"""Learner outputs never carry facilitator-only text: the pack of handouts of every language,
and every learner format of the registry (PDF and HTML) for every shipped translation."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from lessonpress.build import BuildSettings, build
from lessonpress.formats import learner_formats, spec
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.project import LessonFile

from .conftest import LESSONS, SHIPPED, make_pdf, pdf_text, squash

# Every learner format made from one lesson, as the registry says (the pack is tested below).
LEARNER_FORMATS = tuple(
    name for name in learner_formats() if spec(name).inputs in ("lesson", "lesson+source")
)


def test_the_registry_names_the_learner_formats() -> None:
    assert {"handout", "slides", "slides-handout", "html"} <= set(LEARNER_FORMATS)
    assert not {"guide", "notes", "guide-html"} & set(LEARNER_FORMATS)


def output_text(lesson, fmt: str) -> str:  # noqa: ANN001
    """What a reader of the output sees: a PDF's text, or a web page's text without its tags."""
    if spec(fmt).suffix == ".html":
        from .html.pages import render

        page = render(lesson, fmt)
        return unescape(re.sub(r"<[^>]*>", " ", page[page.index("<body") :]))
    return pdf_text(make_pdf(lesson, fmt))


def sentences(text: str) -> list[str]:
    """Sentences long enough that finding one in an output cannot be a coincidence."""
    return [s for s in re.split(r"(?<=[.!?।؟])\s+", text) if len(s) >= 25]


def translated_lessons() -> list:
    out = []
    for path in SHIPPED:
        checked = check_lesson_and_translations(LessonFile(path, str(path), path.stem))
        out += [lesson for lesson in checked.lessons if lesson.language != "en"]
    return out


TRANSLATED = translated_lessons()


def test_shipped_translations_exist() -> None:
    assert {lesson.language for lesson in TRANSLATED} == {"es", "ar", "hi"}


@pytest.mark.parametrize(
    "lesson",
    [t for t in TRANSLATED if t.language == "es"],
    ids=lambda lesson: f"{lesson.language}-{lesson.lesson_id}",
)
@pytest.mark.parametrize("fmt", LEARNER_FORMATS)
def test_translated_learner_outputs_have_no_facilitator_sentence(lesson, fmt: str) -> None:  # noqa: ANN001
    text = squash(output_text(lesson, fmt))
    assert squash(lesson.objectives[0].plain) in text  # the check can see the text
    for hidden in lesson.facilitator_texts():
        for sentence in sentences(hidden.plain):
            assert squash(sentence) not in text, f"{fmt}: {sentence!r} leaked"


def test_every_languages_pack_of_handouts_has_no_facilitator_sentence(tmp_path: Path) -> None:
    result = build(
        BuildSettings(
            paths=(str(LESSONS),),
            out_dir=tmp_path,
            formats=("pack",),
            jobs=2,
            today="2026-11-28",
            locales=("es",),
        )
    )
    assert result.ok and {p.parent.name for p in result.written} == {"en", "es"}
    lessons = {lesson.language: [] for lesson in TRANSLATED} | {"en": []}
    for path in SHIPPED:
        checked = check_lesson_and_translations(LessonFile(path, str(path), path.stem))
        for lesson in checked.lessons:
            lessons[lesson.language].append(lesson)
    for pdf in result.written:
        reader = PdfReader(pdf)
        text = squash(" ".join(page.extract_text() or "" for page in reader.pages))
        for lesson in lessons[pdf.parent.name]:
            assert squash(lesson.title.plain) in text
            for hidden in lesson.facilitator_texts():
                for sentence in sentences(hidden.plain):
                    assert squash(sentence) not in text, f"{pdf.parent.name}: {sentence!r} leaked"

"""Property tests: any valid lesson builds; any bytes give a clean error, never an exception."""

from __future__ import annotations

import os
import unicodedata

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonpress.errors import LessonError
from lessonpress.validate import validate_lesson
from lessonpress.yamlio import load_yaml

from .conftest import make_pdf, pdf_text, squash

# CI runs a bounded number of examples; LESSONPRESS_FUZZ=1 runs many more.
MANY = 2000 if os.environ.get("LESSONPRESS_FUZZ") else 150
FEW = 300 if os.environ.get("LESSONPRESS_FUZZ") else 20

# Characters the default font can print: Latin-1 letters, digits, punctuation, typographic quotes.
PRINTABLE = st.characters(
    min_codepoint=0x20, max_codepoint=0xFF, blacklist_categories=("Cc",)
) | st.sampled_from("“”‘’–—…•")
TEXT = st.text(PRINTABLE, min_size=1, max_size=60).filter(
    lambda s: any(not c.isspace() and unicodedata.category(c) != "Cf" for c in s)
)


@settings(max_examples=MANY, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_lesson_or_a_lesson_error(raw: bytes) -> None:
    try:
        document = load_yaml(raw, "fuzz.yaml")
    except LessonError as problem:
        assert problem.line >= 1
        return
    validate_lesson(document, "fuzz")


@settings(max_examples=MANY, deadline=None)
@given(st.text(st.sampled_from("ab:-[]{}'\"!&*#|>?,\n \t%@`"), max_size=80))
def test_any_yaml_like_text_gives_a_lesson_or_a_lesson_error(text: str) -> None:
    try:
        document = load_yaml(text.encode(), "fuzz.yaml")
    except LessonError:
        return
    validate_lesson(document, "fuzz")


lessons = st.fixed_dictionaries(
    {
        "title": TEXT,
        "objectives": st.lists(TEXT, min_size=1, max_size=5),
        "discussion_prompts": st.lists(TEXT, min_size=1, max_size=4),
        "key_takeaways": st.lists(TEXT, min_size=1, max_size=4),
    },
    optional={"summary": TEXT, "warning_signs": st.lists(TEXT, min_size=1, max_size=3)},
)


@settings(max_examples=FEW, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lessons)
def test_any_valid_lesson_builds_a_handout_with_its_text(data: dict) -> None:
    raw = yaml.safe_dump(data, allow_unicode=True).encode()
    lesson, problems = validate_lesson(load_yaml(raw, "gen.yaml"), "gen")
    if lesson is None:  # inline syntax may make a generated text an invalid link: fine
        assert all(p.code == "markup.link" for p in problems)
        return
    text = squash(pdf_text(make_pdf(lesson)))
    for objective in lesson.objectives:
        assert squash(objective.plain) in text

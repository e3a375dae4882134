"""The published JSON Schema matches the model and accepts exactly the lessons the validator does."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from lessonpress.schema import lesson_schema, schema_json

from .conftest import CORPUS_FILES, GOOD, ROOT, SHIPPED


def test_published_schema_is_up_to_date() -> None:
    published = (ROOT / "docs" / "lesson.schema.json").read_text(encoding="utf-8")
    assert published == schema_json(), "run: lessonpress schema > docs/lesson.schema.json"


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(lesson_schema())


@pytest.mark.parametrize(
    "path", [GOOD / "full.yaml", GOOD / "minimal.yaml", *SHIPPED, *CORPUS_FILES], ids=lambda p: p.stem
)
def test_valid_lessons_match_the_schema(path) -> None:  # noqa: ANN001
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, lesson_schema())


def test_schema_rejects_unknown_keys() -> None:
    data = {
        "title": "x",
        "objectives": ["a"],
        "discussion_prompts": ["b"],
        "key_takeaways": ["c"],
        "titel": "typo",
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, lesson_schema())
    assert json.loads(schema_json())["additionalProperties"] is False

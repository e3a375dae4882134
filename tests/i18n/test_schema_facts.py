"""Schema facts live in model.py alone: a new field flows to the translator's tools by itself.

Issue 12: i18n/fields.py kept facilitator-only fields, item names and untranslated keys in hand
lists beside the model; a field added to the model was silently mislabelled for translators.
"""

from __future__ import annotations

import dataclasses

from lessonpress.i18n import files
from lessonpress.i18n.catalog import comment_of
from lessonpress.i18n.documents import Document
from lessonpress.i18n.fields import text_fields
from lessonpress.i18n.status import StringStatus
from lessonpress.model import Lesson, Texts, doc
from lessonpress.validate import Converter
from lessonpress.yamlio import load_yaml

from ..conftest import make_pdf, pdf_text, squash

# A lesson model with one more facilitator-only field, as a contributor would add it to Lesson.
Extended = dataclasses.make_dataclass(
    "Extended",
    [
        (
            "mentor_tips",
            Texts,
            doc("Tips for a co-facilitator; facilitator only.", facilitator=True, default=()),
        )
    ],
    bases=(Lesson,),
    frozen=True,
)
SOURCE = """\
title: Safe chats
objectives: [Explain who can see a message.]
discussion_prompts: [Who can see a photo you send to a group?]
key_takeaways: [Anything shared can be forwarded.]
mentor_tips:
  - Sit near the door so that anyone who needs a break can leave quietly.
"""
TIP = "Sit near the door so that anyone who needs a break can leave quietly."


def test_a_new_facilitator_field_is_labelled_for_translators() -> None:
    data = load_yaml(SOURCE.encode(), "x.yaml").data
    (tip,) = [f for f in text_fields(data, Extended) if f.key == "mentor_tips"]
    assert tip.context == "mentor_tips[1]" and tip.facilitator_only
    document = Document("x", None, "x.yaml", data, Extended)
    assert "(facilitator guide and notes pages only)" in comment_of(StringStatus(tip, "missing"), document)
    skeleton = files.skeleton(Extended, data, "x.yaml", "es", "Español")
    assert f'mentor_tips:\n  # {TIP}\n  - ""\n' in skeleton


def test_a_new_facilitator_field_is_kept_off_learner_outputs() -> None:
    document = load_yaml(SOURCE.encode(), "x.yaml")
    lesson = Converter(document).root(Extended)
    assert lesson is not None and lesson.mentor_tips[0].plain == TIP
    assert TIP in [t.plain for t in lesson.facilitator_texts()]
    assert TIP not in [t.plain for t in lesson.learner_texts()]
    handout = squash(pdf_text(make_pdf(lesson, "handout")))
    assert squash("Explain who can see a message.") in handout and squash(TIP) not in handout


def test_a_field_marked_translate_false_is_left_to_the_source() -> None:
    Pinned = dataclasses.make_dataclass(
        "Pinned",
        [("course_code", Texts, doc("Code of the course.", default=(), translate=False))],
        bases=(Lesson,),
        frozen=True,
    )
    data = {"title": "T", "course_code": ["SO-101"]}
    assert [f.context for f in text_fields(data, Pinned)] == ["title"]
    assert "course_code" not in files.skeleton(Pinned, data, "x.yaml", "es", "Español")

"""Write a new lesson file that a teacher can fill in: every field shown, each explained.

Its texts are neutral placeholders, in quotes (so that ': ' or '#' typed over them stay text);
`placeholder_warning` tells a build which of them are still in a lesson.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from .errors import LessonError, SourceLocation
from .yamltraps import quoted

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")

SKELETON = """\
{schema}# A lessonpress lesson. Build it with:  lessonpress build {path}
# Replace each text in quotes with your own: the build warns about any left as it is here.
# Text may use **bold**, *italic*, `code` and [a link](https://example.org); everything else
# prints exactly as typed. Lines starting with # are comments. Delete what you do not need.
# Write text between the double quotes: there, ': ', '#', '*' or '@' are just text. A double
# quote inside the text is written \\" ; a long text can go on the next lines, indented.

title: {title}
subtitle: "A line under the title"
audience: "Who the lesson is for, e.g. Year 8"
age_range: "12-13"
duration_minutes: 45
language: en           # with a country (en-US, en-GB) it also chooses the paper: Letter or A4
summary: >-
  Two or three sentences that tell learners what this session is about.

objectives:            # what learners will be able to do
  - "Explain ..."
  - "Name ..."

vocabulary:            # words to know (optional)
  - term: "A word"
    definition: "What it means, in plain words."

discussion_prompts:    # questions; `notes` and `follow_ups` are for the facilitator only
  - prompt: "A question for the group to talk about?"
    notes: "What to listen for, and how to steer the discussion."
    follow_ups:
      - "Another question to ask if the group is quiet."
  - "A prompt can also be a single line of text."

activities:            # optional
  - title: "An activity"
    minutes: 10
    steps:
      - "The first step."
      - "The next step."
    notes: "How to run it (facilitator only)."

warning_signs:         # optional; printed as a checklist with boxes
  - "Something to look out for."

key_takeaways:
  - "The one thing to remember."

resources:             # optional; each web address gets a QR code
  - name: "Name of a website or service"
    url: "https://example.org"
    description: "Who it is for and what it does."

check:                 # optional: questions for the exit ticket, quiz and answer key
  questions:           # answers and explanations are for the facilitator only
    - id: first-question
      type: choice     # choice, true_false, short_answer, order or match
      question: Which of these ...?
      options:
        - A wrong answer.
        - text: The right answer.
          correct: true
      explanation: Why it is right (printed on the answer key only).
      tag: objective 1 # the objective it checks, counting from 1
    - id: second-question
      type: true_false
      question: A statement that is true or false.
      answer: false

facilitator_notes:     # facilitator only
  - "Anything the person leading the session should know."

sources:
  - title: "Where a fact comes from"
    url: "https://example.org"

version: "1.0"
authors: ["Your name"]
license: "CC BY 4.0"
"""
# Top-level keys whose skeleton value may well be kept; every other text is a placeholder.
_KEPT = {"title", "age_range", "language", "version", "license"}
# Keys whose values are codes, not prose (a question's id, type and objective tag): a finished
# lesson uses the same words (`type: choice`), so they are never placeholders.
_CODES = {"id", "type", "tag"}
SCHEMA_FILES = ("lesson.schema.json", "docs/lesson.schema.json")  # in the project, first found


def _texts(value: object, at: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text of a lesson's data with its path, except those of `_KEPT` keys."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not (not at and key in _KEPT) and key not in _CODES:
                yield from _texts(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*at, index))
    elif isinstance(value, str):
        yield at, value


@cache
def placeholders() -> frozenset[str]:
    """The placeholder texts of the skeleton (read from it, so the two never disagree)."""
    import yaml

    data = yaml.safe_load(SKELETON.format(schema="", path="x.yaml", title="x"))
    return frozenset(text for _, text in _texts(data))


def _schema_line(folder: Path) -> str:
    """The editor's schema comment, as a path relative to the lesson (works offline), if the
    project has the schema; else how to get it."""
    for name in SCHEMA_FILES:
        if Path(name).is_file():
            relative = os.path.relpath(name, folder).replace(os.sep, "/")
            return f"# yaml-language-server: $schema={relative}\n"
    return "# Editors check a lesson as you type with `lessonpress schema > lesson.schema.json`.\n"


def write_skeleton(folder: Path, lesson_id: str) -> Path:
    """Create `folder/<lesson_id>.yaml` from the skeleton; refuse to overwrite anything."""
    if not _ID.fullmatch(lesson_id):
        raise LessonError(
            f"'{lesson_id}' cannot be a lesson id",
            code="new.bad-id",
            hint="use lowercase letters, digits and hyphens, e.g. online-safety-1",
        )
    path = folder / f"{lesson_id}.yaml"
    title = lesson_id.replace("-", " ").capitalize()
    text = SKELETON.format(schema=_schema_line(folder), path=path.as_posix(), title=quoted(title))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise LessonError(
            "file already exists; not overwriting it",
            code="new.exists",
            location=SourceLocation(str(path)),
            hint="choose another lesson id, or delete the file first",
        ) from None
    except OSError as exc:
        raise LessonError(
            f"cannot create the file: {exc.strerror or exc}",
            code="new.write",
            location=SourceLocation(str(path)),
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def placeholder_warning(document) -> list[LessonError]:  # noqa: ANN001 - a yamlio.Document
    """One warning when a lesson still holds texts of the skeleton, at the first of them."""
    texts = placeholders()
    left = [(at, text) for at, text in _texts(document.data) if text in texts]
    if not left:
        return []
    first_at, first = left[0]
    count = len(left)
    return [
        LessonError(
            f"{count} placeholder text{'s' * (count != 1)} from `lessonpress new` "
            f"{'are' if count != 1 else 'is'} still here, e.g. '{first}'",
            code="lesson.placeholder",
            severity="warning",
            location=document.where(first_at),
            hint="replace each with your own text, or delete the lines you do not need",
        )
    ]

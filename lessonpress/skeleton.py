"""Write a new lesson file that a teacher can fill in: every field shown, each explained."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import LessonError, SourceLocation
from .yamltraps import quoted

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")

SKELETON = """\
# yaml-language-server: $schema=https://raw.githubusercontent.com/lessonpress/lessonpress/main/docs/lesson.schema.json
# A lessonpress lesson. Build it with:  lessonpress build {path}
# Text may use **bold**, *italic*, `code` and [a link](https://example.org); everything else
# prints exactly as typed. Lines starting with # are comments. Delete what you do not need.
# Write text between the double quotes: there, ': ', '#', '*' or '@' are just text. A double
# quote inside the text is written \\" ; a long text can go on the next lines, indented.

title: {title}
subtitle: "A line under the title"
audience: "Teens (13–17)"
age_range: "13-17"
duration_minutes: 45
language: en
summary: >-
  Two or three sentences that tell learners what this session is about.

objectives:            # what learners will be able to do
  - "Explain ..."
  - "Recognise ..."

vocabulary:            # words to know (optional)
  - term: "Word"
    definition: "What it means, in plain words."

discussion_prompts:    # questions; `notes` and `follow_ups` are for the facilitator only
  - prompt: "What would you do if ...?"
    notes: "What to listen for, and how to steer the discussion."
    follow_ups:
      - "Another question to ask if the group is quiet."
  - "A prompt can also be a single line of text."

activities:            # optional
  - title: "Scenario"
    minutes: 10
    steps:
      - "Read the scenario together."
      - "Discuss in pairs what the person could do next."
    notes: "How to run it (facilitator only)."

warning_signs:         # optional; printed as a checklist
  - "Someone asks you to keep your chats secret."

key_takeaways:
  - "The one thing to remember."

resources:             # optional; each web address gets a QR code
  - name: "Name of a service"
    url: "https://example.org"
    description: "Who it is for and what it does."

facilitator_notes:     # facilitator only
  - "Anything the person leading the session should know."

sources:
  - title: "Where a fact comes from"
    url: "https://example.org/source"

version: "1.0"
authors: ["Your name"]
license: "CC BY 4.0"
"""


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
    text = SKELETON.format(path=path.as_posix(), title=quoted(title))
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

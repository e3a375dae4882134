"""The project's interface labels as a translator's document: `translations/<locale>/labels.po`.

`i18n labels` writes it with every label, the translation in use (the project's, else
lessonpress's own) and a note on where each label prints; `status` counts its strings like a
document's; `export` puts them in the catalog under the id `labels`; `import` writes them back
into the project's file, all or nothing with the other files; `sync` records that the
translations match the current English. A label whose English changed since its translation
was made is stale: marked fuzzy, with the old English, as gettext tools expect.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LessonError, SourceLocation
from ..labels import (
    DRAFT_HEADER,
    ENGLISH_TEXTS,
    PLACEHOLDER,
    PROJECT_CATALOG,
    keeps_placeholders,
    package_catalog,
    read_labels,
    wanted,
)
from .fields import TextField
from .status import DocumentStatus, StringStatus

if TYPE_CHECKING:
    from .catalog import Entry

LABELS_ID = "labels"
PRINTED = "printed by lessonpress on every output in this language"

# Where each label prints, for the translator (a label not listed gets PRINTED).
NOTES = {
    "objectives": "Handout heading above the lesson's objectives.",
    "vocabulary": "Handout heading above the glossary of words.",
    "discussion": "Handout heading above the discussion questions.",
    "activities": "Handout heading above the activities.",
    "activity": "Word before an activity's number on slides, e.g. 'Activity 2'.",
    "warning_signs": "Handout heading above the checklist of warning signs.",
    "warning_signs_intro": "Line under the warning-signs heading, telling learners to tick boxes.",
    "key_takeaways": "Heading of the box with the lesson's key points.",
    "resources": "Heading above helplines and other services.",
    "sources": "Heading above the list of sources at the end of a handout.",
    "helplines_for": "Heading of the helplines of a country; {region} is the country's name.",
    "international": "Stands for {region} when the helplines work in every country.",
    "get_help": "Heading of the help panel on every learner output: where to call or text for help.",
    "more_help": "Title of the second help slide: where to report, and more services.",
    "local_helpline": "Title of the box to write the local helpline in, when the region is not known.",
    "local_intro": "Line in that box, asking the learner to write the numbers in.",
    "child_helpline": "Label before a line to write the child helpline's number on.",
    "emergency_number": "Label before a line to write the emergency number on.",
    "number_116111": "Note in the write-in box; keep the number 116 111 as it is.",
    "help_pointer": "A course pack lesson's pointer to the helpline directory; the page number follows.",
    "help_now": "Foot of every learner page; {help} is the helpline's and emergency numbers.",
    "help_write_in": "Foot of every learner page when the region is not known; 'Get help' is the "
    "help panel's heading.",
    "hours": "Before a helpline's opening hours, e.g. 'Open: 24/7'. Add the punctuation your "
    "language uses after a label.",
    "audience": "Under the title, before who the lesson is for, e.g. 'For: Teens'.",
    "ages": "Under the title, before the age range, e.g. 'Ages: 13-17'.",
    "minutes": "Length of the lesson; {n} is a number.",
    "minutes_short": "Short length on slides and run sheets; {n} is a number.",
    "page_of": "Footer: 'Page 1 of' is followed by the number of pages; {n} is this page.",
    "phone": "Before a phone number: a verb, 'Call 116 111'.",
    "text": "Before a number to send a text message to.",
    "web": "Before a web address.",
    "handout": "Footer: the kind of document.",
    "draft_notice": "Printed on every page of a translation not yet reviewed by a native speaker.",
    "continued": "Title of a slide that continues the one before; {title} is its title.",
    "question_of": "Slide label; {n} is the question's number and {m} how many there are.",
    "over_time": "Warning in the guide; {n} and {m} are numbers of minutes.",
    "version": "On the course pack's cover; {v} is the version number.",
}


@dataclass(frozen=True)
class LabelEdit:
    """The project's labels.po as it will be after an import."""

    path: Path
    shown: str
    text: str
    changed: int


def label_file(translations: Path, locale: str) -> Path:
    """Where a project's labels for `locale` live."""
    return translations / locale / PROJECT_CATALOG


def label_status(
    translations: Path, shown_root: str, locale: str
) -> tuple[DocumentStatus, list[LessonError]]:
    """Every label of a locale: translated (by the project or lessonpress), missing or stale."""
    path = label_file(translations, locale)
    shown = str(Path(shown_root) / locale / PROJECT_CATALOG)
    own, problems = _own(path, shown)
    package = package_catalog(locale)
    theirs = dataclasses.asdict(package.labels) if package.missing is not None else {}
    strings = []
    for key, english in ENGLISH_TEXTS.items():
        field = TextField(key, (key,), english)
        if key in own:
            made_from, text, _ = own[key]
            state = "stale" if made_from != english else "translated"
            strings.append(StringStatus(field, state, text, made_from if state == "stale" else None))
        elif key in theirs and key not in (package.missing or ()):
            strings.append(StringStatus(field, "translated", theirs[key]))
        else:
            strings.append(StringStatus(field, "missing"))
    return DocumentStatus(LABELS_ID, locale, shown if path.is_file() else None, tuple(strings)), problems


def _own(path: Path, shown: str) -> tuple[dict[str, tuple[str, str, int]], list[LessonError]]:
    if not path.is_file():
        return {}, []
    entries, problems, _ = read_labels(path, shown)
    return entries, problems


def note(key: str) -> str:
    """The translator's note of a label: where it prints, and its placeholders."""
    text = NOTES.get(key, PRINTED[:1].upper() + PRINTED[1:] + ".")
    if PLACEHOLDER.search(ENGLISH_TEXTS[key]):
        text += " Keep every {placeholder} as it is; put words and punctuation around it in your order."
    return text


def labels_po(status: DocumentStatus, locale: str, draft: bool = False) -> str:
    """The project's labels.po: every label with its note, the translation in use, stale ones
    fuzzy with the English they were made from."""
    out = [
        f"# Interface labels of lessonpress in '{locale}' for this project: headings, footers, slide",
        "# labels. A translation here replaces lessonpress's own; an empty one prints lessonpress's",
        "# (or the English). Punctuation after a label is part of its translation.",
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: lessonpress labels\\n"',
        f'"Language: {_escape(locale)}\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        '"X-Generator: lessonpress\\n"',
    ]
    if draft:
        out.append(f'"{DRAFT_HEADER}: draft\\n"')
    out.append("")
    for item in status.strings:
        out.append(f"#. {note(item.field.context)}")
        if item.state == "stale":
            out += ["#, fuzzy", f'#| msgid "{_escape(item.old_source or "")}"']
        out += [
            f'msgctxt "{_escape(item.field.context)}"',
            f'msgid "{_escape(item.field.text)}"',
            f'msgstr "{_escape(item.translation or "")}"',
            "",
        ]
    return "\n".join(out)


def synced(status: DocumentStatus) -> DocumentStatus:
    """The status once every translation is recorded as made from the current English."""
    return DocumentStatus(
        status.doc_id,
        status.locale,
        status.file,
        tuple(
            StringStatus(s.field, "translated", s.translation) if s.state == "stale" else s
            for s in status.strings
        ),
    )


def plan_label_import(
    entries: list[Entry], translations: Path, shown_root: str, locale: str, catalog: str
) -> tuple[LabelEdit | None, list[LessonError]]:
    """The project's labels.po with a catalog's `labels:` entries written in; every problem at
    its catalog line. Nothing is written here."""
    status, problems = label_status(translations, shown_root, locale)
    current = {s.field.context: s for s in status.strings}
    changed: dict[str, str] = {}
    for entry in entries:
        where = SourceLocation(catalog, entry.line, 1)
        text = entry.translation.strip()
        if entry.context not in current:
            problems.append(
                LessonError(
                    f"lessonpress has no label '{entry.context}'",
                    code="catalog.context",
                    location=where,
                    hint="the labels changed since export; export again",
                )
            )
        elif text and not keeps_placeholders(entry.context, text):
            problems.append(
                LessonError(
                    f"the translation of the label '{entry.context}' must keep {wanted(entry.context)}",
                    code="catalog.placeholder",
                    location=where,
                )
            )
        elif text and text != (current[entry.context].translation or ""):
            changed[entry.context] = text
    if not changed:
        return None, problems
    strings = tuple(
        StringStatus(s.field, "translated", changed[s.field.context]) if s.field.context in changed else s
        for s in status.strings
    )
    path = label_file(translations, locale)
    text = labels_po(DocumentStatus(LABELS_ID, locale, status.file, strings), locale)
    return LabelEdit(path, str(Path(shown_root) / locale / PROJECT_CATALOG), text, len(changed)), problems


def _escape(text: str) -> str:
    return re.sub(
        r'[\\"\n\t\r]', lambda m: {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(m[0], "\\" + m[0]), text
    )

"""The words lessonpress itself prints on a page ("What we will learn", "Page 1 of 2").

English is written here; every other language comes from a gettext catalog,
`lessonpress/locales/<language>.po`, with the field name as context and the English as msgid.
A label a catalog lacks (or translates with the wrong `{placeholders}`) prints in English, and
the build says so. `lessonpress i18n labels --locale xx` writes a catalog to start from.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATALOGS = Path(__file__).parent / "locales"
_PLACEHOLDER = re.compile(r"{\w*}")


@dataclass(frozen=True)
class Labels:
    """Interface strings for one language."""

    objectives: str = "What we will learn"
    vocabulary: str = "Words to know"
    discussion: str = "Let’s talk about it"
    activities: str = "Activities"
    activity: str = "Activity"
    warning_signs: str = "Warning signs"
    warning_signs_intro: str = "Tick any you have noticed."
    key_takeaways: str = "Key takeaways"
    resources: str = "Help and resources"
    sources: str = "Sources"
    helplines_for: str = "Helplines: {region}"
    international: str = "anywhere in the world"
    get_help: str = "Get help"
    more_help: str = "More help"
    local_helpline: str = "Your local helpline"
    local_intro: str = "Write in the numbers for where you live, so they are here when you need them."
    child_helpline: str = "Child helpline"
    emergency_number: str = "Emergency number"
    number_116111: str = (
        "116 111 is the number reserved for child helplines in the European Union, "
        "and other countries have been asked to use it too, but it does not work "
        "everywhere: check it where you live."
    )
    help_pointer: str = "Get help: helplines and services are listed on page"
    help_now: str = "Need help now? {help}"
    help_write_in: str = "Need help now? Write your local helpline in the Get help box."
    hours: str = "Open"
    audience: str = "For"
    ages: str = "Ages"
    minutes: str = "{n} minutes"
    minutes_short: str = "{n} min"
    page_of: str = "Page {n} of"
    phone: str = "Call"
    text: str = "Text"
    web: str = "Web"
    handout: str = "Handout"
    draft_notice: str = "Draft translation — not yet reviewed"
    # slides, notes pages, slides handout
    slides: str = "Slides"
    continued: str = "{title} (continued)"
    question_of: str = "Question {n} of {m}"
    notes_pages: str = "Notes pages"
    facilitator_notes: str = "Facilitator notes"
    follow_ups: str = "Follow-up questions"
    no_notes: str = "No notes for this slide."
    notes_lines: str = "Notes"
    slides_handout: str = "Slides handout"
    # facilitator guide
    guide: str = "Facilitator guide"
    at_a_glance: str = "At a glance"
    audience_label: str = "Audience"
    duration: str = "Duration"
    materials: str = "Materials"
    objectives_short: str = "Objectives"
    run_sheet: str = "Run sheet"
    start: str = "Start"
    segment: str = "Segment"
    minutes_label: str = "Minutes"
    welcome: str = "Welcome and objectives"
    discussion_segment: str = "Discussion"
    wrap_up: str = "Wrap-up and key takeaways"
    total: str = "Total"
    over_time: str = "The activities add up to {n} minutes, more than the {m}-minute session."
    prompts_with_notes: str = "Discussion prompts and notes"
    activities_steps: str = "Activities step by step"
    safeguarding: str = "Safeguarding"
    sources_links: str = "Sources"
    # course pack
    pack: str = "Course pack"
    binder: str = "Facilitator binder"
    contents: str = "Contents"
    version: str = "Version {v}"
    other_lessons: str = "More lessons"


ENGLISH = Labels()


@dataclass(frozen=True)
class Catalog:
    """A language's labels, and which ones fell back to English (None: no catalog at all)."""

    labels: Labels
    missing: tuple[str, ...] | None
    path: Path | None = None


def labels_for(language: str) -> Labels:
    """The labels of a language (English where it has no translation)."""
    return catalog_for(language).labels


@cache
def catalog_for(language: str) -> Catalog:
    """Labels for `pt-BR` from pt-BR.po, else pt.po, else English."""
    if language.split("-")[0] == "en":
        return Catalog(ENGLISH, ())
    for tag in (language, language.split("-")[0]):
        path = CATALOGS / f"{tag}.po"
        if path.is_file():
            return _load(path)
    return Catalog(ENGLISH, None)


def _load(path: Path) -> Catalog:
    import polib

    english = dataclasses.asdict(ENGLISH)
    found = {
        e.msgctxt: e.msgstr
        for e in polib.pofile(str(path))
        if e.msgctxt in english and e.msgstr and "fuzzy" not in e.flags
    }
    usable = {
        k: v
        for k, v in found.items()
        if sorted(_PLACEHOLDER.findall(v)) == sorted(_PLACEHOLDER.findall(english[k]))
    }
    missing = tuple(k for k in english if k not in usable)
    return Catalog(dataclasses.replace(ENGLISH, **usable), missing, path)


def template(language: str) -> str:
    """A PO catalog for `language` with every label, its English text and any translation."""
    import polib

    current = dataclasses.asdict(catalog_for(language).labels)
    english = dataclasses.asdict(ENGLISH)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "lessonpress",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for key, text in english.items():
        translated = current[key] if current[key] != text else ""
        comment = "Keep {placeholders} as they are." if _PLACEHOLDER.search(text) else ""
        po.append(polib.POEntry(msgctxt=key, msgid=text, msgstr=translated, comment=comment))
    return str(po)

"""The words lessonpress itself prints on a page ("What we will learn", "Page 1 of 2").

They are kept apart from layout code so that each language can supply its own; English is the
built-in fallback.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    find_helpline: str = ("Outside these countries? Child Helpline International lists the child "
                          "helpline of every country.")
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


def labels_for(language: str) -> Labels:
    """Labels for a language; English until translated catalogs exist."""
    return ENGLISH

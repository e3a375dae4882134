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
    audience: str = "For"
    ages: str = "Ages"
    minutes: str = "{n} minutes"
    minutes_short: str = "{n} min"
    page_of: str = "Page {n} of"
    phone: str = "Call"
    text: str = "Text"
    web: str = "Web"
    handout: str = "Handout"


ENGLISH = Labels()


def labels_for(language: str) -> Labels:
    """Labels for a language; English until translated catalogs exist."""
    return ENGLISH

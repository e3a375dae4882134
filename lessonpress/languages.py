"""Languages by name: how a language calls itself ("Español", "العربية", "हिन्दी")."""

from __future__ import annotations

from functools import cache


@cache
def language_name(language: str) -> str:
    """A language's name in its own language and script, capitalised; the tag when unknown."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(language.replace("-", "_")).get_display_name() or language
    except (ValueError, UnknownLocaleError):
        return language
    return name[:1].upper() + name[1:]

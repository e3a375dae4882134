"""Languages: tags checked and normalised (BCP 47), and how a language calls itself."""

from __future__ import annotations

import re
from functools import cache

_BCP47 = re.compile(
    r"(?P<lang>[A-Za-z]{2,3})(-(?P<script>[A-Za-z]{4}))?(-(?P<region>[A-Za-z]{2}|\d{3}))?"
    r"(-([A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*"
)


# Babel's names (CLDR) of the languages lessonpress ships labels or fixtures for, so that a build
# in one of them need not load Babel's locale data (50-80 ms on a cold start, for the catalog
# page's language headings). tests/test_languages.py checks each against Babel.
OWN_NAMES = {
    "ar": "العربية",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "he": "עברית",
    "hi": "हिन्दी",
    "km": "ខ្មែរ",
    "pt-BR": "Português (Brasil)",
    "sw": "Kiswahili",
    "th": "ไทย",
    "uk": "Українська",
    "vi": "Tiếng Việt",
}


@cache
def language_name(language: str) -> str:
    """A language's name in its own language and script, capitalised; the tag when unknown."""
    if language in OWN_NAMES:
        return OWN_NAMES[language]
    return _babel_name(language)


def _babel_name(language: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(language.replace("-", "_")).get_display_name() or language
    except (ValueError, UnknownLocaleError):
        return language
    return name[:1].upper() + name[1:]


def normalise_language(tag: str) -> str | None:
    """`pt-br` -> `pt-BR`, and `pt_BR` (as locales are written on Linux) too; None when the
    text is not a BCP 47 language tag."""
    tag = tag.replace("_", "-")
    m = _BCP47.fullmatch(tag)
    if not m:
        return None
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)

"""What a language needs on paper: its writing system's fonts, direction, shaping and line breaks.

Latin, Cyrillic and Greek text prints with plain ReportLab paragraphs; Arabic, Hebrew and the
Indic scripts need HarfBuzz shaping; Arabic and Hebrew run right to left; Thai and Khmer have no
spaces between words and need a dictionary to find line breaks (I18N.md §1). `layout/text.py`
turns a Script into paragraph styles.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Script:
    """A writing system: candidate font families (first that covers the text wins) and needs."""

    name: str
    families: tuple[str, ...]
    rtl: bool = False  # right to left: mirrored pages
    shaping: bool = False  # HarfBuzz shaping (joined letters, conjuncts, marks)
    segmentation: str = ""  # ICU locale whose dictionary finds the breaks between words


LATIN = Script("Latin", ("Atkinson", "Fira"))
CYRILLIC = Script("Cyrillic", ("Fira",))
GREEK = Script("Greek", ("Fira",))
ARABIC = Script("Arabic", ("Almarai",), rtl=True, shaping=True)
DEVANAGARI = Script("Devanagari", ("Hind",), shaping=True)
HEBREW = Script("Hebrew", ("Heebo",), rtl=True, shaping=True)
THAI = Script("Thai", ("Sarabun",), shaping=True, segmentation="th")
KHMER = Script("Khmer", ("NotoKhmer",), shaping=True, segmentation="km")

_BY_LANGUAGE = {
    "ar": ARABIC,
    "fa": ARABIC,
    "ur": ARABIC,
    "ps": ARABIC,
    "hi": DEVANAGARI,
    "mr": DEVANAGARI,
    "ne": DEVANAGARI,
    "he": HEBREW,
    "iw": HEBREW,
    "yi": HEBREW,
    "th": THAI,
    "km": KHMER,
    "ru": CYRILLIC,
    "uk": CYRILLIC,
    "bg": CYRILLIC,
    "be": CYRILLIC,
    "mk": CYRILLIC,
    "kk": CYRILLIC,
    "el": GREEK,
    "vi": Script("Latin", ("Fira",)),  # Atkinson lacks most Vietnamese letters
}


def script_for(language: str) -> Script:
    """The script a language is written in (by its primary subtag; Latin when unknown)."""
    return _BY_LANGUAGE.get(language.split("-")[0].lower(), LATIN)


# Regions that use US Letter paper (CLDR supplemental data, paperSize); everywhere else uses A4.
LETTER_REGIONS = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "CR", "GT", "NI", "PA", "PR", "SV", "VE", "BZ"}
)


def paper_for(language: str) -> str:
    """Default paper for a language tag: Letter for en-US, es-MX...; A4 otherwise."""
    region = next((p.upper() for p in language.split("-")[1:] if len(p) == 2), "")
    return "letter" if region in LETTER_REGIONS else "a4"


def paper_hint(language: str) -> str | None:
    """Why a tag without a country prints on A4, when its speakers also live where Letter is
    the paper (en, es, fr...: the official languages of `LETTER_REGIONS`, from CLDR)."""
    if "-" in language or paper_for(language) != "a4":
        return None
    from babel.languages import get_official_languages

    primary = language.lower()
    for region in ("US", "MX", "CA", "PH", *sorted(LETTER_REGIONS)):
        if primary in get_official_languages(region, de_facto=True):
            return (
                f"'{language}' names no country, so its PDFs are A4; for US Letter write the country "
                f'in the lesson\'s language tag (e.g. {language}-{region}), or set paper = "letter" '
                'in lessonpress.toml (paper = "a4" there hides this note)'
            )
    return None

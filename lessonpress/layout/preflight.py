"""Check, before anything is drawn, that every character of a lesson is printable.

ReportLab draws a missing glyph as a box, or as nothing at all, and says nothing (I18N.md §4.4).
A handout with an invisible word is worse than no handout, so each character is checked against
the face that will draw it and a missing one is an error at the text's line. Text in a script
that is shaped (Arabic, Devanagari, Thai, ...) is checked by shaping it with HarfBuzz, as it will
be printed; other text by the font's character map.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from ..errors import LessonError
from ..markup import RichText, Run, plain_text
from ..model import Course, Lesson, Localized
from ..scripts import script_for
from ..theme import Theme
from .fonts import (
    face_name,
    fonts_for,
    missing_characters,
    register_family,
    register_theme,
    unshapable_characters,
)

MAX_REPORTED = 5


def check_glyphs(lesson: Lesson, theme: Theme) -> list[LessonError]:
    """One error per text that holds characters its fonts cannot print (the first few, then one
    summary per font, so a lesson in the wrong script does not bury the screen); the theme's
    organisation and licence, printed on every page, are checked with the lesson's fonts."""
    theme = fonts_for([lesson], theme)
    problems = check_texts(lesson.texts(), theme, lesson.language)
    if len(problems) > MAX_REPORTED:
        rest = len(problems) - MAX_REPORTED
        problems = problems[:MAX_REPORTED] + [
            LessonError(
                f"{rest} more text{'s' * (rest != 1)} in this file cannot be printed with the same fonts",
                code="font.missing-glyph",
                location=problems[MAX_REPORTED].location,
            )
        ]
    return problems + check_texts(
        theme_texts(theme),
        theme,
        lesson.language,
        hint="the theme's words print on every page: use characters "
        "that the fonts of every language you print have",
    )


def check_course_glyphs(
    courses: Course | Localized[Course], lessons: Sequence[Lesson], theme: Theme
) -> list[LessonError]:
    """Errors for course titles and descriptions that a language's pack cannot print: the
    course in that language (its translation, else the source), with the fonts chosen for that
    language's lessons, as the pack does."""
    localized = courses if isinstance(courses, Localized) else Localized(courses)
    by_language: dict[str, list[Lesson]] = {}
    for lesson in lessons:
        by_language.setdefault(lesson.language, []).append(lesson)
    problems: list[LessonError] = []
    for language, group in sorted(by_language.items()):
        texts = localized.for_language(language).texts()
        problems += check_texts(texts, fonts_for(group, theme), language)
    return problems


def theme_texts(theme: Theme) -> list[RichText]:
    """The theme's own words (organisation, licence), each at the line of the theme file."""
    where = {name: location for name, _, location in theme.origins}
    return [
        plain_text(value, where.get(name))
        for name in ("organisation", "licence")
        if (value := getattr(theme, name)) and name in where
    ]


def check_texts(
    texts: Iterable[RichText], theme: Theme, language: str, hint: str | None = None
) -> list[LessonError]:
    """One error per text with characters the theme's fonts (for `language`) cannot print."""
    register_theme(theme)
    shaped = script_for(language).shaping
    texts = tuple(texts)
    if not shaped and _all_printable(texts, theme):
        return []  # the usual answer, found for all texts at once; a miss is looked for text by text
    problems = []
    for text in texts:
        missing = _missing(text, theme, shaped)
        if missing:
            problems.append(_problem(text, missing, theme, hint))
    return problems


def _all_printable(texts: Sequence[RichText], theme: Theme) -> bool:
    """True when every character of every run has a glyph in its face (as `_missing` asks, for
    unshaped scripts): each face's characters are gathered into one set and checked at once."""
    by_face: dict[str, list[str]] = {}
    faces: dict[tuple[bool, bool, bool], str] = {}
    for text in texts:
        for run in text.runs:
            style = (run.code, run.bold, run.italic)
            if style not in faces:
                faces[style] = face_name(_family(run, theme), run.bold, run.italic)
            by_face.setdefault(faces[style], []).append(run.text)
    return not any(missing_characters("".join(runs), face) for face, runs in by_face.items())


def _family(run: Run, theme: Theme) -> str:
    """The font family a run prints in: the theme's code font, else its body font."""
    return theme.mono_font if run.code else theme.body_font


def _missing(text: RichText, theme: Theme, shaped: bool) -> dict[str, str]:
    """Missing character -> the family that lacks it."""
    out: dict[str, str] = {}
    for run in text.runs:
        family = _family(run, theme)
        if shaped:
            missing = unshapable_characters(run.text, family, run.bold, run.italic)
        else:
            missing = missing_characters(run.text, face_name(family, run.bold, run.italic))
        for ch in missing:
            out.setdefault(ch, family)
    return out


def _problem(text: RichText, missing: dict[str, str], theme: Theme, hint: str | None = None) -> LessonError:
    chars = sorted(missing)
    shown = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')} ({c})" for c in chars[:3])
    more = f" and {len(chars) - 3} more" if len(chars) > 3 else ""
    family = register_family(missing[chars[0]])
    return LessonError(
        f"cannot print {shown}{more} with font {family.label}",
        code="font.missing-glyph",
        location=text.location,
        hint=hint
        or "remove or replace the character; for another script, set `language:` to the lesson's language",
    )

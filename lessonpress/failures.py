"""Turn a failed layout into an error at its cause: a theme value, a lesson text, or a bug.

A layout can fail although every value passed its check: a theme whose sizes and margins leave
no room together, or a text too long for any page. The teacher must be sent to the line to
change, not to the lesson's title (issue 13). So a failed output is laid out again with the
theme's own values put back to the default's, one at a time: the value whose removal lets it
lay out is the one reported. When even the default theme fails, the lesson text the layout
stuck on is reported; when nothing explains it, it is a bug in lessonpress, said as such.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from .errors import LessonError, SourceLocation
from .theme import DEFAULT_THEME, Theme

MAX_RETRIES = 8  # theme values tried one by one before giving a general answer
# Values that change geometry are the likely causes: tried first.
_GEOMETRY = (
    "margin_mm",
    "inner_margin_mm",
    "slide_margin_mm",
    "logo",
    "organisation",
    "body_size",
    "small_size",
    "title_size",
    "subtitle_size",
    "heading_size",
    "line_spacing",
    "write_in_lines",
    "write_in_spacing",
    "slide_title_size",
    "slide_body_size",
    "rule_width",
)


def explain_failure(
    exc: Exception,
    fmt: str,
    lesson_texts: list,
    fallback: SourceLocation | None,
    theme: Theme,
    renders: Callable[[Theme], bool],
) -> LessonError:
    """The error to report for an output whose layout raised `exc`.

    `renders(theme)` lays the same output out again with another theme and says whether that
    worked; `lesson_texts` are the RichTexts of the lessons in the output.
    """
    from .layout.progress import LayoutStalled, where

    stall = exc if isinstance(exc, LayoutStalled) else None
    culprit = _theme_culprit(theme, renders) if theme.origins else None
    if culprit is not None:
        return culprit
    if stall is not None:
        location = where(stall.text, lesson_texts) or fallback
        return LessonError(
            f"this text cannot be laid out in the {fmt}: {stall.why}",
            code="layout.too-large",
            location=location,
            hint="shorten it or split it into several items"
            if location is not fallback
            else "shorten the longest texts; if they are short, this is a bug in lessonpress",
        )
    return LessonError(
        f"could not make the {fmt}: {type(exc).__name__}: {exc}",
        code="internal.error",
        location=fallback,
        hint="this is a bug in lessonpress; please report it with the lesson file",
    )


def _theme_culprit(theme: Theme, renders: Callable[[Theme], bool]) -> LessonError | None:
    """An error at the theme value that stops the layout, or None if the theme is not why."""
    from .themes import apply_presets

    neutral = apply_presets(DEFAULT_THEME, theme.presets)
    fields = [o for o in theme.origins if o[0] in _GEOMETRY]
    fields.sort(key=lambda o: _GEOMETRY.index(o[0]))

    def without(*names: str) -> Theme:
        return dataclasses.replace(theme, **{n: getattr(neutral, n) for n in names})

    if not fields or not renders(without(*(o[0] for o in fields))):
        return None
    for name, key, location in fields[:MAX_RETRIES]:
        if renders(without(name)):
            value = getattr(theme, name)
            shown = "an image" if name == "logo" else repr(value) if isinstance(value, str) else f"{value:g}"
            return LessonError(
                f"the theme's '{key}' ({shown}) leaves no room to lay out this output",
                code="theme.layout",
                location=location,
                hint="use a value nearer the default theme's",
            )
    first = min((o[2] for o in fields), key=lambda loc: (loc.line, loc.column))
    return LessonError(
        "the theme's sizes and margins together leave no room to lay out this output",
        code="theme.layout",
        location=first,
        hint="make margins, type sizes or write-in lines smaller",
    )

"""What an HTML format is given (an HtmlContext) and the page every format shares.

A page is one self-contained file: `lang` and `dir` on `<html>`, a Content-Security-Policy that
allows nothing but its own inline style (fonts and logo as data: URLs), so it works the same from
a USB stick, an LMS upload or the preview server, and never loads anything from a network.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html import unescape

from .. import __version__
from ..labels import Labels
from ..model import Lesson
from ..regions import RegionHelplines
from ..theme import Theme
from .style import stylesheet
from .text import TextWriter, escape, lang_attributes
from .webfonts import css_family, faces, font_face_css, theme_for

# The page's policy; `{style}` is the hash of its one <style> element. The preview server
# recognises it by this prefix when it adds its reload script.
CSP_META = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src '{style}'; font-src data:; img-src data:; base-uri 'none'; "
    "form-action 'none'\">"
)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class HtmlContext:
    """Everything an HTML format needs besides the lesson."""

    theme: Theme
    labels: Labels
    helplines: RegionHelplines | None = None
    source: Lesson | None = None  # a translation's source lesson

    def writer(self) -> TextWriter:
        """Writes lesson text, marking texts that fell back to the source language."""
        source = self.source
        return TextWriter({source.source_path: source.language} if source is not None else {})


class HtmlFormat:
    """One HTML output of a lesson: a `render` hook. Its name, file name and whether learners
    read it are in the registry (`formats.py`)."""

    def render(self, lesson: Lesson, context: HtmlContext) -> bytes:
        """The page's bytes (UTF-8)."""
        raise NotImplementedError


def page(
    lesson: Lesson,
    context: HtmlContext,
    kind: str,
    main: str,
    *,
    draft: bool | None = None,
    others: tuple[str, ...] = (),
) -> bytes:
    """A whole HTML document around `main`: head with style and fonts, draft notice, footer.

    `draft` says whether to show the draft notice (default: the lesson is a draft translation);
    `others` are languages of blocks inside the page, each given its own fonts.
    """
    labels = context.labels
    header = _organisation(context.theme)
    notice = ""
    if draft if draft is not None else lesson.translation is not None and lesson.translation.draft:
        notice = (
            f'<aside class="draft" aria-label="{escape(labels.draft_notice)}">'
            f"<p>{escape(labels.draft_notice)}</p></aside>"
        )
    footer = _footer(lesson, context, kind)
    body = f"{header}{notice}<main>{main}</main>{footer}"
    chars = unescape(_TAG.sub("", body)) + lesson.title.plain + kind
    italic, mono = "<em>" in body, "<code>" in body
    theme = theme_for(lesson.language, chars, context.theme)
    used = faces(theme, italic=italic, mono=mono)
    rules = ""
    for other in others:
        own = theme_for(other, chars, context.theme)
        used += [f for f in faces(own, italic=italic, mono=mono) if f not in used]
        if own.body_font != theme.body_font:
            rules += f":lang({other}){{font-family:{_stack(own)['body']}}}"
    css = stylesheet(theme, _stack(theme), font_face_css(used, chars)) + rules
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    title = f"{lesson.title.plain} — {kind}"
    return "".join(
        [
            "<!DOCTYPE html>\n",
            f"<html {lang_attributes(lesson.language)}>\n<head>\n",
            '<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            CSP_META.format(style=f"sha256-{digest}"),
            "\n",
            f'<meta name="generator" content="lessonpress {escape(__version__)}">\n',
            f"<title>{escape(title)}</title>\n",
            f"<style>{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        ]
    ).encode("utf-8")


def _stack(theme: Theme) -> dict[str, str]:
    """CSS font-family lists for body, headings and code."""
    return {
        "body": f"{css_family(theme.body_font)},system-ui,sans-serif",
        "heading": f"{css_family(theme.heading_font)},{css_family(theme.body_font)},system-ui,sans-serif",
        "mono": f"{css_family(theme.mono_font)},ui-monospace,monospace",
    }


def _organisation(theme: Theme) -> str:
    if not theme.logo and not theme.organisation:
        return ""
    logo = ""
    if theme.logo:
        data = base64.b64encode(theme.logo).decode("ascii")
        # The name beside it says who it is; alone, the logo is named by the organisation.
        alt = "" if theme.organisation else "logo"
        logo = f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}">'
    name = f"<span>{escape(theme.organisation)}</span>" if theme.organisation else ""
    return f'<header class="org">{logo}{name}</header>'


def _footer(lesson: Lesson, context: HtmlContext, kind: str) -> str:
    write = context.writer()
    parts = [write(lesson.title), escape(kind)]
    if lesson.license:
        parts.append(write(lesson.license))
    if lesson.authors:
        parts.append(", ".join(write(a) for a in lesson.authors))
    if context.theme.licence:
        parts.append(escape(context.theme.licence))
    return f"<footer><p>{' · '.join(parts)}</p></footer>"

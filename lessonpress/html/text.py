"""Turn RichText into HTML: every run escaped, links only through the safe URL checker.

Lesson text is text: `<b>`, `&amp;` or `<script>` typed in a lesson show exactly as typed. The
only markup is what lessonpress writes itself (`strong`, `em`, `code`, `a`, `br`). A run from
the source lesson inside a translation (a text the translator has not translated yet) carries
the source's `lang` and `dir`, so a screen reader speaks it in the right voice.
"""

from __future__ import annotations

from html import escape as _escape

from ..markup import RichText, Run
from ..scripts import script_for
from ..urls import UrlProblem, check_url


def escape(text: str) -> str:
    """Text made safe for HTML content and attribute values (quotes included)."""
    return _escape(text, quote=True)


def safe_href(url: str | None) -> str | None:
    """The URL as the checker normalises it, or None when it must not become a link."""
    if not url:
        return None
    try:
        return check_url(url)
    except UrlProblem:
        return None


def link(href: str | None, label: str, **attributes: str) -> str:
    """An `<a>` with escaped label, or the label alone when the target is not safe."""
    target = safe_href(href)
    if target is None:
        return escape(label)
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attributes.items())
    return f'<a href="{escape(target)}"{extra}>{escape(label)}</a>'


def run_html(run: Run) -> str:
    """One styled run as HTML."""
    text = escape(run.text).replace("\n", "<br>")
    if run.code:
        text = f"<code>{text}</code>"
    if run.italic:
        text = f"<em>{text}</em>"
    if run.bold:
        text = f"<strong>{text}</strong>"
    target = safe_href(run.href)
    if target is not None:
        text = f'<a href="{escape(target)}">{text}</a>'
    return text


def lang_attributes(language: str) -> str:
    """`lang` and `dir` attributes for content in `language`."""
    return f'lang="{escape(language)}" dir="{"rtl" if script_for(language).rtl else "ltr"}"'


class TextWriter:
    """Writes a lesson's texts; a text read from another language's file says so.

    `languages` maps a file (the source lesson of a translation) to its language: a text whose
    location is in that file fell back to the source and is marked with its `lang` and `dir`.
    """

    def __init__(self, languages: dict[str, str] | None = None) -> None:
        self.languages = dict(languages or {})

    def __call__(self, text: RichText | str | None) -> str:
        """The text as HTML (plain strings are lessonpress's own words, escaped)."""
        if text is None:
            return ""
        if isinstance(text, str):
            return escape(text)
        inner = "".join(run_html(r) for r in text.runs)
        other = self.language_of(text)
        return f"<span {lang_attributes(other)}>{inner}</span>" if other else inner

    def language_of(self, text: RichText) -> str | None:
        """The language of a text read from another language's file, else None."""
        return self.languages.get(text.location.path) if text.location is not None else None

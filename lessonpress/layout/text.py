"""Turn RichText into ReportLab paragraphs: escaped, styled runs and the paragraph styles.

This is the only place lesson text meets ReportLab markup. Every run is escaped (`&`, `<`, `>`)
before the few tags lessonpress itself generates are put around it, so `<b>`, `&amp;` or
`<font color=...>` typed in a lesson print exactly as typed and never reach ReportLab's parser
as markup (RELIABILITY.md §0, items 1 and 2).

Styles are made per theme and script: HarfBuzz shaping only for scripts that need it (it makes
Latin text three times slower and puts ligature characters into copied text), right-to-left
word order and mirrored indents for Arabic and Hebrew, dictionary line breaks for Thai and
Khmer. Every paragraph is a `ScriptParagraph`, which does what its style asks.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from ..labels import labelled_markup
from ..markup import RichText, Run
from ..scripts import LATIN, Script
from ..theme import Theme
from .complex_scripts import ScriptParagraph
from .fonts import register_theme

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """Text made safe for ReportLab's paragraph parser."""
    return text.translate(_ESCAPES)


def labelled(pattern: str, name: str, value: str, bold: bool = True) -> str:
    """Paragraph markup of a label pattern around a value's markup (`labels.labelled_markup`)."""
    return labelled_markup(pattern, name, value, escape, ("<b>", "</b>") if bold else None)


def run_markup(run: Run, theme: Theme) -> str:
    """One styled run as ReportLab paragraph markup."""
    text = escape(run.text).replace("\n", "<br/>")
    if run.code:
        text = f'<font face="{theme.mono_font}">{text}</font>'
    if run.italic and theme.italics:  # dyslexia-friendly: emphasis stays upright
        text = f"<i>{text}</i>"
    if run.bold:
        text = f"<b>{text}</b>"
    if run.href:
        text = f'<a href="{escape(run.href)}" color="{theme.link_color}"><u>{text}</u></a>'
    return text


def to_markup(text: RichText, theme: Theme) -> str:
    """A whole RichText as paragraph markup."""
    return "".join(run_markup(r, theme) for r in text.runs)


def plain_markup(text: str) -> str:
    """Text that lessonpress writes itself (labels), escaped."""
    return escape(text)


@dataclass(frozen=True)
class Styles:
    """The paragraph styles one theme gives a portrait document."""

    title: ParagraphStyle
    cover_title: ParagraphStyle
    subtitle: ParagraphStyle
    meta: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    numbered: ParagraphStyle
    small: ParagraphStyle
    source: ParagraphStyle
    box_heading: ParagraphStyle
    box_text: ParagraphStyle
    box_item: ParagraphStyle
    box_label: ParagraphStyle
    note: ParagraphStyle
    card: ParagraphStyle
    note_item: ParagraphStyle
    number: ParagraphStyle
    footer: ParagraphStyle
    script: Script = LATIN

    @property
    def rtl(self) -> bool:
        """True when text runs right to left and pages mirror."""
        return self.script.rtl


@cache
def styles_for(theme: Theme, script: Script = LATIN) -> Styles:
    """Paragraph styles for text in `script`, derived from a theme (built once per theme and
    script per process)."""
    latin = _latin_styles(theme)
    if not (script.shaping or script.rtl or script.segmentation):
        return latin if script == LATIN else dataclasses.replace(latin, script=script)
    changed = {
        f.name: for_script(getattr(latin, f.name), script)
        for f in dataclasses.fields(Styles)
        if f.name != "script"
    }
    return Styles(**changed, script=script)


def for_script(style: ParagraphStyle, script: Script) -> ParagraphStyle:
    """A style with the script's needs; right to left also mirrors indents and alignment."""
    extra: dict = {"shaping": int(script.shaping)}
    if script.segmentation:
        extra["segmentation"] = script.segmentation
    if script.rtl:
        # ReportLab places an RTL bullet `bulletIndent` in from the right edge less leftIndent.
        extra.update(
            wordWrap="RTL",
            leftIndent=style.rightIndent,
            rightIndent=style.leftIndent,
            bulletIndent=max(style.bulletIndent - style.rightIndent, 0),
            alignment={TA_LEFT: TA_RIGHT, TA_RIGHT: TA_LEFT}.get(style.alignment, style.alignment),
        )
    return ParagraphStyle(style.name, parent=style, **extra)


def paragraph(markup: str, style: ParagraphStyle, *, bullet: str | None = None) -> Paragraph:
    """A paragraph of ready markup, printed as the style's script needs."""
    return ScriptParagraph(markup, style, bulletText=bullet)


@cache
def _latin_styles(theme: Theme) -> Styles:
    register_theme(theme)  # styles name the theme's faces: they must exist to be measured
    space = theme.space  # vertical gaps shrink with the theme's density
    body = ParagraphStyle(
        "body",
        fontName=theme.body_font,
        fontSize=theme.body_size,
        leading=theme.leading(theme.body_size),
        textColor=theme.text_color,
        alignment=TA_LEFT,
        spaceAfter=space(theme.body_size * 0.45),
        bulletFontName=theme.body_font,
        bulletFontSize=theme.body_size,
    )
    heading_size = theme.heading_size
    heading = ParagraphStyle(
        "heading",
        parent=body,
        fontName=f"{theme.heading_font}-Bold",
        fontSize=heading_size,
        leading=theme.leading(heading_size),
        textColor=theme.accent_color,
        spaceBefore=space(heading_size * 0.9),
        spaceAfter=space(heading_size * 0.35),
        keepWithNext=1,
    )
    indent = theme.body_size * 1.5
    detail = theme.detail_size
    fine = theme.least(theme.small_size + 1)  # sources: never under large print's minimum
    return Styles(
        title=ParagraphStyle(
            "title",
            parent=heading,
            fontSize=theme.title_size,
            leading=theme.title_size * 1.15,
            spaceBefore=0,
            spaceAfter=space(theme.title_size * 0.25),
        ),
        cover_title=ParagraphStyle(
            "cover_title",
            parent=heading,
            fontSize=theme.title_size * 1.6,
            leading=theme.title_size * 1.8,
            spaceBefore=0,
            spaceAfter=6,
        ),
        subtitle=ParagraphStyle(
            "subtitle",
            parent=body,
            fontSize=theme.subtitle_size,
            leading=theme.leading(theme.subtitle_size),
            textColor=theme.muted_color,
            spaceAfter=space(4),
        ),
        meta=ParagraphStyle("meta", parent=body, textColor=theme.muted_color, spaceAfter=space(2)),
        heading=heading,
        subheading=ParagraphStyle(
            "subheading",
            parent=body,
            fontName=f"{theme.body_font}-Bold",
            spaceBefore=space(theme.body_size * 0.5),
            keepWithNext=1,
        ),
        body=body,
        bullet=ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=indent,
            bulletIndent=indent * 0.3,
            spaceAfter=space(theme.body_size * 0.3),
        ),
        numbered=ParagraphStyle(
            "numbered",
            parent=body,
            leftIndent=indent,
            bulletIndent=0,
            spaceAfter=space(theme.body_size * 0.2),
        ),
        small=ParagraphStyle("small", parent=body, fontSize=fine, leading=theme.leading(fine)),
        source=ParagraphStyle(
            "source",
            parent=body,
            fontSize=fine,
            leading=theme.leading(fine),
            leftIndent=indent,
            bulletIndent=indent * 0.3,
            bulletFontSize=fine,
        ),
        box_heading=ParagraphStyle("box_heading", parent=heading, spaceBefore=0),
        box_text=ParagraphStyle("box_text", parent=body, spaceAfter=space(theme.body_size * 0.3)),
        box_item=ParagraphStyle(
            "box_item",
            parent=body,
            leftIndent=indent,
            bulletIndent=indent * 0.3,
            spaceAfter=space(theme.body_size * 0.3),
        ),
        box_label=ParagraphStyle(
            "box_label",
            parent=body,
            fontName=f"{theme.body_font}-Bold",
            fontSize=fine,
            leading=theme.leading(fine),
            textColor=theme.accent_color,
            spaceAfter=space(2),
        ),
        note=ParagraphStyle(
            "note",
            parent=body,
            leftIndent=indent,
            borderPadding=(0, 0, 0, 0),
            textColor=theme.text_color,
            spaceAfter=space(theme.body_size * 0.4),
        ),
        note_item=ParagraphStyle(
            "note_item",
            parent=body,
            leftIndent=indent * 2,
            bulletIndent=indent,
            spaceAfter=space(theme.body_size * 0.2),
        ),
        number=ParagraphStyle("number", parent=body, alignment=TA_RIGHT),
        card=ParagraphStyle(
            "card", parent=body, fontSize=detail, leading=theme.leading(detail), spaceAfter=0
        ),
        footer=ParagraphStyle(
            "footer",
            parent=body,
            fontSize=theme.small_size,
            leading=theme.small_size * 1.2,
            textColor=theme.muted_color,
            spaceAfter=0,
        ),
    )


def para(
    text: RichText | str, style: ParagraphStyle, theme: Theme, *, bullet: str | None = None, prefix: str = ""
) -> Paragraph:
    """A Paragraph of lesson text (RichText) or of lessonpress's own words (str)."""
    body = to_markup(text, theme) if isinstance(text, RichText) else plain_markup(text)
    return ScriptParagraph(prefix + body, style, bulletText=bullet)

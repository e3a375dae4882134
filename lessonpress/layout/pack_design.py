"""Turn a Course into the pack's designed pages: its cover and a divider page per unit.

The cover names the organisation (with its logo), the kind of pack, the course's title and
description on a band of the theme's accent, an *audience band* with one block per unit in its
section colour (the audiences the course serves, as on the slides), the version and date, and
the licence. A unit's divider page repeats its section colour, title and description. Every
text comes from the Course (translated by the i18n workflow) or from the labels. Without fills
(ink saver, high contrast) bands become thick rules and their text takes the band's colour.
"""

from __future__ import annotations

import io

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Paragraph, Spacer

from ..model import Course, Lesson
from ..theme import Theme
from .base import LayoutContext
from .tagging.roles import artifact, heading, tag
from .text import Styles, escape, paragraph, to_markup

BAND_TEXT = "#ffffff"
RULE = 5.0  # a band without fill: a rule this thick under its text


class ColourBand(Flowable):
    """Paragraphs on a block of colour the frame's width (at least `height` tall), or above a
    thick rule of that colour when the theme does not fill areas."""

    def __init__(
        self, rows: list[Paragraph], color: str, filled: bool, *, height: float = 0, padding: float = 12
    ) -> None:
        super().__init__()
        self.rows, self.color, self.filled = rows, color, filled
        self.min_height, self.padding = height, padding

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner = avail_width - 2 * self.padding
        self.heights = [row.wrap(inner, avail_height)[1] for row in self.rows]
        content = sum(self.heights) + 2 * self.padding + (0 if self.filled else RULE)
        self.width, self.height = avail_width, max(self.min_height, content)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setFillColor(self.color)
        if self.filled:
            canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        else:
            canv.rect(0, 0, self.width, RULE, stroke=0, fill=1)
        canv.restoreState()
        # Text sits at the band's foot; drawn top first, the order it is read in (tagged PDF).
        y = self.padding + (0 if self.filled else RULE) + sum(self.heights)
        for row, height in zip(self.rows, self.heights, strict=True):
            y -= height
            row.drawOn(canv, self.padding, y)


class Logo(Flowable):
    """The organisation's logo at a given height, at the start of the line."""

    def __init__(self, data: bytes, height: float, rtl: bool) -> None:
        super().__init__()
        self.image = ImageReader(io.BytesIO(data))
        w, h = self.image.getSize()
        self.logo_width, self.height, self.rtl = height * w / h, height, rtl

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        x = self.width - self.logo_width if self.rtl else 0
        self.canv.drawImage(self.image, x, 0, self.logo_width, self.height, mask="auto")


def on_band(style: ParagraphStyle, color: str, filled: bool, name: str) -> ParagraphStyle:
    """A style for text on a band: white on a fill, else the band's colour."""
    return ParagraphStyle(name, parent=style, textColor=BAND_TEXT if filled else color)


def section_key(lesson: Lesson) -> str:
    """The audience section of a lesson: the first word of its id (teens-3-sextortion: teens)."""
    return lesson.lesson_id.split("-")[0]


def cover(
    course: Course | None,
    lessons: list[Lesson],
    units: list[tuple[str, list[Lesson]]],
    context: LayoutContext,
    styles: Styles,
    kind: str,
    details: list[str],
) -> list[Flowable]:
    """The designed cover: organisation and logo, the title on a band, the audience band,
    version and date, licence."""
    theme, s = context.theme, styles
    filled = theme.box_color is not None
    out: list[Flowable] = []
    if theme.logo:  # read once, as the pages' header logo (`page.header`); here decoration
        out.append(tag(Logo(theme.logo, theme.title_size * 1.6, s.rtl), artifact("Layout")))
    organisation = course.organisation.plain if course and course.organisation else theme.organisation
    if organisation:
        out.append(paragraph(f"<b>{escape(organisation)}</b>", s.subtitle))
    out.append(Spacer(1, theme.title_size * 2))
    title = to_markup(course.title, theme) if course else escape(kind)
    cover_title = paragraph(title, on_band(s.cover_title, theme.accent_color, filled, "cover-title"))
    rows = [tag(cover_title, heading(1))]
    # "Course pack" above the course's title (without a course, it is the title); the band draws
    # top-down, so it is read before the title
    if course:
        rows.insert(0, paragraph(escape(kind), on_band(s.subtitle, theme.accent_color, filled, "cover-kind")))
    out.append(
        ColourBand(
            rows, theme.accent_color, filled, height=theme.title_size * 6, padding=theme.title_size * 0.8
        )
    )
    out.append(Spacer(1, theme.body_size))
    if course and course.description:
        out.append(paragraph(to_markup(course.description, theme), s.subtitle))
    audiences = [(title, section_key(group[0])) for title, group in units if title and group]
    if audiences:
        out += [Spacer(1, theme.body_size), audience_band(audiences, theme, styles)]
    if details:
        out += [Spacer(1, theme.body_size * 2), paragraph(" · ".join(details), s.meta)]
    licence = course_licence(lessons, theme)
    if licence:
        out.append(paragraph(escape(context.labels.licence_line.format(licence=licence)), s.meta))
    return out


def audience_band(audiences: list[tuple[str, str]], theme: Theme, styles: Styles) -> Flowable:
    """One block per unit, in its section colour, with the unit's title: who the course is for."""
    from .sections import layout_table

    filled = theme.box_color is not None
    cells: list[Flowable] = []
    commands: list[tuple] = []
    for i, (title, key) in enumerate(audiences):
        colour = theme.section_color(key)
        style = on_band(styles.small, colour, filled, f"audience-{i}")
        cells.append(paragraph(f"<b>{escape(title)}</b>", style))
        if filled:
            commands.append(("BACKGROUND", (i, 0), (i, 0), colour))
        else:
            commands.append(("LINEBELOW", (i, 0), (i, 0), RULE, colour))
    pad = theme.body_size * 0.5
    commands += [
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LINEAFTER", (0, 0), (-2, 0), 2, "#ffffff"),
    ]
    width = f"{100 / len(cells):.3f}%"
    return layout_table([cells], [width] * len(cells), theme, commands, rtl=styles.rtl)


def divider(
    title: str,
    description: str | None,
    key: str,
    entries: list[Flowable],
    context: LayoutContext,
    styles: Styles,
) -> list[Flowable]:
    """A unit's divider page: its title on a band of its section colour, its description, and
    its lessons with their page numbers."""
    theme, s = context.theme, styles
    filled = theme.box_color is not None
    colour = theme.section_color(key)
    band = ColourBand(
        [tag(paragraph(escape(title), on_band(s.cover_title, colour, filled, "unit-title")), heading(2))],
        colour,
        filled,
        height=theme.title_size * 5,
        padding=theme.title_size * 0.8,
    )
    out: list[Flowable] = [band, Spacer(1, theme.body_size)]
    if description:
        out.append(paragraph(description, s.subtitle))
    return [*out, Spacer(1, theme.body_size), *entries]


def course_licence(lessons: list[Lesson], theme: Theme) -> str | None:
    """The licence the cover states: the lessons' own when they all share one, else the theme's."""
    found = {lesson.license.plain for lesson in lessons if lesson.license}
    if len(found) == 1 and all(lesson.license for lesson in lessons):
        return found.pop()
    return theme.licence

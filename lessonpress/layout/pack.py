"""Turn all lessons of one language into a course pack: cover, contents, every lesson, one PDF.

The contents page lists units and lessons with page numbers that are filled in when the
document is saved (each number is a small form drawn at the end), so the pack is laid out once
and the numbers are always the real ones. Each entry links to its lesson; the outline has a
bookmark per unit, lesson and section; page numbers run through the whole pack (the cover is
page 1). `--pack-of guide` makes a facilitator binder of guides instead of handouts.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Spacer
from reportlab.platypus.flowables import HRFlowable

from ..labels import Labels
from ..model import Course, Lesson
from ..scripts import LATIN, script_for
from ..theme import Theme
from .base import DocumentSpec, Format, LayoutContext, Metadata
from .flowables import Heading
from .fonts import register_theme
from .guide import guide_story
from .handout import handout_story
from .help import HELP_KEY, HelpPanel, help_footer
from .page import PortraitPage, draft_notice, footer
from .text import Styles, escape, paragraph, styles_for, to_markup

SOURCES_KEY = "sources"  # bookmark key of the pack's one source list


@dataclass
class PageLog:
    """What the build learns while drawing: each entry's page, and the lesson now being drawn."""

    pages: dict[str, int] = field(default_factory=dict)
    current: str = ""
    notice: str | None = None


class Mark(Flowable):
    """Invisible: records the page it lands on and which lesson the footer should name."""

    _ZEROSIZE = 1

    def __init__(self, log: PageLog, key: str, title: str, notice: str | None = None) -> None:
        super().__init__()
        self.log, self.key, self.title, self.notice = log, key, title, notice
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.log.pages[self.key] = self.canv.getPageNumber()
        self.log.current = self.title
        self.log.notice = self.notice


class OutlineEntry(Flowable):
    """Invisible: a bookmark (e.g. a unit) pointing at the page it lands on."""

    _ZEROSIZE = 1

    def __init__(self, title: str, key: str, level: int) -> None:
        super().__init__()
        self.title, self.key, self.level = title, key, level
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key, fit="XYZ", top=None)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


class ContentsEntry(Flowable):
    """One line of the contents: title, a page number filled in at save, a link to the page.
    Right to left, the title is indented from the right and the number ends the line on the left.
    """

    def __init__(self, markup: str, style, key: str, indent: float) -> None:  # noqa: ANN001
        super().__init__()
        self.paragraph = paragraph(markup, style)
        self.key, self.indent = key, indent
        self.number_width = style.fontSize * 3
        self.rtl = style.wordWrap == "RTL"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner = avail_width - self.indent - self.number_width
        _, h = self.paragraph.wrap(inner, avail_height)
        self.width, self.height = avail_width, h
        return avail_width, h

    def getSpaceAfter(self) -> float:  # noqa: N802 - ReportLab's name
        return self.paragraph.getSpaceAfter()

    def draw(self) -> None:
        canv, style = self.canv, self.paragraph.style
        self.paragraph.drawOn(canv, self.number_width if self.rtl else self.indent, 0)
        canv.saveState()
        # The form's number ends at its origin (left to right) or starts there (right to left).
        canv.translate(0 if self.rtl else self.width, self.height - style.fontSize)
        canv.doForm(page_form(self.key))
        canv.restoreState()
        canv.linkRect(
            "", title_destination(self.key), (0, 0, self.width, self.height), relative=1, thickness=0
        )


def title_destination(key: str) -> str:
    """The bookmark of a lesson's title (set by Sections.header with this key prefix)."""
    return f"{key}s0"


def page_form(key: str) -> str:
    """Name of the form that prints the page number of a contents entry."""
    return f"lp-page-{key}"


class Pack(Format):
    """The course pack: one PDF per language with every lesson's handout (or guide)."""

    def layout_course(
        self, lessons: Sequence[Lesson], course: Course | None, context: LayoutContext
    ) -> DocumentSpec:
        theme = context.theme
        register_theme(theme)
        page = PortraitPage.of(context, duplex=True)
        log = PageLog(current=context.labels.contents)
        script = script_for(lessons[0].language) if lessons else LATIN
        builder = _PackStory(lessons, course, context, styles_for(theme, script), log)
        story = builder.build()
        labels = context.labels
        kind = labels.binder if context.pack_of == "guide" else labels.pack
        title = course.title.plain if course else kind
        helps = context.pack_of == "handout" and any(lesson.helplines for lesson in lessons)
        decorate = footer(
            page,
            theme,
            labels.page_of,
            lambda: f"{log.current} · {title}",
            lambda: log.notice,
            script=script,
            help_line=help_footer(context.helplines, labels, script.rtl) if helps else None,
        )

        def decorate_page(canvas: Canvas, number: int) -> None:
            if number > 1:  # the cover carries no footer
                decorate(canvas, number)

        def on_save(canvas: Canvas) -> None:
            font, size = theme.body_font, theme.body_size
            for key, number in log.pages.items():
                # The bounding box must reach left of the origin: the number is right-aligned.
                canvas.beginForm(
                    page_form(key), lowerx=-10 * size, lowery=-size, upperx=size, uppery=2 * size
                )
                canvas.setFont(font, size)
                canvas.setFillColor(theme.text_color)
                if script.rtl:
                    canvas.drawString(0, 0, str(number))
                else:
                    canvas.drawRightString(0, 0, str(number))
                canvas.endForm()

        return DocumentSpec(
            page_size=context.page_size,
            frame=page.frame,
            frame_even=page.frame_even,
            story=tuple(story),
            metadata=Metadata(
                title=f"{title} — {kind}",
                author=course.organisation.plain if course and course.organisation else "lessonpress",
                subject=course.description.plain[:500] if course and course.description else kind,
                language=lessons[0].language,
                keywords=(kind,),
            ),
            decorate_page=decorate_page,
            page_count_font=(theme.body_font, theme.small_size),
            on_save=on_save,
        )


class _PackStory:
    """Cover, contents and lessons, with the outline and page marks that tie them together."""

    def __init__(
        self,
        lessons: Sequence[Lesson],
        course: Course | None,
        context: LayoutContext,
        styles: Styles,
        log: PageLog,
    ) -> None:
        self.lessons = list(lessons)
        self.course = course
        self.context = context
        self.theme: Theme = context.theme
        self.labels: Labels = context.labels
        self.styles = styles
        self.log = log
        self.units = units_of(self.lessons, course, self.labels)
        self.helplines = context.helplines if any(x.helplines for x in self.lessons) else None
        # Each lesson points to the directory at the back and leaves its sources to the list.
        self.lesson_context = replace(context, in_pack=True)

    def build(self) -> list[Flowable]:
        story = self.cover() + [PageBreak()] + self.contents()
        for u, (unit_title, lessons) in enumerate(self.units):
            for i, lesson in enumerate(lessons):
                story.append(PageBreak())
                if unit_title and i == 0:
                    story.append(OutlineEntry(unit_title, f"U{u}", 0))
                story.extend(self.lesson(lesson, nested=bool(unit_title)))
        return story + self.back_matter()

    def back(self) -> list[tuple[str, str]]:
        """(key, title) of what follows the lessons: the one helpline directory, the one
        source list (each lesson points to the directory instead of printing its own)."""
        out = []
        if self.helplines is not None:
            out.append((HELP_KEY, self.labels.get_help))
        if any(lesson.sources for lesson in self.lessons):
            out.append((SOURCES_KEY, self.labels.sources))
        return out

    def back_matter(self) -> list[Flowable]:
        story: list[Flowable] = []
        for key, title in self.back():
            story += [PageBreak(), Mark(self.log, key, title)]
            if key == SOURCES_KEY:
                story += self.sources()
            elif self.helplines is not None:  # the helpline directory
                story += HelpPanel(
                    self.helplines,
                    self.theme,
                    self.labels,
                    self.styles,
                    self.lessons[0].language,
                    key=HELP_KEY,
                ).story()
        return story

    def sources(self) -> list[Flowable]:
        """Every lesson's sources in one list, each source once, in the order first cited."""
        s, theme = self.styles, self.theme
        out: list[Flowable] = [
            Heading(
                escape(self.labels.sources), s.heading, self.labels.sources, title_destination(SOURCES_KEY), 0
            )
        ]
        seen: set[tuple[str, str | None]] = set()
        for lesson in self.lessons:
            for source in lesson.sources:
                if (source.title.plain, source.url) in seen:
                    continue
                seen.add((source.title.plain, source.url))
                markup = to_markup(source.title, theme)
                if source.url:
                    markup += (
                        f' — <a href="{escape(source.url)}" color="{theme.link_color}">'
                        f"<u>{escape(source.url)}</u></a>"
                    )
                out.append(paragraph(markup, s.source, bullet="•"))
        return out

    def cover(self) -> list[Flowable]:
        s, theme, labels, course = self.styles, self.theme, self.labels, self.course
        kind = labels.binder if self.context.pack_of == "guide" else labels.pack
        title = to_markup(course.title, theme) if course else escape(kind)
        out: list[Flowable] = [
            Spacer(1, theme.title_size * 4),
            paragraph(escape(kind), s.subtitle),
            paragraph(title, s.cover_title),
            HRFlowable(
                width="100%",
                thickness=theme.line(3.3),
                color=theme.accent_color,
                spaceBefore=6,
                spaceAfter=14,
            ),
        ]
        if course and course.description:
            out.append(paragraph(to_markup(course.description, theme), s.subtitle))
        details = []
        if course and course.organisation:
            details.append(to_markup(course.organisation, theme))
        if course and course.version:
            details.append(escape(labels.version.format(v=course.version.plain)))
        date = (course.date if course else None) or self.context.today
        if date:
            details.append(escape(local_date(date, self.lessons[0].language)))
        if details:
            out += [Spacer(1, theme.body_size * 2), paragraph(" · ".join(details), s.meta)]
        return out

    def contents(self) -> list[Flowable]:
        s, theme = self.styles, self.theme
        out: list[Flowable] = [
            OutlineEntry(self.labels.contents, "contents", 0),
            paragraph(escape(self.labels.contents), s.title),
        ]
        for unit_title, lessons in self.units:
            if unit_title:
                out.append(paragraph(escape(unit_title), s.subheading))
            for lesson in lessons:
                key = self.key(lesson)
                out.append(
                    ContentsEntry(
                        to_markup(lesson.title, theme),
                        s.body,
                        key,
                        theme.body_size * (1.5 if unit_title else 0),
                    )
                )
        back = self.back()
        if back:
            out.append(Spacer(1, theme.body_size * 0.6))
        out += [ContentsEntry(escape(title), s.body, key, 0) for key, title in back]
        return out

    def key(self, lesson: Lesson) -> str:
        return f"L{self.lessons.index(lesson)}"

    def lesson(self, lesson: Lesson, *, nested: bool) -> list[Flowable]:
        key = self.key(lesson)
        story_of = guide_story if self.context.pack_of == "guide" else handout_story
        body = story_of(
            lesson, self.lesson_context, key=key, title_level=int(nested), section_level=int(nested) + 1
        )
        notice = draft_notice(lesson, self.context)
        return [Mark(self.log, key, lesson.title.plain, notice), *body]


def local_date(iso: str, language: str) -> str:
    """A date as the language writes it ("28 de noviembre de 2026"); ISO when unknown."""
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    try:
        return format_date(datetime.date.fromisoformat(iso), "long", locale=language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return iso


def units_of(lessons: list[Lesson], course: Course | None, labels: Labels) -> list[tuple[str, list[Lesson]]]:
    """(unit title, lessons) in course order; lessons no unit names come last.

    Without a course there is one untitled group, in the order given.
    """
    if course is None or not course.units:
        return [("", lessons)]
    by_id = {lesson.lesson_id: lesson for lesson in lessons}
    units: list[tuple[str, list[Lesson]]] = []
    placed: set[str] = set()
    for unit in course.units:
        found = [by_id[i] for i in unit.lessons if i in by_id]
        placed.update(lesson.lesson_id for lesson in found)
        if found:
            units.append((unit.title.plain, found))
    rest = [lesson for lesson in lessons if lesson.lesson_id not in placed]
    if rest:
        units.append((labels.other_lessons, rest))
    return units

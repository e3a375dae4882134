"""Turn a course's survey into paper forms: the same form before and after the course.

Each wave starts on a new page and says which it is in large type. A form has boxes for the
respondent's code (never a name), the consent line with a tick box, then the items in the
survey's order and numbered as the responses file's columns run: statements in a table with one
box per point of the agree/disagree scale, knowledge items as the quiz prints them (the same
letters, which are what data entry types). Help is at the end, as on every learner page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from ..assess import printed
from ..errors import LessonError, SourceLocation
from ..labels import Labels
from ..model import Course, Lesson, Survey, SurveyItem
from ..scripts import LATIN, script_for
from .base import DocumentSpec, Format, LayoutContext, Metadata
from .fonts import register_theme
from .help import help_footer
from .help_strip import help_strip
from .page import PortraitPage, footer
from .questions import QuestionBlocks
from .sections import layout_table
from .text import Styles, escape, paragraph, styles_for, to_markup


def scale_labels(labels: Labels, points: int) -> list[str]:
    """The agree/disagree scale, from 1 (strongly disagree) to `points`."""
    middle = [labels.not_sure] if points == 5 else []
    return [labels.strongly_disagree, labels.disagree, *middle, labels.agree, labels.strongly_agree]


@dataclass
class WaveLog:
    """Which wave the page being drawn belongs to (the footer names it)."""

    current: str = ""


class WaveMark(Flowable):
    """Invisible: the pages from here on belong to `wave`."""

    _ZEROSIZE = 1

    def __init__(self, log: WaveLog, wave: str) -> None:
        super().__init__()
        self.log, self.wave = log, wave
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.log.current = self.wave  # wrapped before the page it starts is decorated
        return 0, 0

    def draw(self) -> None:
        self.log.current = self.wave


class SurveyForm(Format):
    """The course survey on paper: the form before the course, then the same form after it."""

    def layout_course(
        self, lessons: Sequence[Lesson], course: Course | None, context: LayoutContext
    ) -> DocumentSpec:
        theme, labels = context.theme, context.labels
        register_theme(theme)
        language = lessons[0].language if lessons else "en"
        script = script_for(language) if lessons else LATIN
        styles = styles_for(theme, script)
        page = PortraitPage.of(context)
        title = (course.survey.title or course.title) if course and course.survey else None
        log = WaveLog()
        story: list[Flowable] = []
        for i, wave in enumerate((labels.before_course, labels.after_course)):
            story += [PageBreak()] if i else []
            story.append(WaveMark(log, wave))
            story += SurveyStory(course, lessons, context, styles, page.frame[2]).form(wave)
        shown = title.plain if title else labels.survey
        return DocumentSpec(
            page_size=context.page_size,
            frame=page.frame,
            story=tuple(story),
            metadata=Metadata(shown, "lessonpress", labels.survey, language, (labels.survey,)),
            decorate_page=footer(
                page,
                theme,
                labels.page_of,
                lambda: f"{shown} · {log.current}",
                script=script,
                help_line=help_footer(context.helplines, labels, script.rtl)
                if any(lesson.helplines for lesson in lessons)
                else None,
            ),
            page_count_font=(theme.body_font, theme.small_size),
        )


class SurveyStory:
    """The flowables of one wave's form."""

    def __init__(
        self,
        course: Course | None,
        lessons: Sequence[Lesson],
        context: LayoutContext,
        styles: Styles,
        width: float,
    ) -> None:
        self.course, self.context, self.styles, self.width = course, context, styles, width
        self.theme, self.labels = context.theme, context.labels
        self.lessons = {lesson.lesson_id: lesson for lesson in lessons}
        self.language = lessons[0].language if lessons else "en"
        self.box = self.theme.body_size * 1.1
        self.blocks = QuestionBlocks(
            self.theme, self.labels, styles, self.box, width=width, true_false_letters=True
        )

    def form(self, wave: str) -> list[Flowable]:
        """Title, wave, code boxes, consent, the items, help."""
        s, theme, labels = self.styles, self.theme, self.labels
        survey = self.course.survey if self.course else None
        help_strip = help_strip_for(self.context, self.styles, list(self.lessons.values()))
        if survey is None:  # a learner page all the same: it carries help
            return [paragraph(escape(labels.no_survey), s.body), *help_strip]
        title = survey.title or self.course.title  # type: ignore[union-attr]
        out: list[Flowable] = [
            paragraph(to_markup(title, theme), s.title),
            paragraph(f"<b>{escape(wave)}</b>", ParagraphStyle("wave", parent=s.heading, spaceBefore=0)),
            self.code_boxes(),
        ]
        if survey.intro:
            out.append(paragraph(to_markup(survey.intro, theme), s.body))
        out.append(self.blocks.tick(f"<b>{to_markup(survey.consent, theme)}</b>"))
        out += self.items(survey)
        out += [Spacer(1, theme.body_size), paragraph(escape(labels.thank_you), s.body)]
        return out + help_strip

    def code_boxes(self) -> Flowable:
        """ "Your code" and six boxes to write it in, with how to make it."""
        s, theme = self.styles, self.theme
        label = paragraph(f"<b>{escape(self.labels.your_code)}</b>", s.body)
        size = theme.body_size * 2
        room = stringWidth(self.labels.your_code, f"{theme.body_font}-Bold", theme.body_size) + size * 0.6
        cells = [label, *[Box(size, theme) for _ in range(6)], ""]  # the boxes right after the label
        widths = [room, *[size * 1.15] * 6, None]
        row = layout_table([cells], widths, theme, [("VALIGN", (0, 0), (-1, -1), "MIDDLE")], rtl=s.rtl)
        return KeepTogether([row, paragraph(escape(self.labels.code_hint), s.meta), Spacer(1, 4)])

    def items(self, survey: Survey) -> list[Flowable]:
        """The items in order: runs of statements as tables, knowledge items as questions."""
        out: list[Flowable] = []
        run: list[tuple[int, SurveyItem]] = []
        for n, item in enumerate(survey.items, 1):
            if item.statement is not None:
                run.append((n, item))
                continue
            if run:
                out += self.statements(run, survey.points)
                run = []
            out.append(KeepTogether(self.knowledge(n, item)))
        if run:
            out += self.statements(run, survey.points)
        return out

    def statements(self, run: list[tuple[int, SurveyItem]], points: int) -> list[Flowable]:
        """Statements in a table: the statement, then a box under each point of the scale."""
        s, theme = self.styles, self.theme
        head_style = ParagraphStyle("scale", parent=s.footer, alignment=TA_CENTER, textColor=theme.text_color)
        column = min(theme.body_size * 4.6, self.width * 0.5 / points)
        head = [paragraph(f"<i>{escape(self.labels.how_much_agree)}</i>", s.meta)]
        head += [
            paragraph(f"{i}<br/>{escape(x)}", head_style)
            for i, x in enumerate(scale_labels(self.labels, points), 1)
        ]
        rows = [head]
        for n, item in run:
            text = paragraph(to_markup(item.statement, theme), s.numbered, bullet=f"{n}.")  # type: ignore[arg-type]
            rows.append([text, *[Box(self.box, theme) for _ in range(points)]])
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ("LINEBELOW", (0, 0), (-1, -1), theme.line(0.6), theme.rule_color),
            ("TOPPADDING", (0, 1), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
        table = layout_table(rows, [None, *[column] * points], theme, commands, rtl=s.rtl)
        table.repeatRows = 1
        return [CondPageBreak(theme.body_size * 8), Spacer(1, theme.body_size * 0.5), table]

    def knowledge(self, number: int, item: SurveyItem) -> list[Flowable]:
        """A knowledge item as the quiz prints it (its letters are what data entry types)."""
        lesson_id, _, question_id = (item.question or "").partition("/")
        lesson = self.lessons.get(lesson_id)
        question = (
            next((q for q in lesson.check.questions if q.id == question_id), None)
            if lesson and lesson.check
            else None
        )
        if lesson is None or question is None:
            where = (
                SourceLocation(self.course.source_path) if self.course and self.course.source_path else None
            )
            raise LessonError(
                f"survey item '{item.id}' names '{item.question}', which is not a question of the "
                f"course's lessons in '{self.language}'",
                code="survey.question",
                location=where,
                hint="a knowledge item can only use a lesson that exists in every language of the course",
            )
        return self.blocks.question(printed(lesson, question, number, self.labels.letters))


def help_strip_for(context: LayoutContext, styles: Styles, lessons: list[Lesson]) -> list[Flowable]:
    """The help of the survey's language: what the exit ticket prints, for the course's lessons."""
    asking = next((lesson for lesson in lessons if lesson.helplines), None)
    return help_strip(asking, context, styles) if asking else []


class Box(Flowable):
    """An empty square to tick or to write one character in."""

    def __init__(self, size: float, theme) -> None:  # noqa: ANN001
        super().__init__()
        self.size, self.theme = size, theme
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canv: Canvas = self.canv
        canv.saveState()
        canv.setStrokeColor(self.theme.text_color)
        canv.setLineWidth(self.theme.line(1.5))
        canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        canv.restoreState()

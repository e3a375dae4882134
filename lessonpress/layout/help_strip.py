"""Turn a region's helplines into the help a small learner page has room for.

An exit ticket is half a page: it cannot hold the handout's "Get help" panel, but it must still
show a way to call or text for help. It prints the line every learner page ends with ("Need
help now? Childline: 0800 1111 · Police emergency: 999"), with a labelled line to write in any
number the region lacks; without a region, the panel's "Your local helpline" with its note on
116 111, and lines to write the child helpline and emergency number on, side by side. The words and
write-in lines are the help panel's (layout/help.py), so a ticket says what the handout says.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ..model import Lesson
from ..scripts import script_for
from .base import LayoutContext
from .help import HelpPanel, help_footer
from .sections import layout_table
from .text import Styles, escape, paragraph


def help_strip(lesson: Lesson, context: LayoutContext, styles: Styles) -> list[Flowable]:
    """The help of a small learner page, for a lesson that prints helplines."""
    found = context.helplines
    if not lesson.helplines or found is None:
        return []
    theme, labels = context.theme, context.labels
    panel = HelpPanel(found, theme, labels, styles, lesson.language)
    bold = ParagraphStyle("help-strip", parent=styles.card, fontName=f"{theme.body_font}-Bold")
    out: list[Flowable] = []
    if not found.known:  # what to write, and what the fact base allows about 116 111
        note = f"<b>{escape(labels.local_helpline)}.</b> {escape(labels.number_116111)}"
        out.append(paragraph(note, styles.footer))
    elif found.child_line is not None or found.emergency is not None:
        line = help_footer(found, labels, script_for(lesson.language).rtl)
        if line:
            out.append(paragraph(escape(line[0]), bold))
    fields = panel.write_in_lines(found.write_in)
    if len(fields) == 2:  # side by side: a ticket has the width, not the height
        gap = theme.body_size
        commands = [("RIGHTPADDING", (0, 0), (0, 0), gap), ("LEFTPADDING", (1, 0), (1, 0), gap)]
        out.append(layout_table([fields], ["50%", "50%"], theme, commands, rtl=styles.rtl))
    else:
        out += fields
    return out

"""Turn a region's helplines into the few lines of help a small learner page has room for.

An exit ticket is half a page: it cannot hold the handout's help panel, but it must still show
a way to call or text for help. This prints, in small type, the region's child helpline (or
crisis line) and emergency number; without them, where to find a national helpline.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ..helplines import region_name
from ..model import Helpline, Lesson
from .base import LayoutContext
from .text import Styles, escape, paragraph, to_markup

CALL_KINDS = ("child-helpline", "crisis", "emergency")


def help_strip(lesson: Lesson, context: LayoutContext, styles: Styles) -> list[Flowable]:
    """Help in two or three small lines, for a lesson that prints helplines."""
    found = context.helplines
    if not lesson.helplines or found is None:
        return []
    labels, theme = context.labels, context.theme
    style = ParagraphStyle("help-strip", parent=styles.card, spaceAfter=1)
    title = labels.helplines_for.format(region=region_name(found.region, labels))
    calls = [e for kind in CALL_KINDS for e in found.entries if e.kind == kind]
    lines = [_line(entry, labels, theme) for entry in calls] or [escape(labels.find_helpline)]
    return [paragraph(f"<b>{escape(title)}:</b> " + " · ".join(lines), style)]


def _line(entry: Helpline, labels, theme) -> str:  # noqa: ANN001
    parts = [f"<b>{to_markup(entry.name, theme)}</b>"]
    if entry.phone:
        parts.append(f"{escape(labels.phone)} {escape(entry.phone.plain)}")
    if entry.text:
        parts.append(f"{escape(labels.text)} {escape(entry.text.plain)}")
    return " ".join(parts)

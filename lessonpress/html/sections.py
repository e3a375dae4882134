"""Sections that the HTML handout and guide share, in the same words and order as the PDFs.

Each method returns the HTML of one section (or '' when the lesson has none of it). Headings
are `h2` under the page's one `h1`, with `h3` inside a section, so the outline has no gaps.
Lists are lists, words to know a `dl`, write-in prompts labelled text areas, warning signs
labelled checkboxes, help entries `tel:` and `https:` links.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..helplines import INTERNATIONAL, region_name
from ..labels import labelled_markup
from ..markup import RichText
from ..model import Helpline, Lesson, Resource
from ..regions import CHILD_LINE
from ..urls import display_url, phone_link
from .base import HtmlContext
from .text import escape, link


class Sections:
    """Builds the HTML of a lesson's sections; formats pick and order them."""

    def __init__(self, lesson: Lesson, context: HtmlContext, *, prefix: str = "", level: int = 1) -> None:
        self.lesson = lesson
        self.context = context
        self.labels = context.labels
        self.write = context.writer()
        self.count = 0
        self.prefix = prefix  # keeps ids unique when one page holds two lessons
        self.level = level  # the title's heading level (a second language's title: 2)

    # -- pieces -------------------------------------------------------------------------

    def section(self, heading: str | RichText, body: str, *, css: str = "", ident: str = "") -> str:
        """A section named by its h2 (its id `ident`, or a numbered one)."""
        self.count += 1
        ident = ident or f"{self.prefix}s{self.count}"
        cls = f' class="{css}"' if css else ""
        return (
            f'<section{cls} aria-labelledby="{ident}"><h2 id="{ident}">{self.write(heading)}</h2>'
            f"{body}</section>"
        )

    def bullets(self, texts: Sequence[RichText], css: str = "") -> str:
        """An unordered list of lesson texts."""
        cls = f' class="{css}"' if css else ""
        return f"<ul{cls}>" + "".join(f"<li>{self.write(t)}</li>" for t in texts) + "</ul>"

    def steps(self, texts: Sequence[RichText]) -> str:
        """A numbered list of lesson texts."""
        return "<ol>" + "".join(f"<li>{self.write(t)}</li>" for t in texts) + "</ol>"

    # -- sections -----------------------------------------------------------------------

    def header(self, kind: str | None = None) -> str:
        lesson, write = self.lesson, self.write
        out = f"<h{self.level}>{write(lesson.title)}</h{self.level}>"
        if kind:
            out += f'<p class="kind">{escape(kind)}</p>'
        if lesson.subtitle:
            out += f'<p class="subtitle">{write(lesson.subtitle)}</p>'
        facts = self.facts()
        if facts and not kind:
            out += f'<p class="facts">{" · ".join(facts)}</p>'
        if lesson.summary:
            out += f'<p class="intro">{write(lesson.summary)}</p>'
        return out

    def facts(self, audience: str | None = None, duration: str | None = None) -> list[str]:
        """Audience, ages and length, each with its label."""
        lesson, labels, write = self.lesson, self.labels, self.write
        facts = []
        if lesson.audience:
            facts.append(labelled(audience or labels.audience, "audience", write(lesson.audience)))
        if lesson.age_range:
            facts.append(labelled(labels.ages, "ages", write(lesson.age_range)))
        if lesson.duration_minutes:
            minutes = escape(labels.minutes.format(n=lesson.duration_minutes))
            facts.append(labelled(duration, "minutes", minutes) if duration else minutes)
        return facts

    def objectives(self) -> str:
        return self.section(self.labels.objectives, self.bullets(self.lesson.objectives))

    def vocabulary(self) -> str:
        if not self.lesson.vocabulary:
            return ""
        items = "".join(
            f"<dt>{self.write(t.term)}</dt><dd>{self.write(t.definition)}</dd>"
            for t in self.lesson.vocabulary
        )
        return self.section(self.labels.vocabulary, f"<dl>{items}</dl>")

    def prompts(self) -> str:
        """Each question labels the box a learner writes the answer in."""
        items = []
        for n, prompt in enumerate(self.lesson.discussion_prompts, 1):
            ident = f"{self.prefix}prompt-{n}"
            items.append(
                f'<li><label class="prompt" for="{ident}">{self.write(prompt.prompt)}</label>'
                f'<textarea id="{ident}" name="{ident}" '
                f'rows="{self.context.theme.write_in_lines}"></textarea></li>'
            )
        return self.section(self.labels.discussion, f'<ol class="prompts">{"".join(items)}</ol>')

    def activity_title(self, activity) -> str:  # noqa: ANN001 - model.Activity
        title = self.write(activity.title)
        if activity.minutes:
            title += f" ({escape(self.labels.minutes_short.format(n=activity.minutes))})"
        return title

    def activities(self) -> str:
        if not self.lesson.activities:
            return ""
        body = "".join(
            f"<h3>{self.activity_title(a)}</h3>{self.steps(a.steps) if a.steps else ''}"
            for a in self.lesson.activities
        )
        return self.section(self.labels.activities, body)

    def warning_signs(self) -> str:
        """A checklist a learner can tick on screen, then print."""
        if not self.lesson.warning_signs:
            return ""
        items = []
        for n, sign in enumerate(self.lesson.warning_signs, 1):
            ident = f"{self.prefix}sign-{n}"
            items.append(
                f'<li><input type="checkbox" id="{ident}" name="{ident}">'
                f'<label for="{ident}">{self.write(sign)}</label></li>'
            )
        body = (
            f"<fieldset><legend>{escape(self.labels.warning_signs_intro)}</legend>"
            f'<ul class="checklist">{"".join(items)}</ul></fieldset>'
        )
        return self.section(self.labels.warning_signs, body)

    def takeaways(self) -> str:
        return self.section(self.labels.key_takeaways, self.bullets(self.lesson.key_takeaways), css="box")

    def resources(self) -> str:
        """The lesson's own services and pages, less those the "Get help" section lists (a
        service prints once) and those that work only in another region."""
        resources = self.lesson.resources
        if self.lesson.helplines and self.context.helplines is not None:
            resources = self.context.helplines.resources(resources)
        if not resources:
            return ""
        return self.section(self.labels.resources, self.cards(resources))

    def helplines(self) -> str:
        """The "Get help" section, as the PDFs' panel: a "Your local helpline" box to fill in
        when no region is known (or a field for a number the fact base does not verify), the
        region's services, then those that work anywhere."""
        found = self.context.helplines
        if not self.lesson.helplines or found is None:
            return ""
        labels = self.labels
        body = ""
        if not found.known:
            body += (
                f'<div class="box"><h3>{escape(labels.local_helpline)}</h3>'
                f"<p>{escape(labels.local_intro)}</p>{self.write_in(found.write_in)}"
                f'<p class="note">{escape(labels.number_116111)}</p></div>'
            )
        elif found.write_in:
            body += self.write_in(found.write_in)
        for region, entries in ((found.region, found.entries), (INTERNATIONAL, found.international)):
            if entries:
                title = labels.helplines_for.format(region=region_name(region, self.lesson.language, labels))
                body += f"<h3>{escape(title)}</h3>{self.cards(entries)}"
        return self.section(labels.get_help, body, ident=f"{self.prefix}get-help")

    def help_now(self) -> str:
        """A line under the title, as the PDFs' page footer: the region's line to call or text
        and its emergency number, as links, or a link to the box to write them in; either way
        it leads to the "Get help" section, so help is one step away on a long page."""
        found = self.context.helplines
        if not self.lesson.helplines or found is None:
            return ""
        labels, target = self.labels, f"#{self.prefix}get-help"
        items = []
        for entry in (found.child_line, found.emergency):
            if entry is None:
                continue
            # A number is one left-to-right run; a text line's label is words of the page's own.
            if entry.phone:
                number = entry.phone.plain
                contact = f'<bdi dir="ltr">{link(phone_link(number), number)}</bdi>'
            elif entry.text:
                number = f'<bdi dir="ltr">{self.write(entry.text)}</bdi>'
                contact = labelled(labels.text, "text", number, bold=False)
            else:
                continue
            items.append(f"{self.write(entry.name)}: {contact}")
        if not items:
            return f'<p class="help-now"><a href="{target}">{escape(labels.help_write_in)}</a></p>'
        before, _, after = labels.help_now.partition("{help}")
        return (
            f'<p class="help-now"><strong>{escape(before.strip())}</strong> {" · ".join(items)}'
            f'{escape(after)} — <a class="to-help" href="{target}">{escape(labels.get_help)}</a></p>'
        )

    def write_in(self, slots: Sequence[str]) -> str:
        """A labelled field to write each missing number in, on screen or on paper."""
        out = []
        for slot in slots:
            label = self.labels.child_helpline if slot == CHILD_LINE else self.labels.emergency_number
            ident = f"{self.prefix}write-in-{slot}"
            out.append(
                f'<p class="write-in"><label for="{ident}">{escape(label)}</label> '
                f'<input type="text" id="{ident}" name="{ident}" autocomplete="off"></p>'
            )
        return "".join(out)

    def cards(self, items: Sequence[Resource | Helpline]) -> str:
        """Services as a list: name, who it is for, hours, and live phone and web links."""
        return '<ul class="cards">' + "".join(f"<li>{self.card(item)}</li>" for item in items) + "</ul>"

    def card(self, item: Resource | Helpline) -> str:
        labels, write = self.labels, self.write
        lines = [f"<strong>{write(item.name)}</strong>"]
        if item.description:
            lines.append(write(item.description))
        hours = getattr(item, "hours", None)
        if hours:
            lines.append(labelled(labels.hours, "hours", write(hours), bold=False))
        # A number is one left-to-right run, its digit groups in order on a right-to-left page.
        if item.phone:
            phone = item.phone.plain
            number = f'<bdi dir="ltr">{link(phone_link(phone), phone)}</bdi>'
            lines.append(labelled(labels.phone, "phone", number, bold=False))
        if item.text:
            number = f'<bdi dir="ltr">{write(item.text)}</bdi>'
            lines.append(labelled(labels.text, "text", number, bold=False))
        if item.url:
            lines.append(labelled(labels.web, "web", link(item.url, display_url(item.url)), bold=False))
        return "".join(f"<p>{line}</p>" for line in lines)

    def compact_sources(self) -> str:
        """The handout's sources: on paper a compact closing block; a web page lists them
        as they are (there is no page to save)."""
        return self.sources()

    def sources(self) -> str:
        if not self.lesson.sources:
            return ""
        items = []
        for source in self.lesson.sources:
            text = self.write(source.title)
            if source.url:
                text += " — " + link(source.url, source.url)
            items.append(f"<li>{text}</li>")
        return self.section(self.labels.sources, f"<ul>{''.join(items)}</ul>")


def labelled(pattern: str, name: str, value: str, bold: bool = True) -> str:
    """HTML of a label pattern around a value's HTML (`labels.labelled_markup`)."""
    return labelled_markup(pattern, name, value, escape, ("<strong>", "</strong>") if bold else None)

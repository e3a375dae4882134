"""Turn a region's helplines into the "Get help" panel of a learner page, and service cards.

The panel is one block that moves whole to the next page rather than split: a heading, a "Your
local helpline" box to write numbers in when the region (or one of its numbers) is not known,
then the region's services and those that work anywhere, as cards. A card (name, who it is for,
hours, how to call, text or visit, a QR code of its address) never splits, so a service's name
and its address are always on the same page; only a panel taller than a whole page (large print)
breaks, between cards. Web addresses break only after "/" or "."; QR codes are at least 20 mm
across, with a quiet zone. Large print uses one column and body-size text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from ..deck import unbroken
from ..helplines import INTERNATIONAL, region_name
from ..labels import Labels, around
from ..model import Helpline, Resource
from ..regions import CHILD_LINE, RegionHelplines
from ..theme import MM, Theme
from ..urls import display_url, phone_link
from .direction import mirror_commands, mirror_rows, mirror_widths
from .flowables import QUIET_ZONE, Heading, qr_code, qr_runs
from .reuse import Reused
from .tagging.roles import artifact, heading, tag
from .text import Styles, escape, labelled, paragraph, to_markup

QR_SYMBOL_MM = 20.0  # the smallest printed QR symbol (without its quiet zone)
Group = tuple[str, Sequence[Resource | Helpline]]  # a heading and the services under it
HELP_KEY = "help"  # bookmark key prefix of the pack's one helpline directory
LRM = "\u200e"  # LEFT-TO-RIGHT MARK


def large_print(theme: Theme) -> bool:
    """True when the theme's body text is large print (18 pt or more)."""
    return theme.body_size >= 18 or "large-print" in theme.presets


def qr_size(data: str) -> float:
    """The side of a QR code box, in points, whose symbol is at least QR_SYMBOL_MM across."""
    count = qr_runs(data)[0]
    return QR_SYMBOL_MM * MM * (count + 2 * QUIET_ZONE) / count


class Cards:
    """Services as cards: two to a row (one in large print), never split inside a card."""

    def __init__(self, theme: Theme, labels: Labels, styles: Styles) -> None:
        self.theme, self.labels, self.styles = theme, labels, styles
        base = styles.card
        size = max(theme.body_size, 18.0) if large_print(theme) else base.fontSize
        self.style = ParagraphStyle(
            f"help-card-{size}", parent=base, fontSize=size, leading=theme.leading(size)
        )
        self.columns = 1 if large_print(theme) else 2

    def table(
        self,
        items: Sequence[Resource | Helpline],
        title: str = "",
        *,
        groups: Sequence[Group] = (),
        heading_level: int = 3,
    ) -> Flowable:
        """The cards of `items` (or of each group under its heading) in balanced columns; it
        splits only between cards, and the cards that go on to the next page are headed
        "`title` (continued)". A group's heading stays with its first card."""
        theme, labels, style = self.theme, self.labels, self.styles.subheading

        def continued() -> Flowable:  # a running head: read where the panel began
            return tag(paragraph(escape(labels.continued.format(title=title)), style), artifact("Pagination"))

        cards = [self.card(item) for item in items]
        for name, members in groups:
            first, *rest = [self.card(item) for item in members]
            head = tag(paragraph(escape(name), style), heading(heading_level))  # under "Get help"
            cards += [grid([[[head, first]]], [None], theme, []), *rest]
        return CardColumns(
            cards,
            self.columns,
            gap=theme.body_size * 1.2,
            space=theme.body_size * 0.7,
            rtl=self.styles.rtl,
            continued=continued if title else None,
        )

    def card(self, item: Resource | Helpline) -> Flowable:
        """One service: its name, who it is for, hours and contacts, beside a QR code. The
        same service prints the same on every learner page of the build, so a left-to-right
        card is laid out once per width and process (`Reused`)."""
        if self.styles.rtl:
            return self._card(item)
        return Reused(("help-card", item, self.theme, self.labels, self.styles), lambda: self._card(item))

    def _card(self, item: Resource | Helpline) -> Flowable:
        theme, labels, style = self.theme, self.labels, self.style
        # One paragraph per line, so each line takes its own direction (an English helpline
        # description in an Arabic handout reads left to right; its Arabic labels do not).
        lines: list[Flowable] = [paragraph(f"<b>{to_markup(item.name, theme)}</b>", style)]
        if item.description:
            lines.append(paragraph(to_markup(item.description, theme), style))
        hours = getattr(item, "hours", None)
        opening = labelled(labels.hours, "hours", to_markup(hours, theme), bold=False) if hours else ""
        # A number never breaks across lines, and keeps its digit groups in order on a
        # right-to-left page ("0800 1111", never "1111 0800"): a left-to-right mark in front.
        ltr = LRM if self.styles.rtl else ""
        if item.phone:
            shown = item.phone.plain
            call = _contact(labels.phone, "phone", unbroken(shown), phone_link(shown), theme, ltr)
            lines.append(paragraph(f"{call} · {opening}" if opening else call, style))
        elif opening:
            lines.append(paragraph(opening, style))
        if item.text:
            number = ltr + escape(unbroken(item.text.plain))
            lines.append(paragraph(labelled(labels.text, "text", number, bold=False), style))
        if item.url:
            lines.append(WebAddress(labels.web, display_url(item.url), item.url, style, theme))
        code = qr_code(item.url, qr_size(item.url), labels.qr_code_for) if item.url else None
        if code is None:
            return grid([[lines]], [None], theme, [])
        pad = theme.body_size * 0.4
        return grid(
            [[lines, code]],
            [None, code.width + pad],
            theme,
            [("LEFTPADDING", (1, 0), (1, 0), pad)],
            rtl=self.styles.rtl,
        )


def help_footer(
    helplines: RegionHelplines | None, labels: Labels, rtl: bool = False
) -> tuple[str, ...] | None:
    """The line every page of a learner output ends with, so a page torn off still carries
    help: the region's line to call or text and its emergency number, or where to write them.
    Two wordings, the second without the services' names for when the first is too wide."""
    if helplines is None:
        return None
    mark = LRM if rtl else ""
    named, bare = [], []
    for entry in (helplines.child_line, helplines.emergency):
        if entry is None:
            continue
        # Only the number or text line itself is one unbroken run: joined to a translated
        # "Text" label by no-break spaces, right to left, it was drawn backwards ("868686 ot").
        contact = (
            f"{mark}{unbroken(entry.phone.plain)}"
            if entry.phone
            else labels.text.format(text=f"{mark}{unbroken(entry.text.plain)}")
            if entry.text
            else ""
        )
        if contact:
            named.append(f"{entry.name.plain}: {contact}")
            bare.append(contact)
    if not named:
        return (labels.help_write_in,)
    return tuple(labels.help_now.format(help=" · ".join(items)) for items in (named, bare))


class CardColumns(Flowable):
    """Cards in columns, read down the first column and then the next, the columns as even
    in height as reading order allows. It splits only between cards, so a card (a service's
    name and its address) is never divided between pages."""

    def __init__(
        self,
        cards: list[Flowable],
        columns: int,
        *,
        gap: float,
        space: float,
        rtl: bool = False,
        continued: Callable[[], Flowable] | None = None,
    ) -> None:
        super().__init__()
        self.cards, self.columns = cards, columns
        self.gap, self.space, self.rtl = gap, space, rtl
        self.continued = continued  # the heading the rest gets on its new page
        self.stacks: list[list[tuple[Flowable, float]]] = []

    def _column_width(self, avail_width: float) -> float:
        return (avail_width - self.gap * (self.columns - 1)) / self.columns

    def _layout(self, cards: list[Flowable], avail_width: float) -> list[list[tuple[Flowable, float]]]:
        width = self._column_width(avail_width)
        sized = [(card, card.wrap(width, 1e6)[1] + self.space) for card in cards]
        if self.columns == 1 or len(sized) < 2:
            return [sized]
        # The split point that makes the taller of the two columns as short as possible.
        best = min(
            range(1, len(sized) + 1),
            key=lambda k: (max(sum(h for _, h in sized[:k]), sum(h for _, h in sized[k:])), -k),
        )
        return [sized[:best], sized[best:]]

    @staticmethod
    def _height(stacks: list[list[tuple[Flowable, float]]]) -> float:
        return max((sum(h for _, h in stack) for stack in stacks), default=0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.stacks = self._layout(self.cards, avail_width)
        self.width, self.height = avail_width, self._height(self.stacks)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = 0
        for n in range(1, len(self.cards)):
            if self._height(self._layout(self.cards[:n], avail_width)) > avail_height:
                break
            fits = n
        if not fits:
            return []
        heading = [self.continued()] if self.continued else []
        return [self._with(self.cards[:fits]), *heading, self._with(self.cards[fits:])]

    def _with(self, cards: list[Flowable]) -> CardColumns:
        """Columns like these of other cards."""
        return CardColumns(
            cards, self.columns, gap=self.gap, space=self.space, rtl=self.rtl, continued=self.continued
        )

    def draw(self) -> None:
        width = self._column_width(self.width)
        for i, stack in enumerate(self.stacks):
            x = i * (width + self.gap)
            if self.rtl:
                x = self.width - x - width
            y = self.height
            for card, h in stack:
                y -= h
                card.drawOn(self.canv, x, y + self.space)


class HelpPanel:
    """The "Get help" panel of a learner output: write-in box, the region's and worldwide help."""

    def __init__(
        self,
        helplines: RegionHelplines,
        theme: Theme,
        labels: Labels,
        styles: Styles,
        language: str,
        *,
        key: str = "",
        level: int = 0,
        heading_level: int = 2,
    ) -> None:
        self.heading_level = heading_level  # of "Get help" in the tagged structure
        self.helplines = helplines
        self.theme, self.labels, self.styles = theme, labels, styles
        self.language = language
        self.key, self.level = key, level
        self.cards = Cards(theme, labels, styles)

    def story(self) -> list[Flowable]:
        """The panel, kept on one page when it fits on one."""
        found, labels, s = self.helplines, self.labels, self.styles
        title = Heading(escape(labels.get_help), s.heading, labels.get_help, f"{self.key}s0", self.level)
        parts: list[Flowable] = [tag(title, heading(self.heading_level))]
        if not found.known:
            parts.append(self.write_in_box())
        elif found.write_in:  # a number the fact base does not verify: write it in
            parts += [*self.write_in_lines(found.write_in), Spacer(1, self.theme.body_size * 0.4)]
        # The region's services, then those that work anywhere, in one set of columns.
        groups = [
            (labels.helplines_for.format(region=region_name(region, self.language, labels)), entries)
            for region, entries in ((found.region, found.entries), (INTERNATIONAL, found.international))
            if entries
        ]
        if groups:
            parts.append(
                self.cards.table((), labels.get_help, groups=groups, heading_level=self.heading_level + 1)
            )
        return [KeepTogether(parts)]

    def write_in_box(self) -> Flowable:
        """ "Your local helpline": labelled lines for the child helpline and emergency number,
        and what the fact base allows about 116 111, in an outlined (tinted) box. The same on
        every learner page of a region without known numbers: laid out once (`Reused`)."""
        if self.styles.rtl:
            return self._write_in_box()
        key = ("help-write-in", self.helplines.write_in, self.theme, self.labels, self.styles)
        return Reused(key, self._write_in_box)

    def _write_in_box(self) -> Flowable:
        theme, labels, style = self.theme, self.labels, self.cards.style
        title = ParagraphStyle(
            "help-box-title",
            parent=style,
            fontName=f"{theme.body_font}-Bold",
            textColor=theme.accent_color,
            fontSize=style.fontSize * 1.15,
            leading=style.leading * 1.15,
            spaceAfter=style.fontSize * 0.3,
        )
        rows: list[Flowable] = [
            paragraph(escape(labels.local_helpline), title),
            paragraph(escape(labels.local_intro), style),
        ]
        rows += self.write_in_lines(self.helplines.write_in)
        rows += [Spacer(1, style.fontSize * 0.3), paragraph(escape(labels.number_116111), style)]
        pad = theme.body_size * 0.8
        commands = [
            ("BOX", (0, 0), (-1, -1), theme.line(1.4), theme.accent_color),
            *[
                (side, (0, 0), (-1, -1), pad)
                for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
            ],
        ]
        if theme.box_color:
            commands.append(("BACKGROUND", (0, 0), (-1, -1), theme.box_color))
        return grid([[rows]], ["100%"], theme, commands)

    def write_in_lines(self, slots: Sequence[str]) -> list[Flowable]:
        """A label and a ruled line to write a number on, for each slot."""
        theme, labels = self.theme, self.labels
        style = ParagraphStyle("help-write-in", parent=self.cards.style, fontName=f"{theme.body_font}-Bold")
        return [
            WriteInField(
                labels.child_helpline if slot == CHILD_LINE else labels.emergency_number, style, theme
            )
            for slot in slots
        ]


class WriteInField(Flowable):
    """A label and a ruled line after it to the end of the column, with room to write above
    the line (the line is on the label's baseline, to its left on a right-to-left page)."""

    def __init__(self, label: str, style: ParagraphStyle, theme: Theme) -> None:
        super().__init__()
        self.label = paragraph(escape(f"{label}:"), style)
        self.style, self.theme = style, theme
        self.rtl = style.wordWrap == "RTL"

    _lp_inner = ("label",)  # a twin (`reuse.twin`) draws a twin of the label

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.label.wrap(avail_width * 0.6, avail_height)
        self.width, self.height = avail_width, h + self.style.fontSize * 1.3
        return self.width, self.height

    def draw(self) -> None:
        canv, style = self.canv, self.style
        label_width = max(self.label.getActualLineWidths0() or [0])
        x = self.width - self.width * 0.6 if self.rtl else 0
        self.label.drawOn(canv, x, 0)
        baseline = self.label.height - style.fontSize
        gap = style.fontSize * 0.4
        start, end = (0, self.width - label_width - gap) if self.rtl else (label_width + gap, self.width)
        canv.saveState()
        canv.setStrokeColor(self.theme.text_color)
        canv.setLineWidth(self.theme.line(1.2))
        canv.line(start, baseline - 2, end, baseline - 2)
        canv.restoreState()


class WebAddress(Flowable):
    """A label and a web address that breaks only after "/" or "." (never mid-word), each line
    a link. On a right-to-left page an address that needs more than the label's line gets its
    own lines, set left to right, so its slashes and dots stay where they belong."""

    def __init__(self, label: str, shown: str, href: str, style: ParagraphStyle, theme: Theme) -> None:
        super().__init__()
        # The label is a pattern ("Web: {web}"): its words before and after the address.
        self.before, self.after = around(label, "web")
        self.shown, self.href = shown, href
        self.style, self.theme = style, theme
        self.lines: list[Flowable] = []
        self._wrapped_at: float | None = None

    _lp_inner = ("lines",)  # a twin (`reuse.twin`) draws twins of the lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # The lines depend on the width alone; a table or the card columns ask the same width
        # many times as they measure (about 20 times a handout), so it is worked out once.
        if avail_width != self._wrapped_at:
            self._break(avail_width, avail_height)
            self._wrapped_at = avail_width
        return self.width, self.height

    def _break(self, avail_width: float, avail_height: float) -> None:
        style, prefix, suffix = self.style, self.before, escape(self.after)
        rtl = style.wordWrap == "RTL"
        width = lambda text: stringWidth(text, style.fontName, style.fontSize) * 1.02  # noqa: E731
        indent = width(prefix) * 1.1
        link = f'<a href="{escape(self.href)}" color="{self.theme.link_color}"><u>%s</u></a>'
        if width(self.shown) + indent <= avail_width or not rtl:
            pieces = url_lines(self.shown, avail_width, width, first_indent=indent)
            last = len(pieces) - 1
            self.lines = [
                paragraph(
                    (escape(prefix) if i == 0 else "")
                    + (link % escape(piece) if piece else "")
                    + (suffix if i == last else ""),
                    style,
                )
                for i, piece in enumerate(pieces)
            ]
        else:
            ltr = ParagraphStyle(f"{style.name}-url", parent=style, wordWrap=None, alignment=TA_RIGHT)
            words = escape(f"{prefix.strip()} {self.after.strip()}".strip())
            self.lines = [paragraph(words, style)] + [
                paragraph(link % escape(piece), ltr) for piece in url_lines(self.shown, avail_width, width)
            ]
        self.width = avail_width
        self.height = sum(p.wrap(avail_width, avail_height)[1] for p in self.lines)

    def draw(self) -> None:
        y = self.height
        for line in self.lines:
            y -= line.height
            line.drawOn(self.canv, 0, y)


def url_lines(url: str, width: float, measure, first_indent: float = 0.0) -> list[str]:  # noqa: ANN001
    """`url` cut into lines no wider than `width`, only after "/" or "." where possible (then
    after "-", and only as a last resort inside a word). The first line starts `first_indent`
    in (after a label); an address that fits whole on the next line is not cut at all."""
    if measure(url) + first_indent > width >= measure(url):
        return ["", url]
    pieces = [p for p in re.findall(r"[^/.]*[/.]?", url) if p]
    lines, current, room = [], "", width - first_indent
    for piece in pieces:
        if current and measure(current + piece) > room:
            lines.append(current)
            current, room = "", width
        current += piece
        while measure(current) > room:  # one piece longer than a whole line
            cut = _cut(current, room, measure)
            lines.append(current[:cut])
            current, room = current[cut:], width
    if current:
        lines.append(current)
    return lines


def _cut(text: str, room: float, measure) -> int:  # noqa: ANN001
    fits = max(1, max((i for i in range(1, len(text)) if measure(text[:i]) <= room), default=1))
    hyphen = text.rfind("-", 0, fits)
    return hyphen + 1 if hyphen > 0 else fits


def grid(
    rows: list[list],
    widths: list,
    theme: Theme,
    commands: list[tuple],
    *,
    rtl: bool = False,
    split_in_row: bool = False,
) -> Table:
    """A borderless layout table; its rows never split across pages (a card stays whole)
    unless `split_in_row`. Rows, widths and commands are in reading order; `rtl` mirrors them.

    The FONT command matters: without it ReportLab sets Helvetica in every cell, and an
    unembedded Helvetica reference ends up in the PDF even when no cell draws text with it.
    """
    table = Table(
        mirror_rows(rows, rtl),
        colWidths=mirror_widths(widths, rtl),
        splitInRow=int(split_in_row),
        hAlign="RIGHT" if rtl else "LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), theme.body_font, theme.body_size),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *[
                    (side, (0, 0), (-1, -1), 0)
                    for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
                ],
                *mirror_commands(commands, len(widths), rtl),
            ]
        )
    )
    return table


def _contact(pattern: str, name: str, shown: str, href: str | None, theme: Theme, mark: str = "") -> str:
    """A contact's markup in its label pattern (`Call: {phone}`); `mark` goes before the number."""
    value = (
        f'<a href="{escape(href)}" color="{theme.link_color}"><u>{escape(shown)}</u></a>'
        if href
        else escape(shown)
    )
    return labelled(pattern, name, mark + value, bold=False)

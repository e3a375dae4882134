"""Turn a Lesson into a SlideDeck: which slides a presentation has and what each one says.

This is the plan stage of the three slide formats (`slides`, `notes`, `slides-handout`); it does
not know how big anything is. One idea per slide, in teaching order: a title slide, objectives,
vocabulary, one slide per discussion prompt, one per activity, warning signs, key takeaways,
resources, and help in one or two slides when the lesson asks for helplines. Facilitator-only text
never goes into a slide's title or items: it is attached to the slide it belongs to as `notes`,
which only the notes format prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from .helplines import region_name
from .labels import Labels
from .markup import RichText, Run, plain_text
from .model import Activity, Helpline, Lesson, Prompt, Resource
from .regions import CALL_KINDS, CHILD_LINE, EMERGENCY, RegionHelplines
from .scripts import script_for
from .urls import phone_link

CALL_NOW = (*CALL_KINDS, EMERGENCY)  # the first help slide: numbers to call or text now
LRM = "\u200e"  # LEFT-TO-RIGHT MARK
NBSP = "\u00a0"


@dataclass(frozen=True)
class SlideItem:
    """One point on a slide: its text, a marker ("•", "1.") and a web address to show as a QR code."""

    text: RichText
    marker: str = ""
    qr: str | None = None


@dataclass(frozen=True)
class NoteBlock:
    """Facilitator text for a slide under its own heading (notes, follow-ups, safeguarding)."""

    heading: str
    texts: tuple[RichText, ...]
    marker: str = ""


@dataclass(frozen=True)
class Slide:
    """A planned slide; `kicker` is the small line above the title, e.g. "Question 2 of 5"."""

    kind: str
    title: RichText | None
    items: tuple[SlideItem, ...] = ()
    kicker: str = ""
    notes: tuple[NoteBlock, ...] = ()

    @property
    def note_texts(self) -> tuple[RichText, ...]:
        """Every facilitator text attached to this slide, in order."""
        return tuple(text for block in self.notes for text in block.texts)


@dataclass(frozen=True)
class SlideDeck:
    """The planned slides of one lesson, in presentation order."""

    lesson: Lesson
    slides: tuple[Slide, ...]


def plan_deck(lesson: Lesson, labels: Labels, helplines: RegionHelplines | None = None) -> SlideDeck:
    """The deck for a lesson: one slide per idea, facilitator text only in `notes`."""
    slides = [title_slide(lesson, labels), _bullets("objectives", labels.objectives, lesson.objectives)]
    if lesson.vocabulary:
        terms = [_join(_bold(item.term), " — ", item.definition) for item in lesson.vocabulary]
        slides.append(_bullets("vocabulary", labels.vocabulary, terms))
    count = len(lesson.discussion_prompts)
    slides += [prompt_slide(p, n, count, labels) for n, p in enumerate(lesson.discussion_prompts, 1)]
    slides += [activity_slide(a, labels) for a in lesson.activities]
    if lesson.warning_signs:
        slides.append(_bullets("warning_signs", labels.warning_signs, lesson.warning_signs))
    slides.append(_bullets("takeaways", labels.key_takeaways, lesson.key_takeaways))
    resources = lesson.resources
    if lesson.helplines and helplines is not None:
        resources = helplines.resources(resources)
    if resources:
        items = tuple(resource_item(r, labels) for r in resources)
        slides.append(Slide("resources", plain_text(labels.resources), items))
    if lesson.helplines and helplines is not None:
        slides += help_slides(helplines, labels, lesson.language)
    return SlideDeck(lesson, tuple(slides))


def title_slide(lesson: Lesson, labels: Labels) -> Slide:
    """Title, subtitle and who and how long; the lesson's facilitator notes and safeguarding."""
    items = [SlideItem(lesson.subtitle)] if lesson.subtitle else []
    facts: list[RichText | str] = []
    if lesson.audience:
        facts.append(_join(_bold(plain_text(f"{labels.audience}: ")), lesson.audience))
    elif lesson.age_range:
        facts.append(_join(_bold(plain_text(f"{labels.ages}: ")), lesson.age_range))
    if lesson.duration_minutes:
        facts.append(labels.minutes.format(n=lesson.duration_minutes))
    if facts:
        items.append(SlideItem(_join(*_between(facts, " · "))))
    notes = _notes(labels.facilitator_notes, lesson.facilitator_notes)
    notes += _notes(labels.safeguarding, lesson.safeguarding)
    return Slide("title", lesson.title, tuple(items), notes=notes)


def prompt_slide(prompt: Prompt, n: int, count: int, labels: Labels) -> Slide:
    """The question alone, with "Question n of m" above it; its notes and follow-ups as notes."""
    notes = _notes(labels.facilitator_notes, (prompt.notes,) if prompt.notes else ())
    notes += _notes(labels.follow_ups, prompt.follow_ups, "•")
    return Slide(
        "prompt",
        None,
        (SlideItem(prompt.prompt),),
        kicker=labels.question_of.format(n=n, m=count),
        notes=notes,
    )


def activity_slide(activity: Activity, labels: Labels) -> Slide:
    """The activity's title (and minutes) and its numbered steps; its notes as notes."""
    title = activity.title
    if activity.minutes:
        title = _join(title, f" ({labels.minutes_short.format(n=activity.minutes)})")
    steps = tuple(SlideItem(step, f"{i}.") for i, step in enumerate(activity.steps, 1))
    notes = _notes(labels.facilitator_notes, (activity.notes,) if activity.notes else ())
    return Slide("activity", title, steps, kicker=labels.activity, notes=notes)


def help_slides(helplines: RegionHelplines, labels: Labels, language: str) -> list[Slide]:
    """Help in one or two slides: the lines to call or text now (or where to write them in)
    first, then where to report and more help, the two slides about equally full. One line per
    service, its address shortened to the host: the handout's panel has full addresses and QR
    codes."""
    region = region_name(helplines.region, language, labels) if helplines.known else ""
    rtl = script_for(language).rtl
    now = [e for e in helplines.entries if e.kind in CALL_NOW]
    first = [compact_item(e, labels, rtl) for e in now]
    slots = helplines.write_in
    if not helplines.known:
        first.append(SlideItem(_join(_bold(plain_text(labels.local_helpline)))))
    first += [SlideItem(plain_text(f"{_slot_label(slot, labels)}: ____________________")) for slot in slots]
    if not helplines.known:
        first.append(SlideItem(plain_text(labels.number_116111)))
    rest = [compact_item(e, labels, rtl) for e in helplines.printed if e not in now]
    # Move services onto the first slide while that makes the fuller slide less full.
    while rest and _weight(first + rest[:1]) <= _weight(rest[1:]):
        first.append(rest.pop(0))
    slides = [Slide("help", plain_text(labels.get_help), tuple(first), kicker=region)]
    if rest:
        slides.append(Slide("help", plain_text(labels.more_help), tuple(rest), kicker=region))
    return slides


def _weight(items: list[SlideItem]) -> int:
    """About how many lines items take on a slide (a line holds some 60 characters)."""
    return sum(1 + len(item.text.plain) // 60 for item in items)


def compact_item(entry: Helpline, labels: Labels, rtl: bool = False) -> SlideItem:
    """A service on one line where it fits: its name, then each way to reach it. Right to
    left, a mark keeps a number's digit groups in order ("0800 1111")."""
    mark = LRM if rtl else ""
    parts: list[RichText | str | Run] = [_bold(entry.name)]
    if entry.phone:
        phone = entry.phone.plain
        parts += [" · ", f"{labels.phone}: {mark}", Run(unbroken(phone), href=phone_link(phone))]
    if entry.text:
        parts += [" · ", f"{labels.text}: {mark}", unbroken(entry.text.plain)]
    if entry.url:
        parts += [" · ", Run(host(entry.url), href=entry.url)]
    return SlideItem(_join(*parts))


def unbroken(number: str) -> str:
    """A phone number or text line that never breaks across lines (and, right to left, stays
    one run in order): its spaces become no-break spaces."""
    return number.replace(" ", NBSP)


def host(url: str) -> str:
    """The host of a web address, without `www.` (what a slide shows of a long address)."""
    shown = display_url(url).split("/", 1)[0]
    return shown.removeprefix("www.")


def _slot_label(slot: str, labels: Labels) -> str:
    return labels.child_helpline if slot == CHILD_LINE else labels.emergency_number


def resource_item(resource: Resource | Helpline, labels: Labels) -> SlideItem:
    """Name, hours, phone, text line and web address of a service; its web address as a QR code."""
    lines: list[RichText | str | Run] = [_bold(resource.name)]
    hours = getattr(resource, "hours", None)
    if hours:
        lines += ["\n", f"{labels.hours}: ", hours]
    if resource.phone:
        phone = resource.phone.plain
        lines += ["\n", f"{labels.phone}: ", Run(phone, href=phone_link(phone))]
    if resource.text:
        lines += ["\n", f"{labels.text}: ", resource.text]
    if resource.url:
        lines += ["\n", Run(display_url(resource.url), href=resource.url)]
    return SlideItem(_join(*lines), qr=resource.url)


def display_url(url: str) -> str:
    """How a web address is printed: without `https://` and a trailing slash."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
    return url.rstrip("/") if url.count("/") <= 1 else url


# -- helpers ------------------------------------------------------------------------------------


def _bullets(kind: str, title: str, texts: tuple[RichText, ...] | list[RichText]) -> Slide:
    return Slide(kind, plain_text(title), tuple(SlideItem(t, "•") for t in texts))


def _notes(heading: str, texts: tuple[RichText, ...], marker: str = "") -> tuple[NoteBlock, ...]:
    return (NoteBlock(heading, tuple(texts), marker),) if texts else ()


def _bold(text: RichText) -> RichText:
    runs = tuple(Run(r.text, True, r.italic, r.code, r.href) for r in text.runs)
    return RichText(text.source, runs, text.location)


def _between(parts: list[RichText | str], separator: str) -> list[RichText | str]:
    out: list[RichText | str] = []
    for part in parts:
        out += [separator, part] if out else [part]
    return out


def _join(*parts: RichText | str | Run) -> RichText:
    """Pieces of lesson text and lessonpress's own words as one RichText (no markup parsed)."""
    runs: list[Run] = []
    for part in parts:
        if isinstance(part, RichText):
            runs += part.runs
        elif isinstance(part, Run):
            runs.append(part)
        elif part:
            runs.append(Run(part))
    first = next((p for p in parts if isinstance(p, RichText)), None)
    return RichText("".join(r.text for r in runs), tuple(runs), first.location if first else None)

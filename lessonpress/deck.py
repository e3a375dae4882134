"""Turn a Lesson into a SlideDeck: which slides a presentation has and what each one says.

This is the plan stage of the three slide formats (`slides`, `notes`, `slides-handout`); it does
not know how big anything is. One idea per slide, in teaching order: a title slide, objectives,
vocabulary, one slide per discussion prompt, one per activity, warning signs, key takeaways,
resources, and the build region's helplines when the lesson asks for them. Facilitator-only text
never goes into a slide's title or items: it is attached to the slide it belongs to as `notes`,
which only the notes format prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from .helplines import RegionHelplines, region_name
from .labels import Labels, around
from .markup import RichText, Run, plain_text
from .model import Activity, Helpline, Lesson, Prompt, Resource
from .urls import phone_link


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
    if lesson.resources:
        items = tuple(resource_item(r, labels) for r in lesson.resources)
        slides.append(Slide("resources", plain_text(labels.resources), items))
    if lesson.helplines and helplines is not None:
        slides.append(helpline_slide(helplines, labels))
    return SlideDeck(lesson, tuple(slides))


def title_slide(lesson: Lesson, labels: Labels) -> Slide:
    """Title, subtitle and who and how long; the lesson's facilitator notes and safeguarding."""
    items = [SlideItem(lesson.subtitle)] if lesson.subtitle else []
    facts: list[RichText | str] = []
    if lesson.audience:
        facts.append(_labelled(labels.audience, "audience", lesson.audience))
    elif lesson.age_range:
        facts.append(_labelled(labels.ages, "ages", lesson.age_range))
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


def helpline_slide(helplines: RegionHelplines, labels: Labels) -> Slide:
    """The build region's helplines; outside a known region, how to find a national one."""
    title = labels.helplines_for.format(region=region_name(helplines.region, labels))
    items = [SlideItem(plain_text(labels.find_helpline))] if helplines.international else []
    items += [resource_item(entry, labels) for entry in helplines.entries]
    return Slide("helplines", plain_text(title), tuple(items))


def resource_item(resource: Resource | Helpline, labels: Labels) -> SlideItem:
    """Name, hours, phone, text line and web address of a service; its web address as a QR code."""
    lines: list[RichText | str | Run] = [_bold(resource.name)]
    hours = getattr(resource, "hours", None)
    if hours:
        lines += ["\n", *_around(labels.hours, "hours", hours)]
    if resource.phone:
        phone = resource.phone.plain
        lines += ["\n", *_around(labels.phone, "phone", Run(phone, href=phone_link(phone)))]
    if resource.text:
        lines += ["\n", *_around(labels.text, "text", resource.text)]
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


def _labelled(pattern: str, name: str, value: RichText) -> RichText:
    """A label pattern (`For: {audience}`) around a lesson text, the label's words bold."""
    before, after = around(pattern, name)
    words = [_bold(plain_text(p)) if p.strip() else p for p in (before, after)]
    return _join(words[0], value, words[1])


def _around(pattern: str, name: str, value: RichText | Run) -> list[RichText | str | Run]:
    """A label pattern's words (plain) around a value, for the lines of a slide."""
    before, after = around(pattern, name)
    return [before, value, after]


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

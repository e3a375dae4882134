"""The words lessonpress itself prints on a page ("What we will learn", "Page 1 of 2").

English is written here; every other language comes from a gettext catalog,
`lessonpress/locales/<language>.po`, with the field name as context and the English as msgid.
A project can translate them, or change lessonpress's translation, without touching the
package: `lessons/translations/<language>/labels.po` overrides the package's catalog label by
label (`lessonpress i18n labels --locale fr` writes it). A label that neither catalog translates
(or that a catalog translates with the wrong `{placeholders}`) prints in English, and the build
says so.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import LessonError, SourceLocation
from .project import LABELS_FILE, read_input

CATALOGS = Path(__file__).parent / "locales"
PLACEHOLDER = re.compile(r"{\w*}")


@dataclass(frozen=True)
class Labels:
    """Interface strings for one language."""

    objectives: str = "What we will learn"
    vocabulary: str = "Words to know"
    discussion: str = "Let’s talk about it"
    activities: str = "Activities"
    activity: str = "Activity"
    warning_signs: str = "Warning signs"
    warning_signs_intro: str = "Tick any you have noticed."
    key_takeaways: str = "Key takeaways"
    resources: str = "Help and resources"
    sources: str = "Sources"
    helplines_for: str = "Helplines: {region}"
    international: str = "anywhere in the world"
    get_help: str = "Get help"
    more_help: str = "More help"
    local_helpline: str = "Your local helpline"
    local_intro: str = "Write in the numbers for where you live, so they are here when you need them."
    child_helpline: str = "Child helpline"
    emergency_number: str = "Emergency number"
    number_116111: str = (
        "116 111 is the number reserved for child helplines in the European Union, "
        "and other countries have been asked to use it too, but it does not work "
        "everywhere: check it where you live."
    )
    help_pointer: str = "Get help: helplines and services are listed on page"
    help_now: str = "Need help now? {help}"
    help_write_in: str = "Need help now? Write your local helpline in the Get help box."
    # A label printed before a value is a pattern: its punctuation and word order are translated
    # with it ("For: {audience}", French "Pour : {audience}").
    hours: str = "Open: {hours}"
    audience: str = "For: {audience}"
    ages: str = "Ages: {ages}"
    minutes: str = "{n} minutes"
    minutes_short: str = "{n} min"
    page_of: str = "Page {n} of"
    phone: str = "Call: {phone}"
    text: str = "Text: {text}"
    web: str = "Web: {web}"
    handout: str = "Handout"
    draft_notice: str = "Draft translation — not yet reviewed"
    # slides, notes pages, slides handout
    slides: str = "Slides"
    continued: str = "{title} (continued)"
    question_of: str = "Question {n} of {m}"
    notes_pages: str = "Notes pages"
    facilitator_notes: str = "Facilitator notes"
    follow_ups: str = "Follow-up questions"
    notes_lines: str = "Notes"
    time: str = "Time"
    time_span: str = "{start}–{end} ({n} min)"
    slides_handout: str = "Slides handout"
    slide_links: str = "Links on these slides"
    slide_link: str = "Slide {n}: {site}"
    # facilitator guide
    guide: str = "Facilitator guide"
    at_a_glance: str = "At a glance"
    audience_label: str = "Audience: {audience}"
    duration: str = "Duration: {minutes}"
    materials: str = "Materials"
    objectives_short: str = "Objectives"
    run_sheet: str = "Run sheet"
    start: str = "Start"
    segment: str = "Segment"
    minutes_label: str = "Minutes"
    welcome: str = "Welcome and objectives"
    discussion_segment: str = "Discussion"
    wrap_up: str = "Wrap-up and key takeaways"
    total: str = "Total"
    over_time: str = "The activities add up to {n} minutes, more than the {m}-minute session."
    say: str = "Say"
    do: str = "Do"
    answers: str = "Notes and answers"
    prompts_with_notes: str = "Discussion prompts and notes"
    activities_steps: str = "Activities step by step"
    safeguarding: str = "Safeguarding"
    sources_links: str = "Sources"
    # course pack
    pack: str = "Course pack"
    binder: str = "Facilitator binder"
    contents: str = "Contents"
    version: str = "Version {v}"
    other_lessons: str = "More lessons"
    routes: str = "Routes through the course"
    name: str = "Name"
    date: str = "Date"
    group: str = "Group"
    licence_line: str = "Licence: {licence}"
    # check questions: exit ticket, quiz, answer key
    exit_ticket: str = "Exit ticket"
    quiz: str = "Quiz"
    answer_key: str = "Answer key"
    answer_keys: str = "Answer keys"
    not_a_test: str = "This is not a test of you: it shows what the lesson made clear."
    tick_one: str = "Tick one answer."
    tick_all: str = "Tick every right answer."
    order_hint: str = "Write 1 in the box of the first step, 2 in the next, and so on."
    match_hint: str = "Write the letter of the right meaning in the box next to each word."
    true: str = "True"
    false: str = "False"
    letters: str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    answer: str = "Answer"
    why: str = "Why"
    objective_n: str = "Objective {n}"
    on_exit_ticket: str = "On the exit ticket"
    no_questions: str = "This lesson has no check questions."
    cut_here: str = "Cut here"
    # pre/post survey and its report
    survey: str = "Survey"
    before_course: str = "Before the course"
    after_course: str = "After the course"
    your_code: str = "Your code"
    code_hint: str = (
        "Write the code your facilitator gives you, the same before and after the course. "
        "Never write your name."
    )
    how_much_agree: str = "How much do you agree? Tick one box in each row."
    what_you_know: str = "What do you know? Tick one answer for each question."
    strongly_disagree: str = "Strongly disagree"
    disagree: str = "Disagree"
    not_sure: str = "Not sure"
    agree: str = "Agree"
    strongly_agree: str = "Strongly agree"
    thank_you: str = "Thank you."
    no_survey: str = "This course has no survey."
    survey_report: str = "Survey report"
    report_intro: str = (
        "Answers to the same survey before and after the course. No names or free text are recorded."
    )
    made_on: str = "Made on {date}"
    who_answered: str = "Who answered"
    forms_used: str = "Forms used"
    before: str = "Before"
    after: str = "After"
    paired: str = "Both forms (same code)"
    rows_left_out: str = "Rows of the responses file left out because of errors: {n} (lines {lines})."
    without_consent: str = "Forms without consent, not used: {n}."
    small_groups: str = "Groups of fewer than {n} respondents are not shown (–)."
    agreement: str = "Agreement before and after"
    agree_share: str = "Share who agree or strongly agree"
    item: str = "Item"
    change: str = "Change (pairs)"
    knowledge: str = "Knowledge before and after"
    knowledge_score: str = "Knowledge score: share of questions answered right"
    right_share: str = "Share who answered right"
    how_counted: str = (
        "Agree: either of the two highest boxes. Mean: on the scale from 1 (strongly disagree). "
        "No answer counts as not right. Change: after minus before, for respondents with both forms."
    )
    # tagged PDF: what a screen reader reads for a picture
    qr_code_for: str = "QR code for {address}"
    logo_of: str = "Logo: {name}"


ENGLISH = Labels()
PROJECT_CATALOG = LABELS_FILE  # lessons/translations/<language>/labels.po: a project's own labels
MAX_CATALOG_BYTES = 1024 * 1024
UNREADABLE = "i18n.labels-unreadable"
DRAFT_HEADER = "X-Lessonpress-Status"  # "draft": not yet reviewed by a native speaker


@dataclass(frozen=True)
class Catalog:
    """A language's labels, and which ones fell back to English (None: no catalog at all)."""

    labels: Labels
    missing: tuple[str, ...] | None
    path: Path | None = None  # the project's catalog when it has one, else the package's
    draft: bool = False  # the package's catalog is a draft (its header says so)
    problems: tuple[LessonError, ...] = ()  # entries of the project's catalog that are not used


def labels_for(language: str, translations: Path | None = None) -> Labels:
    """The labels of a language (English where it has no translation); `translations` is the
    project's translations folder, whose `<language>/labels.po` overrides the package."""
    return catalog_for(language, translations).labels


def catalog_for(language: str, translations: Path | None = None) -> Catalog:
    """Labels for `pt-BR`: the project's pt-BR (else pt) labels.po over the package's pt-BR.po
    (else pt.po) over English."""
    package = package_catalog(language)
    own = project_catalog(language, translations)
    if own is None:
        return package
    try:
        info = own.stat()
    except OSError:
        return package
    return _with_project(package, own, info.st_size, info.st_mtime_ns)


def project_catalog(language: str, translations: Path | None) -> Path | None:
    """The project's labels.po for a language (or its primary language), if there is one."""
    if translations is None:
        return None
    for tag in dict.fromkeys((language, language.split("-")[0])):
        path = translations / tag / PROJECT_CATALOG
        if path.is_file():
            return path
    return None


@cache
def package_catalog(language: str) -> Catalog:
    """Labels of lessonpress's own catalog for `pt-BR` (pt-BR.po, else pt.po), else English."""
    if language.split("-")[0] == "en":
        return Catalog(ENGLISH, ())
    for tag in (language, language.split("-")[0]):
        path = CATALOGS / f"{tag}.po"
        if path.is_file():
            entries, problems, draft = read_labels(path, str(path))
            usable = {k: v[1] for k, v in entries.items()}
            missing = tuple(k for k in ENGLISH_TEXTS if k not in usable)
            return Catalog(dataclasses.replace(ENGLISH, **usable), missing, path, draft)
    return Catalog(ENGLISH, None)


@cache
def _with_project(package: Catalog, path: Path, size: int, mtime: int) -> Catalog:
    """The package's labels with the project's on top (cached per version of the file)."""
    del size, mtime  # part of the cache key only: an edited file is read again
    entries, problems, _ = read_labels(path, str(path))
    own = {k: v[1] for k, v in entries.items()}
    labels = dataclasses.replace(package.labels, **own)
    from_package = set(ENGLISH_TEXTS) - set(package.missing) if package.missing is not None else set()
    translated = from_package | set(own)
    missing = tuple(k for k in ENGLISH_TEXTS if k not in translated)
    return Catalog(labels, missing, path, package.draft and not own, tuple(problems))


ENGLISH_TEXTS = dataclasses.asdict(ENGLISH)


def read_labels(path: Path, shown: str) -> tuple[dict[str, tuple[str, str, int]], list[LessonError], bool]:
    """Usable entries of a label catalog (key -> (English it was made from, translation, line)),
    a warning for every entry that is not used, and whether the catalog says it is a draft."""
    import polib

    where = SourceLocation(shown)
    try:
        # size-checked before reading, never more than the limit + 1 bytes read (issue 13)
        raw = read_input(path, shown, MAX_CATALOG_BYTES, "is this the labels.po lessonpress wrote?")
        text = raw.decode("utf-8")
        po = polib.pofile(text + "\n", encoding="utf-8")  # text with a newline: never a file name
    except LessonError as problem:  # too large, or not a file: the package's labels are used
        hint = problem.hint
        return (
            {},
            [_warning(f"{problem.message}; not read", problem.location or where, hint, UNREADABLE)],
            False,
        )
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        found = re.search(r"line (\d+)", str(exc))
        at = SourceLocation(shown, int(found[1])) if found else where
        return {}, [_warning(f"cannot read this catalog: {exc}", at, code=UNREADABLE)], False
    entries: dict[str, tuple[str, str, int]] = {}
    problems = []
    lines = text.splitlines()
    for entry in po:
        # polib's line is the entry's first (a comment); a translator looks for its msgstr
        line = next((i + 1 for i in range(entry.linenum - 1, len(lines)) if lines[i].startswith("msgstr")), 0)
        at = SourceLocation(shown, line or entry.linenum)
        if entry.obsolete or not entry.msgstr or "fuzzy" in entry.flags:
            continue
        key = entry.msgctxt or ""
        if key not in ENGLISH_TEXTS:
            close = difflib.get_close_matches(key, list(ENGLISH_TEXTS), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "`lessonpress i18n labels` lists every label"
            problems.append(_warning(f"no label called '{key}'", at, hint))
        elif not keeps_placeholders(key, entry.msgstr):
            problems.append(
                _warning(f"the translation of '{key}' must keep {wanted(key)}; it is not used", at)
            )
        else:
            entries[key] = (entry.msgid, entry.msgstr, at.line)
    draft = po.metadata.get(DRAFT_HEADER, "").strip().lower() == "draft"
    return entries, problems, draft


def around(pattern: str, name: str) -> tuple[str, str]:
    """The words before and after `{name}` in a label pattern: `For: {audience}` -> (`For: `, ``)."""
    before, _, after = pattern.partition("{" + name + "}")
    return before, after


def labelled_markup(
    pattern: str, name: str, value: str, escape: Callable[[str], str], strong: tuple[str, str] | None
) -> str:
    """A label pattern (`For: {audience}`, French `Pour : {audience}`) around a value's markup:
    the label's words escaped and, with `strong` (open and close tags), emphasised; their spacing
    and punctuation as the translation has them. The PDF and the web page differ only in tags."""

    def words(text: str) -> str:
        core = text.strip()
        if not core or strong is None:
            return escape(text)
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        return f"{escape(lead)}{strong[0]}{escape(core)}{strong[1]}{escape(trail)}"

    before, after = around(pattern, name)
    return words(before) + value + words(after)


def keeps_placeholders(key: str, text: str) -> bool:
    """Whether a translation of a label has exactly the label's {placeholders}."""
    return sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(ENGLISH_TEXTS[key]))


def wanted(key: str) -> str:
    """The placeholders a label's translation must keep, for a message."""
    return " ".join(PLACEHOLDER.findall(ENGLISH_TEXTS[key])) or "no {placeholder}"


def _warning(
    message: str, where: SourceLocation, hint: str | None = None, code: str = "i18n.labels"
) -> LessonError:
    return LessonError(message, code=code, severity="warning", location=where, hint=hint)

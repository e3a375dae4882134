"""The lesson as a teacher thinks of it: frozen, typed values that every later stage reads.

The field list here *is* the lesson-file schema: `validate.py` converts YAML data into these types
by reading the annotations, and `schema.py` publishes them as JSON Schema. `Annotated` markers say
what a plain `str` or `int` must be (a URL, a language tag, a positive number); `metadata` on a
field gives its help text and marks facilitator-only content, which a learner output must never
show;
`translate=False` marks text that stays as written in every language (numbers, versions, names of
people), so the translation workflow (`lessonpress.i18n.fields`) reads what to translate from here
too. A list of records with an `id` field (helplines) is translated by id, any other list by
position.
"""

from __future__ import annotations

from dataclasses import Field, dataclass, field, fields, is_dataclass
from functools import cache
from typing import Annotated, Any, Generic, TypeVar, get_type_hints

from .markup import RichText


class Kind:
    """Markers for `Annotated` fields: what a scalar must look like."""

    URL = "url"
    LANGUAGE = "language"
    POSITIVE = "positive-int"
    FLAG = "flag"
    DATE = "date"
    COLOR = "color"
    NUMBER = "number"
    ID = "id"
    OBJECTIVE = "objective"
    QUESTION = "question-ref"


class OneOf(tuple):
    """A marker for `Annotated` text that must be one of a few words, e.g. a question's type."""

    __slots__ = ()


Url = Annotated[str, Kind.URL]
LanguageTag = Annotated[str, Kind.LANGUAGE]
Minutes = Annotated[int, Kind.POSITIVE]
Flag = Annotated[bool, Kind.FLAG]
IsoDate = Annotated[str, Kind.DATE]
Color = Annotated[str, Kind.COLOR]
Number = Annotated[float, Kind.NUMBER]
Slug = Annotated[str, Kind.ID]
ObjectiveRef = Annotated[str, Kind.OBJECTIVE]
QuestionRef = Annotated[str, Kind.QUESTION]
Texts = tuple[RichText, ...]


def doc(
    text: str,
    *,
    facilitator: bool = False,
    single: bool = False,
    default=None,  # noqa: ANN001, ANN201
    translate: bool = True,
):
    """A dataclass field with help text; `single` lets a list field also take one text."""
    meta = {"doc": text, "facilitator": facilitator, "single": single, "translate": translate}
    return field(default=default, metadata=meta)


def required(text: str, *, translate: bool = True):  # noqa: ANN201
    """A field the lesson file must have."""
    return field(metadata={"doc": text, "required": True, "translate": translate})


@cache
def schema_fields(cls: type) -> dict[str, tuple[Field, Any]]:
    """The schema fields of a model class, each with its annotation resolved to a real type."""
    hints = get_type_hints(cls, include_extras=True)
    return {f.name: (f, hints[f.name]) for f in fields(cls) if not f.metadata.get("internal")}


@dataclass(frozen=True)
class Prompt:
    """A discussion question; `notes` and `follow_ups` are for the facilitator only."""

    __shorthand__ = "prompt"

    prompt: RichText = required("The question learners see.")
    minutes: Minutes | None = doc("How long the group discusses it, in whole minutes.")
    notes: RichText | None = doc("What to listen for and how to steer; facilitator only.", facilitator=True)
    follow_ups: Texts = doc("Extra questions to ask; facilitator only.", facilitator=True, default=())


@dataclass(frozen=True)
class Term:
    """A word to know and what it means."""

    term: RichText = required("The word or phrase.")
    definition: RichText = required("What it means, in plain words.")


@dataclass(frozen=True)
class Activity:
    """Something the group does; `notes` are for the facilitator only."""

    title: RichText = required("Name of the activity.")
    minutes: Minutes | None = doc("How long it takes, in whole minutes.")
    steps: Texts = doc("What the group does, step by step.", default=())
    notes: RichText | None = doc("How to run it; facilitator only.", facilitator=True)


@dataclass(frozen=True)
class Resource:
    """Where to get help or learn more: a service, website or phone line."""

    name: RichText = required("Name of the service or page.")
    url: Url | None = doc("Web address (http, https, mailto or tel).")
    phone: RichText | None = doc("Phone number as it should be printed.", translate=False)
    text: RichText | None = doc("Text-message line, e.g. 'CONNECT to 686868'.")
    description: RichText | None = doc("Who it is for and what it does.")


@dataclass(frozen=True)
class Source:
    """Where a fact comes from."""

    title: RichText = required("Title of the source.")
    url: Url | None = doc("Web address of the source.")


# The kinds of check question, each with the fields only it may use (validate.py checks them).
QUESTION_TYPES: dict[str, tuple[str, ...]] = {
    "choice": ("options",),
    "true_false": ("answer",),
    "short_answer": ("model_answer", "lines"),
    "order": ("steps",),
    "match": ("pairs", "from_vocabulary"),
}
MAX_EXIT_TICKET = 3  # questions on an exit ticket


@dataclass(frozen=True)
class Option:
    """One answer of a choice question; `correct` marks a right one (learners never see it)."""

    __shorthand__ = "text"

    text: RichText = required("The answer as learners read it.")
    correct: Flag = doc("`true` for a right answer.", facilitator=True, default=False)


@dataclass(frozen=True)
class Question:
    """A check question; its answer and explanation are for the facilitator only.

    `tag` names the objective the question checks by its position in `objectives`, counted from 1
    ("objective 2"), so it stays right in every translation of the lesson.
    """

    id: Slug = required("Short name, unique in the lesson, e.g. 'paying-makes-it-stop'.")
    type: Annotated[str, OneOf(QUESTION_TYPES)] = required(
        "What kind of question: " + ", ".join(QUESTION_TYPES) + "."
    )
    question: RichText = required("The question (or, for true_false, the statement) learners read.")
    options: tuple[Option, ...] = doc("choice: the answers, the right ones with `correct: true`.", default=())
    answer: Flag | None = doc("true_false: whether the statement is true.", facilitator=True)
    model_answer: RichText | None = doc("short_answer: a good answer, for the answer key.", facilitator=True)
    lines: Minutes | None = doc("short_answer: how many lines learners get to write on (default 3).")
    steps: Texts = doc("order: the steps in the right order; learners get them shuffled.", default=())
    pairs: tuple[Term, ...] = doc("match: terms and what they mean; learners match them.", default=())
    from_vocabulary: Flag = doc("match: use the lesson's words to know as the pairs.", default=False)
    explanation: RichText | None = doc("Why the answer is right, for the answer key.", facilitator=True)
    tag: ObjectiveRef | None = doc("The objective it checks: 'objective N', counting from 1.")


@dataclass(frozen=True)
class Check:
    """Questions that check what learners understood: the quiz, exit ticket and answer key."""

    questions: tuple[Question, ...] = required("The questions, in order.")
    exit_ticket: tuple[Slug, ...] = doc(
        f"Ids of the questions on the exit ticket, at most {MAX_EXIT_TICKET} (default: the first ones).",
        default=(),
    )

    def ticket(self) -> tuple[Question, ...]:
        """The exit ticket's questions: those it names, else the first ones."""
        if not self.exit_ticket:
            return self.questions[:MAX_EXIT_TICKET]
        by_id = {q.id: q for q in self.questions}
        return tuple(by_id[i] for i in self.exit_ticket if i in by_id)


@dataclass(frozen=True)
class Translation:
    """About a translated lesson: whether it has been reviewed, and by whom."""

    status: str = doc("draft (not yet reviewed by a native speaker) or reviewed.", default="draft")
    translators: Texts = doc("Who translated and reviewed it.", single=True, default=())

    @property
    def draft(self) -> bool:
        """True until a native speaker has reviewed the translation."""
        return self.status != "reviewed"


@dataclass(frozen=True)
class Lesson:
    """One lesson plan: what learners see and what only the facilitator sees."""

    title: RichText = required("Title of the lesson.")
    objectives: Texts = required("What learners will be able to do (at least one).")
    discussion_prompts: tuple[Prompt, ...] = required("Questions for discussion (at least one).")
    key_takeaways: Texts = required("What learners should remember (at least one).")
    subtitle: RichText | None = doc("A line under the title.")
    audience: RichText | None = doc("Who the lesson is for, e.g. 'Teens (13-17)'.")
    age_range: RichText | None = doc("Ages, e.g. '13-17'.", translate=False)
    duration_minutes: Minutes | None = doc("Length of the session in whole minutes.")
    language: LanguageTag = doc("BCP 47 language tag of the lesson text, e.g. en, es, pt-BR.", default="en")
    summary: RichText | None = doc("Two or three sentences that introduce the lesson.")
    materials: Texts = doc("What to bring or prepare.", default=())
    vocabulary: tuple[Term, ...] = doc("Words to know.", default=())
    activities: tuple[Activity, ...] = doc("Activities, in order.", default=())
    warning_signs: Texts = doc("Warning signs, printed as a checklist.", default=())
    resources: tuple[Resource, ...] = doc("Where to get help.", default=())
    helplines: Flag = doc("Print the helplines of the build's region.", default=False)
    name_line: Flag | None = doc(
        "Print a Name / Date / Group line under the handout's title (default: yes for lessons whose"
        " id starts with teens or preteens, the audiences who hand in worksheets; no otherwise).",
        translate=False,
    )
    check: Check | None = doc("Questions that check understanding: exit ticket, quiz and answer key.")
    facilitator_notes: Texts = doc(
        "Notes for the facilitator only.", facilitator=True, single=True, default=()
    )
    safeguarding: Texts = doc(
        "Ground rules, opt-out and what to do if a learner discloses harm; facilitator only.",
        facilitator=True,
        single=True,
        default=(),
    )
    sources: tuple[Source, ...] = doc("Where the facts come from.", default=())
    version: RichText | None = doc("Version of this lesson, e.g. '1.2'.", translate=False)
    authors: Texts = doc("Who wrote the lesson.", single=True, default=(), translate=False)
    license: RichText | None = doc("Licence of the lesson text, e.g. 'CC BY 4.0'.", translate=False)
    translation: Translation | None = doc("In a translation file only: its review state.", translate=False)
    lesson_id: str = field(default="", metadata={"internal": True})
    source_path: str = field(default="", metadata={"internal": True})

    def texts(self) -> tuple[RichText, ...]:
        """Every text of the lesson, learner and facilitator alike. Worked out once per lesson
        object (the check, the font chooser and the job runner each ask for them)."""
        found: tuple[RichText, ...] | None = self.__dict__.get("_texts")
        if found is None:
            found = (*self.learner_texts(), *self.facilitator_texts())
            object.__setattr__(self, "_texts", found)  # a frozen lesson's own memo, not a field
        return found

    def learner_texts(self) -> list[RichText]:
        """Every text a learner output may print (used to prove nothing else leaks)."""
        return list(_walk(self, facilitator=False))

    def facilitator_texts(self) -> list[RichText]:
        """Every facilitator-only text: must never appear in a learner output."""
        return list(_walk(self, facilitator=True))


@dataclass(frozen=True)
class Unit:
    """A group of lessons in a course, in teaching order."""

    title: RichText = required("Name of the unit, e.g. 'For teens (13-17)'.")
    lessons: tuple[str, ...] = required("Lesson ids (file names without .yaml), in order.")
    description: RichText | None = doc("One or two sentences about the unit.")


@dataclass(frozen=True)
class Route:
    """A short path through the course, e.g. the core lessons for a group with only two sessions."""

    title: RichText = required("Name of the route, e.g. 'Core route: two sessions'.")
    lessons: tuple[str, ...] = required("Lesson ids (file names without .yaml), in teaching order.")
    description: RichText | None = doc("Who the route is for and why these lessons.")


LIKERT_POINTS = ("5", "4")  # an agree/disagree scale with a middle point, or without
KNOWLEDGE_TYPES = ("choice", "true_false")  # check questions a survey can score from a letter


@dataclass(frozen=True)
class SurveyItem:
    """One item of the survey: a statement to agree or disagree with, or a knowledge item drawn
    from a lesson's check question (its answer is scored, never printed)."""

    id: Slug = required("Short name, unique in the survey: the item's column in the responses file.")
    statement: RichText | None = doc("A statement respondents agree or disagree with.")
    question: QuestionRef | None = doc(
        "A knowledge item: a check question of a lesson, 'lesson-id/question-id' (choice with one "
        "right option, or true_false)."
    )


@dataclass(frozen=True)
class Survey:
    """The same short survey before and after the course, on paper, to show what changed."""

    consent: RichText = required("The consent line respondents tick before they answer.")
    items: tuple[SurveyItem, ...] = required("The statements and knowledge items, in order.")
    title: RichText | None = doc("Title of the form (default: the course's title).")
    intro: RichText | None = doc("What respondents read first: why it is asked, that no names are written.")
    scale: Annotated[str, OneOf(LIKERT_POINTS)] = doc(
        "Points of the agree/disagree scale: 5 (with a middle point) or 4.", default="5"
    )

    @property
    def points(self) -> int:
        """How many points the agree/disagree scale has (4 or 5)."""
        return int(self.scale)


@dataclass(frozen=True)
class Course:
    """A curriculum: its title and the order of its lessons (lessons/curriculum.yaml)."""

    title: RichText = required("Title of the course, printed on the pack's cover.")
    description: RichText | None = doc("What the course is about, for the cover.")
    organisation: RichText | None = doc("Who publishes it, for the cover.")
    version: RichText | None = doc("Version of the course, e.g. '1.0'.", translate=False)
    date: IsoDate | None = doc("Date printed on the cover, YYYY-MM-DD (default: today).")
    units: tuple[Unit, ...] = doc("Units with their lessons, in order.", default=())
    routes: tuple[Route, ...] = doc(
        "Short routes through the course, e.g. for groups that get only two sessions.", default=()
    )
    survey: Survey | None = doc("A pre/post survey of the course, printed as paper forms, reported on.")
    language: LanguageTag = doc("BCP 47 language tag of the course text.", default="en")
    translation: Translation | None = doc("In a translation file only: its review state.", translate=False)
    source_path: str = field(default="", metadata={"internal": True})

    def lesson_ids(self) -> list[str]:
        """Every lesson id named by the course, in order."""
        return [lesson_id for unit in self.units for lesson_id in unit.lessons]

    def texts(self) -> list[RichText]:
        """Every text of the course: its own, its units' and its routes' titles and descriptions."""
        return list(_walk(self, facilitator=False))


# What a helpline entry is for. A learner output must always show a way to call or text for
# help: a region's `child-helpline` (or, where none is verified, a `crisis` line) and `emergency`.
HELPLINE_KINDS = ("child-helpline", "crisis", "emergency", "police", "report", "support", "directory")


@dataclass(frozen=True, kw_only=True)
class Helpline:
    """A helpline or reporting route for one region, with where and when it was verified."""

    id: str = required("Stable identifier, e.g. 'gb-childline': translations and tests refer to it.")
    region: str = required("Country code (US, GB, CA, AU, IN) or INTL for services anywhere.")
    kind: str = required("What it is: " + ", ".join(HELPLINE_KINDS) + ".")
    name: RichText = required("Name of the service.")
    phone: RichText | None = doc("Phone number as printed.", translate=False)
    text: RichText | None = doc("Text-message line (its keyword is sent as written).", translate=False)
    url: Url | None = doc("Web address.")
    hours: RichText | None = doc("Opening hours, only where the source states them.")
    description: RichText | None = doc("Who it is for and what it does.")
    source: Url = required("The page the entry was verified against.")
    verified: IsoDate = required("When the entry was last verified, YYYY-MM-DD.")
    confidence: str = required("HIGH or MEDIUM, as the fact base marks it.")


@dataclass(frozen=True)
class HelplineBook:
    """Every helpline the curriculum knows (assets/helplines.yaml)."""

    helplines: tuple[Helpline, ...] = required("The helplines, grouped by region.")
    language: LanguageTag = doc("BCP 47 language tag of the names and descriptions.", default="en")
    translation: Translation | None = doc("In a translation file only: its review state.", translate=False)

    def regions(self) -> list[str]:
        """Region codes with at least one entry, in file order."""
        return list(dict.fromkeys(h.region for h in self.helplines))

    def for_region(self, region: str) -> tuple[Helpline, ...]:
        """The entries of one region (INTL for services that work anywhere)."""
        return tuple(h for h in self.helplines if h.region == region)


T = TypeVar("T")


@dataclass(frozen=True)
class Localized(Generic[T]):
    """A course or helpline book with its translations; an output prints the one of its language."""

    source: T
    translations: tuple[tuple[str, T], ...] = ()

    def for_language(self, language: str) -> T:
        """The translation into `language` (or its base language), else the source."""
        found = dict(self.translations)
        return found.get(language) or found.get(language.split("-")[0]) or self.source


def _walk(value: object, *, facilitator: bool, inside: bool = False):  # noqa: ANN202
    """Yield the RichTexts of a model value, split by whether they are facilitator-only."""
    if isinstance(value, RichText):
        if inside == facilitator:
            yield value
    elif isinstance(value, Translation):
        return
    elif isinstance(value, tuple):
        for item in value:
            yield from _walk(item, facilitator=facilitator, inside=inside)
    else:
        for name, hidden in _walked_fields(type(value)):  # type: ignore[arg-type]
            yield from _walk(getattr(value, name), facilitator=facilitator, inside=inside or hidden)


@cache
def _walked_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """A model class's fields as (name, facilitator-only), none for a class that is not a
    dataclass; read once per class (`texts()` walks every value of a lesson)."""
    if not is_dataclass(cls):
        return ()
    return tuple((f.name, bool(f.metadata.get("facilitator", False))) for f in fields(cls))

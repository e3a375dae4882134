"""Decide the outputs: settings and the lessons found -> every file a build makes.

This is the one place that decides what a build writes, where, and from what. The build plans
from it, the no-op check ("is everything current?") plans from it with the facts the last build
recorded, watch mode rebuilds through it, and the build state is keyed by the paths it gives.
It imports nothing heavy and reads no YAML: a lesson's language and the curriculum's lessons are
facts handed in, from the checked lessons or from the state.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from .errors import LessonError, SourceLocation
from .formats import FORMATS, FormatSpec, wanted_formats
from .incremental import digest, file_digest
from .project import (
    LABELS_FILE,
    LOCALE_FILES,
    TRANSLATION_RECORD,
    Found,
    LessonFile,
    TranslationFile,
    find_translations,
    translations_dir,
)
from .settings import BuildSettings


@dataclass(frozen=True)
class Source:
    """A lesson file found, its content hash, and its translations' (a translation's hash
    covers its source and the translator's shared files of its locale)."""

    file: LessonFile
    digest: str
    given: bool  # named by the user (directly or by folder): every lesson format is built
    translations: tuple[tuple[TranslationFile, str], ...] = ()


@dataclass(frozen=True)
class Unit:
    """A lesson in one language: a lesson file, or one of its translations."""

    file: LessonFile
    language: str
    digest: str
    translation: TranslationFile | None = None
    given: bool = True
    filled: frozenset[str] = frozenset()  # fields some format needs that the lesson fills

    @property
    def shown(self) -> str:
        """The file it is read from, as the user named it."""
        return self.translation.shown if self.translation else self.file.shown

    @property
    def lesson_id(self) -> str:
        """The lesson's id (its file name), the same in every language."""
        return self.file.lesson_id


@dataclass(frozen=True)
class CourseFacts:
    """The course the pack is made from: the lesson files of its folder and, with a
    curriculum.yaml, the lessons it names in order."""

    folder: str
    lessons: frozenset[Path]  # resolved paths of the folder's lesson files
    lesson_ids: tuple[str, ...] | None  # None: no curriculum.yaml (every lesson, by id)
    curriculum: str | None  # shown path of curriculum.yaml
    digest: str  # its content, and the translated curricula
    filled: frozenset[str] = frozenset()  # fields some format needs that the curriculum fills


@dataclass(frozen=True)
class Output:
    """One file a build makes: where, in which format and language, from which lessons, and
    the fingerprint of everything its bytes depend on."""

    path: Path
    format: str
    language: str
    units: tuple[Unit, ...]
    fingerprint: str

    @property
    def spec(self) -> FormatSpec:
        """The output's format."""
        return FORMATS[self.format]


@dataclass(frozen=True)
class Plan:
    """The outputs of a build, in build order, and the problems found deciding them."""

    outputs: tuple[Output, ...]
    problems: tuple[LessonError, ...] = ()


def sources_of(found: Found, locales: tuple[str, ...] | None) -> list[Source]:
    """Every lesson file to read, fingerprinted with its translations (bytes only, no YAML)."""
    given = {f.path.resolve() for f in found.given}
    folders: dict[Path, str] = {}  # each locale folder hashed once, not once per translation
    out = []
    for file in found.files():
        source = file_digest(file.path)
        translations = []
        for t in find_translations(file, locales):
            if t.path.parent not in folders:
                folders[t.path.parent] = _locale_digest(t.path.parent)
            translations.append((t, digest(source, file_digest(t.path), folders[t.path.parent])))
        out.append(Source(file, digest(source), file.path.resolve() in given, tuple(translations)))
    return out


def _locale_digest(folder: Path) -> str:
    """The files of a locale folder that every translation in it may print (helplines, course),
    and its translation record, which decides the build's stale-string warning."""
    return digest(*(f"{name}={file_digest(folder / name)}" for name in (*LOCALE_FILES, TRANSLATION_RECORD)))


def units_of(
    sources: list[Source],
    language_of: Callable[[Source], str | None],
    filled_of: Callable[[Source], Collection[str] | None] = lambda source: (),
) -> list[Unit] | None:
    """Each source lesson and each translation as a unit; None when a source's language (or
    which of the fields formats need it fills) is not known (not read, or failed to load)."""
    units = []
    for source in sources:
        language, filled = language_of(source), filled_of(source)
        if language is None or filled is None:
            return None
        has = frozenset(filled)  # a translation has what its source has (it cannot add a field)
        units.append(Unit(source.file, language, source.digest, None, source.given, has))
        units += [Unit(source.file, t.locale, d, t, source.given, has) for t, d in source.translations]
    return units


def plan_outputs(settings: BuildSettings, units: list[Unit], course: CourseFacts | None, shared: str) -> Plan:
    """Every output the settings ask for, from these units; collisions are errors.

    `shared` fingerprints what every output depends on (the tool, the helpline file). Two
    lessons that would write the same file make neither, with an error naming both, and a
    translation into its lesson's own language is refused (it would replace the lesson's PDFs).
    """
    problems = []
    same = [u for u in units if u.translation and u.language == _source_language(units, u)]
    problems += [_same_language(u) for u in same]
    units = [u for u in units if u not in same]
    outputs, found = _plan(settings, units, course, shared)
    problems += found
    clashing = _collisions(outputs)
    if clashing:
        problems += [_collision(group, outputs) for group in clashing]
        dropped = {u.file.path for group in clashing for u in group}
        outputs, _ = _plan(settings, [u for u in units if u.file.path not in dropped], course, shared)
    return Plan(tuple(outputs), tuple(problems))


def _plan(
    settings: BuildSettings, units: list[Unit], course: CourseFacts | None, shared: str
) -> tuple[list[Output], list[LessonError]]:
    formats = wanted_formats(settings)
    sources = {u.file.path: u for u in units if u.translation is None}
    outputs: list[Output] = []
    problems: list[LessonError] = []
    memo: dict = {}  # label catalogs' digests, by folder and language
    for fmt in formats:
        spec, key = FORMATS[fmt], settings.output_key(fmt)
        if spec.inputs == "course":
            if course is not None and (spec.needs is None or spec.needs in course.filled):
                outputs += _course_outputs(settings, spec, units, course, digest(shared, *key), memo)
            continue
        paired = getattr(settings, spec.requested_by) if spec.requested_by else None
        for unit in units:
            made_of: tuple[Unit, ...] = (unit,)
            if not unit.given or (spec.needs and spec.needs not in unit.filled):
                continue  # not asked for; or a quiz of a lesson without questions
            if spec.inputs == "lesson+source" and unit.translation and unit.file.path in sources:
                made_of = (unit, sources[unit.file.path])
            if spec.inputs == "translation":
                if unit.translation is None or unit.language != paired or unit.file.path not in sources:
                    continue
                made_of = (unit, sources[unit.file.path])
            name = spec.file_name(settings, unit.lesson_id)
            outputs.append(_output(settings, fmt, unit.language, made_of, name, digest(shared, *key), memo))
    if course is not None and any(FORMATS[f].scope == "course" for f in formats):
        problems += _outside_course(units, course)
    order = {fmt: i for i, fmt in enumerate(formats)}
    outputs.sort(
        key=lambda o: (o.units[0].lesson_id if o.spec.scope == "lesson" else "~", o.language, order[o.format])
    )
    return outputs, problems


def _output(
    settings: BuildSettings,
    fmt: str,
    language: str,
    units: tuple[Unit, ...],
    name: str,
    base: str,
    memo: dict,
    *extra: str,
) -> Output:
    parts = [f"{u.lesson_id}:{u.language}={u.digest}" for u in units]
    labels = _labels_digest(translations_dir(units[0].file.path), language, memo)
    return Output(
        settings.out_dir / language / name, fmt, language, units, digest(base, fmt, *parts, *extra, labels)
    )


def _labels_digest(translations: Path, language: str, memo: dict) -> str:
    """The project's label catalogs an output in `language` may print (labels.po of the
    language and of its primary language), so that editing one rebuilds what prints it.
    Read once per plan (`memo`): a language's outputs all print the same catalogs."""
    if (translations, language) not in memo:
        tags = dict.fromkeys((language, language.split("-")[0]))
        catalogs = (file_digest(translations / tag / LABELS_FILE) for tag in tags)
        memo[translations, language] = digest(*catalogs)
    return memo[translations, language]


def _course_outputs(
    settings: BuildSettings, spec: FormatSpec, units: list[Unit], course: CourseFacts, base: str, memo: dict
) -> list[Output]:
    """One output per language, of the course's lessons in that language, in course order."""
    members = [u for u in units if _in_course(u, course)]
    rank = {lesson_id: i for i, lesson_id in enumerate(course.lesson_ids or ())}
    languages = sorted({u.language for u in members})
    out = []
    for language in languages:
        group = sorted(
            (u for u in members if u.language == language),
            key=lambda u: (rank.get(u.lesson_id, len(rank)), u.lesson_id),
        )
        name = spec.file_name(settings)
        out.append(_output(settings, spec.name, language, tuple(group), name, base, memo, course.digest))
    return out


def _in_course(unit: Unit, course: CourseFacts) -> bool:
    in_folder = unit.file.path.resolve() in course.lessons
    return in_folder and (course.lesson_ids is None or unit.lesson_id in course.lesson_ids)


def _outside_course(units: list[Unit], course: CourseFacts) -> list[LessonError]:
    """One warning naming the lessons built that no course pack will contain."""
    outside = sorted({u.file.shown for u in units if u.given and not _in_course(u, course)})
    if not outside:
        return []
    where = course.curriculum or course.folder
    why = f"not listed in {course.curriculum}" if course.curriculum else f"not in the folder {course.folder}"
    shown = ", ".join(outside[:6]) + (" ..." if len(outside) > 6 else "")
    count = f"{len(outside)} lesson{'s are' if len(outside) != 1 else ' is'}"
    return [
        LessonError(
            f"{count} in no course pack ({why}): {shown}",
            code="course.not-in-pack",
            severity="warning",
            location=SourceLocation(where),
            hint="add the lesson ids to the curriculum's units to put them in the pack"
            if course.curriculum
            else None,
        )
    ]


def _source_language(units: list[Unit], unit: Unit) -> str | None:
    return next((u.language for u in units if u.translation is None and u.file.path == unit.file.path), None)


def _same_language(unit: Unit) -> LessonError:
    return LessonError(
        f"this translation is in its lesson's own language ('{unit.language}'): it would replace "
        f"the lesson's PDFs, so it is not built",
        code="i18n.same-language",
        location=SourceLocation(unit.shown),
        hint=f"translations/{unit.language}/ is for translations into {unit.language} of lessons "
        "written in another language; remove this file or move it",
    )


def _collisions(outputs: list[Output]) -> list[tuple[Unit, ...]]:
    """Groups of lesson files whose outputs would be written to the same path."""
    by_path: dict[Path, list[Output]] = {}
    for output in outputs:
        by_path.setdefault(output.path, []).append(output)
    groups: dict[frozenset[Path], tuple[Unit, ...]] = {}
    for same in by_path.values():
        if len(same) > 1:
            units = {u.file.path: u for o in same for u in o.units}
            files = frozenset(units)
            if len(files) > 1:
                groups.setdefault(files, tuple(sorted(units.values(), key=lambda u: u.file.shown)))
    return list(groups.values())


def _collision(group: tuple[Unit, ...], outputs: list[Output]) -> LessonError:
    files = sorted({u.file.shown for u in group})
    paths = sorted(
        {str(o.path) for o in outputs if {u.file.path for u in o.units} & {u.file.path for u in group}}
    )
    clashing = [p for p in paths if sum(1 for o in outputs if str(o.path) == p) > 1]
    more = f" (and {len(clashing) - 1} other file{'s' * (len(clashing) != 2)})" if len(clashing) > 1 else ""
    return LessonError(
        f"{' and '.join(files)} would both be written to {clashing[0]}{more}, so neither is built",
        code="build.collision",
        location=SourceLocation(files[-1]),
        hint="rename one of them: a lesson's outputs are named after its file name",
    )

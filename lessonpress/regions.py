"""Turn a build's settings and an output's language into the helplines its "Get help" panel shows.

The region of an output comes from, in order: `--region`; the project's region for exactly the
output's locale (lessonpress.toml's `[regions]`, e.g. `es-AR = "AR"`); the country in the language
tag (`en-GB`); the project's region for the tag's language (`es = "MX"`), when the tag names no
country; the project-wide `region`; else none. A tag that names a country without helplines
gives no region rather than another country's: a child in Venezuela must not get Mexico's lines.

Whatever the region, a learner output shows a way to call or text for help: the region's child
helpline (or, where none is verified, a crisis line) and its emergency number, each replaced by
a labelled line to write the number in where the fact base verifies none. With no region, the
panel opens with a "Your local helpline" box to fill in, above the services that work anywhere.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from .config import NO_REGION_DEFAULTS, RegionDefaults
from .errors import LessonError, SourceLocation
from .helplines import INTERNATIONAL, country_name, normalise_region
from .model import HELPLINE_KINDS, Helpline, HelplineBook, Resource

CALL_KINDS = ("child-helpline", "crisis")  # a line a young person can call or text, best first
CHILD_LINE, EMERGENCY = "child-helpline", "emergency"  # the two numbers every learner page needs


@dataclass(frozen=True)
class RegionHelplines:
    """What an output's "Get help" panel shows: its region's entries and those that work anywhere.

    `region` is INTL when no region is known. `elsewhere` holds the entries that work only in
    other regions: they are never printed, and a lesson resource that is one of them is hidden.
    """

    region: str
    entries: tuple[Helpline, ...] = ()
    international: tuple[Helpline, ...] = ()
    elsewhere: tuple[Helpline, ...] = ()

    @property
    def known(self) -> bool:
        """True when the output is for one region (not only the services that work anywhere)."""
        return self.region != INTERNATIONAL

    @property
    def child_line(self) -> Helpline | None:
        """The region's child helpline, else its crisis line (None when neither is verified)."""
        for kind in CALL_KINDS:
            found = next((e for e in self.entries if e.kind == kind), None)
            if found:
                return found
        return None

    @property
    def emergency(self) -> Helpline | None:
        """The region's emergency number (None when the fact base verifies none)."""
        return next((e for e in self.entries if e.kind == EMERGENCY), None)

    @property
    def write_in(self) -> tuple[str, ...]:
        """The numbers the reader must write in: CHILD_LINE and/or EMERGENCY."""
        return tuple(
            slot
            for slot, entry in ((CHILD_LINE, self.child_line), (EMERGENCY, self.emergency))
            if entry is None
        )

    @property
    def printed(self) -> tuple[Helpline, ...]:
        """Every entry the panel prints, in order."""
        return self.entries + self.international

    def resources(self, resources: Iterable[Resource]) -> tuple[Resource, ...]:
        """The resources a lesson prints beside this panel: not a service the panel prints
        already (it prints once), nor one that works only in another region. A resource is
        such a service when it shares a web address or a number with the entry (`_contacts`)."""
        taken = set().union(*(_contacts(e) for e in (*self.printed, *self.elsewhere)))
        return tuple(r for r in resources if not _contacts(r) & taken)


def select(
    book: HelplineBook | None,
    language: str,
    requested: str | None = None,
    defaults: RegionDefaults = NO_REGION_DEFAULTS,
) -> RegionHelplines:
    """The helplines an output in `language` shows (no book: the write-in box alone)."""
    if book is None:
        return RegionHelplines(INTERNATIONAL)
    region = resolve_region(language, requested, defaults, book.regions()) or INTERNATIONAL
    rank = {kind: i for i, kind in enumerate(HELPLINE_KINDS)}
    entries = (
        ()
        if region == INTERNATIONAL
        else tuple(sorted(book.for_region(region), key=lambda e: rank.get(e.kind, len(rank))))
    )
    anywhere = tuple(
        e for e in book.for_region(INTERNATIONAL) if region == INTERNATIONAL or e.kind != "directory"
    )
    elsewhere = tuple(e for e in book.helplines if e.region not in (region, INTERNATIONAL))
    return RegionHelplines(region, entries, anywhere, elsewhere)


def resolve_region(
    language: str, requested: str | None, defaults: RegionDefaults, regions: Collection[str]
) -> str | None:
    """The region an output in `language` is for, or None when none is known (see module doc)."""
    if requested:
        return normalise_region(requested)
    exact = defaults.for_locale(language)
    if exact:
        return normalise_region(exact)
    parts = language.split("-")
    country = next((normalise_region(p) for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if country:
        return country if country in regions else None
    for_language = defaults.for_locale(parts[0])
    if for_language:
        return normalise_region(for_language)
    return normalise_region(defaults.region) if defaults.region else None


def region_problems(
    requested: str | None, defaults: RegionDefaults, book: HelplineBook | None, shown: str
) -> list[LessonError]:
    """An error for every region asked for (flag or project setting) that has no helplines."""
    known = sorted({*(book.regions() if book else []), INTERNATIONAL})
    asked: list[tuple[str, SourceLocation | None]] = (
        [(requested, SourceLocation("--region"))] if requested else []
    )
    asked += [(code, defaults.location(f"regions.{locale}")) for locale, code in defaults.by_locale]
    if defaults.region:
        asked.append((defaults.region, defaults.location("region")))
    problems = []
    for code, where in asked:
        if normalise_region(code) in known:
            continue
        guess = suggest(code, known)
        hint = f"did you mean '{guess}'? " if guess else ""
        problems.append(
            LessonError(
                f"no helplines for region '{code}' in {shown}",
                code="helplines.region",
                location=where,
                hint=hint
                + "regions with helplines: "
                + ", ".join(known)
                + " (INTL: no country, only the services that work anywhere)",
            )
        )
    return problems


def suggest(code: str, known: list[str]) -> str | None:
    """The known region a mistyped one most likely meant: by country name, else by spelling."""
    wanted = code.strip().casefold()
    by_name = {(country_name(k) or k).casefold(): k for k in known}
    close = difflib.get_close_matches(wanted, list(by_name), n=1, cutoff=0.75)
    if close:
        return by_name[close[0]]
    close = difflib.get_close_matches(normalise_region(code), known, n=1, cutoff=0.5)
    return close[0] if close else None


def unknown_region_warning(languages: Iterable[str], regions: list[str]) -> list[LessonError]:
    """One warning naming every language whose outputs know no region (they get write-in boxes)."""
    missing = sorted(set(languages))
    if not missing:
        return []
    example = missing[0].split("-")[0]
    return [
        LessonError(
            f'no helpline region for {", ".join(missing)}: learner outputs print a "Your local '
            'helpline" box to write the child helpline and emergency number in',
            code="helplines.no-region",
            severity="warning",
            hint=f"set one with --region CODE, or for each language in lessonpress.toml, under "
            f'[regions]: {example} = "CODE" (regions with helplines: '
            f"{', '.join(sorted(regions))})",
        )
    ]


@lru_cache(maxsize=4096)
def _contacts(item: Resource | Helpline) -> frozenset[str]:
    """A service's web address and numbers, as compared (every panel compares the same ones)."""
    out = {"web:" + _address(item.url)} if item.url else set()
    for field in (item.phone, item.text):
        if field is not None:
            out |= {"tel:" + d for d in _numbers(field.plain)}
    return frozenset(out)


def _address(url: str) -> str:
    """A web address as compared: no scheme, no `www.`, no trailing slash, host in lower case."""
    url = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.I)
    host, _, path = url.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{path}".rstrip("/")


def _numbers(text: str) -> set[str]:
    """The numbers a contact line dials: its longest number, and any other of 5+ digits
    (so "1-800-CALL-FBI" does not make every US toll-free line look alike)."""
    groups = [re.sub(r"\D", "", g) for g in re.findall(r"\+?\d[\d\s().-]*\d", text)]
    groups = [g for g in groups if len(g) >= 3]
    if not groups:
        return set()
    longest = max(groups, key=len)
    return {longest} | {g for g in groups if len(g) >= 5}

"""Helplines: load and check the verified list, name its regions, flag stale entries.

Helplines differ by country, and a wrong number on a child-safety handout can do real harm, so
they live in one reviewed data file (`assets/helplines.yaml`), each entry with its source, the
date it was verified and the fact base's confidence. Which entries an output prints is decided
in `regions.py`.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from pathlib import Path

from .config import NO_REGION_DEFAULTS
from .country_names import COUNTRY_NAMES
from .errors import LessonError, SourceLocation
from .model import HELPLINE_KINDS, HelplineBook
from .project import read_input
from .validate import Converter
from .yamlio import load_yaml

HELPLINES_FILE = Path("assets") / "helplines.yaml"
INTERNATIONAL = "INTL"
ALIASES = {"UK": "GB"}
STALE_AFTER_DAYS = 365
CONFIDENCES = ("HIGH", "MEDIUM")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NOT_COUNTRIES = {"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"}  # Babel's groupings and pseudo-regions


def region_name(code: str, language: str, labels) -> str:  # noqa: ANN001 - Labels, kept import-free
    """How a region is named on a page in `language`: its country name in that language."""
    if code == INTERNATIONAL:
        return labels.international
    return country_name(code, language) or code


@cache
def country_name(code: str, language: str = "en") -> str | None:
    """A country's name in a language (Babel's territory names), None for an unknown code."""
    if not (len(code) == 2 and code.isalpha()) or code in _NOT_COUNTRIES:
        return None
    for tag in (language, language.split("-")[0], "en"):
        known = COUNTRY_NAMES.get(tag, {}).get(code)
        if known:  # the shipped regions in the shipped languages: no need to load Babel
            return known
        from babel import Locale, UnknownLocaleError

        try:
            name = Locale.parse(tag.replace("-", "_")).territories.get(code)
        except (ValueError, UnknownLocaleError):
            continue
        if name:
            return name
    return None


def normalise_region(code: str) -> str:
    """`uk` -> `GB`; `intl` -> `INTL`."""
    code = code.strip().upper()
    return ALIASES.get(code, code)


def load_helplines(path: Path, shown: str | None = None) -> tuple[HelplineBook | None, list[LessonError]]:
    """Load and check the helpline file; entries must have a known confidence and region code."""
    shown = shown or str(path)
    try:
        document = load_yaml(read_input(path, shown), shown)
    except LessonError as problem:
        return None, [problem]
    except OSError as exc:
        return None, [
            LessonError(
                f"cannot read the file: {exc.strerror or exc}",
                code="input.unreadable",
                location=SourceLocation(shown),
            )
        ]
    converter = Converter(document)
    book = converter.root(HelplineBook, "a helpline file")
    problems = converter.problems
    if book is None:
        return None, problems
    seen: set[str] = set()
    for i, entry in enumerate(book.helplines):
        if not _ID.fullmatch(entry.id) or entry.id in seen:
            problems.append(
                LessonError(
                    f"id '{entry.id}' is " + ("used twice" if entry.id in seen else "not a lowercase slug"),
                    code="helplines.id",
                    location=document.where(("helplines", i, "id")),
                    hint="give each entry its own id of lowercase letters, digits and '-', e.g. gb-childline",
                )
            )
        seen.add(entry.id)
        if entry.kind not in HELPLINE_KINDS:
            problems.append(
                LessonError(
                    f"kind '{entry.kind}' is not known",
                    code="helplines.kind",
                    location=document.where(("helplines", i, "kind")),
                    hint="use " + ", ".join(HELPLINE_KINDS),
                )
            )
        if entry.confidence.split()[0] not in CONFIDENCES:
            problems.append(
                LessonError(
                    f"confidence '{entry.confidence}' may not be printed",
                    code="helplines.confidence",
                    location=document.where(("helplines", i, "confidence")),
                    hint="only HIGH or MEDIUM entries from the fact base belong on a handout",
                )
            )
        if entry.region != INTERNATIONAL and not (
            len(entry.region) == 2 and entry.region.isupper() and country_name(entry.region)
        ):
            problems.append(
                LessonError(
                    f"region '{entry.region}' is not a country code",
                    code="helplines.region",
                    location=document.where(("helplines", i, "region")),
                    hint="use a two-letter country code (GB, MX, EG ...) or INTL for services anywhere",
                )
            )
    return (None if any(p.is_error for p in problems) else book), problems


def stale_entries(book: HelplineBook, today: datetime.date, path: str) -> list[LessonError]:
    """A warning for each entry verified more than a year before `today`."""
    out = []
    for entry in book.helplines:
        verified = datetime.date.fromisoformat(entry.verified)
        if (today - verified).days > STALE_AFTER_DAYS:
            out.append(
                LessonError(
                    f"helpline '{entry.name.plain}' ({entry.region}) was last verified on {entry.verified}, "
                    "more than a year ago",
                    code="helplines.stale",
                    severity="warning",
                    location=entry.name.location or SourceLocation(path),
                    hint="re-check it on the organisation's own website, then update `verified:` "
                    "(`lessonpress helplines` lists every entry)",
                )
            )
    return out


def print_table(
    region: str | None, today: datetime.date, paths: tuple[str, ...] = ()
) -> tuple[list[str], list[LessonError]]:
    """The helpline table as lines of text: region, name, contacts, verified date and source."""
    from .project import find_helplines

    found = find_helplines(paths)
    if found is None:
        return [], [
            LessonError(
                "there is no assets/helplines.yaml here",
                code="helplines.missing",
                hint="run it inside a lessonpress project that has helplines; "
                "`lessonpress init --example safe-online my-course` makes one",
            )
        ]
    book, problems = load_helplines(*found)
    if book is None:
        return [], problems
    from .regions import region_problems

    wanted = normalise_region(region) if region else None
    unknown = region_problems(region, NO_REGION_DEFAULTS, book, found[1])
    if unknown:
        return [], problems + unknown
    lines = [f"Helplines in {found[1]} (re-check each on its website before printing):", ""]
    for entry in book.helplines:
        if wanted and entry.region != wanted:
            continue
        age = (today - datetime.date.fromisoformat(entry.verified)).days
        flag = "  STALE: verify again" if age > STALE_AFTER_DAYS else ""
        contacts = " · ".join(
            x
            for x in (
                entry.phone.plain if entry.phone else "",
                f"text {entry.text.plain}" if entry.text else "",
                entry.url or "",
            )
            if x
        )
        lines += [
            f"{entry.region:<5} {entry.name.plain}",
            f"      {contacts}",
            f"      verified {entry.verified} ({age} days ago), {entry.confidence}{flag}",
            f"      source: {entry.source}",
        ]
    return lines, problems + stale_entries(book, today, found[1])

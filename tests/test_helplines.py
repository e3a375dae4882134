"""Helplines: the verified list, where each entry comes from, and what every lesson may cite."""

from __future__ import annotations

import datetime
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from lessonpress.build import BuildSettings, build
from lessonpress.cli import main
from lessonpress.helplines import INTERNATIONAL, load_helplines, stale_entries
from lessonpress.model import HELPLINE_KINDS
from lessonpress.regions import select

from .conftest import FIXTURES, GOOD, ROOT, SHIPPED, pdf_text, squash

HELPLINES = ROOT / "assets" / "helplines.yaml"
FACTS = FIXTURES / "facts"
NUMBER = re.compile(r"\+?\d[\d -]*\d")
WEB = re.compile(r"\b(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s)*|,;\"'<>\]]*)?", re.I)


@pytest.fixture(scope="module")
def book():  # noqa: ANN201
    loaded, problems = load_helplines(HELPLINES)
    assert loaded is not None, [p.format() for p in problems]
    return loaded


def digit_groups(text: str) -> set[str]:
    """The numbers in a text, as digits, ignoring years and counts shorter than three digits."""
    return {d for d in (re.sub(r"\D", "", g) for g in NUMBER.findall(text)) if len(d) >= 3}


def address(url: str) -> str:
    """A web address as compared: no scheme, no www., no trailing slash or dot, lower case."""
    url = re.sub(r"^https?://", "", url.strip().rstrip(".,;:"), flags=re.I).lower()
    return url.removeprefix("www.").rstrip("/")


def fact_base() -> tuple[set[str], set[str], str]:
    """(numbers, web addresses, text) of FACTS.md and FACTS-2.md, unverified sections included
    in the text but not in the numbers and addresses."""
    numbers, addresses, whole = set(), set(), ""
    for name, unverified in (("FACTS.md", "## 12."), ("FACTS-2.md", "## 9.")):
        text = (FACTS / name).read_text(encoding="utf-8")
        whole += text
        verified = text.split(unverified)[0] + text.split(unverified)[1].split("\n## ", 1)[-1]
        numbers |= {re.sub(r"\D", "", g) for g in NUMBER.findall(verified)}
        addresses |= {address(u) for u in WEB.findall(verified)}
    return numbers, addresses, whole


def printed_texts(entry) -> list[str]:  # noqa: ANN001
    return [f.plain for f in (entry.name, entry.phone, entry.text, entry.hours, entry.description) if f]


def test_the_fact_base_copies_are_the_shared_ones() -> None:
    shared = Path("/work/shared/curriculum")
    if not shared.is_dir():
        pytest.skip("the shared fact base is not on this machine")
    for name in ("FACTS.md", "FACTS-2.md"):
        assert (FACTS / name).read_bytes() == (shared / name).read_bytes(), f"refresh {name}"


def test_every_entry_has_an_id_a_kind_a_source_a_date_and_a_printable_confidence(book) -> None:  # noqa: ANN001
    assert {
        "US",
        "GB",
        "CA",
        "AU",
        "IN",
        "ES",
        "MX",
        "CO",
        "AR",
        "CL",
        "PE",
        "EG",
        "JO",
        "MA",
        "AE",
        "SA",
        INTERNATIONAL,
    } <= set(book.regions())
    for entry in book.helplines:
        assert entry.source.startswith(("https://", "http://"))
        datetime.date.fromisoformat(entry.verified)
        assert entry.confidence.split()[0] in ("HIGH", "MEDIUM")
        assert entry.kind in HELPLINE_KINDS


def test_every_region_has_a_line_a_young_person_can_call_or_text(book) -> None:  # noqa: ANN001
    for region in book.regions():
        if region != INTERNATIONAL:
            line = select(book, "en", region).child_line
            assert line is not None and (line.phone or line.text), region


def test_every_number_and_web_address_of_an_entry_is_in_the_fact_base(book) -> None:  # noqa: ANN001
    numbers, addresses, _ = fact_base()
    for entry in book.helplines:
        for text in printed_texts(entry):
            for number in digit_groups(text):
                assert number in numbers, f"{entry.id}: {number} is not in FACTS.md or FACTS-2.md"
        for url in (entry.url, entry.source):
            if url:
                shown = address(url)
                assert any(a == shown or a.startswith(shown + "/") for a in addresses), (
                    f"{entry.id}: {url} is not in FACTS.md or FACTS-2.md"
                )


# What the fact base's unverified lists (FACTS §12, FACTS-2 §9) say must never be printed.
NEVER = {
    "NSPCC text service": "88858",
    "UK Shout text line": "85258",
    "Chile Línea Libre": "1515",
    "US HSI tip line": "18663472423",
    "Childhelp (one gov page)": "18004222253",
    "Childhelp": "18004224453",
    "Kids Help Phone phone number": "18006686868",
}
NO_HOURS = (
    "eg-child-helpline-16000",
    "sa-child-helpline-116111",
    "jo-helpline-110",
    "ae-child-protection-centre",
    "ma-2511-onde",
    "ar-line-102",
    "gb-nspcc-helpline",
    "ca-cybertip-ca",
    "in-cyber-crime-helpline",
    "mx-te-protejo-mexico",
)


def test_nothing_from_the_unverified_lists_is_printed(book) -> None:  # noqa: ANN001
    printed = {n for entry in book.helplines for t in printed_texts(entry) for n in digit_groups(t)}
    for what, number in NEVER.items():
        assert number not in printed, what
    by_id = {entry.id: entry for entry in book.helplines}
    for entry_id in NO_HOURS:
        assert by_id[entry_id].hours is None, f"{entry_id}: its hours are not confirmed"
    assert by_id["mx-te-protejo-mexico"].url is None  # its web address is not confirmed
    assert "HSI" not in HELPLINES.read_text(encoding="utf-8")  # not even in a comment


def test_the_file_has_no_tool_internal_comment_and_the_current_nspcc_page() -> None:
    text = HELPLINES.read_text(encoding="utf-8")
    assert "before-stop" not in text and "regex" not in text
    data = yaml.safe_load(text)
    nspcc = next(h for h in data["helplines"] if h["id"] == "gb-nspcc-helpline")
    assert "what-you-can-do" not in nspcc["url"]


def test_a_region_limited_service_belongs_to_one_region(book) -> None:  # noqa: ANN001
    thorn = [e for e in book.helplines if e.text and "741741" in e.text.plain]
    assert thorn and {e.region for e in thorn} == {"US"}


def test_entries_older_than_a_year_are_warned_about(book) -> None:  # noqa: ANN001
    newest = max(datetime.date.fromisoformat(e.verified) for e in book.helplines)
    assert stale_entries(book, newest, "x") == []
    later = newest + datetime.timedelta(days=400)
    warnings = stale_entries(book, later, "x")
    assert len(warnings) == len(book.helplines)
    assert all(w.severity == "warning" and w.code == "helplines.stale" and w.line > 0 for w in warnings)


def test_a_bad_entry_is_a_located_error(tmp_path: Path) -> None:
    text = HELPLINES.read_text(encoding="utf-8").replace("region: MX", "region: XQ", 1)
    text = text.replace("kind: crisis", "kind: hotline", 1)
    (tmp_path / "helplines.yaml").write_text(text, encoding="utf-8")
    loaded, problems = load_helplines(tmp_path / "helplines.yaml")
    assert loaded is None
    assert {p.code for p in problems} == {"helplines.region", "helplines.kind"}
    assert all(p.line > 0 and p.column > 0 for p in problems)


def project_with_helplines(tmp_path: Path, language: str = "en") -> Path:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "assets").mkdir()
    shutil.copy(HELPLINES, tmp_path / "assets")
    text = (GOOD / "minimal.yaml").read_text() + f"helplines: true\nlanguage: {language}\n"
    (tmp_path / "lessons" / "with-helplines.yaml").write_text(text)
    return tmp_path


def built_text(tmp_path: Path, **settings) -> str:  # noqa: ANN003
    result = build(
        BuildSettings(
            paths=(str(tmp_path / "lessons"),),
            out_dir=tmp_path / "out",
            formats=("handout",),
            jobs=1,
            today="2026-12-01",
            **settings,
        )
    )
    assert result.ok, [p.format() for p in result.problems]
    return squash(pdf_text(result.written[0].read_bytes()))


def test_handout_prints_the_requested_regions_helplines(tmp_path: Path, book) -> None:  # noqa: ANN001
    text = built_text(project_with_helplines(tmp_path), region="GB")
    assert squash("Helplines: United Kingdom") in text
    for entry in select(book, "en", "GB").entries:
        assert squash(entry.name.plain) in text
        if entry.phone:
            assert squash(entry.phone.plain) in text
    assert "KidsHelpPhone" not in text and "Yourlocalhelpline" not in text


def test_without_a_region_the_write_in_box_comes_before_the_worldwide_services(tmp_path: Path) -> None:
    text = built_text(project_with_helplines(tmp_path))
    assert text.index("Yourlocalhelpline") < text.index(squash("Helplines: anywhere in the world"))
    assert "Childhelpline:" in text and "Emergencynumber:" in text and "116111" in text
    assert "ChildHelplineInternational" in text and "Childline" not in text


def test_language_region_picks_the_country(tmp_path: Path) -> None:
    text = built_text(project_with_helplines(tmp_path, "en-AU"))
    assert "KidsHelpline" in text and "18005518" in text.replace(" ", "")
    assert squash("Helplines: Australia") in text


def test_region_names_are_in_the_language_of_the_page(tmp_path: Path) -> None:
    text = built_text(project_with_helplines(tmp_path, "es"), region="MX")
    assert squash("Líneas de ayuda: México") in text and "8009112000" in text


def test_helplines_command_lists_dates_and_sources(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    project_with_helplines(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["helplines", "--region", "MX"])
    assert result.exit_code == 0, result.output
    assert "verified 20" in result.output and "source: https://" in result.output
    assert "Línea de la Vida" in result.output and "Childline" not in result.output


PHONE = re.compile(r"(?<![\w.#/-])(?:\+?\d[\d ().-]{2,18}\d)(?![\w/-])")
URL = re.compile(r"https?://[^\s)\"'>\]]+")
CONTACT = re.compile(r"\b(phone|call|text|dial|ring|line|number)\b", re.I)


def strings(value, key: str = ""):  # noqa: ANN001, ANN201
    """(key, text) for every text in parsed YAML: what a reader will actually see printed."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v, key)
    elif value is not None:
        yield key, str(value)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_number_and_url_in_a_lesson_is_in_the_helpline_file_or_its_sources(path: Path) -> None:
    data_text = HELPLINES.read_text(encoding="utf-8")
    known_numbers = {re.sub(r"\D", "", m) for m in PHONE.findall(data_text)} | set(
        re.findall(r"\d{3,}", data_text)
    )
    known_urls = {u.rstrip("/.,;") for u in URL.findall(data_text)}
    lesson = yaml.safe_load(path.read_text(encoding="utf-8"))
    known_urls |= {s["url"].rstrip("/") for s in lesson.get("sources", [])}
    for key, text in strings(lesson):
        for url in URL.findall(text):
            assert url.rstrip("/.,;") in known_urls, f"{path.name}: {url} is in no helpline or source"
        if key in ("phone", "text") or CONTACT.search(text):
            for number in PHONE.findall(text):
                d = re.sub(r"\D", "", number)
                if len(d) >= 3 and not re.fullmatch(r"(19|20)\d\d", d):
                    assert d in known_numbers, f"{path.name}: {number} is not in helplines.yaml"


def test_translated_helplines_print_in_the_language_of_the_page(tmp_path: Path) -> None:
    """The shipped Spanish helpline translation: the entry's words from lessons/translations/es,
    its number from assets/helplines.yaml."""
    result = build(
        BuildSettings(
            paths=(str(ROOT / "lessons" / "teens-3-sextortion.yaml"),),
            out_dir=tmp_path,
            formats=("handout",),
            jobs=1,
            today="2026-12-01",
            region="MX",
            locales=("es",),
        )
    )
    assert result.ok, [p.format() for p in result.problems]
    spanish = next(p for p in result.written if p.parent.name == "es")
    text = squash(pdf_text(spanish.read_bytes()))
    assert squash("Ayuda gratuita de la Secretaría de Salud") in text
    assert squash("Free help from the Secretaría de Salud") not in text
    assert "8009112000" in text.replace(" ", "")
    english = next(p for p in result.written if p.parent.name == "en")
    assert squash("Free help from the Secretaría de Salud") in squash(pdf_text(english.read_bytes()))


@pytest.mark.parametrize(
    "path", sorted((ROOT / "lessons" / "translations").glob("*/helplines.yaml")), ids=str
)
def test_a_helpline_translation_keeps_every_number_of_its_entry(path: Path, book) -> None:  # noqa: ANN001
    """A translator translates words, never a number: every number in a translated name, hours
    or description is one its source entry prints, and every id is an entry of the file."""
    entries = {entry.id: entry for entry in book.helplines}
    translated = yaml.safe_load(path.read_text(encoding="utf-8"))["helplines"]
    assert translated
    for ident, fields in translated.items():
        assert ident in entries, f"{path}: {ident} is not an entry of assets/helplines.yaml"
        source = set().union(*(digit_groups(t) for t in printed_texts(entries[ident])))
        for key, text in fields.items():
            ascii_digits = str(text).translate(
                {ord(c): str(unicodedata.digit(c)) for c in str(text) if c.isdigit()}
            )
            extra = digit_groups(ascii_digits) - source
            assert not extra, f"{path}: {ident}.{key} has {sorted(extra)}, not in the source entry"

"""Helplines by region: the verified list, the build's region, stale entries, what gets printed."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from lessonpress.build import BuildSettings, build
from lessonpress.cli import main
from lessonpress.helplines import INTERNATIONAL, load_helplines, region_for, select, stale_entries

from .conftest import GOOD, ROOT, SHIPPED, pdf_text, squash

HELPLINES = ROOT / "assets" / "helplines.yaml"


@pytest.fixture(scope="module")
def book():  # noqa: ANN201
    loaded, problems = load_helplines(HELPLINES)
    assert loaded is not None, [p.format() for p in problems]
    return loaded


def test_every_entry_has_a_source_and_a_verification_date(book) -> None:  # noqa: ANN001
    assert {"US", "GB", "CA", "AU", "IN", INTERNATIONAL} <= set(book.regions())
    for entry in book.helplines:
        assert entry.source.startswith("https://") or entry.source.startswith("http://")
        datetime.date.fromisoformat(entry.verified)
        assert entry.confidence.split()[0] in ("HIGH", "MEDIUM")


@pytest.mark.parametrize(
    ("language", "requested", "region"),
    [
        ("en", None, "INTL"),
        ("en-GB", None, "GB"),
        ("en-US", None, "US"),
        ("es", None, "INTL"),
        ("en", "uk", "GB"),
        ("en-GB", "AU", "AU"),
        ("pt-BR", None, "INTL"),
    ],
)
def test_region_comes_from_the_flag_then_the_language(book, language, requested, region) -> None:  # noqa: ANN001
    assert region_for(language, requested, book) == region


def test_entries_older_than_a_year_are_warned_about(book) -> None:  # noqa: ANN001
    assert stale_entries(book, datetime.date.fromisoformat(book.helplines[0].verified), "x") == []
    later = datetime.date.fromisoformat(book.helplines[0].verified) + datetime.timedelta(days=400)
    warnings = stale_entries(book, later, "x")
    assert warnings and all(w.severity == "warning" and w.code == "helplines.stale" for w in warnings)
    assert warnings[0].line > 0


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
            today="2026-11-28",
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
    assert "Kids Help Phone" not in text


def test_without_a_region_the_international_services_are_printed(tmp_path: Path) -> None:
    text = built_text(project_with_helplines(tmp_path))
    assert squash("Helplines: anywhere in the world") in text
    assert "ChildHelplineInternational" in text and "Childline" not in text


def test_language_region_picks_the_country(tmp_path: Path) -> None:
    text = built_text(project_with_helplines(tmp_path, "en-AU"))
    assert "KidsHelpline" in text and "18005518" in text.replace(" ", "")


def test_helplines_command_lists_dates_and_sources(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    project_with_helplines(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["helplines", "--region", "US"])
    assert result.exit_code == 0, result.output
    assert "verified 20" in result.output and "source: https://" in result.output
    assert "Childline" not in result.output


PHONE = re.compile(r"(?<![\w.#/-])(?:\+?\d[\d ().-]{2,18}\d)(?![\w/-])")
URL = re.compile(r"https?://[^\s)\"'>\]]+")
CONTACT = re.compile(r"\b(phone|call|text|dial|ring|line|number)\b", re.I)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


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
    known_numbers = {digits(m) for m in PHONE.findall(data_text)} | set(re.findall(r"\d{3,}", data_text))
    known_urls = {u.rstrip("/.,;") for u in URL.findall(data_text)}
    lesson = yaml.safe_load(path.read_text(encoding="utf-8"))
    known_urls |= {s["url"].rstrip("/") for s in lesson.get("sources", [])}
    for key, text in strings(lesson):
        for url in URL.findall(text):
            assert url.rstrip("/.,;") in known_urls, f"{path.name}: {url} is in no helpline or source"
        if key in ("phone", "text") or CONTACT.search(text):
            for number in PHONE.findall(text):
                d = digits(number)
                if len(d) >= 3 and not re.fullmatch(r"(19|20)\d\d", d):
                    assert d in known_numbers, f"{path.name}: {number} is not in helplines.yaml"

"""A faster start must not change what is printed: the shortcuts taken for speed (names of
languages and countries without Babel, ReportLab's web-address pattern compiled on first use) give the same
answers as the slow path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale

from lessonpress.country_names import COUNTRY_NAMES
from lessonpress.helplines import country_name
from lessonpress.languages import OWN_NAMES, _babel_name, language_name


@pytest.mark.parametrize("language", sorted(OWN_NAMES))
def test_a_language_name_without_babel_is_babels(language: str) -> None:
    assert OWN_NAMES[language] == _babel_name(language)
    name = Locale.parse(language.replace("-", "_")).get_display_name()
    assert language_name(language) == name[:1].upper() + name[1:]


def test_other_languages_still_ask_babel() -> None:
    assert language_name("de") == "Deutsch"
    assert language_name("xx-not-a-language") == "xx-not-a-language"


def _fresh(code: str) -> dict:
    """What a fresh interpreter reports after running `code` (it prints one JSON value)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_reportlabs_web_address_pattern_is_compiled_on_first_use() -> None:
    code = (
        "import json, lessonpress.render, reportlab.platypus.paragraph as p\n"
        "lazy = type(p.uri_pat).__name__ == 'LazyPattern' and p.uri_pat._compiled is None\n"
        "pairs = p._uri_split_pairs('https://example.org/help/now')\n"
        "print(json.dumps({'lazy': lazy, 'pairs': pairs, 'bad': p._uri_split_pairs('not an address')}))"
    )
    seen = _fresh(code)
    assert seen["lazy"], "the pattern was compiled while ReportLab was imported"
    assert seen["pairs"][0] == ["https://example.org/help/", "now"]
    assert seen["bad"] is None


def test_the_lazy_pattern_matches_like_the_compiled_one() -> None:
    import re

    import reportlab.platypus.paragraph as p

    from lessonpress.layout._reportlab import LazyPattern

    compiled = re.compile(*p.uri_pat._args)
    for text in ("https://takeitdown.ncmec.org/", "www.example.org", "ftp://x.y/z", "no", "a://b.c"):
        assert bool(LazyPattern(*p.uri_pat._args).match(text)) == bool(compiled.match(text)), text


@pytest.mark.parametrize("language", sorted(COUNTRY_NAMES))
def test_a_country_name_without_babel_is_babels(language: str) -> None:
    for code, name in COUNTRY_NAMES[language].items():
        assert Locale.parse(language.replace("-", "_")).territories[code] == name, (language, code)


def test_every_shipped_region_is_named_without_babel() -> None:
    import yaml

    from .conftest import ROOT

    shipped = yaml.safe_load((ROOT / "assets" / "helplines.yaml").read_text(encoding="utf-8"))
    regions = {entry["region"] for entry in shipped["helplines"]} - {"INTL"}
    for language in OWN_NAMES:
        assert regions <= set(COUNTRY_NAMES[language]), language


def test_a_one_lesson_build_does_not_load_babel(tmp_path: Path) -> None:
    """Checking the helpline file and printing a region's name use the table, not Babel."""
    from .conftest import ROOT

    lesson = sorted((ROOT / "lessons").glob("teens-1-*.yaml"))[0]
    code = (
        "import json, os, sys\n"
        f"os.chdir({str(ROOT)!r})\n"
        "from lessonpress.build import build\n"
        "from lessonpress.settings import Flags, make_settings\n"
        f"settings, _ = make_settings(Flags(paths=({str(lesson)!r},), formats=('handout',), "
        f"out_dir={str(tmp_path)!r}, region='GB'), today='2026-12-01')\n"
        "result = build(settings)\n"
        "print(json.dumps({'ok': result.ok, 'written': len(result.written), "
        "'babel': sorted(m for m in sys.modules if m.split('.')[0] == 'babel')}))"
    )
    seen = _fresh(code)
    assert seen["ok"] and seen["written"] >= 1
    assert seen["babel"] == []


def test_other_countries_still_ask_babel() -> None:
    assert country_name("FR", "fr") == "France"
    assert country_name("DE", "es") == "Alemania"
    assert country_name("GB", "de") == "Vereinigtes Königreich"

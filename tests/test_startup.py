"""A faster start must not change what is printed: the shortcuts taken for speed (names of
languages without Babel, ReportLab's web-address pattern compiled on first use) give the same
answers as the slow path."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from babel import Locale

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

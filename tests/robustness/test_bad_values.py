"""Issue 13.2 and 13.3: one bad value is an error on its own lesson, and links keep their domain.

`duration_minutes: ²` was `internal error: ValueError: invalid literal for int()`, the links
`https://[::1/` and `http://[/` were "Invalid IPv6 URL" and `https://user＠evil.example/` an
NFKC netloc error: each stopped `check`, `build` and `watch` for every lesson. Hosts went
through Python's IDNA 2003 codec, so `https://faß.de` became fass.de, another domain.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.build import BuildSettings
from lessonpress.cli import main
from lessonpress.report import Collector
from lessonpress.urls import UrlProblem, check_url
from lessonpress.watch import watch

from ..conftest import load_text
from .conftest import assert_own_errors, deadline

GOOD = "title: Good\nobjectives: [Learn]\ndiscussion_prompts: [Why?]\nkey_takeaways: [Remember]\n"
LINK = 'title: Links\nobjectives:\n  - "See [this]({url})"\ndiscussion_prompts: [Why?]\nkey_takeaways: [R]\n'
# (file, text, expected error line without the path)
BAD = [
    (
        "duration.yaml",
        "title: A\nduration_minutes: ²\n" + GOOD.split("\n", 1)[1],
        "2:19: error: 'duration_minutes' must be a positive whole number, not '²' [schema.type]",
    ),
    (
        "ipv6-open.yaml",
        LINK.format(url="https://[::1/"),
        "3:5: error: link 'https://[::1/' has an unclosed '[' in its address [markup.link]",
    ),
    (
        "bracket.yaml",
        "title: B\nobjectives: [Learn]\ndiscussion_prompts: [Why?]\nresources:\n"
        "  - name: X\n    url: http://[/\nkey_takeaways: [R]\n",
        "6:10: error: link 'http://[/' has an unclosed '[' in its address [markup.link]",
    ),
    (
        "fullwidth-at.yaml",
        LINK.format(url="https://user＠evil.example/"),
        "3:5: error: link 'https://user＠evil.example/' must not contain user:password@ "
        "(U+FF20 FULLWIDTH COMMERCIAL AT looks like @) [markup.link]",
    ),
]


@pytest.fixture
def lessons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    for name, text, _ in BAD:
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def expected() -> list[str]:
    return [f"lessons/{name}:{line}" for name, _, line in BAD]


def test_check_reports_each_bad_value_on_its_own_lesson(lessons: Path) -> None:
    result = CliRunner().invoke(main, ["check", "lessons"])
    assert result.exit_code == 1
    for line in expected():
        assert line in result.output
    assert "internal error" not in result.output and "Traceback" not in result.output


def test_build_still_builds_every_other_lesson(lessons: Path) -> None:
    result = CliRunner().invoke(main, ["build", "lessons", "--format", "handout", "--jobs", "1"])
    assert result.exit_code == 1
    for line in expected():
        assert line in result.output
    assert (lessons.parent / "build" / "en" / "good-handout.pdf").is_file()
    assert "internal error" not in result.output


def test_watch_builds_the_good_lesson_and_reports_the_bad_ones(lessons: Path) -> None:
    settings = BuildSettings(paths=("lessons",), out_dir=Path("build"), formats=("handout",))
    stop, builds = threading.Event(), []

    def on_build(result: object) -> None:
        builds.append(result)
        stop.set()

    thread = threading.Thread(target=watch, args=(settings, Collector(), on_build, stop), daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive() and builds
    [first] = builds
    assert [p.name for p in first.written] == ["good-handout.pdf"]
    assert sorted(p.format().splitlines()[0] for p in first.problems) == sorted(expected())
    assert_own_errors(first.problems)


@pytest.mark.parametrize("value", ["²", "١٢", "4５", "1_000", "+12", "0x10", "12.0", "1e2"])
def test_numbers_are_ascii_digits_only(tmp_path: Path, value: str) -> None:
    text = f'title: A\nduration_minutes: "{value}"\n' + GOOD.split("\n", 1)[1]
    lesson, problems = load_text(tmp_path, text)
    assert lesson is None
    assert [p.code for p in problems] == ["schema.type"]


@pytest.mark.parametrize(
    ("raw", "link"),
    [
        ("https://faß.de", "https://xn--fa-hia.de"),  # IDNA 2008, not fass.de
        ("https://FAß.de/", "https://xn--fa-hia.de/"),
        ("https://bücher.example/ä?q=ü", "https://xn--bcher-kva.example/%C3%A4?q=%C3%BC"),
        ("https://[::1]/", "https://[::1]/"),  # brackets kept
        ("https://[2001:DB8:0:0::1]:8443/x", "https://[2001:db8::1]:8443/x"),
        ("https://example.org:/", "https://example.org/"),
        ("https://www.例え.jp/", "https://www.xn--r8jz45g.jp/"),
    ],
)
def test_hosts_use_idna_2008(raw: str, link: str) -> None:
    assert check_url(raw) == link


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("https://[::1/", "unclosed '['"),
        ("http://[/", "unclosed '['"),
        ("https://[nonsense]/", "invalid IPv6 address"),
        ("https://[::1]x/", "text after ']'"),
        ("https://x]/", "invalid host name"),
        ("https://user＠evil.example/", "user:password@"),
        ("https://user@evil.example/", "user:password@"),
        ("https://a_b.example/", "U+005F LOW LINE cannot be part of a host name"),
        ("https://-bad.example/", "invalid host name"),
        ("https://xn--zz.example/", "invalid host name"),
        ("https://a..b/", "invalid host name"),
        ("https://" + "a" * 64 + ".example/", "invalid host name"),
        ("https://example.org:99999/", "invalid port"),
        ("https://example.org:８０/", "invalid port"),
        ("https://[fe80::1%25eth0]/", "network interface"),
        ("https:///path", "no host name"),
    ],
)
def test_hosts_idna_refuses_are_refused(raw: str, fragment: str) -> None:
    with deadline(5), pytest.raises(UrlProblem) as info:
        check_url(raw)
    assert fragment in info.value.message


def test_phone_links_are_ascii_digits() -> None:
    from lessonpress.urls import phone_link

    assert phone_link("٠٨٠٠ ١١١١") == "tel:08001111"

"""Which helplines an output prints: one rule for its region, checked settings, one warning."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.cli import main
from lessonpress.config import RegionDefaults, project_defaults
from lessonpress.helplines import load_helplines
from lessonpress.markup import plain_text
from lessonpress.model import Resource
from lessonpress.regions import resolve_region, select

from .conftest import GOOD, ROOT

BOOK = load_helplines(ROOT / "assets" / "helplines.yaml")[0]
TABLE = RegionDefaults(by_locale=(("es", "MX"), ("es-CL", "CL"), ("hi", "IN")))


@pytest.mark.parametrize(
    ("language", "requested", "defaults", "region"),
    [
        ("en", None, RegionDefaults(), None),  # nothing known: the write-in box
        ("en-GB", None, RegionDefaults(), "GB"),  # the language tag's country
        ("en-GB", "AU", TABLE, "AU"),  # --region wins over everything
        ("en", "uk", RegionDefaults(), "GB"),  # UK is GB
        ("en", "intl", RegionDefaults(), "INTL"),  # asked for no country
        ("es", None, TABLE, "MX"),  # the project's region for a locale
        ("es-CL", None, TABLE, "CL"),  # ... for exactly that locale
        ("es-AR", None, TABLE, "AR"),  # the tag's country beats `es`
        ("es-VE", None, TABLE, None),  # never another country's lines
        ("pt-BR", None, RegionDefaults(region="GB"), None),  # ... not even the project's
        ("en", None, RegionDefaults(region="GB"), "GB"),  # the project's region, last
        ("hi", None, TABLE, "IN"),
        ("ar", None, TABLE, None),
    ],
)
def test_one_rule_gives_each_output_its_region(language, requested, defaults, region) -> None:  # noqa: ANN001
    assert resolve_region(language, requested, defaults, BOOK.regions()) == region


def test_a_lesson_resource_prints_once_and_only_in_its_region() -> None:
    take_it_down = Resource(plain_text("Take It Down (NCMEC)"), url="https://takeitdown.ncmec.org/")
    thorn = Resource(
        plain_text("Stop Sextortion (Thorn)"),
        url="https://www.stopsextortion.com/",
        text=plain_text("THORN to 741741"),
    )
    advice = Resource(plain_text("Childnet"), url="https://www.childnet.com/young-people/")
    for region in ("GB", "US", None):
        shown = select(BOOK, "en", region).resources([take_it_down, thorn, advice])
        assert take_it_down not in shown  # the panel prints it
        assert advice in shown  # not a helpline: always printed
    assert thorn not in select(BOOK, "en", "GB").resources([thorn])  # a US-only text line
    assert thorn not in select(BOOK, "en", "US").resources([thorn])  # ... the US panel has it
    us = select(BOOK, "en", "US")
    assert any("741741" in (e.text.plain if e.text else "") for e in us.printed)


def test_the_shipped_project_sets_spanish_and_hindi_regions() -> None:
    defaults, problems = project_defaults(ROOT)
    assert problems == []
    assert defaults.regions.for_locale("es") == "MX" and defaults.regions.for_locale("hi") == "IN"
    assert defaults.regions.for_locale("en") is None and defaults.regions.for_locale("ar") is None


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "assets").mkdir()
    shutil.copy(ROOT / "assets" / "helplines.yaml", tmp_path / "assets")
    text = (GOOD / "minimal.yaml").read_text() + "helplines: true\n"
    (tmp_path / "lessons" / "help.yaml").write_text(text)
    (tmp_path / "lessons" / "ayuda.yaml").write_text(text + "language: es\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, ["build", "--format", "handout", "-j", "1", *args])


def test_an_unknown_region_is_an_error_with_a_suggestion_and_nothing_is_built(project: Path) -> None:
    result = run("--region", "Mexico")
    assert result.exit_code == 1
    assert "--region: error: no helplines for region 'Mexico'" in result.output
    assert "did you mean 'MX'?" in result.output
    assert not (project / "build" / "en").exists()


def test_a_region_in_pyproject_is_checked_at_its_line(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.lessonpress.regions]\nen = "GB"\nes = "MZ"\n'
    )
    result = run()
    assert result.exit_code == 1
    assert "pyproject.toml:6:1: error: no helplines for region 'MZ'" in result.output
    assert "did you mean 'MX'?" in result.output


def test_config_errors_are_located_and_stop_the_build(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.lessonpress]\ntheme = "default"\ncolour = "red"\n\n[tool.lessonpress.regions]\nes_x = "MX"\n'
        "hi = 3\n"
    )
    result = run()
    assert result.exit_code == 2, result.output  # a usage error: nothing is built
    assert "pyproject.toml:3:1: error: [tool.lessonpress] has an unknown key 'colour'" in result.output
    assert (
        "pyproject.toml:6:1: error: [tool.lessonpress.regions] 'es_x' is not a language tag" in result.output
    )
    assert (
        "pyproject.toml:7:1: error: [tool.lessonpress.regions] hi = 3 is not a region code" in result.output
    )
    assert not (project / "build").exists()


def test_no_region_warns_once_saying_how_to_set_one(project: Path) -> None:
    result = run()
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "[helplines.no-region]" in line]
    assert len(warnings) == 1 and "en, es" in warnings[0]
    assert "--region" in result.output and "[tool.lessonpress.regions]" in result.output


def test_project_regions_per_locale_are_used(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.lessonpress.regions]\nen = "GB"\nes = "MX"\n')
    result = run()
    assert result.exit_code == 0 and "no-region" not in result.output, result.output
    from lessonpress.build import BuildSettings, build

    settings = BuildSettings(
        paths=("lessons",),
        out_dir=project / "out",
        formats=("handout",),
        jobs=1,
        regions=project_defaults()[0].regions,
    )
    built = build(settings)
    assert built.ok and not any(p.code == "helplines.no-region" for p in built.problems)


def test_the_helplines_command_checks_its_region_too(project: Path) -> None:
    result = CliRunner().invoke(main, ["helplines", "--region", "Spain"])
    assert result.exit_code == 1
    assert "--region: error: no helplines for region 'Spain'" in result.output
    assert "did you mean 'ES'?" in result.output
    listed = CliRunner().invoke(main, ["helplines", "--region", "es"])
    assert listed.exit_code == 0 and "INCIBE" in listed.output and "Childline" not in listed.output

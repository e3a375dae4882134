"""A real browser for the HTML tests: Debian's Chromium driven by Playwright, axe-core inside.

Without Chromium or Playwright these tests are skipped with the reason in the summary, and on CI
(`CI` set) they fail: a browser test must never pass without a browser.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lessonpress.build import BuildSettings, build

from ..conftest import LESSONS, ROOT

CHROMIUM = os.environ.get("LESSONPRESS_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests need {reason} (CI must install it: see .ci/run)")
    pytest.skip(f"browser tests need {reason}")


@pytest.fixture(scope="session")
def browser():  # noqa: ANN201
    """One headless Chromium for the whole run."""
    if not Path(CHROMIUM).is_file():
        _missing(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python (pip install playwright)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # noqa: ANN001, ANN201
    """A fresh page that may not reach any network."""
    context = browser.new_context()
    context.route(
        "http*://**",
        lambda route: (
            route.abort() if not route.request.url.startswith("http://127.0.0.1:") else route.continue_()
        ),
    )
    tab = context.new_page()
    yield tab
    context.close()


def axe_violations(page) -> list[str]:  # noqa: ANN001
    """axe-core's WCAG 2.x A/AA violations on the open page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {node['target']} {node.get('failureSummary', '')[:200]}"
        for v in result.response["violations"]
        for node in v["nodes"]
    ]


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every shipped lesson in every shipped language as HTML pages, plus handouts and the
    catalog (built once per run)."""
    out = tmp_path_factory.mktemp("site")
    result = build(
        BuildSettings(paths=(str(LESSONS),), out_dir=out, formats=("handout", "html", "guide-html"), jobs=2)
    )
    assert result.ok, [p.format() for p in result.problems]
    return out


@pytest.fixture
def project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (the current folder) with one shipped lesson and the helplines."""
    (tmp_path / "lessons").mkdir()
    shutil.copy(LESSONS / "teens-3-sextortion.yaml", tmp_path / "lessons")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    monkeypatch.chdir(tmp_path)
    return tmp_path

"""The system tools some tests run, and how a test says it needs one.

A test that needs a missing tool is skipped with the reason in pytest's summary (`-ra`): which
tool, its Debian package and the one apt line of the README's set-up. CI installs every one and
sets LESSONPRESS_REQUIRE_TOOLS=1, so there a missing tool is an error, never a quiet skip.
"""

from __future__ import annotations

import os
import shutil

import pytest

# Command -> the Debian/Ubuntu package that has it.
PACKAGES = {
    "qpdf": "qpdf",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "zbarimg": "zbar-tools",
    "chromium": "chromium",  # the HTML tests (tests/browser), driven by Playwright
}
APT_LINE = "sudo apt-get install qpdf poppler-utils zbar-tools chromium"
REQUIRED = os.environ.get("LESSONPRESS_REQUIRE_TOOLS") == "1"


def missing(*commands: str) -> list[str]:
    """The commands that are not on PATH (an error instead when every tool is required)."""
    gone = [c for c in commands if shutil.which(c) is None]
    if gone and REQUIRED:
        raise RuntimeError(f"LESSONPRESS_REQUIRE_TOOLS=1 but {why(gone)}")
    return gone


def why(gone: list[str]) -> str:
    """`zbarimg is not installed (zbar-tools): sudo apt-get install ...`."""
    packages = ", ".join(dict.fromkeys(PACKAGES[c] for c in gone))
    verb = "is" if len(gone) == 1 else "are"
    return f"{', '.join(gone)} {verb} not installed ({packages}): {APT_LINE}"


def needs(*commands: str) -> pytest.MarkDecorator:
    """Skip the test, saying why, when a command it runs is missing."""
    gone = missing(*commands)
    return pytest.mark.skipif(bool(gone), reason=why(gone) if gone else "")


def have(command: str) -> bool:
    """Whether an optional extra check can run (see `missing` for CI)."""
    return not missing(command)

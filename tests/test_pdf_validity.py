"""Built PDFs pass the structural checks a print shop or archive would run (qpdf, poppler)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import GOOD, load, make_pdf
from .tools import needs

needs_qpdf = needs("qpdf")
needs_poppler = needs("pdffonts")


@pytest.fixture(scope="module")
def handout_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "full-handout.pdf"
    path.write_bytes(make_pdf(load(GOOD / "full.yaml")))
    return path


@needs_qpdf
def test_qpdf_check_passes(handout_file: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(handout_file)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_qpdf
def test_qpdf_detects_a_truncated_file(handout_file: Path, tmp_path: Path) -> None:
    """The check above can fail: a cut-off PDF is caught."""
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(handout_file.read_bytes()[:-400])
    assert subprocess.run(["qpdf", "--check", str(cut)], capture_output=True).returncode != 0


@needs_poppler
def test_pdffonts_lists_only_embedded_subset_fonts(handout_file: Path) -> None:
    out = subprocess.run(
        ["pdffonts", str(handout_file)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert out
    for line in out:
        cols = line.split()
        assert cols[-5:-2] == ["yes", "yes", "yes"], line  # emb, sub, uni


@needs_poppler
def test_pdftotext_round_trips_the_title(handout_file: Path) -> None:
    text = subprocess.run(
        ["pdftotext", str(handout_file), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Staying safe in group chats" in text

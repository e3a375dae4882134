"""QR codes on paper decode to their link (checked with zbarimg, as a phone camera would)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from lessonpress.layout.flowables import qr_runs

from ..conftest import GOOD, load, make_pdf
from ..tools import needs

needs_zbar = needs("zbarimg", "pdftoppm")


def test_encoding_is_cached_per_address() -> None:
    assert qr_runs("https://example.org/a") is qr_runs("https://example.org/a")


@needs_zbar
@pytest.mark.parametrize("fmt", ["handout", "slides"])
def test_every_qr_code_decodes_to_its_address(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "doc.pdf").write_bytes(make_pdf(load(GOOD / "full.yaml"), fmt))
    subprocess.run(["pdftoppm", "-r", "200", "-png", "doc.pdf", "page"], cwd=tmp_path, check=True)
    found = set()
    for png in sorted(tmp_path.glob("page*.png")):
        out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
        found.update(line for line in out.stdout.splitlines() if line)
    assert found == {"https://example.org/help"}

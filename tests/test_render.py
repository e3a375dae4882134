"""Rendering: the same lesson always gives the same bytes, in any process or environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import GOOD, ROOT, load, make_pdf

SCRIPT = """
import sys, hashlib
from tests.conftest import load, make_pdf
from pathlib import Path
sys.stdout.write(hashlib.sha256(make_pdf(load(Path(sys.argv[1])))).hexdigest())
"""


def test_same_input_same_bytes_in_one_process() -> None:
    lesson = load(GOOD / "full.yaml")
    assert make_pdf(lesson) == make_pdf(lesson)


def test_same_bytes_across_processes_hash_seeds_time_zones_and_hostile_settings(tmp_path: Path) -> None:
    """RL_* variables and a reportlab_settings.py in the working folder change nothing."""
    (tmp_path / "reportlab_settings.py").write_text("import sys; sys.exit('executed!')\n")
    lesson = str(GOOD / "full.yaml")
    base = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        {"PYTHONHASHSEED": "1", "TZ": "UTC"},
        {
            "PYTHONHASHSEED": "2",
            "TZ": "Asia/Kolkata",
            "RL_trustedHosts": "*",
            "RL_toColorCanUse": "rl_safe_eval",
            "RL_invariant": "0",
            "RL_pageCompression": "0",
        },
    ]
    digests = set()
    for extra in runs:
        out = subprocess.run(
            [sys.executable, "-c", SCRIPT, lesson],
            env={**base, **extra},
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(out.stdout)
    assert len(digests) == 1


def test_a_written_document_is_freed_without_the_cyclic_collector() -> None:
    """Once a PDF's bytes are written, its template, canvas and PDF objects hold no reference
    cycles: reference counting frees them at once, and the collector (which walked ~4300 such
    objects after every handout) finds none of them. The bytes are the same either way."""
    import gc

    lesson = load(GOOD / "full.yaml")
    first = make_pdf(lesson)
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        again = make_pdf(lesson)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        kinds = {type(o).__name__ for o in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()
    assert again == first
    left = kinds & {"PDFDictionary", "PDFObjectReference", "PDFPage", "GuardedDocTemplate", "Frame"}
    assert not left, left

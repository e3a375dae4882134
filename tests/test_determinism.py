"""Same input, same bytes: for any --jobs, any build order, one lesson alone or with the others.
Hindi and Arabic are the hard cases (shaped glyphs drawn through private-use code points)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from lessonpress.build import BuildSettings, build

from .conftest import LESSONS, ROOT

IDS = ("teens-1-what-is-online-exploitation", "teens-3-sextortion")
LOCALES = ("hi", "ar")
FORMATS = ("handout", "slides")
IN_ORDER = """
import sys
from pathlib import Path
from lessonpress.build import BuildSettings, build
for path in sys.argv[2:]:
    s = BuildSettings(paths=(path,), out_dir=Path(sys.argv[1]), formats={formats!r}, jobs=1,
                      locales={locales!r}, today="2026-11-28")
    assert build(s).ok
"""


def hashes(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for language in LOCALES
        for p in sorted((out / language).glob("*.pdf"))
    }


def test_hindi_and_arabic_bytes_depend_on_nothing_but_the_input(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    for language in LOCALES:
        (folder / "translations" / language).mkdir(parents=True)
    for lesson_id in IDS:
        shutil.copy(LESSONS / f"{lesson_id}.yaml", folder)
        for language in LOCALES:
            shutil.copy(
                LESSONS / "translations" / language / f"{lesson_id}.yaml", folder / "translations" / language
            )

    def built(out: str, *paths: Path, jobs: int = 1) -> dict[str, str]:
        for path in paths:
            settings = BuildSettings(
                paths=(str(path),),
                out_dir=tmp_path / out,
                formats=FORMATS,
                jobs=jobs,
                locales=LOCALES,
                today="2026-11-28",
            )
            assert build(settings).ok
        return hashes(tmp_path / out)

    together = built("j1", folder)
    assert len(together) == len(IDS) * len(LOCALES) * len(FORMATS)
    assert built("j2", folder, jobs=2) == together
    alone = built("alone", folder / f"{IDS[1]}.yaml")
    assert alone == {k: v for k, v in together.items() if IDS[1] in k}
    # A fresh process that draws the lessons the other way round.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = IN_ORDER.format(formats=FORMATS, locales=LOCALES)
    paths = [str(folder / f"{lesson_id}.yaml") for lesson_id in reversed(IDS)]
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "reversed"), *paths], check=True, env=env)
    assert hashes(tmp_path / "reversed") == together


FIRST_DOCUMENT = """
from reportlab.platypus import Spacer
from lessonpress.layout.base import DocumentSpec, Metadata
from lessonpress.layout.fonts import register_family
from lessonpress.render import render
register_family("Atkinson")
spec = DocumentSpec((400, 400), (10, 10, 380, 380), (Spacer(1, 10),), Metadata("t", "a", "s", "en"),
                    lambda canvas, number: None)
print(b"Helvetica" in render(spec))
"""


def test_a_documents_base_font_comes_from_the_document_not_the_process() -> None:
    # Before any theme was registered, ReportLab's process-wide default (Helvetica, not
    # embedded) was every page's first font.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_DOCUMENT], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "False"

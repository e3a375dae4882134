"""Incremental builds: only what changed is rebuilt; a build with nothing to do writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lessonpress.build import BuildSettings, build

from .conftest import ROOT

FORMATS = ("handout", "guide", "pack")


def settings(**kw) -> BuildSettings:  # noqa: ANN003
    base = {
        "paths": ("lessons",),
        "out_dir": Path("out"),
        "formats": FORMATS,
        "jobs": 1,
        "today": "2026-11-28",
    }
    return BuildSettings(**{**base, **kw})


def names(paths) -> list[str]:  # noqa: ANN001
    return sorted(str(p) for p in paths)


def test_second_build_writes_nothing(i18n_project: Path) -> None:
    first = build(settings())
    assert first.ok and len(first.written) == 7 * 2 + 7  # handout+guide per locale, 7 packs
    stamps = {p: p.stat().st_mtime_ns for p in first.written}
    second = build(settings())
    assert second.written == () and names(second.up_to_date) == names(first.written)
    assert {p: p.stat().st_mtime_ns for p in first.written} == stamps


def test_editing_one_translation_rebuilds_exactly_its_outputs(i18n_project: Path) -> None:
    build(settings())
    path = i18n_project / "lessons" / "translations" / "uk" / "safe-chat.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Безпечні чати", "Безпечні чати!"), encoding="utf-8"
    )
    again = build(settings())
    assert names(again.written) == [
        "out/uk/course-pack.pdf",
        "out/uk/safe-chat-guide.pdf",
        "out/uk/safe-chat-handout.pdf",
    ]


def test_editing_the_source_rebuilds_every_locale(i18n_project: Path) -> None:
    build(settings(formats=("handout",)))
    path = i18n_project / "lessons" / "safe-chat.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("duration_minutes: 30", "duration_minutes: 35"),
        encoding="utf-8",
    )
    assert len(build(settings(formats=("handout",))).written) == 7


def test_a_deleted_or_changed_output_is_rebuilt(i18n_project: Path) -> None:
    build(settings(formats=("handout",)))
    Path("out/es/safe-chat-handout.pdf").unlink()
    Path("out/vi/safe-chat-handout.pdf").write_bytes(b"not a pdf")
    assert names(build(settings(formats=("handout",))).written) == [
        "out/es/safe-chat-handout.pdf",
        "out/vi/safe-chat-handout.pdf",
    ]


def test_an_output_is_hashed_only_when_its_size_or_time_changed(i18n_project: Path, monkeypatch) -> None:  # noqa: ANN001
    import lessonpress.incremental as incremental

    build(settings(formats=("handout",)))
    hashed: list[Path] = []
    digest = incremental.output_digest
    monkeypatch.setattr(incremental, "output_digest", lambda path: hashed.append(path) or digest(path))
    assert build(settings(formats=("handout",))).written == ()
    assert hashed == []  # untouched since written: nothing read
    pdf = Path("out/es/safe-chat-handout.pdf")
    data = pdf.read_bytes()
    pdf.write_bytes(data)  # the same bytes, a new time: hashed, found equal, kept
    assert build(settings(formats=("handout",))).written == ()
    assert len(hashed) == 1 and Path(hashed[0]).name == pdf.name
    pdf.write_bytes(data.replace(b"%%EOF", b"%%EOX"))  # same size, other bytes, a new time: rebuilt
    assert names(build(settings(formats=("handout",))).written) == ["out/es/safe-chat-handout.pdf"]


def test_a_state_file_without_file_times_still_works(i18n_project: Path) -> None:
    import json

    from lessonpress.incremental import STATE_DIR, STATE_FILE

    build(settings(formats=("handout",)))
    state = Path("out") / STATE_DIR / STATE_FILE
    data = json.loads(state.read_text())
    for record in data["outputs"].values():
        assert record.pop("stat")  # written by this version; earlier ones had no "stat"
    state.write_text(json.dumps(data))
    assert build(settings(formats=("handout",))).written == ()


def test_same_content_with_a_new_time_is_still_up_to_date(i18n_project: Path) -> None:
    build(settings(formats=("handout",)))
    path = i18n_project / "lessons" / "safe-chat.yaml"
    os.utime(path, (1, 1))
    assert build(settings(formats=("handout",))).written == ()


def test_force_and_changed_settings_rebuild(i18n_project: Path) -> None:
    build(settings(formats=("handout",)))
    assert len(build(settings(formats=("handout",), force=True)).written) == 7
    assert len(build(settings(formats=("handout",), paper="letter")).written) == 7


NOOP = """
import sys
from pathlib import Path
from lessonpress.build import BuildSettings, build
s = BuildSettings(paths=("lessons",), out_dir=Path("out"), formats=("handout",), jobs=1, today="2026-11-28")
result = build(s)
assert result.written == () and result.up_to_date, result
heavy = [m for m in ("reportlab", "yaml", "babel") if m in sys.modules]
print(",".join(heavy) or "none")
"""


def test_a_build_with_nothing_to_do_never_imports_reportlab_or_yaml(i18n_project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # The first build in a fresh process too: state a long test worker holds cannot leak in.
    first = NOOP.replace("assert result.written == () and result.up_to_date, result", "")
    subprocess.run([sys.executable, "-c", first], capture_output=True, text=True, env=env, check=True)
    out = subprocess.run([sys.executable, "-c", NOOP], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "none"

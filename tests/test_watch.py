"""Watch mode: a saved edit rebuilds that lesson's outputs in the same warm process."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from lessonpress.build import BuildSettings
from lessonpress.report import Collector, OutputWritten
from lessonpress.watch import watch


def test_a_saved_edit_rebuilds_only_that_lessons_outputs(project: Path) -> None:
    settings = BuildSettings(
        paths=("lessons",), out_dir=Path("build"), formats=("handout",), today="2026-11-28"
    )
    stop, builds, reporter = threading.Event(), [], Collector()
    thread = threading.Thread(target=watch, args=(settings, reporter, builds.append, stop), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not builds and time.monotonic() < deadline:
            time.sleep(0.05)
        assert builds and len(builds[0].written) == 2
        time.sleep(0.3)  # let the watcher start
        lesson = project / "lessons" / "minimal.yaml"
        lesson.write_text(lesson.read_text().replace("A minimal lesson", "A minimal lesson, edited"))
        while len(builds) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(builds) >= 2, "no rebuild after the edit"
        assert [p.name for p in builds[1].written] == ["minimal-handout.pdf"]
        assert [p.name for p in builds[1].up_to_date] == ["full-handout.pdf"]
        written = [e.path for e in reporter.of(OutputWritten)]
        assert written[-1].endswith("minimal-handout.pdf")
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()

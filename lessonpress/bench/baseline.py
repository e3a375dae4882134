"""The CI check: ratios of the short `--vs-typst` run against a stored baseline of ratios.

Only ratios (on the CPU clock, see versus.py) are stored and compared, never absolute times,
so the file means the same on any machine. A stored ratio is the highest of three short runs
(`--write-baseline`), so the spread between runs is inside the baseline, not taken from the
margin. A figure fails when its ratio is more than `TOLERANCE` (30%) above the baseline's; a
failing figure is measured once more and the better of the two attempts counts, so one burst of
load from another process does not fail CI, while a real regression (seen twice) does. The
baseline names the Typst and Python it was measured with; with others (a new yardstick is not a
regression of lessonpress) a regression is printed, not failed, until the baseline is re-recorded.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from .versus import Ratio

TOLERANCE = 0.30


def read(path: Path) -> dict[str, float]:
    """The stored ratios, by figure key."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data["ratios"].items()}


def tools() -> dict[str, str]:
    """What the ratios depend on besides lessonpress: the Typst and Python versions."""
    import sys
    from importlib.metadata import version

    return {"typst": version("typst"), "python": "{}.{}".format(*sys.version_info[:2])}


def changed_tools(path: Path) -> list[str]:
    """How this machine's Typst or Python differs from the baseline's (empty when not)."""
    stored = json.loads(path.read_text(encoding="utf-8")).get("tools", {})
    return [
        f"{name} {now} here, {stored[name]} in the baseline"
        for name, now in tools().items()
        if name in stored and stored[name] != now
    ]


def write(path: Path, ratios: Sequence[Ratio]) -> None:
    """Store the ratios of a short run as the new baseline."""
    data = {
        "about": "CPU-time ratios of `python -m lessonpress.bench --vs-typst --short` "
        "(lessonpress / yardstick), the highest of three runs (`--write-baseline`); CI fails when "
        f"one is more than {TOLERANCE:.0%} higher, twice (lessonpress/bench/baseline.py)",
        "tools": tools(),
        "ratios": {r.key: round(r.ratio, 3) for r in ratios},
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def regressed(ratio: Ratio, baseline: dict[str, float]) -> bool:
    """True when the ratio is more than TOLERANCE above its stored value."""
    stored = baseline.get(ratio.key)
    return stored is not None and ratio.ratio > stored * (1 + TOLERANCE)


def check(
    ratios: Sequence[Ratio], baseline: dict[str, float], again: Callable[[str], Ratio]
) -> tuple[list[str], list[Ratio]]:
    """Compare each ratio with the baseline, measuring a regressed one a second time.

    Returns the failures (one message each) and every second measurement taken."""
    failures, retried = [], []
    for ratio in ratios:
        if not regressed(ratio, baseline):
            continue
        second = again(ratio.key)
        retried.append(second)
        best = min(ratio.ratio, second.ratio)
        if regressed(second, baseline):
            limit = baseline[ratio.key] * (1 + TOLERANCE)
            failures.append(
                f"{ratio.name}: ratio {best:.2f}x (twice) is above {limit:.2f}x, "
                f"the baseline {baseline[ratio.key]:.2f}x + {TOLERANCE:.0%}"
            )
    return failures, retried

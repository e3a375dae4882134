"""Import ReportLab so that nothing outside lessonpress can change how it behaves.

ReportLab reads `RL_*` environment variables and executes any `reportlab_settings.py` it finds on
`sys.path` when it is first imported (RELIABILITY.md §0, item 2): a lesson folder could carry
one, and `RL_trustedHosts=*` or `RL_toColorCanUse=rl_safe_eval` would reopen the network and
`eval` paths. So the first import hides both, and the security settings are then pinned. Import
ReportLab in lessonpress only after importing this module.
"""

from __future__ import annotations

import os
import sys


def _safe_import() -> None:
    if "reportlab.rl_config" in sys.modules:
        from reportlab import rl_config
    else:
        cwd = os.path.realpath(os.getcwd())
        saved_path = sys.path[:]
        saved_env = {k: v for k, v in os.environ.items() if k.startswith("RL_")}
        sys.path[:] = [p for p in saved_path if p and os.path.realpath(p) != cwd]
        for key in saved_env:
            del os.environ[key]
        try:
            from reportlab import rl_config
        finally:
            sys.path[:] = saved_path
            os.environ.update(saved_env)
    rl_config.trustedHosts = None
    rl_config.trustedSchemes = ["file", "rml", "data", "https", "http"]
    rl_config.toColorCanUse = "rl_extended_literal_eval"
    rl_config.invariant = 1


_safe_import()

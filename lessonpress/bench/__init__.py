"""The project's benchmark: `python -m lessonpress.bench [--runs N] [--project DIR] [--warm-only]`.

Medians of several runs, each printed with its target and whether it is met (these machines are
shared and noisy: one run means little, and ratios within one run mean more than absolutes).
`warm.py` times documents rendered in this process; `process.py` times whole commands as fresh
processes: a one-lesson build, a build with nothing to do, the whole curriculum with its peak
memory, and watch mode's edit-to-handout latency. It reports; it never fails a build.

`--vs-typst` (`versus.py`) prints every target as a ratio to a yardstick timed in the same run:
Typst compiling the same lessons (`typst_yardstick.py`, `lesson.typ`; the `bench` extra), a bare
Python start, or the build's own warm document times.
"""

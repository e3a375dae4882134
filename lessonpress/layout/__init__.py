"""Turn a Lesson into a DocumentSpec: the flowables and page design of one output format.

One module per format (`handout.py`, ...), each with one `Format` class registered by name in
`lessonpress/formats.py`; shared pieces live beside them (`text.py`, `flowables.py`, `page.py`,
`fonts.py`). This package and `render.py` are the only places that import ReportLab, and
importing the package first pins ReportLab's settings (`_reportlab.py`).
"""

from . import _reportlab  # noqa: F401  (must run before any ReportLab import)

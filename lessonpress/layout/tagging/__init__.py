"""Turn drawing into a tagged PDF (PDF/UA-1): roles on flowables, marked content, structure tree.

- `roles.py`: what a flowable is in the structure (a `Tag`, set where sections build it);
- `tagger.py`: marked content and the element tree, recorded while the document is drawn;
- `structure.py`: the tree and the document-level entries written as PDF objects;
- `actual_text.py`: the logical-order text of shaped runs (Arabic, Devanagari, Thai, ...);
- `canvas.py`: the canvas that carries a tagger through ReportLab's page and save steps.

ReportLab internals used on the way are named patches in `layout/_reportlab.py`.
"""

from .. import _reportlab

_reportlab.apply_patches()

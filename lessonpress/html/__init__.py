"""Turn a Lesson into an accessible, self-contained HTML page: the web sibling of `layout/`.

It reads the same model, labels, helplines and timing as the PDF formats and never imports
ReportLab. One module per format (`handout.py` for learners, `guide.py` for facilitators), the
shared sections in `sections.py`, lesson text to HTML in `text.py`, the look from the theme in
`style.py` (with WOFF2 font subsets from `webfonts.py`), and the catalog of a whole build in
`catalog.py`. A page needs no script and no network: styles and fonts are inline.
"""

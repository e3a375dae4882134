"""Build every lesson in lessons/ into build/<language>/<lesson>-<format>.pdf.

Same as the `lessonpress` command; run `python make_pdfs.py --help` for everything it can do.
"""

from lessonpress.cli import run

if __name__ == "__main__":
    run()

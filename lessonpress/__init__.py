"""lessonpress: lesson plans written in YAML become print-ready PDFs, in any language.

The pipeline, one module per stage, each taking a typed value and returning one:

1. discover  - `project.py`:     lesson files, their translations, curriculum and assets
2. current?  - `incremental.py`: content hashes say which outputs are already up to date
3. load      - `yamlio.py`:      bytes -> plain data + a line map (strict, safe YAML)
4. validate  - `validate.py`:    data -> frozen `model.Lesson` (inline text via `markup.py`)
5. localize  - `localize.py`:    a translation merged over its source lesson
6. plan      - `build.py`:       lessons x formats -> jobs (`deck.py` plans slides)
7. layout    - `layout/`:        Lesson -> DocumentSpec, one module per format (ReportLab here)
8. render    - `render.py`:      DocumentSpec -> PDF bytes (invariant, metadata, outline)
9. write     - `output.py`:      bytes -> file, atomically (`jobs.py` runs jobs in parallel)

`build.build()` runs the whole pipeline; `lessons.py` holds stages 3-5 per file; `cli.py` is the
thin command line on top; `errors.py` holds the one error type every stage reports with;
`i18n/` is the translator's workflow (status, catalogs) and `helplines.py` the helplines by region.
"""

__version__ = "0.1.0"

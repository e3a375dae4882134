"""lessonpress: lesson plans written in YAML become print-ready PDFs, in any language.

The pipeline, one module per stage, each taking a typed value and returning one:

1. discover  - `project.py`:     lesson files, their translations, the course folder and assets
2. plan      - `outputs.py`:     settings + lessons found -> every output, keyed by its path
3. current?  - `incremental.py`: content hashes say which outputs are already up to date
4. load      - `yamlio.py`:      bytes -> plain data + a line map (strict, safe YAML)
5. validate  - `validate.py`:    data -> frozen `model.Lesson` (inline text via `markup.py`)
6. localize  - `localize.py`:    a translation merged over its source lesson
7. layout    - `layout/`:        Lesson -> DocumentSpec, one module per format (`formats.py` lists
                                 them; `deck.py` plans slides; ReportLab here)
8. render    - `render.py`:      DocumentSpec -> PDF bytes (invariant, metadata, outline)
9. write     - `output.py`:      bytes -> file, atomically (`jobs.py` runs jobs in parallel)

Settings come from one builder, `settings.make_settings` (flags over the project's
`lessonpress.toml`, read by `config.py`, which also finds the project's root).
`build.build()` runs the whole pipeline; `lessons.py` holds stages 4-6 per file; `cli.py` is
the thin command line on top; `errors.py` holds the one error type every stage
reports with; `i18n/` is the translator's workflow (status, catalogs) and `helplines.py` the
helplines by region.
"""

__version__ = "0.1.0"

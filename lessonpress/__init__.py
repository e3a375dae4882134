"""lessonpress: lesson plans written in YAML become print-ready PDFs.

The pipeline, one module per stage, each taking a typed value and returning one:

1. discover  - `project.py`:   which lesson files to build, and where outputs go
2. load      - `yamlio.py`:    bytes -> plain data + a line map (strict, safe YAML)
3. validate  - `validate.py`:  data -> frozen `model.Lesson` (inline text via `markup.py`)
4. plan      - `build.py`:     lessons x formats -> jobs, each with its output path
5. layout    - `layout/`:      Lesson -> DocumentSpec, one module per format (ReportLab here)
6. render    - `render.py`:    DocumentSpec -> PDF bytes (invariant, metadata, outline)
7. write     - `output.py`:    bytes -> file, atomically

`build.build()` runs the whole pipeline; `cli.py` is the thin command line on top; `errors.py`
holds the one error type every stage reports with.
"""

__version__ = "0.1.0"

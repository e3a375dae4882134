"""Who may import whom: ReportLab only in layout/ and render.py; layout never imports render."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lessonpress"


def imports(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved against the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = list(parts[: len(parts) - node.level]) if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def test_layout_never_imports_the_renderer() -> None:
    for path in sorted((PACKAGE / "layout").glob("*.py")):
        assert "lessonpress.render" not in imports(path), path.name


def test_only_layout_and_render_import_reportlab() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        if "layout" in path.parts or path.name == "render.py":
            continue
        heavy = {m for m in imports(path) if m.split(".")[0] in ("reportlab", "uharfbuzz")}
        assert not heavy, (path.relative_to(PACKAGE), heavy)

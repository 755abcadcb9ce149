"""i18n is the lowest layer: it may import the standard library, Babel and ward_office.paths only."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import ward_office.i18n

ALLOWED_PROJECT_MODULES = {"ward_office.i18n", "ward_office.paths"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_i18n_imports_nothing_above_it() -> None:
    folder = Path(ward_office.i18n.__file__).parent
    sources = sorted(folder.glob("*.py"))
    assert {path.name for path in sources} >= {"__init__.py", "text.py", "formatting.py"}
    wrong = {
        f"{path.name}: {name}"
        for path in sources
        for name in _imports(path)
        if not (
            name.split(".")[0] in sys.stdlib_module_names
            or name.split(".")[0] == "babel"
            or any(name == allowed or name.startswith(allowed + ".") for allowed in ALLOWED_PROJECT_MODULES)
        )
    }
    assert wrong == set()

"""No module over 400 lines and no function over 60: a reader takes in a module at one sitting and a function at
one glance. The exceptions are listed below, each with its reason (a long but flat table is one; a long procedure
is not).

Checked with ``ast`` over the whole ``ward_office`` package. A function is named "path::Class.method" (nested
functions too: "path::outer.inner"); its length runs from ``def`` to its last line, docstring included.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import ward_office

PACKAGE = Path(ward_office.__file__).parent
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# Module or function → why it may be longer.
ALLOWED: dict[str, str] = {}


def _functions(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """(qualified name, lines) of every function and method, nested ones included."""
    def visit(node: ast.AST, prefix: str) -> Iterator[tuple[str, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = prefix + child.name
                if not isinstance(child, ast.ClassDef):
                    yield name, (child.end_lineno or child.lineno) - child.lineno + 1
                yield from visit(child, name + ".")
            else:
                yield from visit(child, prefix)

    return visit(tree, "")


def oversized(source: str, where: str) -> list[str]:
    """The module (``where``) if it is too long, and each function of it that is, with their lengths."""
    found = []
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES:
        found.append((where, lines))
    found += [(f"{where}::{name}", length) for name, length in _functions(ast.parse(source, where))
              if length > MAX_FUNCTION_LINES]
    return [f"{name} ({length} lines)" for name, length in found]


def _package_oversized() -> dict[str, str]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE.parent).as_posix()
        for entry in oversized(path.read_text(encoding="utf-8"), where):
            found[entry.rsplit(" (", 1)[0]] = entry
    return found


def test_the_check_finds_long_modules_and_functions() -> None:
    body = "\n".join(f"        x{n} = {n}" for n in range(60))
    source = f"class K:\n    def long(self):\n{body}\n\n\ndef short():\n    return 1\n"
    assert oversized(source, "m.py") == ["m.py::K.long (61 lines)"]
    assert oversized("x = 1\n" * 401, "m.py") == ["m.py (401 lines)"]
    assert oversized("x = 1\n" * 400, "m.py") == []


def test_no_module_or_function_is_too_long_unless_listed() -> None:
    found = _package_oversized()
    unexplained = sorted(entry for name, entry in found.items() if name not in ALLOWED)
    assert unexplained == [], "split these into named pieces, or list them in ALLOWED with a reason"
    assert all(reason.strip() for reason in ALLOWED.values())


def test_the_list_names_only_what_is_still_too_long() -> None:
    stale = sorted(set(ALLOWED) - set(_package_oversized()))
    assert stale == [], "these are short enough now: take them off the list"

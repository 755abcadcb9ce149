"""Every failure a user can meet is raised as a named WardOfficeError subclass, never as the bare base class.

A named class says what failed and lets a caller tell one failure from another; the base class is only for
``except``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import ward_office

PACKAGE = Path(ward_office.__file__).parent


def _raised_name(node: ast.Raise) -> str | None:
    exc = node.exc
    if isinstance(exc, ast.Call):
        exc = exc.func
    if isinstance(exc, ast.Name):
        return exc.id
    if isinstance(exc, ast.Attribute):
        return exc.attr
    return None


def bare_raises(source: str, filename: str) -> list[int]:
    """Lines where ``source`` raises WardOfficeError itself."""
    return [node.lineno for node in ast.walk(ast.parse(source, filename))
            if isinstance(node, ast.Raise) and _raised_name(node) == "WardOfficeError"]


def test_the_check_finds_a_bare_raise() -> None:
    source = "def f():\n    raise WardOfficeError(N_('x'))\n\ndef g():\n    raise errors.WardOfficeError('y')\n"
    assert bare_raises(source, "sample.py") == [2, 5]
    assert bare_raises("raise PeriodKindError(N_('x'))\n", "sample.py") == []


def test_no_module_raises_the_bare_base_class() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}" for path in modules
             for line in bare_raises(path.read_text(encoding="utf-8"), str(path))]
    assert found == []

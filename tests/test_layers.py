"""The layering rule, read from the source: Qt only in ward_office/ui, and imports only point down."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ward_office"

# Higher layers may import lower ones, never the reverse; siblings on one level stay independent.
# The command line is a package whose modules are layers of their own: ``cli/__init__.py`` (``main``) over
# ``cli/app.py`` (the parser) over one module per group of commands over ``cli/sign_in.py``.
LAYERS = (
    {"cli"},
    {"cli.app"},
    {"cli.demo", "cli.ranking", "cli.imports", "cli.checks", "cli.reports", "cli.exports", "cli.backups",
     "cli.locks", "cli.quota", "cli.plans", "cli.change_log", "cli.window", "cli.attendance", "cli.score_imports",
     "cli.citizens", "cli.output"},
    {"cli.sign_in"},  # the one way the commands that write sign in
    {"ui"},
    {"services"},
    {"reports", "importers", "storage"},
    {"scoring"},
    {"core"},
    {"i18n"},
)
SHARED = {"paths", "__init__", "__main__"}


def layer_of(part: str) -> int:
    return next(index for index, names in enumerate(LAYERS) if part in names)


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from ward_office.cli import sign_in`` imports the module ward_office.cli.sign_in
            found += [(node.lineno, f"{node.module}.{alias.name}" if is_module(f"{node.module}.{alias.name}")
                       else node.module) for alias in node.names]
    return found


def is_module(name: str) -> bool:
    parts = name.split(".")
    if parts[0] != "ward_office":
        return False
    place = PACKAGE.joinpath(*parts[1:])
    return place.with_suffix(".py").is_file() or (place / "__init__.py").is_file()


def unit_of(parts: list[str]) -> str:
    """What a layer holds: a top-level package or module of ward_office, or a module of the command line."""
    return ".".join(parts[:2]) if parts[0] == "cli" and len(parts) > 1 else parts[0]


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def top_part(path: Path) -> str:
    parts = [part.removesuffix(".py") for part in path.relative_to(PACKAGE).parts]
    if len(parts) > 1 and parts[-1] == "__init__":
        parts.pop()
    return unit_of(parts)


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_only_ui_imports_qt(path: Path) -> None:
    if top_part(path) == "ui":
        return
    qt = [f"{path.name}:{line} {name}" for line, name in imports_of(path)
          if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt6", "PyQt5"}]
    assert not qt


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_point_down(path: Path) -> None:
    own = top_part(path)
    if own in SHARED:
        return
    upward = []
    for line, name in imports_of(path):
        parts = name.split(".")
        if parts[0] != "ward_office" or len(parts) < 2 or parts[1] in SHARED:
            continue
        unit = unit_of(parts[1:])
        if unit == own:
            continue
        if layer_of(unit) <= layer_of(own):
            upward.append(f"{path.name}:{line} imports {name}")
    assert not upward


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\nimport ward_office.services.records\n")
    names = [name for _line, name in imports_of(bad)]
    assert "PySide6.QtWidgets" in names
    assert layer_of("services") < layer_of("storage")
    assert layer_of(unit_of(["cli", "locks"])) == layer_of(unit_of(["cli", "backups"]))  # siblings: neither imports
    assert layer_of(unit_of(["cli", "app"])) < layer_of(unit_of(["cli", "locks"])) < layer_of("cli.sign_in")

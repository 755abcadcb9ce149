"""The installed program holds every module it loads by name: the window's pages are imported by name when
first shown, which PyInstaller cannot follow, so packaging/ward_office.spec packs them from the same list the
window loads them from (ward_office.ui.shell.page_list). Once a page module was missing from the bundle and
the installed program showed blank pages after sign-in."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from ward_office.ui.shell.page_list import MODULES_LOADED_BY_NAME, PAGES

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "ward_office.spec"
PAGE_LIST = ROOT / "ward_office" / "ui" / "shell" / "page_list.py"
LOADERS_BY_NAME = {"import_module", "__import__", "find_spec", "spec_from_file_location", "load_module"}


def spec_statements() -> tuple[dict[str, object], ast.Call]:
    """What the spec imports from the program and the lists it computes from that, run on their own (the rest
    needs PyInstaller's build), and its call of Analysis."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    wanted = [node for node in tree.body
              if (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ward_office"))
              or (isinstance(node, ast.Assign) and any(isinstance(target, ast.Name)
                                                       and target.id in ("HIDDEN_IMPORTS", "EXCLUDED_MODULES")
                                                       for target in node.targets))]
    namespace: dict[str, object] = {}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(SPEC), "exec"), namespace)
    analysis = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                    and isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "Analysis")
    return namespace, analysis


def test_the_spec_packs_exactly_the_modules_the_program_loads_by_name() -> None:
    namespace, analysis = spec_statements()
    hidden = next(keyword.value for keyword in analysis.keywords if keyword.arg == "hiddenimports")
    assert isinstance(hidden, ast.Name) and hidden.id == "HIDDEN_IMPORTS"
    assert namespace["MODULES_LOADED_BY_NAME"] is MODULES_LOADED_BY_NAME  # the program's own list, not a copy
    # the pages, and reportlab's C accelerator, which reportlab imports through exec()
    assert sorted(namespace["HIDDEN_IMPORTS"]) == sorted([*MODULES_LOADED_BY_NAME, "_rl_accel"])  # type: ignore[call-overload]
    assert len(MODULES_LOADED_BY_NAME) == len(PAGES) == 11
    excluded = set(namespace["EXCLUDED_MODULES"])  # type: ignore[call-overload]
    for module in MODULES_LOADED_BY_NAME:
        parents = {".".join(module.split(".")[:depth]) for depth in range(1, module.count(".") + 2)}
        assert not parents & excluded, module


def test_every_page_in_the_list_is_a_module_with_its_class() -> None:
    for entry in PAGES:
        found = importlib.util.find_spec(entry.module)
        assert found is not None and found.origin is not None, entry.module
        tree = ast.parse(Path(found.origin).read_text(encoding="utf-8"))
        assert entry.class_name in {node.name for node in tree.body if isinstance(node, ast.ClassDef)}, entry


def test_nothing_else_in_the_program_is_loaded_by_name() -> None:
    """A module loaded by name anywhere else would not be in the bundle: it must go through the page list."""
    loaders = []
    for path in sorted((ROOT / "ward_office").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in LOADERS_BY_NAME:
                    loaders.append((path.relative_to(ROOT).as_posix(), name))
    assert loaders == [(PAGE_LIST.relative_to(ROOT).as_posix(), "import_module")]

"""The program's own files are found in each of the three layouts it runs from: the source tree, the
installed wheel (inside the package) and the PyInstaller bundle (beside the program)."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from ward_office import paths

ROOT = Path(__file__).resolve().parent.parent


def test_from_the_source_tree_the_folders_at_the_top_are_read() -> None:
    assert paths.resources_dir() == ROOT / "resources"
    assert paths.translations_dir() == ROOT / "translations"


def test_an_installed_wheel_reads_the_folders_inside_the_package(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "ward_office"
    (package / "resources" / "plans").mkdir(parents=True)
    (package / "translations").mkdir()
    (tmp_path / "site-packages" / "resources").mkdir()  # another project's folder must not be taken
    monkeypatch.setattr(paths, "files", lambda name: package)
    assert paths.plans_dir() == package / "resources" / "plans"
    assert paths.translations_dir() == package / "translations"


def test_the_bundle_reads_the_folders_beside_the_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.fonts_dir() == tmp_path / "resources" / "fonts"
    assert paths.translations_dir() == tmp_path / "translations"


def test_the_wheel_maps_resources_and_compiled_catalogs_into_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["build-system"]["build-backend"] == "hatchling.build"
    assert any(requirement.startswith("babel") for requirement in config["build-system"]["requires"])
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    hook = ROOT / wheel["hooks"]["custom"]["path"]
    source = hook.read_text(encoding="utf-8")
    assert '"ward_office/resources"' in source and "f\"ward_office/translations/" in source
    assert "compile_catalog" in source
    sdist = config["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    assert {"resources", "translations", "packaging/hatch_build.py", "packaging/i18n.py"} <= set(sdist)

"""Build hook of the wheel: ``resources/`` and the compiled catalogs go inside the package.

They stay at the top of the repository (the bundle and the tests read them there) and are mapped to
``ward_office/resources`` and ``ward_office/translations/<lang>/LC_MESSAGES/ward_office.mo`` in the wheel,
where ``ward_office.paths.shipped_dir`` finds them. The catalogs are compiled from the ``.po`` here, so
``pip install .`` on a fresh checkout needs no step before it. An editable install reads the source tree.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _load_i18n(root: Path) -> Any:
    spec = importlib.util.spec_from_file_location("ward_office_i18n_tool", root / "packaging" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class ShippedFilesHook(BuildHookInterface):  # type: ignore[misc]  # hatchling ships no type information
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return
        root = Path(self.root)
        build_data["force_include"][str(root / "resources")] = "ward_office/resources"
        i18n = _load_i18n(root)
        self._catalogs = Path(tempfile.mkdtemp(prefix="ward-office-catalogs-"))
        for po_path in sorted((root / "translations").glob("*/LC_MESSAGES/*.po")):
            relative = po_path.relative_to(root / "translations").with_suffix(".mo")
            mo_path = self._catalogs / relative
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            i18n.compile_catalog(po_path, mo_path)
            build_data["force_include"][str(mo_path)] = f"ward_office/translations/{relative.as_posix()}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        catalogs = getattr(self, "_catalogs", None)
        if catalogs is not None:
            shutil.rmtree(catalogs, ignore_errors=True)

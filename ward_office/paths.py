"""Where bundled resources live: the source tree in development, the bundle folder when frozen."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return app_root() / "resources"


def plans_dir() -> Path:
    return resources_dir() / "plans"


def fonts_dir() -> Path:
    """The bundled fonts of printed reports (Liberation Serif, SIL OFL 1.1)."""
    return resources_dir() / "fonts"


def icons_dir() -> Path:
    """The app icon: ``ward-office.svg`` and PNGs of it, ``ward-office-<size>.png``, and a Windows .ico."""
    return resources_dir() / "icons"


def translations_dir() -> Path:
    return app_root() / "translations"


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("ward-office", appauthor=False))


def default_database_path() -> Path:
    return data_dir() / "ward_office.db"


def demo_database_path() -> Path:
    return data_dir() / "demo.db"

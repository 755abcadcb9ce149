"""Where the program's own files live (plans, fonts, templates, icons, the guide, the compiled catalog) and
the user's data folder: the record book, the sign-in waits of the command line and the log of errors.

The program's files are ``resources/`` and ``translations/`` at the top of the source tree. The wheel carries
them inside the package (``ward_office/resources``, ``ward_office/translations``: packaging/hatch_build.py
maps them there) and the PyInstaller bundle beside the program (``sys._MEIPASS``, packaging/ward_office.spec).
``shipped_dir`` is the one place that knows the three layouts.
"""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path

# Another data folder than the user's, for a second installation or a test run.
DATA_DIR_ENV = "WARD_OFFICE_DATA_DIR"


def shipped_dir(name: str) -> Path:
    """The folder ``name`` ("resources" or "translations") of the running program: in the bundle, in the
    installed package, or at the top of the source tree (a checkout, an editable install)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / name
    package = Path(str(files("ward_office")))
    inside = package / name
    if inside.is_dir():
        return inside
    return package.parent / name


def resources_dir() -> Path:
    return shipped_dir("resources")


def plans_dir() -> Path:
    return resources_dir() / "plans"


def fonts_dir() -> Path:
    """The bundled fonts of printed reports (Liberation Serif, SIL OFL 1.1)."""
    return resources_dir() / "fonts"


def icons_dir() -> Path:
    """The app icon: ``ward-office.svg`` and PNGs of it, ``ward-office-<size>.png``, and a Windows .ico."""
    return resources_dir() / "icons"


def common_passwords_file() -> Path:
    """The most common passwords, refused as new passwords of a real record book."""
    return resources_dir() / "passwords" / "common-passwords.txt"


def translations_dir() -> Path:
    return shipped_dir("translations")


def data_dir() -> Path:
    chosen = os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen)
    import platformdirs  # deferred: a folder chosen by the variable needs no platform lookup (9 ms)

    return Path(platformdirs.user_data_dir("ward-office", appauthor=False))


def default_database_path() -> Path:
    return data_dir() / "ward_office.db"


def demo_database_path() -> Path:
    return data_dir() / "demo.db"


def log_path() -> Path:
    """Where the details of an error the user was told about in one line are written (kept small)."""
    return data_dir() / "ward-office.log"


def sign_in_waits_path() -> Path:
    """The failed sign-ins of the command line, so the wait after them outlives each command."""
    return data_dir() / "sign-in-waits.json"

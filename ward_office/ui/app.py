"""Start the window: the Qt application in Vietnamese, the ward database, the main window.

Heavy modules (reportlab, the importers) are imported by the pages that use them, when used, so the
window comes up fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ward_office import i18n
from ward_office.services.ward import Ward

from ward_office.ui.context import WardContext
from ward_office.ui.main_window import APP_NAME_VI, MainWindow
from ward_office.ui.qt_strings import CatalogTranslator

# Sans-serif families that carry every Vietnamese glyph, in order of preference.
UI_FONTS = ("Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial")


def create_application(argv: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv) or [sys.argv[0]])
    app.setApplicationName("ward-office")
    app.setApplicationDisplayName(APP_NAME_VI)
    app.setOrganizationName("ward-office")
    if not any(isinstance(child, CatalogTranslator) for child in app.children()):
        translator = CatalogTranslator(app)
        app.installTranslator(translator)
    families = set(QFontDatabase.families())
    family = next((name for name in UI_FONTS if name in families), None)
    if family is not None:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return app


def open_main_window(path: Path, *, today: date | None = None, read_only: bool = False) -> MainWindow:
    ward = Ward.open(path, read_only=read_only)
    context = WardContext(ward, today=(lambda: today) if today else date.today)
    window = MainWindow(context)
    window.resize(1280, 800)
    return window


def run(path: Path, *, language: str = i18n.DEFAULT_LANGUAGE) -> int:
    i18n.set_language(language)
    app = create_application(sys.argv)
    window = open_main_window(path)
    window.show()
    try:
        return app.exec()
    finally:
        window.context.ward.close()

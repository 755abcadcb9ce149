"""Start the window: the Qt application in Vietnamese, the ward database, the main window.

Heavy modules (reportlab, the importers) are imported by the pages that use them, when used, so the
window comes up fast.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, QSize, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ward_office import i18n
from ward_office.core.access import Account
from ward_office.paths import icons_dir
from ward_office.services.accounts import continue_as
from ward_office.services.ward import Ward

from ward_office.ui.backups.dialogs import open_book_at_start
from ward_office.ui.shell.geometry import keep_geometry, place_window
from ward_office.ui.shell.idle_lock import IdleLock
from ward_office.ui.shell.main_window import APP_NAME_VI, MainWindow
from ward_office.ui.shell.sign_in import sign_in_at_start
from ward_office.ui.widgets.context import WardContext
from ward_office.ui.widgets.qt_strings import CatalogTranslator

# Sans-serif families that carry every Vietnamese glyph, in order of preference.
UI_FONTS = ("Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
VIETNAM = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icons_dir() / f"ward-office-{size}.png"), QSize(size, size))
    return icon


def create_application(argv: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv) or [sys.argv[0]])
    app.setApplicationName("ward-office")
    # No display name: Qt would add it after every window's title, and the main window's title starts with it.
    app.setOrganizationName("ward-office")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("ward-office")  # matches ward-office.desktop, so docks show our icon
    # Qt's own month and weekday names (calendar pop-ups) and number formats, whatever the computer's language.
    QLocale.setDefault(VIETNAM)
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


def report_uncaught(kind: type[BaseException], error: BaseException, trace: object = None) -> QMessageBox | None:
    """An error nobody caught, in the window (Qt hands the ones raised in slots to ``sys.excepthook``): one
    line in a message box, the details in the log (``services.error_report``); a closed pipe is let go."""
    if isinstance(error, BrokenPipeError):
        return None
    from ward_office.services.error_report import explain  # loads when such an error comes, not at start

    message = explain(error)
    app = QApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        print(message, file=sys.stderr)
        return None
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME_VI, message, QMessageBox.StandardButton.Ok,
                      QApplication.activeWindow())
    box.setObjectName("uncaught_error")
    _shown_errors.append(box)
    box.finished.connect(lambda _result: _shown_errors.remove(box))
    box.open()
    return box


_shown_errors: list[QMessageBox] = []  # kept alive while shown, for boxes without a parent window


def install_error_hooks() -> None:
    """Every error nobody caught ends in ``report_uncaught``: in Qt's event loop and in other threads."""
    def hook(kind: type[BaseException], error: BaseException, trace: object) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)  # type: ignore[arg-type]
            return
        report_uncaught(kind, error, trace)

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)


def open_main_window(path: Path, *, today: date | None = None, read_only: bool = False,
                     account: Account | None = None) -> MainWindow:
    """The window on ``path``; with ``account`` (signed in by the caller) it shows who is at the keyboard and
    locks itself when left idle. Without one nobody is signed in: tests, and books without accounts."""
    return main_window_for(Ward.open(path, read_only=read_only), account=account, today=today)


def main_window_for(ward: Ward, *, account: Account | None = None, today: date | None = None) -> MainWindow:
    """The window on a ward already open (see ``open_main_window``); the window owns it from now on."""
    if account is not None:
        continue_as(ward, account)
    context = WardContext(ward, today=(lambda: today) if today else date.today)
    window = MainWindow(context)
    place_window(window)
    if account is not None:
        IdleLock(window, context)
    return window


def start_session(path: Path, parent: QWidget | None = None) -> tuple[Ward, Account | None] | None:
    """Before the window, blocking (for ``run``): the book opened once for the whole session, after the
    damaged-book dialog if it is damaged; then the first-run wizard on a new book, or the sign-in.

    Returns the open ward and who signed in, or None when the user gave up (nothing is left open).
    """
    from ward_office.services.first_run import is_new_ward  # the session's start: not loaded by the window alone

    if path.exists():  # the wizard writes nothing, not even the file, until Finish
        ward = open_book_at_start(path, parent)
        if ward is None:
            return None
        if not is_new_ward(ward):
            go_on, account = sign_in_at_start(ward, parent)
            if go_on:
                return ward, account
            ward.close()
            return None
        path = ward.path
        ward.close()
    from ward_office.ui.shell.first_run import set_up_at_start  # the first-run wizard loads only for a new book

    go_on, account = set_up_at_start(path, parent)
    return (Ward.open(path), account) if go_on else None


# Set in the environment, the start prints ``SHOWN_MARKER`` when its first window (the sign-in) is painted:
# benchmarks/cold_start.py times the installed program to it.
SHOWN_MARKER_VARIABLE = "WARD_OFFICE_SHOWN_MARKER"
SHOWN_MARKER = "WARD-OFFICE-SHOWN"


def run(path: Path, *, language: str = i18n.DEFAULT_LANGUAGE) -> int:
    i18n.set_language(language)
    app = create_application(sys.argv)
    install_error_hooks()
    if os.environ.get(SHOWN_MARKER_VARIABLE):
        FirstPaint(app, lambda: print(SHOWN_MARKER, flush=True))
    session = start_session(path)
    if session is None:
        return 0
    ward, account = session
    window = main_window_for(ward, account=account)
    keep_geometry(window)
    window.show()
    window.backup_actions.start_automatic_backup(delay_ms=3000)  # the day's backup, after the first paint
    try:
        return app.exec()
    finally:
        window.context.ward.close()


class FirstPaint(QObject):
    """Calls ``action`` once, on the event loop turn after the watched widget's first paint (watching the
    application: after the first paint of any of its widgets)."""

    def __init__(self, watched: QObject, action: Callable[[], None]) -> None:
        super().__init__(watched)
        self._action = action
        self._watched = watched
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self._watched.removeEventFilter(self)
            QTimer.singleShot(0, self._action)
        return False

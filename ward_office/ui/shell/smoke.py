"""The installed program checks itself (``ward-office --smoke-test``, run by packaging/smoke_test.py on a built
bundle): signed in on a copy of a demo ward, it opens every page, every settings tab, the import wizard, the
first-run wizard on an empty folder and one report's preview, and exits non-zero on anything that went wrong.

What counts as wrong: an exception anywhere (Qt's event loop and other threads included), a warning or error
from Qt, a message box (no step of the walk should show one), a page that is not the class the page list
names (a page module missing from the bundle shows as a blank page). Each is printed on stderr as it
happens, so packaging/smoke_test.py fails on it even if the exit code were lost.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QTabWidget

from ward_office import __version__, i18n
from ward_office.core.access import Account
from ward_office.services.accounts import has_accounts, sign_in
from ward_office.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from ward_office.services.ward import Ward

from ward_office.ui.shell.app import SHOWN_MARKER, FirstPaint, create_application, main_window_for
from ward_office.ui.shell.first_run import FirstRunWizard
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.shell.page_list import PAGES
from ward_office.ui.widgets.jobs import wait_for_jobs

# Printed before the JSON of what the walk saw; packaging/smoke_test.py looks for it.
SMOKE_MARKER = "WARD-OFFICE-SMOKE"
# Printed alone after the window's first paint, before the walk: packaging/smoke_test.py times starts to it.
SMOKE_TIMEOUT_MS = 120_000
# Seconds instead, for slow machines (packaging/smoke_test.py --timeout): under Wine the walk takes minutes.
TIMEOUT_VARIABLE = "WARD_OFFICE_SMOKE_TIMEOUT"
# Names a PNG file to save the signed-in window into, its first page filled in (packaging/smoke_test.py --screenshot).
SCREENSHOT_VARIABLE = "WARD_OFFICE_SMOKE_SCREENSHOT"
EXIT_FAILED, EXIT_TIMED_OUT = 1, 3
# Qt warnings that say nothing about the program, each with why.
HARMLESS_QT_MESSAGES: tuple[str, ...] = (
    # Wine (packaging/windows/check.sh) lacks this Windows 10 call: title bars do not follow the DPI there.
    "EnableNonClientDpiScaling() failed",
)


class Failures:
    """What went wrong during the walk, each printed on stderr when it happens."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        self.messages.append(message)
        print(f"SMOKE FAILURE: {message}", file=sys.stderr, flush=True)

    def install(self) -> None:
        def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
            self.add("".join(traceback.format_exception(kind, error, trace)).rstrip())

        def qt_message(mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
            if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
                return
            if not any(harmless in message for harmless in HARMLESS_QT_MESSAGES):
                self.add(f"Qt {mode.name}: {message}")

        sys.excepthook = hook
        threading.excepthook = lambda args: hook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)
        qInstallMessageHandler(qt_message)

    def close_message_boxes(self) -> None:
        """A message box shown during the walk is an error the user would see: note it, close it."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                self.add(f"message box {widget.windowTitle()!r}: {widget.text()}")
                widget.done(QDialog.DialogCode.Rejected)


def settle() -> None:
    """Let background jobs end and their results reach the window."""
    for _round in range(3):
        wait_for_jobs()
        QApplication.processEvents()


def signed_in_copy(path: Path, folder: Path, failures: Failures) -> tuple[Ward, Account | None]:
    """The book copied into ``folder`` (the user's file is not touched), signed in as the demo ward's head."""
    copy = folder / path.name
    shutil.copyfile(path, copy)
    ward = Ward.open(copy)
    if not has_accounts(ward):
        return ward, None
    username = DEMO_ACCOUNTS[0][0]
    try:
        return ward, sign_in(ward, username, DEMO_PASSWORD)
    except Exception as error:
        failures.add(f"cannot sign in as the demo ward's {username!r}: {error}")
        return ward, None


def open_every_page(window: MainWindow, failures: Failures) -> tuple[list[str], list[str]]:
    """Each page in turn, and every tab in it; the class of each page and the names of the tabs."""
    pages, tabs = [], []
    for row, entry in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        settle()
        shown = type(window.stack.currentWidget())
        pages.append(shown.__name__)
        if (shown.__module__, shown.__name__) != (entry.module, entry.class_name):
            failures.add(f"page {row + 1} shows a {shown.__module__}.{shown.__name__}, not {entry.class_name}")
            continue
        for tab_widget in window.stack.currentWidget().findChildren(QTabWidget):
            for index in range(tab_widget.count()):
                tab_widget.setCurrentIndex(index)
                settle()
                tabs.append(tab_widget.tabText(index).replace("&", ""))
    return pages, tabs


def preview_one_report(window: MainWindow, failures: Failures) -> int:
    """The reports page's first report, made and shown: the number of its pages drawn in the preview."""
    page = window.show_feature("reports")
    if page.make_report() is None:  # type: ignore[attr-defined] - the reports page, loaded by name
        failures.add("the reports page made no report")
        return 0
    settle()
    preview = page.preview  # type: ignore[attr-defined]
    drawn = [label for label in preview.page_labels() if not label.pixmap().isNull()]
    if preview.path is None or not preview.path.is_file() or not drawn:
        failures.add(f"no report preview was drawn ({preview.path})")
    return len(drawn)


def open_wizards(window: MainWindow, folder: Path, failures: Failures) -> list[str]:
    """The import wizard on the window, and the first-run wizard on an empty folder; both closed unused."""
    opened = []
    new_book = folder / "new-ward" / "ward_office.db"
    for wizard in (window.show_import_wizard(), FirstRunWizard(new_book, parent=window)):
        wizard.show()
        settle()
        if not wizard.isVisible():
            failures.add(f"{type(wizard).__name__} did not show")
        opened.append(type(wizard).__name__)
        wizard.done(QDialog.DialogCode.Rejected)
        settle()
    if new_book.parent.exists():
        failures.add("the first-run wizard wrote before Finish")
    return opened


def run_smoke_test(path: Path, *, language: str = i18n.DEFAULT_LANGUAGE) -> int:
    """Walk the window on a copy of the book at ``path``, print what it saw after ``SMOKE_MARKER``, quit.

    Exit 0 when nothing went wrong, 1 when something did (each printed on stderr), 3 when the walk did not
    end in time. The JSON is ASCII, so a Windows console of any code page can print it.
    """
    i18n.set_language(language)
    app = create_application(sys.argv)
    failures = Failures()
    failures.install()
    watch = QTimer(app)
    watch.timeout.connect(failures.close_message_boxes)
    watch.start(250)
    timeout_ms = int(os.environ.get(TIMEOUT_VARIABLE, "0")) * 1000 or SMOKE_TIMEOUT_MS
    with tempfile.TemporaryDirectory(prefix="ward-office-smoke-") as scratch:
        folder = Path(scratch)
        ward, account = signed_in_copy(path, folder, failures)
        window = main_window_for(ward, account=account)

        def walk() -> None:
            print(SHOWN_MARKER, flush=True)
            screenshot = os.environ.get(SCREENSHOT_VARIABLE)
            if screenshot:
                settle()  # the overview's figures, computed in the background
                if not window.grab().save(screenshot):
                    failures.add(f"the window could not be saved into {screenshot}")
            report: dict[str, object] = {
                "version": __version__, "title": window.windowTitle(),
                "signed_in": account.username if account else None,
                "pages": [window.nav.item(row).text() for row in range(window.nav.count())],
                "menus": [action.text() for action in window.menuBar().actions()],
            }
            try:
                report["opened"], report["tabs"] = open_every_page(window, failures)
                report["wizards"] = open_wizards(window, folder, failures)
                report["report_pages"] = preview_one_report(window, failures)
            except Exception:
                failures.add(traceback.format_exc().rstrip())
            failures.close_message_boxes()
            report["failures"] = len(failures.messages)
            print(SMOKE_MARKER, json.dumps(report), flush=True)
            window.close()
            app.exit(EXIT_FAILED if failures.messages else 0)

        def time_out() -> None:
            failures.add(f"the walk did not end within {timeout_ms // 1000} s")
            app.exit(EXIT_TIMED_OUT)

        FirstPaint(window, walk)
        QTimer.singleShot(timeout_ms, time_out)
        window.show()
        try:
            code = app.exec()
        finally:
            watch.stop()
            wait_for_jobs()
            window.context.ward.close()
    return code or (EXIT_FAILED if failures.messages else 0)

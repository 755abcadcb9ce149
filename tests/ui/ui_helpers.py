"""Reading what a window shows, to catch English left on screen.

``visible_texts`` walks a widget tree the way a user reads it: labels, buttons, titles, menus,
placeholders, combo items, table headers and the first rows of every table, tooltips. ``untranslated``
flags a text that is one of our English messages (or one of Qt's own) instead of its Vietnamese, or whose
words (two or more of three letters or longer) are all plain ASCII: Vietnamese text of more than one
word carries diacritics.

``driving`` works a dialog that blocks in its own ``exec`` from the event loop, and closes it when a check
inside fails: an assertion failing in a modal dialog must fail the test, not leave it waiting forever.
"""

from __future__ import annotations

import ctypes
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from ward_office.ui.widgets.qt_strings import QT_MESSAGES

# The demo ward of the UI tests has records up to this Friday, which is also the window's today.
DEMO_TODAY = date(2026, 11, 20)

PO_PATH = Path(__file__).resolve().parents[2] / "translations" / "vi" / "LC_MESSAGES" / "ward_office.po"
WORD = re.compile(r"[^\W\d_]+")
MAX_ROWS = 40
# How long ``driving`` waits for its dialog to come up before it gives up and closes what is open.
DIALOG_WAIT_S = 20


# The suite run by Windows Python under Wine (packaging/windows/check.sh): a few tests skip there, each saying why.
UNDER_WINE = sys.platform == "win32" and hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")

def _clean(text: str) -> str:
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split()).strip().rstrip(":…").strip()


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


@cache
def english_messages() -> frozenset[str]:
    """Our English source texts whose Vietnamese differs, and Qt's English for what we translate."""
    with PO_PATH.open("rb") as handle:
        catalog = read_po(handle)
    texts = set()
    for message in catalog:
        if message.id and isinstance(message.id, str) and message.string and message.string != message.id:
            texts.update(_clean(line) for line in message.id.split("\n") if "{" not in line)
    texts.update(_clean(source) for _context, source in QT_MESSAGES)
    texts.discard("")
    return frozenset(texts)


def _menu_texts(actions: Iterable[QAction], where: str) -> Iterator[tuple[str, str]]:
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        yield f"{where}/action", action.text()
        yield f"{where}/action tooltip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield from _menu_texts(menu.actions(), f"{where}/{action.text()}")


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for everything a user can read in ``root`` and its visible children."""
    found: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        where = f"{type(widget).__name__}:{widget.objectName()}"
        if widget.isWindow():
            found.append((f"{where} title", widget.windowTitle()))
        found.append((f"{where} tooltip", widget.toolTip()))
        found.append((f"{where} accessible name", widget.accessibleName()))
        if isinstance(widget, QLabel):
            found.append((where, widget.text()))
        elif isinstance(widget, QAbstractButton):
            found.append((where, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((where, widget.title()))
        elif isinstance(widget, QLineEdit):
            found.append((f"{where} placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            found.extend((f"{where} item", widget.itemText(index)) for index in range(widget.count()))
        elif isinstance(widget, QTabWidget):
            found.extend((f"{where} tab", widget.tabText(index)) for index in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
            for column in range(columns):
                found.append((f"{where} header", str(model.headerData(column, Qt.Orientation.Horizontal) or "")))
            for row in range(min(model.rowCount(QModelIndex()), MAX_ROWS)):
                for column in range(max(columns, 1)):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = index.data(role)
                        if isinstance(value, str):
                            found.append((f"{where} cell {row},{column}", value))
        found.extend(_menu_texts(widget.actions(), where))
    return [(where, _plain(text)) for where, text in found if text and text.strip()]


def untranslated(texts: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    english = english_messages()
    problems = []
    for where, text in texts:
        for line in text.splitlines():
            cleaned = _clean(line)
            words = WORD.findall(cleaned)
            long_words = [word for word in words if len(word) >= 3]  # not codes such as "M/S" or "P"
            if cleaned in english or (len(long_words) >= 2 and all(word.isascii() for word in words)):
                problems.append((where, line))
    return problems


def corrupt(path: Path) -> None:
    """Overwrite one page in the middle of a SQLite file, as a failing disk would."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page_size // 2) * page_size
    data[middle:middle + page_size] = b"\xff" * page_size
    path.write_bytes(bytes(data))


def close_modal_dialogs() -> list[str]:
    """Close every dialog shown, innermost first, without asking anything (``done``, not ``reject``, which may
    ask "stop?" in a dialog of its own), so every ``exec`` waiting on one returns. Their titles, for messages."""
    closed = []
    while True:
        shown = [widget for widget in QApplication.topLevelWidgets()
                 if isinstance(widget, QDialog) and widget.isVisible()]
        if not shown:
            return closed
        modal = QApplication.activeModalWidget()
        dialog = modal if isinstance(modal, QDialog) and modal in shown else shown[-1]
        closed.append(dialog.windowTitle() or type(dialog).__name__)
        dialog.done(QDialog.DialogCode.Rejected)


class Driver:
    """Works dialogs that block in their ``exec``, from the event loop; remembers what failed inside them."""

    def __init__(self) -> None:
        self.failures: list[BaseException] = []

    def when_shown(self, kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
        """``act`` on the first visible top-level ``kind`` once it is shown. If ``act`` fails, or no such dialog
        comes up in time, every dialog is closed, so whatever waits on one goes on and the test can fail."""
        deadline = time.monotonic() + DIALOG_WAIT_S

        def attempt() -> None:
            shown = [widget for widget in QApplication.topLevelWidgets()
                     if isinstance(widget, kind) and widget.isVisible()]
            if not shown and time.monotonic() < deadline:
                QTimer.singleShot(20, attempt)
                return
            try:
                if not shown:
                    raise AssertionError(f"no {kind.__name__} was shown within {DIALOG_WAIT_S} s")
                act(shown[0])
            except BaseException as failure:  # raised again at the end of ``driving``, once the dialogs are closed
                self.failures.append(failure)
                close_modal_dialogs()

        QTimer.singleShot(0, attempt)


@contextmanager
def driving(kind: type[QWidget], act: Callable[[QWidget], None]) -> Iterator[Driver]:
    """Inside the block a ``kind`` dialog blocks in its ``exec`` and ``act`` works it (``Driver.when_shown``; the
    driver yielded can drive the dialogs that follow). A failure inside a dialog is raised when the block ends."""
    driver = Driver()
    driver.when_shown(kind, act)
    try:
        yield driver
    except BaseException:
        if driver.failures:
            raise driver.failures[0] from None  # the failure inside the dialog caused what followed
        raise
    if driver.failures:
        raise driver.failures[0]

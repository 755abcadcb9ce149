"""Qt's own widgets speak Vietnamese: calendar pop-ups (month and weekday names from the vi_VN locale), the
file dialog Qt draws itself, standard buttons. A walk over every visible widget of each page and dialog looks
for Qt's stock English words."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabBar,
    QWidget,
)

from ward_office.ui.attendance.page import AttendancePage
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets import DateField
from ward_office.ui.widgets.jobs import wait_for_jobs

# Qt's stock strings. Left out: words that are also Vietnamese ("Thu", "May", "No" — a leave code) and "Delete",
# the name printed on the key our tooltips mention.
QT_ENGLISH = (
    "Look in", "File name", "File &name", "Files of type", "Cancel", "Open", "Save", "Name", "Size", "Type", "Kind",
    "Date Modified", "Computer", "My Computer", "Back", "Forward", "Parent Directory", "Create New Folder",
    "List View", "Detail View", "Recent Places", "Folder", "Directory", "Choose", "Close", "Apply", "Yes", "OK",
    "Help", "Reset", "Discard", "Week", "Select All", "Undo", "Redo", "Copy", "Paste",
    "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Mon", "Tue", "Wed", "Fri", "Sat", "Sun",
)
ENGLISH = re.compile(r"(?<![\w&])(" + "|".join(re.escape(word) for word in QT_ENGLISH) + r")(?!\w)")


def _item_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model keeps its column count private: it has one
        columns = 1
    for column in range(min(columns, 40)):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for row in range(min(model.rowCount(QModelIndex()), 12)):
            yield str(model.index(row, column).data() or "")


def texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a user can see on ``root`` and its visible children, tooltips included."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        found = [widget.toolTip(), widget.windowTitle() if widget.isWindow() else ""]
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        if isinstance(widget, QLineEdit):
            found += [widget.placeholderText(), widget.text()]
        if isinstance(widget, QGroupBox):
            found.append(widget.title())
        if isinstance(widget, QComboBox):
            found += [widget.itemText(index) for index in range(widget.count())]
        if isinstance(widget, QTabBar):
            found += [widget.tabText(index) for index in range(widget.count())]
        if isinstance(widget, QAbstractItemView):
            found += list(_item_texts(widget))
        for text in found:
            if text:
                yield where, text


def english_in(root: QWidget) -> list[str]:
    return [f"{where}: {text!r}" for where, text in texts(root) if ENGLISH.search(text.replace("&", ""))]


def _settle() -> None:
    wait_for_jobs()
    QCoreApplication.processEvents()


def test_the_walk_finds_english_when_there_is_some(qtbot) -> None:
    """The walk itself can fail: an English file dialog from a bare Qt would be caught."""
    widget = QWidget()
    qtbot.addWidget(widget)
    label = QLabel("Files of type:", widget)
    label.show()
    widget.show()
    assert english_in(widget) == ["QLabel: 'Files of type:'"]


def test_the_default_locale_is_vietnamese(qapp) -> None:
    locale = QLocale()
    assert locale.name() == "vi_VN"
    assert locale.monthName(11) == "tháng 11"
    assert locale.dayName(1) == "Thứ Hai"


def test_no_page_shows_qt_english(window: MainWindow) -> None:
    found = []
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        _settle()
        found += english_in(window)
    assert found == []


def test_calendar_popups_are_vietnamese(window: MainWindow) -> None:
    page = window.show_page(AttendancePage)
    _settle()
    field = page.findChild(DateField)
    calendar = field.show_calendar()
    _settle()
    assert calendar.isVisible()
    shown = [text for _where, text in texts(calendar.window())]
    assert "tháng 11" in " ".join(shown).lower()
    assert english_in(calendar.window()) == []
    calendar.window().close()


@pytest.mark.parametrize("mode", [QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave])
def test_qts_own_file_dialog_is_vietnamese(qtbot, window: MainWindow, tmp_path, mode) -> None:
    (tmp_path / "chấm công.xlsx").write_bytes(b"x")
    dialog = QFileDialog(window, "Chọn tệp", str(tmp_path), "Bảng tính (*.xlsx);;Tất cả các tệp (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(200)  # the file list is filled in by a thread
    shown = " ".join(text for _where, text in texts(dialog))
    assert "Tên" in shown and "Ngày sửa" in shown and "Tìm trong" in shown
    assert english_in(dialog) == []
    dialog.reject()


def test_message_boxes_are_vietnamese(qtbot, window: MainWindow) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "Xác nhận", "Xóa?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Save, window)
    box.open()
    qtbot.waitExposed(box)
    assert english_in(box) == []
    box.reject()


def test_page_dialogs_are_vietnamese(qtbot, window: MainWindow) -> None:
    from ward_office.ui.events.page import EventsPage

    page = window.show_page(EventsPage)
    _settle()
    dialog = page.add_dialog()
    qtbot.waitExposed(dialog)
    assert english_in(dialog) == []
    dialog.reject()

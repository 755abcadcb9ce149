"""Dates typed in one go (16/11/2026, 3/2/25) in every date field; an impossible date refused in words."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from PySide6.QtCore import QDate, Qt

import ward_office.ui
from ward_office.ui.widgets import date_edit
from ward_office.ui.widgets.date_field import DateField, TypedDateError, parse_typed_date


@pytest.mark.parametrize(("text", "expected"), [
    ("16/11/2026", date(2026, 11, 16)),
    ("3/2/25", date(2025, 2, 3)),
    ("03/02/2025", date(2025, 2, 3)),
    (" 29.2.2028 ", date(2028, 2, 29)),
    ("1-12-26", date(2026, 12, 1)),
    ("16112026", date(2026, 11, 16)),
])
def test_typed_dates_are_read_whole(text: str, expected: date) -> None:
    assert parse_typed_date(text) == expected


@pytest.mark.parametrize(("text", "words"), [
    ("31/02/2026", "tháng 2 năm 2026 chỉ có 28 ngày"),
    ("29/02/2025", "chỉ có 28 ngày"),
    ("12/13/2026", "Không có tháng 13"),
    ("16/11", "chưa có năm"),
    ("hôm qua", "không phải là ngày"),
])
def test_impossible_dates_are_refused_in_vietnamese(text: str, words: str, vietnamese: None) -> None:
    with pytest.raises(TypedDateError, match=words):
        parse_typed_date(text)


@pytest.fixture
def field(qtbot, vietnamese: None) -> DateField:
    edit = date_edit(date(2026, 11, 7))
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    return edit


def _type(qtbot, field: DateField, text: str) -> None:
    field.lineEdit().setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), text)
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Return)


def test_typing_over_the_selected_date_replaces_it(qtbot, field: DateField) -> None:
    with qtbot.waitSignal(field.dateChanged) as changed:
        _type(qtbot, field, "16/11/2026")
    assert changed.args == [QDate(2026, 11, 16)]
    assert field.date() == QDate(2026, 11, 16)
    assert field.text() == "16/11/2026"
    _type(qtbot, field, "3/2/25")
    assert field.date() == QDate(2025, 2, 3)
    assert field.text() == "03/02/2025"  # shown back in the one format
    assert field.problem() == ""


def test_an_impossible_date_keeps_the_old_one_and_says_why(qtbot, field: DateField) -> None:
    with qtbot.assertNotEmitted(field.dateChanged):
        _type(qtbot, field, "31/02/2026")
    assert field.date() == QDate(2026, 11, 7)
    assert field.text() == "07/11/2026"
    assert field.problem() == ("Không có ngày 31/02/2026: tháng 2 năm 2026 chỉ có 28 ngày. "
                               "Ô ngày giữ nguyên 07/11/2026.")
    _type(qtbot, field, "30/01/2026")
    assert field.problem() == ""
    assert field.date() == QDate(2026, 1, 30)


def test_asking_for_the_date_mid_typing_leaves_the_typing_alone(qtbot, field: DateField) -> None:
    field.lineEdit().setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), "16/1")
    assert field.date() == QDate(2026, 11, 7)  # a page refreshing meanwhile gets the date shown before
    assert field.text() == "16/1"
    qtbot.keyClicks(field.lineEdit(), "1/26")
    assert field.date() == QDate(2026, 11, 16)  # a whole date counts without Enter


def test_letters_cannot_be_typed_and_limits_are_explained(qtbot, field: DateField) -> None:
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), "abc")
    assert field.text() == "07/11/2026"  # refused keystroke by keystroke, with a word why
    assert field.problem() == "Ngày chỉ gồm chữ số và dấu “/”, ví dụ 16/11/2026."
    field.setMaximumDate(QDate(2026, 11, 20))
    _type(qtbot, field, "21/11/2026")
    assert field.date() == QDate(2026, 11, 7)
    assert "Ngày không được sau 20/11/2026." in field.problem()


def test_keys_step_days_and_the_calendar_picks(qtbot, field: DateField) -> None:
    field.lineEdit().setFocus()
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Up)
    assert field.date() == QDate(2026, 11, 8)
    calendar = field.show_calendar()
    assert calendar.isVisible()
    assert calendar.selectedDate() == QDate(2026, 11, 8)
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    calendar.clicked.emit(QDate(2026, 11, 25))
    assert field.date() == QDate(2026, 11, 25)
    assert not calendar.isVisible()


def test_a_day_of_every_year_takes_day_and_month(qtbot, vietnamese: None) -> None:
    field = DateField(QDate(2024, 4, 15), with_year=False)
    qtbot.addWidget(field)
    field.show()
    _type(qtbot, field, "1/10")
    assert field.date() == QDate(2024, 10, 1)
    assert field.text() == "01/10"


def test_no_page_or_dialog_builds_a_qt_date_edit_of_its_own() -> None:
    """One date field for the whole window (the import wizard's month picker, a month not a date, aside)."""
    root = Path(ward_office.ui.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        if path.parent.name == "imports":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                    "QDateEdit", "QDateTimeEdit"):
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []

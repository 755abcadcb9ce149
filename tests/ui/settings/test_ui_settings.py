"""The settings page on a real window: each tab saves to the book, refuses bad input, and speaks Vietnamese."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time
from fractions import Fraction
from pathlib import Path

import pytest
from ui_helpers import untranslated, visible_texts

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDialogButtonBox, QTabWidget, QWidget

from ward_office.core.checks import Event
from ward_office.core.period import month
from ward_office.core.plan import load_plan
from ward_office.core.schedule import DayKind
from ward_office.core.staff import Gender, Staff, StaffCategory

from ward_office.ui import widgets
from ward_office.ui.settings.plan import plan_rows
from ward_office.ui.shell.main_window import APP_NAME_VI, MainWindow
from ward_office.ui.shell.settings_page import SettingsPage


@pytest.fixture
def page(window: MainWindow, qtbot) -> SettingsPage:
    shown = window.show_page(SettingsPage)
    qtbot.waitUntil(shown.isVisible)
    assert isinstance(shown, SettingsPage)
    return shown


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages the page shows instead of opening a blocking message box."""
    shown: list[str] = []
    monkeypatch.setattr(widgets, "show_error", lambda _parent, error, title=None: shown.append(
        error if isinstance(error, str) else widgets.error_text(error)))
    return shown


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(widgets, "confirm", lambda _parent, text, title=None: asked.append(text) or True)
    return asked


def press_ok(buttons: QDialogButtonBox) -> None:
    for standard in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Save):
        button = buttons.button(standard)
        if button is not None:
            button.click()
            return
    raise AssertionError("no OK or Save button")


def assert_vietnamese(widget: QWidget) -> None:
    assert untranslated(visible_texts(widget)) == []


# ---- Unit ----


def test_unit_name_is_saved_and_retitles_the_window(window: MainWindow, page: SettingsPage) -> None:
    tab = page.unit_tab
    page.tabs.setCurrentWidget(tab)
    assert tab.name_edit.text() == "Ủy ban nhân dân phường Tân An"
    assert not tab.save_button.isEnabled()
    tab.name_edit.setText("Ủy ban nhân dân phường Ninh Kiều")
    tab.head_title_edit.setCurrentText("KT. Chủ tịch / Phó Chủ tịch")
    tab.preparer_edit.setText("Nguyễn Thị Lan")
    assert tab.save_button.isEnabled()
    tab.save_button.click()
    unit = window.context.ward.unit()
    assert (unit.name, unit.head_title, unit.preparer_name) == (
        "Ủy ban nhân dân phường Ninh Kiều", "KT. Chủ tịch / Phó Chủ tịch", "Nguyễn Thị Lan")
    assert window.windowTitle() == f"{APP_NAME_VI} — Ủy ban nhân dân phường Ninh Kiều"
    assert not tab.save_button.isEnabled()
    assert_vietnamese(page)


def test_an_empty_unit_name_is_refused(window: MainWindow, page: SettingsPage, errors: list[str]) -> None:
    tab = page.unit_tab
    before = window.context.ward.unit()
    tab.name_edit.setText("   ")
    tab.save_button.click()
    assert errors == ["Hãy nhập tên đơn vị"]
    assert window.context.ward.unit() == before
    tab.revert_button.click()
    assert tab.name_edit.text() == before.name and not tab.save_button.isEnabled()


# ---- Departments ----


def department_names(page: SettingsPage) -> list[str]:
    return [row.name for row in page.departments_tab.model.records()]


def test_departments_add_rename_reorder_delete(window: MainWindow, page: SettingsPage, errors: list[str],
                                               yes: list[str], qtmodeltester) -> None:
    tab = page.departments_tab
    page.tabs.setCurrentWidget(tab)
    qtmodeltester.check(tab.model)
    assert_vietnamese(page)
    dialog = tab.add_dialog()
    assert_vietnamese(dialog)
    dialog.name_edit.setText("Tổ kiểm tra công vụ")
    press_ok(dialog.buttons)
    assert not dialog.isVisible()
    assert department_names(page)[-1] == "Tổ kiểm tra công vụ"
    assert tab.current().name == "Tổ kiểm tra công vụ"

    dialog = tab.rename_dialog()
    dialog.name_edit.setText("Tổ công vụ")
    press_ok(dialog.buttons)
    assert department_names(page)[-1] == "Tổ công vụ"

    tab.up_button.click()
    assert department_names(page)[-2:] == ["Tổ công vụ", "Trung tâm phục vụ hành chính công"]
    tab.down_button.click()
    assert department_names(page)[-1] == "Tổ công vụ"
    assert [department.name for department in window.context.ward.departments()] == department_names(page)

    tab.delete_button.click()
    assert "Tổ công vụ" not in department_names(page)
    assert yes and errors == []

    tab.select_row(0)  # Văn phòng HĐND-UBND has staff
    tab.delete_button.click()
    assert len(errors) == 1 and "Văn phòng HĐND-UBND" in errors[0]
    assert department_names(page)[0] == "Văn phòng HĐND-UBND"


def test_a_duplicate_department_keeps_the_dialog_open(page: SettingsPage, errors: list[str]) -> None:
    tab = page.departments_tab
    before = department_names(page)
    dialog = tab.add_dialog()
    dialog.name_edit.setText("văn phòng hđnd-ubnd")
    press_ok(dialog.buttons)
    assert dialog.isVisible() and errors and "Văn phòng HĐND-UBND" in errors[0]
    dialog.name_edit.setText("  ")
    press_ok(dialog.buttons)
    assert errors[-1] == "Hãy nhập tên bộ phận"
    dialog.reject()
    assert department_names(page) == before


# ---- Working hours ----


def test_schedule_grace_and_hours_are_saved(window: MainWindow, page: SettingsPage) -> None:
    tab = page.schedule_tab
    page.tabs.setCurrentWidget(tab)
    assert not tab.save_button.isEnabled()
    tab.grace_edit.setValue(10)
    tab.day_boxes[5].setChecked(True)
    summer = tab.rows[0]
    summer.morning_start.setTime(QTime(7, 15))
    summer.first_day.setDate(QDate(2000, 5, 1))
    tab.save_button.click()
    stored = window.context.ward.store.schedule.get()
    assert stored.grace_minutes == 10 and stored.work_weekdays == frozenset({0, 1, 2, 3, 4, 5})
    assert stored.seasons[0].morning.start == time(7, 15)
    assert (stored.seasons[0].first_day, stored.seasons[0].last_day) == ((5, 1), (10, 15))
    assert stored.seasons[1].last_day == (4, 30)
    assert not tab.save_button.isEnabled()
    assert_vietnamese(page)


def test_bad_hours_are_refused(window: MainWindow, page: SettingsPage, errors: list[str]) -> None:
    tab = page.schedule_tab
    before = window.context.ward.store.schedule.get()
    tab.rows[1].afternoon_start.setTime(QTime(11, 0))
    tab.save_button.click()
    assert errors == ["Mùa đông: buổi chiều không thể bắt đầu trước khi buổi sáng kết thúc"]
    assert window.context.ward.store.schedule.get() == before
    tab.add_season()
    assert len(tab.rows) == 3
    tab.remove_season(tab.rows[2])
    tab.revert_button.click()
    assert tab.rows[1].afternoon_start.time() == QTime(13, 30)


# ---- Holidays ----


def test_holidays_add_and_remove(window: MainWindow, page: SettingsPage, yes: list[str], errors: list[str],
                                 qtmodeltester) -> None:
    tab = page.holidays_tab
    page.tabs.setCurrentWidget(tab)
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() > 0
    assert tab.model.index(0, 1).data() == "Thứ Năm"  # 01/01/2026
    dialog = tab.add_dialog()
    assert_vietnamese(dialog)
    dialog.date_edit.setDate(QDate(2026, 12, 26))
    dialog.name_edit.setText("Ngày làm bù Tết")
    dialog.kind_edit.setCurrentIndex(dialog.kind_edit.findData(DayKind.WORKING_DAY))
    press_ok(dialog.buttons)
    assert not dialog.isVisible() and errors == []
    stored = {holiday.day: holiday for holiday in window.context.ward.store.schedule.holidays(2026)}
    assert stored[date(2026, 12, 26)].kind is DayKind.WORKING_DAY
    assert tab.current().day == date(2026, 12, 26)
    assert window.context.ward.store.schedule.calendar(date(2026, 12, 26), date(2026, 12, 26)).is_working_day(
        date(2026, 12, 26))
    tab.remove_button.click()
    assert date(2026, 12, 26) not in {holiday.day for holiday in window.context.ward.store.schedule.holidays(2026)}
    assert yes


def test_an_empty_year_can_be_prefilled(window: MainWindow, page: SettingsPage) -> None:
    tab = page.holidays_tab
    page.tabs.setCurrentWidget(tab)
    tab.year_edit.setValue(2031)
    assert tab.model.rowCount() == 0 and tab.prefill_button.isVisible()
    assert_vietnamese(page)
    tab.prefill_button.click()
    assert tab.model.rowCount() > 10 and not tab.prefill_button.isVisible()


# ---- Emulation plan ----


def test_plan_tab_shows_versions_and_criteria(page: SettingsPage, qtmodeltester) -> None:
    tab = page.plan_tab
    page.tabs.setCurrentWidget(tab)
    for model in (tab.versions_model, tab.plan_model, tab.grades_model, tab.ceilings_model):
        qtmodeltester.check(model)
    assert tab.selected().in_effect
    rows = {row.code: row for row in tab.plan_model.records()}
    tg01 = tab.plan_model.records().index(rows["TG01"])
    assert tab.plan_model.index(tg01, 2).data() == "-2"
    assert tab.plan_model.index(tg01, 3).data() == "từ lần thứ 4: -3"
    assert_vietnamese(page)
    tab.details.setCurrentIndex(1)
    assert_vietnamese(page)


def test_a_new_version_applies_from_its_date(window: MainWindow, page: SettingsPage, errors: list[str],
                                             qtmodeltester) -> None:
    tab = page.plan_tab
    page.tabs.setCurrentWidget(tab)
    ward = window.context.ward
    dialog = tab.new_version_dialog()
    qtmodeltester.check(dialog.criteria_model)
    qtmodeltester.check(dialog.grades_model)
    assert_vietnamese(dialog)
    dialog.findChild(QTabWidget).setCurrentIndex(1)
    assert_vietnamese(dialog)
    assert widgets.from_qdate(dialog.date_edit.date()) == date(2026, 12, 1)
    assert dialog.criteria_model.set_number("TG05", "-4,5")
    assert dialog.grades_model.set_number("A", 92.0)
    press_ok(dialog.buttons)
    assert errors == [] and not dialog.isVisible()

    _old, before = ward.store.plans.in_effect(date(2026, 11, 30))
    _new, after = ward.store.plans.in_effect(date(2026, 12, 1))
    assert (before.version, before.criteria["TG05"].points) == (1, -3)
    assert (after.version, after.criteria["TG05"].points) == (2, Fraction(-9, 2))
    assert after.grade("A").min_score == 92
    assert [version.record.version for version in tab.versions_model.records()] == [2, 1]
    assert tab.selected().record.version == 2 and "2" in tab.message.text()

    person = ward.staff(window.context.today())[0]
    ward.store.events.add(Event(person.id, date(2026, 12, 2), "TG05", recorded_by="test"), "test")
    ward.store.events.add(Event(person.id, date(2026, 11, 24), "TG05", recorded_by="test"), "test")
    december = ward.score(month(2026, 12), date(2026, 12, 31)).ranking
    november = ward.score(month(2026, 11), date(2026, 12, 31)).ranking
    items = [item for result in december.results if result.staff.id == person.id for item in result.items
             if item.criterion_code == "TG05"]
    assert [item.raw_points for item in items] == [Fraction(-9, 2)]
    items = [item for result in november.results if result.staff.id == person.id for item in result.items
             if item.criterion_code == "TG05" and item.day == date(2026, 11, 24)]
    assert [item.raw_points for item in items] == [-3]


def test_a_version_starting_too_early_is_refused(window: MainWindow, page: SettingsPage,
                                                 errors: list[str]) -> None:
    tab = page.plan_tab
    page.tabs.setCurrentWidget(tab)
    ward = window.context.ward
    before = ward.store.plans.list()
    dialog = tab.new_version_dialog()
    dialog.date_edit.setDate(QDate(2025, 12, 1))
    dialog.criteria_model.set_number("TG05", -4)
    press_ok(dialog.buttons)
    assert dialog.isVisible()
    assert errors == ["Phiên bản mới phải áp dụng sau ngày 01/01/2026, ngày bắt đầu áp dụng phiên bản 1"]
    dialog.date_edit.setDate(QDate(2027, 1, 1))
    assert not dialog.criteria_model.set_number("TG05", "abc")
    dialog.criteria_model.set_name("TG05", "  ")
    press_ok(dialog.buttons)
    assert dialog.isVisible() and len(errors) == 2
    dialog.reject()
    assert ward.store.plans.list() == before


def test_a_plan_file_can_be_imported(window: MainWindow, page: SettingsPage, tmp_path, errors: list[str]) -> None:
    tab = page.plan_tab
    ward = window.context.ward
    body = ward.store.plans.list()[0].body
    path = tmp_path / "plan.toml"
    path.write_text(body.replace("version = 1", "version = 3").replace("effective_from = 2026-01-01",
                                                                      "effective_from = 2027-01-01"), "utf-8")
    assert tab.import_file(path)
    assert [version.record.version for version in tab.versions_model.records()] == [3, 1]
    path.write_text("[plan]\ncode = 1\n", "utf-8")
    assert not tab.import_file(path)
    assert errors and len(ward.store.plans.list()) == 2



def test_a_misspelt_plan_file_is_refused_naming_each_line(window: MainWindow, page: SettingsPage, tmp_path,
                                                         errors: list[str], vietnamese: None) -> None:
    ward = window.context.ward
    body = ward.store.plans.list()[0].body.replace("version = 1", "version = 4")
    lines = body.replace("cap = 30\n", "max_points = 30\n", 1).replace("cap = 5\n", "cap = 5\non_leave = 1\n", 1)
    path = tmp_path / "sai.toml"
    path.write_text(lines, "utf-8")
    before = ward.store.plans.list()
    assert not page.plan_tab.import_file(path)
    numbers = [number for number, line in enumerate(lines.splitlines(), 1)
               if line.startswith(("max_points", "on_leave"))]
    [shown] = errors
    assert len(numbers) == 2
    assert all(f"dòng {number}" in shown for number in numbers) and "“max_points”" in shown and "“on_leave”" in shown
    assert ward.store.plans.list() == before


def test_a_read_only_book_offers_no_changes(page: SettingsPage, window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(type(window.context.ward), "read_only", property(lambda _self: True))
    page.refresh()
    page.unit_tab.name_edit.setText("Khác")
    assert not page.unit_tab.save_button.isEnabled()
    assert not page.plan_tab.new_button.isEnabled()
    assert not page.departments_tab.add_button.isEnabled()
    monkeypatch.undo()


def test_staff_page_departments_follow(window: MainWindow, page: SettingsPage) -> None:
    """Departments added here are what the rest of the window reads."""
    dialog = page.departments_tab.add_dialog()
    dialog.name_edit.setText("Ban Chỉ huy Quân sự")
    press_ok(dialog.buttons)
    assert "Ban Chỉ huy Quân sự" in window.context.ward.department_names().values()
    person = Staff("NV999", "Đỗ Văn Hùng", Gender.MALE, "Chỉ huy trưởng", StaffCategory.CAN_BO)
    department = next(row for row in page.departments_tab.model.records() if row.name == "Ban Chỉ huy Quân sự")
    window.context.ward.store.staff.add(replace(person, department_id=department.id), "test")
    page.departments_tab.refresh()
    department = next(row for row in page.departments_tab.model.records() if row.name == "Ban Chỉ huy Quân sự")
    assert department.staff_count == 1


def test_plan_rows_tell_brackets_leave_codes_and_counting_units(vietnamese: None) -> None:
    document = (Path(__file__).parents[3] / "docs" / "plan-format.md").read_text(encoding="utf-8")
    plan = load_plan(re.findall(r"```toml\n(.*?)```", document, flags=re.DOTALL)[1])
    rows = {row.code: row for row in plan_rows(plan)}
    assert rows["DM"].points is None  # points by count, none per occurrence
    assert rows["DM"].escalation == "từ 3 lần trở lên: tổng -0,5; từ 6 lần trở lên: tổng -1,5; tính theo ngày"
    assert rows["CP"].escalation == "nghỉ có mã P, Cô, No; tính theo ngày"
    assert rows["TP1"].escalation == ""

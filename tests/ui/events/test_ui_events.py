"""The events page on the demo ward: every filter shows exactly what the database holds for it, events
are added through the dialog and deleted after a question, and a locked period changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ward_office.core.period import month
from ward_office.i18n.text import fold
from ward_office.services.event_log import EventKind

from ward_office.ui import widgets
from ward_office.ui.events.dialogs import AddEventDialog
from ward_office.ui.events.page import EventsPage
from ward_office.ui.shell.main_window import MainWindow

YEAR_START = date(DEMO_TODAY.year, 1, 1)


@pytest.fixture
def page(window: MainWindow, qtbot) -> EventsPage:
    shown = window.show_page(EventsPage)
    qtbot.waitUntil(shown.isVisible)
    assert isinstance(shown, EventsPage)
    return shown


def shown_ids(page: EventsPage) -> list[int]:
    return sorted(row.event.id for row in page.shown_rows())


def stored_ids(page: EventsPage, start: date, end: date, **filters) -> list[int]:
    return sorted(event.id for event in page.ward.store.events.find(start, end, **filters))


def choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value) if value is not None else 0)


def ok_button(dialog: AddEventDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def month_score(page: EventsPage, staff_id) -> object:
    ranking = page.ward.score(month(DEMO_TODAY.year, DEMO_TODAY.month), DEMO_TODAY).ranking
    return next(result.score for result in ranking.results if result.staff.id == staff_id)


def test_opens_on_this_month_up_to_today(page: EventsPage) -> None:
    assert page.date_range() == (date(2026, 11, 1), DEMO_TODAY)
    ids = shown_ids(page)
    assert ids and ids == stored_ids(page, date(2026, 11, 1), DEMO_TODAY)
    assert page.totals.text().startswith(f"{len(ids)} sự việc từ ngày 01/11/2026 đến ngày 20/11/2026")


def test_quick_ranges(page: EventsPage) -> None:
    page.year_button.click()
    assert page.date_range() == (YEAR_START, DEMO_TODAY)
    assert shown_ids(page) == stored_ids(page, YEAR_START, DEMO_TODAY)
    page.half_year_button.click()
    assert page.date_range() == (date(2026, 7, 1), DEMO_TODAY)
    assert shown_ids(page) == stored_ids(page, date(2026, 7, 1), DEMO_TODAY)
    page.this_month_button.click()
    assert page.date_range() == (date(2026, 11, 1), DEMO_TODAY)


def test_filters_give_exactly_the_stored_events(page: EventsPage) -> None:
    page.set_range(date(2026, 3, 1), date(2026, 9, 30))
    assert shown_ids(page) == stored_ids(page, date(2026, 3, 1), date(2026, 9, 30))

    plan = page.ward.plan_on(DEMO_TODAY)
    busiest = max(page.ward.staff(), key=lambda person: len(stored_ids(page, YEAR_START, DEMO_TODAY,
                                                                        staff_id=person.id)))
    page.year_button.click()
    choose(page.person, busiest.id)
    expected = stored_ids(page, YEAR_START, DEMO_TODAY, staff_id=busiest.id)
    assert len(expected) >= 2 and shown_ids(page) == expected
    assert {row.full_name for row in page.shown_rows()} == {busiest.full_name}

    choose(page.person, None)
    choose(page.block, "TP")
    expected = stored_ids(page, YEAR_START, DEMO_TODAY, criterion_codes=plan.block("TP").criteria)
    assert expected and shown_ids(page) == expected
    assert {row.block_name for row in page.shown_rows()} == {"Trang phục và thẻ công chức"}

    choose(page.block, None)
    choose(page.kind, EventKind.COMMENDATION)
    bonuses = [code for code, criterion in plan.criteria.items() if criterion.points > 0]
    expected = stored_ids(page, YEAR_START, DEMO_TODAY, criterion_codes=bonuses)
    assert expected and shown_ids(page) == expected
    assert {row.kind_label() for row in page.shown_rows()} == {"Biểu dương"}
    assert f"0 vi phạm, {len(expected)} biểu dương" in page.totals.text()

    choose(page.kind, EventKind.VIOLATION)
    choose(page.person, busiest.id)
    violations = [code for code in plan.criteria if code not in bonuses]
    assert shown_ids(page) == stored_ids(page, YEAR_START, DEMO_TODAY, staff_id=busiest.id,
                                         criterion_codes=violations)


def test_search_ignores_accents(page: EventsPage) -> None:
    page.year_button.click()
    everything = len(page.shown_rows())
    page.search.setText("KHONG deo the")
    rows = page.shown_rows()
    assert 0 < len(rows) < everything
    assert all("khong deo the" in fold(row.criterion_name + " " + row.event.note) for row in rows)
    assert page.totals.text().startswith(f"{len(rows)} sự việc")
    page.search.clear()
    assert len(page.shown_rows()) == everything


def test_person_field_finds_a_name_typed_without_accents(page: EventsPage, qtbot) -> None:
    person = next(person for person in page.ward.staff() if person.full_name == "Nguyễn Hồng Hương")
    page.person.setFocus()
    page.person.setEditText("nguyen hong huong")
    page.person.lineEdit().editingFinished.emit()
    assert page.person.staff_id() == person.id
    assert page.person.currentText() == f"Nguyễn Hồng Hương ({person.code})"
    page.person.setEditText("no such person")
    page.person.lineEdit().editingFinished.emit()
    assert page.person.staff_id() == person.id


def test_add_through_the_dialog_lowers_the_score(page: EventsPage, qtbot) -> None:
    person = next(person for person in page.ward.staff(active_on=DEMO_TODAY)
                  if not stored_ids(page, date(2026, 11, 1), DEMO_TODAY, staff_id=person.id,
                                    criterion_codes=["KL01", "KL02", "KL03", "KL04"]))
    before_ids = stored_ids(page, YEAR_START, DEMO_TODAY)
    before_score = month_score(page, person.id)
    dialog = page.add_dialog()
    qtbot.waitUntil(dialog.isVisible)
    assert not ok_button(dialog).isEnabled()
    # A day not come yet is kept as typed and refused with the field named, not turned into today.
    dialog.day.setDate(widgets.to_qdate(date(2026, 11, 25)))
    assert dialog.chosen_day() == date(2026, 11, 25)
    assert not dialog.problem.isHidden()
    assert dialog.problem.text() == ("Ngày: 25/11/2026 chưa đến; chỉ ghi được những việc đã xảy ra")
    dialog.day.setDate(widgets.to_qdate(DEMO_TODAY))
    assert dialog.problem.isHidden()
    choose(dialog.person, person.id)
    assert not ok_button(dialog).isEnabled()  # no criterion yet
    dialog.set_criterion("KL01")
    dialog.note.setText("Hút thuốc trong phòng một cửa")
    assert ok_button(dialog).isEnabled()
    ok_button(dialog).click()
    assert not dialog.isVisible()

    added = sorted(set(stored_ids(page, YEAR_START, DEMO_TODAY)) - set(before_ids))
    assert len(added) == 1
    event = page.ward.store.events.get(added[0])
    assert (event.staff_id, event.day, event.criterion_code, event.note) == (
        person.id, DEMO_TODAY, "KL01", "Hút thuốc trong phòng một cửa")
    selected = page.selected()
    assert selected is not None and selected.event.id == event.id
    assert selected.kind_label() == "Vi phạm" and selected.points == -5
    assert month_score(page, person.id) == before_score - 5


def test_dialog_lists_criteria_by_block_of_the_plan_of_the_day(page: EventsPage, qtbot) -> None:
    dialog = page.add_dialog()
    qtbot.waitUntil(dialog.isVisible)
    model = dialog.criterion_model
    texts = [model.item(row).text() for row in range(model.rowCount())]
    plan = page.ward.plan_on(DEMO_TODAY)
    headers = [model.item(row).text() for row in range(model.rowCount())
               if not model.item(row).flags() & Qt.ItemFlag.ItemIsEnabled]
    assert headers == [block.name for block in plan.blocks]
    assert "KL01 · Hút thuốc lá trong phòng làm việc (-5)" in texts
    assert "DT03 · Có sáng kiến, giải pháp được công nhận (+5)" in texts
    dialog.reject()


def test_delete_asks_and_removes(page: EventsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    page.year_button.click()
    row = page.shown_rows()[0]
    assert page.select_event(row.event.id)
    questions: list[str] = []
    monkeypatch.setattr(widgets, "confirm", lambda _parent, text, _title=None: questions.append(text) or False)
    assert not page.delete_selected()
    assert row.event.id in stored_ids(page, YEAR_START, DEMO_TODAY)
    assert row.full_name in questions[0] and "Xóa" in questions[0]

    monkeypatch.setattr(widgets, "confirm", lambda _parent, _text, _title=None: True)
    assert page.select_event(row.event.id)
    assert page.delete_selected()
    assert row.event.id not in stored_ids(page, YEAR_START, DEMO_TODAY)
    assert row.event.id not in shown_ids(page)
    log = page.ward.store.change_log.list("event", row.event.id)
    assert log[-1].action.value == "delete"


def test_locked_period_changes_nothing(page: EventsPage, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    page.year_button.click()
    row = next(row for row in page.shown_rows() if row.event.day.month == 10)
    page.ward.store.periods.lock(month(2026, 10), page.ward.actor)
    before = stored_ids(page, YEAR_START, DEMO_TODAY)
    errors: list[str] = []
    monkeypatch.setattr(widgets, "confirm", lambda _parent, _text, _title=None: True)
    monkeypatch.setattr(widgets, "show_error", lambda _parent, error, _title=None: errors.append(
        widgets.error_text(error)))
    assert page.select_event(row.event.id)
    assert not page.delete_selected()
    assert stored_ids(page, YEAR_START, DEMO_TODAY) == before
    assert errors and "khóa" in errors[0] and "Tháng 10 năm 2026" in errors[0]

    dialog = page.add_dialog()
    qtbot.waitUntil(dialog.isVisible)
    dialog.day.setDate(widgets.to_qdate(date(2026, 10, 15)))
    choose(dialog.person, row.event.staff_id)
    dialog.set_criterion("TP02")
    assert not ok_button(dialog).isEnabled()
    assert dialog.problem.isVisible() and "khóa" in dialog.problem.text()
    dialog.accept()  # even when forced, nothing is written
    assert dialog.isVisible()
    dialog.reject()
    assert stored_ids(page, YEAR_START, DEMO_TODAY) == before


def test_details_show_the_whole_event(page: EventsPage, qtbot) -> None:
    page.year_button.click()
    row = next(row for row in page.shown_rows() if row.event.check_id is not None)
    page.select_event(row.event.id)
    dialog = page.details_dialog()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    texts = [text for _where, text in visible_texts(dialog)]
    assert row.full_name in " ".join(texts) and "Đợt kiểm tra" in " ".join(texts)
    assert untranslated(visible_texts(dialog)) == []
    dialog.reject()


def test_models_pass_the_model_tester(page: EventsPage, qtmodeltester) -> None:
    page.year_button.click()
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_nothing_left_in_english(page: EventsPage, window: MainWindow, qtbot) -> None:
    page.year_button.click()
    assert untranslated(visible_texts(page)) == []
    dialog = page.add_dialog()
    qtbot.waitUntil(dialog.isVisible)
    dialog.set_criterion("TG01")
    assert untranslated(visible_texts(dialog)) == []
    dialog.reject()
    window.grab().save(str(window.context.ward.path.parent / "events.png"))


def test_a_long_note_is_counted_kept_as_pasted_and_refused_with_its_field(
        page: EventsPage, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(widgets, "show_error", lambda _parent, error, _title=None: errors.append(
        widgets.error_text(error)))
    before = stored_ids(page, YEAR_START, DEMO_TODAY)
    dialog = page.add_dialog()
    qtbot.waitUntil(dialog.isVisible)
    counter = dialog.note_field.counter
    assert counter.text() == "0/1.000"
    choose(dialog.person, page.ward.staff(active_on=DEMO_TODAY)[0].id)
    dialog.set_criterion("KL01")
    dialog.note.setText("x" * 1000)
    assert counter.text() == "1.000/1.000" and not dialog.note_field.over()
    dialog.note.setText("x" * 10_000)  # pasted whole: nothing cut, the counter turns red
    assert len(dialog.note.text()) == 10_000 and counter.text() == "10.000/1.000" and dialog.note_field.over()
    assert widgets.BAD.name() in counter.styleSheet()
    ok_button(dialog).click()
    assert dialog.isVisible() and stored_ids(page, YEAR_START, DEMO_TODAY) == before
    assert errors == ["Ghi chú: dài 10000 ký tự; chỉ được tối đa 1000 ký tự"]
    dialog.reject()

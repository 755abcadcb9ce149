"""The Checks page in the real window: a badge round from start to finish, on a copy of the demo ward."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtCore import Qt, QTime

from ward_office.core.checks import CheckKind, EventSource
from ward_office.core.errors import PeriodLockedError
from ward_office.core.period import month
from ward_office.core.staff import StaffId
from ward_office.i18n.text import fold
from ward_office.scoring.results import ItemSource, StaffResult
from ward_office.services import checks

from ward_office.ui.checks.models import SEEN_COLUMN
from ward_office.ui.checks.page import ChecksPage
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets.context import Topic

NOVEMBER = month(2026, 11)


@pytest.fixture
def page(window: MainWindow) -> ChecksPage:
    shown = window.show_page(ChecksPage)
    assert isinstance(shown, ChecksPage)
    return shown


@pytest.fixture
def topics(window: MainWindow) -> list[str]:
    seen: list[str] = []
    window.context.changed.connect(seen.append)
    return seen


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    shown: list[object] = []
    for module in ("page", "start_dialog"):
        monkeypatch.setattr(f"ward_office.ui.checks.{module}.show_error",
                            lambda _parent, error, *_args: shown.append(error))
    return shown


def start_badge_check(page: ChecksPage, place: str = "Trụ sở UBND phường") -> None:
    dialog = page.start_dialog()
    assert dialog.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData(CheckKind.BADGE))
    dialog.time.setTime(QTime(9, 0))  # a morning round, whatever the clock says
    assert dialog.checker.text() == page.ward.actor and dialog.day.date().toPython() == DEMO_TODAY
    dialog.location.setText(place)
    dialog.accept()
    assert not dialog.isVisible()


def row_of(page: ChecksPage, staff_id: StaffId) -> int:
    for row in range(page.staff_proxy.rowCount()):
        if page.staff_proxy.record(row).staff_id == staff_id:
            return row
    raise LookupError(staff_id)


def tick(page: ChecksPage, staff_id: StaffId) -> bool:
    """Tick the box the way the view does when clicked."""
    index = page.staff_proxy.index(row_of(page, staff_id), SEEN_COLUMN)
    assert index.flags() & Qt.ItemFlag.ItemIsUserCheckable
    return page.staff_proxy.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)


def clean_person(window: MainWindow) -> StaffId:
    """Someone with no dress or badge violation this November, so a badge violation costs exactly its points."""
    results = window.context.ward.score(NOVEMBER, DEMO_TODAY).ranking.results
    away = {record.staff_id for record in window.context.ward.store.attendance.for_day(DEMO_TODAY)
            if record.status != "present"}
    person = next(r.staff for r in results
                  if r.staff.is_active_on(DEMO_TODAY) and r.staff.id not in away
                  and not any(i.block_code == "TP" for i in r.items))
    assert person.id is not None
    return person.id


def score_of(window: MainWindow, staff_id: StaffId) -> StaffResult:
    results = window.context.ward.score(NOVEMBER, DEMO_TODAY).ranking.results
    return next(r for r in results if r.staff.id == staff_id)


def test_a_badge_check_from_start_to_finish(window: MainWindow, page: ChecksPage, topics: list[str], qtbot,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    ward = window.context.ward
    rounds_before = page.sessions.rowCount()
    start_badge_check(page)
    check = page._check
    assert check is not None and check.id is not None and check.is_open and check.kind is CheckKind.BADGE
    assert check.started_at.date() == DEMO_TODAY and check.location == "Trụ sở UBND phường"
    assert page.sessions.rowCount() == rounds_before + 1
    assert page.session_view.currentIndex().data(Qt.ItemDataRole.DisplayRole).endswith("20/11/2026")
    assert Topic.CHECKS in topics
    # Everyone working that day is listed; nobody ticked yet.
    assert page.staff.rowCount() == len(ward.staff(DEMO_TODAY))
    assert not any(line.seen for line in page.staff.records())

    person_id = clean_person(window)
    others = [line.staff_id for line in page.staff.records() if line.staff_id != person_id and not line.away][:2]
    assert all(tick(page, staff_id) for staff_id in others)
    page.select_person(person_id)
    page.staff_view.setFocus()
    qtbot.keyClick(page.staff_view, Qt.Key.Key_Space)  # the keyboard ticks too
    assert ward.store.checks.get(check.id).seen == {*others, person_id}
    assert page.staff.records()[page.staff.row_of(person_id)].seen  # type: ignore[index]
    away = sum(1 for line in page.staff.records() if line.away)
    assert f"Có mặt: 3/{page.staff.rowCount() - away}" in page.details.text()

    before = score_of(window, person_id).score
    topics.clear()
    assert page.criterion.currentData() == "TP01"  # a badge check suggests the badge criterion
    assert "-2" in page.criterion.currentText() or "−2" in page.criterion.currentText()
    page.violation_note.setText("Không đeo thẻ tại bộ phận một cửa")
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    events = ward.store.events.for_check(check.id)
    assert [(e.staff_id, e.criterion_code, e.note, e.day, e.source) for e in events] == [
        (person_id, "TP01", "Không đeo thẻ tại bộ phận một cửa", DEMO_TODAY, EventSource.CHECK)]
    assert {Topic.EVENTS, Topic.CHECKS} <= set(topics)
    assert page.violation_note.text() == "" and page.violations.rowCount() == 1
    after = score_of(window, person_id)
    assert after.score == before + ward.plan_on(DEMO_TODAY).criteria["TP01"].points == before - 2
    assert [(i.criterion_code, i.source) for i in after.items if i.record_id == events[0].id] == [
        ("TP01", ItemSource.CHECK)]
    assert page.current_person() is not None and page.current_person().staff_id == person_id  # type: ignore[union-attr]

    monkeypatch.setattr("ward_office.ui.checks.page.confirm", lambda *_args: True)
    qtbot.mouseClick(page.finish_button, Qt.MouseButton.LeftButton)
    finished = ward.store.checks.get(check.id)
    assert finished.finished_at is not None and finished.finished_at.date() == DEMO_TODAY
    assert checks.open_checks(ward) == []
    summary = page.session_proxy.record(page.session_view.currentIndex().row())
    assert summary.check.id == check.id and summary.violations == 1 and summary.seen == 3
    state = page.session_proxy.index(page.session_view.currentIndex().row(), 2).data()
    assert state == "Đã kết thúc"
    # Read-only now: no tick box, no recording, no finishing; deleting a mistake stays possible.
    index = page.staff_proxy.index(0, SEEN_COLUMN)
    assert not index.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not page.staff_proxy.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert not page.record_box.isEnabled() and not page.finish_button.isEnabled()
    assert not page.tick_all_button.isEnabled() and page.delete_button.isEnabled()


def test_open_rounds_are_listed_and_chosen_first(window: MainWindow) -> None:
    ward = window.context.ward
    assert all(check.finished_at is not None for check in ward.store.checks.list())  # the demo's are finished
    earlier = checks.start_check(ward, datetime(2026, 11, 18, 14, 0), CheckKind.CONDUCT, "Chánh Văn phòng")
    page = window.show_page(ChecksPage)
    assert isinstance(page, ChecksPage)
    assert page.sessions.rowCount() == len(ward.store.checks.list()) > 1
    assert page._check is not None and page._check.id == earlier.id  # an open round is shown first
    states = {page.sessions.record(row).check.id: page.sessions.index(row, 2).data()
              for row in range(page.sessions.rowCount())}
    assert states[earlier.id] == "Đang mở"
    assert list(states.values()).count("Đang mở") == 1
    # A conduct check suggests a conduct criterion; a new round tick-all ticks whoever the search shows.
    assert page.criterion.currentData() == "GT01"
    page.search.setText("NGUYEN")
    shown = [page.staff_proxy.record(row) for row in range(page.staff_proxy.rowCount())]
    assert shown and all("nguyen" in fold(f"{line.staff.full_name} {line.department}")
                         for line in shown)
    assert len(shown) < page.staff.rowCount()
    page.tick_all_button.click()
    assert ward.store.checks.get(earlier.id).seen == {line.staff_id for line in shown}  # type: ignore[arg-type]


def test_deleting_a_violation_asks_first(window: MainWindow, page: ChecksPage, monkeypatch: pytest.MonkeyPatch,
                                         topics: list[str]) -> None:
    start_badge_check(page)
    check = page._check
    assert check is not None and check.id is not None
    person_id = clean_person(window)
    page.select_person(person_id)
    page.record_violation()
    assert page.violations.rowCount() == 1
    page.violation_view.selectRow(0)
    questions: list[str] = []

    def answer(reply: bool) -> Callable[..., bool]:
        return lambda _parent, text, *_args: questions.append(text) or reply

    monkeypatch.setattr("ward_office.ui.checks.page.confirm", answer(False))
    page.delete_button.click()
    assert len(window.context.ward.store.events.for_check(check.id)) == 1
    name = window.context.ward.store.staff.get(person_id).full_name
    assert name in questions[0] and "Không đeo thẻ công chức" in questions[0]
    topics.clear()
    monkeypatch.setattr("ward_office.ui.checks.page.confirm", answer(True))
    page.delete_button.click()
    assert window.context.ward.store.events.for_check(check.id) == []
    assert page.violations.rowCount() == 0 and Topic.EVENTS in topics
    assert window.context.ward.store.change_log.list("event")[-1].action.value == "delete"


def test_a_locked_period_refuses_cleanly(window: MainWindow, page: ChecksPage, errors: list[object]) -> None:
    ward = window.context.ward
    start_badge_check(page)
    check = page._check
    assert check is not None and check.id is not None
    ward.store.periods.lock(NOVEMBER, "Chủ tịch UBND")
    person_id = clean_person(window)
    assert not tick(page, person_id)
    assert isinstance(errors[-1], PeriodLockedError)
    assert not page.staff.records()[page.staff.row_of(person_id)].seen  # type: ignore[index]
    page.select_person(person_id)
    page.record_violation()
    assert isinstance(errors[-1], PeriodLockedError) and len(errors) == 2
    assert ward.store.events.for_check(check.id) == [] and ward.store.checks.get(check.id).seen == frozenset()
    assert page.violations.rowCount() == 0
    # A new round on a locked day is refused too; the dialog stays open for another day.
    count = len(ward.store.checks.list())
    dialog = page.start_dialog()
    dialog.accept()
    assert isinstance(errors[-1], PeriodLockedError) and dialog.isVisible()
    dialog.reject()
    assert len(ward.store.checks.list()) == count


def test_models_are_sound(window: MainWindow, page: ChecksPage, qtmodeltester) -> None:
    start_badge_check(page)
    page.select_person(clean_person(window))
    page.record_violation()
    for model in (page.sessions, page.session_proxy, page.staff, page.staff_proxy, page.violations,
                  page.violation_proxy):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_page_and_dialog_show_only_vietnamese(window: MainWindow, page: ChecksPage) -> None:
    assert untranslated(visible_texts(window)) == []
    start_badge_check(page)
    page.select_person(clean_person(window))
    page.record_violation()
    assert untranslated(visible_texts(window)) == []
    dialog = page.start_dialog()
    try:
        assert untranslated(visible_texts(dialog)) == []
    finally:
        dialog.reject()


def test_a_round_lists_those_away_apart_and_asks_before_a_violation(
        window: MainWindow, page: ChecksPage, monkeypatch: pytest.MonkeyPatch, errors: list[object]) -> None:
    ward = window.context.ward
    from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
    from ward_office.core.schedule import Session
    people = [line.staff_id for line in page.staff.records()] or [p.id for p in ward.staff(DEMO_TODAY)]
    start_badge_check(page)  # 9:00, a morning round
    check = page._check
    assert check is not None and check.id is not None
    already = set(checks.away_from_round(ward, check))
    free = [line.staff_id for line in page.staff.records() if line.staff_id not in already]
    on_leave, absent = free[0], free[1]
    ward.store.attendance.set(Attendance(on_leave, DEMO_TODAY, Session.MORNING, AttendanceStatus.LEAVE,
                                         leave_code=LeaveCode.ANNUAL), ward.actor)
    ward.store.attendance.set(Attendance(absent, DEMO_TODAY, Session.MORNING, AttendanceStatus.ABSENT), ward.actor)
    page.refresh()
    away = already | {on_leave, absent}
    lines = [page.staff_proxy.record(row) for row in range(page.staff_proxy.rowCount())]
    # Listed apart: everyone expected at work first, then those away, with what the attendance record says.
    assert [line.staff_id for line in lines[-len(away):]] == [line.staff_id for line in lines if line.away]
    assert {line.staff_id for line in lines if line.away} == away
    texts = {line.staff_id: page.staff_proxy.index(row, 3).data() for row, line in enumerate(lines)}
    assert texts[on_leave] == "Nghỉ phép năm (P)" and texts[absent] == "Vắng không lý do"
    assert not page.staff_proxy.index(row_of(page, on_leave), SEEN_COLUMN).flags() & Qt.ItemFlag.ItemIsUserCheckable
    page.tick_all_button.click()
    assert ward.store.checks.get(check.id).seen == {p for p in people if p not in away}
    expected = len(people) - len(away)
    assert f"Có mặt: {expected}/{expected}" in page.details.text()
    assert f"{len(away)} người nghỉ hoặc vắng" in page.details.text()

    questions: list[str] = []
    monkeypatch.setattr("ward_office.ui.checks.page.confirm",
                        lambda _parent, text, *_args: questions.append(text) or False)
    page.select_person(absent)
    page.record_violation()
    assert ward.store.events.for_check(check.id) == [] and not errors
    name = ward.store.staff.get(absent).full_name
    assert len(questions) == 1 and name in questions[0] and "Vắng không lý do" in questions[0]
    monkeypatch.setattr("ward_office.ui.checks.page.confirm", lambda *_args: True)
    page.record_violation()
    assert [event.staff_id for event in ward.store.events.for_check(check.id)] == [absent]

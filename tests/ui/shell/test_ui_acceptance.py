"""The clerk's day from end to end, through the real window: mark someone late on the daily grid, record a
badge violation in a check round, and find both in that person's ranking with the plan's points."""

from __future__ import annotations

from ui_helpers import DEMO_TODAY

from PySide6.QtCore import Qt

from ward_office.core.period import month
from ward_office.core.plan import AttendanceTrigger
from ward_office.core.schedule import Session
from ward_office.scoring.results import ItemSource

from ward_office.ui.attendance.dialogs import MinutesDialog
from ward_office.ui.attendance.models import DayGridModel
from ward_office.ui.attendance.page import AttendancePage
from ward_office.ui.checks.page import ChecksPage
from ward_office.ui.ranking.page import RankingPage
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets.models import RECORD_ROLE

NOVEMBER = month(2026, 11)


def test_late_and_badge_violation_show_in_the_ranking(window: MainWindow, qtbot) -> None:
    ward = window.context.ward
    plan = ward.plan_on(DEMO_TODAY)
    late_code = next(rule.criterion_code for rule in plan.attendance_rules if rule.trigger is AttendanceTrigger.LATE)
    late_block = plan.criteria[late_code].block_code
    before = {result.staff.id: result for result in ward.score(NOVEMBER, DEMO_TODAY).ranking.results}
    # Someone at work this morning with nothing yet in the blocks we touch, so no repeat steps or caps apply.
    attendance = window.show_page(AttendancePage)
    assert isinstance(attendance, AttendancePage)
    qtbot.waitUntil(attendance.isVisible)
    proxy = attendance.day_proxy
    row = next(row for row in range(proxy.rowCount())
               if proxy.index(row, 0).data(RECORD_ROLE).morning is None
               and proxy.index(row, 0).data(RECORD_ROLE).afternoon is None
               and not any(item.block_code in (late_block, "TP")
                           for item in before[proxy.index(row, 0).data(RECORD_ROLE).staff.id].items))
    person = proxy.index(row, 0).data(RECORD_ROLE).staff

    # 1. Daily grid: the morning cell, key M, 20 minutes.
    attendance.grid.setCurrentIndex(proxy.index(row, DayGridModel.MORNING))
    attendance.grid.setFocus()
    qtbot.keyClick(attendance.grid, Qt.Key.Key_M)
    dialog = attendance.dialog
    assert isinstance(dialog, MinutesDialog)
    dialog.box.setText("20")
    dialog.accept()
    late = ward.store.attendance.get(person.id, DEMO_TODAY, Session.MORNING)
    assert late is not None and late.late_minutes == 20

    # 2. Check round: a badge check, the person seen without a badge.
    checks = window.show_page(ChecksPage)
    assert isinstance(checks, ChecksPage)
    start = checks.start_dialog()
    start.location.setText("Bộ phận một cửa")
    start.accept()
    assert checks.select_person(person.id)
    assert checks.criterion.currentData() == "TP01"
    checks.violation_note.setText("Không đeo thẻ khi tiếp dân")
    qtbot.mouseClick(checks.record_button, Qt.MouseButton.LeftButton)

    # 3. Ranking for November: the score fell by exactly the plan's points, and both items are listed.
    ranking = window.show_page(RankingPage)
    assert isinstance(ranking, RankingPage)
    ranking.picker.set_period(NOVEMBER)
    qtbot.waitUntil(lambda: not ranking.is_scoring and ranking.standings is not None
                    and ranking.standings.ranking.period == NOVEMBER, timeout=10_000)
    assert ranking.select_staff(person.id)
    shown = ranking.standings.find(person.id).result
    expected_drop = plan.criteria[late_code].points + plan.criteria["TP01"].points
    assert shown.score == before[person.id].score + expected_drop
    lines = [ranking.items_proxy.index(row, 0).data(RECORD_ROLE) for row in range(ranking.items_proxy.rowCount())]
    new = {(line.item.criterion_code, line.item.source, line.item.day) for line in lines
           if line.item.day == DEMO_TODAY}
    assert new == {(late_code, ItemSource.ATTENDANCE, DEMO_TODAY), ("TP01", ItemSource.CHECK, DEMO_TODAY)}
    assert {line.item.recorded_by for line in lines if line.item.day == DEMO_TODAY} == {ward.actor}
    assert sum(line.contribution for line in lines) == shown.score - plan.base_score

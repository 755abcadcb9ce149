"""Entering the monthly points: what the grid shows, all-or-nothing changes by the head only, a locked month
refused by the service and by the table itself, and the change log's sentence."""

from __future__ import annotations

import sqlite3
from datetime import date
from fractions import Fraction

import pytest
from entered_book import CLERK

from ward_office.core.access import AccessDeniedError
from ward_office.core.entered_scores import ScoreEntry
from ward_office.core.errors import PeriodLockedError
from ward_office.core.period import month
from ward_office.core.staff import StaffId
from ward_office.services.change_log import Lookup, describe
from ward_office.services.entered_scores import EnteredScoreError, enter_scores, entry_sheet
from ward_office.services.event_log import CriterionNotInPlanError, add_event, criteria_on
from ward_office.services.ward import Ward

AN, BINH, CUONG, DUNG = (StaffId(number) for number in range(1, 5))
MARCH = date(2026, 3, 1)


def entry(staff_id: StaffId, code: str, points: str | None, self_points: str | None = None,
          note: str = "") -> ScoreEntry:
    return ScoreEntry(staff_id, code, None if points is None else Fraction(points),
                      None if self_points is None else Fraction(self_points), note)


def test_the_sheet_of_a_month_lists_who_worked_in_it_by_name_and_what_is_entered(ward: Ward) -> None:
    assert enter_scores(ward, date(2026, 3, 20), [entry(AN, "NV1", "35", "38"), entry(CUONG, "NV2", "27.5")]) == 2
    sheet = entry_sheet(ward, date(2026, 3, 31))
    assert sheet.month == MARCH and not sheet.locked
    assert [item.code for item in sheet.items] == ["NV1", "NV2"]
    # Dũng left on 10/02; Cường began on 15/03: March has An, Bình, Cường, in order of given names.
    assert [person.full_name for person in sheet.people] == ["Lê Văn An", "Trần Thị Bình", "Phạm Văn Cường"]
    assert {key: (score.points, score.self_points) for key, score in sheet.scores.items()} == {
        (AN, "NV1"): (Fraction(35), Fraction(38)), (CUONG, "NV2"): (Fraction(55, 2), None)}
    assert sheet.scores[(AN, "NV1")].entered_by == "truong"
    assert [person.full_name for person in entry_sheet(ward, date(2026, 2, 1)).people] == [
        "Lê Văn An", "Trần Thị Bình", "Hoàng Văn Dũng"]


def test_changes_count_only_what_changed_and_none_clears(ward: Ward) -> None:
    enter_scores(ward, MARCH, [entry(AN, "NV1", "35"), entry(AN, "NV2", "30")])
    assert enter_scores(ward, MARCH, [entry(AN, "NV1", "35"), entry(AN, "NV2", "28"), entry(BINH, "NV1", None)]) == 1
    assert enter_scores(ward, MARCH, [entry(AN, "NV1", None)]) == 1
    assert {key: score.points for key, score in entry_sheet(ward, MARCH).scores.items()} == {(AN, "NV2"): 28}


@pytest.mark.parametrize(("bad", "message"), [
    (entry(AN, "NV1", "41"), "Lê Văn An, “Khối lượng công việc”: 41 không nằm trong khoảng từ 0 đến 40"),
    (entry(AN, "NV2", "-1"), "Lê Văn An, “Chất lượng, tiến độ”: -1 không nằm trong khoảng từ 0 đến 30"),
    (entry(AN, "NV2", "20", "31"), "Lê Văn An, “Chất lượng, tiến độ”: 31 không nằm trong khoảng từ 0 đến 30"),
    (entry(AN, "VH1", "1"), "Kế hoạch thi đua áp dụng trong tháng 3/2026 không có mục chấm điểm “VH1” "
                            "(các mục: NV1, NV2)"),
    (entry(DUNG, "NV1", "30"), "Hoàng Văn Dũng không công tác tại đơn vị trong tháng 3/2026"),
    (entry(BINH, "NV1", "30"), "Trần Thị Bình có hai lần điểm cho “Khối lượng công việc”"),
])
def test_a_wrong_entry_refuses_the_whole_change(ward: Ward, vietnamese: None, bad: ScoreEntry, message: str) -> None:
    before = ward.store.change_log.changes()
    with pytest.raises(EnteredScoreError) as caught:
        enter_scores(ward, MARCH, [entry(BINH, "NV1", "30"), entry(CUONG, "NV1", "10"), bad])
    assert caught.value.localized() == message and caught.value.entry_index == 2
    assert entry_sheet(ward, MARCH).scores == {} and ward.store.change_log.changes() == before


def test_only_the_head_enters_points(ward: Ward) -> None:
    ward.account = CLERK
    with pytest.raises(AccessDeniedError):
        enter_scores(ward, MARCH, [entry(AN, "NV1", "35")])
    assert entry_sheet(ward, MARCH).scores == {}


def test_a_locked_month_refuses_entries_in_the_service_and_in_the_table(ward: Ward, vietnamese: None) -> None:
    enter_scores(ward, date(2026, 2, 1), [entry(AN, "NV1", "35"), entry(AN, "NV2", "30"), entry(BINH, "NV1", "40"),
                                          entry(BINH, "NV2", "30"), entry(DUNG, "NV1", "20"),
                                          entry(DUNG, "NV2", "20")])
    ward.store.periods.lock(month(2026, 2), "truong")
    assert entry_sheet(ward, date(2026, 2, 1)).locked
    with pytest.raises(PeriodLockedError) as caught:
        enter_scores(ward, date(2026, 2, 1), [entry(AN, "NV1", "30")])
    assert caught.value.localized() == ("Tháng 2/2026 thuộc kỳ đã khóa sổ: không sửa được điểm Lãnh đạo "
                                        "chấm. Chỉ Lãnh đạo mới mở khóa được.")
    conn = ward.store.conn
    for statement in ("INSERT INTO entered_scores (staff_id, month, item_code, points, entered_by, entered_at) "
                      "VALUES (3, '2026-02-01', 'NV1', '10', 'x', 'x')",
                      "UPDATE entered_scores SET points = '1' WHERE month = '2026-02-01'",
                      "DELETE FROM entered_scores WHERE month = '2026-02-01'"):
        with pytest.raises(sqlite3.IntegrityError, match="period_locked"):
            conn.execute(statement)
    assert enter_scores(ward, MARCH, [entry(AN, "NV1", "35")]) == 1  # the next month stays open


def test_the_table_refuses_what_is_no_entry(ward: Ward) -> None:
    conn = ward.store.conn
    for values in ("(1, '2026-03-02', 'NV1', '10')", "(1, '2026-03-01', 'NV1', '-1')",
                   "(1, '2026-03-01', 'NV1', 'mười')", "(1, '2026-03-01', '', '10')"):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO entered_scores (staff_id, month, item_code, points, entered_by, entered_at) "
                         f"VALUES {values[:-1]}, 'x', 'x')")


def test_each_change_is_one_sentence_of_the_change_log(ward: Ward, vietnamese: None) -> None:
    enter_scores(ward, MARCH, [entry(AN, "NV1", "35", "38")])
    enter_scores(ward, MARCH, [entry(AN, "NV1", "32.5", "38")])
    enter_scores(ward, MARCH, [entry(AN, "NV1", None)])
    lookup = Lookup.of(ward)
    assert [describe(change, lookup) for change in ward.store.change_log.changes()[-3:]] == [
        "Nhập điểm của Lê Văn An cho “Khối lượng công việc”, tháng 3/2026: 35/40 (tự chấm 38)",
        "Sửa điểm của Lê Văn An cho “Khối lượng công việc”, tháng 3/2026: 35/40 (tự chấm 38) → 32,5/40 (tự chấm 38)",
        "Xóa điểm của Lê Văn An cho “Khối lượng công việc”, tháng 3/2026: chưa chấm",
    ]


def test_an_entered_criterion_is_no_event(ward: Ward) -> None:
    with pytest.raises(CriterionNotInPlanError):
        add_event(ward, AN, date(2026, 3, 3), "NV1")
    assert [block.code for block, _criteria in criteria_on(ward, date(2026, 3, 3))] == ["VH"]

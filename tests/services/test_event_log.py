"""The events register on a real database file: filters, points by the plan of each day, add and delete."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from fractions import Fraction
from pathlib import Path

import pytest

from ward_office.core.checks import Check, CheckKind, Event, EventSource
from ward_office.core.errors import PeriodLockedError, WardOfficeError
from ward_office.core.period import month
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.paths import plans_dir
from ward_office.services import event_log
from ward_office.services.event_log import EventFilter, EventKind
from ward_office.services.ward import Ward

ACTOR = "Nguyễn Thị Lan"
JUNE = date(2026, 6, 10)
JULY = date(2026, 7, 10)


def person(code: str, name: str, **changes: object) -> Staff:
    values: dict[str, object] = {"code": code, "full_name": name, "gender": Gender.FEMALE,
                                 "position": "Chuyên viên", "category": StaffCategory.CONG_CHUC}
    values.update(changes)
    return Staff(**values)  # type: ignore[arg-type]


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    """Two people; the default plan from 01/01/2026 and the A-B-C-D plan from 01/07/2026."""
    with Ward.open(tmp_path / "ward.db", actor=ACTOR) as opened:
        abc = (plans_dir() / "khung-abc-hang-thang.toml").read_text(encoding="utf-8")
        opened.store.plans.adopt(abc.replace("effective_from = 2026-01-01", "effective_from = 2026-07-01"), ACTOR)
        department = opened.departments()[0]
        opened.store.staff.add(person("CB001", "Nguyễn Văn An", department_id=department.id), ACTOR)
        opened.store.staff.add(person("CB002", "Trần Thị Bình", active_to=date(2026, 6, 30)), ACTOR)
        yield opened


def staff_id(ward: Ward, code: str):
    found = ward.store.staff.by_code(code)
    assert found is not None and found.id is not None
    return found.id


def record(ward: Ward, code: str, day: date, criterion: str, note: str = "") -> Event:
    return ward.store.events.add(Event(staff_id(ward, code), day, criterion, note), ACTOR)


def ids(rows) -> list[int]:
    return [row.event.id for row in rows]


def test_rows_show_points_and_block_of_the_plan_of_their_own_day(ward: Ward) -> None:
    june = record(ward, "CB001", JUNE, "TP01", "Không đeo thẻ")
    july = record(ward, "CB001", JULY, "TP1")
    rows = event_log.list_events(ward, EventFilter(date(2026, 6, 1), date(2026, 7, 31)))
    assert ids(rows) == [june.id, july.id]
    first, second = rows
    assert (first.criterion_name, first.block_name, first.points, first.kind) == (
        "Không đeo thẻ công chức khi thi hành công vụ", "Trang phục và thẻ công chức", Fraction(-2),
        EventKind.VIOLATION)
    assert first.department == ward.departments()[0].name and first.full_name == "Nguyễn Văn An"
    assert (second.block_name, second.points) == ("Tác phong, trang phục", Fraction(-1, 2))


def test_filters_by_person_range_block_and_kind_are_chosen_in_sql(ward: Ward) -> None:
    an_june = record(ward, "CB001", JUNE, "TP01")
    binh_june = record(ward, "CB002", JUNE, "DT01")
    an_july = record(ward, "CB001", JULY, "TH1")
    an_july_old_code = record(ward, "CB001", JULY, "TP01")  # not a criterion of the July plan
    record(ward, "CB001", date(2026, 5, 31), "TP01")
    an = staff_id(ward, "CB001")
    span = (date(2026, 6, 1), date(2026, 7, 31))

    assert ids(event_log.list_events(ward, EventFilter(*span))) == [an_june.id, binh_june.id, an_july.id,
                                                                   an_july_old_code.id]
    assert ids(event_log.list_events(ward, EventFilter(*span, staff_id=an))) == [an_june.id, an_july.id,
                                                                                an_july_old_code.id]
    assert ids(event_log.list_events(ward, EventFilter(*span, block_code="TP"))) == [an_june.id]
    assert ids(event_log.list_events(ward, EventFilter(*span, kind=EventKind.COMMENDATION))) == [binh_june.id,
                                                                                                an_july.id]
    assert ids(event_log.list_events(ward, EventFilter(*span, staff_id=an, kind=EventKind.VIOLATION))) == [
        an_june.id]
    assert event_log.list_events(ward, EventFilter(*span, block_code="BT")) == []
    unscored = event_log.list_events(ward, EventFilter(JULY, JULY))[1]
    assert unscored.criterion is None and unscored.points is None and unscored.kind_label() == ""


def test_totals_count_kinds_and_sum_points(ward: Ward) -> None:
    record(ward, "CB001", JUNE, "TP01")
    record(ward, "CB001", JUNE, "GT02")
    record(ward, "CB002", JUNE, "DT02")
    totals = event_log.totals(event_log.list_events(ward, EventFilter(JUNE, JUNE)))
    assert (totals.violations, totals.commendations, totals.points) == (2, 1, Fraction(-4))


def test_blocks_between_joins_the_plans_in_effect(ward: Ward) -> None:
    assert [block.code for block in event_log.blocks_between(ward, JUNE, JUNE)] == [
        "TG", "TP", "GT", "BT", "KL", "DT"]
    codes = [block.code for block in event_log.blocks_between(ward, JUNE, JULY)]
    assert codes[:6] == ["TG", "TP", "GT", "BT", "KL", "DT"] and set(codes[6:]) == {"KC", "UX", "TH"}
    assert [(first, last) for first, last, _plan in event_log.plan_spans(ward, JUNE, JULY)] == [
        (JUNE, date(2026, 6, 30)), (date(2026, 7, 1), JULY)]


def test_add_event_checks_person_day_and_criterion(ward: Ward) -> None:
    an = staff_id(ward, "CB001")
    event = event_log.add_event(ward, an, JULY, "UX1", "  Quát   người dân ", today=JULY)
    stored = ward.store.events.get(event.id)
    assert (stored.criterion_code, stored.note, stored.source, stored.recorded_by) == (
        "UX1", "Quát người dân", EventSource.MANUAL, ACTOR)
    before = ward.store.events.find(date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(WardOfficeError, match="no criterion"):
        event_log.add_event(ward, an, JULY, "TP01")
    with pytest.raises(WardOfficeError, match="not working"):
        event_log.add_event(ward, staff_id(ward, "CB002"), JULY, "UX1")
    with pytest.raises(WardOfficeError, match="not come yet"):
        event_log.add_event(ward, an, JULY + timedelta(days=1), "UX1", today=JULY)
    assert ward.store.events.find(date(2026, 1, 1), date(2026, 12, 31)) == before


def test_locked_period_refuses_add_and_delete_with_its_name(ward: Ward) -> None:
    event = record(ward, "CB001", JUNE, "TP01")
    ward.store.periods.lock(month(2026, 6), ACTOR)
    assert event_log.locked_reason(ward, JUNE) is not None
    assert event_log.locked_reason(ward, JULY) is None
    with pytest.raises(PeriodLockedError) as refused:
        event_log.delete_event(ward, event.id)
    assert "10/06/2026" in refused.value.localized()
    with pytest.raises(PeriodLockedError):
        event_log.add_event(ward, staff_id(ward, "CB001"), JUNE, "TP02")
    assert ids(event_log.list_events(ward, EventFilter(JUNE, JUNE))) == [event.id]


def test_delete_event_is_logged_also_from_a_finished_check(ward: Ward) -> None:
    an = staff_id(ward, "CB001")
    check = Check(started_at=datetime(2026, 7, 10, 8, 0), kind=CheckKind.BADGE, checker="Tổ kiểm tra",
                  finished_at=datetime(2026, 7, 10, 9, 0))
    _check, (found,) = ward.store.checks.add(check, ACTOR, [Event(an, JULY, "TP1")])
    row = event_log.list_events(ward, EventFilter(JULY, JULY))[0]
    assert row.event.source is EventSource.CHECK and row.check is not None and row.check_label()
    event_log.delete_event(ward, found.id)
    assert event_log.list_events(ward, EventFilter(JULY, JULY)) == []
    deleted = ward.store.change_log.list("event", found.id)[-1]
    assert (deleted.action.value, deleted.actor, deleted.detail["before"]["criterion_code"]) == (
        "delete", ACTOR, "TP1")


def test_ten_years_of_events_list_one_month_quickly(ward: Ward, monkeypatch: pytest.MonkeyPatch) -> None:
    an, binh = staff_id(ward, "CB001"), staff_id(ward, "CB002")
    days = [date(2016, 8, 1) + timedelta(days=offset) for offset in range(3650)]
    events = [Event(who, day, "TP01" if day < date(2026, 7, 1) else "TP1") for day in days for who in (an, binh)
              for _repeat in range(3)]
    ward.store.events.add_many(events, ACTOR)
    read: list[Event] = []
    find = ward.store.events.find

    def spy(*args: object, **kwargs: object) -> list[Event]:
        found = find(*args, **kwargs)  # type: ignore[arg-type]
        read.extend(found)
        return found

    monkeypatch.setattr(ward.store.events, "find", spy)
    rows = event_log.list_events(ward, EventFilter(date(2025, 3, 1), date(2025, 3, 31), staff_id=an))
    assert len(rows) == 31 * 3 and {row.event.day.month for row in rows} == {3}
    assert len(read) == len(rows)  # nothing outside the range left the database
    rows = event_log.list_events(ward, EventFilter(date(2026, 6, 15), date(2026, 7, 14), block_code="TP"))
    assert len(rows) == 30 * 2 * 3 and len(read) == 31 * 3 + len(rows)

"""Prefilled Vietnamese public holidays, and ensure_holidays filling a year once."""

from __future__ import annotations

from datetime import date

from storage_helpers import ACTOR

from ward_office.core.change_log import ChangeAction
from ward_office.core.holidays import vietnamese_public_holidays
from ward_office.core.schedule import DayKind, Holiday
from ward_office.storage import Store


def test_2026_holidays() -> None:
    holidays = {h.day: h for h in vietnamese_public_holidays(2026)}
    assert holidays[date(2026, 2, 17)] == Holiday(date(2026, 2, 17), "Tết Nguyên Đán", DayKind.HOLIDAY, True)
    assert date(2026, 9, 2) in holidays and date(2026, 1, 1) in holidays
    assert all(h.prefilled and h.day.year == 2026 for h in holidays.values())
    # Saturday 22 August 2026 is worked to bridge Monday 31 August into the National Day holiday.
    assert holidays[date(2026, 8, 22)].kind is DayKind.WORKING_DAY
    assert holidays[date(2026, 8, 31)].kind is DayKind.HOLIDAY
    assert list(holidays) == sorted(holidays)


def test_ensure_holidays_is_idempotent(store: Store) -> None:
    added = store.schedule.ensure_holidays(2026, ACTOR)
    assert Holiday(date(2026, 2, 17), "Tết Nguyên Đán", DayKind.HOLIDAY, True) in added
    assert store.schedule.holidays(2026) == added
    assert store.schedule.ensure_holidays(2026, ACTOR) == []
    assert store.schedule.holidays(2026) == added
    assert store.schedule.holidays(2025) == []
    lines = store.change_log.list("holiday")
    assert [line.action for line in lines] == [ChangeAction.IMPORT]
    calendar = store.schedule.calendar(date(2026, 1, 1), date(2026, 12, 31))
    assert not calendar.is_working_day(date(2026, 2, 17))
    assert calendar.is_working_day(date(2026, 8, 22))


def test_a_year_the_office_already_filled_is_left_alone(store: Store) -> None:
    store.schedule.add_holiday(Holiday(date(2027, 1, 1), "Tết Dương lịch"), ACTOR)
    assert store.schedule.ensure_holidays(2027, ACTOR) == []
    assert len(store.schedule.holidays(2027)) == 1

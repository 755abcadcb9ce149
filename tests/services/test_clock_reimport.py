"""Importing punches again derives a day again only when something it depends on changed (clock_judged_days)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from typing import Any

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.clock import Punch
from ward_office.core.schedule import Holiday, Session, SessionHours
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services.clock_import import ClockBatch, ClockPreview, import_batch, preview_batch
from ward_office.services.clock_import import planning as clock_import
from ward_office.storage import Store
from ward_office.storage.attendance import AttendanceRepository

ACTOR = "Trần Thị Hoa"
MONDAY, TUESDAY = date(2026, 3, 2), date(2026, 3, 3)  # winter hours: 07:30–12:00, 13:30–17:00, grace 5
TUESDAY_TEN, TUESDAY_SIX = datetime(2026, 3, 3, 10, 0), datetime(2026, 3, 3, 18, 0)
LATER = datetime(2026, 3, 20, 9, 0)


def person(code: str, clock_id: str) -> Staff:
    return Staff(code, f"Người {code}", Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC, clock_id=clock_id)


@pytest.fixture
def ward(store: Store) -> dict[str, Staff]:
    lan, minh = store.staff.add_many([person("NV01", "1"), person("NV02", "2")], ACTOR)
    return {"lan": lan, "minh": minh}


def punches(clock_id: str, day: date, *times: str) -> list[Punch]:
    return [Punch(clock_id, datetime.combine(day, time.fromisoformat(text)), "A") for text in times]


# Lan is 10 minutes late on Monday and on time on Tuesday; Minh leaves early on Monday and is late on Tuesday.
WEEK = ClockBatch("1_attlog.dat", (*punches("1", MONDAY, "07:40", "17:02"), *punches("1", TUESDAY, "07:28", "17:01"),
                                   *punches("2", MONDAY, "07:29", "16:40"), *punches("2", TUESDAY, "07:50", "17:05")))


@pytest.fixture
def derived_days(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """The days the import derives attendance for."""
    days: list[date] = []
    original = clock_import.day_rules

    def spy(day: date, *args: Any, **kwargs: Any) -> Any:
        days.append(day)
        return original(day, *args, **kwargs)

    monkeypatch.setattr(clock_import, "day_rules", spy)
    return days


def judged_rows(store: Store) -> list[tuple[str, str]]:
    return store.db.execute("SELECT day, inputs FROM clock_judged_days ORDER BY day").fetchall()


def fresh_derivation(store: Store, batch: ClockBatch, now: datetime) -> ClockPreview:
    """What deriving every day from scratch says, with the remembered days forgotten (and put back)."""
    kept = judged_rows(store)
    with store.atomic():
        store.db.execute("DELETE FROM clock_judged_days")
        preview = preview_batch(store, batch, now=now)
        store.db.conn.executemany("INSERT INTO clock_judged_days (day, inputs, judged_at) VALUES (?, ?, '')", kept)
    return preview


def import_again(store: Store, derived_days: list[date], now: datetime = LATER) -> tuple[Any, list[date]]:
    """Import WEEK again; the summary and the days derived, after checking it says what a fresh derivation
    would."""
    expected = fresh_derivation(store, WEEK, now)
    derived_days.clear()
    summary = import_batch(store, WEEK, ACTOR, now=now)
    assert summary.preview.changes == expected.changes
    assert summary.preview.manual_kept == expected.manual_kept
    assert summary.preview.not_judged == expected.not_judged
    return summary, sorted(set(derived_days))


def test_the_same_file_again_derives_nothing_and_writes_nothing(store: Store, ward: dict[str, Staff],
                                                               derived_days: list[date]) -> None:
    first = import_batch(store, WEEK, ACTOR, now=LATER)
    assert first.sessions_changed == 3 and sorted(set(derived_days)) == [MONDAY, TUESDAY]
    assert [day for day, _inputs in judged_rows(store)] == ["2026-03-02", "2026-03-03"]
    log_lines, remembered = store.db.execute("SELECT count(*) FROM change_log").fetchone(), judged_rows(store)

    again, days = import_again(store, derived_days)
    assert days == [] and again.punches_added == 0 and again.sessions_changed == 0
    assert store.db.execute("SELECT count(*) FROM change_log").fetchone() == log_lines
    assert judged_rows(store) == remembered


def test_a_day_not_over_at_the_last_import_is_judged_the_next_time(store: Store, ward: dict[str, Staff],
                                                                  derived_days: list[date]) -> None:
    morning = import_batch(store, WEEK, ACTOR, now=TUESDAY_TEN)
    assert morning.preview.not_judged == (TUESDAY,) and sorted(set(derived_days)) == [MONDAY]
    assert [day for day, _inputs in judged_rows(store)] == ["2026-03-02"]

    evening, days = import_again(store, derived_days, TUESDAY_SIX)
    assert days == [TUESDAY]
    assert [(change.day, change.staff.code) for change in evening.preview.changes] == [(TUESDAY, "NV02")]


def test_new_punches_on_a_day_derive_it_again(store: Store, ward: dict[str, Staff],
                                              derived_days: list[date]) -> None:
    import_batch(store, WEEK, ACTOR, now=LATER)
    late_lunch = ClockBatch("2_attlog.dat", tuple(punches("2", MONDAY, "12:30", "13:20")))
    derived_days.clear()
    import_batch(store, late_lunch, ACTOR, now=LATER)
    assert sorted(set(derived_days)) == [MONDAY]


def test_other_working_hours_derive_every_day_again(store: Store, ward: dict[str, Staff],
                                                    derived_days: list[date]) -> None:
    import_batch(store, WEEK, ACTOR, now=LATER)
    schedule = store.schedule.get()
    store.schedule.save(dataclasses.replace(schedule, grace_minutes=15), ACTOR)
    graced, days = import_again(store, derived_days)
    assert days == [MONDAY, TUESDAY] and graced.sessions_changed == 1  # Lan's 10 minutes are within the grace now

    seasons = tuple(dataclasses.replace(season, morning=SessionHours(time(7, 0), season.morning.end))
                    for season in schedule.seasons)
    store.schedule.save(dataclasses.replace(schedule, seasons=seasons), ACTOR)
    earlier, days = import_again(store, derived_days)
    assert days == [MONDAY, TUESDAY] and earlier.sessions_changed > 0


def test_a_new_holiday_derives_its_day_again(store: Store, ward: dict[str, Staff],
                                             derived_days: list[date]) -> None:
    import_batch(store, WEEK, ACTOR, now=LATER)
    store.schedule.add_holiday(Holiday(MONDAY, "Nghỉ bù"), ACTOR)
    summary, days = import_again(store, derived_days)
    assert days == [MONDAY]  # a holiday derives nothing: the day's clock records go
    assert {(change.day, change.after) for change in summary.preview.changes} == {(MONDAY, None)}
    assert store.attendance.for_day(MONDAY) == []


def test_a_changed_person_derives_their_days_again(store: Store, ward: dict[str, Staff],
                                                   derived_days: list[date]) -> None:
    import_batch(store, WEEK, ACTOR, now=LATER)
    store.staff.update(dataclasses.replace(ward["minh"], active_to=MONDAY), ACTOR)
    _summary, days = import_again(store, derived_days)
    assert days == [TUESDAY]  # Minh is no longer judged on Tuesday

    store.staff.update(dataclasses.replace(ward["lan"], clock_id="9"), ACTOR)  # a number with no punches
    summary, days = import_again(store, derived_days)
    assert days == [MONDAY, TUESDAY] and summary.sessions_changed == 4  # absent both days


def test_records_changed_by_hand_derive_their_day_again(store: Store, ward: dict[str, Staff],
                                                        derived_days: list[date]) -> None:
    import_batch(store, WEEK, ACTOR, now=LATER)
    lan = ward["lan"].id
    assert lan is not None
    store.attendance.clear(lan, MONDAY, Session.MORNING, ACTOR)  # a clock record removed by hand comes back
    summary, days = import_again(store, derived_days)
    assert days == [MONDAY] and summary.sessions_changed == 1
    assert store.attendance.get(lan, MONDAY, Session.MORNING) is not None

    store.attendance.set(Attendance(lan, TUESDAY, Session.AFTERNOON, AttendanceStatus.LEAVE,
                                    leave_code=LeaveCode.ANNUAL), ACTOR)
    summary, days = import_again(store, derived_days)
    assert days == [TUESDAY] and summary.preview.manual_kept == 1 and summary.sessions_changed == 0
    summary, days = import_again(store, derived_days)
    assert days == [] and summary.preview.manual_kept == 1  # still counted on a day not derived again

    store.attendance.clear(lan, TUESDAY, Session.AFTERNOON, ACTOR)
    summary, days = import_again(store, derived_days)
    assert days == [TUESDAY] and summary.preview.manual_kept == 0


def test_other_rules_derive_every_day_again(store: Store, ward: dict[str, Staff], derived_days: list[date],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import_batch(store, WEEK, ACTOR, now=LATER)
    monkeypatch.setattr(clock_import, "RULES_VERSION", clock_import.RULES_VERSION + 1)
    _summary, days = import_again(store, derived_days)
    assert days == [MONDAY, TUESDAY]


def test_the_days_are_remembered_with_the_import_or_not_at_all(store: Store, ward: dict[str, Staff],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    original = AttendanceRepository.apply_clock

    def write_then_fail(self: AttendanceRepository, *args: Any, **kwargs: Any) -> int:
        original(self, *args, **kwargs)
        assert judged_rows(store)
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(AttendanceRepository, "apply_clock", write_then_fail)
    with pytest.raises(RuntimeError):
        import_batch(store, WEEK, ACTOR, now=LATER)
    assert judged_rows(store) == [] and store.attendance.between(MONDAY, TUESDAY) == []


def test_a_preview_remembers_nothing(store: Store, ward: dict[str, Staff]) -> None:
    preview_batch(store, WEEK, now=LATER)
    assert judged_rows(store) == [] and store.attendance.between(MONDAY, TUESDAY) == []

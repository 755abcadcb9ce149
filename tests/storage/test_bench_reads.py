"""The lighter reads the benchmarks asked for change nothing but their cost: scoring only the records that can
score gives the same ranking as with every record, and check rounds listed without who was seen are the same
rounds."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date
from pathlib import Path

from ward_office.core.attendance import Attendance, AttendanceStatus
from ward_office.core.period import parse_period
from ward_office.scoring import ScoringInput, score_period
from ward_office.services.ranking import score_records
from ward_office.storage import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import generate  # a script folder, put on the path above


def can_score(record: Attendance, grace_minutes: int) -> bool:
    return record.status is AttendanceStatus.ABSENT or (record.status is AttendanceStatus.PRESENT and (
        record.late_minutes > grace_minutes or record.early_minutes > grace_minutes or record.missing_punch))


def test_reading_only_the_records_that_can_score_changes_no_score(tmp_path: Path) -> None:
    path = tmp_path / "ward.db"
    generate.build(path, generate.WardSize(staff=14, years=1))
    period = parse_period("2026")
    with Store.open(path, read_only=True) as store:
        grace = store.schedule.get().grace_minutes
        every = store.attendance.between(period.start, period.end)
        scorable = store.attendance.scorable(period.start, period.end, grace)
        assert any(record.status is AttendanceStatus.LEAVE for record in every)
        assert any(record.status is AttendanceStatus.PRESENT and not can_score(record, grace) for record in every)
        assert sorted(scorable, key=lambda record: record.id or 0) == [
            record for record in sorted(every, key=lambda record: record.id or 0) if can_score(record, grace)]

        ranking = score_records(store, period, date(2026, 12, 31)).ranking
        calendar = store.schedule.calendar(period.start, period.end)
        _record, plan = store.plans.in_effect(period.end)
        with_leave = score_period(ScoringInput(
            plan, period, store.staff.list(), [record for record in every if calendar.is_working_day(record.day)],
            store.events.list(period.start, period.end), store.schedule.get().grace_minutes))
        assert ranking.results == with_leave.results
        assert any(result.items for result in ranking.results)

        full = store.checks.list(period.start, period.end)
        light = store.checks.list(period.start, period.end, with_seen=False)
        assert full and any(check.seen for check in full)
        assert light == [dataclasses.replace(check, seen=frozenset()) for check in full]

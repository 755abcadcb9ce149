"""The lighter reads the benchmarks asked for change nothing but their cost: scoring without the leave records
gives the same ranking as with them, and check rounds listed without who was seen are the same rounds."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date
from pathlib import Path

from ward_office.core.attendance import AttendanceStatus
from ward_office.core.period import parse_period
from ward_office.scoring import ScoringInput, score_period
from ward_office.services.records import score_records
from ward_office.storage import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import generate  # a script folder, put on the path above


def test_leaving_out_leave_records_changes_no_score(tmp_path: Path) -> None:
    path = tmp_path / "ward.db"
    generate.build(path, generate.WardSize(staff=14, years=1))
    period = parse_period("2026")
    with Store.open(path, read_only=True) as store:
        every = store.attendance.between(period.start, period.end)
        scored = store.attendance.between(period.start, period.end, without_leave=True)
        assert any(record.status is AttendanceStatus.LEAVE for record in every)
        assert scored == [record for record in every if record.status is not AttendanceStatus.LEAVE]
        someone = every[0].staff_id
        assert store.attendance.between(period.start, period.end, someone, without_leave=True) == [
            record for record in every if record.staff_id == someone and record.status is not AttendanceStatus.LEAVE]

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

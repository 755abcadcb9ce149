"""A ward whose plan runs a school year (``year_halves = [[9, 1], [2, 5]]``): the year it names "2026" is
scored, locked (khóa sổ), kept and printed as September 2026 to May 2027."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from ward_office.core.access import Account, Role
from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.errors import WardOfficeError
from ward_office.core.period import PeriodKind, whole_year, year_of_months
from ward_office.core.schedule import Session
from ward_office.paths import plans_dir
from ward_office.scoring.results import ScoredPeriod
from ward_office.services.demo import build_demo
from ward_office.services.period_locks import figures_status, kept_ranking, lock_period, period_lock
from ward_office.services.plan_years import ward_period
from ward_office.services.presentation import ranking_to_json
from ward_office.services.ranking import score_stored_period
from ward_office.services.ranking_snapshots import from_json, to_json
from ward_office.services.ward import Ward

TODAY = date(2027, 6, 20)
SCHOOL_YEAR = year_of_months(2026, 9, 5)
HEAD = Account(1, "chutich", "Trần Văn Hùng", Role.HEAD)


def school_plan() -> str:
    text = (plans_dir() / "van-hoa-cong-so.toml").read_text(encoding="utf-8")
    school = 'year = "mean_of_months"\nyear_halves = [[9, 1], [2, 5]]\nlong_leave_codes = ["Ts"]\n'
    return text.replace('year = "mean_of_months"\n', school, 1).replace("version = 1", "version = 2").replace(
        "effective_from = 2026-01-01", "effective_from = 2026-08-01")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("school") / "demo.db"
    build_demo(path, staff=6, months=12, seed=5, until=TODAY)
    with Ward.open(path, actor="chutich") as ward:
        ward.store.plans.adopt(school_plan(), "chutich")
    return path


@pytest.fixture
def ward(template: Path, tmp_path: Path):
    copy = tmp_path / "ward.db"
    shutil.copyfile(template, copy)
    with Ward.open(copy, actor="chutich") as opened:
        opened.account = HEAD
        yield opened


def test_the_year_named_is_the_school_year(ward: Ward) -> None:
    assert ward_period(ward.store, whole_year(2026)) == SCHOOL_YEAR
    assert ward_period(ward.store, whole_year(2025)) == whole_year(2025)  # the calendar plan was in effect then
    ranking = score_stored_period(ward.store, whole_year(2026), TODAY).ranking
    assert ranking.period == SCHOOL_YEAR
    assert ranking.plan.version == 2
    assert {part.period.start for result in ranking.results for part in result.sub_periods} == {
        date(2026, month, 1) for month in (9, 10, 11, 12)} | {date(2027, month, 1) for month in (1, 2, 3, 4, 5)}


def test_the_school_year_is_locked_and_kept_as_such(ward: Ward) -> None:
    with pytest.raises(WardOfficeError):
        lock_period(ward, whole_year(2026), date(2027, 5, 31))  # the school year runs to 31 May 2027
    lock = lock_period(ward, whole_year(2026), TODAY)
    assert (lock.period.kind, lock.period.start, lock.period.end) == (PeriodKind.YEAR, date(2026, 9, 1),
                                                                      date(2027, 5, 31))
    assert period_lock(ward, whole_year(2026)) is not None
    kept = kept_ranking(ward, whole_year(2026))
    assert kept is not None and kept.ranking.period == SCHOOL_YEAR
    assert score_stored_period(ward.store, whole_year(2026), TODAY).ranking == kept.ranking
    assert figures_status(ward.store, whole_year(2026), TODAY).final


def test_a_ranking_kept_before_months_were_left_out_still_reads(ward: Ward) -> None:
    scored = score_stored_period(ward.store, whole_year(2026), TODAY)
    body = to_json(scored)
    body["ranking"] = {key: value for key, value in body["ranking"].items()
                       if key not in ("months_left_out", "not_scored")}  # as a kept ranking of before
    assert from_json(ScoredPeriod, body).ranking == scored.ranking


def test_leave_in_the_book_leaves_months_out_and_the_outputs_say_so(ward: Ward) -> None:
    first, second = ward.store.staff.list()[:2]
    days = [date(2026, 9, 1) + timedelta(days=offset) for offset in range(273)]  # to 31 May 2027
    records = [Attendance(person.id, day, session, AttendanceStatus.LEAVE, leave_code=LeaveCode.MATERNITY)
               for person, last in ((first, date(2026, 11, 30)), (second, date(2027, 5, 31)))
               for day in days if day <= last and day.weekday() < 5 for session in Session]
    ward.store.attendance.add_many(records, "chutich", replace=True)
    scored = score_stored_period(ward.store, whole_year(2026), TODAY)
    ranking = scored.ranking
    assert [left.month.start for left in ranking.months_left_out[first.id]] == [
        date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)]
    assert [part.period.start.month for result in ranking.results if result.staff.id == first.id
            for part in result.sub_periods] == [12, 1, 2, 3, 4, 5]
    assert [person.id for person in ranking.not_scored] == [second.id]
    assert second.id not in {result.staff.id for result in ranking.results}
    report = ranking_to_json(scored)
    assert report["not_scored"][0]["staff_code"] == second.code
    assert len(report["not_scored"][0]["months_left_out"]) == 9
    [mine] = [person for person in report["people"] if person["staff_code"] == first.code]
    assert mine["months_counted"] == 6
    assert mine["months_left_out"][0] == {"start": "2026-09-01", "end": "2026-09-30", "leave_codes": ["Ts"]}

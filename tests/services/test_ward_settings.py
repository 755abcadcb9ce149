"""The settings use cases: every refusal writes nothing, and a new plan version scores from its date on."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from datetime import date, time
from fractions import Fraction
from pathlib import Path

import pytest

from ward_office.core.checks import Event
from ward_office.core.errors import PlanError, WardOfficeError
from ward_office.core.period import month
from ward_office.core.schedule import DayKind, SessionHours
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.core.unit import Unit
from ward_office.services import plans
from ward_office.services import ward_settings as settings
from ward_office.services.ward import Ward
from ward_office.storage.errors import InUseError

ACTOR = "Trần Văn Bình"


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    with Ward.open(tmp_path / "ward.db", actor=ACTOR) as opened:
        yield opened


def log_size(ward: Ward) -> int:
    return len(ward.store.change_log.list())


def test_save_unit_trims_and_requires_a_name(ward: Ward) -> None:
    saved = settings.save_unit(ward, Unit(name="  Ủy ban nhân dân   phường Tân An ", place_name="Phường Tân An",
                                          head_title="KT. Chủ tịch / Phó Chủ tịch"))
    assert saved.name == "Ủy ban nhân dân phường Tân An"
    assert ward.unit() == saved
    before = log_size(ward)
    for bad in (Unit(name="   "), Unit(name="UBND", head_title=" ")):
        with pytest.raises(WardOfficeError):
            settings.save_unit(ward, bad)
    assert ward.unit() == saved and log_size(ward) == before


def test_departments_add_rename_move_delete(ward: Ward) -> None:
    added = settings.add_department(ward, "  Tổ   kiểm tra công vụ ")
    assert added.name == "Tổ kiểm tra công vụ"
    with pytest.raises(WardOfficeError, match="already"):
        settings.add_department(ward, "tổ kiểm tra CÔNG VỤ")
    with pytest.raises(WardOfficeError):
        settings.rename_department(ward, added.id, "   ")
    settings.rename_department(ward, added.id, "Tổ công vụ")
    settings.move_department(ward, added.id, -1)
    rows = settings.department_rows(ward)
    assert [row.name for row in rows][-2] == "Tổ công vụ"
    person = ward.store.staff.add(Staff("NV1", "Lê Thị Hoa", Gender.FEMALE, "Chuyên viên",
                                        StaffCategory.CONG_CHUC, added.id), ACTOR)
    assert {row.name: row.staff_count for row in settings.department_rows(ward)}["Tổ công vụ"] == 1
    with pytest.raises(InUseError):
        settings.delete_department(ward, added.id)
    ward.store.staff.delete(person.id, ACTOR)
    settings.delete_department(ward, added.id)
    assert "Tổ công vụ" not in [row.name for row in settings.department_rows(ward)]


def test_schedule_seasons_cover_the_year(ward: Ward) -> None:
    hours = SessionHours(time(7, 30), time(11, 30)), SessionHours(time(13, 0), time(17, 0))
    drafts = [settings.SeasonDraft("Mùa hè", (4, 1), *hours), settings.SeasonDraft("Mùa đông", (11, 1), *hours)]
    saved = settings.save_schedule(ward, frozenset({0, 1, 2, 3, 4, 5}), 10, drafts)
    assert saved == ward.store.schedule.get()
    summer, winter = saved.seasons
    assert (summer.first_day, summer.last_day, winter.first_day, winter.last_day) == ((4, 1), (10, 31),
                                                                                      (11, 1), (3, 31))
    assert saved.season_for(date(2026, 3, 31)) is winter and saved.season_for(date(2026, 4, 1)) is summer
    single = settings.save_schedule(ward, frozenset({0}), 0, drafts[:1])
    assert single.seasons[0].last_day == (3, 31) and single.season_for(date(2026, 12, 31)).name == "Mùa hè"


@pytest.mark.parametrize("weekdays, grace, morning, afternoon, start", [
    (frozenset(), 5, (7, 11), (13, 17), (1, 1)),
    (frozenset({0}), 121, (7, 11), (13, 17), (1, 1)),
    (frozenset({0}), 5, (11, 7), (13, 17), (1, 1)),
    (frozenset({0}), 5, (7, 14), (13, 17), (1, 1)),
])
def test_bad_schedules_are_refused(ward: Ward, weekdays, grace, morning, afternoon, start) -> None:
    before = ward.store.schedule.get()
    draft = settings.SeasonDraft("Cả năm", start, SessionHours(time(morning[0]), time(morning[1])),
                                 SessionHours(time(afternoon[0]), time(afternoon[1])))
    with pytest.raises(WardOfficeError):
        settings.save_schedule(ward, weekdays, grace, [draft])
    assert ward.store.schedule.get() == before


def test_holidays_add_and_remove(ward: Ward) -> None:
    day = date(2031, 3, 10)
    assert settings.holidays_of(ward, 2031) == []
    assert settings.prefill_holidays(ward, 2031)
    settings.add_holiday(ward, day, " Ngày nghỉ riêng của phường ", DayKind.HOLIDAY)
    added = next(holiday for holiday in settings.holidays_of(ward, 2031) if holiday.day == day)
    assert (added.name, added.prefilled) == ("Ngày nghỉ riêng của phường", False)
    with pytest.raises(WardOfficeError):
        settings.add_holiday(ward, day, "Trùng", DayKind.WORKING_DAY)
    with pytest.raises(WardOfficeError):
        settings.add_holiday(ward, date(2031, 12, 27), "  ", DayKind.WORKING_DAY)
    assert settings.remove_holiday(ward, day)
    assert day not in {holiday.day for holiday in settings.holidays_of(ward, 2031)}


def _person_with_two_violations(ward: Ward) -> Staff:
    person = ward.store.staff.add(Staff("NV1", "Lê Thị Hoa", Gender.FEMALE, "Chuyên viên",
                                        StaffCategory.CONG_CHUC, active_from=date(2026, 1, 1)), ACTOR)
    for day in (date(2026, 11, 10), date(2026, 12, 10)):
        ward.store.events.add(Event(person.id, day, "TG05", recorded_by=ACTOR), ACTOR)
    return person


def test_a_new_version_scores_periods_ending_from_its_date(ward: Ward) -> None:
    _person_with_two_violations(ward)
    old_record = plans.latest_version(ward, "VHCS")
    record = plans.adopt_new_version(ward, "VHCS", plans.PlanChanges(
        date(2026, 12, 1), points={"TG05": Fraction(-9, 2)}, criterion_names={"TG05": "Rời vị trí làm việc"},
        min_scores={"A": Fraction(95)}))
    assert (record.version, record.effective_from) == (old_record.version + 1, date(2026, 12, 1))
    data = tomllib.loads(record.body)
    assert data["plan"]["version"] == 2 and data["plan"]["effective_from"] == date(2026, 12, 1)
    before, after = ward.plan_on(date(2026, 11, 30)), ward.plan_on(date(2026, 12, 1))
    assert before.criteria["TG05"].points == -3 and after.criteria["TG05"].points == Fraction(-9, 2)
    assert after.criteria["TG05"].name == "Rời vị trí làm việc" and after.grade("A").min_score == 95
    assert after.criteria["TG01"] == before.criteria["TG01"] and after.ceilings == before.ceilings
    today = date(2026, 12, 31)
    assert ward.score(month(2026, 11), today).ranking.results[0].score == 97
    assert ward.score(month(2026, 12), today).ranking.results[0].score == Fraction(191, 2)
    versions = plans.plan_versions(ward, date(2026, 11, 20))
    assert [(version.record.version, version.in_effect) for version in versions] == [(2, False), (1, True)]


@pytest.mark.parametrize("changes", [
    plans.PlanChanges(date(2026, 1, 1), points={"TG05": Fraction(-4)}),  # not after version 1's date
    plans.PlanChanges(date(2027, 1, 1), points={"TG05": Fraction(0)}),
    plans.PlanChanges(date(2027, 1, 1), points={"TG05": Fraction(2)}),  # a deduction made a bonus
    plans.PlanChanges(date(2027, 1, 1), criterion_names={"TG05": "  "}),
    plans.PlanChanges(date(2027, 1, 1), min_scores={"A": Fraction(70)}),  # same as the next grade
])
def test_bad_versions_write_nothing(ward: Ward, changes: plans.PlanChanges) -> None:
    before = (ward.store.plans.list(), log_size(ward))
    with pytest.raises(WardOfficeError):
        plans.adopt_new_version(ward, "VHCS", changes)
    assert (ward.store.plans.list(), log_size(ward)) == before


def test_a_locked_period_keeps_its_plan(ward: Ward) -> None:
    ward.store.periods.lock(month(2026, 11), ACTOR)
    with pytest.raises(WardOfficeError, match="locked"):
        plans.adopt_new_version(ward, "VHCS", plans.PlanChanges(date(2026, 11, 15), {"TG05": Fraction(-4)}))
    record = plans.adopt_new_version(ward, "VHCS", plans.PlanChanges(date(2026, 12, 1), {"TG05": Fraction(-4)}))
    assert record.version == 2


def test_import_plan_file(ward: Ward, tmp_path: Path) -> None:
    text = plans.latest_version(ward, "VHCS").body.replace("version = 1", "version = 7").replace(
        "effective_from = 2026-01-01", "effective_from = 2027-01-01")
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    assert plans.import_plan_file(ward, path).version == 7
    path.write_text(text.replace("points = -10", "points = -11", 1), encoding="utf-8")
    with pytest.raises(PlanError):
        plans.import_plan_file(ward, path)
    path.write_text("[plan\n", encoding="utf-8")
    with pytest.raises(PlanError):
        plans.import_plan_file(ward, path)
    with pytest.raises(WardOfficeError):
        plans.import_plan_file(ward, tmp_path / "missing.toml")
    assert [record.version for record in ward.store.plans.list()] == [1, 7]

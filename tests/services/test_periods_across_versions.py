"""A period spanning plan versions: each month is scored under the version in force in it, and the months are
combined under the version in force on the period's last day, so a version adopted later never rescores the
past, and the year agrees with the half-year already locked."""

from __future__ import annotations

import shutil
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from ward_office.cli import main
from ward_office.core.access import Account, Role
from ward_office.core.attendance import Attendance
from ward_office.core.period import Period, PeriodKind, half_year, whole_year
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.paths import plans_dir
from ward_office.scoring.results import PlanMonths, Ranking, StaffResult
from ward_office.scoring.versions import versions_line
from ward_office.services.demo import DEMO_PASSWORD, build_demo
from ward_office.services.period_locks import changed_rankings, kept_ranking, lock_period
from ward_office.services.plans import combination_warnings, import_plan_file
from ward_office.services.ranking import score_records, score_stored_period
from ward_office.services.ward import Ward

TODAY = date(2027, 1, 15)
YEAR, H1, H2 = whole_year(2026), half_year(2026, 1), half_year(2026, 2)
HEAD = Account(1, "chutich", "Trần Văn Hùng", Role.HEAD)
MARCH_LATE, SEPTEMBER_LATE = date(2026, 3, 24), date(2026, 9, 24)
LATE_V1 = ('code = "TG01"\nname = "Đi muộn quá thời gian cho phép"\npoints = -2\n'
           'escalation = [{ from = 4, points = -3 }]')


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("versions") / "demo.db"
    build_demo(path, staff=10, months=12, seed=7, until=date(2026, 12, 31))
    return path


@pytest.fixture
def ward(template: Path, tmp_path: Path) -> Ward:
    copy = tmp_path / "ward.db"
    shutil.copyfile(template, copy)
    with Ward.open(copy, actor="chutich") as opened:
        opened.account = HEAD
        yield opened


def version_two(tmp_path: Path, *, late: str = "points = -20", base: str | None = None) -> Path:
    """The default plan as version 2, a late arrival costing −20 (no escalation)."""
    text = (plans_dir() / "van-hoa-cong-so.toml").read_text(encoding="utf-8").replace("version = 1", "version = 2", 1)
    assert LATE_V1 in text
    text = text.replace(LATE_V1, 'code = "TG01"\nname = "Đi muộn quá thời gian cho phép"\n' + late)
    if base is not None:
        assert "base_score = 100" in text
        text = text.replace("base_score = 100", f"base_score = {base}", 1)
    path = tmp_path / "v2.toml"
    path.write_text(text, encoding="utf-8")
    return path


def with_only_two_lates(ward: Ward) -> Staff:
    """The first person, their March and September attendance replaced by one late arrival in each."""
    person = ward.store.staff.list()[0]
    assert person.id is not None and person.active_from <= date(2026, 1, 1) and person.active_to is None
    for month_start, month_end in ((date(2026, 3, 1), date(2026, 3, 31)), (date(2026, 9, 1), date(2026, 9, 30))):
        for record in ward.store.attendance.scorable(month_start, month_end, 0):
            if record.staff_id == person.id:
                ward.store.attendance.clear(person.id, record.day, record.session, "chutich")
    for day in (MARCH_LATE, SEPTEMBER_LATE):
        ward.store.attendance.set(Attendance(person.id, day, Session.MORNING, late_minutes=30), "chutich")
    return person


def result_of(ranking: Ranking, person: Staff) -> StaffResult:
    return next(result for result in ranking.results if result.staff.id == person.id)


def late_on(result: StaffResult, day: date) -> tuple[Fraction, Fraction, Fraction]:
    (item,) = [item for item in result.items if item.day == day and item.criterion_code == "TG01"]
    return item.points, item.weight, item.contribution


def adds_up(ranking: Ranking) -> bool:
    return all(result.score == ranking.plan.base_score + sum(item.contribution for item in result.items)
               + sum(clamp.contribution for clamp in result.clamps) for result in ranking.results)


def picture(ranking: Ranking) -> list[tuple[object, ...]]:
    return [(result.staff.id, result.score, result.rank, result.grade.code,
             tuple((item.day, item.criterion_code, item.points, item.weight) for item in result.items))
            for result in ranking.results]


def test_each_month_keeps_the_points_of_its_own_version_and_the_locked_half_agrees_with_the_year(
        ward: Ward, tmp_path: Path, council_decides, vietnamese) -> None:
    person = with_only_two_lates(ward)
    year_before = score_records(ward.store, YEAR, TODAY).ranking
    assert year_before.plan_versions == () and versions_line(year_before) is None  # one version: as before
    assert late_on(result_of(year_before, person), MARCH_LATE) == (-2, Fraction(1, 12), Fraction(-1, 6))
    council_decides(ward, H1, TODAY)
    lock_period(ward, H1, TODAY)
    h1_before = score_records(ward.store, H1, TODAY).ranking

    import_plan_file(ward, version_two(tmp_path), date(2026, 7, 1))

    year = score_records(ward.store, YEAR, TODAY).ranking
    assert year.plan.version == 2
    assert year.plan_versions == (PlanMonths(1, date(2026, 1, 1), date(2026, 6, 30)),
                                  PlanMonths(2, date(2026, 7, 1), date(2026, 12, 31)))
    assert "tháng 1–6 theo phiên bản 1, tháng 7–12 theo phiên bản 2" in (versions_line(year) or "")
    mine = result_of(year, person)
    assert late_on(mine, MARCH_LATE) == (-2, Fraction(1, 12), Fraction(-1, 6))  # not −20/12
    assert late_on(mine, SEPTEMBER_LATE) == (-20, Fraction(1, 12), Fraction(-5, 3))
    assert adds_up(year)

    # H1: the same, scored afresh or kept at the lock, before and after the adoption.
    h1_after = score_records(ward.store, H1, TODAY).ranking
    kept = kept_ranking(ward, H1)
    assert kept is not None
    assert picture(h1_after) == picture(h1_before) == picture(kept.ranking)
    assert changed_rankings(ward.store) == []
    # The year is the mean of its twelve months: everyone here worked all year, so (H1 under 1 + H2 under 2) / 2,
    # and its January–June months are those of the locked H1.
    h2 = score_stored_period(ward.store, H2, TODAY).ranking
    assert h2.plan.version == 2 and h2.plan_versions == ()
    for result in year.results:
        first, second = result_of(kept.ranking, result.staff), result_of(h2, result.staff)
        assert result.score == (first.score + second.score) / 2
        assert [(part.period, part.score) for part in result.sub_periods[:6]] == [
            (part.period, part.score) for part in first.sub_periods]
        assert [(item.day, item.criterion_code, item.points) for item in result.items if item.day <= H1.end] == [
            (item.day, item.criterion_code, item.points) for item in first.items]
    # The year locked in its turn keeps its versions, and its records still give it (each month under its own).
    council_decides(ward, YEAR, TODAY)
    lock_period(ward, YEAR, TODAY)
    kept_year = kept_ranking(ward, YEAR)
    assert kept_year is not None and kept_year.ranking.plan_versions == year.plan_versions
    assert picture(kept_year.ranking) == picture(score_records(ward.store, YEAR, TODAY).ranking)
    assert changed_rankings(ward.store) == []


def test_a_direct_half_is_split_at_the_change_and_the_halves_keep_their_weights(ward: Ward, tmp_path: Path) -> None:
    """khung-abc-hang-thang: each half scored directly, the year (H1 + 2·H2) / 3. A version from 1 April splits
    H1 into January–March under version 1 and April–June under version 2, three months each."""
    text = (plans_dir() / "khung-abc-hang-thang.toml").read_text(encoding="utf-8")
    first = tmp_path / "abc1.toml"
    first.write_text(text, encoding="utf-8")
    import_plan_file(ward, first, date(2026, 1, 1))
    second = tmp_path / "abc2.toml"
    second.write_text(text.replace("version = 1", "version = 2", 1), encoding="utf-8")
    import_plan_file(ward, second, date(2026, 4, 1))

    year = score_records(ward.store, YEAR, TODAY).ranking
    assert [(part.version, part.start.month, part.end.month) for part in year.plan_versions] == [(1, 1, 3), (2, 4, 12)]
    assert adds_up(year)
    base = year.plan.base_score
    pieces = [score_records(ward.store, Period(PeriodKind.RANGE, start, end), TODAY).ranking for start, end in (
        (date(2026, 1, 1), date(2026, 3, 31)), (date(2026, 4, 1), date(2026, 6, 30)))]
    h2 = score_records(ward.store, H2, TODAY).ranking
    assert [piece.plan.version for piece in pieces] == [1, 2]
    for result in year.results:
        january, april = (result_of(piece, result.staff).score - base for piece in pieces)
        expected = base + Fraction(1, 3) * (january + april) / 2 + Fraction(2, 3) * (result_of(h2, result.staff).score
                                                                                   - base)
        assert result.score == expected


def test_a_version_with_another_base_score_is_brought_to_the_end_base_and_warned(ward: Ward, tmp_path: Path,
                                                                               vietnamese) -> None:
    person = with_only_two_lates(ward)
    path = version_two(tmp_path, base="10")
    import_plan_file(ward, path, date(2026, 7, 1))
    warnings = combination_warnings(ward, ward.store.plans.in_effect(date(2026, 7, 1))[1])
    assert len(warnings) == 1 and "× 10 / 100" in warnings[0]
    year = score_records(ward.store, YEAR, TODAY).ranking
    # March's −2 on base 100 is −0,2 on base 10: its points stay −2, its weight carries 1/12 × 10/100.
    assert late_on(result_of(year, person), MARCH_LATE) == (-2, Fraction(1, 120), Fraction(-1, 60))
    assert adds_up(year)


def test_a_version_changing_only_points_combines_without_warning(ward: Ward, tmp_path: Path) -> None:
    import_plan_file(ward, version_two(tmp_path), date(2026, 7, 1))
    assert combination_warnings(ward, ward.store.plans.in_effect(date(2026, 7, 1))[1]) == []


def test_the_documented_example_of_a_year_across_two_versions(ward: Ward, tmp_path: Path) -> None:
    """docs/plan-format.md: late on 24 March (−2, version 1) and 24 September (−20, version 2), nothing else:
    the year is (98 + 80 + 10 × 100) / 12."""
    person = ward.store.staff.add(Staff("NV-VD", "Nguyễn Văn Ví Dụ", Gender.MALE, "Chuyên viên",
                                        StaffCategory.CONG_CHUC, active_from=date(2026, 1, 1)), "chutich")
    assert person.id is not None
    for day in (MARCH_LATE, SEPTEMBER_LATE):
        ward.store.attendance.set(Attendance(person.id, day, Session.MORNING, late_minutes=30), "chutich")
    import_plan_file(ward, version_two(tmp_path), date(2026, 7, 1))
    mine = result_of(score_records(ward.store, YEAR, TODAY).ranking, person)
    assert mine.score == Fraction(98 + 80 + 10 * 100, 12)
    assert [(item.day, item.contribution) for item in mine.items] == [
        (MARCH_LATE, Fraction(-2, 12)), (SEPTEMBER_LATE, Fraction(-20, 12))]
    assert [part.score for part in mine.sub_periods] == [100, 100, 98, 100, 100, 100, 100, 100, 80, 100, 100, 100]



def test_plan_check_and_adopt_warn_of_another_base_score(template: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "ward.db"
    shutil.copyfile(template, book)
    path = version_two(tmp_path, base="10")
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", DEMO_PASSWORD)
    monkeypatch.setenv("WARD_OFFICE_DATA_DIR", str(tmp_path / "data"))
    assert main(["plan", "check", str(path), "--lang", "vi"]) == 0  # no book: nothing to compare with
    assert "Cảnh báo" not in capsys.readouterr().out
    assert main(["plan", "check", str(path), "--db", str(book), "--lang", "vi"]) == 0
    assert "Cảnh báo: Phiên bản 2 có điểm chuẩn 10, phiên bản 1 có điểm chuẩn 100" in capsys.readouterr().out
    assert main(["plan", "adopt", str(path), "--from", "01/07/2026", "--db", str(book), "--user", "truong",
                 "--lang", "vi"]) == 0
    assert "(điểm × 10 / 100)" in capsys.readouterr().out

"""The ranking page's data: the same ranking as the engine, and explanations that tell the truth."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from ward_office import i18n
from ward_office.core.period import half_year, month, whole_year
from ward_office.core.plan import AttendanceTrigger, load_plan
from ward_office.core.schedule import Session
from ward_office.paths import plans_dir
from ward_office.scoring.results import ItemSource, ScoreItem
from ward_office.services.demo import build_demo
from ward_office.services.standings import explain_item, item_lines, score_breakdown, score_standings
from ward_office.services.ward import Ward, in_own_ward

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("standings") / "demo.db"
    build_demo(path, staff=20, months=12, seed=7, until=TODAY)
    return path


@pytest.fixture
def english():
    previous = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(previous)


@pytest.fixture(scope="module")
def plan():
    return load_plan((plans_dir() / "van-hoa-cong-so.toml").read_text(encoding="utf-8"))


def test_standings_are_the_engine_ranking(demo_path: Path) -> None:
    period = half_year(2026, 2)
    standings = in_own_ward(demo_path, lambda ward: score_standings(ward, period, TODAY), read_only=True)
    with Ward.open(demo_path, read_only=True) as ward:
        expected = ward.score(period, TODAY)
        names = ward.department_names()
    assert standings.period == period
    assert [(row.result.rank, row.result.staff.code, row.result.score, row.result.grade.code)
            for row in standings.rows] == [
        (result.rank, result.staff.code, result.score, result.grade.code) for result in expected.ranking.results]
    assert all(row.department == names[row.result.staff.department_id] for row in standings.rows)
    assert standings.still_running and standings.ward_has_staff


def test_grade_counts_cover_everyone_and_quota_rows_are_known(demo_path: Path) -> None:
    standings = in_own_ward(demo_path, lambda ward: score_standings(ward, whole_year(2026), TODAY), read_only=True)
    counts = dict((grade.code, count) for grade, count in standings.grade_counts())
    assert list(counts) == [grade.code for grade in standings.plan.grades]
    assert sum(counts.values()) == len(standings.rows)
    quota_grade = standings.quota_grade()
    assert quota_grade is not None and counts[quota_grade.code] <= standings.ranking.quota_limit
    demoted = [row for row in standings.rows if row.demoted_by_quota]
    assert demoted, "the demo ward has more top scores than the 20% quota allows"
    assert all(row.result.grade_by_score.code == quota_grade.code != row.result.grade.code for row in demoted)
    assert all(row.note() for row in demoted)
    assert not any(row.note() for row in standings.rows if not row.result.changes)


def test_a_finished_month_is_not_running(demo_path: Path) -> None:
    standings = in_own_ward(demo_path, lambda ward: score_standings(ward, month(2026, 10), TODAY), read_only=True)
    assert not standings.still_running
    assert standings.find(standings.rows[0].staff_id) is standings.rows[0]
    assert standings.find(None) is None


def test_breakdown_and_items_add_up_to_the_score(demo_path: Path) -> None:
    standings = in_own_ward(demo_path, lambda ward: score_standings(ward, half_year(2026, 1), TODAY), read_only=True)
    for row in standings.rows:
        lines = item_lines(row.result, standings.plan)
        assert sum(line.contribution for line in lines) == row.result.score - standings.plan.base_score
        assert all(line.criterion_name == standings.plan.criteria[line.item.criterion_code].name for line in lines)
        assert sum(row.result.block_totals.values()) == row.result.score - standings.plan.base_score
        breakdown = score_breakdown(row.result, standings.plan)
        assert [code for code, _name, _points in breakdown] == ["", *(block.code for block in standings.plan.blocks)]


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    from ward_office.core.errors import NotFoundError

    with pytest.raises(NotFoundError):
        in_own_ward(tmp_path / "none.db", lambda ward: score_standings(ward, month(2026, 1), TODAY), read_only=True)


def _item(**changes) -> ScoreItem:
    item = ScoreItem(criterion_code="TG01", block_code="TG", day=date(2026, 5, 4), session=Session.MORNING,
                     source=ItemSource.ATTENDANCE, record_id=1, occurrence=1, raw_points=Fraction(-2),
                     points=Fraction(-2), weight=Fraction(1), capped=False, sub_period=month(2026, 5),
                     trigger=AttendanceTrigger.LATE, minutes=12)
    return replace(item, **changes)


def test_explanations(plan, english) -> None:
    assert explain_item(_item(), plan) == "12 minutes late"
    assert explain_item(_item(trigger=AttendanceTrigger.EARLY, criterion_code="TG02", minutes=30), plan) == (
        "left 30 minutes early")
    assert explain_item(_item(occurrence=4, raw_points=Fraction(-3), points=Fraction(-3)), plan) == (
        "12 minutes late; repeated (occurrence 4): -3 points")
    assert explain_item(_item(capped=True, points=Fraction(0)), plan) == "12 minutes late; over the cap: not counted"
    assert explain_item(_item(capped=True, points=Fraction(-1)), plan) == (
        "12 minutes late; cap reached: only -1 counted")
    assert explain_item(_item(weight=Fraction(1, 6)), plan) == "12 minutes late; averaged over 6 months"
    assert explain_item(_item(weight=Fraction(1, 3), sub_period=half_year(2026, 1)), plan) == (
        "12 minutes late; weighs 33.3% of the period score")
    assert explain_item(_item(trigger=None, minutes=None, source=ItemSource.EVENT, note="Báo cáo của tổ"),
                        plan) == "Báo cáo của tổ"
    assert explain_item(_item(note="Kẹt xe", weight=Fraction(1, 6)), plan) == (
        "12 minutes late; Kẹt xe; averaged over 6 months")

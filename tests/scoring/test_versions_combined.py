"""A period spanning plan versions, in the rules alone: the months merged into runs of one version, the words that
say so and what a later version cannot carry over, and the months scored each under its own version, combined and
graded under the last. By hand."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from ward_office.core.checks import Event
from ward_office.core.period import Period, PeriodKind, month
from ward_office.core.plan import load_plan
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.results import PlanMonths, Ranking
from ward_office.scoring.versions import lossy_changes, plan_months, version_runs, versions_line, versions_text

BLOCKS = """
[[blocks]]
code = "VH"
name = "Văn hóa công sở"

[[blocks.criteria]]
code = "VM"
name = "Vào muộn"
points = -2
"""
EXTRA = """
[[blocks]]
code = "KT"
name = "Khen thưởng"

[[blocks.criteria]]
code = "BD"
name = "Được biểu dương"
points = 1
"""
GRADES = """
[[grades]]
code = "A"
name = "Xuất sắc"
min_score = {excellent}

[[grades]]
code = "B"
name = "Đạt"
min_score = 0
"""


def plan(version: int, base: str = "100", excellent: int = 90, extra: bool = True):
    return load_plan(f'[plan]\ncode = "VH"\nname = "Văn hóa công sở"\nversion = {version}\nbase_score = {base}\n'
                     + BLOCKS + (EXTRA if extra else "") + GRADES.format(excellent=excellent))


V1, V2 = plan(1), plan(2)


def test_months_of_one_version_are_merged_into_runs() -> None:
    months = [(month(2026, number), V1 if number < 3 or number == 5 else V2) for number in range(1, 7)]
    runs = version_runs(months)
    assert [(run.kind, run.start, run.end, version.version) for run, version in runs] == [
        (PeriodKind.RANGE, date(2026, 1, 1), date(2026, 2, 28), 1),
        (PeriodKind.RANGE, date(2026, 3, 1), date(2026, 4, 30), 2),
        (PeriodKind.RANGE, date(2026, 5, 1), date(2026, 5, 31), 1),
        (PeriodKind.RANGE, date(2026, 6, 1), date(2026, 6, 30), 2)]
    assert plan_months(runs) == (PlanMonths(1, date(2026, 1, 1), date(2026, 2, 28)),
                                 PlanMonths(2, date(2026, 3, 1), date(2026, 4, 30)),
                                 PlanMonths(1, date(2026, 5, 1), date(2026, 5, 31)),
                                 PlanMonths(2, date(2026, 6, 1), date(2026, 6, 30)))


def test_the_versions_are_named_with_their_months(vietnamese: None) -> None:
    parts = (PlanMonths(1, date(2025, 9, 1), date(2026, 1, 31)), PlanMonths(2, date(2026, 2, 1), date(2026, 2, 28)),
             PlanMonths(3, date(2026, 3, 1), date(2026, 5, 31)))
    assert versions_text(parts) == ("tháng 9/2025–1/2026 theo phiên bản 1, tháng 2 theo phiên bản 2, "
                                    "tháng 3–5 theo phiên bản 3")


def test_every_output_says_which_versions_scored_which_months_only_when_several_did(vietnamese: None) -> None:
    ranking = score_period(ScoringInput(V2, month(2026, 3), (), (), (), 5))
    assert versions_line(ranking) is None
    spanning = Ranking(V2, ranking.period, (), None, (), plan_versions=(
        PlanMonths(1, date(2026, 1, 1), date(2026, 2, 28)), PlanMonths(2, date(2026, 3, 1), date(2026, 3, 31))))
    assert versions_line(spanning) == ("Mỗi tháng được chấm theo phiên bản kế hoạch áp dụng trong tháng đó: tháng "
                                       "1–2 theo phiên bản 1, tháng 3 theo phiên bản 2; tổng hợp và xếp loại theo "
                                       "phiên bản 2.")


def test_a_later_version_warns_of_its_base_its_lost_blocks_and_its_grades(vietnamese: None) -> None:
    assert lossy_changes(V1, V2) == []
    later = plan(2, base="12.5", excellent=11, extra=False)
    assert lossy_changes(V1, later) == [
        "Phiên bản 2 có điểm chuẩn 12,5, phiên bản 1 có điểm chuẩn 100: kỳ trải qua cả hai phiên bản quy điểm các "
        "tháng trước về điểm chuẩn mới (điểm × 12,5 / 100)",
        "Nhóm tiêu chí của phiên bản 1 không còn trong phiên bản 2 (KT): trong kỳ trải qua cả hai phiên bản, điểm "
        "của chúng vẫn được tính vào tổng điểm nhưng không có cột riêng",
        "Mức xếp loại của phiên bản 2 khác phiên bản 1: kỳ trải qua cả hai phiên bản chỉ xếp loại theo mức của "
        "phiên bản 2"]
    assert lossy_changes(V1, plan(2, excellent=80)) == [
        "Mức xếp loại của phiên bản 2 khác phiên bản 1: kỳ trải qua cả hai phiên bản chỉ xếp loại theo mức của "
        "phiên bản 2"]

"""The two plans shipped in resources/plans, scored on small cases worked out by hand."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from ward_office.core.attendance import Attendance, AttendanceStatus
from ward_office.core.checks import Event
from ward_office.core.period import month, whole_year
from ward_office.core.plan import EmulationPlan, load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import GradeChangeKind, Ranking, ScoringInput, score_period

PLANS = Path(__file__).resolve().parents[2] / "resources" / "plans"
M, A = Session.MORNING, Session.AFTERNOON


def shipped(name: str) -> EmulationPlan:
    return load_plan((PLANS / name).read_text(encoding="utf-8"))


def staff(*names: str) -> list[Staff]:
    return [Staff(f"NV{number}", name, Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=StaffId(number))
            for number, name in enumerate(names, start=1)]


def by_name(ranking: Ranking) -> dict[str, tuple[Fraction, str, int]]:
    return {result.staff.full_name: (result.score, result.grade.code, result.rank) for result in ranking.results}


def test_office_culture_plan_for_a_month():
    plan = shipped("van-hoa-cong-so.toml")
    people = staff("Lê Văn An", "Trần Thị Bình", "Phạm Văn Cường", "Đỗ Thị Dung", "Hoàng Văn Em")
    day = lambda number: date(2026, 5, number)  # noqa: E731
    records = [
        # An: late four times (-2, -2, -2, then -3) and six missed punches (-1 each, capped at 5).
        *[Attendance(StaffId(1), day(number), M, late_minutes=20) for number in (4, 5, 6, 7)],
        *[Attendance(StaffId(1), day(number), A, missing_punch=True) for number in (4, 5, 6, 7, 8, 11)],
        # Bình: one session absent without leave (-10), which also caps the grade at B.
        Attendance(StaffId(2), day(12), M, AttendanceStatus.ABSENT),
    ]
    events = [Event(StaffId(4), day(13), "TP03"), Event(StaffId(5), day(14), "DT01")]
    ranking = score_period(ScoringInput(plan, month(2026, 5), people, records, events, grace_minutes=5))
    # Five people, A at most ⌊20% × 5⌋ = 1: only Em (102) keeps it.
    assert ranking.quota_limit == 1
    assert by_name(ranking) == {
        "Hoàng Văn Em": (102, "A", 1),
        "Phạm Văn Cường": (100, "B", 2),
        "Đỗ Thị Dung": (99, "B", 3),
        "Trần Thị Bình": (90, "B", 4),
        "Lê Văn An": (86, "B", 5),
    }
    binh = next(result for result in ranking.results if result.staff.id == 2)
    assert [change.kind for change in binh.changes] == [GradeChangeKind.CEILING]
    assert binh.unexcused_absences == 1


def test_abcd_plan_for_a_year_of_weighted_halves():
    plan = shipped("khung-abc-hang-thang.toml")
    people = staff("Nguyễn Văn Xuân", "Trần Văn Yên", "Lê Thị Zung", "Vũ Văn Hạ")
    records = [
        Attendance(StaffId(1), date(2026, 1, 5), M, late_minutes=15),  # -0.5 in the first half
        *[Attendance(StaffId(4), date(2026, 2, number), M, late_minutes=15) for number in (2, 3, 4, 5, 6)],
    ]
    events = [
        Event(StaffId(1), date(2026, 3, 3), "UX1"), Event(StaffId(1), date(2026, 9, 9), "UX1"),
        *[Event(StaffId(3), date(2026, 10, number), "TH1") for number in (1, 2, 3)],  # +5, +5, then the cap of 10
    ]
    ranking = score_period(ScoringInput(plan, whole_year(2026), people, records, events, grace_minutes=5))
    assert ranking.quota_limit == 1  # ⌊30% × 4⌋
    assert by_name(ranking) == {
        # (first half + 2 × second half) / 3
        "Lê Thị Zung": ((100 + 2 * 110) / Fraction(3), "A", 1),
        "Trần Văn Yên": (Fraction(100), "B", 2),
        "Vũ Văn Hạ": ((Fraction(97) + 2 * 100) / 3, "B", 3),  # four at -0.5, the fifth at -1
        "Nguyễn Văn Xuân": ((Fraction(179, 2) + 2 * 90) / 3, "C", 4),  # two conduct violations: at most C
    }
    xuan = next(result for result in ranking.results if result.staff.id == 1)
    assert xuan.grade_by_score.code == "B"
    assert [(change.kind, change.to_grade.code) for change in xuan.changes] == [(GradeChangeKind.CEILING, "C")]

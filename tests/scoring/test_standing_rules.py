"""Who stands where: standings compare exactly (a half point, or less than a float can tell, parts two people),
equal standings are put in name, code and id order, and the tie-break key that parted the quota line is named.
Each expectation by hand."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from ward_office.core.checks import Event
from ward_office.core.period import month
from ward_office.core.plan import EmulationPlan, TieBreak, load_plan
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.standings import Draft, rank_drafts

NOV = month(2026, 11)


def plan(tie_break: str = "[]", quota: str = "") -> EmulationPlan:
    return load_plan(f"""
[plan]
code = "T"
name = "Thử"
version = 1
base_score = 100

[ranking]
tie_break = {tie_break}

[[blocks]]
code = "TP"
name = "Trang phục, thẻ"

[[blocks.criteria]]
code = "THE"
name = "Không đeo thẻ"
points = -0.5

[[blocks]]
code = "DT"
name = "Điểm thưởng"

[[blocks.criteria]]
code = "KT"
name = "Biểu dương"
points = 0.5
{quota}

[[grades]]
code = "HTXS"
name = "Hoàn thành xuất sắc nhiệm vụ"
min_score = 90

[[grades]]
code = "HTT"
name = "Hoàn thành tốt nhiệm vụ"
min_score = 0
""")


def draft(code: str, score: Fraction, deducted: Fraction = Fraction(0), name: str = "Nguyễn Văn An",
          staff_id: int | None = 1) -> Draft:
    made = Draft()
    made.staff = Staff(code, name, Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC,
                       id=None if staff_id is None else StaffId(staff_id))
    made.score, made.deducted_points = score, deducted
    made.unexcused_absences = made.violations = made.commendations = 0
    return made


def standing(ranked: list[tuple[int, Draft]]) -> list[tuple[int, str]]:
    return [(rank, made.staff.code) for rank, made in ranked]


def test_half_a_point_more_ranks_first() -> None:
    ranked = rank_drafts(plan(), [draft("A", Fraction(100)), draft("B", Fraction(201, 2))])
    assert standing(ranked) == [(1, "B"), (2, "A")]


def test_scores_apart_by_less_than_a_float_can_tell_are_ranked_apart() -> None:
    # 100 − 1/10¹⁸ and 100 − 2/10¹⁸: as floats both 100, as fractions one above the other.
    tiny = Fraction(1, 10**18)
    ranked = rank_drafts(plan(), [draft("A", 100 - 2 * tiny), draft("B", 100 - tiny)])
    assert standing(ranked) == [(1, "B"), (2, "A")]


def test_deducted_points_apart_by_less_than_a_float_can_tell_part_equal_scores() -> None:
    tiny = Fraction(1, 10**18)
    ranked = rank_drafts(plan('["fewer_deducted_points"]'),
                         [draft("A", Fraction(100), 1 + 2 * tiny), draft("B", Fraction(100), 1 + tiny)])
    assert standing(ranked) == [(1, "B"), (2, "A")]


def test_equal_standings_of_one_name_and_code_go_by_id_an_unsaved_person_first() -> None:
    ranked = rank_drafts(plan(), [draft("A", Fraction(100), staff_id=2), draft("A", Fraction(100), staff_id=1),
                                  draft("A", Fraction(100), staff_id=None)])
    assert [(rank, made.staff.id) for rank, made in ranked] == [(1, None), (1, 1), (1, 2)]


def test_half_a_point_deducted_is_the_key_that_parts_equal_scores_at_the_quota_line() -> None:
    # Person 1: 100, nothing deducted. Person 2: 100 − 0.5 + 0.5 = 100, 0.5 deducted. ⌊0.5 × 2⌋ = 1 place:
    # person 1 keeps it, person 2 is demoted, parted by fewer deducted points.
    staff = tuple(Staff(f"CB{number}", f"Nguyễn Văn Người{number}", Gender.MALE, "Chuyên viên",
                        StaffCategory.CONG_CHUC, id=StaffId(number)) for number in (1, 2))
    events = (Event(StaffId(2), date(2026, 11, 4), "THE"), Event(StaffId(2), date(2026, 11, 5), "KT"))
    the_plan = plan('["fewer_deducted_points"]', '\n[quota]\ngrade = "HTXS"\nmax_share = 0.5')
    ranking = score_period(ScoringInput(the_plan, NOV, staff, (), events, 5))
    assert [(result.staff.id, result.score, result.rank, result.grade.code) for result in ranking.results] == [
        (1, 100, 1, "HTXS"), (2, 100, 2, "HTT")]
    assert ranking.quota_tie is None and ranking.quota_separated_by is TieBreak.FEWER_DEDUCTED_POINTS

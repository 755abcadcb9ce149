"""A quota line through people tied on every key: shown as pending, never settled by the program; the emulation
council's decision applied when it still fits, ignored (and said so) when the tied group has changed."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

from ward_office.core.attendance import Attendance, AttendanceStatus
from ward_office.core.checks import Event
from ward_office.core.period import month
from ward_office.core.plan import TieBreak, load_plan
from ward_office.core.quota import QuotaDecision, QuotaTieState
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import GradeChangeKind, Ranking, ScoringInput, score_period

NOV = month(2026, 11)

PLAN = """
[plan]
code = "T"
name = "Kế hoạch thử"
version = 1
base_score = 100

[ranking]
tie_break = {tie_break}

[[blocks]]
code = "TG"
name = "Giờ giấc"

[[blocks.criteria]]
code = "VANG"
name = "Vắng không lý do"
points = -10

[[attendance_rules]]
on = "absent"
criterion = "VANG"

[[blocks]]
code = "TP"
name = "Trang phục, thẻ"

[[blocks.criteria]]
code = "THE"
name = "Không đeo thẻ"
points = -1

[[blocks.criteria]]
code = "AO"
name = "Trang phục sai"
points = -3

[[blocks]]
code = "DT"
name = "Điểm thưởng"

[[blocks.criteria]]
code = "KT"
name = "Khen"
points = 5

[quota]
grade = "HTXS"
max_share = {share}
basis = "all"

[[grades]]
code = "HTXS"
name = "Hoàn thành xuất sắc nhiệm vụ"
min_score = 90

[[grades]]
code = "HTT"
name = "Hoàn thành tốt nhiệm vụ"
min_score = 70

[[grades]]
code = "KHT"
name = "Không hoàn thành nhiệm vụ"
min_score = 0
"""


def person(number: int) -> Staff:
    return Staff(f"CB{number:03d}", f"Nguyễn Văn Người{number:03d}", Gender.MALE, "Chuyên viên",
                 StaffCategory.CONG_CHUC, id=StaffId(number))


def event(staff: int, day: int, code: str) -> Event:
    return Event(StaffId(staff), date(2026, 11, day), code)


def run(count: int, share: str = "0.2", events: tuple[Event, ...] = (), attendance: tuple[Attendance, ...] = (),
        decisions: tuple[QuotaDecision, ...] = (), tie_break: str = "[]") -> Ranking:
    plan = load_plan(PLAN.format(share=share, tie_break=tie_break))
    staff = tuple(person(number) for number in range(1, count + 1))
    return score_period(ScoringInput(plan, NOV, staff, attendance, events, 5, quota_decisions=decisions))


def decision(tied: range, chosen: tuple[int, ...], places: int = 1) -> QuotaDecision:
    return QuotaDecision(NOV, "HTXS", places, tuple(StaffId(number) for number in tied),
                         tuple(StaffId(number) for number in chosen), date(2026, 12, 1), "12/BB-HĐTĐ",
                         "Nhiều sáng kiến trong tháng", "truong", datetime(2026, 12, 1, 15, 0))


def grades(ranking: Ranking) -> dict[int, str]:
    return {int(result.staff.id or 0): result.grade.code for result in ranking.results}


def test_five_tied_at_100_with_one_place_are_all_pending():
    ranking = run(5)  # ⌊0.2 × 5⌋ = 1 place, five people at 100 on one rank
    assert ranking.quota_limit == 1
    tie = ranking.quota_tie
    assert tie is not None and tie.state is QuotaTieState.PENDING
    assert (tie.grade.code, tie.places, tie.score, tie.rank, tie.tied_ids) == ("HTXS", 1, 100, 1, (1, 2, 3, 4, 5))
    assert set(grades(ranking).values()) == {"HTXS"}  # nobody demoted by the program
    assert all(result.changes == () for result in ranking.results)


def test_the_councils_choice_keeps_one_and_demotes_four_citing_it():
    ranking = run(5, decisions=(decision(range(1, 6), (3,)),))
    assert ranking.quota_tie is not None and ranking.quota_tie.state is QuotaTieState.DECIDED
    assert grades(ranking) == {1: "HTT", 2: "HTT", 3: "HTXS", 4: "HTT", 5: "HTT"}
    change = next(result for result in ranking.results if result.staff.id == 1).changes[0]
    assert change.kind is GradeChangeKind.COUNCIL
    assert (change.from_grade.code, change.to_grade.code, change.limit, change.basis_count) == ("HTXS", "HTT", 1, 5)
    assert "12/BB-HĐTĐ" in change.localized()


def test_the_council_may_choose_fewer_than_the_places():
    ranking = run(5, decisions=(decision(range(1, 6), ()),))
    assert set(grades(ranking).values()) == {"HTT"}


def test_six_above_and_thirty_eight_tied_for_two_places():
    # 44 people: six with a commendation (105), 38 at 100; ⌊0.2 × 44⌋ = 8, so 2 places for the 38.
    ranking = run(44, events=tuple(event(number, 4, "KT") for number in range(1, 7)))
    assert ranking.quota_limit == 8
    tie = ranking.quota_tie
    assert tie is not None and (tie.places, len(tie.tied), tie.score, tie.rank) == (2, 38, 100, 7)
    assert list(grades(ranking).values()).count("HTXS") == 44  # the 6 keep it, the 38 wait for the council
    decided = run(44, events=tuple(event(number, 4, "KT") for number in range(1, 7)),
                  decisions=(decision(range(7, 45), (9, 30), places=2),))
    assert sorted(number for number, code in grades(decided).items() if code == "HTXS") == [1, 2, 3, 4, 5, 6, 9, 30]


def test_a_decision_for_a_group_that_changed_is_ignored_and_the_tie_is_pending_again():
    # Decided for 1-5; then person 5 is recorded without a badge (99): 1-4 are tied for the one place.
    ranking = run(5, events=(event(5, 4, "THE"),), decisions=(decision(range(1, 6), (3,)),))
    tie = ranking.quota_tie
    assert tie is not None and tie.state is QuotaTieState.PENDING
    assert tie.tied_ids == (1, 2, 3, 4) and tie.stale is not None and tie.stale.minute_number == "12/BB-HĐTĐ"
    assert grades(ranking) == {1: "HTXS", 2: "HTXS", 3: "HTXS", 4: "HTXS", 5: "HTT"}
    (change,) = next(result for result in ranking.results if result.staff.id == 5).changes
    assert change.kind is GradeChangeKind.QUOTA  # strictly below the tied group: demoted as before


def test_a_decision_choosing_outside_the_group_or_too_many_does_not_apply():
    assert run(5, decisions=(decision(range(1, 6), (3, 4)),)).quota_tie.stale is not None  # type: ignore[union-attr]
    assert run(5, decisions=(decision(range(1, 7), (3,)),)).quota_tie.stale is not None  # type: ignore[union-attr]


def test_no_tie_when_the_line_falls_between_ranks():
    # 100, 99, 98, 97, 96: ⌊0.4 × 5⌋ = 2, the line between rank 2 and 3.
    events = tuple(event(number, day, "THE") for number in range(2, 6) for day in range(2, number + 1))
    ranking = run(5, share="0.4", events=events)
    assert ranking.quota_tie is None and ranking.quota_separated_by is None
    assert grades(ranking) == {1: "HTXS", 2: "HTXS", 3: "HTT", 4: "HTT", 5: "HTT"}


def test_the_tie_break_key_that_separated_equal_scores_is_named():
    # Both at 90: person 1 one absence (one violation), person 2 three wrong outfits and no badge (four).
    attendance = (Attendance(StaffId(1), date(2026, 11, 4), Session.MORNING, AttendanceStatus.ABSENT),)
    events = (event(2, 4, "AO"), event(2, 5, "AO"), event(2, 6, "AO"), event(2, 9, "THE"))
    ranking = run(2, share="0.5", events=events, attendance=attendance, tie_break='["fewer_violations"]')
    assert [result.score for result in ranking.results] == [90, 90]
    assert ranking.quota_tie is None and ranking.quota_separated_by is TieBreak.FEWER_VIOLATIONS
    assert grades(ranking) == {1: "HTXS", 2: "HTT"}
    untied = run(2, share="0.5", events=events, attendance=attendance)  # no key: one rank, one place
    assert untied.quota_tie is not None and untied.quota_tie.places == 1


def decided(chosen: int, at: datetime, decision_id: int | None, period=NOV, grade: str = "HTXS") -> QuotaDecision:
    return QuotaDecision(period, grade, 1, tuple(StaffId(number) for number in range(1, 6)), (StaffId(chosen),),
                         date(2026, 12, 1), "12/BB-HĐTĐ", "Nhiều sáng kiến trong tháng", "truong", at, decision_id)


def test_a_decision_for_another_grade_or_period_is_not_taken_for_this_tie_nor_called_stale():
    decisions = (decided(3, datetime(2026, 12, 1, 15), 1, grade="HTT"),
                 decided(3, datetime(2026, 12, 1, 15), 2, period=month(2026, 10)))
    tie = run(5, decisions=decisions).quota_tie
    assert tie is not None and tie.state is QuotaTieState.PENDING
    assert (tie.decision, tie.stale) == (None, None)


def test_of_two_decisions_for_one_tie_the_later_applies():
    earlier, later = decided(4, datetime(2026, 12, 1, 15), 7), decided(3, datetime(2026, 12, 2, 9), 2)
    assert [number for number, code in grades(run(5, decisions=(earlier, later))).items() if code == "HTXS"] == [3]


def test_of_two_decisions_made_at_one_time_the_saved_later_one_applies():
    # Same time: the higher id; an unsaved decision (no id yet) counts as before every saved one.
    at = datetime(2026, 12, 1, 15)
    unsaved, saved = decided(3, at, None), decided(4, at, 1)
    assert [number for number, code in grades(run(5, decisions=(unsaved, saved))).items() if code == "HTXS"] == [4]
    first, second = decided(3, at, 1), decided(4, at, 2)
    assert [number for number, code in grades(run(5, decisions=(first, second))).items() if code == "HTXS"] == [4]


def test_the_councils_change_cites_the_plans_quota():
    ranking = run(5, decisions=(decision(range(1, 6), (3,)),))
    change = next(result for result in ranking.results if result.staff.id == 1).changes[0]
    assert change.quota is not None and (change.quota.grade_code, change.quota.max_share) == ("HTXS", Fraction(1, 5))


def test_no_tie_break_key_is_named_when_the_line_parts_no_one():
    ranking = run(5)  # five tied at 100 for one place: nobody kept, nobody demoted by the count
    assert ranking.quota_separated_by is None

"""Occurrences, escalation, caps, ceilings, ranking and quota on one month, each checked by hand."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.checks import CheckId, Event, EventId, EventSource
from ward_office.core.period import month
from ward_office.core.plan import AttendanceTrigger, load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import GradeChangeKind, ItemSource, Ranking, ScoringInput, score_period

MAY = month(2026, 5)
M, A = Session.MORNING, Session.AFTERNOON

HEAD = """
[plan]
code = "T"
name = "Kế hoạch thử"
version = 1
base_score = 100
"""

GRADES = """
[[grades]]
code = "A"
name = "Xuất sắc"
min_score = 90

[[grades]]
code = "B"
name = "Tốt"
min_score = 70

[[grades]]
code = "C"
name = "Hoàn thành"
min_score = 50

[[grades]]
code = "D"
name = "Không hoàn thành"
min_score = 0
"""

TIME_BLOCK = """
[[blocks]]
code = "TG"
name = "Giờ giấc"

[[blocks.criteria]]
code = "MUON"
name = "Đi muộn"
points = -2

[[blocks.criteria]]
code = "SOM"
name = "Về sớm"
points = -1

[[blocks.criteria]]
code = "VANG"
name = "Vắng không lý do"
points = -10

[[blocks.criteria]]
code = "CC"
name = "Bỏ chấm công"
points = -1

[[attendance_rules]]
on = "late"
criterion = "MUON"

[[attendance_rules]]
on = "early"
criterion = "SOM"

[[attendance_rules]]
on = "absent"
criterion = "VANG"

[[attendance_rules]]
on = "missing_punch"
criterion = "CC"
"""

OTHER_BLOCKS = """
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
"""


def make_plan(body: str = TIME_BLOCK + OTHER_BLOCKS, tail: str = "", tie_break: str = "[]"):
    return load_plan(f"{HEAD}\n[ranking]\ntie_break = {tie_break}\n{body}\n{tail}\n{GRADES}")


def person(number: int, name: str | None = None, active_from: date | None = None,
           active_to: date | None = None) -> Staff:
    return Staff(f"NV{number:02d}", name or f"Nguyễn Văn Người{number:02d}", Gender.MALE, "Chuyên viên",
                 StaffCategory.CONG_CHUC, active_from=active_from, active_to=active_to, id=StaffId(number))


def late(staff: int, day: int, session: Session = M, minutes: int = 10, record_id: int | None = None,
         **changes: object) -> Attendance:
    return Attendance(StaffId(staff), date(2026, 5, day), session, late_minutes=minutes, id=record_id,
                      **changes)  # type: ignore[arg-type]


def absent(staff: int, day: int, session: Session = M) -> Attendance:
    return Attendance(StaffId(staff), date(2026, 5, day), session, AttendanceStatus.ABSENT)


def event(staff: int, day: int, code: str, **changes: object) -> Event:
    return Event(StaffId(staff), date(2026, 5, day), code, **changes)  # type: ignore[arg-type]


def run(plan, staff, attendance=(), events=(), period=MAY, grace: int = 5) -> Ranking:
    return score_period(ScoringInput(plan, period, tuple(staff), tuple(attendance), tuple(events), grace))


def only(ranking: Ranking):
    (result,) = ranking.results
    return result


# ---- Occurrences ----


def test_each_occurrence_deducts_its_points():
    result = only(run(make_plan(), [person(1)], events=[event(1, 4, "THE"), event(1, 6, "THE"),
                                                         event(1, 7, "AO")]))
    assert [item.points for item in result.items] == [-1, -1, -3]
    assert result.score == 95
    assert result.grade.code == "A"
    assert result.violations == 3
    assert result.deducted_points == 5


@pytest.mark.parametrize(("minutes", "expected"), [(5, Fraction(100)), (6, Fraction(98))])
def test_late_counts_only_beyond_the_grace_minutes(minutes, expected):
    result = only(run(make_plan(), [person(1)], [late(1, 4, minutes=minutes)], grace=5))
    assert result.score == expected


@pytest.mark.parametrize(("minutes", "expected"), [(15, Fraction(100)), (16, Fraction(99))])
def test_leaving_early_counts_only_beyond_the_grace_minutes(minutes, expected):
    record = Attendance(StaffId(1), date(2026, 5, 4), A, early_minutes=minutes)
    assert only(run(make_plan(), [person(1)], [record], grace=15)).score == expected


def test_one_record_can_be_late_early_and_missing_a_punch():
    record = Attendance(StaffId(1), date(2026, 5, 4), M, late_minutes=20, early_minutes=30, missing_punch=True,
                        id=7, note="kẹt xe", recorded_by="vanthu")
    result = only(run(make_plan(), [person(1)], [record]))
    assert sorted(item.criterion_code for item in result.items) == ["CC", "MUON", "SOM"]
    assert {item.trigger for item in result.items} == {AttendanceTrigger.LATE, AttendanceTrigger.EARLY,
                                                       AttendanceTrigger.MISSING_PUNCH}
    assert result.score == 100 - 2 - 1 - 1
    late_item = next(item for item in result.items if item.criterion_code == "MUON")
    assert (late_item.minutes, late_item.record_id, late_item.note, late_item.recorded_by) == (
        20, 7, "kẹt xe", "vanthu")
    assert late_item.source is ItemSource.ATTENDANCE


def test_leave_produces_nothing_and_absence_one_item_per_session():
    leave = Attendance(StaffId(1), date(2026, 5, 4), M, AttendanceStatus.LEAVE, leave_code=LeaveCode.SICK)
    result = only(run(make_plan(), [person(1)], [leave, absent(1, 5, M), absent(1, 5, A)]))
    assert [item.criterion_code for item in result.items] == ["VANG", "VANG"]
    assert result.score == 80
    assert result.unexcused_absences == 2


def test_a_trigger_without_a_rule_gives_nothing():
    body = TIME_BLOCK.split("[[attendance_rules]]")[0] + OTHER_BLOCKS
    result = only(run(make_plan(body), [person(1)], [late(1, 4), absent(1, 5)]))
    assert result.items == ()
    assert result.score == 100


def test_an_absence_recorded_as_an_event_counts_as_unexcused():
    result = only(run(make_plan(), [person(1)], [absent(1, 4)], [event(1, 5, "VANG"), event(1, 6, "THE")]))
    assert result.unexcused_absences == 2
    assert result.violations == 3


def test_unknown_criteria_are_skipped_and_reported():
    ranking = run(make_plan(), [person(1)], events=[event(1, 4, "XYZ"), event(1, 5, "ABC"), event(1, 6, "XYZ"),
                                                    event(1, 7, "THE")])
    assert ranking.unknown_criteria == ("ABC", "XYZ")
    assert only(ranking).score == 99


def test_records_outside_the_period_or_for_unknown_staff_are_ignored():
    outside = Attendance(StaffId(1), date(2026, 6, 1), M, AttendanceStatus.ABSENT)
    stranger = absent(99, 4)
    ranking = run(make_plan(), [person(1)], [outside, stranger], [Event(StaffId(1), date(2026, 4, 30), "THE")])
    assert only(ranking).score == 100


def test_items_say_where_they_come_from():
    events = [event(1, 4, "THE", id=EventId(3)), event(1, 5, "THE", check_id=CheckId(8)),
              event(1, 6, "THE", source=EventSource.CHECK)]
    result = only(run(make_plan(), [person(1)], [late(1, 7)], events))
    assert [item.source for item in result.items] == [ItemSource.EVENT, ItemSource.CHECK, ItemSource.CHECK,
                                                      ItemSource.ATTENDANCE]
    assert result.items[0].record_id == 3


def test_items_are_listed_by_day_session_and_criterion():
    records = [late(1, 6, A), absent(1, 5, A), late(1, 5, M)]
    events = [event(1, 5, "AO"), event(1, 5, "THE"), event(1, 4, "KT")]
    result = only(run(make_plan(), [person(1)], records, events))
    assert [(item.day.day, item.session, item.criterion_code) for item in result.items] == [
        (4, None, "KT"), (5, M, "MUON"), (5, A, "VANG"), (5, None, "AO"), (5, None, "THE"), (6, A, "MUON")]


def test_block_totals_cover_every_block_and_add_up_to_the_score():
    result = only(run(make_plan(), [person(1)], [late(1, 4)], [event(1, 5, "KT"), event(1, 6, "AO")]))
    assert result.block_totals == {"TG": -2, "TP": -3, "DT": 5}
    assert list(result.block_totals) == ["TG", "TP", "DT"]
    assert result.score == 100


# ---- Escalation ----

ESCALATING = TIME_BLOCK.replace("points = -2\n", "points = -2\nescalation = [{ from = 3, points = -3 }, "
                                                 "{ from = 5, points = -5 }]\n", 1) + OTHER_BLOCKS


def test_escalation_raises_later_occurrences():
    records = [late(1, day) for day in (4, 5, 6, 7, 8, 11)]
    result = only(run(make_plan(ESCALATING), [person(1)], records))
    assert [item.raw_points for item in result.items] == [-2, -2, -3, -3, -5, -5]
    assert [item.occurrence for item in result.items] == [1, 2, 3, 4, 5, 6]
    assert result.score == 80


def test_escalation_follows_day_then_session_then_record_id():
    # Given out of order, and the afternoon record has the smaller id: the morning still comes first.
    records = [late(1, 5, record_id=1), late(1, 4, A, record_id=2), late(1, 4, M, record_id=9),
               late(1, 6, record_id=4, early_minutes=10)]
    result = only(run(make_plan(ESCALATING), [person(1)], records))
    late_items = [item for item in result.items if item.criterion_code == "MUON"]
    assert [(item.day.day, item.session, item.occurrence) for item in late_items] == [
        (4, M, 1), (4, A, 2), (5, M, 3), (6, M, 4)]
    assert [item.raw_points for item in late_items] == [-2, -2, -3, -3]


def test_escalation_breaks_same_day_ties_by_record_id():
    events = [event(1, 4, "MUON", id=EventId(5)), event(1, 4, "MUON", id=EventId(2)),
              event(1, 4, "MUON", id=EventId(3))]
    result = only(run(make_plan(ESCALATING), [person(1)], events=events))
    assert sorted((item.record_id, item.occurrence, item.raw_points) for item in result.items) == [
        (2, 1, -2), (3, 2, -2), (5, 3, -3)]


def test_escalation_counts_each_criterion_apart():
    records = [late(1, 4), late(1, 5), absent(1, 6), late(1, 7)]
    result = only(run(make_plan(ESCALATING), [person(1)], records))
    assert [item.occurrence for item in result.items] == [1, 2, 1, 3]


# ---- Caps ----


def test_criterion_cap_leaves_only_the_remainder():
    body = TIME_BLOCK + OTHER_BLOCKS.replace('points = -1\n', 'points = -2\ncap = 5\n', 1)
    result = only(run(make_plan(body), [person(1)], events=[event(1, day, "THE") for day in (4, 5, 6, 7)]))
    assert [item.points for item in result.items] == [-2, -2, -1, 0]
    assert [item.raw_points for item in result.items] == [-2, -2, -2, -2]
    assert [item.capped for item in result.items] == [False, False, True, True]
    assert result.score == 95
    assert result.deducted_points == 5
    assert result.violations == 4


def test_block_cap_applies_in_chronological_order():
    body = TIME_BLOCK + OTHER_BLOCKS.replace('name = "Trang phục, thẻ"\n', 'name = "Trang phục, thẻ"\ncap = 6\n')
    events = [event(1, 4, "THE"), event(1, 5, "AO"), event(1, 6, "AO"), event(1, 7, "THE")]
    result = only(run(make_plan(body), [person(1)], events=events))
    # 1 + 3 = 4 used; the second AO gets the 2 left, the last THE nothing.
    assert [item.points for item in result.items] == [-1, -3, -2, 0]
    assert [item.capped for item in result.items] == [False, False, True, True]
    assert result.score == 94


def test_criterion_cap_then_block_cap():
    body = TIME_BLOCK + OTHER_BLOCKS.replace('name = "Trang phục, thẻ"\n', 'name = "Trang phục, thẻ"\ncap = 5\n'
                                             ).replace('points = -3\n', 'points = -3\ncap = 4\n')
    events = [event(1, 4, "AO"), event(1, 5, "AO"), event(1, 6, "THE"), event(1, 7, "THE")]
    result = only(run(make_plan(body), [person(1)], events=events))
    # AO: 3, then 1 (criterion cap 4); THE: 1 (block total 5), then 0.
    assert [item.points for item in result.items] == [-3, -1, -1, 0]
    assert result.score == 95


def test_bonus_cap():
    body = TIME_BLOCK + OTHER_BLOCKS.replace('name = "Điểm thưởng"\n', 'name = "Điểm thưởng"\ncap = 8\n')
    result = only(run(make_plan(body), [person(1)], events=[event(1, day, "KT") for day in (4, 5, 6)]))
    assert [item.points for item in result.items] == [5, 3, 0]
    assert result.score == 108
    assert result.commendations == 3
    assert result.violations == 0


def test_block_cap_counts_deductions_and_bonuses_apart():
    body = TIME_BLOCK + """
[[blocks]]
code = "MIX"
name = "Hỗn hợp"
cap = 4

[[blocks.criteria]]
code = "TRU"
name = "Trừ"
points = -3

[[blocks.criteria]]
code = "CONG"
name = "Cộng"
points = 3
"""
    events = [event(1, 4, "TRU"), event(1, 5, "CONG"), event(1, 6, "TRU"), event(1, 7, "CONG")]
    result = only(run(make_plan(body), [person(1)], events=events))
    assert [item.points for item in result.items] == [-3, 3, -1, 1]
    assert result.score == 100
    assert result.deducted_points == 4


# ---- Ceilings ----

CEILINGS = """
[[ceilings]]
criterion = "VANG"
min_count = 1
max_grade = "B"
reason = "Có buổi vắng không lý do"

[[ceilings]]
criterion = "VANG"
min_count = 3
max_grade = "C"
reason = "Vắng từ 3 buổi"

[[ceilings]]
block = "TP"
min_count = 2
max_grade = "C"
reason = "Vi phạm trang phục từ 2 lần"
"""


def test_ceiling_lowers_the_grade_from_the_first_absence():
    plan = make_plan(tail=CEILINGS)
    ranking = run(plan, [person(1), person(2)], [absent(1, 4)])
    first, second = sorted(ranking.results, key=lambda result: result.staff.code)
    assert (first.score, first.grade_by_score.code, first.grade.code) == (90, "A", "B")
    (change,) = first.changes
    assert change.kind is GradeChangeKind.CEILING
    assert (change.from_grade.code, change.to_grade.code, change.count) == ("A", "B", 1)
    assert "Có buổi vắng không lý do" in change.localized()
    assert "Tốt" in change.localized()
    assert (second.grade.code, second.changes) == ("A", ())


def reordered(ceilings: str) -> str:
    return "[[ceilings]]" + "[[ceilings]]".join(reversed(ceilings.split("[[ceilings]]")[1:]))


@pytest.mark.parametrize("ceilings", [CEILINGS, reordered(CEILINGS)])
def test_most_restrictive_ceiling_binds(ceilings):
    result = only(run(make_plan(tail=ceilings), [person(1)], [absent(1, 4), absent(1, 5), absent(1, 6, A)]))
    assert (result.score, result.grade_by_score.code, result.grade.code) == (70, "B", "C")
    (change,) = result.changes
    assert change.ceiling is not None and change.ceiling.reason == "Vắng từ 3 buổi"
    assert change.count == 3


def test_ceiling_that_does_not_lower_the_grade_is_not_recorded():
    records = [absent(1, day) for day in (4, 5, 6, 7, 8, 11)]
    result = only(run(make_plan(tail=CEILINGS), [person(1)], records))
    assert (result.score, result.grade.code, result.changes) == (40, "D", ())


def test_block_ceiling_counts_every_criterion_of_the_block():
    result = only(run(make_plan(tail=CEILINGS), [person(1)], events=[event(1, 4, "THE"), event(1, 5, "AO")]))
    assert (result.score, result.grade.code) == (96, "C")
    assert result.changes[0].ceiling is not None and result.changes[0].ceiling.block_code == "TP"


def test_block_ceiling_below_its_count_does_nothing():
    result = only(run(make_plan(tail=CEILINGS), [person(1)], events=[event(1, 4, "THE")]))
    assert (result.grade.code, result.changes) == ("A", ())


def test_ceiling_counts_items_a_cap_reduced_to_nothing():
    body = TIME_BLOCK + OTHER_BLOCKS.replace('points = -1\n', 'points = -1\ncap = 1\n', 1)
    result = only(run(make_plan(body, tail=CEILINGS), [person(1)], events=[event(1, 4, "THE"), event(1, 5, "THE")]))
    assert [item.points for item in result.items] == [-1, 0]
    assert (result.score, result.grade.code) == (99, "C")
    body = TIME_BLOCK.replace("points = -10\n", "points = -10\ncap = 10\n") + OTHER_BLOCKS
    result = only(run(make_plan(body, tail=CEILINGS), [person(1)], [absent(1, 4), absent(1, 5), absent(1, 6)]))
    assert (result.score, result.grade_by_score.code, result.grade.code) == (90, "A", "C")


# ---- Ranking ----


def test_equal_people_share_a_rank_and_the_next_rank_skips():
    staff = [person(1, "Phạm Văn Dũng"), person(2, "Nguyễn Thị Bình"), person(3, "Trần Văn An"),
             person(4, "Lê Thị Cúc")]
    events = [event(2, 4, "THE"), event(3, 4, "THE"), event(4, 4, "AO"), event(4, 5, "THE")]
    ranking = run(make_plan(), staff, events=events)
    assert [(result.staff.full_name, result.rank) for result in ranking.results] == [
        ("Phạm Văn Dũng", 1), ("Trần Văn An", 2), ("Nguyễn Thị Bình", 2), ("Lê Thị Cúc", 4)]


TWO_TENS = (
    [absent(1, 4)],  # person 1: one absence, one violation, 10 deducted
    [event(2, 4, "AO"), event(2, 5, "AO"), event(2, 6, "AO"), event(2, 7, "THE")],  # person 2: 4 violations
)


@pytest.mark.parametrize(("tie_break", "winner"), [
    ('["fewer_unexcused_absences"]', 2),
    ('["fewer_violations"]', 1),
    ('["more_commendations", "fewer_violations"]', 1),
    ('["more_commendations", "fewer_unexcused_absences"]', 2),
])
def test_tie_breaks_on_equal_scores(tie_break, winner):
    ranking = run(make_plan(tie_break=tie_break), [person(1), person(2)], TWO_TENS[0], TWO_TENS[1])
    assert [result.score for result in ranking.results] == [90, 90]
    assert [(result.staff.id, result.rank) for result in ranking.results] == [(winner, 1), (3 - winner, 2)]


def test_fewer_deducted_points_and_more_commendations():
    # Both end at 90: person 1 lost 10; person 2 lost 20 and earned 10 back.
    records = [absent(1, 4), absent(2, 5), *[late(2, day) for day in (4, 6, 7, 8, 11)]]
    events = [event(2, 12, "KT"), event(2, 13, "KT")]
    staff = [person(1), person(2)]
    by_deduction = run(make_plan(tie_break='["fewer_deducted_points"]'), staff, records, events)
    assert [(result.staff.id, result.score, result.rank, result.deducted_points)
            for result in by_deduction.results] == [(1, 90, 1, 10), (2, 90, 2, 20)]
    by_praise = run(make_plan(tie_break='["more_commendations"]'), staff, records, events)
    assert [(result.staff.id, result.rank) for result in by_praise.results] == [(2, 1), (1, 2)]


def test_people_equal_on_every_key_share_a_rank():
    ranking = run(make_plan(tie_break='["fewer_violations"]'), [person(1), person(2), person(3)],
                  events=[event(1, 4, "THE"), event(2, 5, "THE"), event(3, 4, "AO")])
    assert [result.rank for result in ranking.results] == [1, 1, 3]


# ---- Quota ----

QUOTA_ALL = """
[quota]
grade = "A"
max_share = 0.4
basis = "all"
"""


def test_quota_on_everyone_ranked_demotes_the_rest():
    staff = [person(number) for number in range(1, 6)]
    events = [event(number, 4, "THE") for number in range(1, 6) for _ in range(number)]
    ranking = run(make_plan(tail=QUOTA_ALL), staff, events=events)
    assert ranking.quota_limit == 2  # ⌊0.4 × 5⌋
    assert [(result.score, result.grade.code) for result in ranking.results] == [
        (99, "A"), (98, "A"), (97, "B"), (96, "B"), (95, "B")]
    change = ranking.results[2].changes[0]
    assert change.kind is GradeChangeKind.QUOTA
    assert (change.from_grade.code, change.to_grade.code, change.limit, change.basis_count) == ("A", "B", 2, 5)
    assert "2" in change.localized() and "5" in change.localized()
    assert ranking.results[0].changes == ()


def test_quota_limit_is_rounded_down():
    staff = [person(number) for number in range(1, 6)]
    events = [event(number, 4, "THE") for number in range(1, 6) for _ in range(number)]
    ranking = run(make_plan(tail=QUOTA_ALL.replace("0.4", "0.3")), staff, events=events)
    assert ranking.quota_limit == 1
    assert [result.grade.code for result in ranking.results] == ["A", "B", "B", "B", "B"]


TP_CEILING = """
[[ceilings]]
block = "TP"
min_count = 2
max_grade = "C"
reason = "Vi phạm trang phục từ 2 lần"
"""


def lates(staff: int, count: int) -> list[Attendance]:
    slots = [(day, session) for day in range(4, 30) for session in (M, A)]
    return [late(staff, day, session) for day, session in slots[:count]]


def scores_for_quota_basis() -> tuple[list[Staff], list[Attendance], list[Event]]:
    """Eight people graded, before the quota: A A A B B C D, and one scoring A held at C by a ceiling."""
    staff = [person(number) for number in range(1, 9)]
    records = [*lates(2, 1), *lates(3, 2), *lates(4, 11), *lates(5, 12), *lates(6, 20), *lates(7, 30)]
    events = [event(8, 4, "THE"), event(8, 5, "THE")]
    return staff, records, events


def test_quota_basis_at_least_next_grade():
    staff, records, events = scores_for_quota_basis()
    quota = QUOTA_ALL.replace('"all"', '"at_least_next"')
    ranking = run(make_plan(tail=TP_CEILING + quota), staff, records, events)
    by_id = {result.staff.id: result for result in ranking.results}
    assert [by_id[number].score for number in range(1, 9)] == [100, 98, 96, 78, 76, 60, 40, 98]
    assert [by_id[number].grade_by_score.code for number in range(1, 9)] == ["A", "A", "A", "B", "B", "C", "D",
                                                                              "A"]
    # A or B after ceilings: people 1-5, so ⌊0.4 × 5⌋ = 2.
    assert ranking.quota_limit == 2
    assert [by_id[number].grade.code for number in range(1, 9)] == ["A", "A", "B", "B", "B", "C", "D", "C"]
    assert by_id[3].changes[0].basis_count == 5
    assert "40%" in by_id[3].changes[0].localized()


def test_quota_basis_all_on_the_same_people():
    staff, records, events = scores_for_quota_basis()
    ranking = run(make_plan(tail=TP_CEILING + QUOTA_ALL), staff, records, events)
    assert ranking.quota_limit == 3  # ⌊0.4 × 8⌋
    by_id = {result.staff.id: result for result in ranking.results}
    assert [by_id[number].grade.code for number in range(1, 9)] == ["A", "A", "A", "B", "B", "C", "D", "C"]


def test_quota_basis_exactly_the_quota_grade(vietnamese: None):
    staff, records, events = scores_for_quota_basis()
    quota = QUOTA_ALL.replace('"all"', '"exactly"').replace("0.4", "0.7")
    ranking = run(make_plan(tail=TP_CEILING + quota), staff, records, events)
    by_id = {result.staff.id: result for result in ranking.results}
    # Graded A after ceilings: people 1, 2, 3 (person 8, 98 points, is held at C), so ⌊0.7 × 3⌋ = 2: people 1
    # (100) and 2 (98) keep A, person 3 (96) is demoted to B. Under "all" the limit would be ⌊0.7 × 8⌋ = 5.
    assert ranking.quota_limit == 2
    assert [by_id[number].grade.code for number in range(1, 9)] == ["A", "A", "B", "B", "B", "C", "D", "C"]
    change = by_id[3].changes[0]
    assert change.basis_count == 3 and "70%" in change.localized() and "3" in change.localized()


def tied_at_the_boundary(share: str) -> Ranking:
    # 100, 99, 99 (equal on every key), 98, 97 of seven: ⌊share × 7⌋ may split the pair.
    staff = [person(number) for number in range(1, 8)]
    events = [event(2, 4, "THE"), event(3, 5, "THE"), event(4, 4, "THE"), event(4, 5, "THE"),
              *[event(5, day, "THE") for day in (4, 5, 6)], event(6, 4, "AO"), event(6, 5, "AO"),
              event(6, 6, "AO"), event(6, 7, "AO"), event(7, 4, "AO"), event(7, 5, "AO"), event(7, 6, "AO"),
              event(7, 7, "AO")]
    return run(make_plan(tail=QUOTA_ALL.replace("0.4", share)), staff, events=events)


def test_quota_leaves_a_tied_group_that_does_not_fit_pending_and_demotes_everyone_after():
    ranking = tied_at_the_boundary("0.3")  # ⌊2.1⌋ = 2: one place left for the pair ranked 2
    assert ranking.quota_limit == 2
    assert [(result.staff.id, result.rank, result.grade.code) for result in ranking.results[:5]] == [
        (1, 1, "A"), (2, 2, "A"), (3, 2, "A"), (4, 4, "B"), (5, 5, "B")]
    assert ranking.quota_tie is not None and (ranking.quota_tie.places, ranking.quota_tie.tied_ids) == (1, (2, 3))


def test_quota_keeps_a_tied_group_that_fits():
    ranking = tied_at_the_boundary("0.45")  # ⌊3.15⌋ = 3
    assert [(result.staff.id, result.grade.code) for result in ranking.results[:5]] == [
        (1, "A"), (2, "A"), (3, "A"), (4, "B"), (5, "B")]


def test_quota_comes_after_ceilings():
    # Person 1 ties for first but is held at B by an absence: the single A place goes to person 2.
    staff = [person(number) for number in range(1, 6)]
    events = [event(1, 4, "KT"), event(1, 5, "KT"), *[event(number, 4, "THE") for number in (3, 4, 5)]]
    ranking = run(make_plan(tail=CEILINGS + QUOTA_ALL.replace("0.4", "0.2")), staff, [absent(1, 6)], events)
    by_id = {result.staff.id: result for result in ranking.results}
    assert by_id[1].score == 100 and by_id[1].rank == 1
    assert [by_id[number].grade.code for number in range(1, 6)] == ["B", "A", "B", "B", "B"]
    assert [change.kind for change in by_id[3].changes] == [GradeChangeKind.QUOTA]


def test_no_quota_means_no_limit():
    ranking = run(make_plan(), [person(1), person(2)])
    assert ranking.quota_limit is None
    assert [result.grade.code for result in ranking.results] == ["A", "A"]


# ---- Who is scored ----


def test_staff_not_active_in_the_period_are_left_out():
    staff = [person(1), person(2, active_to=date(2026, 4, 30)), person(3, active_from=date(2026, 6, 1)),
             person(4, active_from=date(2026, 5, 31))]
    ranking = run(make_plan(), staff)
    assert sorted(result.staff.id for result in ranking.results) == [1, 4]


def test_records_before_someone_started_are_ignored():
    staff = [person(1, active_from=date(2026, 5, 11))]
    result = only(run(make_plan(), staff, [absent(1, 4), absent(1, 12)]))
    assert result.score == 90
    assert result.sub_periods[0].period.start == date(2026, 5, 11)

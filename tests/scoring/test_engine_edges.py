"""The engine on its edges, each expectation worked out by hand: the first and last day of an active range, of
the period and of a month inside it; a bonus of exactly one unit; a ceiling equal to the grade; several people's
grade changes in one run; deducted points in fractions as a tie-break; unsaved records after saved ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

from tests.scoring.test_engine import (
    CEILINGS,
    OTHER_BLOCKS,
    TIME_BLOCK,
    A,
    M,
    absent,
    event,
    late,
    make_plan,
    only,
    person,
    run,
)
from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.checks import Event, EventId
from ward_office.core.period import quarter
from ward_office.core.schedule import Session
from ward_office.core.staff import StaffId

Q2 = quarter(2026, 2)


def late_on(day: date, staff: int = 1) -> Attendance:
    return Attendance(StaffId(staff), day, M, late_minutes=10)


def records_on(*days: date) -> tuple[list[Attendance], list[Event]]:
    """A late (MUON, −2) and a missing badge (THE, −1) on each day."""
    return [late_on(day) for day in days], [Event(StaffId(1), day, "THE") for day in days]


def test_the_first_and_last_day_of_an_active_range_are_scored_the_days_around_them_not() -> None:
    attendance, events = records_on(date(2026, 5, 9), date(2026, 5, 10), date(2026, 5, 20), date(2026, 5, 21))
    worker = person(1, active_from=date(2026, 5, 10), active_to=date(2026, 5, 20))
    result = only(run(make_plan(), [worker], attendance, events))
    assert [(item.day.day, item.criterion_code) for item in result.items] == [
        (10, "MUON"), (10, "THE"), (20, "MUON"), (20, "THE")]
    assert result.score == 100 - 2 - 1 - 2 - 1


def test_the_first_and_last_day_of_the_period_are_scored_the_days_around_it_not() -> None:
    attendance, events = records_on(date(2026, 4, 30), date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 1))
    result = only(run(make_plan(), [person(1)], attendance, events))
    assert [(item.day.day, item.criterion_code) for item in result.items] == [
        (1, "MUON"), (1, "THE"), (31, "MUON"), (31, "THE")]
    assert result.score == 94


def test_a_record_on_the_first_or_last_day_of_a_month_counts_in_that_month() -> None:
    # MUON costs −2, from the 2nd in a month −5. April: the 30th (−2); May: the 1st and 31st (−2, −5);
    # June: the 1st (−2). Mean of the months: (98 + 93 + 98) / 3.
    plan = make_plan(TIME_BLOCK.replace("points = -2\n", "points = -2\nescalation = [{ from = 2, points = -5 }]\n")
                     + OTHER_BLOCKS)
    attendance = [late_on(day) for day in (date(2026, 4, 30), date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 1))]
    result = only(run(plan, [person(1)], attendance, period=Q2))
    assert [(item.day, item.occurrence, item.points, item.sub_period.start.month) for item in result.items] == [
        (date(2026, 4, 30), 1, -2, 4), (date(2026, 5, 1), 1, -2, 5), (date(2026, 5, 31), 2, -5, 5),
        (date(2026, 6, 1), 1, -2, 6)]
    assert [sub.score for sub in result.sub_periods] == [98, 93, 98]
    assert result.score == Fraction(289, 3)


def test_a_bonus_of_exactly_one_unit_adds_it() -> None:
    plan = make_plan(TIME_BLOCK + OTHER_BLOCKS.replace("points = 5", "points = 1"))  # every point whole: 1 unit
    result = only(run(plan, [person(1)], events=[event(1, 4, "KT")]))
    assert [item.points for item in result.items] == [1]
    assert (result.score, result.commendations, result.violations, result.deducted_points) == (101, 1, 0, 0)


def test_a_ceiling_equal_to_the_grade_by_score_is_not_recorded() -> None:
    # Two absences: 80, graded B by score; "an absence: at most B" reached, and B is what the score gives.
    result = only(run(make_plan(tail=CEILINGS), [person(1)], [absent(1, 4), absent(1, 5)]))
    assert (result.score, result.grade_by_score.code, result.grade.code, result.changes) == (80, "B", "B", ())


def test_each_person_gets_their_own_grade_change_in_one_run() -> None:
    events = [event(2, 4, "THE"), event(2, 5, "THE"),  # 98, A; 2 in TP: at most C
              event(3, 4, "THE"), event(3, 5, "THE"), event(3, 6, "THE"),  # 97, A; 3 in TP: at most C
              event(4, 5, "THE"), event(4, 6, "AO")]  # with an absence: 86, B; 2 in TP: at most C
    attendance = [absent(1, 4), absent(4, 4), absent(5, 4), absent(5, 5)]  # 5: 80, B; at most B: no change
    ranking = run(make_plan(tail=CEILINGS), [person(number) for number in range(1, 6)], attendance, events)
    changes = {result.staff.id: (result.score, [(change.from_grade.code, change.to_grade.code, change.count,
                                                 change.ceiling.reason if change.ceiling else None)
                                                for change in result.changes])
               for result in ranking.results}
    assert changes == {
        1: (90, [("A", "B", 1, "Có buổi vắng không lý do")]),
        2: (98, [("A", "C", 2, "Vi phạm trang phục từ 2 lần")]),
        3: (97, [("A", "C", 3, "Vi phạm trang phục từ 2 lần")]),
        4: (86, [("B", "C", 2, "Vi phạm trang phục từ 2 lần")]),
        5: (80, []),
    }


def test_fewer_deducted_points_in_fractions_breaks_the_tie() -> None:
    # THE costs 0.5 and KT earns 0.5; in April only, so each is a third of the quarter's mean of months.
    # Bình: one of each (100; 0.5 / 3 = 1/6 deducted); An: three of each (100; 1.5 / 3 = 1/2 deducted).
    body = TIME_BLOCK + OTHER_BLOCKS.replace("points = -1\n", "points = -0.5\n", 1).replace("points = 5",
                                                                                            "points = 0.5")
    plan = make_plan(body, tie_break='["fewer_deducted_points"]')
    staff = [person(1, "Nguyễn Văn An"), person(2, "Trần Văn Bình")]
    april = [date(2026, 4, day) for day in (6, 7, 8)]
    events = [*(Event(StaffId(1), day, code) for day in april for code in ("THE", "KT")),
              Event(StaffId(2), april[0], "THE"), Event(StaffId(2), april[0], "KT")]
    ranking = run(plan, staff, events=events, period=Q2)
    assert [(result.staff.full_name, result.score, result.deducted_points, result.rank)
            for result in ranking.results] == [("Trần Văn Bình", 100, Fraction(1, 6), 1),
                                               ("Nguyễn Văn An", 100, Fraction(1, 2), 2)]


def test_an_unsaved_record_counts_after_the_saved_ones_of_its_session() -> None:
    # MUON −2, from the 2nd −5; THE −1, from the 2nd −3. The unsaved record (no id) comes first in the input.
    body = (TIME_BLOCK.replace("points = -2\n", "points = -2\nescalation = [{ from = 2, points = -5 }]\n")
            + OTHER_BLOCKS.replace("points = -1\n", "points = -1\nescalation = [{ from = 2, points = -3 }]\n", 1))
    attendance = [late(1, 4), late(1, 4, record_id=5)]
    events = [event(1, 4, "THE"), event(1, 4, "THE", id=EventId(9))]
    result = only(run(make_plan(body), [person(1)], attendance, events))
    assert [(item.criterion_code, item.record_id, item.occurrence, item.points) for item in result.items] == [
        ("MUON", 5, 1, -2), ("MUON", None, 2, -5), ("THE", 9, 1, -1), ("THE", None, 2, -3)]
    assert result.score == 100 - 2 - 5 - 1 - 3



def test_items_out_of_display_order_are_listed_by_day_session_and_criterion() -> None:
    # Events of one day counted in the order of their ids (THE, then AO) are listed by criterion, after the
    # day's morning and afternoon records.
    records = [late(1, 5, record_id=1), absent(1, 5, A)]
    events = [event(1, 5, "THE", id=EventId(1)), event(1, 5, "AO", id=EventId(2))]
    result = only(run(make_plan(), [person(1)], records, events))
    assert [(item.session, item.criterion_code) for item in result.items] == [
        (M, "MUON"), (A, "VANG"), (None, "AO"), (None, "THE")]


def test_saved_records_of_one_session_count_in_the_order_of_their_ids() -> None:
    # Two late records of one morning (a correction saved beside the first): id 5 before id 9, whatever the input
    # order. MUON −2, from the 2nd −5.
    body = TIME_BLOCK.replace("points = -2\n", "points = -2\nescalation = [{ from = 2, points = -5 }]\n") + OTHER_BLOCKS
    result = only(run(make_plan(body), [person(1)], [late(1, 4, record_id=9), late(1, 4, record_id=5)]))
    assert [(item.record_id, item.occurrence, item.points) for item in result.items] == [(5, 1, -2), (9, 2, -5)]


def test_unknown_codes_are_reported_only_among_the_events_scored() -> None:
    # A stranger's event and one outside the person's active range are not scored, so their codes are not told.
    events = [event(99, 4, "XYZ"), event(1, 4, "ABC"), event(1, 25, "DEF"), event(1, 6, "THE")]
    ranking = run(make_plan(), [person(1, active_to=date(2026, 5, 20))], events=events)
    assert ranking.unknown_criteria == ("ABC",)
    assert only(ranking).score == 99


def test_a_criterion_of_a_block_the_plan_does_not_list_is_scored_all_the_same() -> None:
    # A plan built in code, not read by load_plan, may leave a block out of its list: its criteria still count.
    plan = make_plan()
    plan = replace(plan, blocks=tuple(block for block in plan.blocks if block.code != "TP"))
    result = only(run(plan, [person(1)], [late(1, 4)], [event(1, 5, "AO")]))
    assert (result.score, result.block_totals) == (95, {"TG": -2, "DT": 0, "TP": -3})


def test_events_in_a_month_left_out_for_long_leave_are_not_scored_and_the_months_after_are() -> None:
    # Q2, mean of months; May wholly on maternity leave (Ts) is left out. A missing badge in April (−1), one in
    # May (not scored), one in June (−1): (99 + 99) / 2.
    plan = make_plan(tail='[aggregation]\nlong_leave_codes = ["Ts"]')
    may_days = [date(2026, 5, day) for day in range(1, 32) if date(2026, 5, day).weekday() < 5]
    leave = [Attendance(StaffId(1), day, session, AttendanceStatus.LEAVE, leave_code=LeaveCode.MATERNITY)
             for day in may_days for session in Session]
    events = [Event(StaffId(1), day, "THE") for day in (date(2026, 4, 8), date(2026, 5, 13), date(2026, 6, 3))]
    ranking = run(plan, [person(1)], leave, events, period=Q2)
    result = only(ranking)
    assert [item.day for item in result.items] == [date(2026, 4, 8), date(2026, 6, 3)]
    assert [sub.period.start.month for sub in result.sub_periods] == [4, 6]
    assert result.score == 99


def test_items_worth_nothing_are_neither_violations_nor_commendations() -> None:
    # Brackets: 1 missing badge costs nothing, 2 or more −10 in all; the 1st and 3rd are worth 0, the 2nd −10.
    body = TIME_BLOCK + OTHER_BLOCKS.replace("points = -1\n", "brackets = [{ from = 2, points = -10 }]\n", 1)
    result = only(run(make_plan(body), [person(1)], events=[event(1, day, "THE") for day in (4, 5, 6)]))
    assert [item.points for item in result.items] == [0, -10, 0]
    assert (result.score, result.violations, result.commendations, result.deducted_points) == (90, 1, 0, 10)


def test_an_item_a_cap_cuts_keeps_the_exact_fraction_left() -> None:
    # Missing badge −0.75, at most −1 in a month: −0.75, then the −0.25 left, then 0.
    body = TIME_BLOCK + OTHER_BLOCKS.replace("points = -1\n", "points = -0.75\ncap = 1\n", 1)
    result = only(run(make_plan(body), [person(1)], events=[event(1, day, "THE") for day in (4, 5, 6)]))
    assert [(item.points, item.capped) for item in result.items] == [
        (Fraction(-3, 4), False), (Fraction(-1, 4), True), (0, True)]
    assert result.score == 99


def test_events_of_one_day_counted_by_id_are_listed_by_criterion() -> None:
    result = only(run(make_plan(), [person(1)], events=[event(1, 5, "THE", id=EventId(1)),
                                                       event(1, 5, "AO", id=EventId(2))]))
    assert [(item.criterion_code, item.record_id) for item in result.items] == [("AO", 2), ("THE", 1)]


def test_someone_with_nothing_recorded_under_a_ceiling_per_month_keeps_the_grade_of_the_score() -> None:
    reason = 'reason = "Có buổi vắng không lý do"'
    ceilings = CEILINGS.replace(reason, reason + '\nper = "month"')  # an absence in some month: at most B
    ranking = run(make_plan(tail=ceilings), [person(1), person(2)], [absent(2, 4)], period=Q2)
    assert [(result.staff.id, result.score, result.grade.code, len(result.changes)) for result in ranking.results] == [
        (1, 100, "A", 0), (2, Fraction(290, 3), "B", 1)]


def test_of_two_ceilings_to_one_grade_the_first_listed_is_told() -> None:
    # 3 absences (at most C: "Vắng từ 3 buổi", listed first) and 2 in TP (at most C too): the first is told.
    body = TIME_BLOCK.replace("points = -10\n", "points = -10\ncap = 10\n") + OTHER_BLOCKS
    result = only(run(make_plan(body, tail=CEILINGS), [person(1)], [absent(1, 4), absent(1, 5), absent(1, 6)],
                      [event(1, 7, "THE"), event(1, 8, "AO")]))
    (change,) = result.changes
    assert (result.grade.code, change.ceiling.reason if change.ceiling else None, change.count) == (
        "C", "Vắng từ 3 buổi", 3)


def test_two_people_lowered_from_one_grade_with_one_count_by_two_ceilings_each_get_their_own() -> None:
    # Absences cost at most 10 in all: 3 absences leave 90 (A), at most C by "Vắng từ 3 buổi", count 3;
    # 3 missing badges leave 97 (A), at most C by the TP ceiling, count 3.
    body = TIME_BLOCK.replace("points = -10\n", "points = -10\ncap = 10\n") + OTHER_BLOCKS
    ranking = run(make_plan(body, tail=CEILINGS), [person(1), person(2)], [absent(1, 4), absent(1, 5), absent(1, 6)],
                  [event(2, day, "THE") for day in (4, 5, 6)])
    assert [(result.staff.id, result.changes[0].from_grade.code, result.changes[0].count,
             result.changes[0].ceiling.reason if result.changes[0].ceiling else None)
            for result in sorted(ranking.results, key=lambda result: result.staff.id)] == [
        (1, "A", 3, "Vắng từ 3 buổi"), (2, "A", 3, "Vi phạm trang phục từ 2 lần")]

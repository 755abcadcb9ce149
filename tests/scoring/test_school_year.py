"""A plan's own year (``year_halves``: a school year, September to May) and months on long leave left out of the
mean of months (``long_leave_codes``), with scores worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.checks import Event
from ward_office.core.period import Period, PeriodKind, month, previous_period, whole_year, year_of_months
from ward_office.core.plan import load_plan
from ward_office.core.plan_values import PlanProblemsError
from ward_office.core.plan_year import plan_period
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.i18n.formatting import period_label
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.explained import left_out_line, not_scored_line

HEAD = """
[plan]
code = "TRUONG"
name = "Thi đua hằng tháng (25 điểm)"
version = 1
base_score = 25
"""
BODY = """
[[blocks]]
code = "NC"
name = "Ngày công"

[[blocks.criteria]]
code = "KP"
name = "Vắng không lý do"
points = -3

[[blocks.criteria]]
code = "DM"
name = "Đi muộn"
points = -1.5

[[grades]]
code = "A"
name = "Loại A"
min_score = 23

[[grades]]
code = "B"
name = "Loại B"
min_score = 0
"""
SCHOOL = """
[aggregation]
default = "mean_of_months"
year = "weighted_halves"
year_weights = [1, 2]
year_halves = [[9, 1], [2, 5]]
long_leave_codes = ["Ô", "Ts"]
"""


def plan(aggregation: str = SCHOOL):
    return load_plan(HEAD + aggregation + BODY)


def person(number: int, name: str, **active: date) -> Staff:
    return Staff(f"GV{number:02d}", name, Gender.FEMALE, "Giáo viên", StaffCategory.VIEN_CHUC, id=StaffId(number),
                 **active)


def event(staff: int, day: date, code: str) -> Event:
    return Event(StaffId(staff), day, code)


def on_leave(staff: int, first: date, last: date, code: LeaveCode) -> list[Attendance]:
    """Both sessions of every weekday from ``first`` to ``last`` on leave with ``code``."""
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    return [Attendance(StaffId(staff), day, session, AttendanceStatus.LEAVE, leave_code=code)
            for day in days if day.weekday() < 5 for session in Session]


# ---- The plan's keys ----

def test_the_halves_and_the_leave_codes_are_read() -> None:
    aggregation = plan().aggregation
    assert aggregation.year_halves == ((9, 1), (2, 5))
    assert aggregation.long_leave_codes == (LeaveCode.SICK, LeaveCode.MATERNITY)
    assert plan("").aggregation.year_halves == ((1, 6), (7, 12))  # the calendar year by default
    assert plan("").aggregation.long_leave_codes == ()


HALVES = ("“year_halves” phải gồm hai nửa năm, mỗi nửa là [tháng đầu, tháng cuối] với tháng từ 1 đến 12, "
          "ví dụ [[9, 1], [2, 5]]")
NOT_NEXT = "trong “year_halves”, nửa năm thứ hai phải bắt đầu ngay tháng sau tháng cuối của nửa thứ nhất"
LEAVE_CODES = ("“long_leave_codes” phải liệt kê các ký hiệu nghỉ trong số: P, Ô, Cô, Ts, T, H, Nb, No, CT, "
               "mỗi ký hiệu một lần")


@pytest.mark.parametrize(("value", "message"), [
    ("year_halves = [[9, 1], [3, 5]]", NOT_NEXT),
    ("year_halves = [[7, 12], [2, 6]]", NOT_NEXT),
    ("year_halves = [[0, 1], [2, 5]]", HALVES),
    ("year_halves = [[9, 13], [2, 5]]", HALVES),
    ("year_halves = [[9, 1]]", HALVES),
    ("year_halves = [9, 1]", HALVES),
    ("year_halves = [[1, 8], [9, 1]]", "hai nửa năm của “year_halves” dài quá 12 tháng"),
    ('long_leave_codes = ["Ô", "X"]', LEAVE_CODES),
    ('long_leave_codes = ["Ô", "Ô"]', LEAVE_CODES),
    ('long_leave_codes = "Ô"', LEAVE_CODES),
])
def test_a_wrong_key_is_refused_on_its_line(vietnamese: None, value: str, message: str) -> None:
    with pytest.raises(PlanProblemsError) as error:
        load_plan(HEAD + "\n[aggregation]\n" + value + "\n" + BODY)
    [problem] = error.value.problems
    # HEAD is 7 lines (a blank first), then a blank and [aggregation]: the key on line 9
    assert problem.localized() == f"Kế hoạch thi đua, dòng 9 ([aggregation]): {message}"


@pytest.mark.parametrize(("halves", "period", "scored"), [
    ("[[9, 1], [2, 5]]", whole_year(2026), Period(PeriodKind.YEAR, date(2026, 9, 1), date(2027, 5, 31))),
    ("[[7, 12], [1, 6]]", whole_year(2026), Period(PeriodKind.YEAR, date(2026, 7, 1), date(2027, 6, 30))),
    ("[[2, 7], [8, 12]]", whole_year(2026), Period(PeriodKind.YEAR, date(2026, 2, 1), date(2026, 12, 31))),
    ("[[1, 4], [5, 12]]", whole_year(2026), whole_year(2026)),
    ("[[9, 1], [2, 5]]", month(2026, 3), month(2026, 3)),
    # a span of the user's own from January to December is no year: scored as it is
    ("[[9, 1], [2, 5]]", Period(PeriodKind.RANGE, date(2026, 1, 1), date(2026, 12, 31)),
     Period(PeriodKind.RANGE, date(2026, 1, 1), date(2026, 12, 31))),
])
def test_a_calendar_year_is_scored_as_the_plans_own_year(halves: str, period: Period, scored: Period) -> None:
    the_plan = plan(SCHOOL.replace("[[9, 1], [2, 5]]", halves))
    assert plan_period(the_plan, period) == scored


def test_both_wrong_keys_are_told_at_once(english: None) -> None:
    with pytest.raises(PlanProblemsError) as error:
        load_plan(HEAD + '\n[aggregation]\nyear_halves = [[9, 1], [3, 5]]\nlong_leave_codes = ["X"]\n' + BODY)
    assert [problem.line for problem in error.value.problems] == [9, 10]


# ---- The plan's year ----

def test_a_school_year_runs_from_its_first_month_to_its_last(vietnamese: None) -> None:
    year = year_of_months(2026, 9, 5)
    assert (year.kind, year.start, year.end) == (PeriodKind.YEAR, date(2026, 9, 1), date(2027, 5, 31))
    assert year.code == "2026"
    assert period_label(year) == "Năm từ tháng 9/2026 đến tháng 5/2027"
    assert period_label(whole_year(2026)) == "Năm 2026"
    assert year_of_months(2026) == whole_year(2026)
    assert previous_period(year) == year_of_months(2025, 9, 5)
    assert previous_period(whole_year(2026)) == whole_year(2025)


def test_a_year_weighs_the_two_semesters_of_the_school_year() -> None:
    school = plan(SCHOOL.replace('long_leave_codes = ["Ô", "Ts"]\n', ""))
    events = [
        event(1, date(2026, 7, 15), "KP"),  # July 2026: before the school year, not scored
        event(1, date(2026, 10, 5), "KP"),  # October: 22 that month
        event(1, date(2027, 3, 10), "DM"),  # March: 23.5 that month
        event(1, date(2027, 6, 10), "KP"),  # June 2027: after it, not scored
    ]
    ranking = score_period(ScoringInput(school, whole_year(2026), [person(1, "Lê Thị An")], [], events, 5))
    assert (ranking.period.start, ranking.period.end) == (date(2026, 9, 1), date(2027, 5, 31))
    [result] = ranking.results
    # Semester 1, September–January, 5 months: (4 × 25 + 22) / 5 = 24.4.
    # Semester 2, February–May, 4 months: (3 × 25 + 23.5) / 4 = 24.625.
    # Year: (24.4 + 2 × 24.625) / 3 = 73.65 / 3 = 24.55.
    assert result.score == Fraction("24.55")
    assert [(part.period.start, part.weight) for part in result.sub_periods] == [
        *((date(2026, m, 1), Fraction(1, 15)) for m in (9, 10, 11, 12)), (date(2027, 1, 1), Fraction(1, 15)),
        *((date(2027, m, 1), Fraction(1, 6)) for m in (2, 3, 4, 5))]
    assert [item.day for item in result.items] == [date(2026, 10, 5), date(2027, 3, 10)]


def test_the_calendar_year_is_unchanged_without_year_halves() -> None:
    events = [event(1, date(2026, 3, 2), "KP")]  # March: 22
    calendar = plan(SCHOOL.replace("year_halves = [[9, 1], [2, 5]]\n", ""))
    ranking = score_period(ScoringInput(calendar, whole_year(2026), [person(1, "Lê Thị An")], [], events, 5))
    assert ranking.period == whole_year(2026)
    # H1: (5 × 25 + 22) / 6 = 24.5; H2: 25; year (24.5 + 2 × 25) / 3 = 24.8333…
    assert ranking.results[0].score == Fraction(149, 6)


def test_halves_of_a_calendar_year_may_be_split_elsewhere() -> None:
    events = [event(1, date(2026, 3, 2), "KP")]
    split = plan(SCHOOL.replace("[[9, 1], [2, 5]]", "[[1, 4], [5, 12]]"))
    ranking = score_period(ScoringInput(split, whole_year(2026), [person(1, "Lê Thị An")], [], events, 5))
    assert ranking.period == whole_year(2026)
    # Jan–Apr: (3 × 25 + 22) / 4 = 24.25; May–Dec: 25; year (24.25 + 50) / 3 = 24.75.
    assert ranking.results[0].score == Fraction("24.75")


def test_a_second_half_of_one_month_is_that_month_scored_as_a_span_of_its_own() -> None:
    # Halves January–November and December, weighed 1 and 3, each scored at once: an absence in November
    # takes 3 off the first half (22), December keeps 25; the year (22 + 3 × 25) / 4 = 24.25.
    direct = 'default = "direct"\nyear = "weighted_halves"\nyear_weights = [1, 3]\nyear_halves = [[1, 11], [12, 12]]'
    uneven = plan("\n[aggregation]\n" + direct + "\n")
    events = [event(1, date(2026, 11, 3), "KP")]
    ranking = score_period(ScoringInput(uneven, whole_year(2026), [person(1, "Lê Thị An")], [], events, 5))
    [result] = ranking.results
    assert result.score == Fraction("24.25")
    assert [(part.period.kind, part.period.start, part.period.end, part.weight) for part in result.sub_periods] == [
        (PeriodKind.RANGE, date(2026, 1, 1), date(2026, 11, 30), Fraction(1, 4)),
        (PeriodKind.RANGE, date(2026, 12, 1), date(2026, 12, 31), Fraction(3, 4))]


# ---- Months on long leave ----

def test_a_month_on_maternity_leave_is_left_out_of_the_mean(vietnamese: None) -> None:
    semester = Period(PeriodKind.RANGE, date(2027, 2, 1), date(2027, 5, 31))
    records = on_leave(1, date(2027, 3, 1), date(2027, 4, 30), LeaveCode.MATERNITY)  # March and April
    records += [Attendance(StaffId(1), date(2027, 5, 3), Session.MORNING, AttendanceStatus.LEAVE,
                           leave_code=LeaveCode.MATERNITY)]  # half a day in May: May was worked
    events = [event(1, date(2027, 2, 10), "KP"), event(2, date(2027, 2, 10), "KP")]
    staff = [person(1, "Lê Thị An"), person(2, "Trần Văn Bình")]
    ranking = score_period(ScoringInput(plan(), semester, staff, records, events, 5))
    scores = {result.staff.full_name: result.score for result in ranking.results}
    # An: February 22 and May 25, March and April left out: (22 + 25) / 2 = 23.5 (not (22 + 3 × 25) / 4 = 24.25).
    # Bình worked every month: (22 + 3 × 25) / 4 = 24.25.
    assert scores == {"Lê Thị An": Fraction("23.5"), "Trần Văn Bình": Fraction("24.25")}
    assert [(left.month, left.codes) for left in ranking.months_left_out[StaffId(1)]] == [
        (month(2027, 3), (LeaveCode.MATERNITY,)), (month(2027, 4), (LeaveCode.MATERNITY,))]
    assert StaffId(2) not in ranking.months_left_out
    assert left_out_line(ranking, ranking.results[1].staff) == (
        "Tháng không tính vào điểm bình quân (nghỉ dài ngày mọi ngày làm việc): tháng 3 năm 2027 (Ts); "
        "tháng 4 năm 2027 (Ts).")


def test_leave_the_plan_does_not_name_and_a_half_day_worked_keep_the_month() -> None:
    may = Period(PeriodKind.RANGE, date(2027, 4, 1), date(2027, 5, 31))
    records = on_leave(1, date(2027, 4, 1), date(2027, 4, 30), LeaveCode.ANNUAL)  # annual leave: not long leave
    records += on_leave(2, date(2027, 4, 1), date(2027, 4, 30), LeaveCode.SICK)
    records = [record for record in records if (record.staff_id, record.day, record.session)
               != (StaffId(2), date(2027, 4, 30), Session.AFTERNOON)]  # Bình worked the last afternoon
    events = [event(1, date(2027, 5, 3), "KP"), event(2, date(2027, 5, 3), "KP")]
    ranking = score_period(ScoringInput(plan(), may, [person(1, "Lê Thị An"), person(2, "Trần Văn Bình")],
                                        records, events, 5))
    assert [result.score for result in ranking.results] == [Fraction("23.5"), Fraction("23.5")]  # (25 + 22) / 2
    assert ranking.months_left_out == {}


def test_the_wards_working_days_decide_whether_a_month_was_all_on_leave() -> None:
    # Sick every weekday of February 2027 but the five of Tết (8–12 February), which the ward does not work:
    # with its working days February is left out, (22 + 25) / 2 = 23.5 over March–April, not (22 + 2 × 25) / 3.
    semester = Period(PeriodKind.RANGE, date(2027, 2, 1), date(2027, 4, 30))
    tet = {date(2027, 2, day) for day in range(8, 13)}
    working = [day for day in (date(2027, 2, 1) + timedelta(days) for days in range(89))
               if day.weekday() < 5 and day not in tet]
    records = [record for record in on_leave(1, date(2027, 2, 1), date(2027, 2, 28), LeaveCode.SICK)
               if record.day not in tet]
    ranking = score_period(ScoringInput(plan(), semester, [person(1, "Lê Thị An")], records,
                                        [event(1, date(2027, 3, 10), "KP")], 5, working_days=working))
    assert ranking.results[0].score == Fraction("23.5")
    assert [left.month for left in ranking.months_left_out[StaffId(1)]] == [month(2027, 2)]


def test_a_month_on_leave_after_months_before_someones_start_is_left_out() -> None:
    # Active from March, sick all of May: January and February are no part of theirs, May is left out.
    semester = Period(PeriodKind.RANGE, date(2027, 1, 1), date(2027, 5, 31))
    staff = person(1, "Lê Thị An", active_from=date(2027, 3, 1))
    ranking = score_period(ScoringInput(plan(), semester, [staff],
                                        on_leave(1, date(2027, 5, 1), date(2027, 5, 31), LeaveCode.SICK), [], 5))
    assert [part.period.start.month for part in ranking.results[0].sub_periods] == [3, 4]
    assert [left.month for left in ranking.months_left_out[StaffId(1)]] == [month(2027, 5)]


def test_a_last_month_of_a_single_day_on_leave_is_left_out() -> None:
    # Active until Monday 1 March 2027, on sick leave that day: March is left out, February alone is scored.
    semester = Period(PeriodKind.RANGE, date(2027, 2, 1), date(2027, 5, 31))
    staff = person(1, "Lê Thị An", active_to=date(2027, 3, 1))
    ranking = score_period(ScoringInput(plan(), semester, [staff],
                                        on_leave(1, date(2027, 3, 1), date(2027, 3, 1), LeaveCode.SICK), [], 5))
    assert [part.period.start.month for part in ranking.results[0].sub_periods] == [2]
    assert [left.month for left in ranking.months_left_out[StaffId(1)]] == [month(2027, 3)]


def test_someone_on_leave_the_whole_period_is_not_scored(vietnamese: None) -> None:
    semester = Period(PeriodKind.RANGE, date(2027, 2, 1), date(2027, 5, 31))
    records = on_leave(1, date(2027, 2, 1), date(2027, 5, 31), LeaveCode.SICK)
    staff = [person(1, "Lê Thị An"), person(2, "Trần Văn Bình")]
    ranking = score_period(ScoringInput(plan(), semester, staff, records, [], 5))
    assert [result.staff.full_name for result in ranking.results] == ["Trần Văn Bình"]
    assert [result.rank for result in ranking.results] == [1]
    assert [member.full_name for member in ranking.not_scored] == ["Lê Thị An"]
    assert len(ranking.months_left_out[StaffId(1)]) == 4
    assert not_scored_line(ranking) == "Không chấm điểm, nghỉ dài ngày cả kỳ (Ô, Ts): Lê Thị An."


def test_a_school_year_with_a_semester_on_leave_is_scored_on_the_other() -> None:
    # Sick the whole of semester 2 (February–May): the year is semester 1 alone, (4 × 25 + 22) / 5 = 24.4.
    records = on_leave(1, date(2027, 2, 1), date(2027, 5, 31), LeaveCode.SICK)
    events = [event(1, date(2026, 10, 5), "KP")]
    ranking = score_period(ScoringInput(plan(), whole_year(2026), [person(1, "Lê Thị An")], records, events, 5))
    assert ranking.results[0].score == Fraction("24.4")
    assert len(ranking.months_left_out[StaffId(1)]) == 4


def test_a_month_with_no_working_day_for_the_person_is_left_out() -> None:
    # She joins on Saturday 27 February 2027: no working day of February is hers; March is worked.
    range_ = Period(PeriodKind.RANGE, date(2027, 2, 1), date(2027, 3, 31))
    newcomer = person(1, "Lê Thị An", active_from=date(2027, 2, 27))
    events = [event(1, date(2027, 3, 3), "KP")]
    ranking = score_period(ScoringInput(plan(), range_, [newcomer], [], events, 5))
    assert ranking.results[0].score == 22  # March alone, not (25 + 22) / 2
    [left] = ranking.months_left_out[StaffId(1)]
    assert (left.month, left.codes) == (month(2027, 2), ())


def test_long_leave_does_not_touch_a_period_scored_directly() -> None:
    direct = plan(SCHOOL.replace('default = "mean_of_months"', 'default = "direct"').replace(
        'year = "weighted_halves"', 'year = "direct"'))
    semester = Period(PeriodKind.RANGE, date(2027, 2, 1), date(2027, 5, 31))
    records = on_leave(1, date(2027, 2, 1), date(2027, 5, 31), LeaveCode.SICK)
    ranking = score_period(ScoringInput(direct, semester, [person(1, "Lê Thị An")], records, [], 5))
    assert ranking.results[0].score == 25 and ranking.not_scored == () and ranking.months_left_out == {}


def test_a_month_on_long_leave_is_not_scored_in_its_own_ranking(vietnamese: None) -> None:
    # March 2027 scored on its own: An on maternity leave every working day is not scored (not "25", not
    # "chưa chấm"); Bình, on maternity leave but back for the last morning, is scored: 25 − 3 = 22.
    march = month(2027, 3)
    records = on_leave(1, date(2027, 3, 1), date(2027, 3, 31), LeaveCode.MATERNITY)
    records += [record for record in on_leave(2, date(2027, 3, 1), date(2027, 3, 31), LeaveCode.MATERNITY)
                if (record.day, record.session) != (date(2027, 3, 31), Session.MORNING)]
    events = [event(2, date(2027, 3, 31), "KP")]
    staff = [person(1, "Lê Thị An"), person(2, "Trần Văn Bình")]
    ranking = score_period(ScoringInput(plan(), march, staff, records, events, 5))
    assert [(result.staff.full_name, result.score) for result in ranking.results] == [("Trần Văn Bình", 22)]
    assert [member.full_name for member in ranking.not_scored] == ["Lê Thị An"]
    assert not_scored_line(ranking) == "Không chấm điểm, nghỉ dài ngày cả kỳ (Ô, Ts): Lê Thị An."

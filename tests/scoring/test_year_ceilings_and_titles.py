"""Ceilings counted from the start of the year (months before the period included) and the emulation titles a
year's grade makes people eligible to be proposed for, each checked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.checks import Event
from ward_office.core.period import Period, PeriodKind, half_year, month, whole_year
from ward_office.core.plan import EmulationPlan, load_plan
from ward_office.core.plan_values import PlanProblemsError
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, StaffResult, score_period
from ward_office.scoring.look_back import earlier_span, look_back_start
from ward_office.scoring.look_back_counts import earlier_counts
from ward_office.scoring.results import Ranking
from ward_office.scoring.titles import eligible_titles, title_count_lines, title_legend_line, title_lists, titles_text

PLAN = """\
[plan]
code = "T"
name = "Thử"
version = 1
base_score = 100

[aggregation]
default = "direct"
year = "direct"

[[blocks]]
code = "KC"
name = "Kỷ cương"

[[blocks.criteria]]
code = "KL"
name = "Bị xử lý kỷ luật"
points = -5

[[blocks.criteria]]
code = "VANG"
name = "Vắng không lý do"
points = -1

[[blocks.criteria]]
code = "TP"
name = "Trang phục"
points = -20

[[blocks.criteria]]
code = "THE"
name = "Không đeo thẻ"
points = -1

[[attendance_rules]]
on = "absent"
criterion = "VANG"

[[grades]]
code = "A"
name = "Loại A"
min_score = 90

[[grades]]
code = "B"
name = "Loại B"
min_score = 70

[[grades]]
code = "C"
name = "Loại C"
min_score = 50

[[grades]]
code = "D"
name = "Loại D"
min_score = 0

[[ceilings]]
criterion = "VANG"
min_count = 1
max_grade = "B"
reason = "Vắng không lý do trong kỳ"

[[ceilings]]
criterion = "KL"
min_count = 1
per = "year"
max_grade = "D"
reason = "Bị xử lý kỷ luật trong năm"

[[ceilings]]
criterion = "VANG"
min_count = 3
per = "year"
max_grade = "C"
reason = "Vắng không lý do từ 3 buổi trở lên"
"""

TITLES = """
[quota]
grade = "A"
max_share = 0.25

[[titles]]
code = "LDTT"
name = "Lao động tiên tiến"
min_grade = "B"

[[titles]]
code = "CSTDCS"
name = "Chiến sĩ thi đua cơ sở"
min_grade = "A"
requires = ["LDTT"]
reason = "còn cần sáng kiến được công nhận"
"""

MAY = month(2026, 5)


def person(number: int) -> Staff:
    return Staff(f"NV{number:02d}", f"Trần Thị Người{number:02d}", Gender.FEMALE, "Chuyên viên",
                 StaffCategory.CONG_CHUC, id=StaffId(number))


def event(staff: int, day: date, code: str = "KL") -> Event:
    return Event(StaffId(staff), day, code)


def absent(staff: int, day: date) -> Attendance:
    return Attendance(StaffId(staff), day, Session.MORNING, AttendanceStatus.ABSENT)


def score(plan: EmulationPlan, period: Period, staff: list[Staff], attendance: list[Attendance],
          events: list[Event]) -> Ranking:
    """What the service does: count the span before the period, then score the period with those counts."""
    span = earlier_span(plan, period)
    earlier = None
    if span is not None:
        earlier = earlier_counts(ScoringInput(plan, span, staff, [r for r in attendance if span.contains(r.day)],
                                              [e for e in events if span.contains(e.day)], 5))
    return score_period(ScoringInput(plan, period, staff, [r for r in attendance if period.contains(r.day)],
                                     [e for e in events if period.contains(e.day)], 5, earlier_counts=earlier))


def by_staff(ranking: Ranking) -> dict[int, StaffResult]:
    return {int(result.staff.id or 0): result for result in ranking.results}


def test_the_year_starts_on_1_january_of_the_period_end() -> None:
    plan = load_plan(PLAN)
    assert look_back_start(plan, MAY) == date(2026, 1, 1)
    assert earlier_span(plan, MAY) == Period(PeriodKind.RANGE, date(2026, 1, 1), date(2026, 4, 30))
    assert earlier_span(plan, whole_year(2026)) is None
    assert earlier_span(plan, half_year(2026, 1)) is None
    assert earlier_span(load_plan(PLAN.split("[[ceilings]]")[0]), MAY) is None  # no ceiling over the year


def test_a_discipline_earlier_in_the_year_grades_a_later_month_lowest(vietnamese: None) -> None:
    # 1: disciplined in February; nothing in May: 100 in May, A by the score, D by the ceiling.
    # 2: disciplined in December 2025: another year, A.  3: two absences in March and one in May: 3 in the year,
    # C (the ceiling of the period, 1 absence in May, says B: the year's C restricts more). 4: one absence in
    # March only: nothing in May, A. 5: one absence in May: B by the period ceiling.
    attendance = [absent(3, date(2026, 3, 2)), absent(3, date(2026, 3, 3)), absent(3, date(2026, 5, 4)),
                  absent(4, date(2026, 3, 2)), absent(5, date(2026, 5, 4))]
    events = [event(1, date(2026, 2, 10)), event(2, date(2025, 12, 15))]
    results = by_staff(score(load_plan(PLAN), MAY, [person(n) for n in range(1, 6)], attendance, events))
    assert {n: (result.score, result.grade_by_score.code, result.grade.code) for n, result in results.items()} == {
        1: (100, "A", "D"), 2: (100, "A", "A"), 3: (99, "A", "C"), 4: (100, "A", "A"), 5: (99, "A", "B")}
    assert [change.localized() for change in results[1].changes] == [
        "Bị xử lý kỷ luật trong năm (1 lần từ đầu năm): xếp loại Loại D thay vì Loại A"]
    assert [change.count for change in results[3].changes] == [3]
    assert [change.localized() for change in results[5].changes] == [
        "Vắng không lý do trong kỳ (1 lần trong kỳ): xếp loại Loại B thay vì Loại A"]


def test_the_same_records_counted_in_the_year_period_itself() -> None:
    # The whole year: nothing before it. 1: KL (−5) → 95, D. 3: three absences → 97, C (the period's B is looser).
    attendance = [absent(3, date(2026, 3, 2)), absent(3, date(2026, 3, 3)), absent(3, date(2026, 5, 4))]
    results = by_staff(score(load_plan(PLAN), whole_year(2026), [person(1), person(3)], attendance,
                             [event(1, date(2026, 2, 10))]))
    assert {n: (result.score, result.grade.code) for n, result in results.items()} == {1: (95, "D"), 3: (97, "C")}


def test_a_month_cannot_be_scored_without_the_counts_before_it() -> None:
    with pytest.raises(ValueError, match="earlier_counts"):
        score_period(ScoringInput(load_plan(PLAN), MAY, [person(1)], [], [], 5))


def test_titles_follow_the_year_grade_after_ceilings_and_quota(vietnamese: None) -> None:
    # 1: 100, A, kept by the quota (⌊0.25 × 6⌋ = 1): LĐTT and CSTĐCS. 6: no badge once → 99, A by the score,
    # ranked after 1, demoted to B by the quota: LĐTT only. 5: two absences → 98, B by the ceiling of the period
    # (the year's needs 3): LĐTT. 2: 15 absences → 85, C by the year ceiling (15 ≥ 3): none. 3: KL → 95, D by
    # the year ceiling: none. 4: two dress violations → 60, C: none.
    plan = load_plan(PLAN + TITLES)
    attendance = [absent(5, date(2026, 1, 5)), absent(5, date(2026, 1, 6))]
    attendance += [absent(2, date(2026, 2, day)) for day in range(2, 17)]
    events = [event(3, date(2026, 6, 1)), event(4, date(2026, 7, 1), "TP"), event(4, date(2026, 8, 3), "TP"),
              event(6, date(2026, 9, 1), "THE")]
    ranking = score(plan, whole_year(2026), [person(n) for n in range(1, 7)], attendance, events)
    results = by_staff(ranking)
    assert {n: (result.score, result.grade.code) for n, result in results.items()} == {
        1: (100, "A"), 6: (99, "B"), 5: (98, "B"), 3: (95, "D"), 2: (85, "C"), 4: (60, "C")}
    assert [change.kind.value for change in results[6].changes] == ["quota"]
    assert {n: [title.code for title in eligible_titles(ranking, result)] for n, result in results.items()} == {
        1: ["LDTT", "CSTDCS"], 6: ["LDTT"], 5: ["LDTT"], 3: [], 2: [], 4: []}
    assert [(title.code, [int(r.staff.id or 0) for r in people]) for title, people in title_lists(ranking)] == [
        ("LDTT", [1, 6, 5]), ("CSTDCS", [1])]
    assert title_count_lines(ranking) == [
        "“Lao động tiên tiến” (xếp loại “Loại B” trở lên): 3 người",
        "“Chiến sĩ thi đua cơ sở” (xếp loại “Loại A” trở lên; còn cần sáng kiến được công nhận): 1 người"]


def test_the_legend_under_a_years_ranking_gives_each_titles_code_grade_and_count(vietnamese: None) -> None:
    # Without a quota: 1 at 100 (A) is eligible for both titles, 2 at 80 (one dress violation, B) for LĐTT only.
    plan = load_plan(PLAN + TITLES[TITLES.index("[[titles]]"):])
    ranking = score(plan, whole_year(2026), [person(1), person(2)], [], [event(2, date(2026, 7, 1), "TP")])
    assert title_legend_line(ranking) == (
        "Danh hiệu thi đua đủ điều kiện đề nghị (Hội đồng Thi đua - Khen thưởng xét và quyết định): "
        "LDTT — “Lao động tiên tiến” (xếp loại “Loại B” trở lên): 2 người; "
        "CSTDCS — “Chiến sĩ thi đua cơ sở” (xếp loại “Loại A” trở lên; còn cần sáng kiến được công nhận): 1 người.")


def test_titles_are_named_in_plan_order_joined_by_semicolons() -> None:
    titles = load_plan(PLAN + TITLES).titles
    assert titles_text(titles) == "Lao động tiên tiến; Chiến sĩ thi đua cơ sở"


def test_no_titles_outside_a_year() -> None:
    plan = load_plan(PLAN + TITLES)
    ranking = score(plan, half_year(2026, 2), [person(1)], [], [])
    assert ranking.results[0].grade.code == "B"  # the quota: ⌊0.25 × 1⌋ = 0 may be graded A
    assert eligible_titles(ranking, ranking.results[0]) == () and title_lists(ranking) == ()


def problems(text: str) -> list[str]:
    with pytest.raises(PlanProblemsError) as caught:
        load_plan(text)
    return [problem.listed() for problem in caught.value.problems]


def test_mistakes_in_titles_and_year_ceilings_are_told_with_their_line(vietnamese: None) -> None:
    text = PLAN + TITLES.replace('requires = ["LDTT"]', 'requires = ["CSTD"]') + """
[[titles]]
code = "LDTT"
name = "Lặp"
min_grade = "A"

[[titles]]
code = "GK"
name = "Giấy khen"
min_grade = "E"
min_grad = "A"

[[ceilings]]
per = "year"
min_count = 1
max_grade = "D"
reason = "Không rõ đếm gì"

[[ceilings]]
criterion = "KL"
per = "nam"
min_count = 1
max_grade = "D"
reason = "Sai"
"""
    lines = text.splitlines()

    def line_of(fragment: str, after: int = 0) -> int:
        return next(number for number, line in enumerate(lines, 1) if number > after and fragment in line)

    twice = line_of('code = "LDTT"', line_of('code = "LDTT"'))
    unknown, misspelt, per = line_of('min_grade = "E"'), line_of("min_grad = "), line_of('per = "nam"')
    assert problems(text) == [
        f"– dòng {line_of('requires')} (titles[2]): “requires” chỉ được ghi mã của danh hiệu khai báo phía trên "
        "danh hiệu này; “CSTD” không phải",
        f"– dòng {twice} (titles[3]): mã “LDTT” bị dùng hai lần",
        f"– dòng {unknown} (titles[4]): không có mức xếp loại nào mang mã “E”",
        f"– dòng {misspelt} (titles[4]): không có khóa “min_grad” trong [[titles]]; các khóa được dùng "
        "ở đó là: code, min_grade, name, reason, requires",
        f"– dòng {line_of('Không rõ đếm gì') - 4} (ceilings[4]): chỉ ghi một trong hai: “criterion” hoặc “block”",
        f"– dòng {per} (ceilings[5]): “per” phải là một trong các giá trị: period, month, year",
    ]


# ---- Ceilings over the year: what they count and when they bind ----

LATE_BLOCK = """
[[blocks]]
code = "GG"
name = "Giờ giấc"

[[blocks.criteria]]
code = "MUON"
name = "Đi muộn"
points = -1

[[blocks.criteria]]
code = "SOM"
name = "Về sớm"
points = -1

[[attendance_rules]]"""
LATE_CEILING = """
[[ceilings]]
block = "GG"
min_count = 2
per = "year"
max_grade = "C"
reason = "Vi phạm giờ giấc từ 2 lần trong năm"
"""


def test_a_year_ceiling_on_a_block_counts_that_blocks_criteria_only() -> None:
    # 1: late in March, left early in May: 2 of the block in the year, C. 2: late in May and two missing badges
    # (another block): 1 of the block, A (99 − 2 = 97).
    plan = load_plan(PLAN.replace("\n[[attendance_rules]]", LATE_BLOCK, 1) + LATE_CEILING)
    events = [event(1, date(2026, 3, 10), "MUON"), event(1, date(2026, 5, 5), "SOM"),
              event(2, date(2026, 5, 5), "MUON"), event(2, date(2026, 5, 6), "THE"), event(2, date(2026, 5, 7), "THE")]
    results = by_staff(score(plan, MAY, [person(1), person(2)], [], events))
    assert {n: (result.score, result.grade.code) for n, result in results.items()} == {1: (99, "C"), 2: (97, "A")}
    assert [change.count for change in results[1].changes] == [2]


def test_a_year_ceiling_counts_an_item_on_the_years_first_day() -> None:
    results = by_staff(score(load_plan(PLAN), half_year(2026, 1), [person(1)], [], [event(1, date(2026, 1, 1))]))
    assert (results[1].score, results[1].grade.code) == (95, "D")


def test_a_period_ceiling_more_restrictive_than_a_year_ceiling_reached_stays() -> None:
    # A wrong outfit in May (80, B by the score) grades D by a ceiling of the period; three absences in the year
    # reach the year's C, which restricts less: D stays, with the period's reason.
    plan = load_plan(PLAN + '\n[[ceilings]]\ncriterion = "TP"\nmin_count = 1\nmax_grade = "D"\nreason = "Trang phục"\n')
    attendance = [absent(1, date(2026, 3, 2)), absent(1, date(2026, 3, 3)), absent(1, date(2026, 5, 4))]
    results = by_staff(score(plan, MAY, [person(1)], attendance, [event(1, date(2026, 5, 5), "TP")]))
    assert (results[1].score, results[1].grade.code) == (79, "D")
    assert [change.ceiling.reason for change in results[1].changes if change.ceiling is not None] == ["Trang phục"]


def test_a_year_ceiling_at_the_grade_the_score_gives_changes_nothing() -> None:
    # Eleven disciplines in May: 100 − 55 = 45, D by the score; the year's ceiling says D too: no change told.
    events = [event(1, date(2026, 5, day)) for day in range(4, 15)]
    results = by_staff(score(load_plan(PLAN), MAY, [person(1)], [], events))
    assert (results[1].score, results[1].grade.code, results[1].changes) == (45, "D", ())


def test_earlier_counts_that_leave_someone_out_count_nothing_for_them() -> None:
    ranking = score_period(ScoringInput(load_plan(PLAN), MAY, [person(1), person(2)], [], [], 5,
                                        earlier_counts={StaffId(1): {"KL": 1}}))
    assert {n: result.grade.code for n, result in by_staff(ranking).items()} == {1: "D", 2: "A"}


def test_a_plan_with_ceilings_of_the_period_only_counts_nothing_before_it() -> None:
    period_only = "[[ceilings]]".join(PLAN.split("[[ceilings]]")[:2])  # the absence ceiling of the period
    assert earlier_span(load_plan(period_only), MAY) is None


def test_scoring_without_the_counts_before_the_period_is_refused_naming_them() -> None:
    with pytest.raises(ValueError) as raised:
        score_period(ScoringInput(load_plan(PLAN), MAY, [person(1)], [], [], 5))
    assert str(raised.value) == ("a ceiling counted over the year needs the occurrences before the period: "
                                 "ScoringInput.earlier_counts")


def test_a_school_years_ceilings_count_from_its_first_september() -> None:
    school = load_plan(PLAN.replace('year = "direct"', 'year = "direct"\nyear_halves = [[9, 1], [2, 5]]'))
    assert look_back_start(school, month(2027, 5)) == date(2026, 9, 1)
    assert look_back_start(school, month(2026, 9)) == date(2026, 9, 1)
    assert look_back_start(school, month(2026, 8)) == date(2025, 9, 1)


def test_a_discipline_in_a_month_on_long_leave_is_counted_before_the_period() -> None:
    # Sick all February (left out of a mean of months), disciplined on 10 February: May is graded D all the same.
    plan = load_plan(PLAN.replace('default = "direct"\nyear = "direct"',
                                  'default = "mean_of_months"\nyear = "mean_of_months"\nlong_leave_codes = ["Ô"]'))
    february = [date(2026, 2, day) for day in range(1, 29) if date(2026, 2, day).weekday() < 5]
    sick = [Attendance(StaffId(1), day, session, AttendanceStatus.LEAVE, leave_code=LeaveCode.SICK)
            for day in february for session in Session]
    results = by_staff(score(plan, MAY, [person(1)], sick, [event(1, date(2026, 2, 10))]))
    assert (results[1].score, results[1].grade.code) == (100, "D")


def test_the_counts_before_the_period_skip_someone_not_saved_and_go_on() -> None:
    unsaved = Staff("NV00", "An Văn Mới", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC)
    span = Period(PeriodKind.RANGE, date(2026, 1, 1), date(2026, 4, 30))
    counts = earlier_counts(ScoringInput(load_plan(PLAN), span, [unsaved, person(2)], [],
                                         [event(2, date(2026, 3, 2))], 5))
    assert counts == {StaffId(2): {"KL": 1}}  # the unsaved one (100) ranks first, the saved one (95) still counted

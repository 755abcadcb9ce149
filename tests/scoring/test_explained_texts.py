"""The words printed beside a score so that a person can check it alone: what the score is, the grade thresholds,
a block's subtotal, which cap stopped an item, what a floor or maximum kept, the months left out of a mean and the
note beside a person in a ranking. In Vietnamese, by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

from ward_office.core.attendance import LeaveCode
from ward_office.core.checks import Event
from ward_office.core.period import month, quarter
from ward_office.core.plan import Ceiling, load_plan
from ward_office.core.quota import QuotaTie
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.explained import (
    block_score,
    cap_text,
    clamp_text,
    grade_thresholds,
    left_out_line,
    left_out_text,
    not_scored_line,
    plan_grades_line,
    result_note,
    score_label,
)
from ward_office.scoring.results import Bound, Clamp, GradeChange, GradeChangeKind, LeftOutMonth, StaffResult

TEXT = """
[plan]
code = "VH"
name = "Văn hóa công sở"
version = 3
base_score = 100
{label}

[[blocks]]
code = "CC"
name = "Chấp hành chung"
maximum = 30
cap = 8

[[blocks.criteria]]
code = "MUON"
name = "Đi muộn"
points = -2
cap = 5

[[blocks.criteria]]
code = "VS"
name = "Vệ sinh nơi làm việc chưa sạch"
points = -3

[[blocks]]
code = "KT"
name = "Khen thưởng"

[[blocks.criteria]]
code = "BD"
name = "Được biểu dương"
points = 2
cap = 4

[[grades]]
code = "XS"
name = "Xuất sắc"
min_score = 90

[[grades]]
code = "T"
name = "Tốt"
min_score = 70

[[grades]]
code = "K"
name = "Không hoàn thành"
min_score = 0
"""
PLAN = load_plan(TEXT.format(label=""))
MARCH = month(2027, 3)
STAFF = tuple(Staff(f"CB{number}", name, Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=StaffId(number))
              for number, name in enumerate(["Lê Văn An", "Ngô Văn Bình", "Trần Văn Cường"], start=1))
CC, KT = PLAN.blocks


def scored(*events: tuple[int, int, str]) -> dict[str, StaffResult]:
    """March scored with events (person, day, criterion), by staff code."""
    records = [Event(StaffId(person), date(2027, 3, day), code, id=index)
               for index, (person, day, code) in enumerate(events, start=1)]
    ranking = score_period(ScoringInput(PLAN, MARCH, STAFF, (), records, 5))
    return {result.staff.code: result for result in ranking.results}


def test_the_score_is_the_plans_label_or_says_it_is_no_official_grading(vietnamese: None) -> None:
    assert score_label(PLAN) == ("Điểm thi đua nội bộ theo kế hoạch thi đua văn hóa công sở; không thay thế xếp "
                                 "loại chất lượng cán bộ, công chức theo Nghị định 335/2025/NĐ-CP.")
    labelled = load_plan(TEXT.format(label='label = "Điểm thi đua của phường"'))
    assert score_label(labelled) == "Điểm thi đua của phường"


def test_the_plan_line_names_the_plan_its_version_and_every_threshold(vietnamese: None) -> None:
    assert plan_grades_line(PLAN) == ("Kế hoạch thi đua: Văn hóa công sở, phiên bản 3. Mức xếp loại (điểm): "
                                      "Xuất sắc ≥ 90; Tốt ≥ 70; Không hoàn thành < 70.")


def test_a_plan_of_one_grade_gives_it_from_its_minimum() -> None:
    single = replace(PLAN, grades=PLAN.grades[:1])
    assert grade_thresholds(single) == "Xuất sắc ≥ 90"


def test_a_block_with_a_maximum_reads_out_of_it_else_as_the_points_it_added(vietnamese: None) -> None:
    assert block_score(PLAN, CC, Fraction(-4)) == "26/30"
    assert block_score(PLAN, CC, Fraction(-4), fixed=True) == "26,00/30"
    assert block_score(PLAN, CC, Fraction(-13, 3)) == "25,67/30"  # a mean of three months: two decimals
    assert block_score(PLAN, KT, Fraction(5, 2)) == "+2,5"
    assert block_score(PLAN, KT, Fraction(5, 2), fixed=True) == "+2,50"
    assert block_score(PLAN, KT, Fraction(-1, 3), fixed=True) == "-0,33"
    assert block_score(PLAN, KT, Fraction(-1, 3)) == "-0,33"
    odd = replace(CC, maximum=Fraction("30.125"))
    assert block_score(PLAN, odd, Fraction(-4)) == "26,13/30,13"


def test_a_capped_item_names_the_criterions_cap_once_its_items_reach_it(vietnamese: None) -> None:
    # Late four times: -2, -2, then 1 of the next 2 and nothing of the last under the cap of 5.
    an = scored((1, 1, "MUON"), (1, 2, "MUON"), (1, 3, "MUON"), (1, 4, "MUON"))["CB1"]
    assert [(item.points, item.capped) for item in an.items] == [(-2, False), (-2, False), (-1, True), (0, True)]
    assert [cap_text(PLAN, an, item) for item in an.items[2:]] == [
        "vượt mức tối đa 5 điểm của tiêu chí: chỉ tính 1", "vượt mức tối đa 5 điểm của tiêu chí: chỉ tính 0"]


def test_a_capped_item_names_the_blocks_cap_when_its_criterion_is_under_its_own(vietnamese: None) -> None:
    # Twice untidy (-6), late once (-2: the block's cap of 8 reached), then late and untidy again: nothing.
    binh = scored((2, 1, "VS"), (2, 2, "VS"), (2, 3, "MUON"), (2, 4, "MUON"), (2, 5, "VS"))["CB2"]
    assert [(item.criterion_code, item.points, item.capped) for item in binh.items] == [
        ("VS", -3, False), ("VS", -3, False), ("MUON", -2, False), ("MUON", 0, True), ("VS", 0, True)]
    block_cap = "vượt mức tối đa của nhóm tiêu chí “Chấp hành chung” (8 điểm): chỉ tính 0"
    assert [cap_text(PLAN, binh, item) for item in binh.items[3:]] == [block_cap, block_cap]


def test_a_capped_item_of_a_block_without_a_cap_names_its_criterions(vietnamese: None) -> None:
    cuong = scored((3, 1, "BD"), (3, 2, "BD"), (3, 3, "BD"))["CB3"]
    assert [item.points for item in cuong.items] == [2, 2, 0]
    capped = cuong.items[2]
    assert cap_text(PLAN, cuong, capped) == "vượt mức tối đa 4 điểm của tiêu chí: chỉ tính 0"
    # Its criterion's items under the cap (as in a part of a period scored under another version): still its cap.
    alone = replace(cuong, items=(capped,))
    assert cap_text(PLAN, alone, capped) == "vượt mức tối đa 4 điểm của tiêu chí: chỉ tính 0"


def test_a_capped_item_of_a_criterion_and_block_the_plan_no_longer_has_names_no_cap(vietnamese: None) -> None:
    cuong = scored((3, 1, "BD"), (3, 2, "BD"), (3, 3, "BD"))["CB3"]
    gone = replace(cuong.items[2], criterion_code="CU1", block_code="CU")
    assert cap_text(PLAN, replace(cuong, items=(*cuong.items[:2], gone)), gone) == "vượt mức tối đa: chỉ tính 0"


def test_each_floor_and_maximum_says_what_it_kept_of_what_and_when(vietnamese: None) -> None:
    def clamp(bound: Bound, block: str | None, limit: int, points: Fraction, period=MARCH) -> str:
        return clamp_text(PLAN, Clamp(bound, block, period, Fraction(limit), Fraction(limit) - points, points,
                                      Fraction(1)))

    assert clamp(Bound.FLOOR, "CC", 10, Fraction(3)) == (
        "điểm sàn của nhóm tiêu chí “Chấp hành chung” (10 điểm): không trừ thêm 3 điểm (tháng 3 năm 2027)")
    assert clamp(Bound.MAXIMUM, "KT", 10, Fraction(-2)) == (
        "điểm tối đa của nhóm tiêu chí “Khen thưởng” (10 điểm): không cộng thêm 2 điểm (tháng 3 năm 2027)")
    assert clamp(Bound.FLOOR, None, 50, Fraction(5, 2)) == (
        "điểm sàn của tổng điểm (50 điểm): không trừ thêm 2,5 điểm (tháng 3 năm 2027)")
    assert clamp(Bound.MAXIMUM, None, 100, Fraction(-1), quarter(2027, 1)) == (
        "điểm tối đa của tổng điểm (100 điểm): không cộng thêm 1 điểm (quý I năm 2027)")
    # A block of an earlier version the plan no longer has: by its code.
    assert clamp(Bound.FLOOR, "CU", 5, Fraction(1)) == (
        "điểm sàn của nhóm tiêu chí “CU” (5 điểm): không trừ thêm 1 điểm (tháng 3 năm 2027)")


def test_a_month_left_out_names_its_leave_or_that_it_had_no_working_day(vietnamese: None) -> None:
    assert left_out_text(LeftOutMonth(MARCH, (LeaveCode.SICK, LeaveCode.MATERNITY))) == "tháng 3 năm 2027 (Ô, Ts)"
    assert left_out_text(LeftOutMonth(MARCH)) == "tháng 3 năm 2027 (không có ngày làm việc)"


def test_the_ranking_notes_say_whom_nothing_concerns_with_nothing(vietnamese: None) -> None:
    ranking = score_period(ScoringInput(PLAN, MARCH, STAFF, (), (), 5))
    assert [left_out_line(ranking, person) for person in STAFF] == ["", "", ""]
    assert not_scored_line(ranking) == ""
    assert [result_note(ranking, result) for result in ranking.results] == ["", "", ""]


def test_those_not_scored_are_named_with_the_plans_long_leave_codes(vietnamese: None) -> None:
    ranking = score_period(ScoringInput(PLAN, MARCH, STAFF, (), (), 5))
    away = replace(ranking, not_scored=STAFF[:2])
    codes = ", ".join(code.value for code in PLAN.aggregation.long_leave_codes)
    assert not_scored_line(away) == f"Không chấm điểm, nghỉ dài ngày cả kỳ ({codes}): Lê Văn An, Ngô Văn Bình."


def test_a_persons_note_gives_their_grade_change_their_tie_then_their_months_left_out(vietnamese: None) -> None:
    ranking = score_period(ScoringInput(PLAN, quarter(2027, 1), STAFF, (), (), 5))
    an, binh, cuong = ranking.results
    excellent, good = PLAN.grades[:2]
    ceiling = Ceiling("T", 3, "Đi muộn", criterion_code="MUON")
    an = replace(an, changes=(GradeChange(GradeChangeKind.CEILING, excellent, good, ceiling=ceiling, count=4),))
    left_out = {StaffId(1): (LeftOutMonth(month(2027, 2), (LeaveCode.SICK,)), LeftOutMonth(MARCH)),
                StaffId(3): (LeftOutMonth(MARCH, (LeaveCode.MATERNITY,)),)}
    noted = replace(ranking, results=(an, binh, cuong), months_left_out=left_out,
                    quota_tie=QuotaTie(excellent, 1, STAFF[:2], Fraction(100), 1))
    tie = "1 suất Xuất sắc cho 2 người bằng 100 điểm — chờ Hội đồng thi đua quyết định"
    assert [result_note(noted, result) for result in noted.results] == [
        "Đi muộn (4 lần trong kỳ): xếp loại Tốt thay vì Xuất sắc; " + tie + "; Tháng không tính vào điểm bình "
        "quân (nghỉ dài ngày mọi ngày làm việc): tháng 2 năm 2027 (Ô); tháng 3 năm 2027 (không có ngày làm việc).",
        tie,
        "Tháng không tính vào điểm bình quân (nghỉ dài ngày mọi ngày làm việc): tháng 3 năm 2027 (Ts).",
    ]

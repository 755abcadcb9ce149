"""The plan's satisfaction rules, person by person: a month's rate in a band is one occurrence on the last day of
the month the person worked, only with enough ratings and only for those the rule applies to; a verified praise
or complaint is one on the day it was received, within the days the person worked. Items and notes by hand."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from ward_office.core.citizens import (
    CitizenFeedback,
    FeedbackChannel,
    FeedbackKind,
    RatingCounts,
    SatisfactionFacts,
    Verification,
)
from ward_office.core.period import month, quarter
from ward_office.core.plan import load_plan
from ward_office.core.staff import DepartmentId, Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.results import ItemSource, Ranking

PLAN = load_plan("""
[plan]
code = "HL"
name = "Thử"
version = 1
base_score = 100

[[blocks]]
code = "HL"
name = "Sự hài lòng"

[[blocks.criteria]]
code = "HL1"
name = "Tỷ lệ hài lòng dưới 90%"
points = -2

[[blocks.criteria]]
code = "HL2"
name = "Tỷ lệ hài lòng dưới 80%"
points = -5

[[blocks.criteria]]
code = "HL3"
name = "Tỷ lệ hài lòng từ 98%"
points = 1

[[blocks.criteria]]
code = "KT"
name = "Được người dân khen"
points = 1

[[blocks.criteria]]
code = "PA"
name = "Bị phản ánh đúng"
points = -3

[[satisfaction_rules]]
on = "rate"
min_ratings = 10
applies_to = { departments = ["Bộ phận một cửa"], positions = ["Công chức Tư pháp - Hộ tịch"] }
bands = [{ below = 90, criterion = "HL1" }, { below = 80, criterion = "HL2" }, { from = 98, criterion = "HL3" }]

[[satisfaction_rules]]
on = "praise"
criterion = "KT"
applies_to = { positions = ["Chuyên viên"] }

[[satisfaction_rules]]
on = "complaint"
criterion = "PA"

[[grades]]
code = "A"
name = "Tốt"
min_score = 0
""")
ONE_STOP, OFFICE = DepartmentId(1), DepartmentId(2)
AN = Staff("NV01", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, ONE_STOP, id=StaffId(1))
BINH = Staff("NV02", "Trần Văn Bình", Gender.MALE, "Công chức tư pháp - hộ tịch", StaffCategory.CONG_CHUC,
             id=StaffId(2))
CUONG = Staff("NV03", "Lê Văn Cường", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, OFFICE, id=StaffId(3))
DUNG = Staff("NV04", "Phạm Thị Dung", Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC, ONE_STOP,
             active_to=date(2026, 3, 20), id=StaffId(4))
EM = Staff("NV05", "Hoàng Thị Em", Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC, ONE_STOP,
           active_from=date(2026, 2, 15), id=StaffId(5))
HA = Staff("NV07", "Vũ Thị Hà", Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC, ONE_STOP,
           active_from=date(2026, 1, 31), id=StaffId(7))
# Of a department the facts do not name: subject by position alone.
KHOA = Staff("NV08", "Lý Văn Khoa", Gender.MALE, "Công chức Tư pháp - Hộ tịch", StaffCategory.CONG_CHUC,
             DepartmentId(9), id=StaffId(8))
GONE = Staff("NV06", "Đỗ Văn Giang", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, ONE_STOP,
             active_to=date(2025, 12, 31), id=StaffId(6))
STAFF = (AN, BINH, CUONG, DUNG, EM, HA, KHOA, GONE)


def ratings(content: int, total: int) -> RatingCounts:
    return RatingCounts(content // 2, content - content // 2, total - content)


MONTHLY = {
    (StaffId(1), date(2026, 1, 1)): ratings(85, 100),  # 85 %: under 90, not under 80
    (StaffId(1), date(2026, 2, 1)): ratings(0, 9),  # fewer ratings than the rule's 10: no rate
    (StaffId(1), date(2026, 3, 1)): ratings(7, 10),  # 70 % of exactly 10: under 80, the band furthest out
    (StaffId(2), date(2026, 1, 1)): ratings(49, 50),  # 98 %: from 98
    (StaffId(2), date(2026, 2, 1)): ratings(179, 200),  # 89.5 %: under 90
    (StaffId(2), date(2026, 3, 1)): ratings(36, 40),  # 90 %: no band
    (StaffId(3), date(2026, 1, 1)): ratings(50, 100),  # the office's staff are not subject to the rate
    (StaffId(4), date(2026, 3, 1)): ratings(15, 20),  # 75 %, the month she left: on her last day
    (StaffId(5), date(2026, 1, 1)): ratings(10, 20),  # before she came: nothing
    (StaffId(5), date(2026, 2, 1)): ratings(17, 20),  # 85 %, the month she came
    (StaffId(6), date(2026, 1, 1)): ratings(0, 20),  # gone before the period
    (StaffId(7), date(2026, 1, 1)): ratings(0, 12),  # 0 %, on the one day she worked in January
    (StaffId(8), date(2026, 1, 1)): ratings(17, 20),  # 85 %
}


def feedback(number: int, kind: FeedbackKind, day: date, staff: Staff, summary: str,
             verification: Verification = Verification.VERIFIED,
             channel: FeedbackChannel = FeedbackChannel.SUGGESTION_BOX) -> CitizenFeedback:
    return CitizenFeedback(kind, day, channel, staff.id or StaffId(0), summary, verification=verification,
                           verified_by="truong" if verification is Verification.VERIFIED else "", id=number)


PRAISE, COMPLAINT = FeedbackKind.PRAISE, FeedbackKind.COMPLAINT
FEEDBACK = (
    feedback(4, COMPLAINT, date(2026, 1, 12), AN, "Hẹn trả kết quả trễ", channel=FeedbackChannel.PHONE),
    feedback(5, COMPLAINT, date(2026, 1, 13), BINH, "Thái độ chưa đúng mực", Verification.PENDING),
    feedback(6, COMPLAINT, date(2026, 1, 14), BINH, "Thu phí sai", Verification.REJECTED),
    feedback(7, PRAISE, date(2026, 2, 3), CUONG, "Tận tình hướng dẫn"),
    feedback(8, PRAISE, date(2026, 2, 4), BINH, "Giải quyết nhanh"),  # the praise rule is for "Chuyên viên"
    feedback(9, COMPLAINT, date(2026, 3, 20), DUNG, "Trả hồ sơ thiếu"),  # her last day
    feedback(10, COMPLAINT, date(2026, 3, 23), DUNG, "Không nghe máy"),  # after she left
    feedback(11, PRAISE, date(2026, 2, 14), EM, "Hướng dẫn kỹ"),  # before she came
    feedback(12, PRAISE, date(2026, 2, 15), EM, "Vui vẻ"),  # her first day
)
FACTS = SatisfactionFacts(MONTHLY, FEEDBACK, {ONE_STOP: "Bộ phận Một cửa", OFFICE: "Văn phòng"})


def first_quarter() -> Ranking:
    """Scored in each test that reads it: mutation testing runs a test only if it reaches the rules itself. The notes
    are written as the items are made, in the language of the moment."""
    return score_period(ScoringInput(PLAN, quarter(2026, 1), STAFF, (), (), 5, satisfaction=FACTS))


def items_of(ranking: Ranking, staff: Staff) -> list[tuple[str, date, int | None, str, str]]:
    [result] = [result for result in ranking.results if result.staff.id == staff.id]
    assert all(item.source is ItemSource.SATISFACTION for item in result.items)
    return [(item.criterion_code, item.day, item.record_id, item.note, item.recorded_by) for item in result.items]


def test_a_month_in_a_band_is_one_occurrence_on_its_last_day_with_its_rate_in_the_note(vietnamese: None) -> None:
    assert items_of(first_quarter(), AN) == [
        ("PA", date(2026, 1, 12), 4, "Phản ánh (điện thoại), đã xác minh: Hẹn trả kết quả trễ", "truong"),
        ("HL1", date(2026, 1, 31), None, "Tỷ lệ hài lòng tháng 1/2026: 85% trên 100 lượt", ""),
        ("HL2", date(2026, 3, 31), None, "Tỷ lệ hài lòng tháng 3/2026: 70% trên 10 lượt", ""),
    ]


def test_the_rule_applies_by_position_without_accents_or_case_and_feedback_only_once_verified(vietnamese: None) -> None:
    # 98 % earns the "from 98" band, 89.5 % the "below 90" one, 90 % none; his complaints pending or rejected
    # cost nothing, and the praise rule names another position.
    assert items_of(first_quarter(), BINH) == [
        ("HL3", date(2026, 1, 31), None, "Tỷ lệ hài lòng tháng 1/2026: 98% trên 50 lượt", ""),
        ("HL1", date(2026, 2, 28), None, "Tỷ lệ hài lòng tháng 2/2026: 89,5% trên 200 lượt", ""),
    ]
    assert items_of(first_quarter(), KHOA) == [
        ("HL1", date(2026, 1, 31), None, "Tỷ lệ hài lòng tháng 1/2026: 85% trên 20 lượt", ""),
    ]


def test_whoever_a_rule_does_not_apply_to_gets_nothing_from_it(vietnamese: None) -> None:
    assert items_of(first_quarter(), CUONG) == [
        ("KT", date(2026, 2, 3), 7, "Lời khen (hòm thư góp ý), đã xác minh: Tận tình hướng dẫn", "truong"),
    ]


def test_only_the_days_a_person_worked_count(vietnamese: None) -> None:
    assert items_of(first_quarter(), DUNG) == [  # items of a day by criterion
        ("HL2", date(2026, 3, 20), None, "Tỷ lệ hài lòng tháng 3/2026: 75% trên 20 lượt", ""),
        ("PA", date(2026, 3, 20), 9, "Phản ánh (hòm thư góp ý), đã xác minh: Trả hồ sơ thiếu", "truong"),
    ]
    assert items_of(first_quarter(), EM) == [
        ("KT", date(2026, 2, 15), 12, "Lời khen (hòm thư góp ý), đã xác minh: Vui vẻ", "truong"),
        ("HL1", date(2026, 2, 28), None, "Tỷ lệ hài lòng tháng 2/2026: 85% trên 20 lượt", ""),
    ]
    assert items_of(first_quarter(), HA) == [
        ("HL2", date(2026, 1, 31), None, "Tỷ lệ hài lòng tháng 1/2026: 0% trên 12 lượt", ""),
    ]
    assert GONE.id not in {result.staff.id for result in first_quarter().results}


def test_each_occurrence_costs_or_earns_its_criterions_points() -> None:
    january = score_period(ScoringInput(PLAN, month(2026, 1), STAFF, (), (), 5, satisfaction=FACTS))
    assert {result.staff.code: result.score for result in january.results} == {
        "NV01": 100 - 3 - 2, "NV02": 100 + 1, "NV03": 100, "NV04": 100, "NV07": 100 - 5, "NV08": 100 - 2}


def test_a_plan_with_rules_and_no_facts_scores_nothing_of_them() -> None:
    [result, *_rest] = score_period(ScoringInput(PLAN, month(2026, 1), STAFF, (), (), 5)).results
    assert (result.items, result.score) == ((), Fraction(100))


def test_occurrences_of_one_day_escalate_complaints_by_number_then_the_rate() -> None:
    plan = load_plan("""
[plan]
code = "HL"
name = "Thử"
version = 1
base_score = 100

[[blocks]]
code = "HL"
name = "Sự hài lòng"

[[blocks.criteria]]
code = "PA"
name = "Không làm hài lòng người dân"
points = -1
escalation = [{ from = 2, points = -2 }, { from = 3, points = -4 }]

[[satisfaction_rules]]
on = "rate"
bands = [{ below = 80, criterion = "PA" }]

[[satisfaction_rules]]
on = "complaint"
criterion = "PA"

[[grades]]
code = "A"
name = "Tốt"
min_score = 0
""")
    last_day = date(2026, 3, 31)
    facts = SatisfactionFacts({(StaffId(1), date(2026, 3, 1)): ratings(3, 4)}, (  # 75 %
        feedback(31, COMPLAINT, last_day, AN, "Trả lời chậm"), feedback(30, COMPLAINT, last_day, AN, "Sai hẹn")))
    [result] = score_period(ScoringInput(plan, month(2026, 3), (AN,), (), (), 5, satisfaction=facts)).results
    assert [(item.record_id, item.occurrence, item.points) for item in result.items] == [
        (30, 1, -1), (31, 2, -2), (None, 3, -4)]
    assert result.score == 93

"""The citizen's voice in the engine: a verified complaint is an occurrence of the criterion its rule names, scored
like any other, on the day it was received. By hand."""

from __future__ import annotations

from datetime import date

from ward_office.core.citizens import CitizenFeedback, FeedbackChannel, FeedbackKind, SatisfactionFacts, Verification
from ward_office.core.period import month
from ward_office.core.plan import load_plan
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.results import ItemSource

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
code = "PA"
name = "Bị phản ánh đúng"
points = -3

[[satisfaction_rules]]
on = "complaint"
criterion = "PA"

[[grades]]
code = "A"
name = "Tốt"
min_score = 0
""")


def test_a_verified_complaint_costs_its_criterions_points_on_the_day_received() -> None:
    staff = Staff("NV01", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=StaffId(1))
    complaint = CitizenFeedback(FeedbackKind.COMPLAINT, date(2026, 3, 12), FeedbackChannel.PHONE, StaffId(1),
                                "Hẹn trả kết quả trễ", verification=Verification.VERIFIED, verified_by="truong", id=4)
    facts = SatisfactionFacts(feedback=(complaint,))
    [result] = score_period(ScoringInput(PLAN, month(2026, 3), (staff,), (), (), 5, satisfaction=facts)).results
    assert [(item.criterion_code, item.day, item.source, item.record_id, item.points, item.recorded_by)
            for item in result.items] == [("PA", date(2026, 3, 12), ItemSource.SATISFACTION, 4, -3, "truong")]
    assert result.score == 97

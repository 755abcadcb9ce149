"""A plan using every key of the format, read back whole and compared with the plan written out by hand: each
value lands in its own field, nothing is dropped or defaulted over what the file says."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from ward_office.core.attendance import LeaveCode
from ward_office.core.plan import load_plan
from ward_office.core.plan_terms import Aggregation, AttendanceTrigger, CeilingScope, CountUnit, QuotaBasis, TieBreak
from ward_office.core.plan_titles import Title
from ward_office.core.plan_types import (
    AggregationRule,
    AttendanceRule,
    Block,
    Bracket,
    Ceiling,
    Criterion,
    EmulationPlan,
    EscalationStep,
    Grade,
    Quota,
)

EVERY_KEY = """\
[plan]
code = "DU"
name = "Đủ mọi khóa"
version = 3
effective_from = 2026-07-01
base_score = 100
label = "Điểm nội bộ"
description = "Thử mọi khóa"
maximum = 110
floor = 20

[aggregation]
default = "direct"
year = "weighted_halves"
year_weights = [1, 2]
year_halves = [[9, 1], [2, 5]]
long_leave_codes = ["Ts"]

[ranking]
tie_break = ["fewer_deducted_points", "more_commendations"]

[[blocks]]
code = "TG"
name = "Giờ giấc"
cap = 30
maximum = 40
floor = 5

[[blocks.criteria]]
code = "MUON"
name = "Đi muộn"
points = -1.5
cap = 12
escalation = [{ from = 3, points = -2.5 }]

[[blocks.criteria]]
code = "VANG"
name = "Vắng"
brackets = [{ from = 2, points = -10 }, { from = 4, points = -25 }]

[[blocks]]
code = "KL"
name = "Kỷ luật"
maximum = 20
all_or_nothing = true

[[blocks.criteria]]
code = "NQ"
name = "Vi phạm nội quy"
points_range = [-10, -2.5]

[[blocks]]
code = "NV"
name = "Nhiệm vụ"
entered = true
maximum = 50

[[blocks.criteria]]
code = "NV1"
name = "Kết quả công việc"
maximum = 50

[[attendance_rules]]
on = "late"
criterion = "MUON"
count = "day"

[[attendance_rules]]
on = "leave"
criterion = "VANG"
codes = ["No", "Ô"]
count = "run"

[[grades]]
code = "A"
name = "Xuất sắc"
min_score = 90

[[grades]]
code = "B"
name = "Tốt"
min_score = 70.5

[[grades]]
code = "C"
name = "Hoàn thành"
min_score = 0

[[ceilings]]
criterion = "MUON"
min_count = 4
max_grade = "B"
reason = "Đi muộn từ 4 lần"
per = "month"

[[ceilings]]
block = "KL"
min_count = 1
max_grade = "C"
reason = "Vi phạm kỷ luật"
per = "year"

[quota]
grade = "A"
max_share = 0.3
basis = "at_least_next"

[[titles]]
code = "LDTT"
name = "Lao động tiên tiến"
min_grade = "B"

[[titles]]
code = "CSTD"
name = "Chiến sĩ thi đua cơ sở"
min_grade = "A"
reason = "có sáng kiến"
requires = ["LDTT"]
"""


def test_a_plan_with_every_key_is_read_back_whole() -> None:
    criteria = {
        "MUON": Criterion("MUON", "Đi muộn", "TG", Fraction(-3, 2), (EscalationStep(3, Fraction(-5, 2)),),
                          Fraction(12)),
        "VANG": Criterion("VANG", "Vắng", "TG", Fraction(-10), (), None,
                          (Bracket(2, Fraction(-10)), Bracket(4, Fraction(-25)))),
        "NQ": Criterion("NQ", "Vi phạm nội quy", "KL", Fraction(-5, 2), points_range=(Fraction(-10), Fraction(-5, 2))),
        "NV1": Criterion("NV1", "Kết quả công việc", "NV", Fraction(0), maximum=Fraction(50)),
    }
    expected = EmulationPlan(
        code="DU", name="Đủ mọi khóa", version=3, effective_from=date(2026, 7, 1), base_score=Fraction(100),
        blocks=(Block("TG", "Giờ giấc", ("MUON", "VANG"), Fraction(30), Fraction(40), Fraction(5)),
                Block("KL", "Kỷ luật", ("NQ",), None, Fraction(20), None, all_or_nothing=True),
                Block("NV", "Nhiệm vụ", ("NV1",), None, Fraction(50), None, entered=True)),
        criteria=criteria,
        attendance_rules=(AttendanceRule(AttendanceTrigger.LATE, "MUON", CountUnit.DAY),
                          AttendanceRule(AttendanceTrigger.LEAVE, "VANG", CountUnit.RUN,
                                         (LeaveCode.UNPAID, LeaveCode.SICK))),
        grades=(Grade("A", "Xuất sắc", Fraction(90)), Grade("B", "Tốt", Fraction(141, 2)),
                Grade("C", "Hoàn thành", Fraction(0))),
        ceilings=(Ceiling("B", 4, "Đi muộn từ 4 lần", "MUON", None, CeilingScope.MONTH),
                  Ceiling("C", 1, "Vi phạm kỷ luật", None, "KL", CeilingScope.YEAR)),
        quota=Quota("A", Fraction(3, 10), QuotaBasis.AT_LEAST_NEXT),
        aggregation=AggregationRule(Aggregation.DIRECT, Aggregation.WEIGHTED_HALVES, (Fraction(1), Fraction(2)),
                                    ((9, 1), (2, 5)), (LeaveCode.MATERNITY,)),
        tie_break=(TieBreak.FEWER_DEDUCTED_POINTS, TieBreak.MORE_COMMENDATIONS),
        label="Điểm nội bộ", description="Thử mọi khóa", maximum=Fraction(110), floor=Fraction(20),
        titles=(Title("LDTT", "Lao động tiên tiến", "B"),
                Title("CSTD", "Chiến sĩ thi đua cơ sở", "A", "có sáng kiến", ("LDTT",))),
    )
    plan = load_plan(EVERY_KEY)
    assert plan == expected
    assert dict(plan.criteria) == criteria and list(plan.criteria) == ["MUON", "VANG", "NQ", "NV1"]

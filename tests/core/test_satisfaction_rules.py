"""The plan's ``[[satisfaction_rules]]``: bands read and ordered, whom a rule applies to, and every mistake told on
its line in Vietnamese."""

from __future__ import annotations

from fractions import Fraction

import pytest

from ward_office.core.plan import load_plan
from ward_office.core.plan_satisfaction import SatisfactionTrigger
from ward_office.core.plan_values import PlanProblem, PlanProblemsError

HEAD = """\
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
name = "Dưới 90 %"
points = -2

[[blocks.criteria]]
code = "HL2"
name = "Dưới 80 %"
points = -5

[[blocks.criteria]]
code = "HL3"
name = "Từ 98 %"
points = 1

[[grades]]
code = "A"
name = "Tốt"
min_score = 0
"""  # 29 lines: the rules below start on line 31, after a blank one


def problems(rules: str) -> list[PlanProblem]:
    try:
        load_plan(HEAD + rules)
    except PlanProblemsError as error:
        return error.problems
    return []


def test_bands_are_read_furthest_out_first_and_take_one_band() -> None:
    plan = load_plan(HEAD + """
[[satisfaction_rules]]
on = "rate"
min_ratings = 30
applies_to = { departments = ["Bộ phận một cửa"] }
bands = [{ below = 90, criterion = "HL1" }, { from = 98, criterion = "HL3" }, { below = 80, criterion = "HL2" }]

[[satisfaction_rules]]
on = "complaint"
criterion = "HL2"
""")
    rate, complaint = plan.satisfaction_rules
    assert (rate.on, rate.min_ratings, complaint.on, complaint.criterion_code) == (
        SatisfactionTrigger.RATE, 30, SatisfactionTrigger.COMPLAINT, "HL2")
    assert [band.criterion_code for band in rate.bands] == ["HL2", "HL1", "HL3"]
    taken = {percent: getattr(rate.band_for(Fraction(percent)), "criterion_code", None)
             for percent in (50, 79, 80, Fraction(1799, 20), 90, 97, 98, 100)}
    assert taken == {50: "HL2", 79: "HL2", 80: "HL1", Fraction(1799, 20): "HL1", 90: None, 97: None, 98: "HL3",
                     100: "HL3"}
    assert rate.applies_to("Chuyên viên", "BO PHAN MOT CUA") and not rate.applies_to("Chuyên viên", "Văn phòng")
    assert complaint.applies_to("Chuyên viên", "")  # no applies_to: everyone


def test_every_mistake_is_told_on_its_line(vietnamese: None) -> None:
    found = problems("""
[[satisfaction_rules]]
on = "rate"
criterion = "HL1"
bands = [{ below = 90, criterion = "HL1" }]

[[satisfaction_rules]]
on = "praise"
criterion = "HL9"

[[satisfaction_rules]]
on = "complaint"
criterion = "HL2"
min_ratings = 3

[[satisfaction_rules]]
on = "complaint"
criterion = "HL2"
applies_to = { department = ["Một cửa"] }
""")
    assert [(problem.line, problem.where) for problem in found] == [
        (33, "satisfaction_rules[1]"),  # criterion on a rate rule
        (38, "satisfaction_rules[2]"),  # HL9
        (43, "satisfaction_rules[3]"),  # min_ratings on a complaint rule (refused: the next is not a second one)
        (48, "satisfaction_rules[4].applies_to"),  # "department", a misspelt key
        (48, "satisfaction_rules[4]"),  # so it names nothing
    ]
    texts = [problem.localized() for problem in found]
    assert "dòng 33" in texts[0] and "“bands”" in texts[0]
    assert "“HL9”" in texts[1]
    assert "chỉ dùng cho quy tắc về “rate”" in texts[2]


def test_a_second_rule_on_one_trigger_is_told_naming_the_key_on(vietnamese: None) -> None:
    found = problems("""
[[satisfaction_rules]]
on = "complaint"
criterion = "HL2"

[[satisfaction_rules]]
on = "complaint"
criterion = "HL1"
""")
    assert [(problem.line, problem.where) for problem in found] == [(36, "satisfaction_rules[2]")]
    assert found[0].localized() == ("Kế hoạch thi đua, dòng 36 (satisfaction_rules[2]): "
                                    "“on” = “complaint” được khai báo ở hai quy tắc")


def test_overlapping_or_impossible_bands_are_refused(vietnamese: None) -> None:
    overlapping = problems("""
[[satisfaction_rules]]
on = "rate"
bands = [{ below = 95, criterion = "HL1" }, { from = 90, criterion = "HL3" }]
""")
    assert [problem.line for problem in overlapping] == [33]
    assert "ngưỡng khác nhau" in overlapping[0].localized()
    beyond = problems("""
[[satisfaction_rules]]
on = "rate"
bands = [{ below = 120, criterion = "HL1" }]
""")
    assert "không quá 100" in beyond[0].localized()
    both = problems("""
[[satisfaction_rules]]
on = "rate"
bands = [{ below = 90, from = 95, criterion = "HL1" }]
""")
    assert "“below” hoặc “from”" in both[0].localized()


def test_a_plan_without_rules_has_none() -> None:
    assert load_plan(HEAD).satisfaction_rules == ()
    with pytest.raises(PlanProblemsError):
        load_plan(HEAD + '\n[[satisfaction_rules]]\non = "rating"\n')
    twice = problems('\n[[satisfaction_rules]]\non = "praise"\ncriterion = "HL3"\n' * 2)
    assert [(problem.line, problem.where) for problem in twice] == [(36, "satisfaction_rules[2]")]

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


def test_from_bands_are_read_highest_first_whatever_their_order_and_whom_a_rule_applies_to() -> None:
    plan = load_plan(HEAD + """
[[satisfaction_rules]]
on = "rate"
applies_to = { positions = ["Văn thư"] }
bands = [{ from = 95, criterion = "HL3" }, { below = 1, criterion = "HL2" }, { from = 100, criterion = "HL1" }]

[[satisfaction_rules]]
on = "praise"
criterion = "HL3"
applies_to = { departments = ["Bộ phận một cửa"], positions = ["Văn thư", "Kế toán"] }
""")
    rate, praise = plan.satisfaction_rules
    assert [(band.criterion_code, band.below, band.at_least) for band in rate.bands] == [
        ("HL2", 1, None), ("HL1", None, 100), ("HL3", None, 95)]
    assert [rate.band_for(Fraction(percent)).criterion_code for percent in (0, 95, 99, 100)] == [
        "HL2", "HL3", "HL3", "HL1"]
    assert rate.min_ratings == 1  # a month's rate counts from its first rating unless the plan says more
    assert (rate.departments, rate.positions) == ((), ("Văn thư",))
    assert rate.applies_to("VĂN THƯ", "Văn phòng") and not rate.applies_to("Chuyên viên", "Văn phòng")
    assert (praise.departments, praise.positions) == (("Bộ phận một cửa",), ("Văn thư", "Kế toán"))
    assert praise.applies_to("Kế toán", "Văn phòng") and praise.applies_to("Chuyên viên", "Bộ phận một cửa")
    assert not praise.applies_to("Chuyên viên", "Văn phòng")


ENTERED = '\n[[blocks]]\ncode = "NV"\nname = "Nhiệm vụ"\nentered = true\nmaximum = 50\n'
RATE = '\n[[satisfaction_rules]]\non = "rate"\n\n[[satisfaction_rules.bands]]\ncriterion = "HL1"\n{}\n'  # 31 to 36
APPLIES = ('\n[[satisfaction_rules]]\non = "complaint"\ncriterion = "HL2"\n\n[satisfaction_rules.applies_to]\n'
           '{}\n')  # [satisfaction_rules.applies_to] on 35, its keys from 36
RULE, BAND, TO = "satisfaction_rules[1]", "satisfaction_rules[1].bands[1]", "satisfaction_rules[1].applies_to"
PERCENTAGE = "“below” phải là tỷ lệ phần trăm lớn hơn 0 và không quá 100"
NAMES = "“{}” phải là danh sách tên"
# (id, rules after HEAD, line, place, the Vietnamese message)
REFUSALS = [
    ("bands on a complaint rule",
     '\n[[satisfaction_rules]]\non = "complaint"\ncriterion = "HL2"\nbands = [{ below = 90, criterion = "HL1" }]\n',
     34, RULE, "“bands” chỉ dùng cho quy tắc về “rate”"),
    ("min_ratings on a praise rule", '\n[[satisfaction_rules]]\non = "praise"\nmin_ratings = 3\ncriterion = "HL3"\n',
     33, RULE, "“min_ratings” chỉ dùng cho quy tắc về “rate”"),
    ("a criterion on a rate rule", RATE.format("below = 90").replace('on = "rate"', 'on = "rate"\ncriterion = "HL1"'),
     33, RULE, "quy tắc về “rate” ghi mã tiêu chí trong “bands”"),
    ("a rule without criterion", '\n[[satisfaction_rules]]\non = "praise"\n', 31, RULE,
     "“criterion” phải là chữ và không được để trống"),
    ("a rule on no criterion", '\n[[satisfaction_rules]]\non = "praise"\ncriterion = "HL9"\n', 33, RULE,
     "không có tiêu chí nào mang mã “HL9”"),
    ("a rule on an entered criterion", '\n[[satisfaction_rules]]\non = "praise"\ncriterion = "NV"\n' + ENTERED, 33,
     RULE, "“NV” do Lãnh đạo chấm điểm, không đếm từ sổ: không thể dùng ở đây"),
    ("min_ratings of 0", RATE.format("below = 90").replace('on = "rate"', 'on = "rate"\nmin_ratings = 0'), 33, RULE,
     "“min_ratings” phải là số nguyên không nhỏ hơn 1"),
    ("a rate rule without bands", '\n[[satisfaction_rules]]\non = "rate"\n', 31, RULE, "thiếu danh sách [[bands]]"),
    ("bands not tables", '\n[[satisfaction_rules]]\non = "rate"\nbands = [90]\n', 33, BAND,
     "mỗi mục của “bands” phải là một bảng"),
    ("a band below 0 %", RATE.format("below = 0"), 36, BAND, PERCENTAGE),
    ("a band below 100.5 %", RATE.format("below = 100.5"), 36, BAND, PERCENTAGE),
    ("a band's threshold as text", RATE.format('below = "90"'), 36, BAND, "“below” phải là số"),
    ("a band below and from", RATE.format("below = 90\nfrom = 98"), 34, BAND, "ghi một trong hai: “below” hoặc “from”"),
    ("a band on no criterion", RATE.format("below = 90").replace("HL1", "HL9"), 35, BAND,
     "không có tiêu chí nào mang mã “HL9”"),
    ("a band on an entered criterion", RATE.format("below = 90").replace("HL1", "NV") + ENTERED, 35, BAND,
     "“NV” do Lãnh đạo chấm điểm, không đếm từ sổ: không thể dùng ở đây"),
    ("positions as a text", APPLIES.format('departments = ["Một cửa"]\npositions = "KT"'), 37, TO,
     NAMES.format("positions")),
    ("a department without a name", APPLIES.format('departments = ["  "]'), 36, TO, NAMES.format("departments")),
    ("applies_to naming nobody", APPLIES.format("departments = []"), 35, RULE,
     "“applies_to” phải ghi ít nhất một bộ phận hoặc chức vụ"),
    ("applies_to as a text", '\n[[satisfaction_rules]]\non = "praise"\ncriterion = "HL3"\napplies_to = "Một cửa"\n',
     34, RULE, "thiếu mục [applies_to]"),
]


@pytest.mark.parametrize(("rules", "line", "where", "says"), [case[1:] for case in REFUSALS],
                         ids=[case[0] for case in REFUSALS])
def test_each_refusal_is_told_alone_on_its_line_naming_the_key(vietnamese: None, rules: str, line: int, where: str,
                                                                 says: str) -> None:
    [problem] = problems(rules)
    assert problem.localized() == f"Kế hoạch thi đua, dòng {line} ({where}): {says}"


def test_rules_not_a_list_of_tables_are_told_on_their_line(vietnamese: None) -> None:
    with pytest.raises(PlanProblemsError) as error:
        load_plan("satisfaction_rules = [1]\n" + HEAD)
    [problem] = error.value.problems
    assert problem.localized() == ("Kế hoạch thi đua, dòng 1 (satisfaction_rules[1]): mỗi mục của “satisfaction_rules”"
                                   " phải là một bảng")


def test_thresholds_at_the_ends_of_a_percentage_are_taken() -> None:
    plan = load_plan(HEAD + RATE.format("below = 0.5") + '\n[[satisfaction_rules.bands]]\ncriterion = "HL3"\n'
                                                          'from = 100\n')
    [rate] = plan.satisfaction_rules
    assert [(band.below, band.at_least) for band in rate.bands] == [(Fraction(1, 2), None), (None, 100)]

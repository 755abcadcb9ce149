"""Every refusal of the plan reader, one mistake at a time: it is told on its line, at its place, in Vietnamese,
naming the key; and what an omitted table or key means (the defaults a plan relies on without writing them)."""

from __future__ import annotations

import pytest

from ward_office.core.plan import load_plan
from ward_office.core.plan_values import PlanProblemsError
from ward_office.i18n import _

BASE = """\
[plan]
code = "T"
name = "Thử"
version = 1
base_score = 100

[[blocks]]
code = "A"
name = "Khối A"

[[blocks.criteria]]
code = "A1"
name = "Đi muộn"
points = -1

[[blocks.criteria]]
code = "A2"
name = "Biểu dương"
points = 2

[[attendance_rules]]
on = "late"
criterion = "A1"

[[grades]]
code = "X"
name = "Xuất sắc"
min_score = 95

[[grades]]
code = "T"
name = "Tốt"
min_score = 0
"""
LAST = len(BASE.splitlines())  # 33


def changed(after: int, lines: str, *, replace: bool = False) -> str:
    """BASE with ``lines`` put after its line ``after`` (or in place of it)."""
    base = BASE.splitlines()
    kept = base[:after - 1] if replace else base[:after]
    return "\n".join([*kept, *lines.splitlines(), *base[after:]]) + "\n"


NO_GRADE, NO_CRITERION = "không có mức xếp loại nào mang mã “Z”", "không có tiêu chí nào mang mã “A9”"
NO_BLOCK, TWICE = "không có nhóm tiêu chí nào mang mã “B”", "mã “{}” bị dùng hai lần"
ENTERED = '\n[[blocks]]\ncode = "NV"\nname = "Nhiệm vụ"\nentered = true\nmaximum = 50\n'  # [[blocks]] on LAST + 2
CEILING = '\n[[ceilings]]\n{}\nmax_grade = "X"\nmin_count = 1\nreason = "Vi phạm"'  # [[ceilings]] on LAST + 2
TITLE = '\n[[titles]]\ncode = "LDTT"\nname = "Lao động tiên tiến"\nmin_grade = "X"'  # [[titles]] on LAST + 2

# (id, plan text, line, place, what the Vietnamese message says: the key in quotes where the message has one)
REFUSALS = [
    ("criterion cap of 0", changed(19, "cap = 0"), 20, "blocks[1].criteria[2]", "“cap” phải lớn hơn 0"),
    ("block cap of 0", changed(9, "cap = 0"), 10, "blocks[1]", "“cap” phải lớn hơn 0"),
    ("negative cap", changed(19, "cap = -2"), 20, "blocks[1].criteria[2]", "“cap” phải lớn hơn 0"),
    ("max_share of 0", changed(LAST, '\n[quota]\ngrade = "X"\nmax_share = 0'), LAST + 4, "[quota]",
     "“max_share”"),
    ("max_share above 1", changed(LAST, '\n[quota]\ngrade = "X"\nmax_share = 1.5'), LAST + 4, "[quota]",
     "“max_share”"),
    ("quota on the lowest grade", changed(LAST, '\n[quota]\ngrade = "T"\nmax_share = 0.2'), LAST + 3, "[quota]",
     "“grade” không được là mức xếp loại thấp nhất"),
    ("quota on no grade", changed(LAST, '\n[quota]\ngrade = "Z"\nmax_share = 0.2'), LAST + 3, "[quota]", NO_GRADE),
    ("escalation changing sign", changed(19, "escalation = [{ from = 2, points = -3 }]"), 20,
     "blocks[1].criteria[2].escalation[1]", "“points” của mức lũy tiến phải cùng dấu"),
    ("escalation from 1", changed(19, "escalation = [{ from = 1, points = 3 }]"), 20,
     "blocks[1].criteria[2].escalation[1]", "“from”"),
    ("escalation without points", changed(19, "escalation = [{ from = 2 }]"), 20,
     "blocks[1].criteria[2].escalation[1]", "“points”"),
    ("two rules for one trigger", changed(23, '\n[[attendance_rules]]\non = "late"\ncriterion = "A1"'), 26,
     "attendance_rules[2]", "“on” = “late” được khai báo ở hai quy tắc"),
    ("a rule on no criterion", changed(23, 'criterion = "A9"', replace=True), 23, "attendance_rules[1]", NO_CRITERION),
    ("leave codes on a rule not on leave", changed(23, 'codes = ["P"]'), 24, "attendance_rules[1]", "“codes”"),
    ("a rule on leave without codes", changed(23, '\n[[attendance_rules]]\non = "leave"\ncriterion = "A1"'), 25,
     "attendance_rules[2]", "“codes”"),
    ("a leave code not known", changed(23, '\n[[attendance_rules]]\non = "leave"\ncriterion = "A1"\ncodes = ["Q"]'), 28,
     "attendance_rules[2]", "“codes” phải liệt kê các mã nghỉ trong số: P, Ô, Cô, Ts, T, H, Nb, No, CT"),
    ("an empty list of leave codes", changed(23, '\n[[attendance_rules]]\non = "leave"\ncriterion = "A1"\ncodes = []'),
     28, "attendance_rules[2]", "“codes”"),
    ("a leave code in two rules",
     changed(23, '\n[[attendance_rules]]\non = "leave"\ncriterion = "A1"\ncodes = ["P"]\n'
                 '\n[[attendance_rules]]\non = "leave"\ncriterion = "A1"\ncodes = ["P"]'), 33,
     "attendance_rules[3]", "“codes” có mã nghỉ đã thuộc một quy tắc khác"),
    ("ceiling naming a criterion and a block", changed(LAST, CEILING.format('criterion = "A1"\nblock = "A"')),
     LAST + 2, "ceilings[1]", "“criterion” hoặc “block”"),
    ("ceiling naming neither", changed(LAST, CEILING.format("")), LAST + 2, "ceilings[1]",
     "“criterion” hoặc “block”"),
    ("ceiling on no criterion", changed(LAST, CEILING.format('criterion = "A9"')), LAST + 3, "ceilings[1]",
     NO_CRITERION),
    ("ceiling on no block", changed(LAST, CEILING.format('block = "B"')), LAST + 3, "ceilings[1]", NO_BLOCK),
    ("ceiling to no grade", changed(LAST, CEILING.format('criterion = "A1"').replace('"X"', '"Z"')), LAST + 4,
     "ceilings[1]", NO_GRADE),
    ("ceiling on an entered criterion", changed(LAST, ENTERED + CEILING.format('criterion = "NV"')), LAST + 9,
     "ceilings[1]", "“NV” do Lãnh đạo chấm điểm"),
    ("ceiling on an entered block", changed(LAST, ENTERED + CEILING.format('block = "NV"')), LAST + 9, "ceilings[1]",
     "“NV” do Lãnh đạo chấm điểm"),
    ("ceiling from 0 occurrences",
     changed(LAST, CEILING.format('block = "A"').replace("min_count = 1", "min_count = 0")), LAST + 5,
     "ceilings[1]", "“min_count” phải là số nguyên không nhỏ hơn 1"),
    ("ceiling without reason", changed(LAST, CEILING.format('block = "A"').replace('\nreason = "Vi phạm"', "")),
     LAST + 2, "ceilings[1]", "“reason” phải là chữ"),
    ("maximum below the base score", changed(5, "maximum = 90"), 6, "[plan]", "“maximum”"),
    ("floor above the base score", changed(5, "floor = 101"), 6, "[plan]", "“floor”"),
    ("floor not below maximum", changed(5, "maximum = 100\nfloor = 100"), 7, "[plan]", "“floor”"),
    ("a block code twice", changed(19, '\n[[blocks]]\ncode = "A"\nname = "Khối B"\n\n[[blocks.criteria]]\n'
                                       'code = "B1"\nname = "Thẻ"\npoints = -1'), 22, "blocks[2]", TWICE.format("A")),
    ("a criterion code twice", changed(17, 'code = "A1"', replace=True), 17, "blocks[1].criteria[2]",
     TWICE.format("A1")),
    ("points of 0", changed(19, "points = 0", replace=True), 19, "blocks[1].criteria[2]", "“points”"),
    ("a maximum on a counted criterion", changed(19, "maximum = 5"), 20, "blocks[1].criteria[2]", "“maximum”"),
    ("brackets beside points", changed(19, "brackets = [{ from = 1, points = 2 }]"), 20, "blocks[1].criteria[2]",
     "“brackets”"),
    ("brackets weighing less", changed(19, "brackets = [{ from = 1, points = 2 }, { from = 3, points = 1 }]",
                                       replace=True), 19, "blocks[1].criteria[2]", "“brackets”"),
    ("weighted halves by default", changed(LAST, '\n[aggregation]\ndefault = "weighted_halves"'), LAST + 3,
     "[aggregation]", "“default” không được là “weighted_halves”"),
    ("year weights not positive", changed(LAST, "\n[aggregation]\nyear_weights = [1, 0]"), LAST + 3,
     "[aggregation]", "“year_weights”"),
    ("tie_break not a list", changed(LAST, '\n[ranking]\ntie_break = "fewer_violations"'), LAST + 3, "[ranking]",
     "“tie_break”"),
    ("tie_break of no rule", changed(LAST, '\n[ranking]\ntie_break = ["older_first"]'), LAST + 3, "[ranking]",
     "“tie_break”"),
    ("a plan without code", changed(2, "", replace=True), 1, "[plan]", "“code”"),
    ("a plan without name", changed(3, 'name = " "', replace=True), 3, "[plan]", "“name”"),
    ("a block without name", changed(9, "", replace=True), 7, "blocks[1]", "“name”"),
    ("a criterion without code", changed(17, "", replace=True), 16, "blocks[1].criteria[2]", "“code”"),
    ("a grade without min_score", changed(28, "", replace=True), 25, "grades[1]", "“min_score”"),
    ("a maximum of 0", changed(5, "maximum = 0"), 6, "[plan]", "“maximum” phải lớn hơn 0"),
    ("a floor as text", changed(5, 'floor = "0"'), 6, "[plan]", "“floor” phải là số"),
    ("a base score as text beside a maximum", changed(5, 'base_score = "100"\nmaximum = 110', replace=True), 5,
     "[plan]", "“base_score” phải là số"),
    ("ceiling without max_grade", changed(LAST, CEILING.format('block = "A"').replace('max_grade = "X"\n', "")),
     LAST + 2, "ceilings[1]", "“max_grade” phải là chữ"),
    ("ceiling per week", changed(LAST, CEILING.format('block = "A"\nper = "week"')), LAST + 4, "ceilings[1]",
     "“per” phải là một trong các giá trị: period, month, year"),
    ("two grades with one code", changed(31, 'code = "X"', replace=True), 31, "grades[2]", TWICE.format("X")),
    ("a grade without code", changed(26, "", replace=True), 25, "grades[1]", "“code” phải là chữ"),
    ("a grade without name", changed(27, "", replace=True), 25, "grades[1]", "“name” phải là chữ"),
    ("maximum below the base score, told with it", changed(5, "maximum = 90"), 6, "[plan]", "(100)"),
    ("floor above the base score, told with it", changed(5, "floor = 101"), 6, "[plan]", "(100)"),
    ("a block without code", changed(8, "", replace=True), 7, "blocks[1]", "“code” phải là chữ"),
    ("a block without criteria", changed(19, '\n[[blocks]]\ncode = "B"\nname = "Khối B"'), 21, "blocks[2]",
     "[[criteria]]"),
    ("an entered mark not true nor false", changed(LAST, ENTERED.replace("true", "1")), LAST + 5, "blocks[2]",
     "“entered”"),
    ("a block maximum of 0", changed(9, "maximum = 0"), 10, "blocks[1]", "“maximum” phải lớn hơn 0"),
    ("a block floor as text", changed(9, 'floor = "0"'), 10, "blocks[1]", "“floor” phải là số"),
    ("a block floor not below its maximum", changed(9, "maximum = 5\nfloor = 5"), 11, "blocks[1]", "“floor”"),
    ("a block floor above its start", changed(9, "maximum = 5\nfloor = 6"), 11, "blocks[1]", "(5)"),
    ("all_or_nothing not true nor false", changed(9, "maximum = 5\nall_or_nothing = 1"), 11, "blocks[1]",
     "“all_or_nothing”"),
    ("all_or_nothing without maximum", changed(9, "all_or_nothing = true"), 10, "blocks[1]", "“all_or_nothing”"),
    ("an entered block without maximum", changed(LAST, ENTERED.replace("maximum = 50\n", "")), LAST + 5,
     "blocks[2]", "“maximum”"),
    ("an entered block named like a criterion", changed(LAST, ENTERED.replace('"NV"', '"A1"')), LAST + 3,
     "blocks[2]", TWICE.format("A1")),
    ("a rule without criterion", changed(23, "", replace=True), 21, "attendance_rules[1]", "“criterion” phải là chữ"),
    ("a rule counted per week", changed(23, 'count = "week"'), 24, "attendance_rules[1]",
     "“count” phải là một trong các giá trị: session, day, run"),
    ("a rule on an entered criterion", changed(LAST, ENTERED + '\n[[attendance_rules]]\non = "absent"\n'
                                                             'criterion = "NV"'), LAST + 10, "attendance_rules[2]",
     "“NV” do Lãnh đạo chấm điểm"),
    ("a quota without grade", changed(LAST, "\n[quota]\nmax_share = 0.2"), LAST + 2, "[quota]", "“grade” phải là chữ"),
    ("aggregation not a table", "aggregation = 3\n" + BASE, 1, "", "[aggregation]"),
    ("max_share as text", changed(LAST, '\n[quota]\ngrade = "X"\nmax_share = "0.2"'), LAST + 4, "[quota]",
     "“max_share” phải là số"),
    ("quota not a table", "quota = 3\n" + BASE, 1, "", "[quota]"),
    ("ceilings not a list of tables", "ceilings = [1]\n" + BASE, 1, "ceilings[1]",
     "mỗi mục của “ceilings” phải là một bảng"),
    ("a quota basis of no kind", changed(LAST, '\n[quota]\ngrade = "X"\nmax_share = 0.2\nbasis = "some"'), LAST + 5,
     "[quota]", "“basis” phải là một trong các giá trị"),
    ("an aggregation of no kind", changed(LAST, '\n[aggregation]\ndefault = "median"'), LAST + 3, "[aggregation]",
     "“default” phải là một trong các giá trị"),
    ("a year aggregated by no kind", changed(LAST, '\n[aggregation]\nyear = "median"'), LAST + 3, "[aggregation]",
     "“year” phải là một trong các giá trị"),
    ("three year weights", changed(LAST, "\n[aggregation]\nyear_weights = [1, 2, 3]"), LAST + 3, "[aggregation]",
     "“year_weights”"),
    ("one year half", changed(LAST, "\n[aggregation]\nyear_halves = [[1, 6]]"), LAST + 3, "[aggregation]",
     "“year_halves”"),
    ("a long leave code not known", changed(LAST, '\n[aggregation]\nlong_leave_codes = ["Q"]'), LAST + 3,
     "[aggregation]", "“long_leave_codes”"),
    ("ranking not a table", "ranking = 3\n" + BASE, 1, "", "thiếu mục [ranking]"),
    ("a criterion without name", changed(18, "", replace=True), 16, "blocks[1].criteria[2]", "“name” phải là chữ"),
    ("a points range of one number", changed(19, "points_range = [-1]", replace=True), 19, "blocks[1].criteria[2]",
     "“points_range”"),
    ("brackets beside escalation", changed(19, "brackets = [{ from = 2, points = 2 }]\n"
                                               "escalation = [{ from = 3, points = 3 }]", replace=True), 19,
     "blocks[1].criteria[2]", "“brackets”"),
    ("points as text", changed(19, 'points = "2"', replace=True), 19, "blocks[1].criteria[2]", "“points” phải là số"),
    ("escalation not a list of tables", changed(19, "escalation = [1]"), 20, "blocks[1].criteria[2].escalation[1]",
     "mỗi mục của “escalation” phải là một bảng"),
    ("brackets not a list of tables", changed(19, "brackets = [1]", replace=True), 19,
     "blocks[1].criteria[2].brackets[1]", "mỗi mục của “brackets” phải là một bảng"),
    ("a bracket from 0", changed(19, "brackets = [{ from = 0, points = 2 }]", replace=True), 19,
     "blocks[1].criteria[2].brackets[1]", "“from” phải là số nguyên không nhỏ hơn 1"),
    ("brackets of two signs", changed(19, "brackets = [{ from = 1, points = -2 }, { from = 3, points = 3 }]",
                                      replace=True), 19, "blocks[1].criteria[2]", "“brackets”"),
    ("a bracket worth nothing", changed(19, "brackets = [{ from = 2, points = 0 }]", replace=True), 19,
     "blocks[1].criteria[2]", "“brackets”"),
    ("two brackets from one count", changed(19, "brackets = [{ from = 1, points = 2 }, { from = 1, points = 3 }]",
                                            replace=True), 19, "blocks[1].criteria[2]", "“brackets”"),
    ("a bracket's points as text", changed(19, 'brackets = [{ from = 1, points = "2" }]', replace=True), 19,
     "blocks[1].criteria[2].brackets[1]", "“points” phải là số"),
    ("a version of 0", changed(4, "version = 0", replace=True), 4, "[plan]", "“version”"),
    ("a base score as text", changed(5, 'base_score = "100"', replace=True), 5, "[plan]", "“base_score”"),
    ("an effective date as text", changed(5, 'effective_from = "2026-01-01"'), 6, "[plan]", "“effective_from”"),
    ("a title without code", changed(LAST, TITLE.replace('code = "LDTT"\n', "")), LAST + 2, "titles[1]",
     "“code” phải là chữ và không được để trống"),
    ("a title without name", changed(LAST, TITLE.replace('name = "Lao động tiên tiến"\n', "")), LAST + 2,
     "titles[1]", "“name” phải là chữ và không được để trống"),
    ("a title without min_grade", changed(LAST, TITLE.replace('\nmin_grade = "X"', "")), LAST + 2, "titles[1]",
     "“min_grade” phải là chữ và không được để trống"),
    ("a title's reason as a number", changed(LAST, TITLE + "\nreason = 3"), LAST + 6, "titles[1]",
     "“reason” phải là chữ và không được để trống"),
    ("a title requiring a text", changed(LAST, TITLE + '\nrequires = "LDTT"'), LAST + 6, "titles[1]",
     "“requires” phải là danh sách mã danh hiệu"),
    ("a title requiring a number", changed(LAST, TITLE + "\nrequires = [1]"), LAST + 6, "titles[1]",
     "“requires” phải là danh sách mã danh hiệu"),
    ("titles not a list of tables", "titles = [1]\n" + BASE, 1, "titles[1]", "mỗi mục của “titles” phải là một bảng"),
    ("titles not a list", "titles = 3\n" + BASE, 1, "", "thiếu danh sách [[titles]]"),
]


@pytest.mark.parametrize(("text", "line", "where", "says"), [case[1:] for case in REFUSALS],
                         ids=[case[0] for case in REFUSALS])
def test_each_refusal_is_told_on_its_line_naming_the_key(vietnamese: None, text: str, line: int, where: str,
                                                          says: str) -> None:
    with pytest.raises(PlanProblemsError) as raised:
        load_plan(text)
    assert [(problem.line, problem.where) for problem in raised.value.problems] == [(line, where)]
    message = raised.value.localized()
    assert message.startswith(f"Kế hoạch thi đua, dòng {line} ({where}): " if where else
                              f"Kế hoạch thi đua, dòng {line}: ")
    assert says in message
    problem = raised.value.problems[0]
    assert _(problem.message) != problem.message  # the message is one the catalog translates


def test_the_base_plan_of_these_refusals_loads() -> None:
    plan = load_plan(BASE)
    assert [grade.code for grade in plan.grades] == ["X", "T"]
    assert plan.criteria["A1"].points == -1


def problems_of(text: str) -> PlanProblemsError:
    with pytest.raises(PlanProblemsError) as raised:
        load_plan(text)
    return raised.value


def test_problems_are_told_in_the_order_of_their_lines_those_without_a_line_first(vietnamese: None) -> None:
    # Read in the order blocks, then [plan]; told by line. A file with no [plan] at all has no line for it.
    error = problems_of(changed(19, "points = 0", replace=True).replace("version = 1", "version = 0"))
    assert [problem.line for problem in error.problems] == [4, 19]
    error = problems_of("colour = 1\n" + BASE.split("\n", 5)[5])
    assert [(problem.line, problem.params["key"]) for problem in error.problems] == [(None, "plan"), (1, "colour")]
    assert error.localized().splitlines()[:2] == ["Kế hoạch thi đua có 2 lỗi:", "– thiếu mục [plan]"]


def test_a_plan_without_its_plan_table_says_so_without_a_place(vietnamese: None) -> None:
    error = problems_of(BASE.split("\n", 5)[5])
    assert [(problem.line, problem.where) for problem in error.problems] == [(None, "")]
    assert error.localized() == "Kế hoạch thi đua: thiếu mục [plan]"


def test_a_table_the_format_lacks_is_told_on_its_header_line(vietnamese: None) -> None:
    error = problems_of(BASE + '\n[[khoi]]\ncode = "K"\n\n[mau]\nten = "x"\n')
    assert [(problem.line, problem.params["key"]) for problem in error.problems] == [(35, "khoi"), (38, "mau")]


def test_a_plan_without_blocks_nor_grades_says_only_so(vietnamese: None) -> None:
    no_blocks = BASE[:BASE.index("[[blocks]]")] + BASE[BASE.index("[[grades]]"):]
    error = problems_of(no_blocks)
    assert [(problem.message, problem.params.get("key")) for problem in error.problems] == [
        ("a list [[{key}]] is required", "blocks")]
    no_grades = BASE[:BASE.index("[[grades]]")] + '[quota]\ngrade = "X"\nmax_share = 0.2\n'
    error = problems_of(no_grades)
    assert [(problem.message, problem.params.get("key")) for problem in error.problems] == [
        ("a list [[{key}]] is required", "grades")]
    assert error.localized() == "Kế hoạch thi đua: thiếu danh sách [[grades]]"


def test_every_bad_criterion_of_a_block_is_told(vietnamese: None) -> None:
    error = problems_of(changed(14, "points = 0", replace=True).replace("points = 2", "points = 0"))
    assert [(problem.line, problem.where) for problem in error.problems] == [
        (14, "blocks[1].criteria[1]"), (19, "blocks[1].criteria[2]"), (23, "attendance_rules[1]")]


def test_attendance_rules_that_are_no_list_of_tables_are_refused(vietnamese: None) -> None:
    without_rules = BASE.replace('[[attendance_rules]]\non = "late"\ncriterion = "A1"\n', "")
    assert load_plan(without_rules).attendance_rules == ()
    error = problems_of('attendance_rules = ["late"]\n' + without_rules)
    assert [(problem.line, problem.where) for problem in error.problems] == [(1, "attendance_rules[1]")]


def test_every_bad_block_is_told_even_after_an_entered_one(vietnamese: None) -> None:
    error = problems_of(changed(LAST, ENTERED.replace("maximum = 50\n", "") + '\n[[blocks]]\ncode = "B"\nname = "B"'
                                                                              '\nmaximum = 0'))
    assert [(problem.line, problem.where) for problem in error.problems] == [
        (LAST + 5, "blocks[2]"), (LAST + 7, "blocks[3]"), (LAST + 10, "blocks[3]")]  # no maximum; no criteria, 0


def test_a_toml_mistake_is_told_on_its_line_and_column(vietnamese: None) -> None:
    # 'name = "Thử' is 11 characters: the string is still open at the line's end, column 12.
    error = problems_of(BASE.replace('name = "Thử"', 'name = "Thử'))
    assert [(problem.line, problem.where) for problem in error.problems] == [(3, "")]
    assert error.localized() == ("Kế hoạch thi đua, dòng 3: văn bản không đúng cú pháp TOML ở cột 12: hãy xem có "
                                 "thiếu dấu nháy, dấu ngoặc hay dấu “=”, hoặc có khóa nào viết hai lần")


def test_several_problems_are_listed_each_with_its_line_and_place(vietnamese: None) -> None:
    # No [plan] (no line, no place), an unknown key on line 1 (no place), points of 0 on line 15 (a place).
    error = problems_of("colour = 1\n" + changed(19, "points = 0", replace=True).split("\n", 5)[5])
    lines = error.localized().splitlines()
    assert lines[:2] == ["Kế hoạch thi đua có 3 lỗi:", "– thiếu mục [plan]"]
    assert lines[2].startswith("– dòng 1: không có khóa “colour”")
    assert lines[3] == "– dòng 15 (blocks[1].criteria[2]): “points” không được bằng 0"

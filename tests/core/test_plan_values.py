"""Where a value written over several lines ends, and the line the plan reader tells for a mistake after it; the
syntax error's message; several problems listed under one heading."""

from __future__ import annotations

import pytest

from ward_office.core.plan import load_plan
from ward_office.core.plan_values import (
    KeyLines,
    PlanProblem,
    PlanProblemsError,
    PlanValues,
    _value_open,
    where_text,
)


@pytest.mark.parametrize(("value", "is_open"), [
    (" 1", False),
    ("[", True),  # written "a=[" with no space
    (" [", True),
    (" [1]", False),
    (" [[1, 2],", True),
    (" [[1, 2], [3]]", False),
    (" [{ x = 1 },", True),
    (" { X = 1 }", False),
    (' ["["]', False),  # brackets inside strings are no brackets
    (" ['[']", False),
    (' ["", "["]', False),
    (" ['', '[']", False),
    (' ["\\"["]', False),  # ["\"["]: an escaped quote does not end the string
    (' ["a\\\\", "["]', False),  # ["a\\", "["]: an escaped backslash does not escape the quote after it
    (" ['C:\\', 1", True),  # ['C:\', 1: a literal string has no escapes
    (' "abc', False),
    (' ["abc', True),
    (' "#["', False),
    (" '#['", False),
    (' """a', True),
    (' """a"""', False),
    (' """"""', False),  # an empty multi-line string
    (" '''a", True),
    (" '''a'''", False),
    (" ''''''", False),
    (' ["""x"""]', False),
    (" ['''x''']", False),
    (' """a"""[', True),
    (' """a]"""', False),
    (" [ # ]", True),  # a bracket in a comment is no bracket
    (" 1 # [", False),
    (" [ # [\n  1,\n]", False),  # a comment ends with its line
    (" [  # a ]\n  1,  # b [\n  2,\n]", False),
    (" [  # a ]\n  1,  # b [\n  2,", True),
    (" [\n  1,\n]", False),
    (' """a""" ["""b"""', True),  # a string ends at its first closing quotes
    (" 'a' [ 'b'", True),
    (" ['abc", True),  # a literal string left open runs to the end
    (" [{ X = 1 },", True),
    (" [ # a\n [1,\n # c\n 2]", True),  # each comment ends with its own line
])
def test_where_a_value_ends(value: str, is_open: bool) -> None:
    assert _value_open(value) is is_open


def test_keys_after_values_over_several_lines() -> None:
    text = ('a=[\n  1,\n]\n'  # 1-3
            'b = """\nfirst\nc = 1\n"""\n'  # 4-7: "c = 1" is inside the string
            "d = [  # các bước [cũ]\n  { from = 2 },  # lần 2 {\n  { from = 3 },\n]\n"  # 8-11
            'e = ["\\"[", \'C:\\\', "a\\\\"]\n'  # 12
            "f = '''\ng = 2\n'''\n"  # 13-15
            "h = 1\n")  # 16
    assert KeyLines(text).keys == {((), "a"): 1, ((), "b"): 4, ((), "d"): 8, ((), "e"): 12, ((), "f"): 13,
                                   ((), "h"): 16}


PLAN = """\
[plan]
code = "T"
name = "Thử [mới] \\"A\\" {"
version = 1
base_score = 100

[[blocks]]
code = "A"
name = 'Khối "A" ['

[[blocks.criteria]]
code = "A1"
name = \"\"\"Đi muộn
code = "A9" [ghi chú]\"\"\"
escalation = [  # các bước [cũ]
  { from = 2, points = -2 },  # lần 2 {
  { from = 3, points = -3 },
]
points = "x"

[[attendance_rules]]
on = "late"
criterion = "A1"

[[grades]]
code = "X"
name = "Xuất sắc"
min_score = 0
"""


def test_a_mistake_after_values_over_several_lines_is_told_on_its_line(vietnamese: None) -> None:
    with pytest.raises(PlanProblemsError) as raised:
        load_plan(PLAN)
    assert raised.value.localized() == (  # the refused criterion is missing to the rule that names it
        "Kế hoạch thi đua có 2 lỗi:\n"
        "– dòng 19 (blocks[1].criteria[1]): “points” phải là số\n"
        "– dòng 23 (attendance_rules[1]): không có tiêu chí nào mang mã “A1”")


def test_a_syntax_error_is_told_with_its_line_and_column(vietnamese: None) -> None:
    with pytest.raises(PlanProblemsError) as raised:
        load_plan("[plan]\n" + "\n" * 10 + 'code = "T\n')
    assert raised.value.localized() == (
        "Kế hoạch thi đua, dòng 12: văn bản không đúng cú pháp TOML ở cột 10: hãy xem có thiếu dấu nháy, dấu ngoặc"
        " hay dấu “=”, hoặc có khóa nào viết hai lần")
    assert [(problem.line, problem.where, problem.params) for problem in raised.value.problems] == [
        (12, "", {"column": 10})]


def test_a_syntax_error_without_a_line_is_told_as_tomllib_words_it(vietnamese: None) -> None:
    with pytest.raises(PlanProblemsError) as raised:
        load_plan("a = ")
    assert raised.value.localized() == (
        "Kế hoạch thi đua: văn bản không đúng cú pháp TOML: Invalid value (at end of document)")
    assert raised.value.problems == [PlanProblem(None, "", "the text is not valid TOML: {error}",
                                                 {"error": "Invalid value (at end of document)"})]


def test_several_problems_are_listed_under_a_heading(vietnamese: None) -> None:
    number, table = "“{key}” must be a number", "a table [{key}] is required"
    problems = [PlanProblem(None, "", table, {"key": "plan"}), PlanProblem(None, "[quota]", number, {"key": "x"}),
                PlanProblem(12, "", number, {"key": "y"}), PlanProblem(14, "blocks[2]", number, {"key": "z"})]
    assert PlanProblemsError(problems).localized() == (
        "Kế hoạch thi đua có 4 lỗi:\n"
        "– thiếu mục [plan]\n"
        "– tại [quota]: “x” phải là số\n"
        "– dòng 12: “y” phải là số\n"
        "– dòng 14 (blocks[2]): “z” phải là số")
    assert [problem.localized() for problem in problems] == [
        "Kế hoạch thi đua: thiếu mục [plan]", "Kế hoạch thi đua, tại [quota]: “x” phải là số",
        "Kế hoạch thi đua, dòng 12: “y” phải là số", "Kế hoạch thi đua, dòng 14 (blocks[2]): “z” phải là số"]


HEADERS = """\
top = 1
[plan]  # đầu
"code" = "T"
[[blocks]]
code = "A"
[[ blocks.criteria ]]  # tiêu chí
code = "A1"
escalation = [{ from = 2, points = -2 }]
[blocks.criteria.extra]
x = 1
[[blocks]]
code = "B"
[blocks.note]
[[blocks.criteria]]
'code' = "B1"
"""
FIRST, SECOND = ("blocks", 0, "criteria", 0), ("blocks", 1, "criteria", 0)


def test_tables_and_keys_by_their_place() -> None:
    lines = KeyLines(HEADERS)
    assert lines.tables == {(): 1, ("plan",): 2, ("blocks", 0): 4, FIRST: 6, (*FIRST, "extra"): 9, ("blocks", 1): 11,
                            ("blocks", 1, "note"): 13, SECOND: 14}
    assert lines.keys == {((), "top"): 1, (("plan",), "code"): 3, (("blocks", 0), "code"): 5, (FIRST, "code"): 7,
                          (FIRST, "escalation"): 8, ((*FIRST, "extra"), "x"): 10, (("blocks", 1), "code"): 12,
                          (SECOND, "code"): 15}


@pytest.mark.parametrize(("path", "key", "line"), [
    (("plan",), "code", 3),
    (("plan",), "name", 2),  # a key not written: its table's line
    ((), "top", 1),
    ((), "name", None),  # not written, in no table
    (FIRST, "extra", 9),  # a key written as a table
    (("blocks", 0), "criteria", 6),  # a key written as an array of tables: its first entry
    ((*FIRST, "escalation", 0), "from", 8),  # inside a value: the key holding it
    (("quota",), "grade", None),
    (("top", 0), None, 1),
    (SECOND, None, 14),
    ((*SECOND, "brackets", 0), "from", 14),  # inside a value not written: the table's line
])
def test_the_line_of_a_place(path: tuple[str | int, ...], key: str | None, line: int | None) -> None:
    assert KeyLines(HEADERS).line(path, key) == line


@pytest.mark.parametrize(("path", "text"), [
    (("quota",), "[quota]"),
    (("blocks", 0), "blocks[1]"),
    (("blocks", 1, "criteria", 0), "blocks[2].criteria[1]"),
    (("aggregation", "year_halves"), "aggregation.year_halves"),
    (("blocks", 2, "criteria", 10, "escalation", 1), "blocks[3].criteria[11].escalation[2]"),
])
def test_a_place_as_the_writer_reads_it(path: tuple[str | int, ...], text: str) -> None:
    assert where_text(path) == text


def test_unknown_keys_in_the_file_its_tables_and_its_lists(vietnamese: None) -> None:
    values = PlanValues('a = 1\n[t]\nb = 2\nc = 3\n[[l]]\nd = 4\n')
    data = {"a": 1, "t": {"b": 2, "c": 3}, "l": [{"d": 4}, 5]}
    values.unknown_keys(data, {"": frozenset({"t", "l"}), "t": frozenset({"c"}), "l": frozenset({"e"})})
    assert PlanProblemsError(values.problems).localized() == (
        "Kế hoạch thi đua có 3 lỗi:\n"
        "– dòng 1: không có khóa “a” trong tệp kế hoạch; các khóa được dùng ở đó là: l, t\n"
        "– dòng 3 ([t]): không có khóa “b” trong [t]; các khóa được dùng ở đó là: c\n"
        "– dòng 6 (l[1]): không có khóa “d” trong [[l]]; các khóa được dùng ở đó là: e")


def test_keys_of_a_table_the_format_does_not_name_are_all_unknown(vietnamese: None) -> None:
    values = PlanValues("a = 1\n")
    values.unknown_keys({"a": 1}, {})
    assert [problem.localized() for problem in values.problems] == [
        "Kế hoạch thi đua, dòng 1: không có khóa “a” trong tệp kế hoạch; các khóa được dùng ở đó là: "]


def test_a_key_param_that_names_no_key_does_not_place_the_problem() -> None:
    values = PlanValues("[[blocks]]\ncode = 1\n")
    values.fail(("blocks",), "m", key=0)
    assert values.problems == [PlanProblem(None, "[blocks]", "m", {"key": 0})]


@pytest.mark.parametrize("version", ["1.5", "true", "0"])
def test_a_version_that_is_no_whole_number_from_1_is_refused(vietnamese: None, version: str) -> None:
    text = PLAN.replace('points = "x"', "points = -1").replace("version = 1", f"version = {version}")
    with pytest.raises(PlanProblemsError) as raised:
        load_plan(text)
    assert raised.value.localized() == "Kế hoạch thi đua, dòng 4 ([plan]): “version” phải là số nguyên không nhỏ hơn 1"


def test_a_key_name_loses_its_quotes_only() -> None:
    assert KeyLines('"X" = 1\n\'Xy\' = 2\nXz = 3\n').keys == {((), "X"): 1, ((), "Xy"): 2, ((), "Xz"): 3}


def test_a_maximum_that_is_no_number_is_told_on_its_line(vietnamese: None) -> None:
    text = PLAN.replace('points = "x"', "points = -1").replace("version = 1", 'version = 1\nmaximum = "x"')
    with pytest.raises(PlanProblemsError) as raised:
        load_plan(text)
    assert raised.value.localized() == "Kế hoạch thi đua, dòng 5 ([plan]): “maximum” phải là số"


def test_a_list_of_tables_written_as_another_value_is_refused(vietnamese: None) -> None:
    values = PlanValues('x = "ab"\n')
    assert values.attempt(values.items, {"x": "ab"}, "x", ()) is None
    assert [problem.localized() for problem in values.problems] == [
        "Kế hoạch thi đua, dòng 1: thiếu danh sách [[x]]"]


def test_a_text_not_written_takes_the_default() -> None:
    values = PlanValues("")
    assert values.text({}, "name", (), " Mặc định ") == "Mặc định"
    assert values.problems == []

"""The plan reader refuses keys the format lacks, telling every problem of a file with its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ward_office.core.plan import PLAN_KEYS, load_plan
from ward_office.core.plan_values import KeyLines, PlanProblem, PlanProblemsError

PLANS = Path(__file__).parents[2] / "resources" / "plans"

MISSPELT = """\
[plan]
code = "T"
name = "Thử"
version = 1
base_score = 100

[[blocks]]
code = "A"
name = "Khối A"
max_points = 20

[[blocks.criteria]]
code = "A1"
name = "Đi muộn"
points = -1

[[blocks.criteria]]
code = "A2"
name = "Vắng"
points = -3
on_leave = true

[[blocks]]
code = "B"
name = "Khối B"

[[blocks.criteria]]
code = "B1"
name = "Thẻ"
points = -1
on_leave = 3

[[attendance_rules]]
on = "lat"
criterion = "A1"

[[grades]]
code = "X"
name = "Xuất sắc"
min_score = 90

[[grades]]
code = "Y"
name = "Còn lại"
min_score = 0

[quota]
grade = "X"
max_share = 2
"""


def plan_problems(text: str) -> list[PlanProblem]:
    try:
        load_plan(text)
    except PlanProblemsError as error:
        return error.problems
    return []


def test_every_problem_is_told_on_its_line(vietnamese: None) -> None:
    problems = plan_problems(MISSPELT)
    assert [(problem.line, problem.where) for problem in problems] == [
        (10, "blocks[1]"),  # max_points
        (21, "blocks[1].criteria[2]"),  # on_leave of A2, not of B1 below
        (31, "blocks[2].criteria[1]"),  # on_leave of B1
        (34, "attendance_rules[1]"),  # "lat"
        (49, "[quota]"),  # max_share 2
    ]
    first = problems[0].localized()
    assert "dòng 10" in first and "“max_points”" in first and "[[blocks]]" in first and "cap" in first
    with pytest.raises(PlanProblemsError) as error:
        load_plan(MISSPELT)
    assert error.value.localized().count("\n") == 5  # a heading and the five problems


def test_a_stored_plan_with_a_key_unknown_then_still_loads() -> None:
    text = MISSPELT.replace('on = "lat"', 'on = "late"').replace("max_share = 2", "max_share = 0.5")
    with pytest.raises(PlanProblemsError):
        load_plan(text)
    plan = load_plan(text, unknown_keys=True)
    assert plan.block("A").cap is None and plan.criteria["A2"].points == -3


def test_a_toml_mistake_is_told_with_its_line() -> None:
    [problem] = plan_problems('[plan]\ncode = "T\nname = "x"\n')
    assert problem.line == 2


def test_lines_of_keys_inside_multi_line_values_and_inline_tables() -> None:
    text = ('[[blocks]]\ncode = "A"\n\n[[blocks.criteria]]\ncode = "A1"\nescalation = [\n  { from = 2, points = -1 },\n'
            '  { from = 3, points = -2 },\n]\nname = """x\ny = 1\n"""\n\n[[blocks.criteria]]\ncode = "A2"\n')
    lines = KeyLines(text)
    assert lines.line(("blocks", 0), "code") == 2
    assert lines.line(("blocks", 0, "criteria", 0), "name") == 10
    assert lines.line(("blocks", 0, "criteria", 0), "y") == 4  # inside the string: no key, the table's line
    assert lines.line(("blocks", 0, "criteria", 0, "escalation", 1), "from") == 6
    assert lines.line(("blocks", 0, "criteria", 1), "code") == 15


@pytest.mark.parametrize("name", sorted(path.name for path in PLANS.glob("*.toml")))
def test_bundled_plans_have_no_problem(name: str) -> None:
    assert plan_problems((PLANS / name).read_text(encoding="utf-8")) == []


def test_every_table_of_the_format_lists_its_keys() -> None:
    tables = {key for keys in PLAN_KEYS.values() for key in keys}
    assert {"plan", "blocks", "criteria", "escalation", "quota"} <= tables
    assert {"maximum", "floor"} <= PLAN_KEYS["blocks"]


def test_every_example_of_the_format_document_is_a_plan_without_problem() -> None:
    document = (PLANS.parents[1] / "docs" / "plan-format.md").read_text(encoding="utf-8")
    examples = re.findall(r"```toml\n(.*?)```", document, flags=re.DOTALL)
    assert len(examples) == 2
    for example in examples:
        assert plan_problems(example) == []
    # A key is named in backquotes, or first in an inline table: `{ from = N, points = P }`.
    documented = {name for pair in re.findall(r"`([a-z_]+)`|`\{ ([a-z_]+) =", document) for name in pair}
    tables = {table.split(".")[-1] for table in PLAN_KEYS}
    assert {key for keys in PLAN_KEYS.values() for key in keys} - tables <= documented  # each key has its line

"""The emulation plan (kế hoạch thi đua): criteria, points, caps, grades and quota, as data.

A plan is written in TOML (see ``resources/plans/``) so a ward can adopt another scheme without a new
program. ``load_plan`` checks every reference inside the plan and says where a mistake is. Points are
kept as exact fractions, so 0.5-point deductions and averages never drift.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from ward_office.core.attendance import LeaveCode
from ward_office.core.plan_entered import EnteredPlanValues
from ward_office.core.plan_ranges import mildest, read_all_or_nothing, read_points_range
from ward_office.core.plan_satisfaction import read_satisfaction_rules
from ward_office.core.plan_terms import (
    DEFAULT_TIE_BREAK,
    PLAN_KEYS,
    Aggregation,
    AttendanceTrigger,
    CeilingScope,
    CountUnit,
    QuotaBasis,
    TieBreak,
)
from ward_office.core.plan_titles import Title, read_titles
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
    block_start,
)
from ward_office.core.plan_values import Path, PlanProblem, PlanProblemsError, toml_problem
from ward_office.core.plan_year import read_long_leave_codes, read_year_halves
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_number

__all__ = [
    "DEFAULT_TIE_BREAK", "PLAN_KEYS", "Aggregation", "AggregationRule", "AttendanceRule", "AttendanceTrigger", "Block",
    "Bracket", "Ceiling", "CeilingScope", "CountUnit", "Criterion", "EmulationPlan", "EscalationStep", "Grade",
    "PlanProblem", "Quota", "QuotaBasis", "TieBreak", "Title", "load_plan",
]


# ---- Reading a plan from TOML ----

def load_plan(text: str, *, unknown_keys: bool = False) -> EmulationPlan:
    """Parse and check a plan; raise PlanError listing every mistake with its line.

    ``unknown_keys=True`` lets keys the format lacks pass unread: for a plan stored before they were refused,
    which went on scoring as if they were absent and must keep doing so. Such a plan may also have two escalation
    steps from one occurrence (refused since): the one written later counts, as it did."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlanProblemsError([toml_problem(error)]) from error
    return _Reader(text, data, unknown_keys).plan()


class _Reader(EnteredPlanValues):
    """One method per part of the plan; a part with a mistake is recorded and the next is read all the same."""

    def __init__(self, text: str, data: dict[str, Any], unknown_keys: bool) -> None:
        super().__init__(text)
        self.data = data
        self.stored = unknown_keys  # read as it was adopted
        if not unknown_keys:
            self.unknown_keys(data, PLAN_KEYS)

    def plan(self) -> EmulationPlan:
        head = self.attempt(self.table, self.data, "plan", ())
        parts = self.attempt(self.blocks)
        blocks, criteria = parts if parts is not None else ([], {})
        rules = self.attempt(self.attendance_rules, criteria) or []
        grades = self.attempt(self.grades) or []
        grade_codes = {grade.code for grade in grades}
        ceilings = self.attempt(self.ceilings, criteria, blocks, grade_codes) or []
        quota = self.attempt(self.quota, grades) if grades else None
        titles = self.attempt(read_titles, self, self.data, [grade.code for grade in grades]) or []
        satisfaction = self.attempt(read_satisfaction_rules, self, self.data, criteria) or []
        aggregation = self.attempt(self.aggregation) or AggregationRule()
        tie_break = self.attempt(self.tie_break) or ()
        plan = self.attempt(self.head, head, blocks, criteria) if head is not None else None
        if self.problems or plan is None or not grades:
            raise PlanProblemsError(sorted(self.problems, key=lambda problem: problem.line or 0))
        return replace(plan, attendance_rules=tuple(rules), grades=tuple(grades), ceilings=tuple(ceilings),
                       quota=quota, aggregation=aggregation, tie_break=tie_break, titles=tuple(titles),
                       satisfaction_rules=tuple(satisfaction))

    def head(self, head: Mapping[str, Any], blocks: list[Block], criteria: dict[str, Criterion]) -> EmulationPlan:
        where: Path = ("plan",)
        code, name = self.attempt(self.text, head, "code", where), self.attempt(self.text, head, "name", where)
        version = self.attempt(self.integer, head, "version", where)
        effective = self.attempt(self.optional_date, head, "effective_from", where)
        base_score = self.attempt(self.number, head, "base_score", where)
        maximum = self.attempt(self.optional_number, head, "maximum", where)
        floor = self.attempt(self.bound, head, "floor", where)
        if code is None or name is None or version is None or base_score is None:
            raise self.refused()
        self.check_bounds(where, base_score, maximum, floor)
        return EmulationPlan(code=code, name=name, version=version, effective_from=effective, base_score=base_score,
                             blocks=tuple(blocks), criteria=criteria, attendance_rules=(), grades=(),
                             label=str(head.get("label", "")), description=str(head.get("description", "")),
                             maximum=maximum, floor=floor)

    def bound(self, data: Mapping[str, Any], key: str, path: Path) -> Fraction | None:
        """An optional number of any sign: a floor."""
        return self.number(data, key, path) if key in data else None

    def check_bounds(self, where: Path, start: Fraction, maximum: Fraction | None, floor: Fraction | None) -> bool:
        """A score starts within its bounds: floor ≤ start ≤ maximum, the floor below the maximum."""
        if maximum is not None and start > maximum:
            raise self.fail(where, N_("“{key}” cannot be below the score everyone starts from ({start})"),
                            key="maximum", start=format_number(start))
        if floor is not None and floor > start:
            raise self.fail(where, N_("“{key}” cannot be above the score everyone starts from ({start})"),
                            key="floor", start=format_number(start))
        if maximum is not None and floor is not None and floor >= maximum:
            raise self.fail(where, N_("“floor” must be below “maximum”"), key="floor")
        return True

    def blocks(self) -> tuple[list[Block], dict[str, Criterion]]:
        blocks: list[Block] = []
        criteria: dict[str, Criterion] = {}
        for block_index, block_data in enumerate(self.items(self.data, "blocks", ())):
            where: Path = ("blocks", block_index)
            block_code = self.attempt(self.text, block_data, "code", where)
            if block_code is not None and any(block.code == block_code for block in blocks):
                self.fail(where, N_("the code “{code}” is used twice"), code=block_code, key="code")
            codes = []
            entered = bool(self.attempt(self.entered, block_data, where))
            for index, item in enumerate(self.attempt(self.items, block_data, "criteria", where, not entered) or []):
                read = self.entered_criterion if entered else self.criterion
                criterion = self.attempt(read, item, block_code or "", (*where, "criteria", index))
                if criterion is None:
                    continue
                if criterion.code in criteria:
                    self.fail((*where, "criteria", index), N_("the code “{code}” is used twice"),
                              code=criterion.code, key="code")
                criteria[criterion.code] = criterion
                codes.append(criterion.code)
            name = self.attempt(self.text, block_data, "name", where)
            cap = self.attempt(self.optional_number, block_data, "cap", where)
            maximum = self.attempt(self.optional_number, block_data, "maximum", where)
            floor = self.attempt(self.bound, block_data, "floor", where)
            all_or_nothing = bool(self.attempt(read_all_or_nothing, self, block_data, where))
            if block_code is not None and name is not None:
                codes = codes or self.own_item(entered, block_code, name, maximum, criteria, where)
                block = Block(block_code, name, tuple(codes), cap, maximum, floor, all_or_nothing, entered)
                if self.attempt(self.check_entered_block, block_data, where, block, criteria) is None:
                    continue
                if self.attempt(self.check_bounds, where, block_start(block, criteria), maximum, floor) is not None:
                    blocks.append(block)
        return blocks, criteria

    def attendance_rules(self, criteria: Mapping[str, Criterion]) -> list[AttendanceRule]:
        rules: list[AttendanceRule] = []
        for index, item in enumerate(self.items(self.data, "attendance_rules", (), required=False)):
            rule = self.attempt(self.attendance_rule, item, ("attendance_rules", index), criteria, rules)
            if rule is not None:
                rules.append(rule)
        return rules

    def attendance_rule(self, item: Mapping[str, Any], where: Path, criteria: Mapping[str, Criterion],
                        rules: list[AttendanceRule]) -> AttendanceRule:
        trigger = self.choice(item, "on", where, AttendanceTrigger)
        code = self.text(item, "criterion", where)
        if code not in criteria:
            raise self.fail(where, N_("no criterion has the code “{code}”"), code=code, key="criterion")
        self.not_entered(criteria, code, where, "criterion")
        count = self.choice(item, "count", where, CountUnit, CountUnit.SESSION)
        if trigger is AttendanceTrigger.LEAVE:
            return AttendanceRule(trigger, code, count, self.leave_codes(item, where, rules))
        if "codes" in item:
            raise self.fail(where, N_("“codes” belongs to a rule on “leave” only"), key="codes")
        if any(rule.trigger is trigger for rule in rules):
            raise self.fail(where, N_("“{key}” = “{trigger}” is given in two rules"), trigger=trigger.value, key="on")
        return AttendanceRule(trigger, code, count)

    def leave_codes(self, item: Mapping[str, Any], where: Path, rules: list[AttendanceRule]) -> tuple[LeaveCode, ...]:
        """The leave codes of a rule on leave: listed, known, and taken by no other rule."""
        values = item.get("codes")
        allowed = ", ".join(code.value for code in LeaveCode)
        if (not isinstance(values, list) or not values
                or not all(isinstance(value, str) and value in set(LeaveCode) for value in values)):
            raise self.fail(where, N_("“codes” must list leave codes among: {allowed}"), key="codes", allowed=allowed)
        taken = {code for rule in rules for code in rule.leave_codes}
        if taken & set(values):
            raise self.fail(where, N_("“{key}” lists a leave code that another rule lists already"), key="codes")
        return tuple(LeaveCode(value) for value in values)

    def grades(self) -> list[Grade]:
        """The grades, highest first."""
        grades: list[Grade] = []
        for index, item in enumerate(self.items(self.data, "grades", ())):
            where: Path = ("grades", index)
            code, name = self.attempt(self.text, item, "code", where), self.attempt(self.text, item, "name", where)
            twice = code is not None and any(grade.code == code for grade in grades)
            if twice:
                self.fail(where, N_("the code “{code}” is used twice"), code=code, key="code")
            min_score = self.attempt(self.number, item, "min_score", where)
            if code is not None and name is not None and min_score is not None and not twice:
                grades.append(Grade(code, name, min_score))
        grades.sort(key=lambda grade: grade.min_score, reverse=True)
        return grades

    def ceilings(self, criteria: Mapping[str, Criterion], blocks: list[Block], grade_codes: set[str]) -> list[Ceiling]:
        ceilings = []
        for index, item in enumerate(self.items(self.data, "ceilings", (), required=False)):
            ceiling = self.attempt(self.ceiling, item, ("ceilings", index), criteria, blocks, grade_codes)
            if ceiling is not None:
                ceilings.append(ceiling)
        return ceilings

    def ceiling(self, item: Mapping[str, Any], where: Path, criteria: Mapping[str, Criterion], blocks: list[Block],
                grade_codes: set[str]) -> Ceiling:
        criterion_code = item.get("criterion")
        block_code = item.get("block")
        if (criterion_code is None) == (block_code is None):
            raise self.fail(where, N_("give either “criterion” or “block”"))
        if criterion_code is not None and criterion_code not in criteria:
            raise self.fail(where, N_("no criterion has the code “{code}”"), code=criterion_code, key="criterion")
        if block_code is not None and all(block.code != block_code for block in blocks):
            raise self.fail(where, N_("no block has the code “{code}”"), code=block_code, key="block")
        self.not_entered(criteria, criterion_code, where, "criterion")
        self.not_entered_block(blocks, block_code, where)
        max_grade = self.text(item, "max_grade", where)
        if max_grade not in grade_codes:
            raise self.fail(where, N_("no grade has the code “{code}”"), code=max_grade, key="max_grade")
        return Ceiling(max_grade, self.integer(item, "min_count", where), self.text(item, "reason", where),
                       criterion_code, block_code, self.choice(item, "per", where, CeilingScope, CeilingScope.PERIOD))

    def quota(self, grades: list[Grade]) -> Quota | None:
        if "quota" not in self.data:
            return None
        where: Path = ("quota",)
        item = self.table(self.data, "quota", ())
        grade_code = self.text(item, "grade", where)
        if all(grade.code != grade_code for grade in grades):
            raise self.fail(where, N_("no grade has the code “{code}”"), code=grade_code, key="grade")
        if grade_code == grades[-1].code:
            raise self.fail(where, N_("“{key}” cannot be the lowest grade: the lowest grade has no quota"), key="grade")
        share = self.number(item, "max_share", where)
        if not 0 < share <= 1:
            raise self.fail(where, N_("“{key}” must be between 0 and 1"), key="max_share")
        return Quota(grade_code, share, self.choice(item, "basis", where, QuotaBasis, QuotaBasis.ALL))

    def aggregation(self) -> AggregationRule:
        if "aggregation" not in self.data:
            return AggregationRule()
        where: Path = ("aggregation",)
        item = self.table(self.data, "aggregation", ())
        default = self.choice(item, "default", where, Aggregation, Aggregation.MEAN_OF_MONTHS)
        if default is Aggregation.WEIGHTED_HALVES:
            raise self.fail(where, N_("“{key}” cannot be “weighted_halves”: it applies to years only"), key="default")
        year = self.choice(item, "year", where, Aggregation, default)
        weights = item.get("year_weights", [1, 1])
        if (not isinstance(weights, list) or len(weights) != 2
                or not all(isinstance(w, int | float) and not isinstance(w, bool) and w > 0
                           for w in weights)):
            raise self.fail(where, N_("“year_weights” must be two positive numbers"), key="year_weights")
        halves = self.attempt(read_year_halves, self, item, where)
        long_leave = self.attempt(read_long_leave_codes, self, item, where)
        if halves is None or long_leave is None:
            raise self.refused()
        return AggregationRule(default, year, (Fraction(str(weights[0])), Fraction(str(weights[1]))),
                               halves, long_leave)

    def tie_break(self) -> tuple[TieBreak, ...]:
        ranking = self.data.get("ranking", {})
        where: Path = ("ranking",)
        if not isinstance(ranking, dict):
            raise self.fail((), N_("a table [{key}] is required"), key="ranking")
        tie_break_values = ranking.get("tie_break", [rule.value for rule in DEFAULT_TIE_BREAK])
        if not isinstance(tie_break_values, list):
            raise self.fail(where, N_("“tie_break” must be a list"), key="tie_break")
        return tuple(self.choice({"tie_break": value}, "tie_break", where, TieBreak) for value in tie_break_values)

    def criterion(self, data: Mapping[str, Any], block_code: str, where: Path) -> Criterion:
        code, name = self.text(data, "code", where), self.attempt(self.text, data, "name", where)
        if "maximum" in data:
            raise self.fail(where, N_("“maximum” belongs to a criterion of an entered block only"), key="maximum")
        ranged = read_points_range(self, data, where)
        brackets = self.brackets(data, where)
        if brackets and ("points" in data or "escalation" in data):
            raise self.fail(where, N_("a criterion with “brackets” has no “points” nor “escalation”"), key="brackets")
        points = brackets[0].points if brackets else mildest(ranged) if ranged else self.number(data, "points", where)
        if points == 0:
            raise self.fail(where, N_("“{key}” cannot be zero"), key="points")
        steps = []
        for index, step in enumerate(self.items(data, "escalation", where, required=False)):
            step_where = (*where, "escalation", index)
            step_points = self.number(step, "points", step_where)
            if (step_points > 0) != (points > 0):
                raise self.fail(step_where,
                                N_("“points” of an escalation step must keep the sign of the criterion's points"))
            steps.append(EscalationStep(self.integer(step, "from", step_where, minimum=2), step_points))
        steps.sort(key=lambda step: step.from_occurrence)
        if len({step.from_occurrence for step in steps}) != len(steps) and not self.stored:
            raise self.fail(where, N_("two steps of “escalation” have the same “from”"), key="escalation")
        cap = self.optional_number(data, "cap", where)
        if name is None:
            raise self.refused()
        return Criterion(code, name, block_code, points, tuple(steps), cap, tuple(brackets), ranged)

    def brackets(self, data: Mapping[str, Any], where: Path) -> list[Bracket]:
        """Brackets by count, each weighing more than the one below and all of one sign."""
        brackets = []
        for index, item in enumerate(self.items(data, "brackets", where, required=False)):
            bracket_where = (*where, "brackets", index)
            count = self.integer(item, "from", bracket_where)
            brackets.append(Bracket(count, self.number(item, "points", bracket_where)))
        brackets.sort(key=lambda bracket: bracket.from_count)
        sizes = [abs(bracket.points) for bracket in brackets]
        if (len({bracket.from_count for bracket in brackets}) != len(brackets) or 0 in sizes
                or len({bracket.points > 0 for bracket in brackets}) > 1 or sizes != sorted(set(sizes))):
            raise self.fail(where, N_("“brackets” must start at different counts, keep one sign and weigh more"
                                      " from bracket to bracket"), key="brackets")
        return brackets

"""The emulation plan (kế hoạch thi đua): criteria, points, caps, grades and quota, as data.

A plan is written in TOML (see ``resources/plans/``) so a ward can adopt another scheme without a new
program. ``load_plan`` checks every reference inside the plan and says where a mistake is. Points are
kept as exact fractions, so 0.5-point deductions and averages never drift.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeVar

from ward_office.core.errors import PlanError
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_number

E = TypeVar("E", bound=StrEnum)


class AttendanceTrigger(StrEnum):
    """What in the attendance record counts as one occurrence of a criterion."""

    LATE = "late"  # a session begun later than the grace minutes allow
    EARLY = "early"  # a session left earlier than the grace minutes allow
    ABSENT = "absent"  # a session missed without leave
    MISSING_PUNCH = "missing_punch"  # a session with a clock punch missing


class Aggregation(StrEnum):
    DIRECT = "direct"  # score the whole period at once: caps and escalation count over it
    MEAN_OF_MONTHS = "mean_of_months"  # score each month, average the months the person worked
    WEIGHTED_HALVES = "weighted_halves"  # years only: weighted mean of the two halves


class QuotaBasis(StrEnum):
    ALL = "all"  # share of everyone ranked
    AT_LEAST_NEXT = "at_least_next"  # share of those graded the next grade or better before the quota


class TieBreak(StrEnum):
    FEWER_UNEXCUSED_ABSENCES = "fewer_unexcused_absences"
    FEWER_VIOLATIONS = "fewer_violations"
    FEWER_DEDUCTED_POINTS = "fewer_deducted_points"
    MORE_COMMENDATIONS = "more_commendations"


DEFAULT_TIE_BREAK = (TieBreak.FEWER_UNEXCUSED_ABSENCES, TieBreak.FEWER_VIOLATIONS)


@dataclass(frozen=True, slots=True)
class EscalationStep:
    """From the ``from_occurrence``-th occurrence in a period on, each occurrence is worth ``points``."""

    from_occurrence: int
    points: Fraction


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str
    name: str
    block_code: str
    points: Fraction
    escalation: tuple[EscalationStep, ...] = ()
    cap: Fraction | None = None  # the most this criterion can add or remove in one period

    def points_for(self, occurrence: int) -> Fraction:
        points = self.points
        for step in self.escalation:
            if occurrence >= step.from_occurrence:
                points = step.points
        return points

    @property
    def is_commendation(self) -> bool:
        return self.points > 0


@dataclass(frozen=True, slots=True)
class Block:
    code: str
    name: str
    criteria: tuple[str, ...]
    cap: Fraction | None = None  # the most the block's deductions (or bonuses) can weigh in one period
    maximum: Fraction | None = None  # the block's full marks: its score never above, shown "x/maximum"
    floor: Fraction | None = None  # its score never below, in each sub-period


@dataclass(frozen=True, slots=True)
class AttendanceRule:
    trigger: AttendanceTrigger
    criterion_code: str


@dataclass(frozen=True, slots=True)
class Grade:
    code: str
    name: str
    min_score: Fraction


@dataclass(frozen=True, slots=True)
class Ceiling:
    """Whoever has ``min_count`` or more occurrences of a criterion (or of any criterion of a block) in
    the period is graded at most ``max_grade``."""

    max_grade: str
    min_count: int
    reason: str
    criterion_code: str | None = None
    block_code: str | None = None


@dataclass(frozen=True, slots=True)
class Quota:
    grade_code: str
    max_share: Fraction
    basis: QuotaBasis = QuotaBasis.ALL


@dataclass(frozen=True, slots=True)
class AggregationRule:
    default: Aggregation = Aggregation.MEAN_OF_MONTHS
    year: Aggregation = Aggregation.MEAN_OF_MONTHS
    year_weights: tuple[Fraction, Fraction] = (Fraction(1), Fraction(1))


@dataclass(frozen=True, slots=True)
class EmulationPlan:
    code: str
    name: str
    version: int
    effective_from: date | None
    base_score: Fraction
    blocks: tuple[Block, ...]
    criteria: Mapping[str, Criterion]
    attendance_rules: tuple[AttendanceRule, ...]
    grades: tuple[Grade, ...]  # best first
    ceilings: tuple[Ceiling, ...] = ()
    quota: Quota | None = None
    aggregation: AggregationRule = AggregationRule()
    tie_break: tuple[TieBreak, ...] = ()
    label: str = ""
    description: str = ""
    maximum: Fraction | None = None  # the score of a sub-period never above (a bonus cannot make 100 into 110)
    floor: Fraction | None = None  # nor below

    def block(self, code: str) -> Block:
        return next(block for block in self.blocks if block.code == code)

    def block_start(self, block: Block) -> Fraction:
        return block_start(block, self.criteria)

    def grade(self, code: str) -> Grade:
        return next(grade for grade in self.grades if grade.code == code)

    def grade_index(self, code: str) -> int:
        return next(index for index, grade in enumerate(self.grades) if grade.code == code)

    def grade_for(self, score: Fraction) -> Grade:
        for grade in self.grades:
            if score >= grade.min_score:
                return grade
        return self.grades[-1]

    def rule_for(self, trigger: AttendanceTrigger) -> AttendanceRule | None:
        return next((rule for rule in self.attendance_rules if rule.trigger is trigger), None)


def block_start(block: Block, criteria: Mapping[str, Criterion]) -> Fraction:
    """What the block's score is before any item: its maximum, or 0 for a block of commendations only (a bonus
    block, earned from nothing) and for a block without a maximum."""
    if block.maximum is None or all(criteria[code].points > 0 for code in block.criteria):
        return Fraction(0)
    return block.maximum


# ---- Reading a plan from TOML ----


def load_plan(text: str) -> EmulationPlan:
    """Parse and check a plan; raise PlanError naming the place of the first mistake."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlanError(N_("The plan is not valid TOML: {error}"), error=str(error)) from error
    return _Reader(data).plan()


class _Reader:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def fail(self, where: str, message: str, **params: object) -> PlanError:
        return PlanError(N_("Plan, at {where}: {problem}"), where=where,
                         problem=PlanError(message, **params).localized())

    def table(self, data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(where, N_("a table [{key}] is required"), key=key)
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, N_("“{key}” must be a non-empty text"), key=key)
        return value.strip()

    def number(self, data: Mapping[str, Any], key: str, where: str) -> Fraction:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(where, N_("“{key}” must be a number"), key=key)
        return Fraction(str(value))

    def bound(self, data: Mapping[str, Any], key: str, where: str) -> Fraction | None:
        """An optional number of any sign: a floor."""
        return self.number(data, key, where) if key in data else None

    def optional_number(self, data: Mapping[str, Any], key: str, where: str) -> Fraction | None:
        if key not in data:
            return None
        value = self.number(data, key, where)
        if value <= 0:
            raise self.fail(where, N_("“{key}” must be greater than zero"), key=key)
        return value

    def integer(self, data: Mapping[str, Any], key: str, where: str, minimum: int = 1) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(where, N_("“{key}” must be a whole number of at least {minimum}"),
                            key=key, minimum=minimum)
        return value

    def choice(self, data: Mapping[str, Any], key: str, where: str, enum: type[E],
                           default: E | None = None) -> E:
        value = data.get(key, default)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            raise self.fail(where, N_("“{key}” must be one of: {allowed}"), key=key,
                            allowed=allowed) from None

    def items(self, data: Mapping[str, Any], key: str, where: str, required: bool = True) -> list[Any]:
        value = data.get(key, None if required else [])
        if not isinstance(value, list) or (required and not value):
            raise self.fail(where, N_("a list [[{key}]] is required"), key=key)
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail(f"{where}{key}[{index + 1}]", N_("each entry must be a table"))
        return value

    def plan(self) -> EmulationPlan:
        """The plan, its parts read in the order the first mistake is looked for (the [plan] fields last)."""
        head = self.table(self.data, "plan", "[plan]")
        effective = head.get("effective_from")
        if effective is not None and not isinstance(effective, date):
            raise self.fail("[plan]", N_("“{key}” must be a date such as 2026-01-01"), key="effective_from")
        blocks, criteria = self.blocks()
        rules = self.attendance_rules(criteria)
        grades = self.grades()
        grade_codes = {grade.code for grade in grades}
        ceilings = self.ceilings(criteria, blocks, grade_codes)
        quota = self.quota(grades)
        aggregation = self.aggregation()
        tie_break = self.tie_break()
        base_score = self.number(head, "base_score", "[plan]")
        maximum, floor = self.optional_number(head, "maximum", "[plan]"), self.bound(head, "floor", "[plan]")
        self.check_bounds("[plan]", base_score, maximum, floor)
        return EmulationPlan(
            code=self.text(head, "code", "[plan]"),
            name=self.text(head, "name", "[plan]"),
            version=self.integer(head, "version", "[plan]"),
            effective_from=effective,
            base_score=base_score,
            blocks=tuple(blocks),
            criteria=criteria,
            attendance_rules=tuple(rules),
            grades=tuple(grades),
            ceilings=tuple(ceilings),
            quota=quota,
            aggregation=aggregation,
            tie_break=tie_break,
            label=str(head.get("label", "")),
            description=str(head.get("description", "")),
            maximum=maximum,
            floor=floor,
        )

    def check_bounds(self, where: str, start: Fraction, maximum: Fraction | None, floor: Fraction | None) -> None:
        """A score starts within its bounds: floor ≤ start ≤ maximum, the floor below the maximum."""
        if maximum is not None and start > maximum:
            raise self.fail(where, N_("“{key}” cannot be below the score everyone starts from ({start})"),
                            key="maximum", start=format_number(start))
        if floor is not None and floor > start:
            raise self.fail(where, N_("“{key}” cannot be above the score everyone starts from ({start})"),
                            key="floor", start=format_number(start))
        if maximum is not None and floor is not None and floor >= maximum:
            raise self.fail(where, N_("“floor” must be below “maximum”"))

    def blocks(self) -> tuple[list[Block], dict[str, Criterion]]:
        blocks: list[Block] = []
        criteria: dict[str, Criterion] = {}
        for block_index, block_data in enumerate(self.items(self.data, "blocks", "")):
            where = f"blocks[{block_index + 1}]"
            block_code = self.text(block_data, "code", where)
            if any(block.code == block_code for block in blocks):
                raise self.fail(where, N_("the code “{code}” is used twice"), code=block_code)
            codes = []
            for index, item in enumerate(self.items(block_data, "criteria", where + ".")):
                criterion = self.criterion(item, block_code, f"{where}.criteria[{index + 1}]")
                if criterion.code in criteria:
                    raise self.fail(f"{where}.criteria[{index + 1}]", N_("the code “{code}” is used twice"),
                                    code=criterion.code)
                criteria[criterion.code] = criterion
                codes.append(criterion.code)
            block = Block(block_code, self.text(block_data, "name", where), tuple(codes),
                          self.optional_number(block_data, "cap", where),
                          self.optional_number(block_data, "maximum", where), self.bound(block_data, "floor", where))
            self.check_bounds(where, block_start(block, criteria), block.maximum, block.floor)
            blocks.append(block)
        return blocks, criteria

    def attendance_rules(self, criteria: Mapping[str, Criterion]) -> list[AttendanceRule]:
        rules: list[AttendanceRule] = []
        for index, item in enumerate(self.items(self.data, "attendance_rules", "", required=False)):
            where = f"attendance_rules[{index + 1}]"
            trigger = self.choice(item, "on", where, AttendanceTrigger)
            code = self.text(item, "criterion", where)
            if code not in criteria:
                raise self.fail(where, N_("no criterion has the code “{code}”"), code=code)
            if any(rule.trigger is trigger for rule in rules):
                raise self.fail(where, N_("“{trigger}” has two rules"), trigger=trigger.value)
            rules.append(AttendanceRule(trigger, code))
        return rules

    def grades(self) -> list[Grade]:
        """The grades, highest first."""
        grades = []
        for index, item in enumerate(self.items(self.data, "grades", "")):
            where = f"grades[{index + 1}]"
            grades.append(Grade(self.text(item, "code", where), self.text(item, "name", where),
                                self.number(item, "min_score", where)))
        grades.sort(key=lambda grade: grade.min_score, reverse=True)
        if len({grade.code for grade in grades}) != len(grades):
            raise self.fail("grades", N_("two grades share a code"))
        return grades

    def ceilings(self, criteria: Mapping[str, Criterion], blocks: list[Block], grade_codes: set[str]) -> list[Ceiling]:
        ceilings = []
        for index, item in enumerate(self.items(self.data, "ceilings", "", required=False)):
            where = f"ceilings[{index + 1}]"
            criterion_code = item.get("criterion")
            block_code = item.get("block")
            if (criterion_code is None) == (block_code is None):
                raise self.fail(where, N_("give either “criterion” or “block”"))
            if criterion_code is not None and criterion_code not in criteria:
                raise self.fail(where, N_("no criterion has the code “{code}”"), code=criterion_code)
            if block_code is not None and all(block.code != block_code for block in blocks):
                raise self.fail(where, N_("no block has the code “{code}”"), code=block_code)
            max_grade = self.text(item, "max_grade", where)
            if max_grade not in grade_codes:
                raise self.fail(where, N_("no grade has the code “{code}”"), code=max_grade)
            ceilings.append(Ceiling(max_grade, self.integer(item, "min_count", where),
                                    self.text(item, "reason", where), criterion_code, block_code))
        return ceilings

    def quota(self, grades: list[Grade]) -> Quota | None:
        if "quota" not in self.data:
            return None
        item = self.table(self.data, "quota", "[quota]")
        grade_code = self.text(item, "grade", "[quota]")
        if all(grade.code != grade_code for grade in grades):
            raise self.fail("[quota]", N_("no grade has the code “{code}”"), code=grade_code)
        if grade_code == grades[-1].code:
            raise self.fail("[quota]", N_("the lowest grade cannot have a quota"))
        share = self.number(item, "max_share", "[quota]")
        if not 0 < share <= 1:
            raise self.fail("[quota]", N_("“{key}” must be between 0 and 1"), key="max_share")
        return Quota(grade_code, share, self.choice(item, "basis", "[quota]", QuotaBasis, QuotaBasis.ALL))

    def aggregation(self) -> AggregationRule:
        if "aggregation" not in self.data:
            return AggregationRule()
        item = self.table(self.data, "aggregation", "[aggregation]")
        default = self.choice(item, "default", "[aggregation]", Aggregation, Aggregation.MEAN_OF_MONTHS)
        if default is Aggregation.WEIGHTED_HALVES:
            raise self.fail("[aggregation]", N_("“weighted_halves” applies to years only"))
        year = self.choice(item, "year", "[aggregation]", Aggregation, default)
        weights = item.get("year_weights", [1, 1])
        if (not isinstance(weights, list) or len(weights) != 2
                or not all(isinstance(w, int | float) and not isinstance(w, bool) and w > 0
                           for w in weights)):
            raise self.fail("[aggregation]", N_("“year_weights” must be two positive numbers"))
        return AggregationRule(default, year, (Fraction(str(weights[0])), Fraction(str(weights[1]))))

    def tie_break(self) -> tuple[TieBreak, ...]:
        ranking = self.data.get("ranking", {})
        tie_break_values = ranking.get("tie_break", [rule.value for rule in DEFAULT_TIE_BREAK])
        if not isinstance(tie_break_values, list):
            raise self.fail("[ranking]", N_("“tie_break” must be a list"))
        return tuple(self.choice({"tie_break": value}, "tie_break", "[ranking]", TieBreak)
                     for value in tie_break_values)

    def criterion(self, data: Mapping[str, Any], block_code: str, where: str) -> Criterion:
        points = self.number(data, "points", where)
        if points == 0:
            raise self.fail(where, N_("“{key}” cannot be zero"), key="points")
        steps = []
        for index, step in enumerate(self.items(data, "escalation", where + ".", required=False)):
            step_where = f"{where}.escalation[{index + 1}]"
            step_points = self.number(step, "points", step_where)
            if (step_points > 0) != (points > 0):
                raise self.fail(step_where, N_("an escalation must keep the sign of the points"))
            steps.append(EscalationStep(self.integer(step, "from", step_where, minimum=2), step_points))
        steps.sort(key=lambda step: step.from_occurrence)
        return Criterion(self.text(data, "code", where), self.text(data, "name", where), block_code, points,
                         tuple(steps), self.optional_number(data, "cap", where))

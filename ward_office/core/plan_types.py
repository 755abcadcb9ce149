"""The plan's parts as plain data: criteria, blocks, grades, ceilings, quota and the plan itself.

``core.plan`` reads them from TOML and is where callers import them from; they live here so the reader and
the types each fit in a module of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ward_office.core.attendance import LeaveCode
from ward_office.core.plan_satisfaction import SatisfactionRule
from ward_office.core.plan_terms import Aggregation, AttendanceTrigger, CeilingScope, CountUnit, QuotaBasis, TieBreak
from ward_office.core.plan_titles import Title

__all__ = [
    "AggregationRule", "AttendanceRule", "Block", "Bracket", "Ceiling", "Criterion", "EmulationPlan", "EscalationStep",
    "Grade", "Quota", "Title", "block_start",
]


@dataclass(frozen=True, slots=True)
class EscalationStep:
    """From the ``from_occurrence``-th occurrence in a period on, each occurrence is worth ``points``."""

    from_occurrence: int
    points: Fraction


@dataclass(frozen=True, slots=True)
class Bracket:
    """From ``from_count`` occurrences in a sub-period on (up to the next bracket), the criterion weighs
    ``points`` in all."""

    from_count: int
    points: Fraction


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str
    name: str
    block_code: str
    points: Fraction  # with brackets: the first bracket's points (its sign and size, as shown)
    escalation: tuple[EscalationStep, ...] = ()
    cap: Fraction | None = None  # the most this criterion can add or remove in one period
    brackets: tuple[Bracket, ...] = ()  # by count, lowest first: then every occurrence is worth only what its
    # bracket adds (the occurrence entering a bracket carries the step up to it, the others 0)
    points_range: tuple[Fraction, Fraction] | None = None  # each event's points chosen within it; ``points``: its
    # end nearest zero (core.plan_ranges)
    maximum: Fraction | None = None  # a sub-criterion of an entered block: its full marks (its points are 0)

    def total_for(self, count: int) -> Fraction:
        """With brackets: what ``count`` occurrences weigh in all."""
        return next((bracket.points for bracket in reversed(self.brackets) if count >= bracket.from_count),
                    Fraction(0))

    def points_for(self, occurrence: int) -> Fraction:
        if self.brackets:
            return self.total_for(occurrence) - self.total_for(occurrence - 1)
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
    all_or_nothing: bool = False  # worth its maximum in a sub-period without a deduction, else its floor or 0
    entered: bool = False  # its points are entered by the head each month, not counted from the record


@dataclass(frozen=True, slots=True)
class AttendanceRule:
    trigger: AttendanceTrigger
    criterion_code: str
    count: CountUnit = CountUnit.SESSION
    leave_codes: tuple[LeaveCode, ...] = ()  # for LEAVE: the leave codes the rule takes


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
    per: CeilingScope = CeilingScope.PERIOD  # counted over the whole period, or in each month on its own


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
    year_halves: tuple[tuple[int, int], tuple[int, int]] = ((1, 6), (7, 12))  # first and last month of each half
    long_leave_codes: tuple[LeaveCode, ...] = ()  # a month on these alone is left out of a mean of months


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
    titles: tuple[Title, ...] = ()  # emulation titles proposed from the year's grade
    satisfaction_rules: tuple[SatisfactionRule, ...] = ()  # citizens' satisfaction (core.plan_satisfaction)

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
        """The rule of a trigger other than LEAVE (leave rules are one per group of leave codes)."""
        return next((rule for rule in self.attendance_rules if rule.trigger is trigger), None)

    def leave_rules(self) -> dict[LeaveCode, AttendanceRule]:
        return {code: rule for rule in self.attendance_rules for code in rule.leave_codes}


def block_start(block: Block, criteria: Mapping[str, Criterion]) -> Fraction:
    """What the block's score is before any item: its maximum, or 0 for a block of commendations only (a bonus
    block, earned from nothing) and for a block without a maximum. An entered block starts at its maximum."""
    if block.entered and block.maximum is not None:
        return block.maximum
    if block.maximum is None or all(criteria[code].points > 0 for code in block.criteria):
        return Fraction(0)
    return block.maximum

"""What scoring a period produces: every scored occurrence, each person's score, grade and rank.

The results keep enough detail to explain every point and every grade change on screen and on paper,
so nothing downstream has to recompute the plan's rules.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction

from ward_office.core.attendance import Attendance, LeaveCode
from ward_office.core.checks import Event
from ward_office.core.citizens import SatisfactionFacts
from ward_office.core.entered_scores import EnteredScore
from ward_office.core.excuse import Excuse
from ward_office.core.frozen import freeze, writable_twin
from ward_office.core.period import Period
from ward_office.core.plan import (
    AttendanceTrigger,
    Ceiling,
    CeilingScope,
    EmulationPlan,
    Grade,
    Quota,
    QuotaBasis,
    TieBreak,
)
from ward_office.core.quota import QuotaDecision, QuotaTie
from ward_office.core.schedule import Session
from ward_office.core.staff import Staff, StaffId
from ward_office.core.unit import Unit
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_percent

CEILING_MESSAGE = N_("{reason} ({count} times in the period): graded {to_grade} instead of {from_grade}")
CEILING_YEAR_MESSAGE = N_(
    "{reason} ({count} times since the start of the year): graded {to_grade} instead of {from_grade}")
CEILING_MONTH_MESSAGE = N_("{reason} ({count} times in one month): graded {to_grade} instead of {from_grade}")
QUOTA_ALL_MESSAGE = N_("Quota: at most {limit} of {total} may be graded {grade}; demoted to {to_grade}")
QUOTA_EXACTLY_MESSAGE = N_(
    "Quota: at most {limit} may be graded {grade} ({share} of the {total} who reached it); demoted to {to_grade}"
)
QUOTA_NEXT_MESSAGE = N_(
    "Quota: at most {limit} may be graded {grade} ({share} of the {total} graded {to_grade} or better); "
    "demoted to {to_grade}"
)
NOT_GRADED = N_("not graded yet")  # a person lacking an entered point for a month worked ("chưa chấm")
COUNCIL_MESSAGE = N_(
    "Emulation council decision of {day} (minutes no. {minute}): {places} of the {tied} people tied on every "
    "key keep {grade}; demoted to {to_grade}"
)


@dataclass(frozen=True, slots=True)
class ScoringInput:
    plan: EmulationPlan
    period: Period
    staff: Sequence[Staff]
    attendance: Sequence[Attendance]
    events: Sequence[Event]
    grace_minutes: int
    # The working days of the period, for rules counting runs of consecutive working days; None: every day.
    working_days: Collection[date] | None = None
    quota_decisions: Sequence[QuotaDecision] = ()  # the emulation council's, for ties at the quota line
    excuses: Sequence[Excuse] = ()  # the head's excuses of attendance occurrences (scoring.excused)
    # For ceilings counted over the year: each person's occurrences per criterion from the start of the year to
    # the day before the period (``scoring.look_back.earlier_counts``); None: the plan needs none.
    earlier_counts: Mapping[StaffId, Mapping[str, int]] | None = None
    entered_scores: Sequence[EnteredScore] = ()  # the head's monthly points for the plan's entered blocks
    satisfaction: SatisfactionFacts | None = None  # ratings, tallies and verified feedback (scoring.satisfaction)


class ItemSource(StrEnum):
    ATTENDANCE = "attendance"
    EVENT = "event"
    CHECK = "check"  # an event found during an inspection round
    ENTERED = "entered"  # points the head entered for a month: the item is points − maximum (scoring.entered)
    SATISFACTION = "satisfaction"  # a month's satisfaction rate, a verified praise or complaint (scoring.satisfaction)


@dataclass(frozen=True, slots=True)
class ScoreItem:
    """One occurrence of a criterion and what it did to the score."""

    criterion_code: str
    block_code: str
    day: date
    session: Session | None
    source: ItemSource
    record_id: int | None  # the Attendance id or the Event id, by source
    occurrence: int  # n-th occurrence of the criterion in its sub-period, from 1
    raw_points: Fraction  # the plan's points for that occurrence, escalation included
    points: Fraction  # after the criterion and block caps of the sub-period
    weight: Fraction  # the share of the period score the sub-period carries
    capped: bool
    sub_period: Period
    trigger: AttendanceTrigger | None = None
    minutes: int | None = None  # minutes late or early, for those triggers
    note: str = ""
    recorded_by: str = ""
    excuse: Excuse | None = None  # excused by the head: costs 0 and counts toward nothing (scoring.excused)

    @property
    def contribution(self) -> Fraction:
        return self.points * self.weight


_WritableScoreItem = writable_twin(ScoreItem)


def new_score_item(criterion_code: str, block_code: str, day: date, session: Session | None, source: ItemSource,
                   record_id: int | None, occurrence: int, raw_points: Fraction, points: Fraction, weight: Fraction,
                   capped: bool, sub_period: Period, trigger: AttendanceTrigger | None, minutes: int | None,
                   note: str, recorded_by: str) -> ScoreItem:
    """``ScoreItem(...)`` with every field given, at half the cost (``core.frozen``), for the tens of thousands
    of items of a big ward's ranking."""
    item = _WritableScoreItem()
    item.criterion_code = criterion_code
    item.block_code = block_code
    item.day = day
    item.session = session
    item.source = source
    item.record_id = record_id
    item.occurrence = occurrence
    item.raw_points = raw_points
    item.points = points
    item.weight = weight
    item.capped = capped
    item.sub_period = sub_period
    item.trigger = trigger
    item.minutes = minutes
    item.note = note
    item.recorded_by = recorded_by
    item.excuse = None
    return freeze(item, ScoreItem)


class Bound(StrEnum):
    FLOOR = "floor"
    MAXIMUM = "maximum"
    ALL_OR_NOTHING = "all_or_nothing"  # a block kept whole only without a deduction: lost to its floor or 0


@dataclass(frozen=True, slots=True)
class Clamp:
    """A floor or maximum of the plan that stopped a block's score, or the total, in one sub-period: without it
    the score there would have been ``unbounded``; ``points`` is what the bound added (a floor, +) or took
    off (a maximum, −) there, so it stopped ``-points`` more."""

    bound: Bound
    block_code: str | None  # None: the plan's bound on the total score
    sub_period: Period
    limit: Fraction  # the floor or maximum
    unbounded: Fraction
    points: Fraction
    weight: Fraction  # the share of the period score the sub-period carries
    days: tuple[date, ...] = ()  # ALL_OR_NOTHING: the days of the block's deductions that lost it

    @property
    def contribution(self) -> Fraction:
        return self.points * self.weight

    @property
    def deducts(self) -> bool:
        """Its points count with the deductions: a floor gives some back, a lost block takes more."""
        return self.points > 0 or self.bound is Bound.ALL_OR_NOTHING


@dataclass(frozen=True, slots=True)
class SubPeriodScore:
    """A month, half or whole period scored on its own from the base score."""

    period: Period
    weight: Fraction
    score: Fraction


class GradeChangeKind(StrEnum):
    CEILING = "ceiling"
    QUOTA = "quota"
    COUNCIL = "council"  # the quota line cut a tie and the emulation council chose who keeps the grade


@dataclass(frozen=True, slots=True)
class GradeChange:
    kind: GradeChangeKind
    from_grade: Grade
    to_grade: Grade
    ceiling: Ceiling | None = None
    count: int = 0  # occurrences that reached the ceiling
    quota: Quota | None = None
    limit: int = 0  # how many may hold the quota grade
    basis_count: int = 0  # the number the quota share was taken of (COUNCIL: the people tied)
    decision: QuotaDecision | None = None  # COUNCIL: the decision cited

    def localized(self) -> str:
        if self.kind is GradeChangeKind.CEILING:
            assert self.ceiling is not None
            message = CEILING_MONTH_MESSAGE if self.ceiling.per is CeilingScope.MONTH else CEILING_MESSAGE
            if self.ceiling.per is CeilingScope.YEAR:
                message = CEILING_YEAR_MESSAGE
            return _(message).format(reason=self.ceiling.reason, count=self.count,
                                             to_grade=self.to_grade.name, from_grade=self.from_grade.name)
        if self.kind is GradeChangeKind.COUNCIL:
            assert self.decision is not None
            return _(COUNCIL_MESSAGE).format(day=format_date(self.decision.meeting_date),
                                             minute=self.decision.minute_number, places=self.limit,
                                             tied=self.basis_count, grade=self.from_grade.name,
                                             to_grade=self.to_grade.name)
        assert self.quota is not None
        if self.quota.basis is QuotaBasis.ALL:
            return _(QUOTA_ALL_MESSAGE).format(limit=self.limit, total=self.basis_count,
                                               grade=self.from_grade.name, to_grade=self.to_grade.name)
        message = QUOTA_EXACTLY_MESSAGE if self.quota.basis is QuotaBasis.EXACTLY else QUOTA_NEXT_MESSAGE
        return _(message).format(limit=self.limit, share=format_percent(self.quota.max_share),
                                            total=self.basis_count, grade=self.from_grade.name,
                                            to_grade=self.to_grade.name)


@dataclass(frozen=True, slots=True)
class StaffResult:
    staff: Staff
    score: Fraction  # always plan.base_score + the sum of the items' and the clamps' contributions
    items: tuple[ScoreItem, ...]  # by day, session, criterion
    sub_periods: tuple[SubPeriodScore, ...]
    block_totals: Mapping[str, Fraction]  # every block of the plan, in plan order: its items' and clamps' contributions
    grade_by_score: Grade
    grade: Grade  # after ceilings and quota
    changes: tuple[GradeChange, ...]
    rank: int
    unexcused_absences: int
    violations: int  # items with negative raw points, capped ones included
    commendations: int  # items with positive raw points
    deducted_points: Fraction  # what deductions actually took off the score, as a positive number
    clamps: tuple[Clamp, ...] = ()  # by sub-period, blocks in plan order, the total last
    # (month, entered item code) not entered for a month worked: not graded yet ("chưa chấm"), rank 0, outside the
    # quota; ``grade`` is then only what the score so far would give, and is never shown as a grade.
    ungraded: tuple[tuple[date, str], ...] = ()
    entered: tuple[EnteredScore, ...] = ()  # the entries scored, for the scorecard's self-assessments

    @property
    def sub_periods_counted(self) -> int:
        return len(self.sub_periods)

    @property
    def graded(self) -> bool:
        return not self.ungraded

    @property
    def grade_name(self) -> str:
        """The grade's name, or "chưa chấm" for someone not graded yet: what every output prints."""
        return self.grade.name if not self.ungraded else _(NOT_GRADED)

    @property
    def grade_code(self) -> str:
        return self.grade.code if not self.ungraded else _(NOT_GRADED)

    @property
    def rank_text(self) -> str:
        """The rank, or a dash for someone not graded yet (who has none)."""
        return str(self.rank) if not self.ungraded else "–"


@dataclass(frozen=True, slots=True)
class LeftOutMonth:
    """A month left out of a person's mean of months (``scoring.long_leave``): every working day of it on one of
    the plan's ``long_leave_codes`` (those seen, in code order), or, without codes, no working day at all."""

    month: Period
    codes: tuple[LeaveCode, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanMonths:
    """A run of a period's months scored under one plan version (``scoring.versions``): from ``start`` (the first
    day of its first month) to ``end``."""

    version: int
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Ranking:
    plan: EmulationPlan
    period: Period
    results: tuple[StaffResult, ...]  # by rank, then Vietnamese name order
    quota_limit: int | None  # None when the plan has no quota
    unknown_criteria: tuple[str, ...]  # codes of skipped events, sorted
    quota_tie: QuotaTie | None = None  # the quota line cut through people tied on every key
    # The line fell between two people of equal score: the plan's tie-break key that separated them.
    quota_separated_by: TieBreak | None = None
    # Months left out of the mean of months, by person (long leave); those left with no month are not ranked.
    months_left_out: Mapping[StaffId | None, tuple[LeftOutMonth, ...]] = field(default_factory=dict)
    not_scored: tuple[Staff, ...] = ()  # on long leave the whole period: no score, no grade
    # The plan versions the months were scored under, when more than one (``scoring.versions``); else empty.
    plan_versions: tuple[PlanMonths, ...] = ()

    def grade_counts(self) -> tuple[tuple[Grade, int], ...]:
        """Every grade of the plan, best first, with how many people hold it after ceilings and quota."""
        counts = {grade.code: 0 for grade in self.plan.grades}
        for result in self.results:
            if result.ungraded:
                continue  # not graded yet: in no grade
            counts[result.grade.code] = counts.get(result.grade.code, 0) + 1
        return tuple((grade, counts[grade.code]) for grade in self.plan.grades)

    @property
    def ungraded_count(self) -> int:
        """How many people are not graded yet: an entered item missing for a month they worked."""
        return sum(1 for result in self.results if result.ungraded)


@dataclass(frozen=True, slots=True)
class ScoredPeriod:
    """A ranking with what showing or printing it needs: department names and the unit."""

    ranking: Ranking
    departments: Mapping[int, str]
    unit: Unit

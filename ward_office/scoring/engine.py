"""The emulation-plan engine: from attendance and events to scores, grades and ranks for one period.

Scoring is a pure function of its input so it can be rerun at any time and explained item by item.
The rules, in the order they apply:

1. Occurrences. A PRESENT attendance record with ``late_minutes`` above the grace minutes is a LATE,
   with ``early_minutes`` above them an EARLY, with ``missing_punch`` a MISSING_PUNCH (one record can
   give several); an ABSENT record is one ABSENT; LEAVE gives nothing, and no record means present on
   time. Each trigger becomes an occurrence of the criterion ``plan.rule_for(trigger)`` names, if any.
   An event is an occurrence of its own criterion; events whose code the plan lacks are skipped and
   reported in ``Ranking.unknown_criteria``. Only records and events inside the period, for a listed
   person and inside that person's active range are scored.
2. Sub-periods. A month is scored directly. Other periods follow ``plan.aggregation.default``, a year
   ``plan.aggregation.year``. DIRECT scores the period (clipped to the active range) as one part.
   MEAN_OF_MONTHS scores each month the person was active in from the base score and averages them.
   WEIGHTED_HALVES scores each half of the year by the default rule and takes (w1·H1 + w2·H2)/(w1 + w2);
   someone who worked in one half only is scored on that half. Each item carries the product of the
   shares as its weight, so the score is exactly base + Σ points × weight.
3. Escalation. Within a sub-period the n-th occurrence of a criterion, in the order day, session
   (morning, afternoon, then events), attendance before events, record id, is worth
   ``criterion.points_for(n)``.
4. Caps, in that same order within a sub-period: a criterion cap limits the size of the criterion's
   total; then a block cap limits the block's total deductions and, separately, its total bonuses. An
   item past a cap keeps only what remains (possibly 0), is marked capped, and is still listed.
5. Grades. ``plan.grade_for(score)``; then every ceiling reached over the whole period (occurrences
   counted per criterion or per block, capped ones included) limits the grade; the most restrictive
   binds and is recorded only if it lowered the grade.
6. Ranking. Score, highest first, then the plan's tie-break keys in order. People equal on the score
   and on every tie-break key share a rank and the next rank skips (1, 2, 2, 4); within a rank the list
   follows Vietnamese name order.
7. Quota, after ceilings. limit = ⌊max_share × basis⌋, where the basis is everyone ranked (ALL) or
   those graded the quota grade or the next grade below or better (AT_LEAST_NEXT). Holders of the
   quota grade are taken in rank order while they fit; a shared rank that does not fit as a whole is
   demoted as a whole, and so is everyone ranked after it (the quota is a maximum, never exceeded, and
   nobody keeps the grade over someone ranked above). Demotion is to the next grade down.
8. Counts. ``unexcused_absences`` counts ABSENT occurrences from attendance and events of the criterion
   the ABSENT rule names; ``violations`` and ``commendations`` count items by the sign of their raw
   points; ``deducted_points`` is what deductions actually took off the score.

Staff not active at any day of the period are left out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from ward_office.core.attendance import Attendance, AttendanceStatus
from ward_office.core.checks import Event, EventSource
from ward_office.core.period import Period
from ward_office.core.plan import AttendanceTrigger, Criterion, EmulationPlan, Grade, QuotaBasis, TieBreak
from ward_office.core.schedule import Session
from ward_office.core.staff import Staff, StaffId
from ward_office.i18n.text import name_sort_key
from ward_office.scoring.results import (
    GradeChange,
    GradeChangeKind,
    ItemSource,
    Ranking,
    ScoreItem,
    ScoringInput,
    StaffResult,
    SubPeriodScore,
)
from ward_office.scoring.subperiods import weighted_parts

_SESSION_ORDER = {Session.MORNING: 0, Session.AFTERNOON: 1}
_NO_SESSION = len(_SESSION_ORDER)


@dataclass(frozen=True, slots=True)
class _Occurrence:
    criterion: Criterion
    day: date
    session: Session | None
    source: ItemSource
    record_id: int | None
    trigger: AttendanceTrigger | None
    minutes: int | None
    note: str
    recorded_by: str
    order: tuple[object, ...]  # chronological position: escalation and caps follow it


def score_period(data: ScoringInput) -> Ranking:
    plan, period = data.plan, data.period
    active = {person.id: span for person in data.staff
              if (span := person.active_between(period.start, period.end)) is not None}
    occurrences: dict[StaffId | None, list[_Occurrence]] = defaultdict(list)
    unknown: set[str] = set()

    def in_scope(staff_id: StaffId, day: date) -> bool:
        span = active.get(staff_id)
        return span is not None and span[0] <= day <= span[1]

    rules = {trigger: plan.criteria[rule.criterion_code]
             for trigger in AttendanceTrigger if (rule := plan.rule_for(trigger)) is not None}
    for index, record in enumerate(data.attendance):
        if record.status is not AttendanceStatus.LEAVE and in_scope(record.staff_id, record.day):  # leave: nothing
            occurrences[record.staff_id].extend(_from_attendance(rules, record, data.grace_minutes, index))
    for index, event in enumerate(data.events):
        if not in_scope(event.staff_id, event.day):
            continue
        criterion = plan.criteria.get(event.criterion_code)
        if criterion is None:
            unknown.add(event.criterion_code)
        else:
            occurrences[event.staff_id].append(_from_event(criterion, event, index))

    units = _Units(plan)
    drafts = [_score_person(plan, units, period, person, active[person.id], occurrences[person.id])
              for person in data.staff if person.id in active]
    ranked = _rank(plan, drafts)
    ranked, quota_limit = _apply_quota(plan, ranked)
    return Ranking(plan, period, tuple(ranked), quota_limit, tuple(sorted(unknown)))


def _from_attendance(rules: dict[AttendanceTrigger, Criterion], record: Attendance, grace: int,
                     index: int) -> list[_Occurrence]:
    triggers: list[tuple[AttendanceTrigger, int | None]] = []
    if record.status is AttendanceStatus.ABSENT:
        triggers.append((AttendanceTrigger.ABSENT, None))
    elif record.status is AttendanceStatus.PRESENT:
        if record.late_minutes > grace:
            triggers.append((AttendanceTrigger.LATE, record.late_minutes))
        if record.early_minutes > grace:
            triggers.append((AttendanceTrigger.EARLY, record.early_minutes))
        if record.missing_punch:
            triggers.append((AttendanceTrigger.MISSING_PUNCH, None))
    found = []
    for position, (trigger, minutes) in enumerate(triggers):
        criterion = rules.get(trigger)
        if criterion is None:
            continue
        found.append(_Occurrence(
            criterion, record.day, record.session, ItemSource.ATTENDANCE, record.id,
            trigger, minutes, record.note, record.recorded_by,
            (record.day, _SESSION_ORDER[record.session], 0, _id_key(record.id), index, position),
        ))
    return found


def _from_event(criterion: Criterion, event: Event, index: int) -> _Occurrence:
    from_check = event.check_id is not None or event.source is EventSource.CHECK
    return _Occurrence(
        criterion, event.day, None, ItemSource.CHECK if from_check else ItemSource.EVENT, event.id, None,
        None, event.note, event.recorded_by, (event.day, _NO_SESSION, 1, _id_key(event.id), index, 0),
    )


def _id_key(record_id: int | None) -> tuple[bool, int]:
    return (record_id is None, record_id or 0)


class _Units:
    """Points counted in whole units of 1/scale (scale: the least common denominator of every point and cap in
    the plan), so the escalation and cap arithmetic of thousands of items is on integers, exactly."""

    def __init__(self, plan: EmulationPlan) -> None:
        values = [Fraction(block.cap) for block in plan.blocks if block.cap is not None]
        for criterion in plan.criteria.values():
            values.append(Fraction(criterion.points))
            values.extend(Fraction(step.points) for step in criterion.escalation)
            if criterion.cap is not None:
                values.append(Fraction(criterion.cap))
        self.scale = math.lcm(1, *(value.denominator for value in values))
        self._known: dict[Fraction, int] = {}
        self.criterion_caps = {code: self.of(criterion.cap) for code, criterion in plan.criteria.items()
                               if criterion.cap is not None}
        self.block_caps = {block.code: self.of(block.cap) for block in plan.blocks if block.cap is not None}

    def of(self, value: Fraction) -> int:
        units = self._known.get(value)
        if units is None:
            exact = Fraction(value)
            units = self._known[value] = exact.numerator * (self.scale // exact.denominator)
        return units


@dataclass(slots=True)
class _PartTotals:
    """A sub-period's sums, in units: per block, and of the deductions."""

    by_block: dict[str, int]
    deducted: int = 0


def _score_person(plan: EmulationPlan, units: _Units, period: Period, person: Staff, active: tuple[date, date],
                  occurrences: list[_Occurrence]) -> StaffResult:
    occurrences = sorted(occurrences, key=lambda occurrence: occurrence.order)
    items: list[ScoreItem] = []
    sub_scores = []
    block_totals = {block.code: Fraction(0) for block in plan.blocks}
    deducted = Fraction(0)
    for part, weight in weighted_parts(plan, period, active):
        inside = [occurrence for occurrence in occurrences if part.contains(occurrence.day)]
        part_items, totals = _score_part(units, part, weight, inside)
        items.extend(part_items)
        sub_scores.append(SubPeriodScore(part, weight, plan.base_score + Fraction(sum(totals.by_block.values()),
                                                                                  units.scale)))
        # Σ contributions = weight × Σ points of the part: the same exact sum, one product per block.
        for block_code, total in totals.by_block.items():
            block_totals[block_code] += Fraction(total, units.scale) * weight
        deducted += Fraction(totals.deducted, units.scale) * weight
    items.sort(key=_display_key)

    score = plan.base_score + sum(block_totals.values(), Fraction(0))
    absent_rule = plan.rule_for(AttendanceTrigger.ABSENT)
    absent_code = absent_rule.criterion_code if absent_rule else None
    grade_by_score = plan.grade_for(score)
    ceiling_change = _ceiling_change(plan, items, grade_by_score)
    return StaffResult(
        staff=person,
        score=score,
        items=tuple(items),
        sub_periods=tuple(sub_scores),
        block_totals=block_totals,
        grade_by_score=grade_by_score,
        grade=ceiling_change.to_grade if ceiling_change else grade_by_score,
        changes=(ceiling_change,) if ceiling_change else (),
        rank=0,
        unexcused_absences=sum(
            1 for item in items
            if item.trigger is AttendanceTrigger.ABSENT
            or (item.source is not ItemSource.ATTENDANCE and item.criterion_code == absent_code)
        ),
        violations=sum(1 for item in items if item.raw_points < 0),
        commendations=sum(1 for item in items if item.raw_points > 0),
        deducted_points=-deducted,
    )


def _score_part(units: _Units, part: Period, weight: Fraction,
                occurrences: Iterable[_Occurrence]) -> tuple[list[ScoreItem], _PartTotals]:
    seen: dict[str, int] = defaultdict(int)
    criterion_used: dict[str, int] = defaultdict(int)
    # Block caps count deductions and bonuses apart: key (block code, sign).
    block_used: dict[tuple[str, bool], int] = defaultdict(int)
    totals = _PartTotals(defaultdict(int))
    items = []
    for occurrence in occurrences:
        criterion = occurrence.criterion
        seen[criterion.code] += 1
        raw = criterion.points_for(seen[criterion.code])
        raw_units = units.of(raw)
        size = abs(raw_units)
        criterion_cap = units.criterion_caps.get(criterion.code)
        if criterion_cap is not None:
            size = min(size, max(criterion_cap - criterion_used[criterion.code], 0))
        block_cap = units.block_caps.get(criterion.block_code)
        block_key = (criterion.block_code, raw_units > 0)
        if block_cap is not None:
            size = min(size, max(block_cap - block_used[block_key], 0))
        criterion_used[criterion.code] += size
        block_used[block_key] += size
        point_units = size if raw_units > 0 else -size
        totals.by_block[criterion.block_code] += point_units
        if raw_units < 0:
            totals.deducted += point_units
        points = raw if point_units == raw_units else Fraction(point_units, units.scale)
        items.append(ScoreItem(
            criterion_code=criterion.code, block_code=criterion.block_code, day=occurrence.day,
            session=occurrence.session, source=occurrence.source, record_id=occurrence.record_id,
            occurrence=seen[criterion.code], raw_points=raw, points=points, weight=weight,
            capped=point_units != raw_units, sub_period=part, trigger=occurrence.trigger,
            minutes=occurrence.minutes, note=occurrence.note, recorded_by=occurrence.recorded_by,
        ))
    return items, totals


def _display_key(item: ScoreItem) -> tuple[object, ...]:
    session = _NO_SESSION if item.session is None else _SESSION_ORDER[item.session]
    return (item.day, session, item.criterion_code)


def _ceiling_change(plan: EmulationPlan, items: Sequence[ScoreItem], grade: Grade) -> GradeChange | None:
    binding = None
    for ceiling in plan.ceilings:
        if ceiling.criterion_code is not None:
            count = sum(1 for item in items if item.criterion_code == ceiling.criterion_code)
        else:
            count = sum(1 for item in items if item.block_code == ceiling.block_code)
        if count >= ceiling.min_count and (
            binding is None or plan.grade_index(ceiling.max_grade) > plan.grade_index(binding[0].max_grade)
        ):
            binding = (ceiling, count)
    if binding is None or plan.grade_index(binding[0].max_grade) <= plan.grade_index(grade.code):
        return None
    ceiling, count = binding
    return GradeChange(GradeChangeKind.CEILING, grade, plan.grade(ceiling.max_grade), ceiling=ceiling,
                       count=count)


def _standing(plan: EmulationPlan, result: StaffResult) -> tuple[object, ...]:
    """What decides rank: equal standings share a rank."""
    keys: list[object] = [-result.score]
    for rule in plan.tie_break:
        if rule is TieBreak.FEWER_UNEXCUSED_ABSENCES:
            keys.append(result.unexcused_absences)
        elif rule is TieBreak.FEWER_VIOLATIONS:
            keys.append(result.violations)
        elif rule is TieBreak.FEWER_DEDUCTED_POINTS:
            keys.append(result.deducted_points)
        elif rule is TieBreak.MORE_COMMENDATIONS:
            keys.append(-result.commendations)
    return tuple(keys)


def _rank(plan: EmulationPlan, results: list[StaffResult]) -> list[StaffResult]:
    ordered = sorted(results, key=lambda result: (_standing(plan, result), name_sort_key(result.staff.full_name),
                                                  result.staff.code, result.staff.id or 0))
    ranked: list[StaffResult] = []
    for position, result in enumerate(ordered):
        if ranked and _standing(plan, ranked[-1]) == _standing(plan, result):
            rank = ranked[-1].rank
        else:
            rank = position + 1
        ranked.append(replace(result, rank=rank))
    return ranked


def _apply_quota(plan: EmulationPlan, ranked: list[StaffResult]) -> tuple[list[StaffResult], int | None]:
    quota = plan.quota
    if quota is None:
        return ranked, None
    quota_index = plan.grade_index(quota.grade_code)
    next_grade = plan.grades[quota_index + 1]
    if quota.basis is QuotaBasis.ALL:
        basis = len(ranked)
    else:
        basis = sum(1 for result in ranked if plan.grade_index(result.grade.code) <= quota_index + 1)
    limit = math.floor(quota.max_share * basis)

    groups: dict[int, list[int]] = defaultdict(list)
    for position, result in enumerate(ranked):
        if result.grade.code == quota.grade_code:
            groups[result.rank].append(position)
    demoted: set[int] = set()
    kept = 0
    for rank in sorted(groups):
        group = groups[rank]
        if demoted or kept + len(group) > limit:
            demoted.update(group)
        else:
            kept += len(group)

    final = []
    for position, result in enumerate(ranked):
        if position in demoted:
            change = GradeChange(GradeChangeKind.QUOTA, result.grade, next_grade, quota=quota, limit=limit,
                                 basis_count=basis)
            result = replace(result, grade=next_grade, changes=(*result.changes, change))
        final.append(result)
    return final, limit

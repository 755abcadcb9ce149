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

A big ward's year is tens of thousands of items, so the arithmetic stays on integers: points in units of
1/scale (the plan's least common denominator), each sub-period's weight over one denominator common to
the person's sub-periods, and a Fraction is made only for each result field, from a cache of equal values.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from itertools import groupby
from operator import itemgetter

from ward_office.core.attendance import AttendanceStatus
from ward_office.core.checks import EventSource
from ward_office.core.frozen import freeze
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
    new_score_item,
)
from ward_office.scoring.subperiods import weighted_parts

_SESSION_ORDER = {Session.MORNING: 0, Session.AFTERNOON: 1}
_NO_SESSION = len(_SESSION_ORDER)
_ZERO = Fraction(0)
_TRIGGERS = _ABSENT, _LATE, _EARLY, _MISSING_PUNCH = (
    AttendanceTrigger.ABSENT, AttendanceTrigger.LATE, AttendanceTrigger.EARLY, AttendanceTrigger.MISSING_PUNCH)
_ATTENDANCE = ItemSource.ATTENDANCE


class _CriterionPoints:
    """A criterion's points by occurrence number, as the plan's fractions and in units, and its caps in units."""

    __slots__ = ("absent", "block_cap", "block_code", "block_index", "block_keys", "cap", "code", "last", "points")

    def __init__(self, criterion: Criterion, units: _Units, block_index: int, absent: bool) -> None:
        self.code = criterion.code
        self.block_code = criterion.block_code
        self.block_index = block_index
        # (points, units, |units|) of the n-th occurrence; from the last escalation step on all are worth the same.
        self.last = max((step.from_occurrence for step in criterion.escalation), default=1)
        self.points = [(points, units.of(points), abs(units.of(points)))
                       for points in map(criterion.points_for, range(self.last + 1))]
        self.cap = units.criterion_caps.get(criterion.code)
        self.block_cap = units.block_caps.get(criterion.block_code)
        # Block caps count deductions and bonuses apart: by (block code, is a bonus).
        self.block_keys = ((criterion.block_code, False), (criterion.block_code, True))
        self.absent = absent  # the criterion the ABSENT rule names: its events count as unexcused absences


# An occurrence, as a tuple so that thousands are cheap to build and sort: its chronological position first
# (day, session, attendance before events, no record id last, record id, input order, trigger order), which
# escalation and caps follow and which is unique, so sorting never compares further; then what its item shows.
_Occurrence = tuple[date, int, int, bool, int, int, int, _CriterionPoints, Session | None, ItemSource, int | None,
                    AttendanceTrigger | None, int | None, str, str]


def score_period(data: ScoringInput) -> Ranking:
    plan, period = data.plan, data.period
    active = {person.id: span for person in data.staff
              if (span := person.active_between(period.start, period.end)) is not None}
    scorer = _Scorer(plan)
    occurrences: dict[StaffId | None, list[_Occurrence]] = defaultdict(list)
    unknown: set[str] = set()

    rules = {trigger: scorer.criteria[rule.criterion_code]
             for trigger in AttendanceTrigger if (rule := plan.rule_for(trigger)) is not None}
    absent, late, early, missing_punch = (rules.get(trigger) for trigger in _TRIGGERS)
    grace = data.grace_minutes
    for index, record in enumerate(data.attendance):
        span = active.get(record.staff_id)
        day = record.day
        if span is None or not span[0] <= day <= span[1]:
            continue
        if record.status is AttendanceStatus.LEAVE:
            continue  # leave: nothing
        session, record_id, note, recorded_by = record.session, record.id, record.note, record.recorded_by
        session_order, no_id, id_key = _SESSION_ORDER[session], record_id is None, record_id or 0
        add = occurrences[record.staff_id].append
        # Each trigger the record has and a rule turns into a criterion, with its position among the triggers.
        if record.status is AttendanceStatus.ABSENT:
            if absent is not None:
                add((day, session_order, 0, no_id, id_key, index, 0, absent,
                     session, _ATTENDANCE, record_id, _ABSENT, None, note, recorded_by))
            continue
        if late is not None and record.late_minutes > grace:
            add((day, session_order, 0, no_id, id_key, index, 0, late,
                 session, _ATTENDANCE, record_id, _LATE, record.late_minutes, note, recorded_by))
        if early is not None and record.early_minutes > grace:
            add((day, session_order, 0, no_id, id_key, index, 1, early,
                 session, _ATTENDANCE, record_id, _EARLY, record.early_minutes, note, recorded_by))
        if missing_punch is not None and record.missing_punch:
            add((day, session_order, 0, no_id, id_key, index, 2, missing_punch,
                 session, _ATTENDANCE, record_id, _MISSING_PUNCH, None, note, recorded_by))
    for index, event in enumerate(data.events):
        span = active.get(event.staff_id)
        if span is None or not span[0] <= event.day <= span[1]:
            continue
        criterion = scorer.criteria.get(event.criterion_code)
        if criterion is None:
            unknown.add(event.criterion_code)
            continue
        from_check = event.check_id is not None or event.source is EventSource.CHECK
        occurrences[event.staff_id].append((
            event.day, _NO_SESSION, 1, event.id is None, event.id or 0, index, 0, criterion, None,
            ItemSource.CHECK if from_check else ItemSource.EVENT, event.id, None, None, event.note,
            event.recorded_by,
        ))

    parts: dict[tuple[date, date], _Parts] = {}  # most people share their active range, hence their parts
    drafts = []
    for person in data.staff:
        if person.id in active:
            span = active[person.id]
            if span not in parts:
                parts[span] = _Parts(weighted_parts(plan, period, span), scorer.scale)
            drafts.append(scorer.person(person, parts[span], occurrences[person.id]))
    ranked = _rank(plan, drafts)
    results, quota_limit = _apply_quota(plan, ranked)
    return Ranking(plan, period, tuple(results), quota_limit, tuple(sorted(unknown)))


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
        self.criterion_caps = {code: self.of(criterion.cap) for code, criterion in plan.criteria.items()
                               if criterion.cap is not None}
        self.block_caps = {block.code: self.of(block.cap) for block in plan.blocks if block.cap is not None}

    def of(self, value: Fraction) -> int:
        exact = Fraction(value)
        return exact.numerator * (self.scale // exact.denominator)


class _Parts:
    """The sub-periods of one active range (chronological and disjoint, as ``weighted_parts`` cuts them), each
    with its weight, that weight as a multiplier over ``denominator`` (Σ units × weight / scale is then
    Σ units × multiplier / denominator, a sum of integers), and its scores already made by their units (the
    many equal sub-period scores are one object each)."""

    def __init__(self, weighted: list[tuple[Period, Fraction]], scale: int) -> None:
        common = math.lcm(1, *(weight.denominator for _part, weight in weighted))
        self.denominator = common * scale
        self.parts: list[tuple[Period, Fraction, int, dict[int, SubPeriodScore]]] = [
            (part, weight, weight.numerator * (common // weight.denominator), {}) for part, weight in weighted]


class _Scorer:
    """One plan's points, caps, grades and ceilings, applied person by person."""

    def __init__(self, plan: EmulationPlan) -> None:
        self.plan = plan
        units = _Units(plan)
        self.scale = units.scale
        self.block_codes = [block.code for block in plan.blocks]
        for criterion in plan.criteria.values():  # a plan read by load_plan lists every block; kept safe anyway
            if criterion.block_code not in self.block_codes:
                self.block_codes.append(criterion.block_code)
        absent_rule = plan.rule_for(AttendanceTrigger.ABSENT)
        absent_code = absent_rule.criterion_code if absent_rule else None
        self.criteria = {code: _CriterionPoints(criterion, units, self.block_codes.index(criterion.block_code),
                                                code == absent_code)
                         for code, criterion in plan.criteria.items()}
        self.grade_index = {grade.code: plan.grade_index(grade.code) for grade in plan.grades}
        self.ceilings = [(ceiling, self.grade_index[ceiling.max_grade]) for ceiling in plan.ceilings]
        self._fractions: dict[tuple[int, int], Fraction] = {}
        self._grades: dict[tuple[int, int], Grade] = {}
        self._changes: dict[tuple[str, int, int], GradeChange] = {}

    def fraction(self, numerator: int, denominator: int) -> Fraction:
        """Fraction(numerator, denominator), made once per value: most people share many of theirs."""
        key = (numerator, denominator)
        value = self._fractions.get(key)
        if value is None:
            value = self._fractions[key] = Fraction(numerator, denominator)
        return value

    def above_base(self, numerator: int, denominator: int) -> Fraction:
        """base score + numerator / denominator."""
        base = self.plan.base_score
        return self.fraction(base.numerator * denominator + base.denominator * numerator,
                             base.denominator * denominator)

    def person(self, person: Staff, parts: _Parts, occurrences: list[_Occurrence]) -> _Draft:
        occurrences.sort()
        scale = self.scale
        items: list[ScoreItem] = []
        # Scored in time order, the items are in display order (day, session, criterion) but for two criteria
        # in one session: sorted then, stably.
        in_display_order, last_day, last_session, last_code = True, None, None, ""
        counts: dict[str, int] = {}  # per criterion over the whole period: the ceilings count them
        sub_scores = []
        block_sums = [0] * len(self.block_codes)  # Σ units × multiplier per block, over parts.denominator
        deducted_sum = absences = violations = commendations = 0
        position, end_position = 0, len(occurrences)
        for part, weight, multiplier, part_scores in parts.parts:
            start, end = part.start, part.end
            while position < end_position and occurrences[position][0] < start:
                position += 1  # in no part: not scored
            part_units = 0
            if position < end_position and occurrences[position][0] <= end:
                seen: dict[str, int] = {}
                used: dict[object, int] = {}  # what the caps have let through: by criterion code and block key
                while position < end_position and occurrences[position][0] <= end:
                    (day, session_order, _kind, _no_id, _id, _index, _trigger_order, criterion, session, source,
                     record_id, trigger, minutes, note, recorded_by) = occurrences[position]
                    position += 1
                    code = criterion.code
                    occurrence = seen[code] = seen.get(code, 0) + 1
                    raw, raw_units, size = criterion.points[
                        occurrence if occurrence < criterion.last else criterion.last]
                    if criterion.cap is not None:
                        taken = used.get(code, 0)
                        if criterion.cap - taken < size:
                            size = max(criterion.cap - taken, 0)
                        used[code] = taken + size
                    if criterion.block_cap is not None:
                        block_key = criterion.block_keys[raw_units > 0]
                        taken = used.get(block_key, 0)
                        if criterion.block_cap - taken < size:
                            size = max(criterion.block_cap - taken, 0)
                        used[block_key] = taken + size
                    if raw_units > 0:
                        point_units = size
                        commendations += 1
                    else:
                        point_units = -size
                        if raw_units < 0:
                            violations += 1
                            deducted_sum += point_units * multiplier
                    part_units += point_units
                    block_sums[criterion.block_index] += point_units * multiplier
                    if trigger is AttendanceTrigger.ABSENT or (criterion.absent
                                                               and source is not ItemSource.ATTENDANCE):
                        absences += 1
                    capped = point_units != raw_units
                    items.append(new_score_item(
                        code, criterion.block_code, day, session, source, record_id, occurrence, raw,
                        self.fraction(point_units, scale) if capped else raw, weight, capped, part, trigger,
                        minutes, note, recorded_by))
                    if code < last_code and day == last_day and session_order == last_session:
                        in_display_order = False
                    last_day, last_session, last_code = day, session_order, code
                for code, number in seen.items():
                    counts[code] = counts.get(code, 0) + number
            sub_score = part_scores.get(part_units)
            if sub_score is None:
                sub_score = part_scores[part_units] = SubPeriodScore(part, weight, self.above_base(part_units, scale))
            sub_scores.append(sub_score)
        if not in_display_order:
            items.sort(key=_display_key)

        denominator = parts.denominator
        draft = _Draft()
        draft.staff = person
        draft.score = self.above_base(sum(block_sums), denominator)
        draft.items = tuple(items)
        draft.sub_periods = tuple(sub_scores)
        draft.block_totals = {code: self.fraction(total, denominator) if total else _ZERO
                              for code, total in zip(self.block_codes, block_sums, strict=True)}
        draft.grade_by_score = self.grade_for(draft.score)
        ceiling_change = self.ceiling_change(counts, draft.grade_by_score)
        draft.grade = ceiling_change.to_grade if ceiling_change else draft.grade_by_score
        draft.changes = (ceiling_change,) if ceiling_change else ()
        draft.unexcused_absences = absences
        draft.violations = violations
        draft.commendations = commendations
        draft.deducted_points = self.fraction(-deducted_sum, denominator) if deducted_sum else _ZERO
        return draft

    def grade_for(self, score: Fraction) -> Grade:
        """``plan.grade_for``, once per score."""
        key = (score.numerator, score.denominator)
        grade = self._grades.get(key)
        if grade is None:
            grade = self._grades[key] = self.plan.grade_for(score)
        return grade

    def ceiling_change(self, counts: Mapping[str, int], grade: Grade) -> GradeChange | None:
        """The most restrictive ceiling reached, if it lowers ``grade``; equal changes are one object."""
        binding = None
        for index, (ceiling, max_grade) in enumerate(self.ceilings):
            if ceiling.criterion_code is not None:
                count = counts.get(ceiling.criterion_code, 0)
            else:
                count = sum(number for code, number in counts.items()
                            if self.plan.criteria[code].block_code == ceiling.block_code)
            if count >= ceiling.min_count and (binding is None or max_grade > binding[2]):
                binding = (index, count, max_grade)
        if binding is None or binding[2] <= self.grade_index[grade.code]:
            return None
        key = (grade.code, binding[0], binding[1])
        change = self._changes.get(key)
        if change is None:
            ceiling = self.ceilings[binding[0]][0]
            change = self._changes[key] = GradeChange(GradeChangeKind.CEILING, grade,
                                                      self.plan.grade(ceiling.max_grade), ceiling=ceiling,
                                                      count=binding[1])
        return change


def _display_key(item: ScoreItem) -> tuple[object, ...]:
    session = _NO_SESSION if item.session is None else _SESSION_ORDER[item.session]
    return (item.day, session, item.criterion_code)


class _Draft:
    """A person's result being made: written field by field, and once ranked given its rank and made the
    StaffResult it then is (``core.frozen``), with no copy made."""

    __slots__ = StaffResult.__slots__
    # StaffResult's fields, for the type checker (annotations only: the slots above hold the values).
    staff: Staff
    score: Fraction
    items: tuple[ScoreItem, ...]
    sub_periods: tuple[SubPeriodScore, ...]
    block_totals: Mapping[str, Fraction]
    grade_by_score: Grade
    grade: Grade
    changes: tuple[GradeChange, ...]
    rank: int
    unexcused_absences: int
    violations: int
    commendations: int
    deducted_points: Fraction

    def ranked(self, rank: int) -> StaffResult:
        self.rank = rank
        return freeze(self, StaffResult)


def _standing(plan: EmulationPlan, result: _Draft, common: int) -> tuple[int, ...]:
    """What decides rank: equal standings share a rank. Scores and deducted points are counted in 1/common,
    a denominator common to everyone's, so that standings compare as integers, exactly."""
    keys = [-result.score.numerator * (common // result.score.denominator)]
    for rule in plan.tie_break:
        if rule is TieBreak.FEWER_UNEXCUSED_ABSENCES:
            keys.append(result.unexcused_absences)
        elif rule is TieBreak.FEWER_VIOLATIONS:
            keys.append(result.violations)
        elif rule is TieBreak.FEWER_DEDUCTED_POINTS:
            keys.append(result.deducted_points.numerator * (common // result.deducted_points.denominator))
        elif rule is TieBreak.MORE_COMMENDATIONS:
            keys.append(-result.commendations)
    return tuple(keys)


def _rank(plan: EmulationPlan, drafts: list[_Draft]) -> list[tuple[int, _Draft]]:
    """Everyone with their rank, in rank order."""
    common = math.lcm(1, *{draft.score.denominator for draft in drafts},
                      *{draft.deducted_points.denominator for draft in drafts})
    standings = sorted(((_standing(plan, draft, common), draft) for draft in drafts), key=itemgetter(0))
    ranked: list[tuple[int, _Draft]] = []
    for _key, group in groupby(standings, key=itemgetter(0)):
        rank = len(ranked) + 1  # equal standings share a rank, within it Vietnamese name order
        tied = [draft for _standing_key, draft in group]
        if len(tied) > 1:
            tied.sort(key=lambda draft: (name_sort_key(draft.staff.full_name), draft.staff.code,
                                         draft.staff.id or 0))
        ranked.extend((rank, draft) for draft in tied)
    return ranked


def _apply_quota(plan: EmulationPlan, ranked: list[tuple[int, _Draft]]) -> tuple[list[StaffResult], int | None]:
    """The results, the quota's demotions made; and the quota's limit."""
    quota = plan.quota
    if quota is None:
        return [draft.ranked(rank) for rank, draft in ranked], None
    quota_index = plan.grade_index(quota.grade_code)
    quota_grade, next_grade = plan.grades[quota_index], plan.grades[quota_index + 1]
    if quota.basis is QuotaBasis.ALL:
        basis = len(ranked)
    else:
        basis = sum(1 for _rank, draft in ranked if plan.grade_index(draft.grade.code) <= quota_index + 1)
    limit = math.floor(quota.max_share * basis)

    groups: dict[int, list[int]] = defaultdict(list)
    for position, (rank, draft) in enumerate(ranked):
        if draft.grade.code == quota.grade_code:
            groups[rank].append(position)
    demoted: set[int] = set()
    kept = 0
    for rank in sorted(groups):
        group = groups[rank]
        if demoted or kept + len(group) > limit:
            demoted.update(group)
        else:
            kept += len(group)

    change = GradeChange(GradeChangeKind.QUOTA, quota_grade, next_grade, quota=quota, limit=limit, basis_count=basis)
    final = []
    for position, (rank, draft) in enumerate(ranked):
        if position in demoted:  # held the quota grade: the same change for everyone demoted
            draft.grade, draft.changes = next_grade, (*draft.changes, change)
        final.append(draft.ranked(rank))
    return final, limit

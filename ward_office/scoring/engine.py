"""The emulation-plan engine: from attendance and events to scores, grades and ranks for one period.

Scoring is a pure function of its input so it can be rerun at any time and explained item by item.
The rules, in the order they apply:

1. Occurrences. A PRESENT attendance record with ``late_minutes`` above the grace minutes is a LATE,
   with ``early_minutes`` above them an EARLY, with ``missing_punch`` a MISSING_PUNCH (one record can
   give several); an ABSENT record is one ABSENT; LEAVE gives a LEAVE when a leave rule takes its code,
   else nothing; no record means present on time. Each trigger becomes an occurrence of the criterion its
   rule names, if any: one per session, or, as the rule's ``count`` says, one per day or per run of
   consecutive working days (``scoring.count_units``: the first record of the day or run carries it).
   An event is an occurrence of its own criterion; events whose code the plan lacks are skipped and
   reported in ``Ranking.unknown_criteria``. Only records and events inside the period, for a listed
   person and inside that person's active range are scored.
2. Sub-periods. A month is scored directly. Other periods follow ``plan.aggregation.default``, a year
   ``plan.aggregation.year``. DIRECT scores the period (clipped to the active range) as one part.
   MEAN_OF_MONTHS scores each month the person was active in from the base score and averages them.
   WEIGHTED_HALVES scores each half of the year by the default rule and takes (w1·H1 + w2·H2)/(w1 + w2);
   someone who worked in one half only is scored on that half. Each item carries the product of the
   shares as its weight, so the score is exactly base + Σ points × weight. A year and its halves are the plan's
   (``year_halves``: a calendar year given is its school year). A month worked on no day, all on
   ``long_leave_codes``, is in no mean of months; left with none, a person is ``Ranking.not_scored``.
3. Escalation. Within a sub-period the n-th occurrence of a criterion, in the order day, session
   (morning, afternoon, then events), attendance before events, record id, is worth
   ``criterion.points_for(n)``.
4. Caps, in that same order within a sub-period: a criterion cap limits the size of the criterion's
   total; then a block cap limits the block's total deductions and, separately, its total bonuses. An
   item past a cap keeps only what remains (possibly 0), is marked capped, and is still listed.
   Bounds, after the caps, on each sub-period's sums: a block's score (its start, ``plan.block_start``,
   plus its items) is brought within the block's ``floor`` and ``maximum``, then the score (base plus
   every block) within the plan's; each bound that acts is a ``Clamp`` of the result, with the points it
   added or took off, so the score stays base + Σ items + Σ clamps.
5. Grades. ``plan.grade_for(score)``; then every ceiling reached over the whole period, or for a ceiling
   ``per`` month in some month of it (occurrences counted per criterion or per block, capped ones included),
   limits the grade; the most restrictive binds and is recorded only if it lowered the grade.
   A ceiling ``per`` year counts from the start of the year to the period's end (``scoring.look_back``).
6. Ranking. Score, highest first, then the plan's tie-break keys in order. People equal on the score
   and on every tie-break key share a rank and the next rank skips (1, 2, 2, 4); within a rank the list
   follows Vietnamese name order.
7. Quota, after ceilings. limit = ⌊max_share × basis⌋, where the basis is everyone ranked (ALL),
   those graded the quota grade or the next grade below or better (AT_LEAST_NEXT), or those graded
   exactly the quota grade (EXACTLY). Holders of the quota grade are taken in rank order while they fit,
   and everyone ranked after the line is demoted to the next grade down (nobody keeps the grade over
   someone ranked above). When the line cuts through a shared rank (k places left for more people equal
   on every key), the program does not choose: nobody of that rank is demoted and ``Ranking.quota_tie``
   says the tie is pending, until the emulation council's decision (``ScoringInput.quota_decisions``) for
   exactly those people and k places chooses who keeps the grade; the others are demoted citing it. A
   decision that no longer fits is kept as ``stale`` and not applied. When the line falls between two
   people of equal score, ``Ranking.quota_separated_by`` names the tie-break key that separated them.
8. Counts. ``unexcused_absences`` counts ABSENT occurrences from attendance and events of the criterion
   the ABSENT rule names; ``violations`` and ``commendations`` count items by the sign of their raw
   points (items from leave rules are no violations, items worth 0 neither); ``deducted_points`` is what
   deductions actually took off the score.

Staff not active at any day of the period are left out. An occurrence the head excused (``scoring.excused``)
is set aside before rule 1 and listed at 0 points after rule 8. Entered blocks (``scoring.entered``): each
month's entered points are an item of points − maximum; whoever lacks one is not graded yet, after everyone
ranked and outside the quota.

A big ward's year is tens of thousands of items, so the arithmetic stays on integers: points in units of
1/scale (the plan's least common denominator), each sub-period's weight over one denominator common to
the person's sub-periods, and a Fraction is made only for each result field, from a cache of equal values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction

from ward_office.core.attendance import Attendance, AttendanceStatus
from ward_office.core.checks import EventSource
from ward_office.core.period import Period
from ward_office.core.plan import AttendanceTrigger, EmulationPlan, Grade
from ward_office.core.plan_year import plan_period
from ward_office.core.schedule import Session
from ward_office.core.staff import Staff, StaffId
from ward_office.scoring.bounds import Bounds
from ward_office.scoring.ceilings import PeriodCeilings
from ward_office.scoring.chosen_points import ChosenPoints
from ward_office.scoring.count_units import OccurrenceUnits
from ward_office.scoring.entered import add_entered_scores
from ward_office.scoring.excused import set_aside_excused, with_excused_items
from ward_office.scoring.long_leave import PersonParts
from ward_office.scoring.look_back import apply_year_ceilings
from ward_office.scoring.results import (
    ItemSource,
    Ranking,
    ScoreItem,
    ScoringInput,
    SubPeriodScore,
    new_score_item,
)
from ward_office.scoring.satisfaction import satisfaction_occurrences
from ward_office.scoring.standings import Draft, apply_quota, rank_drafts
from ward_office.scoring.tally import Tally, within_caps
from ward_office.scoring.units import CriterionPoints, Parts, Units

_SESSION_ORDER = {Session.MORNING: 0, Session.AFTERNOON: 1}
_NO_SESSION = len(_SESSION_ORDER)
_ZERO = Fraction(0)
_TRIGGERS = _ABSENT, _LATE, _EARLY, _MISSING_PUNCH = (
    AttendanceTrigger.ABSENT, AttendanceTrigger.LATE, AttendanceTrigger.EARLY, AttendanceTrigger.MISSING_PUNCH)
_LEAVE = AttendanceTrigger.LEAVE
_ATTENDANCE = ItemSource.ATTENDANCE


# An occurrence, as a tuple so that thousands are cheap to build and sort: its chronological position first
# (day, session, attendance before events, no record id last, record id, input order, trigger order), which
# escalation and caps follow and which is unique, so sorting never compares further; then what its item shows.
_Occurrence = tuple[date, int, int, bool, int, int, int, CriterionPoints, Session | None, ItemSource, int | None,
                    AttendanceTrigger | None, int | None, str, str]


def score_period(data: ScoringInput) -> Ranking:
    data, excused = set_aside_excused(data)  # scoring.excused: excused occurrences cost and count nothing
    plan, period = data.plan, plan_period(data.plan, data.period)
    active = {person.id: span for person in data.staff
              if (span := person.active_between(period.start, period.end)) is not None}
    scorer = _Scorer(plan)
    occurrences: dict[StaffId | None, list[_Occurrence]] = defaultdict(list)
    _attendance_occurrences(data, active, scorer, occurrences)
    unknown = _event_occurrences(data, active, scorer, occurrences)
    satisfaction_occurrences(data, active, scorer.criteria, occurrences)

    parts = PersonParts(data, period, active, scorer.scale)  # most people share their parts
    drafts = []
    for person in data.staff:
        if person.id in active and (person_parts := parts.of(person)) is not None:
            drafts.append(scorer.person(person, person_parts, occurrences[person.id]))
    drafts, ungraded = add_entered_scores(plan, drafts, data.entered_scores)
    apply_year_ceilings(plan, period, drafts, data.earlier_counts)
    ranked = rank_drafts(plan, drafts)
    results, quota_limit, quota_tie, separated_by = apply_quota(plan, ranked, period, data.quota_decisions)
    ranking = Ranking(plan, period, (*results, *ungraded), quota_limit, tuple(sorted(unknown)), quota_tie,
                      separated_by, parts.months_left_out, tuple(parts.not_scored))
    return with_excused_items(ranking, excused)


_Spans = Mapping[StaffId | None, tuple[date, date]]


def _attendance_occurrences(data: ScoringInput, active: _Spans, scorer: _Scorer,
                            occurrences: dict[StaffId | None, list[_Occurrence]]) -> None:
    """Rule 1 for attendance: each trigger a record has and a rule turns into a criterion."""
    plan, grace = data.plan, data.grace_minutes
    absent_rule, late_rule, early_rule, punch_rule = (plan.rule_for(trigger) for trigger in _TRIGGERS)
    absent, late, early, missing_punch = (None if rule is None else scorer.criteria[rule.criterion_code]
                                          for rule in (absent_rule, late_rule, early_rule, punch_rule))
    leave_rules = plan.leave_rules()
    units = OccurrenceUnits(plan, data.working_days) if OccurrenceUnits.needed(plan) else None
    records: Iterable[tuple[int, Attendance]] = enumerate(data.attendance)
    if units is not None:  # a day or run is counted at its first record: they are taken in time order
        records = sorted(records, key=lambda pair: (pair[1].day, _SESSION_ORDER[pair[1].session], pair[0]))
    for index, record in records:
        span = active.get(record.staff_id)
        day = record.day
        if span is None or not span[0] <= day <= span[1]:
            continue
        if record.status is AttendanceStatus.LEAVE and record.leave_code not in leave_rules:
            continue  # leave no rule takes: nothing
        session, record_id, note, recorded_by = record.session, record.id, record.note, record.recorded_by
        session_order, no_id, id_key = _SESSION_ORDER[session], record_id is None, record_id or 0
        add = occurrences[record.staff_id].append
        # The trigger's position among the triggers is the seventh field.
        if record.status is AttendanceStatus.LEAVE:
            rule = leave_rules[record.leave_code]  # type: ignore[index]  # a LEAVE record has its code
            if units is None or units.counts(record.staff_id, day, rule):
                add((day, session_order, 0, no_id, id_key, index, 0, scorer.criteria[rule.criterion_code],
                     session, _ATTENDANCE, record_id, _LEAVE, None, note, recorded_by))
            continue
        if record.status is AttendanceStatus.ABSENT:
            if absent is not None and (units is None or units.counts(record.staff_id, day, absent_rule)):
                add((day, session_order, 0, no_id, id_key, index, 0, absent,
                     session, _ATTENDANCE, record_id, _ABSENT, None, note, recorded_by))
            continue
        if late is not None and record.late_minutes > grace and (
                units is None or units.counts(record.staff_id, day, late_rule)):
            add((day, session_order, 0, no_id, id_key, index, 0, late,
                 session, _ATTENDANCE, record_id, _LATE, record.late_minutes, note, recorded_by))
        if early is not None and record.early_minutes > grace and (
                units is None or units.counts(record.staff_id, day, early_rule)):
            add((day, session_order, 0, no_id, id_key, index, 1, early,
                 session, _ATTENDANCE, record_id, _EARLY, record.early_minutes, note, recorded_by))
        if missing_punch is not None and record.missing_punch and (
                units is None or units.counts(record.staff_id, day, punch_rule)):
            add((day, session_order, 0, no_id, id_key, index, 2, missing_punch,
                 session, _ATTENDANCE, record_id, _MISSING_PUNCH, None, note, recorded_by))


def _event_occurrences(data: ScoringInput, active: _Spans, scorer: _Scorer,
                       occurrences: dict[StaffId | None, list[_Occurrence]]) -> set[str]:
    """Rule 1 for events: each is an occurrence of its criterion; returns the codes the plan lacks."""
    unknown: set[str] = set()
    for index, event in enumerate(data.events):
        span = active.get(event.staff_id)
        if span is None or not span[0] <= event.day <= span[1]:
            continue
        criterion = scorer.criteria.get(event.criterion_code)
        if criterion is None:
            unknown.add(event.criterion_code)
            continue
        criterion = scorer.chosen.for_event(criterion, event)  # a ranged criterion: the event's own points
        from_check = event.check_id is not None or event.source is EventSource.CHECK
        occurrences[event.staff_id].append((
            event.day, _NO_SESSION, 1, event.id is None, event.id or 0, index, 0, criterion, None,
            ItemSource.CHECK if from_check else ItemSource.EVENT, event.id, None, None, event.note,
            event.recorded_by,
        ))
    return unknown


class _Scorer:
    """One plan's points, caps, grades and ceilings, applied person by person."""

    def __init__(self, plan: EmulationPlan) -> None:
        self.plan = plan
        units = Units(plan)
        self.scale = units.scale
        self.block_codes = [block.code for block in plan.blocks]
        for criterion in plan.criteria.values():  # a plan read by load_plan lists every block; kept safe anyway
            if criterion.block_code not in self.block_codes:
                self.block_codes.append(criterion.block_code)
        absent_rule = plan.rule_for(AttendanceTrigger.ABSENT)
        absent_code = absent_rule.criterion_code if absent_rule else None
        self.criteria = {code: CriterionPoints(criterion, units, self.block_codes.index(criterion.block_code),
                                                code == absent_code)
                         for code, criterion in plan.criteria.items()}
        self.bounds = Bounds(plan, units, self.fraction)
        self.chosen = ChosenPoints(plan, units)
        self.ceilings = PeriodCeilings(plan)
        self._fractions: dict[tuple[int, int], Fraction] = {}
        self._grades: dict[tuple[int, int], Grade] = {}

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

    def person(self, person: Staff, parts: Parts, occurrences: list[_Occurrence]) -> Draft:
        occurrences.sort()
        tally = Tally(len(self.block_codes))
        sub_scores = []
        position = 0
        for part, weight, multiplier, part_scores in parts.parts:
            position, part_units = self._score_part(occurrences, position, part, weight, multiplier, tally)
            sub_score = part_scores.get(part_units)
            if sub_score is None:
                sub_score = part_scores[part_units] = SubPeriodScore(part, weight, self.above_base(part_units,
                                                                                                   self.scale))
            sub_scores.append(sub_score)
        if not tally.in_display_order:
            tally.items.sort(key=_display_key)
        return self._draft(person, parts.denominator, tally, tuple(sub_scores))

    def _score_part(self, occurrences: list[_Occurrence], position: int, part: Period, weight: Fraction,
                    multiplier: int, tally: Tally) -> tuple[int, int]:
        """Rules 3 and 4 for the occurrences of ``part``, the first at ``position`` or after (those before it are
        in no part: not scored): their items and counts go to ``tally``. Returns the position after them and
        the part's total in units. Runs once per item of a year of a big ward: the tally is read into locals."""
        start, end, end_position = part.start, part.end, len(occurrences)
        while position < end_position and occurrences[position][0] < start:
            position += 1
        if position == end_position or occurrences[position][0] > end:
            return position, 0
        scale, items, block_sums = self.scale, tally.items, tally.block_sums
        deducted_sum, absences, violations, commendations = (
            tally.deducted_sum, tally.absences, tally.violations, tally.commendations)
        in_display_order, (last_day, last_session, last_code) = tally.in_display_order, tally.last
        part_units = 0
        part_blocks = [0] * len(self.block_codes) if self.bounds.any else None
        monthly = tally.month_counts if self.ceilings.monthly else None
        seen: dict[str, int] = {}
        used: dict[object, int] = {}  # what the caps have let through: by criterion code and block key
        while position < end_position and occurrences[position][0] <= end:
            (day, session_order, _kind, _no_id, _id, _index, _trigger_order, criterion, session, source,
             record_id, trigger, minutes, note, recorded_by) = occurrences[position]
            position += 1
            code = criterion.code
            occurrence = seen[code] = seen.get(code, 0) + 1
            if monthly is not None:
                in_month = monthly.setdefault((day.year, day.month), {})
                in_month[code] = in_month.get(code, 0) + 1
            raw, raw_units, size = criterion.points[occurrence if occurrence < criterion.last else criterion.last]
            if criterion.cap is not None or criterion.block_cap is not None:
                size = within_caps(criterion, raw_units, size, used)
            if raw_units > 0:
                point_units = size
                commendations += 1
            else:
                point_units = -size
                if raw_units < 0:
                    violations += trigger is not _LEAVE  # leave may cost points; it is no violation
                    deducted_sum += point_units * multiplier
            part_units += point_units
            block_sums[criterion.block_index] += point_units * multiplier
            if part_blocks is not None:
                part_blocks[criterion.block_index] += point_units
            if trigger is AttendanceTrigger.ABSENT or (criterion.absent and source is not ItemSource.ATTENDANCE):
                absences += 1
            capped = point_units != raw_units
            items.append(new_score_item(
                code, criterion.block_code, day, session, source, record_id, occurrence, raw,
                self.fraction(point_units, scale) if capped else raw, weight, capped, part, trigger,
                minutes, note, recorded_by))
            if code < last_code and day == last_day and session_order == last_session:
                in_display_order = False
            last_day, last_session, last_code = day, session_order, code
        tally.add_counts(seen)
        tally.deducted_sum, tally.absences, tally.violations, tally.commendations = (
            deducted_sum, absences, violations, commendations)
        tally.in_display_order, tally.last = in_display_order, (last_day, last_session, last_code)
        if part_blocks is not None:
            part_units = self._bound(part, weight, multiplier, part_blocks, part_units, tally)
        return position, part_units

    def _bound(self, part: Period, weight: Fraction, multiplier: int, part_blocks: list[int], part_units: int,
               tally: Tally) -> int:
        """Rule 4's bounds on the sums of ``part``: their clamps go to ``tally``; returns the bounded total."""
        for index, adjustment, clamp in self.bounds.clamps(part, weight, part_blocks, part_units, tally.items):
            part_units += adjustment
            if index is None:
                tally.total_sum += adjustment * multiplier
            else:
                tally.block_sums[index] += adjustment * multiplier
            if clamp.deducts:  # a floor: what the deductions took off is less; a block lost: more
                tally.deducted_sum += adjustment * multiplier
            tally.clamps.append(clamp)
        return part_units

    def _draft(self, person: Staff, denominator: int, tally: Tally, sub_scores: tuple[SubPeriodScore, ...]) -> Draft:
        """Rule 5 and the counts of rule 8: the person's result before ranking."""
        block_sums = tally.block_sums
        draft = Draft()
        draft.staff = person
        draft.score = self.above_base(sum(block_sums) + tally.total_sum, denominator)
        draft.items = tuple(tally.items)
        draft.sub_periods = sub_scores
        draft.block_totals = {code: self.fraction(total, denominator) if total else _ZERO
                              for code, total in zip(self.block_codes, block_sums, strict=True)}
        draft.grade_by_score = self.grade_for(draft.score)
        ceiling_change = self.ceilings.change(tally.counts, tally.month_counts, draft.grade_by_score)
        draft.grade = ceiling_change.to_grade if ceiling_change else draft.grade_by_score
        draft.changes = (ceiling_change,) if ceiling_change else ()
        draft.unexcused_absences = tally.absences
        draft.violations = tally.violations
        draft.commendations = tally.commendations
        draft.deducted_points = self.fraction(-tally.deducted_sum, denominator) if tally.deducted_sum else _ZERO
        draft.clamps = tuple(tally.clamps)
        return draft

    def grade_for(self, score: Fraction) -> Grade:
        """``plan.grade_for``, once per score."""
        key = (score.numerator, score.denominator)
        grade = self._grades.get(key)
        if grade is None:
            grade = self._grades[key] = self.plan.grade_for(score)
        return grade


def _display_key(item: ScoreItem) -> tuple[object, ...]:
    session = _NO_SESSION if item.session is None else _SESSION_ORDER[item.session]
    return (item.day, session, item.criterion_code)

"""Ceilings counted over the year: "anyone disciplined in the year is graded lowest" (NĐ 48/2023) must hold for
a month or a half-year too, so such a ceiling counts from the start of the year, months before the period
included, up to the period's end.

The engine stays pure and sees only its period: the service counts each person's occurrences from the start
of the year to the day before the period with ``look_back_counts.earlier_counts`` (the engine's own rule 1 on
that span) and passes them in ``ScoringInput.earlier_counts``; ``apply_year_ceilings`` adds the period's own
occurrences and lets the ceiling bind as rule 5 says, before ranking and quota.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from ward_office.core.period import Period, PeriodKind
from ward_office.core.plan import Ceiling, CeilingScope, EmulationPlan
from ward_office.core.staff import StaffId
from ward_office.scoring.results import GradeChange, GradeChangeKind
from ward_office.scoring.standings import Draft

Counts = Mapping[StaffId, Mapping[str, int]]


def look_back_start(plan: EmulationPlan, period: Period) -> date:
    """The first day a ceiling ``per = "year"`` counts: the first day of the plan's year (its ``year_halves``
    start; 1 January by default) that the period ends in. The one place that says when the year starts."""
    first_month = plan.aggregation.year_halves[0][0]
    end = period.end
    return date(end.year if end.month >= first_month else end.year - 1, first_month, 1)


def has_year_ceilings(plan: EmulationPlan) -> bool:
    return any(ceiling.per is CeilingScope.YEAR for ceiling in plan.ceilings)


def earlier_span(plan: EmulationPlan, period: Period) -> Period | None:
    """From the start of the year to the day before the period, or None when the period starts the year (or the
    plan has no ceiling counted over the year): what the service must count for ``earlier_counts``."""
    start = look_back_start(plan, period)
    if not has_year_ceilings(plan) or start >= period.start:
        return None
    return Period(PeriodKind.RANGE, start, period.start - timedelta(days=1))


def apply_year_ceilings(plan: EmulationPlan, period: Period, drafts: Sequence[Draft], earlier: Counts | None) -> None:
    """Rule 5 for ceilings counted over the year: each draft's count is its earlier occurrences plus those of
    the period from the start of the year on; the most restrictive ceiling reached binds (on equal grades the
    one listed first in the plan), replacing a ceiling of the period when it restricts more."""
    year_ceilings = [(index, ceiling) for index, ceiling in enumerate(plan.ceilings)
                     if ceiling.per is CeilingScope.YEAR]
    if not year_ceilings:
        return
    start = look_back_start(plan, period)
    if earlier is None and start < period.start:
        raise ValueError("a ceiling counted over the year needs the occurrences before the period: "
                         "ScoringInput.earlier_counts")
    for draft in drafts:
        counts = dict(earlier.get(draft.staff.id, {})) if earlier and draft.staff.id is not None else {}
        for item in draft.items:
            if item.day >= start:
                counts[item.criterion_code] = counts.get(item.criterion_code, 0) + 1
        binding: tuple[int, int, int, Ceiling] | None = None  # (-grade index, plan index, count, ceiling)
        for change in draft.changes:
            if change.ceiling is not None:
                binding = (-plan.grade_index(change.to_grade.code), plan.ceilings.index(change.ceiling), change.count,
                           change.ceiling)
        for index, ceiling in year_ceilings:
            count = _count(plan, ceiling, counts)
            candidate = (-plan.grade_index(ceiling.max_grade), index, count, ceiling)
            if count >= ceiling.min_count and (binding is None or candidate[:2] < binding[:2]):
                binding = candidate
        if binding is None or binding[3].per is not CeilingScope.YEAR:
            continue
        ceiling = binding[3]
        if plan.grade_index(ceiling.max_grade) > plan.grade_index(draft.grade_by_score.code):
            draft.grade = plan.grade(ceiling.max_grade)
            draft.changes = (GradeChange(GradeChangeKind.CEILING, draft.grade_by_score, draft.grade, ceiling=ceiling,
                                         count=binding[2]),)


def _count(plan: EmulationPlan, ceiling: Ceiling, counts: Mapping[str, int]) -> int:
    if ceiling.criterion_code is not None:
        return counts.get(ceiling.criterion_code, 0)
    return sum(number for code, number in counts.items()
               if code in plan.criteria and plan.criteria[code].block_code == ceiling.block_code)

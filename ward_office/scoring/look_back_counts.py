"""What happened before the period, for ceilings counted over the year (``scoring.look_back``): each person's
occurrences per criterion from the start of the year to the day before the period, counted by the engine itself
so that grace minutes, attendance rules and their count units mean what they mean in scoring."""

from __future__ import annotations

from dataclasses import replace

from ward_office.core.plan import Aggregation, AggregationRule
from ward_office.core.staff import StaffId
from ward_office.scoring.engine import score_period
from ward_office.scoring.results import ScoringInput


def earlier_counts(data: ScoringInput) -> dict[StaffId, dict[str, int]]:
    """Each person's occurrences per criterion over ``data.period`` (the earlier span), counted as the engine
    counts them: grace minutes, attendance rules and their count units, active dates, capped occurrences
    included. The span is scored as one part, without ceilings or quota, only to count."""
    plan = replace(data.plan, ceilings=(), quota=None,
                   aggregation=AggregationRule(Aggregation.DIRECT, Aggregation.DIRECT))
    ranking = score_period(replace(data, plan=plan, quota_decisions=(), earlier_counts=None))
    counts: dict[StaffId, dict[str, int]] = {}
    for result in ranking.results:
        if result.staff.id is None:
            continue
        person = counts.setdefault(result.staff.id, {})
        for item in result.items:
            person[item.criterion_code] = person.get(item.criterion_code, 0) + 1
    return counts

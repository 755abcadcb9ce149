"""Ranking and quota, after every person is scored (rules 6 and 7 of ``scoring.engine``): who stands where, and
who loses the quota grade to keep its holders within the plan's share."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from fractions import Fraction
from itertools import groupby
from operator import itemgetter

from ward_office.core.frozen import freeze
from ward_office.core.plan import EmulationPlan, Grade, QuotaBasis, TieBreak
from ward_office.core.staff import Staff
from ward_office.i18n.text import name_sort_key
from ward_office.scoring.results import GradeChange, GradeChangeKind, ScoreItem, StaffResult, SubPeriodScore


class Draft:
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


def _standing(plan: EmulationPlan, result: Draft, common: int) -> tuple[int, ...]:
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


def rank_drafts(plan: EmulationPlan, drafts: list[Draft]) -> list[tuple[int, Draft]]:
    """Everyone with their rank, in rank order."""
    common = math.lcm(1, *{draft.score.denominator for draft in drafts},
                      *{draft.deducted_points.denominator for draft in drafts})
    standings = sorted(((_standing(plan, draft, common), draft) for draft in drafts), key=itemgetter(0))
    ranked: list[tuple[int, Draft]] = []
    for _key, group in groupby(standings, key=itemgetter(0)):
        rank = len(ranked) + 1  # equal standings share a rank, within it Vietnamese name order
        tied = [draft for _standing_key, draft in group]
        if len(tied) > 1:
            tied.sort(key=lambda draft: (name_sort_key(draft.staff.full_name), draft.staff.code,
                                         draft.staff.id or 0))
        ranked.extend((rank, draft) for draft in tied)
    return ranked


def apply_quota(plan: EmulationPlan, ranked: list[tuple[int, Draft]]) -> tuple[list[StaffResult], int | None]:
    """The results, the quota's demotions made; and the quota's limit."""
    quota = plan.quota
    if quota is None:
        return [draft.ranked(rank) for rank, draft in ranked], None
    quota_index = plan.grade_index(quota.grade_code)
    quota_grade, next_grade = plan.grades[quota_index], plan.grades[quota_index + 1]
    if quota.basis is QuotaBasis.ALL:
        basis = len(ranked)
    elif quota.basis is QuotaBasis.EXACTLY:
        basis = sum(1 for _rank, draft in ranked if draft.grade.code == quota.grade_code)
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

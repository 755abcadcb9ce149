"""Ranking and quota, after every person is scored (rules 6 and 7 of ``scoring.engine``): who stands where, and
who loses the quota grade to keep its holders within the plan's share."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from fractions import Fraction
from itertools import groupby
from operator import itemgetter

from ward_office.core.entered_scores import EnteredScore
from ward_office.core.frozen import freeze
from ward_office.core.period import Period
from ward_office.core.plan import EmulationPlan, Grade, QuotaBasis, TieBreak
from ward_office.core.quota import QuotaDecision, QuotaTie
from ward_office.core.staff import Staff
from ward_office.i18n.text import name_sort_key
from ward_office.scoring.results import Clamp, GradeChange, GradeChangeKind, ScoreItem, StaffResult, SubPeriodScore

QuotaOutcome = tuple[list[StaffResult], int | None, QuotaTie | None, TieBreak | None]


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
    clamps: tuple[Clamp, ...]
    ungraded: tuple[tuple[date, str], ...]
    entered: tuple[EnteredScore, ...]

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


def apply_quota(plan: EmulationPlan, ranked: list[tuple[int, Draft]], period: Period | None = None,
                decisions: Sequence[QuotaDecision] = ()) -> QuotaOutcome:
    """The results, the quota's demotions made; the quota's limit; the tie the limit cuts through, if any,
    with the council's decision applied when one fits it; else, when the line fell between two people of
    equal score, the tie-break key that separated them."""
    quota = plan.quota
    if quota is None:
        return [draft.ranked(rank) for rank, draft in ranked], None, None, None
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
    tied: list[int] = []  # the group the line cuts through: neither kept nor demoted by the count
    kept: list[int] = []
    for rank in sorted(groups):
        group = groups[rank]
        if demoted or tied or len(kept) + len(group) > limit:
            if not demoted and not tied and len(kept) < limit:
                tied = group
            else:
                demoted.update(group)
        else:
            kept.extend(group)

    tie, council_change = _tie(plan, ranked, tied, limit - len(kept), quota_grade, period, decisions)
    chosen = frozenset(tie.decision.chosen) if tie is not None and tie.decision is not None else frozenset()
    separated_by = None
    if kept and not tied and demoted:
        separated_by = _separating_key(plan, ranked[kept[-1]][1], ranked[min(demoted)][1])
    change = GradeChange(GradeChangeKind.QUOTA, quota_grade, next_grade, quota=quota, limit=limit, basis_count=basis)
    final = []
    for position, (rank, draft) in enumerate(ranked):
        if position in demoted:  # held the quota grade: the same change for everyone demoted
            draft.grade, draft.changes = next_grade, (*draft.changes, change)
        elif council_change is not None and position in tied and draft.staff.id not in chosen:
            draft.grade, draft.changes = next_grade, (*draft.changes, council_change)
        final.append(draft.ranked(rank))
    return final, limit, tie, separated_by


def _tie(plan: EmulationPlan, ranked: list[tuple[int, Draft]], tied: list[int], places: int, grade: Grade,
         period: Period | None, decisions: Sequence[QuotaDecision]) -> tuple[QuotaTie | None, GradeChange | None]:
    """The tie the line cuts through, with the latest decision for it applied if it fits (and the change it
    makes to those it does not keep), kept as stale if it does not."""
    if not tied:
        return None, None
    people = tuple(ranked[position][1].staff for position in tied)
    first_rank, first = ranked[tied[0]]
    tie = QuotaTie(grade, places, people, first.score, first_rank)
    candidates = [decision for decision in decisions if decision.grade_code == grade.code and period is not None
                  and (decision.period.start, decision.period.end) == (period.start, period.end)]
    if not candidates or period is None:
        return tie, None
    latest = max(candidates, key=lambda decision: (decision.decided_at, decision.id or 0))
    if not latest.fits(period, grade.code, places, tie.tied_ids):
        return replace(tie, stale=latest), None
    next_grade = plan.grades[plan.grade_index(grade.code) + 1]
    change = GradeChange(GradeChangeKind.COUNCIL, grade, next_grade, quota=plan.quota, limit=places,
                         basis_count=len(people), decision=latest)
    return replace(tie, decision=latest), change


def _separating_key(plan: EmulationPlan, above: Draft, below: Draft) -> TieBreak | None:
    """The tie-break key that put ``above`` before ``below``, when their scores are equal."""
    if above.score != below.score:
        return None
    common = math.lcm(above.score.denominator, above.deducted_points.denominator, below.deducted_points.denominator)
    keys_above, keys_below = _standing(plan, above, common), _standing(plan, below, common)
    for rule, key_above, key_below in zip(plan.tie_break, keys_above[1:], keys_below[1:], strict=True):
        if key_above != key_below:
            return rule
    return None

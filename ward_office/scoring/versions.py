"""Periods that span plan versions: every month is scored under the version in force in it, so a version adopted
later never rescores the past, and the results are combined under the version in force on the period's last day.

How the combination works (docs/plan-format.md, "Một kỳ qua nhiều phiên bản"):

- The end version's aggregation cuts the period into groups: its two halves (``weighted_halves`` for a year),
  else the whole period. Each group is cut at every version change into pieces, and each piece is scored by the
  engine under its own version, by the end version's rule for the group (a mean of months, or ``direct``).
- Within a group, a piece weighs the months it counted for the person (months worked, long leave left out) over
  all the group's; the groups weigh as the end version says (a person who worked in one half only: that half).
- A piece's score is brought to the end version's base score: score × base_end / base_piece (when either base
  is 0, the points are kept as they are). Each item keeps its own version's points; its weight carries the share
  and that ratio, so the score is still base_end + Σ points × weight.
- Grades, ceilings (counted over the whole period, for criteria the end version has), ranking and quota are the
  end version's, once, on the combined scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from fractions import Fraction

from ward_office.core.entered_scores import EnteredScore
from ward_office.core.frozen import freeze, writable_twin
from ward_office.core.period import Period, PeriodKind
from ward_office.core.plan import Aggregation, EmulationPlan
from ward_office.core.plan_year import plan_period
from ward_office.core.staff import Staff, StaffId
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number
from ward_office.scoring.ceilings import PeriodCeilings
from ward_office.scoring.engine import score_period
from ward_office.scoring.entered import name_order
from ward_office.scoring.look_back import apply_year_ceilings
from ward_office.scoring.results import (
    Clamp,
    ItemSource,
    LeftOutMonth,
    PlanMonths,
    Ranking,
    ScoreItem,
    ScoringInput,
    StaffResult,
    SubPeriodScore,
)
from ward_office.scoring.standings import Draft, apply_quota, rank_drafts
from ward_office.scoring.subperiods import aggregation_for, plan_halves

VersionRun = tuple[Period, EmulationPlan]  # consecutive months of a period and the version in force in them
_ZERO, _ONE = Fraction(0), Fraction(1)

VERSIONS_PART = N_("months {months} under version {version}")
VERSIONS_LINE = N_("Each month scored under the plan version in force in it: {versions}; combined and graded under "
                   "version {version}.")
LOSSY_BASE = N_("Version {version} starts from a base score of {base}, version {previous} from {previous_base}: "
                "a period spanning both brings the earlier months' scores to the later base (score × {base} / "
                "{previous_base})")
LOSSY_BLOCKS = N_("Blocks of version {previous} missing from version {version} ({codes}): in a period spanning both, "
                  "their points still count in the score but have no column of their own")
LOSSY_GRADES = N_("The grades of version {version} differ from those of version {previous}: a period spanning both "
                  "is graded only by version {version}'s")


def version_runs(months: Sequence[tuple[Period, EmulationPlan]]) -> list[VersionRun]:
    """The months of a period with the version of each, merged into runs of the same version."""
    runs: list[VersionRun] = []
    for month, plan in months:
        if runs and runs[-1][1] is plan:
            runs[-1] = (Period(PeriodKind.RANGE, runs[-1][0].start, month.end), plan)
        else:
            runs.append((Period(PeriodKind.RANGE, month.start, month.end), plan))
    return runs


def plan_months(runs: Sequence[VersionRun]) -> tuple[PlanMonths, ...]:
    return tuple(PlanMonths(plan.version, run.start, run.end) for run, plan in runs)


def versions_text(parts: Sequence[PlanMonths]) -> str:
    """"tháng 1–6 theo phiên bản 1, tháng 7–12 theo phiên bản 2" (a school year: "tháng 9/2025–1/2026 …")."""
    texts = []
    for part in parts:
        first, last = part.start, part.end
        if (first.year, first.month) == (last.year, last.month):
            months = f"{first.month}"
        elif first.year == last.year:
            months = f"{first.month}–{last.month}"
        else:
            months = f"{first.month}/{first.year}–{last.month}/{last.year}"
        texts.append(_(VERSIONS_PART).format(months=months, version=part.version))
    return ", ".join(texts)


def versions_line(ranking: Ranking) -> str | None:
    """The versions a period spanning several was scored under, for every output; None for one version."""
    if not ranking.plan_versions:
        return None
    return _(VERSIONS_LINE).format(versions=versions_text(ranking.plan_versions), version=ranking.plan.version)


def lossy_changes(previous: EmulationPlan, plan: EmulationPlan) -> list[str]:
    """What a period spanning ``previous`` and then ``plan`` cannot carry over exactly, in words."""
    warnings = []
    if previous.base_score != plan.base_score:
        warnings.append(_(LOSSY_BASE).format(version=plan.version, previous=previous.version,
                                             base=format_number(plan.base_score),
                                             previous_base=format_number(previous.base_score)))
    missing = [block.code for block in previous.blocks if block.code not in {new.code for new in plan.blocks}]
    if missing:
        warnings.append(_(LOSSY_BLOCKS).format(version=plan.version, previous=previous.version,
                                               codes=", ".join(missing)))
    if [(grade.code, grade.min_score) for grade in previous.grades] != [
            (grade.code, grade.min_score) for grade in plan.grades]:
        warnings.append(_(LOSSY_GRADES).format(version=plan.version, previous=previous.version))
    return warnings


def score_across_versions(data: ScoringInput, runs: Sequence[VersionRun]) -> Ranking:
    """``data.period`` scored month by month under the versions of ``runs`` (chronological, covering it) and
    combined under ``data.plan``, the version in force on its last day."""
    plan = data.plan
    period = plan_period(plan, data.period)
    pieces: list[tuple[int, Fraction, Ranking]] = []  # (group, group weight, the piece scored)
    for group, (span, weight, inner) in enumerate(_groups(plan, period)):
        for run, version in runs:
            start, end = max(span.start, run.start), min(span.end, run.end)
            if start > end:
                continue
            piece_plan = replace(version, ceilings=(), quota=None,
                                 aggregation=replace(version.aggregation, default=inner))
            piece = replace(data, plan=piece_plan, period=Period(PeriodKind.RANGE, start, end), earlier_counts=None,
                            quota_decisions=())
            pieces.append((group, weight, score_period(piece)))
    return _combine(data, period, pieces, plan_months(runs))


def _groups(plan: EmulationPlan, period: Period) -> list[tuple[Period, Fraction, Aggregation]]:
    aggregation = aggregation_for(plan, period)
    if aggregation is Aggregation.WEIGHTED_HALVES and period.kind is PeriodKind.YEAR:
        inner = plan.aggregation.default
        if inner is Aggregation.WEIGHTED_HALVES:
            inner = Aggregation.DIRECT
        return [(half, weight, inner) for half, weight in zip(plan_halves(plan, period),
                                                              plan.aggregation.year_weights, strict=True)]
    if aggregation is Aggregation.WEIGHTED_HALVES:
        aggregation = Aggregation.DIRECT
    return [(period, Fraction(1), aggregation)]


def _months_counted(result: StaffResult) -> int:
    """The months the person's sub-periods touch (chronological and disjoint: a month each, or one span)."""
    return sum((part.period.end.year - part.period.start.year) * 12 + part.period.end.month
               - part.period.start.month + 1 for part in result.sub_periods)


class _Weights:
    """Items re-weighted in bulk: each product made once, each copy built as ``new_score_item`` builds one."""

    def __init__(self) -> None:
        # By the identity of the factors: the engine shares one weight among a sub-period's items, and the scales
        # are made once (``scale``) and kept here; hashing fractions would cost more than multiplying them.
        self._products: dict[tuple[int, int], Fraction] = {}
        self._scales: dict[tuple[object, ...], Fraction] = {}

    def scale(self, key: tuple[object, ...], share: Fraction, factor: Fraction) -> Fraction:
        value = self._scales.get(key)
        if value is None:
            value = self._scales[key] = share * factor
        return value

    def times(self, weight: Fraction, scale: Fraction) -> Fraction:
        key = (id(weight), id(scale))
        product = self._products.get(key)
        if product is None:
            product = self._products[key] = weight * scale
        return product

    def item(self, item: ScoreItem, scale: Fraction) -> ScoreItem:
        copy = _WritableItem()
        for name in _ITEM_FIELDS:
            setattr(copy, name, getattr(item, name))
        copy.weight = self.times(item.weight, scale)
        return freeze(copy, ScoreItem)


_WritableItem = writable_twin(ScoreItem)
_ITEM_FIELDS = ScoreItem.__slots__


def _combine(data: ScoringInput, period: Period, pieces: list[tuple[int, Fraction, Ranking]],
             versions: tuple[PlanMonths, ...]) -> Ranking:
    plan = data.plan
    people: dict[StaffId | None, Staff] = {}
    by_person: dict[StaffId | None, list[tuple[int, Fraction, Ranking, StaffResult]]] = {}
    left_out: dict[StaffId | None, list[LeftOutMonth]] = {}
    for group, weight, ranking in pieces:
        for result in ranking.results:
            people[result.staff.id] = result.staff
            by_person.setdefault(result.staff.id, []).append((group, weight, ranking, result))
        for staff_id, months in ranking.months_left_out.items():
            left_out.setdefault(staff_id, []).extend(months)
    ceilings, weights = PeriodCeilings(plan), _Weights()
    graded: list[Draft] = []
    waiting: list[Draft] = []
    for staff_id, parts in by_person.items():
        draft = _draft(plan, people[staff_id], parts, ceilings, weights)
        (waiting if draft.ungraded else graded).append(draft)
    apply_year_ceilings(plan, period, graded, data.earlier_counts)
    results, limit, tie, separated_by = apply_quota(plan, rank_drafts(plan, graded), period, data.quota_decisions)
    ungraded = [draft.ranked(0) for draft in sorted(waiting, key=name_order)]
    not_scored = {person.id: person for _group, _weight, ranking in pieces for person in ranking.not_scored
                  if person.id not in by_person}
    unknown = sorted({code for _group, _weight, ranking in pieces for code in ranking.unknown_criteria})
    return Ranking(plan, period, (*results, *ungraded), limit, tuple(unknown), tie, separated_by,
                   {staff_id: tuple(months) for staff_id, months in left_out.items()}, tuple(not_scored.values()),
                   versions)


def _draft(plan: EmulationPlan, person: Staff, parts: list[tuple[int, Fraction, Ranking, StaffResult]],
           ceilings: PeriodCeilings, weights: _Weights) -> Draft:
    """One person's combined result, graded by ``plan`` (rule 5), before ranking."""
    counted: dict[int, int] = {}
    months = [_months_counted(result) for _group, _weight, _ranking, result in parts]
    for (group, _weight, _ranking, _result), number in zip(parts, months, strict=True):
        counted[group] = counted.get(group, 0) + number
    group_weights = {group: weight for group, weight, _ranking, _result in parts if counted[group]}
    total_weight = sum(group_weights.values(), _ZERO)
    items: list[ScoreItem] = []
    clamps: list[Clamp] = []
    sub_periods: list[SubPeriodScore] = []
    entered: list[EnteredScore] = []
    ungraded: set[tuple[date, str]] = set()
    blocks: dict[str, Fraction] = {block.code: _ZERO for block in plan.blocks}
    score, deducted, absences, violations, commendations = plan.base_score, _ZERO, 0, 0, 0
    for (group, _weight, ranking, result), number in zip(parts, months, strict=True):
        if not counted[group]:
            continue
        share = group_weights[group] / total_weight * Fraction(number, counted[group])
        base = ranking.plan.base_score
        factor = plan.base_score / base if base and plan.base_score else _ONE
        scale = weights.scale((id(ranking), tuple(group_weights), number, counted[group]), share, factor)
        score += (result.score - base) * scale
        items += [weights.item(item, scale) for item in result.items]
        clamps += [replace(clamp, weight=clamp.weight * scale) for clamp in result.clamps]
        # Each part's score on the last version's base, its points scaled like the score's (kept, when a base is 0).
        sub_periods += [SubPeriodScore(part.period, weights.times(part.weight, share),
                                       plan.base_score + (part.score - base) * factor)
                        for part in result.sub_periods]
        for code, total in result.block_totals.items():
            blocks[code] = blocks.get(code, _ZERO) + total * scale
        deducted += result.deducted_points * scale
        absences += result.unexcused_absences
        violations += result.violations
        commendations += result.commendations
        entered += result.entered
        ungraded.update(result.ungraded)
    draft = Draft()
    draft.staff = person
    draft.score = score
    draft.items = tuple(items)
    draft.sub_periods = tuple(sub_periods)
    draft.block_totals = blocks
    draft.grade_by_score = plan.grade_for(score)
    change = ceilings.change(*_occurrence_counts(plan, items), draft.grade_by_score)
    draft.grade = change.to_grade if change else draft.grade_by_score
    draft.changes = (change,) if change else ()
    draft.unexcused_absences, draft.violations, draft.commendations = absences, violations, commendations
    draft.deducted_points = deducted
    draft.clamps = tuple(clamps)
    draft.ungraded = tuple(sorted(ungraded))
    draft.entered = tuple(entered)
    return draft


def _occurrence_counts(plan: EmulationPlan, items: list[ScoreItem]) -> tuple[dict[str, int],
                                                                          dict[tuple[int, int], dict[str, int]]]:
    """Occurrences per criterion of ``plan`` over the period and in each month, for its ceilings: as the engine
    counts them, excused and entered items left out."""
    counts: dict[str, int] = {}
    month_counts: dict[tuple[int, int], dict[str, int]] = {}
    for item in items:
        if item.source is ItemSource.ENTERED or item.excuse is not None or item.criterion_code not in plan.criteria:
            continue
        counts[item.criterion_code] = counts.get(item.criterion_code, 0) + 1
        month = month_counts.setdefault((item.day.year, item.day.month), {})
        month[item.criterion_code] = month.get(item.criterion_code, 0) + 1
    return counts, month_counts

"""The ranking page's data: a period scored away from the window's thread, and the words behind each point.

Scoring a long period of a big ward takes a moment, so the window runs ``score_standings`` on a worker
thread, on a ward opened on that thread, and hands back plain frozen records. The
explanations of items (minutes late, escalation, caps, averaging) are worded here so the page and any
printed list say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ward_office.core.period import Period, PeriodKind
from ward_office.core.plan import AttendanceTrigger, EmulationPlan, Grade
from ward_office.core.staff import StaffId
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number, format_percent, format_points
from ward_office.scoring.entered import entered_note, lacking_text
from ward_office.scoring.excused import excused_text
from ward_office.scoring.results import GradeChangeKind, ItemSource, Ranking, ScoredPeriod, ScoreItem, StaffResult
from ward_office.scoring.titles import eligible_titles, titles_text
from ward_office.services.ward import Ward

ITEM_SOURCE_LABELS: Mapping[ItemSource, str] = {
    ItemSource.ATTENDANCE: N_("Attendance"),
    ItemSource.EVENT: N_("Recorded event"),
    ItemSource.CHECK: N_("Inspection round"),
    ItemSource.ENTERED: N_("Points the head entered"),
    ItemSource.SATISFACTION: N_("Citizens' satisfaction"),
}


@dataclass(frozen=True, slots=True)
class Standing:
    """One row of the ranking: a person's result and the name of their department."""

    result: StaffResult
    department: str
    order: int = 0  # place in the engine's list: by rank, then Vietnamese name order within a rank
    titles: str = ""  # a year: the emulation titles the person is eligible to be proposed for
    lacking: str = ""  # not graded yet: the entered points missing ("tháng 4/2026 thiếu “…”")

    @property
    def staff_id(self) -> StaffId | None:
        return self.result.staff.id

    @property
    def demoted_by_quota(self) -> bool:
        return any(change.kind in (GradeChangeKind.QUOTA, GradeChangeKind.COUNCIL) for change in self.result.changes)

    @property
    def limited_by_ceiling(self) -> bool:
        return any(change.kind is GradeChangeKind.CEILING for change in self.result.changes)

    def note(self) -> str:
        if self.lacking:
            return _("Not graded yet: {lacking}").format(lacking=self.lacking)
        return "; ".join(change.localized() for change in self.result.changes)


@dataclass(frozen=True, slots=True)
class Standings:
    """A scored period ready for the ranking page."""

    scored: ScoredPeriod
    rows: tuple[Standing, ...]  # by rank, as the engine ranked them
    today: date
    ward_has_staff: bool

    @property
    def ranking(self) -> Ranking:
        return self.scored.ranking

    @property
    def plan(self) -> EmulationPlan:
        return self.scored.ranking.plan

    @property
    def period(self) -> Period:
        return self.scored.ranking.period

    @property
    def still_running(self) -> bool:
        return self.period.end > self.today

    def grade_counts(self) -> tuple[tuple[Grade, int], ...]:
        """Every grade of the plan, best first, with how many people hold it after ceilings and quota."""
        return self.scored.ranking.grade_counts()

    def quota_grade(self) -> Grade | None:
        quota = self.plan.quota
        return self.plan.grade(quota.grade_code) if quota is not None else None

    def find(self, staff_id: StaffId | None) -> Standing | None:
        return next((row for row in self.rows if staff_id is not None and row.staff_id == staff_id), None)


def standings_of(scored: ScoredPeriod, today: date, *, ward_has_staff: bool = True) -> Standings:
    rows = []
    for order, result in enumerate(scored.ranking.results):
        department_id = result.staff.department_id
        department = scored.departments.get(department_id, "") if department_id is not None else ""
        lacking = lacking_text(scored.ranking.plan, result) if result.ungraded else ""
        rows.append(Standing(result, department, order, titles_text(eligible_titles(scored.ranking, result)), lacking))
    return Standings(scored, tuple(rows), today, ward_has_staff or bool(rows))


def score_standings(ward: Ward, period: Period, today: date) -> Standings:
    """Score ``period`` (a background job gives a ward of its own thread)."""
    return standings_of(ward.score(period, today), today, ward_has_staff=bool(ward.staff()))


# ---- What the items of a person say ----


@dataclass(frozen=True, slots=True)
class ItemLine:
    """A score item with the names and explanation shown next to it."""

    item: ScoreItem
    criterion_name: str
    block_name: str
    explanation: str

    @property
    def contribution(self) -> Fraction:
        return self.item.contribution


def item_lines(result: StaffResult, plan: EmulationPlan) -> tuple[ItemLine, ...]:
    block_names = {block.code: block.name for block in plan.blocks}
    lines = []
    for item in result.items:
        criterion = plan.criteria.get(item.criterion_code)
        explanation = explain_item(item, plan)
        if item.source is ItemSource.ENTERED:  # "35/40 (tự chấm 38)", then the months averaged, if so
            explanation = "; ".join(part for part in (entered_note(plan, result, item), explanation) if part)
        lines.append(ItemLine(item, criterion.name if criterion else "", block_names.get(item.block_code, ""),
                              explanation))
    return tuple(lines)


def explain_item(item: ScoreItem, plan: EmulationPlan) -> str:
    """Why an item counts what it counts: minutes, the recorder's note, the n-th repeat, a cap reached, the
    months averaged."""
    if item.excuse is not None:  # costs nothing, counts toward nothing: the excuse is the whole explanation
        return "; ".join(part for part in (excused_text(item), item.note) if part)
    parts: list[str] = []
    if item.minutes and item.trigger is AttendanceTrigger.LATE:
        parts.append(_("{minutes} minutes late").format(minutes=item.minutes))
    elif item.minutes and item.trigger is AttendanceTrigger.EARLY:
        parts.append(_("left {minutes} minutes early").format(minutes=item.minutes))
    if item.note:
        parts.append(item.note)
    criterion = plan.criteria.get(item.criterion_code)
    if criterion is not None and item.raw_points != criterion.points and item.source is not ItemSource.ENTERED:
        parts.append(_("repeated (occurrence {occurrence}): {points} points").format(
            occurrence=item.occurrence, points=format_points(item.raw_points)))
    if item.capped:
        if item.points == 0:
            parts.append(_("over the cap: not counted"))
        else:
            parts.append(_("cap reached: only {points} counted").format(points=format_points(item.points)))
    if item.weight != 1 and item.points != 0:
        if item.weight.numerator == 1 and item.sub_period.kind in (PeriodKind.MONTH, PeriodKind.RANGE):
            parts.append(_("averaged over {count} months").format(count=item.weight.denominator))
        else:
            parts.append(_("weighs {share} of the period score").format(share=format_percent(item.weight)))
    return "; ".join(parts)


def score_breakdown(result: StaffResult, plan: EmulationPlan) -> list[tuple[str, str, str]]:
    """(code, name, points) of the base score and of every block, in plan order; they add up to the score."""
    lines = [("", _("Base score"), format_number(plan.base_score))]
    for block in plan.blocks:
        lines.append((block.code, block.name, format_points(result.block_totals.get(block.code, Fraction(0)))))
    total_bound = sum((clamp.contribution for clamp in result.clamps if clamp.block_code is None), Fraction(0))
    if total_bound:  # the plan's floor or maximum on the total acted
        lines.append(("", _("Floor or maximum of the total score"), format_points(total_bound)))
    return lines

"""The points the head entered for the plan's entered blocks, added to each person's draft before ranking.

Each month a person works in, each entered item counts as an item of ``points − maximum``: the entered block
starts at its maximum as part of the base score, so the score stays base + Σ items and the item prints "65/70".
Within a part scored on its own (a month, or a period scored directly) the months touched are averaged, so a
half-year never counts six months of task results as one. A missing entry leaves the person not graded yet
("chưa chấm"): no rank, outside the quota, listed after everyone ranked.

Entered items only take points off (0 ≤ points ≤ maximum), so a grade can only fall: a ceiling that did not
bind before them cannot bind after, and one that did binds only while the new grade is still above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from fractions import Fraction

from ward_office.core.entered_scores import EnteredItem, EnteredScore, entered_items
from ward_office.core.plan import Block, EmulationPlan
from ward_office.core.staff import StaffId
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_month, format_number
from ward_office.i18n.text import name_sort_key
from ward_office.scoring.results import (
    NOT_GRADED,
    GradeChangeKind,
    ItemSource,
    Ranking,
    ScoreItem,
    StaffResult,
    SubPeriodScore,
)
from ward_office.scoring.standings import Draft

UNGRADED_MESSAGE = N_("Not graded yet: {count} people lack points the head enters for a month they worked "
                      "({names}); they have no grade nor rank until every point is entered")
_NO_SESSION = 2  # after morning and afternoon, as ``scoring.engine`` orders an item without a session


def _months(start: date, end: date) -> list[date]:
    """The first days of the months from ``start``'s to ``end``'s."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = month.replace(year=month.year + month.month // 12, month=month.month % 12 + 1)
    return months


def add_entered_scores(plan: EmulationPlan, drafts: list[Draft],
                       scores: Sequence[EnteredScore]) -> tuple[list[Draft], list[StaffResult]]:
    """Every draft with its entered items; returns those graded (to rank) and the results of those not graded
    yet, in Vietnamese name order. Every draft gets its ``ungraded`` and ``entered`` fields here."""
    items = entered_items(plan)
    by_key = {(score.staff_id, score.month, score.item_code): score for score in scores}
    graded: list[Draft] = []
    waiting: list[Draft] = []
    for draft in drafts:
        draft.ungraded, draft.entered = (), ()
        if items:
            _add(plan, items, draft, by_key)
        (waiting if draft.ungraded else graded).append(draft)
    waiting.sort(key=name_order)
    return graded, [draft.ranked(0) for draft in waiting]


def name_order(draft: Draft) -> tuple[object, ...]:
    """Where someone not graded yet is listed, after everyone ranked: Vietnamese name order."""
    return name_sort_key(draft.staff.full_name), draft.staff.code, draft.staff.id or 0


def _add(plan: EmulationPlan, items: tuple[EnteredItem, ...], draft: Draft,
         by_key: dict[tuple[StaffId, date, str], EnteredScore]) -> None:
    staff_id = draft.staff.id
    added: list[ScoreItem] = []
    missing: list[tuple[date, str]] = []
    used: list[EnteredScore] = []
    parts: list[SubPeriodScore] = []
    blocks = dict(draft.block_totals)
    total = Fraction(0)
    for sub in draft.sub_periods:
        part = sub.period
        months = _months(part.start, part.end)
        share = Fraction(1, len(months))
        part_sum = Fraction(0)
        for month in months:
            for item in items:
                score = by_key.get((staff_id, month, item.code)) if staff_id is not None else None
                if score is None:
                    missing.append((month, item.code))
                    continue
                used.append(score)
                points = score.points - item.maximum
                added.append(ScoreItem(item.code, item.block_code, max(month, part.start), None, ItemSource.ENTERED,
                                       score.id, 1, points, points, sub.weight * share, False, part,
                                       note=score.note, recorded_by=score.entered_by))
                part_sum += points * share
                blocks[item.block_code] = blocks.get(item.block_code, Fraction(0)) + points * share * sub.weight
                total += points * share * sub.weight
        parts.append(replace(sub, score=sub.score + part_sum) if part_sum else sub)
    draft.ungraded = tuple(sorted(set(missing)))
    draft.entered = tuple(used)
    if not added:
        return
    draft.items = tuple(sorted((*draft.items, *added), key=_display_key))
    draft.sub_periods = tuple(parts)
    draft.block_totals = blocks
    draft.score = draft.score + total
    _regrade(plan, draft)


def _regrade(plan: EmulationPlan, draft: Draft) -> None:
    """The grade of the lowered score, under the ceiling that bound before, if it still does."""
    by_score = plan.grade_for(draft.score)
    draft.grade_by_score = by_score
    ceiling = next((change for change in draft.changes if change.kind is GradeChangeKind.CEILING), None)
    if ceiling is not None and plan.grade_index(by_score.code) < plan.grade_index(ceiling.to_grade.code):
        draft.grade, draft.changes = ceiling.to_grade, (replace(ceiling, from_grade=by_score),)
    else:
        draft.grade, draft.changes = by_score, ()


def _display_key(item: ScoreItem) -> tuple[object, ...]:
    order = {"morning": 0, "afternoon": 1}
    session = _NO_SESSION if item.session is None else order.get(item.session.value, _NO_SESSION)
    return (item.day, session, item.criterion_code)


def ungraded_line(ranking: Ranking) -> str | None:
    """The sentence every ranking and export prints while someone is not graded yet, naming them; else None."""
    waiting = [result.staff.full_name for result in ranking.results if result.ungraded]
    if not waiting:
        return None
    return _(UNGRADED_MESSAGE).format(count=len(waiting), names=", ".join(waiting))


def lacking_text(plan: EmulationPlan, result: StaffResult) -> str:
    """What a person not graded yet lacks: "tháng 4/2026: “Khối lượng công việc”, “Chất lượng, tiến độ”"."""
    names = {item.code: item.name for item in entered_items(plan)}
    months: dict[date, list[str]] = {}
    for month, code in result.ungraded:
        months.setdefault(month, []).append(f"“{names.get(code, code)}”")
    return "; ".join(_("{month} lacks {items}").format(month=format_month(month.year, month.month).lower(),
                                                       items=", ".join(items)) for month, items in months.items())


def entered_note(plan: EmulationPlan, result: StaffResult, item: ScoreItem) -> str:
    """An entered item as the head entered it: "35/40", and the person's own "(tự chấm 38)" when given. Out of the
    maximum of the version the month was scored under (the item is points − that maximum): in a period spanning
    versions, ``plan`` may give the item another maximum, or none."""
    score = next((score for score in result.entered if score.id == item.record_id), None)
    if score is not None:
        entered, maximum = score.points, score.points - item.points
    else:
        criterion = plan.criteria.get(item.criterion_code)
        maximum = criterion.maximum if criterion is not None and criterion.maximum is not None else Fraction(0)
        entered = item.points + maximum
    text = f"{format_number(entered)}/{format_number(maximum)}"
    if score is not None and score.self_points is not None:
        text = _("{points} (self-assessed {self_points})").format(points=text,
                                                                   self_points=format_number(score.self_points))
    return text


def entered_cell(plan: EmulationPlan, block: Block, result: StaffResult) -> str | None:
    """"chưa chấm" for an entered block some of whose points are missing for the person, else None: its figure
    would count the missing points as full marks."""
    if block.entered and any(code in block.criteria for _month, code in result.ungraded):
        return _(NOT_GRADED)
    return None

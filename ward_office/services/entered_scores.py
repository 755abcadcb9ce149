"""Entering the monthly points of the plan's entered blocks (task results, duties): what the grid shows for a
month, and the one way to change it, which the entry grid and ``import-scores`` both use.

Only the head enters points; a change is whole or refused, never half written, and a month a locked period
(khóa sổ) touches keeps its entries.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ward_office.core.access import Permission
from ward_office.core.entered_scores import EnteredItem, EnteredScore, ScoreEntry, entered_items, month_start
from ward_office.core.errors import PeriodLockedError, WardOfficeError
from ward_office.core.plan_types import EmulationPlan
from ward_office.core.staff import Staff, StaffId
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_month, format_number, period_label
from ward_office.i18n.text import name_sort_key
from ward_office.services.ward import Ward

if TYPE_CHECKING:
    from ward_office.scoring.results import Ranking

__all__ = ["EnteredScoreError", "EntrySheet", "UngradedError", "enter_scores", "entry_sheet", "require_everyone_graded",
           "ungraded_text"]

_NAMED = 5  # people named in a refusal; the others are counted


class EnteredScoreError(WardOfficeError):
    """An entry the plan or the month does not allow; nothing was written. ``entry_index`` is the position of
    the entry refused in what was asked (None when the whole change is refused), for an importer to name the
    line and column it came from."""

    entry_index: int | None = None


class UngradedError(WardOfficeError):
    """A period cannot be locked while someone lacks an entered point for a month worked."""


@dataclass(frozen=True, slots=True)
class EntrySheet:
    """What the grid shows for one month."""

    month: date  # the first day of the month
    plan: EmulationPlan  # the plan in force on the month's last day
    items: tuple[EnteredItem, ...]
    people: tuple[Staff, ...]  # active some day of the month, in Vietnamese name order
    scores: Mapping[tuple[StaffId, str], EnteredScore]
    locked: bool  # a locked period touches the month: its entries stay as they are


def _month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _people(ward: Ward, month: date) -> tuple[Staff, ...]:
    active = [person for person in ward.staff() if person.active_between(month, _month_end(month)) is not None]
    return tuple(sorted(active, key=lambda person: (name_sort_key(person.full_name), person.code)))


def entry_sheet(ward: Ward, month: date) -> EntrySheet:
    """The entered items of the plan in force in ``month``, the people active in it and what is entered."""
    month = month_start(month)
    plan = ward.plan_on(_month_end(month))
    scores = {(score.staff_id, score.item_code): score for score in ward.store.entered_scores.list(month, month)}
    return EntrySheet(month, plan, entered_items(plan), _people(ward, month), scores,
                      ward.store.entered_scores.month_locked(month))


def _refused(index: int | None, message: str, **params: object) -> EnteredScoreError:
    error = EnteredScoreError(message, **params)
    error.entry_index = index
    return error


def enter_scores(ward: Ward, month: date, entries: Sequence[ScoreEntry]) -> int:
    """Write ``entries`` for ``month``: all or none, in one transaction, each change in the change log. Only the
    head may. Refused, naming the first mistake: a locked month, an item the plan in force that month lacks,
    points (or self-assessed points) outside 0 to the item's maximum, a person not active that month, the same
    person and item twice. Returns how many entries changed."""
    ward.require(Permission.ENTER_SCORES)
    month = month_start(month)
    label = format_month(month.year, month.month)
    in_month = label.lower()  # within a sentence: "trong tháng 3/2026"
    if ward.store.entered_scores.month_locked(month):
        raise PeriodLockedError(N_("{month} belongs to a locked period: its entered points cannot be changed. "
                                   "Only the head can unlock it."), month=label)
    plan = ward.plan_on(_month_end(month))
    items = {item.code: item for item in entered_items(plan)}
    people = {person.id: person for person in _people(ward, month)}
    everyone = {person.id: person for person in ward.staff()}
    seen: set[tuple[StaffId, str]] = set()
    checked: list[tuple[ScoreEntry, EnteredItem]] = []
    for index, entry in enumerate(entries):
        item = items.get(entry.item_code)
        if item is None:
            if not items:
                raise _refused(index, N_("The plan in force in {month} has no entered block"), month=in_month)
            raise _refused(index, N_("The plan in force in {month} has no entered item “{code}” (it has: {codes})"),
                           month=in_month, code=entry.item_code, codes=", ".join(items))
        person = people.get(entry.staff_id)
        if person is None:
            known = everyone.get(entry.staff_id)
            if known is None:
                raise _refused(index, N_("No staff member has the number {id}"), id=entry.staff_id)
            raise _refused(index, N_("{name} does not work here in {month}"), name=known.full_name, month=in_month)
        if (entry.staff_id, item.code) in seen:
            raise _refused(index, N_("{name} has two entries for “{item}”"), name=person.full_name, item=item.name)
        seen.add((entry.staff_id, item.code))
        for points in (entry.points, entry.self_points):
            if points is not None and not 0 <= points <= item.maximum:
                raise _refused(index, N_("{name}, “{item}”: {points} is not between 0 and {maximum}"),
                               name=person.full_name, item=item.name, points=format_number(points),
                               maximum=format_number(item.maximum))
        checked.append((ScoreEntry(entry.staff_id, item.code, entry.points, entry.self_points, entry.note.strip()),
                        item))
    return ward.store.entered_scores.apply(month, checked, ward.actor)


def ungraded_text(ranking: Ranking, limit: int = _NAMED) -> str:
    """Who is not graded yet and what they lack: "Phạm Văn Cường: tháng 4/2026 thiếu “Khối lượng công việc”"; the
    first ``limit`` people named, the others counted."""
    from ward_office.scoring.entered import lacking_text  # the grid uses this module; scoring loads when scoring

    waiting = [result for result in ranking.results if result.ungraded]
    parts = [f"{result.staff.full_name}: {lacking_text(ranking.plan, result)}" for result in waiting[:limit]]
    if len(waiting) > limit:
        parts.append(_("and {count} more").format(count=len(waiting) - limit))
    return "; ".join(parts)


def require_everyone_graded(ranking: Ranking) -> None:
    """Refuse to lock a period in which someone is not graded yet, naming them."""
    count = ranking.ungraded_count
    if count:
        raise UngradedError(N_("{period} cannot be locked yet: {count} people not graded yet ({people}). The head "
                               "enters every point first"), period=period_label(ranking.period), count=count,
                            people=ungraded_text(ranking))

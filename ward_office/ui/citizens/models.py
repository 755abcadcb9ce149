"""The tables of the citizens' satisfaction page, as columns over the data layer's records: a person's or a
department's rate in each month of the period, one person's months in detail, and the praise and complaints.

A month's rate shows "–" when it has fewer ratings than the plan needs for it to count; a person the plan's rate
rule does not apply to is shown greyed, with the reason in the tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from PySide6.QtGui import QColor

from ward_office.core.citizens import (
    FEEDBACK_CHANNEL_LABELS,
    FEEDBACK_KIND_LABELS,
    VERIFICATION_LABELS,
    CitizenFeedback,
    RatingCounts,
)
from ward_office.core.staff import StaffId
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_month, format_percent
from ward_office.i18n.text import name_sort_key
from ward_office.services.citizens import DepartmentSatisfaction, MonthRate, PersonSatisfaction

from ward_office.ui.widgets import MUTED
from ward_office.ui.widgets.models import CENTER, RIGHT, Column

UNDER_MINIMUM = "–"
Rated = PersonSatisfaction | DepartmentSatisfaction


def rate_text(counts: RatingCounts, counted: bool = True) -> str:
    """"95,5%", "–" for a rate under the plan's minimum of ratings, "" without any rating."""
    if counts.rate is None:
        return ""
    return format_percent(counts.rate, 1) if counted else UNDER_MINIMUM


def counts_tooltip(counts: RatingCounts) -> str:
    return _("{content} satisfied of {total} ratings ({very} very satisfied, {satisfied} satisfied, "
             "{not_satisfied} not satisfied)").format(content=counts.content, total=counts.total,
                                                      very=counts.very_satisfied, satisfied=counts.satisfied,
                                                      not_satisfied=counts.not_satisfied)


def month_tooltip(month: MonthRate, min_ratings: int) -> str:
    text = counts_tooltip(month.total)
    if not month.counts:
        text += "\n" + _("Fewer than the {count} ratings the plan needs for a month's rate to count").format(
            count=min_ratings)
    return text


def _in_month(record: Rated, month: date) -> MonthRate | None:
    return next((found for found in record.months if found.month == month), None)


def _rate_sort(counts: RatingCounts | None) -> float | None:
    return None if counts is None or counts.rate is None else float(counts.rate)


def _month_column(month: date, min_ratings: int) -> Column[Rated]:
    def text(record: Rated) -> str:
        found = _in_month(record, month)
        return "" if found is None else rate_text(found.total, found.counts)

    def tooltip(record: Rated) -> str:
        found = _in_month(record, month)
        return "" if found is None else month_tooltip(found, min_ratings)

    def sort_key(record: Rated) -> float | None:
        found = _in_month(record, month)
        return _rate_sort(found.total if found is not None and found.counts else None)

    # "3/2026": six months and the totals stay in sight at 1024×768
    return Column(f"{month.month}/{month.year}", text, sort_key, RIGHT, tooltip, searchable=False)


def _muted(record: Rated) -> QColor | None:
    return MUTED if isinstance(record, PersonSatisfaction) and not record.subject else None


def _with_muted(columns: Sequence[Column[Rated]]) -> list[Column[Rated]]:
    return [Column(column.header, column.text, column.sort_key, column.alignment, column.tooltip, _muted,
                   searchable=column.searchable) for column in columns]


def _total_columns() -> list[Column[Rated]]:
    return [
        Column(N_("Whole period"), lambda record: rate_text(record.total), lambda record: _rate_sort(record.total),
               RIGHT, lambda record: counts_tooltip(record.total), searchable=False),
        Column(N_("Ratings"), lambda record: str(record.total.total), lambda record: record.total.total, RIGHT,
               searchable=False),
    ]


def _name(record: Rated) -> str:
    return record.staff.full_name if isinstance(record, PersonSatisfaction) else ""


def person_columns(months: Sequence[date], min_ratings: int) -> list[Column[Rated]]:
    """Name, department, the rate of each month, of the whole period (the keys: 0 and 2 + months), the ratings,
    and the verified praise and complaints."""
    def name_tooltip(record: Rated) -> str:
        if isinstance(record, PersonSatisfaction) and not record.subject:
            return _("The plan's satisfaction rate rule does not apply to this person: the rate is shown, "
                     "not scored")
        return ""

    def verified(kind: str) -> Callable[[Rated], int]:
        return lambda record: getattr(record, kind, 0)

    columns: list[Column[Rated]] = [
        Column(N_("Full name"), _name, lambda record: name_sort_key(_name(record)), tooltip=name_tooltip),
        Column(N_("Department"), lambda record: record.department),
        *(_month_column(month, min_ratings) for month in months),
        *_total_columns(),
        Column(N_("Praise"), lambda record: str(verified("praise")(record)), verified("praise"), CENTER,
               searchable=False),
        Column(N_("Complaints"), lambda record: str(verified("complaints")(record)), verified("complaints"),
               CENTER, searchable=False),
    ]
    return _with_muted(columns)


def department_columns(months: Sequence[date], min_ratings: int) -> list[Column[Rated]]:
    return [Column(N_("Department"), lambda record: record.department or _("No department")),
            *(_month_column(month, min_ratings) for month in months), *_total_columns()]


def month_columns(min_ratings: int) -> list[Column[MonthRate]]:
    """One person's months: the ratings from the device or portal, from paper surveys, and the rate."""
    return [
        Column(N_("Month"), lambda month: format_month(month.month.year, month.month.month),
               lambda month: month.month),
        Column(N_("Device or portal"), lambda month: str(month.rated.total), lambda month: month.rated.total, RIGHT,
               lambda month: counts_tooltip(month.rated)),
        Column(N_("Paper survey"), lambda month: str(month.tallied.total), lambda month: month.tallied.total, RIGHT,
               lambda month: counts_tooltip(month.tallied)),
        Column(N_("Satisfied"), lambda month: f"{month.total.content}/{month.total.total}",
               lambda month: month.total.content, RIGHT),
        Column(N_("Rate"), lambda month: rate_text(month.total, month.counts),
               lambda month: _rate_sort(month.total if month.counts else None), RIGHT,
               lambda month: month_tooltip(month, min_ratings)),
    ]


def feedback_state(item: CitizenFeedback) -> str:
    """"chờ xác minh · chưa trả lời", "đã xác minh · đã trả lời 12/03/2026"."""
    answered = (_("answered {day}").format(day=format_date(item.answered_on)) if item.answered_on is not None
                else _("not answered yet"))
    return f"{_(VERIFICATION_LABELS[item.verification])} · {answered}"


def feedback_columns(names: Mapping[StaffId, str]) -> list[Column[CitizenFeedback]]:
    """Received, kind, channel, person concerned, state, and last what was said, which takes the spare width
    (the keys: 0, 3, 5; the state and what was said give way on a small screen, whole in their tooltips)."""
    return [
        Column(N_("Received"), lambda item: format_date(item.received_on), lambda item: (item.received_on, item.id)),
        Column(N_("Kind"), lambda item: _(FEEDBACK_KIND_LABELS[item.kind])),
        Column(N_("Channel"), lambda item: _(FEEDBACK_CHANNEL_LABELS[item.channel])),
        Column(N_("Person concerned"), lambda item: names.get(item.staff_id, "")),
        Column(N_("State"), feedback_state,
               tooltip=lambda item: "\n".join(text for text in (feedback_state(item), item.verification_note,
                                                                 item.answer) if text)),
        Column(N_("What was said"), lambda item: item.summary.replace("\n", " "),
               tooltip=lambda item: item.summary + (f"\n— {item.citizen_name}" if item.citizen_name else "")),
    ]

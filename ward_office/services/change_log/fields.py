"""A change log line field by field: each value before and after as people read it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ward_office.core.access import ROLE_LABELS
from ward_office.core.attendance import LEAVE_LABELS, AttendanceStatus, LeaveCode, RecordSource
from ward_office.core.change_log import Change, ChangeAction, ChangeEntity, ChangeField, FieldKey
from ward_office.core.checks import CHECK_KIND_LABELS, EventSource
from ward_office.core.excuse import TRIGGER_LABELS
from ward_office.core.period import PeriodKind, PeriodState
from ward_office.core.schedule import DayKind, Season
from ward_office.core.staff import CATEGORY_LABELS, GENDER_LABELS
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_datetime, format_number
from ward_office.services.change_log.labels import day_text, field_label, session_name
from ward_office.services.change_log.lookup import Lookup

F = ChangeField
_MINUTES = {F.LATE_MINUTES, F.EARLY_MINUTES, F.GRACE_MINUTES}
_WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
             N_("Sunday"))
_LABELS: Mapping[StrEnum, str] = {
    AttendanceStatus.PRESENT: N_("Present"), AttendanceStatus.LEAVE: N_("On leave"),
    AttendanceStatus.ABSENT: N_("Absent without leave"),
    RecordSource.MANUAL: N_("Entered by hand"), RecordSource.CLOCK: N_("Time clock"),
    RecordSource.IMPORT: N_("Imported from a file"),
    EventSource.MANUAL: N_("Entered by hand"), EventSource.CHECK: N_("Inspection round"),
    EventSource.IMPORT: N_("Imported from a file"),
    DayKind.HOLIDAY: N_("Holiday"), DayKind.WORKING_DAY: N_("Make-up working day"),
    PeriodKind.MONTH: N_("Month"), PeriodKind.QUARTER: N_("Quarter"), PeriodKind.HALF_YEAR: N_("6 months"),
    PeriodKind.YEAR: N_("Year"), PeriodKind.RANGE: N_("From date to date"),
    PeriodState.OPEN: N_("Open"), PeriodState.LOCKED: N_("Locked"),
    # Copied through items(): a dict keyed by one enum is not a dict keyed by StrEnum to the type checker.
    **dict(GENDER_LABELS.items()), **dict(CATEGORY_LABELS.items()), **dict(ROLE_LABELS.items()),
    **dict(CHECK_KIND_LABELS.items()),
}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One row of the before/after table: a field's Vietnamese name and its values as text."""

    key: FieldKey
    name: str
    before: str
    after: str


def _list_text(key: FieldKey, value: tuple[Any, ...] | list[Any], lookup: Lookup) -> str:
    if key in (F.SEEN, F.TIED, F.CHOSEN):
        return _("{count} people: {names}").format(count=len(value), names=", ".join(lookup.person(i) for i in value))
    if key is F.DEPARTMENT_ORDER:
        return ", ".join(lookup.department(i) for i in value)
    if key is F.WORK_WEEKDAYS:
        return ", ".join(_(_WEEKDAYS[day]) for day in value if isinstance(day, int) and 0 <= day < 7)
    if key is F.SEASONS:
        return "; ".join(f"{season.name} {season.morning.start:%H:%M}–{season.afternoon.end:%H:%M}"
                         for season in value if isinstance(season, Season))
    return _("{count} records").format(count=len(value))


def field_value(key: FieldKey, value: Any, lookup: Lookup | None = None) -> str:
    """A value as people read it: names for ids, dd/mm/yyyy for days, labels for codes."""
    lookup = lookup or Lookup()
    if value is None or value == "":
        return ""
    if key is F.STAFF:
        return lookup.person(value)
    if key is F.DEPARTMENT:
        return lookup.department(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return day_text(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if key in _MINUTES:
        return _("{minutes} minutes").format(minutes=value)
    if key is F.SESSION:
        return session_name(value).capitalize()
    if key is F.TRIGGER and value in TRIGGER_LABELS:  # its values are also statuses' ("absent"): not in _LABELS
        return _(TRIGGER_LABELS[value])
    if isinstance(value, LeaveCode):
        return f"{value.value} — {_(LEAVE_LABELS[value])}"
    if isinstance(value, StrEnum) and value in _LABELS:
        return _(_LABELS[value])
    if key is F.CRITERION:
        return lookup.criterion(str(value), None)
    if key is F.CHECK:
        return _("no. {id}").format(id=value)
    if isinstance(value, tuple | list):
        return _list_text(key, value, lookup)
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def _keys(change: Change) -> list[FieldKey]:
    if change.action is ChangeAction.UPDATE and change.changed:
        keys = list(change.changed)
    else:
        keys = list(dict.fromkeys([*change.old, *change.new]))
        if change.old and change.new:
            keys = [key for key in keys if change.old.get(key) != change.new.get(key)]
    if change.entity is ChangeEntity.ATTENDANCE and change.action is not ChangeAction.IMPORT:
        which = (F.STAFF, F.DAY, F.SESSION)  # which session, even where it did not change
        keys = [*which, *(key for key in keys if key not in which)]
    return keys


def entry_fields(change: Change, lookup: Lookup | None = None) -> list[FieldChange]:
    """The line's values before and after: only the fields that changed for an update, every field of an
    added or deleted record, and the totals of an import."""
    if not change.old and not change.new:
        return [FieldChange(key, field_label(key), "", field_value(key, value, lookup))
                for key, value in change.facts.items()]
    keys = _keys(change)
    rows = [FieldChange(key, field_label(key),
                        field_value(key, change.old.get(key), lookup) if key is not F.PASSWORD else "",
                        field_value(key, change.new.get(key), lookup) if key is not F.PASSWORD else _("(changed)"))
            for key in keys]
    rows.extend(FieldChange(key, field_label(key), "", field_value(key, value, lookup))
                for key, value in change.facts.items() if key not in keys)
    return [row for row in rows if row.before or row.after]

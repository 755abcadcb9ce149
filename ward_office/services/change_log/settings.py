"""The change log's sentences about the ward's settings and its review periods: details, working hours,
holidays, plans, clock file mappings, periods and their kept rankings, and the acceptance of a changed book."""

from __future__ import annotations

from datetime import date

from ward_office.core.change_log import Change, ChangeAction, ChangeField
from ward_office.core.period import Period
from ward_office.core.schedule import DayKind, Holiday
from ward_office.i18n import _
from ward_office.i18n.formatting import period_label
from ward_office.services.change_log.labels import changed_names, day_text, kind_label
from ward_office.services.change_log.lookup import Lookup


def describe_book_check(change: Change, lookup: Lookup) -> str:
    return _("Confirm that the record book changed outside the program was compared with a backup, and use "
             "it again: {reason}").format(reason=change.facts.get(ChangeField.REASON, ""))


def describe_restore(change: Change, lookup: Lookup) -> str:
    file = change.facts.get(ChangeField.RESTORED_FROM)
    if not file:
        return _("Restore the record book from a backup")
    return _("Restore the record book from the backup {file}").format(file=file)


def describe_upgrade(change: Change, lookup: Lookup) -> str:
    """A line the program wrote itself when it upgraded an older book."""
    return _("The program brought {count} records up to date while upgrading the record book ({kind})").format(
        count=change.facts.get(ChangeField.COUNT, 0), kind=kind_label(change.entity).lower())


def describe_period(change: Change, lookup: Lookup) -> str:
    label = period_label(change.after) if isinstance(change.after, Period) else ""
    if change.action is ChangeAction.LOCK:
        return _("Lock the review period {period}").format(period=label)
    if change.action is ChangeAction.UNLOCK:
        return _("Unlock the review period {period}: {reason}").format(
            period=label, reason=change.facts.get(ChangeField.REASON, ""))
    return _("Create the review period {period}").format(period=label)


def describe_snapshot(change: Change, lookup: Lookup) -> str:
    return _("Keep the ranking of a locked review period")


def describe_holiday(change: Change, lookup: Lookup) -> str:
    if change.action is ChangeAction.IMPORT:
        rows = change.facts.get(ChangeField.ROWS, ())
        days = [row.get(ChangeField.DAY) for row in rows if hasattr(row, "get")]
        years = sorted({str(day.year) if isinstance(day, date) else str(day or "")[:4] for day in days})
        return _("Add {count} public holidays of {years}").format(count=len(rows), years=", ".join(years))
    if change.action is ChangeAction.DELETE:
        return _("Make {day} an ordinary day again (was: {name})").format(
            day=day_text(change.old.get(ChangeField.DAY)), name=change.old.get(ChangeField.NAME, ""))
    holiday = change.after or change.before
    values = change.values
    day, name = day_text(values.get(ChangeField.DAY)), values.get(ChangeField.NAME, "")
    if isinstance(holiday, Holiday) and holiday.kind is DayKind.WORKING_DAY:
        return _("Make {day} a make-up working day: {name}").format(day=day, name=name)
    return _("Make {day} a holiday: {name}").format(day=day, name=name)


def describe_unit(change: Change, lookup: Lookup) -> str:
    return _("Change the ward's details: {fields}").format(fields=changed_names(change) or _("entered"))


def describe_schedule(change: Change, lookup: Lookup) -> str:
    return _("Change the working hours: {fields}").format(fields=changed_names(change))


def describe_plan(change: Change, lookup: Lookup) -> str:
    values = change.values
    return _("Adopt the emulation plan {name} (version {version})").format(
        name=values.get(ChangeField.NAME, ""), version=values.get(ChangeField.VERSION, ""))


def describe_clock_mapping(change: Change, lookup: Lookup) -> str:
    return _("Save the column mapping “{name}” for clock files").format(name=change.record_id or "")

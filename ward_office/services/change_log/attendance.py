"""The change log's sentences about attendance and the time clock; a session in the grid's own words
(core.attendance.session_text)."""

from __future__ import annotations

from collections.abc import Sequence

from ward_office.core.attendance import Attendance, AttendanceStatus, RecordSource, session_text
from ward_office.core.change_log import Change, ChangeAction, ChangeField, Values
from ward_office.i18n import _
from ward_office.services.change_log.labels import day_text, session_name
from ward_office.services.change_log.lookup import Lookup


def _session_text(record: Attendance | None, values: Values) -> str:
    """The session's state; for a row an older program wrote that does not hold together, what it says."""
    if record is not None or not values:
        return session_text(record)
    status = values.get(ChangeField.STATUS)
    if status is AttendanceStatus.ABSENT:
        return _("Absent without leave")
    if status is AttendanceStatus.LEAVE:
        return _("On leave")
    return str(status or "")


def _count(value: object) -> int:
    return len(value) if isinstance(value, Sequence) and not isinstance(value, str) else 0


def describe_attendance(change: Change, lookup: Lookup) -> str:
    facts = change.facts
    if change.action is ChangeAction.IMPORT:
        if facts.get(ChangeField.SOURCE) is RecordSource.CLOCK:
            return _("Attendance from the time clock, {first} to {last}: {added} added, {replaced} changed, "
                     "{removed} cleared").format(
                first=day_text(facts.get(ChangeField.FIRST_DAY)), last=day_text(facts.get(ChangeField.LAST_DAY)),
                added=facts.get(ChangeField.ADDED, 0), replaced=_count(facts.get(ChangeField.REPLACED)),
                removed=_count(facts.get(ChangeField.REMOVED)))
        return _("Import {count} attendance records, {first} to {last}").format(
            count=facts.get(ChangeField.COUNT, 0), first=day_text(facts.get(ChangeField.FIRST_DAY)),
            last=day_text(facts.get(ChangeField.LAST_DAY)))
    values = change.values
    return _("Change attendance of {name} on {day}, {session}: {before} → {after}").format(
        name=lookup.person(values.get(ChangeField.STAFF)), day=day_text(values.get(ChangeField.DAY)),
        session=session_name(values.get(ChangeField.SESSION)),
        before=_session_text(change.before, change.old), after=_session_text(change.after, change.new))


def describe_punches(change: Change, lookup: Lookup) -> str:
    facts = change.facts
    return _("Import {added} clock punches from {file}, {first} to {last}").format(
        added=facts.get(ChangeField.ADDED, 0), file=facts.get(ChangeField.SOURCE_FILE, ""),
        first=day_text(facts.get(ChangeField.FIRST_DAY)), last=day_text(facts.get(ChangeField.LAST_DAY)))

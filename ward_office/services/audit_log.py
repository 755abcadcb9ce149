"""The change log (nhật ký thay đổi) for people: who changed what and when, found by filters, told in
Vietnamese sentences, shown field by field before and after, and exported to Excel or CSV.

The log itself is written by storage in the same transaction as every change and can never be rewritten;
this module only reads it. Pages of lines are read newest first with keyset paging (``before_id``), so a
log of ten years opens as fast as one of a week.
"""

from __future__ import annotations

import csv
import os
import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ward_office.core.access import ROLE_LABELS
from ward_office.core.attendance import LEAVE_LABELS, AttendanceStatus, LeaveCode
from ward_office.core.checks import CHECK_KIND_LABELS, CheckKind
from ward_office.core.errors import OutputFolderError, WardOfficeError
from ward_office.core.period import Period, PeriodKind
from ward_office.core.plan import EmulationPlan
from ward_office.core.schedule import DayKind, Session
from ward_office.core.staff import CATEGORY_LABELS, GENDER_LABELS, Staff
from ward_office.i18n import N_, _, official_language
from ward_office.i18n.formatting import format_date, format_datetime, format_number, format_time, period_label
from ward_office.i18n.text import fold
from ward_office.reports.excel import Column, ColumnKind, Letterhead, Sheet, Value, write_workbook
from ward_office.reports.frame import head_signature, preparer_signature
from ward_office.reports.spreadsheet_text import csv_row
from ward_office.services.export import ExportFileKindError
from ward_office.services.printing import REPORT_FILE_MODE
from ward_office.services.ward import Ward
from ward_office.storage import ChangeAction, ChangeLogEntry, PlanRecord

PAGE_SIZE = 200

# Kinds of record, in the order a filter lists them; the key is the log's entity name.
RECORD_KINDS: Mapping[str, str] = {
    "attendance": N_("Attendance"),
    "event": N_("Violation or commendation"),
    "check": N_("Inspection round"),
    "staff": N_("Staff member"),
    "department": N_("Department"),
    "unit": N_("Ward details"),
    "work_schedule": N_("Working hours"),
    "holiday": N_("Holiday"),
    "plan": N_("Emulation plan"),
    "period": N_("Review period"),
    "period_review": N_("Review meeting papers"),
    "period_snapshot": N_("Kept ranking"),
    "punch": N_("Clock punches"),
    "clock_mapping": N_("Clock file mapping"),
    "account": N_("Account"),
    "book_check": N_("Record book check"),  # the head's acceptance of what it found (services/book_check.py)
}

ACTION_LABELS: Mapping[ChangeAction, str] = {
    ChangeAction.INSERT: N_("Added"),
    ChangeAction.UPDATE: N_("Changed"),
    ChangeAction.DELETE: N_("Deleted"),
    ChangeAction.LOCK: N_("Locked"),
    ChangeAction.UNLOCK: N_("Unlocked"),
    ChangeAction.IMPORT: N_("Imported"),
}

FIELD_LABELS: Mapping[str, str] = {
    "staff_id": N_("Staff member"), "day": N_("Day"), "session": N_("Session"), "status": N_("Attendance"),
    "late_minutes": N_("Minutes late"), "early_minutes": N_("Minutes left early"), "leave_code": N_("Leave type"),
    "missing_punch": N_("Missing punch"), "source": N_("Source"), "note": N_("Note"),
    "recorded_by": N_("Recorded by"), "criterion_code": N_("Criterion"), "check_id": N_("Inspection round"),
    "code": N_("Code"), "full_name": N_("Full name"), "gender": N_("Gender"), "position": N_("Position"),
    "category": N_("Category"), "department_id": N_("Department"), "badge_number": N_("Badge number"),
    "clock_id": N_("Clock id"), "active_from": N_("Working from"), "active_to": N_("Working until"),
    "name": N_("Name"), "sort_order": N_("Position in the list"), "order": N_("Order"),
    "started_at": N_("Started at"), "finished_at": N_("Finished at"), "kind": N_("Kind"), "checker": N_("Checker"),
    "location": N_("Place"), "seen": N_("Seen"), "work_weekdays": N_("Working weekdays"),
    "grace_minutes": N_("Grace minutes"), "seasons": N_("Seasons"), "prefilled": N_("Filled in by the program"),
    "authority": N_("Superior authority"), "address": N_("Address"), "place_name": N_("Place name"),
    "head_title": N_("Title of the signatory"), "head_name": N_("Signatory"), "preparer_name": N_("Prepared by"),
    "version": N_("Version"), "effective_from": N_("In effect from"), "start_day": N_("From day"),
    "end_day": N_("To day"), "state": N_("State"), "locked_at": N_("Locked at"), "locked_by": N_("Locked by"),
    "reason": N_("Reason"), "username": N_("User name"), "role": N_("Role"), "active": N_("Active"),
    "password": N_("Password"), "count": N_("Number of records"), "first_day": N_("First day"),
    "last_day": N_("Last day"), "source_file": N_("File"), "read": N_("Punches read"),
    "added": N_("Added"), "devices": N_("Devices"), "period_id": N_("Review period"), "size": N_("Size"),
    "format": N_("Format"), "replaced": N_("Replaced"), "removed": N_("Removed"), "after": N_("Records"),
}

_DAY_FIELDS = {"day", "active_from", "active_to", "effective_from", "start_day", "end_day", "first_day", "last_day"}
_MOMENT_FIELDS = {"started_at", "finished_at", "locked_at", "was_locked_at"}
_YES_NO_FIELDS = {"missing_punch", "prefilled", "active"}
_MINUTE_FIELDS = {"late_minutes", "early_minutes", "grace_minutes"}
_HIDDEN_FIELDS = {"changed", "first_id", "columns", "added_rows", "was_locked_by"}
_STATUS_LABELS = {AttendanceStatus.PRESENT: N_("Present"), AttendanceStatus.LEAVE: N_("On leave"),
                  AttendanceStatus.ABSENT: N_("Absent without leave")}
_SESSION_NAMES = {Session.MORNING: N_("morning"), Session.AFTERNOON: N_("afternoon")}
_SOURCE_LABELS = {"manual": N_("Entered by hand"), "clock": N_("Time clock"), "import": N_("Imported from a file"),
                  "check": N_("Inspection round")}
_DAY_KIND_LABELS = {DayKind.HOLIDAY: N_("Holiday"), DayKind.WORKING_DAY: N_("Make-up working day")}
_PERIOD_KIND_LABELS = {PeriodKind.MONTH: N_("Month"), PeriodKind.QUARTER: N_("Quarter"),
                       PeriodKind.HALF_YEAR: N_("6 months"), PeriodKind.YEAR: N_("Year"),
                       PeriodKind.RANGE: N_("From date to date")}
_STATE_LABELS = {"open": N_("Open"), "locked": N_("Locked")}
_WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
             N_("Sunday"))


def kind_label(entity: str) -> str:
    return _(RECORD_KINDS[entity]) if entity in RECORD_KINDS else entity


def action_label(action: ChangeAction) -> str:
    return _(ACTION_LABELS[action])


# ---- What the sentences need to know: names of people, departments and criteria ----


@dataclass
class Lookup:
    """Names for the ids a log line holds, read once per page or export (a ward has hundreds of people)."""

    staff: Mapping[int, Staff] = field(default_factory=dict)
    departments: Mapping[int, str] = field(default_factory=dict)
    plans: Sequence[PlanRecord] = ()
    plan_of: Callable[[PlanRecord], EmulationPlan] | None = None

    @classmethod
    def of(cls, ward: Ward) -> Lookup:
        return cls({person.id: person for person in ward.staff() if person.id is not None},
                   ward.department_names(), ward.store.plans.list(), ward.store.plans.plan)

    def person(self, staff_id: Any) -> str:
        try:
            person = self.staff.get(int(staff_id))
        except (TypeError, ValueError):
            person = None
        if person is None:
            return _("staff member no. {id}").format(id=staff_id)
        return person.full_name

    def department(self, department_id: Any) -> str:
        try:
            return self.departments.get(int(department_id)) or _("department no. {id}").format(id=department_id)
        except (TypeError, ValueError):
            return str(department_id)

    def criterion(self, code: str, day: date | None) -> str:
        """The criterion's name in the plan in effect on ``day`` (the latest plan when unknown)."""
        if self.plan_of is None or not self.plans:
            return code
        candidates = [record for record in self.plans
                      if day is None or record.effective_from is None or record.effective_from <= day]
        if not candidates:
            return code
        record = max(candidates, key=lambda record: (record.effective_from or date.min, record.id))
        criterion = self.plan_of(record).criteria.get(code)
        return code if criterion is None else f"{code} — {criterion.name}"

    def is_commendation(self, code: str, day: date | None) -> bool:
        if self.plan_of is None or not self.plans:
            return False
        candidates = [record for record in self.plans
                      if day is None or record.effective_from is None or record.effective_from <= day]
        if not candidates:
            return False
        record = max(candidates, key=lambda record: (record.effective_from or date.min, record.id))
        criterion = self.plan_of(record).criteria.get(code)
        return criterion is not None and criterion.is_commendation


# ---- One line in words ----


def _day(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def _day_text(text: Any) -> str:
    day = _day(text)
    return format_date(day) if day is not None else ("" if text is None else str(text))


def attendance_text(row: Mapping[str, Any] | None) -> str:
    """One session's attendance as the grid says it: "Đi muộn 20 phút", "Nghỉ phép", "Có mặt"."""
    if not row:
        return _("Present")
    status = row.get("status")
    if status == AttendanceStatus.ABSENT.value:
        return _("Absent without leave")
    if status == AttendanceStatus.LEAVE.value:
        try:
            return _(LEAVE_LABELS[LeaveCode(row.get("leave_code"))])
        except ValueError:
            return _("On leave")
    parts = []
    if row.get("late_minutes"):
        parts.append(_("Late {minutes} minutes").format(minutes=row["late_minutes"]))
    if row.get("early_minutes"):
        parts.append(_("Left {minutes} minutes early").format(minutes=row["early_minutes"]))
    if row.get("missing_punch"):
        parts.append(_("Missing punch"))
    return ", ".join(parts) or _("Present")


def _session(text: Any) -> str:
    try:
        return _(_SESSION_NAMES[Session(text)])
    except ValueError:
        return str(text)


def _period(row: Mapping[str, Any]) -> str:
    try:
        return period_label(Period(PeriodKind(row["kind"]), date.fromisoformat(row["start_day"]),
                                   date.fromisoformat(row["end_day"])))
    except (KeyError, ValueError, WardOfficeError):
        return ""


def describe(entry: ChangeLogEntry, lookup: Lookup | None = None) -> str:
    """One Vietnamese sentence for the line, naming the person affected by full name and days as dd/mm/yyyy."""
    lookup = lookup or Lookup()
    detail = entry.detail
    before = detail.get("before") if isinstance(detail.get("before"), dict) else {}
    after = detail.get("after") if isinstance(detail.get("after"), dict) else {}
    row = after or before
    action = entry.action
    entity = entry.entity
    if entity == "book_check":
        return _("Confirm that the record book changed outside the program was compared with a backup, and use "
                 "it again: {reason}").format(reason=detail.get("reason", ""))
    if entity == "attendance" and action is not ChangeAction.IMPORT:
        return _("Change attendance of {name} on {day}, {session}: {before} → {after}").format(
            name=lookup.person(row.get("staff_id")), day=_day_text(row.get("day")),
            session=_session(row.get("session")),
            before=attendance_text(before), after=attendance_text(after))
    if entity == "attendance":
        if detail.get("source") == "clock":
            return _("Attendance from the time clock, {first} to {last}: {added} added, {replaced} changed, "
                     "{removed} cleared").format(
                first=_day_text(detail.get("first_day")), last=_day_text(detail.get("last_day")),
                added=detail.get("added", 0), replaced=len(detail.get("replaced", ())),
                removed=len(detail.get("removed", ())))
        return _("Import {count} attendance records, {first} to {last}").format(
            count=detail.get("count", 0), first=_day_text(detail.get("first_day")),
            last=_day_text(detail.get("last_day")))
    if entity == "event" and action is ChangeAction.IMPORT:
        return _("Import {count} violations and commendations, {first} to {last}").format(
            count=detail.get("count", 0), first=_day_text(detail.get("first_day")),
            last=_day_text(detail.get("last_day")))
    if entity == "event":
        day = _day(row.get("day"))
        code = str(row.get("criterion_code", ""))
        commendation = lookup.is_commendation(code, day)
        if action is ChangeAction.DELETE:
            template = (N_("Delete the commendation of {name} on {day}: {criterion}") if commendation
                        else N_("Delete the violation of {name} on {day}: {criterion}"))
        else:
            template = (N_("Record a commendation of {name} on {day}: {criterion}") if commendation
                        else N_("Record a violation of {name} on {day}: {criterion}"))
        return _(template).format(name=lookup.person(row.get("staff_id")), day=_day_text(row.get("day")),
                                  criterion=lookup.criterion(code, day))
    if entity == "staff":
        name = row.get("full_name") or lookup.person(entry.entity_id)
        if action is ChangeAction.UPDATE:
            return _("Change the details of {name}: {fields}").format(name=name, fields=_changed_names(detail))
        if action is ChangeAction.DELETE:
            return _("Delete staff member {name}").format(name=name)
        if action is ChangeAction.IMPORT:
            return _("Import staff member {name}").format(name=name)
        return _("Add staff member {name}").format(name=name)
    if entity == "check":
        return _describe_check(entry, before, after, lookup)
    if entity == "period":
        label = _period(detail if "kind" in detail else after)
        if action is ChangeAction.LOCK:
            return _("Lock the review period {period}").format(period=label)
        if action is ChangeAction.UNLOCK:
            return _("Unlock the review period {period}: {reason}").format(period=label,
                                                                           reason=detail.get("reason", ""))
        return _("Create the review period {period}").format(period=label)
    if entity == "period_snapshot":
        return _("Keep the ranking of a locked review period")
    if entity == "holiday":
        if action is ChangeAction.IMPORT:
            rows = detail.get("after") if isinstance(detail.get("after"), list) else []
            years = sorted({str(item.get("day", ""))[:4] for item in rows})
            return _("Add {count} public holidays of {years}").format(count=len(rows), years=", ".join(years))
        if action is ChangeAction.DELETE:
            return _("Make {day} an ordinary day again (was: {name})").format(
                day=_day_text(before.get("day")), name=before.get("name", ""))
        if row.get("kind") == DayKind.WORKING_DAY.value:
            return _("Make {day} a make-up working day: {name}").format(day=_day_text(row.get("day")),
                                                                       name=row.get("name", ""))
        return _("Make {day} a holiday: {name}").format(day=_day_text(row.get("day")), name=row.get("name", ""))
    if entity == "department":
        if action is ChangeAction.INSERT:
            return _("Add the department {name}").format(name=row.get("name", ""))
        if action is ChangeAction.DELETE:
            return _("Delete the department {name}").format(name=row.get("name", ""))
        if "order" in after:
            return _("Change the order of the departments")
        return _("Rename the department {before} → {after}").format(before=before.get("name", ""),
                                                                    after=after.get("name", ""))
    if entity == "unit":
        return _("Change the ward's details: {fields}").format(fields=_changed_names(detail) or _("entered"))
    if entity == "work_schedule":
        return _("Change the working hours: {fields}").format(fields=_changed_names(detail))
    if entity == "plan":
        return _("Adopt the emulation plan {name} (version {version})").format(name=row.get("name", ""),
                                                                           version=row.get("version", ""))
    if entity == "punch":
        return _("Import {added} clock punches from {file}, {first} to {last}").format(
            added=detail.get("added", 0), file=detail.get("source_file", ""),
            first=_day_text(detail.get("first_day")), last=_day_text(detail.get("last_day")))
    if entity == "clock_mapping":
        return _("Save the column mapping “{name}” for clock files").format(name=entry.entity_id or "")
    if entity == "account":
        name = row.get("full_name") or row.get("username", "")
        if action is ChangeAction.INSERT:
            return _("Add the account {username} ({name})").format(username=row.get("username", ""), name=name)
        return _("Change the account {username}: {fields}").format(username=row.get("username", ""),
                                                                   fields=_changed_names(detail))
    return _("{action}: {kind} {id}").format(action=action_label(action), kind=kind_label(entity),
                                             id=entry.entity_id or "").strip()


def _describe_check(entry: ChangeLogEntry, before: Mapping[str, Any], after: Mapping[str, Any],
                    lookup: Lookup) -> str:
    row = after or before
    started = _moment(row.get("started_at"))
    when = format_date(started.date()) if started is not None else _("no. {id}").format(id=entry.entity_id)
    if entry.action is ChangeAction.INSERT:
        kind = _(CHECK_KIND_LABELS[CheckKind(row["kind"])]) if row.get("kind") in set(CheckKind) else ""
        if row.get("finished_at"):
            return _("Record the inspection round of {day} ({kind}): {count} people seen").format(
                day=when, kind=kind.lower(), count=len(row.get("seen", ())))
        return _("Start the inspection round of {day} ({kind})").format(day=when, kind=kind.lower())
    changed = set(entry.detail.get("changed", ()))
    if "finished_at" in changed and after.get("finished_at"):
        return _("Finish the inspection round of {day}").format(day=when)
    if "seen" in changed:
        old, new = set(before.get("seen", ())), set(after.get("seen", ()))
        parts = []
        if new - old:
            parts.append(_("seen: {names}").format(names=", ".join(lookup.person(i) for i in sorted(new - old))))
        if old - new:
            parts.append(_("not seen: {names}").format(names=", ".join(lookup.person(i) for i in sorted(old - new))))
        return _("Inspection round no. {number}, {changes}").format(number=entry.entity_id, changes="; ".join(parts))
    return _("Change the inspection round no. {number}").format(number=entry.entity_id)


def _moment(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return None


def _changed_names(detail: Mapping[str, Any]) -> str:
    return ", ".join(field_label(key).lower() for key in detail.get("changed", ()))


# ---- Field by field ----


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One row of the before/after table: a field's Vietnamese name and its values as text."""

    key: str
    name: str
    before: str
    after: str


def field_label(key: str) -> str:
    return _(FIELD_LABELS[key]) if key in FIELD_LABELS else key


def field_value(entity: str, key: str, value: Any, lookup: Lookup | None = None) -> str:
    """A stored value as people read it: names for ids, dd/mm/yyyy for days, labels for codes."""
    lookup = lookup or Lookup()
    if value is None or value == "":
        return ""
    if key == "staff_id":
        return lookup.person(value)
    if key == "department_id":
        return lookup.department(value)
    if key in _DAY_FIELDS:
        return _day_text(value)
    if key in _MOMENT_FIELDS:
        moment = _moment(value)
        return format_datetime(moment) if moment is not None else str(value)
    if key in _YES_NO_FIELDS:
        return _("Yes") if value else _("No")
    if key in _MINUTE_FIELDS:
        return _("{minutes} minutes").format(minutes=value)
    if key == "session":
        return _session(value).capitalize()
    labels: Mapping[Any, str] | None = {
        "status": {member.value: label for member, label in _STATUS_LABELS.items()},
        "source": _SOURCE_LABELS,
        "gender": {member.value: label for member, label in GENDER_LABELS.items()},
        "category": {member.value: label for member, label in CATEGORY_LABELS.items()},
        "role": {member.value: label for member, label in ROLE_LABELS.items()},
        "state": _STATE_LABELS,
        "kind": {"check": {member.value: label for member, label in CHECK_KIND_LABELS.items()},
                 "holiday": {member.value: label for member, label in _DAY_KIND_LABELS.items()},
                 "period": {member.value: label for member, label in _PERIOD_KIND_LABELS.items()}}.get(entity),
    }.get(key)
    if labels is not None and value in labels:
        return _(labels[value])
    if key == "leave_code" and value in {member.value for member in LeaveCode}:
        return f"{value} — {_(LEAVE_LABELS[LeaveCode(value)])}"
    if key == "criterion_code":
        return lookup.criterion(str(value), None)
    if key == "check_id":
        return _("no. {id}").format(id=value)
    if key == "seen" and isinstance(value, list):
        return _("{count} people: {names}").format(count=len(value),
                                                    names=", ".join(lookup.person(i) for i in value))
    if key == "order" and isinstance(value, list):
        return ", ".join(lookup.department(i) for i in value)
    if key == "work_weekdays":
        return ", ".join(_(_WEEKDAYS[int(day)]) for day in str(value).split(",") if day.isdigit() and int(day) < 7)
    if key == "seasons" and isinstance(value, list):
        return "; ".join(f"{item.get('name', '')} {item.get('morning_start', '')}–{item.get('afternoon_end', '')}"
                         for item in value if isinstance(item, dict))
    if isinstance(value, list):
        return _("{count} records").format(count=len(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def entry_fields(entry: ChangeLogEntry, lookup: Lookup | None = None) -> list[FieldChange]:
    """The line's values before and after: only the fields that changed for an update, every field of an
    added or deleted record, and the totals of an import."""
    detail = entry.detail
    before = detail.get("before") if isinstance(detail.get("before"), dict) else {}
    after = detail.get("after") if isinstance(detail.get("after"), dict) else {}
    if entry.action is ChangeAction.UPDATE and "changed" in detail:
        keys = list(detail["changed"])
    elif before or after:
        keys = list(dict.fromkeys([*before, *after]))
        if before and after:
            keys = [key for key in keys if before.get(key) != after.get(key)]
    else:
        keys = [key for key in detail if key not in _HIDDEN_FIELDS]
        return [FieldChange(key, field_label(key), "", field_value(entry.entity, key, detail[key], lookup))
                for key in keys]
    if entry.entity == "attendance" and entry.action is not ChangeAction.IMPORT:
        for key in ("staff_id", "day", "session"):  # which session, even where it did not change
            if key not in keys:
                keys.insert(("staff_id", "day", "session").index(key), key)
    extra = [key for key in detail if key not in ("before", "after", *_HIDDEN_FIELDS) and key not in keys]
    rows = [FieldChange(key, field_label(key),
                        field_value(entry.entity, key, before.get(key), lookup) if key != "password" else "",
                        field_value(entry.entity, key, after.get(key), lookup) if key != "password"
                        else _("(changed)"))
            for key in keys]
    rows.extend(FieldChange(key, field_label(key), "", field_value(entry.entity, key, detail[key], lookup))
                for key in extra)
    return [row for row in rows if row.before or row.after]


# ---- Finding lines ----


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What to show: days the change was made (inclusive), who made it, kind of record, action, the person
    the record is about, and any words (a name without accents, a code, a note, 05/11/2026)."""

    start: date | None = None
    end: date | None = None
    actor: str | None = None
    kind: str | None = None
    action: ChangeAction | None = None
    staff_id: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class AuditRow:
    """A log line with its sentence, ready for a table."""

    entry: ChangeLogEntry
    sentence: str

    @property
    def kind_label(self) -> str:
        return kind_label(self.entry.entity)

    @property
    def action_label(self) -> str:
        return action_label(self.entry.action)


def _search_text(text: str) -> str:
    """A day typed as 05/11/2026 is searched as the log stores it (2026-11-05)."""
    text = text.strip()
    parts = text.split("/")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        try:
            return date(int(parts[2]), int(parts[1]), int(parts[0])).isoformat()
        except ValueError:
            return text
    return text


def _people_named(lookup: Lookup, text: str) -> list[int]:
    words = fold(text).split()
    if not words:
        return []
    return [staff_id for staff_id, person in lookup.staff.items()
            if all(word in fold(f"{person.full_name} {person.code}") for word in words)]


def find_entries(ward: Ward, wanted: AuditFilter, *, before_id: int | None = None, limit: int = PAGE_SIZE,
                 lookup: Lookup | None = None) -> list[AuditRow]:
    """One page of lines, newest first; the next page starts before the last line's id."""
    lookup = lookup or Lookup.of(ward)
    entries = ward.store.change_log.find(
        start=wanted.start, end=wanted.end, who=wanted.actor,
        entities=None if wanted.kind is None else [wanted.kind], action=wanted.action,
        staff_ids=None if wanted.staff_id is None else [wanted.staff_id],
        text=_search_text(wanted.text), text_staff_ids=_people_named(lookup, wanted.text),
        before_id=before_id, limit=limit,
    )
    return [AuditRow(entry, describe(entry, lookup)) for entry in entries]


def iter_entries(ward: Ward, wanted: AuditFilter, lookup: Lookup | None = None) -> Iterator[AuditRow]:
    """Every matching line, newest first, a page at a time."""
    lookup = lookup or Lookup.of(ward)
    before_id = None
    while True:
        page = find_entries(ward, wanted, before_id=before_id, limit=1000, lookup=lookup)
        yield from page
        if len(page) < 1000:
            return
        before_id = page[-1].entry.id


def actors(ward: Ward) -> list[str]:
    """Everyone who made a change, for the "who" filter."""
    return ward.store.change_log.actors()


# ---- Export ----

EXPORT_SUFFIXES = (".xlsx", ".csv")


@dataclass(frozen=True, slots=True)
class AuditExport:
    path: Path
    rows: int

    def localized(self) -> str:
        return _("Wrote {rows} change log lines to {path}.").format(rows=self.rows, path=self.path)


def _changes_text(fields: Sequence[FieldChange]) -> str:
    parts = []
    for change in fields:
        if change.before and change.after:
            parts.append(f"{change.name}: {change.before} → {change.after}")
        else:
            parts.append(f"{change.name}: {change.before or change.after}")
    return "; ".join(parts)


def _headers() -> list[str]:
    return [_("No."), _("Date"), _("Time"), _("Who"), _("Action"), _("Kind of record"), _("Record no."),
            _("What changed"), _("Before and after")]


def _export_rows(ward: Ward, wanted: AuditFilter) -> list[list[Value]]:
    """One row per line: the day and the clock time as the log holds them (no time zone), the record's number
    as a number."""
    lookup = Lookup.of(ward)
    rows: list[list[Value]] = []
    for number, row in enumerate(iter_entries(ward, wanted, lookup), start=1):
        entry = row.entry
        record: Value = entry.entity_id or ""
        if isinstance(record, str) and record.isdigit():
            record = int(record)
        rows.append([number, entry.at.date(), entry.at.time().replace(tzinfo=None, second=0, microsecond=0),
                     entry.actor, row.action_label, row.kind_label, record, row.sentence,
                     _changes_text(entry_fields(entry, lookup))])
    return rows


def filter_text(wanted: AuditFilter, lookup: Lookup | None = None) -> str:
    """The filter in words, for the head of an export."""
    lookup = lookup or Lookup()
    parts = []
    if wanted.start is not None or wanted.end is not None:
        parts.append(_("from {start} to {end}").format(
            start=format_date(wanted.start) if wanted.start else "…",
            end=format_date(wanted.end) if wanted.end else "…"))
    if wanted.actor:
        parts.append(_("by {who}").format(who=wanted.actor))
    if wanted.kind:
        parts.append(kind_label(wanted.kind))
    if wanted.action is not None:
        parts.append(action_label(wanted.action))
    if wanted.staff_id is not None:
        parts.append(_("about {name}").format(name=lookup.person(wanted.staff_id)))
    if wanted.text.strip():
        parts.append(_("containing “{text}”").format(text=wanted.text.strip()))
    return "; ".join(parts) or _("every change")


def export_audit_log(ward: Ward, wanted: AuditFilter, out: Path, *, now: datetime | None = None) -> AuditExport:
    """Write the matching lines, newest first, to an Excel workbook (.xlsx) or a CSV file (.csv), in
    Vietnamese whatever the window's language; the workbook is framed as an official document dated ``now``."""
    suffix = out.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ExportFileKindError(N_("The file must end in .xlsx or .csv: {path}"), path=str(out))
    if not out.parent.is_dir():
        raise OutputFolderError(N_("The folder {folder} does not exist"), folder=str(out.parent))
    now = now or datetime.now()
    with official_language():
        rows = _export_rows(ward, wanted)
        if suffix == ".csv":
            _write_csv(out, rows)
        else:
            write_workbook(out, [_log_sheet(ward, wanted, rows, now)], mode=REPORT_FILE_MODE)
    return AuditExport(out, len(rows))


def _log_sheet(ward: Ward, wanted: AuditFilter, rows: list[list[Value]], now: datetime) -> Sheet:
    unit = ward.unit()
    columns = [Column(_("No."), ColumnKind.INTEGER), Column(_("Date"), ColumnKind.DATE),
               Column(_("Time"), ColumnKind.TIME), Column(_("Who")), Column(_("Action")),
               Column(_("Kind of record")), Column(_("Record no."), ColumnKind.INTEGER),
               Column(_("What changed"), width=28, wrap=True), Column(_("Before and after"), width=44, wrap=True)]
    return Sheet(
        name=_("Change log"), title=_("CHANGE LOG"), subtitle=filter_text(wanted, Lookup.of(ward)),
        lines=[_("(Taken from the log at {time} on {date})").format(time=format_time(now),
                                                                   date=format_date(now.date()))],
        letterhead=Letterhead.of(unit, now.date()), columns=columns, rows=rows,
        notes=[_("Every change to the records, newest first; the log cannot be changed or deleted.")],
        frozen_columns=3, signatures=(preparer_signature(unit), head_signature(unit)),
    )


def _write_csv(out: Path, rows: list[list[Value]]) -> None:
    """UTF-8 with a BOM so Excel opens the Vietnamese right; days as dd/mm/yyyy, times as hh:mm; text that could
    start a formula quoted (reports.spreadsheet_text); written whole or not at all, readable by the office
    (REPORT_FILE_MODE)."""
    temporary = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(csv_row(_headers()))
            for row in rows:
                writer.writerow(csv_row(_csv_text(value) for value in row))
        os.chmod(temporary, REPORT_FILE_MODE)
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)


def _csv_text(value: Value) -> Value:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value


def export_audit_log_file(db_path: Path, wanted: AuditFilter, out: Path, *,
                          now: datetime | None = None) -> AuditExport:
    """The same from a database path, for the command line and background jobs (their own connection)."""
    with Ward.open(db_path, read_only=True) as ward:
        return export_audit_log(ward, wanted, out, now=now)


__all__ = ["ACTION_LABELS", "PAGE_SIZE", "RECORD_KINDS", "AuditExport", "AuditFilter", "AuditRow", "FieldChange",
           "Lookup", "actors", "attendance_text", "describe", "entry_fields", "export_audit_log",
           "export_audit_log_file", "field_label", "field_value", "filter_text", "find_entries", "iter_entries",
           "kind_label"]

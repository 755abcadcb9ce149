"""Names of what the change log tells about, in the people's words: kinds of record, actions, fields."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ward_office.core.change_log import Change, ChangeAction, ChangeEntity, ChangeField, FieldKey
from ward_office.core.schedule import Session
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date

PAGE_SIZE = 200

# Kinds of record, in the order a filter lists them.
RECORD_KINDS: Mapping[ChangeEntity, str] = {
    ChangeEntity.ATTENDANCE: N_("Attendance"),
    ChangeEntity.EVENT: N_("Violation or commendation"),
    ChangeEntity.CHECK: N_("Inspection round"),
    ChangeEntity.STAFF: N_("Staff member"),
    ChangeEntity.DEPARTMENT: N_("Department"),
    ChangeEntity.UNIT: N_("Ward details"),
    ChangeEntity.WORK_SCHEDULE: N_("Working hours"),
    ChangeEntity.HOLIDAY: N_("Holiday"),
    ChangeEntity.PLAN: N_("Emulation plan"),
    ChangeEntity.PERIOD: N_("Review period"),
    ChangeEntity.PERIOD_REVIEW: N_("Review meeting papers"),
    ChangeEntity.PERIOD_SNAPSHOT: N_("Kept ranking"),
    ChangeEntity.QUOTA_DECISION: N_("Emulation council decision on a tie at the quota"),
    ChangeEntity.ATTENDANCE_EXCUSE: N_("Excuse of a late arrival, early leave or absence"),
    ChangeEntity.ENTERED_SCORE: N_("Entered points"),
    ChangeEntity.SATISFACTION_RATING: N_("Satisfaction ratings"),
    ChangeEntity.SURVEY_TALLY: N_("Survey tally"),
    ChangeEntity.CITIZEN_FEEDBACK: N_("Citizen's praise or complaint"),
    ChangeEntity.PUNCH: N_("Clock punches"),
    ChangeEntity.CLOCK_MAPPING: N_("Clock file mapping"),
    ChangeEntity.ACCOUNT: N_("Account"),
    ChangeEntity.BOOK_CHECK: N_("Record book check"),
    ChangeEntity.DATABASE: N_("Record book"),
}

ACTION_LABELS: Mapping[ChangeAction, str] = {
    ChangeAction.INSERT: N_("Added"),
    ChangeAction.UPDATE: N_("Changed"),
    ChangeAction.DELETE: N_("Deleted"),
    ChangeAction.LOCK: N_("Locked"),
    ChangeAction.UNLOCK: N_("Unlocked"),
    ChangeAction.IMPORT: N_("Imported"),
}

F = ChangeField
FIELD_LABELS: Mapping[ChangeField, str] = {
    F.STAFF: N_("Staff member"), F.DAY: N_("Day"), F.SESSION: N_("Session"), F.STATUS: N_("Attendance"),
    F.LATE_MINUTES: N_("Minutes late"), F.EARLY_MINUTES: N_("Minutes left early"), F.LEAVE_CODE: N_("Leave type"),
    F.MISSING_PUNCH: N_("Missing punch"), F.SOURCE: N_("Source"), F.NOTE: N_("Note"),
    F.RECORDED_BY: N_("Recorded by"), F.CRITERION: N_("Criterion"), F.CHECK: N_("Inspection round"),
    F.CODE: N_("Code"), F.FULL_NAME: N_("Full name"), F.GENDER: N_("Gender"), F.POSITION: N_("Position"),
    F.CATEGORY: N_("Category"), F.DEPARTMENT: N_("Department"), F.BADGE_NUMBER: N_("Badge number"),
    F.CLOCK_ID: N_("Clock id"), F.ACTIVE_FROM: N_("Working from"), F.ACTIVE_TO: N_("Working until"),
    F.NAME: N_("Name"), F.SORT_ORDER: N_("Position in the list"), F.DEPARTMENT_ORDER: N_("Order"),
    F.STARTED_AT: N_("Started at"), F.FINISHED_AT: N_("Finished at"), F.KIND: N_("Kind"), F.CHECKER: N_("Checker"),
    F.LOCATION: N_("Place"), F.SEEN: N_("Seen"), F.WORK_WEEKDAYS: N_("Working weekdays"),
    F.GRACE_MINUTES: N_("Grace minutes"), F.SEASONS: N_("Seasons"), F.PREFILLED: N_("Filled in by the program"),
    F.AUTHORITY: N_("Superior authority"), F.ADDRESS: N_("Address"), F.PLACE_NAME: N_("Place name"),
    F.HEAD_TITLE: N_("Title of the signatory"), F.HEAD_NAME: N_("Signatory"), F.PREPARER_NAME: N_("Prepared by"),
    F.VERSION: N_("Version"), F.EFFECTIVE_FROM: N_("In effect from"), F.START_DAY: N_("From day"),
    F.END_DAY: N_("To day"), F.STATE: N_("State"), F.LOCKED_AT: N_("Locked at"), F.LOCKED_BY: N_("Locked by"),
    F.REASON: N_("Reason"), F.USERNAME: N_("User name"), F.ROLE: N_("Role"), F.ACTIVE: N_("Active"),
    F.PASSWORD: N_("Password"), F.COUNT: N_("Number of records"), F.FIRST_DAY: N_("First day"),
    F.LAST_DAY: N_("Last day"), F.SOURCE_FILE: N_("File"), F.READ: N_("Punches read"),
    F.ADDED: N_("Added"), F.DEVICES: N_("Devices"), F.PERIOD: N_("Review period"), F.SIZE: N_("Size"),
    F.FORMAT: N_("Format"), F.REPLACED: N_("Replaced"), F.REMOVED: N_("Removed"), F.ROWS: N_("Records"),
    F.MIGRATION: N_("Upgrade of the record book"), F.RESTORED_FROM: N_("Restored from the backup"),
    F.GRADE_CODE: N_("Grade"), F.PLACES: N_("Places left"), F.TIED: N_("People tied"),
    F.CHOSEN: N_("Keep the grade"), F.MEETING_DATE: N_("Meeting date"), F.MINUTE_NUMBER: N_("Minutes no."),
    F.TRIGGER: N_("Occurrence excused"), F.WITHDRAWAL_REASON: N_("Reason for withdrawing the excuse"),
    F.MONTH: N_("Month"), F.ITEM_CODE: N_("Entered item"), F.ITEM_NAME: N_("Name of the entered item"),
    F.MAXIMUM: N_("Maximum"), F.SELF_POINTS: N_("Self-assessed points"),
}
_SESSION_NAMES = {Session.MORNING: N_("morning"), Session.AFTERNOON: N_("afternoon")}


def kind_label(entity: ChangeEntity | str) -> str:
    """A kind of record in words; a kind this version does not know, as the line names it."""
    return _(RECORD_KINDS[ChangeEntity(entity)]) if entity in RECORD_KINDS else str(entity)


def action_label(action: ChangeAction) -> str:
    return _(ACTION_LABELS[action])


def field_label(key: FieldKey) -> str:
    return _(FIELD_LABELS[ChangeField(key)]) if key in FIELD_LABELS else str(key)


def day_text(value: Any) -> str:
    """A day as dd/mm/yyyy; a value of an older line as it was written."""
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


def session_name(value: Any) -> str:
    return _(_SESSION_NAMES[value]) if value in _SESSION_NAMES else str(value)


def changed_names(change: Change) -> str:
    return ", ".join(field_label(key).lower() for key in change.changed)


def fallback(change: Change) -> str:
    """A line of a kind no wording knows: its action, kind and record number."""
    return _("{action}: {kind} {id}").format(action=action_label(change.action), kind=kind_label(change.entity),
                                             id=change.record_id or "").strip()

"""One Vietnamese sentence per change log line, worded by the module of its kind of record."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ward_office.core.change_log import Change, ChangeEntity, ChangeField
from ward_office.services.change_log import attendance, citizens, entered, events, excuses, quota, settings, staff
from ward_office.services.change_log.labels import fallback
from ward_office.services.change_log.lookup import Lookup

_WORDING: Mapping[ChangeEntity, Callable[[Change, Lookup], str]] = {
    ChangeEntity.ATTENDANCE: attendance.describe_attendance,
    ChangeEntity.PUNCH: attendance.describe_punches,
    ChangeEntity.EVENT: events.describe_event,
    ChangeEntity.CHECK: events.describe_check,
    ChangeEntity.STAFF: staff.describe_staff,
    ChangeEntity.DEPARTMENT: staff.describe_department,
    ChangeEntity.ACCOUNT: staff.describe_account,
    ChangeEntity.BOOK_CHECK: settings.describe_book_check,
    ChangeEntity.PERIOD: settings.describe_period,
    ChangeEntity.PERIOD_SNAPSHOT: settings.describe_snapshot,
    ChangeEntity.QUOTA_DECISION: quota.describe_quota_decision,
    ChangeEntity.ENTERED_SCORE: entered.describe_entered_score,
    ChangeEntity.SATISFACTION_RATING: citizens.describe_ratings,
    ChangeEntity.SURVEY_TALLY: citizens.describe_tally,
    ChangeEntity.CITIZEN_FEEDBACK: citizens.describe_feedback,
    ChangeEntity.ATTENDANCE_EXCUSE: excuses.describe_excuse,
    ChangeEntity.HOLIDAY: settings.describe_holiday,
    ChangeEntity.UNIT: settings.describe_unit,
    ChangeEntity.WORK_SCHEDULE: settings.describe_schedule,
    ChangeEntity.PLAN: settings.describe_plan,
    ChangeEntity.CLOCK_MAPPING: settings.describe_clock_mapping,
    ChangeEntity.DATABASE: settings.describe_restore,
}


def describe(change: Change, lookup: Lookup | None = None) -> str:
    """One Vietnamese sentence for the line, naming the person affected by full name and days as dd/mm/yyyy;
    a kind of record this version has no words for is named with its action and number."""
    if ChangeField.MIGRATION in change.facts:
        return settings.describe_upgrade(change, lookup or Lookup())
    wording = _WORDING.get(change.entity) if isinstance(change.entity, ChangeEntity) else None
    return fallback(change) if wording is None else wording(change, lookup or Lookup())

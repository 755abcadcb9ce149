"""A raw change log line turned into a typed ``core.change_log.Change``: the only place that knows which table a
line names and what its columns are called.

Lines are kept forever, so old books hold lines of older programs (a migration's line with no row, a restore
of a backup, values of a former format): whatever does not read as this version's types is kept as it was
written, so it is still shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ward_office.core.access import Role
from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode, RecordSource
from ward_office.core.change_log import Change, ChangeAction, ChangeEntity, ChangeField, FieldKey, Values
from ward_office.core.checks import Check, CheckKind, Event, EventSource
from ward_office.core.errors import WardOfficeError
from ward_office.core.period import Period, PeriodKind, PeriodState
from ward_office.core.schedule import DayKind, Holiday, Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.storage.schedule import _SEASON_COLUMNS, _season

_ENTITIES = {member.value: member for member in ChangeEntity}
# Column (or detail key) → field; a name not here is kept as text.
_FIELDS: Mapping[str, ChangeField] = {
    "staff_id": ChangeField.STAFF, "criterion_code": ChangeField.CRITERION, "check_id": ChangeField.CHECK,
    "department_id": ChangeField.DEPARTMENT, "order": ChangeField.DEPARTMENT_ORDER,
    "period_id": ChangeField.PERIOD, "after": ChangeField.ROWS,
    **{member.value: member for member in ChangeField
       if member not in (ChangeField.STAFF, ChangeField.CRITERION, ChangeField.CHECK, ChangeField.DEPARTMENT,
                         ChangeField.DEPARTMENT_ORDER, ChangeField.PERIOD, ChangeField.ROWS)},
}
# Keys of a line that only serve the program (which columns an import read, where a batch starts…).
_HIDDEN = {"changed", "first_id", "columns", "added_rows", "was_locked_by", "before"}
_DAYS = {"day", "active_from", "active_to", "effective_from", "start_day", "end_day", "first_day", "last_day",
         "meeting_date", "month"}
_MOMENTS = {"started_at", "finished_at", "locked_at", "was_locked_at"}
_YES_NO = {"missing_punch", "prefilled", "active"}
_ENUMS: Mapping[str, type[StrEnum]] = {"status": AttendanceStatus, "session": Session, "leave_code": LeaveCode,
                                       "gender": Gender, "category": StaffCategory, "role": Role,
                                       "state": PeriodState}
_KINDS: Mapping[ChangeEntity | str, type[StrEnum]] = {ChangeEntity.CHECK: CheckKind, ChangeEntity.HOLIDAY: DayKind,
                                                      ChangeEntity.PERIOD: PeriodKind,
                                                      ChangeEntity.QUOTA_DECISION: PeriodKind}
_SOURCES: Mapping[ChangeEntity | str, type[StrEnum]] = {ChangeEntity.ATTENDANCE: RecordSource,
                                                        ChangeEntity.EVENT: EventSource}


def _value(entity: ChangeEntity | str, key: str, value: Any) -> Any:
    """The value as the program's type; as written when it is not one (an older line)."""
    try:
        if value is None:
            return None
        if key in _DAYS:
            return date.fromisoformat(value)
        if key in _MOMENTS:
            return datetime.fromisoformat(value)
        if key in _YES_NO:
            return bool(value)
        kinds = _KINDS if key == "kind" else _SOURCES if key == "source" else _ENUMS
        enum = kinds.get(entity) if key in ("kind", "source") else kinds.get(key)
        if enum is not None:
            return enum(value)
        if key == "work_weekdays":
            return tuple(int(day) for day in str(value).split(",") if day.isdigit())
        if key == "seasons" and isinstance(value, list):
            return tuple(_season(tuple(item[column] for column in _SEASON_COLUMNS)) for item in value)
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            return tuple(_values(entity, item) for item in value)
        if isinstance(value, list):
            return tuple(value)
    except (TypeError, ValueError, KeyError):
        return value
    return value


def _values(entity: ChangeEntity | str, row: Mapping[str, Any]) -> dict[FieldKey, Any]:
    return {_FIELDS.get(key, key): _value(entity, key, value) for key, value in row.items() if key not in _HIDDEN}


def _typed(values: Values, key: ChangeField, kind: type) -> Any:
    """The value if it is of the program's type (an older line may hold a day written otherwise)."""
    value = values[key]
    if not isinstance(value, kind):
        raise TypeError(key)
    return value


def _attendance(values: Values) -> Attendance:
    return Attendance(_typed(values, ChangeField.STAFF, int), _typed(values, ChangeField.DAY, date),
                      _typed(values, ChangeField.SESSION, Session),
                      values.get(ChangeField.STATUS, AttendanceStatus.PRESENT),
                      values.get(ChangeField.LATE_MINUTES) or 0, values.get(ChangeField.EARLY_MINUTES) or 0,
                      values.get(ChangeField.LEAVE_CODE), bool(values.get(ChangeField.MISSING_PUNCH)),
                      values.get(ChangeField.SOURCE, RecordSource.MANUAL), values.get(ChangeField.NOTE) or "",
                      values.get(ChangeField.RECORDED_BY) or "")


def _staff(values: Values) -> Staff:
    return Staff(values[ChangeField.CODE], values[ChangeField.FULL_NAME], _typed(values, ChangeField.GENDER, Gender),
                 values.get(ChangeField.POSITION) or "", _typed(values, ChangeField.CATEGORY, StaffCategory),
                 values.get(ChangeField.DEPARTMENT), values.get(ChangeField.BADGE_NUMBER) or "",
                 values.get(ChangeField.CLOCK_ID) or "", values.get(ChangeField.ACTIVE_FROM),
                 values.get(ChangeField.ACTIVE_TO), values.get(ChangeField.NOTE) or "")


def _event(values: Values) -> Event:
    return Event(_typed(values, ChangeField.STAFF, int), _typed(values, ChangeField.DAY, date),
                 str(values[ChangeField.CRITERION]),
                 values.get(ChangeField.NOTE) or "", values.get(ChangeField.RECORDED_BY) or "",
                 values.get(ChangeField.CHECK), values.get(ChangeField.SOURCE, EventSource.MANUAL))


def _check(values: Values) -> Check:
    return Check(_typed(values, ChangeField.STARTED_AT, datetime), _typed(values, ChangeField.KIND, CheckKind),
                 values.get(ChangeField.CHECKER) or "",
                 values.get(ChangeField.LOCATION) or "", values.get(ChangeField.NOTE) or "",
                 frozenset(values.get(ChangeField.SEEN) or ()), finished_at=values.get(ChangeField.FINISHED_AT))


def _holiday(values: Values) -> Holiday:
    return Holiday(_typed(values, ChangeField.DAY, date), values.get(ChangeField.NAME) or "",
                   values.get(ChangeField.KIND, DayKind.HOLIDAY), bool(values.get(ChangeField.PREFILLED)))


def _period(values: Values) -> Period:
    return Period(_typed(values, ChangeField.KIND, PeriodKind), _typed(values, ChangeField.START_DAY, date),
                  _typed(values, ChangeField.END_DAY, date))


_DOMAIN: Mapping[ChangeEntity | str, Callable[[Values], Any]] = {
    ChangeEntity.ATTENDANCE: _attendance, ChangeEntity.STAFF: _staff, ChangeEntity.EVENT: _event,
    ChangeEntity.CHECK: _check, ChangeEntity.HOLIDAY: _holiday, ChangeEntity.PERIOD: _period,
    ChangeEntity.QUOTA_DECISION: _period,  # the period decided for
}


def _domain(entity: ChangeEntity | str, values: Values) -> Any:
    """The record as a domain value, or None when the line does not hold a whole one of this version."""
    make = _DOMAIN.get(entity)
    if make is None or not values:
        return None
    try:
        return make(values)
    except (KeyError, TypeError, ValueError, AttributeError, WardOfficeError):
        return None


def change(line_id: int, at: str, actor: str, action: str, entity_name: str, entity_id: str | None,
           detail: Mapping[str, Any]) -> Change:
    """The typed line of a raw one (the columns of change_log, detail decoded from its JSON)."""
    entity: ChangeEntity | str = _ENTITIES.get(entity_name, entity_name)
    if not isinstance(detail, Mapping):
        detail = {"detail": detail}
    raw_before, raw_after = detail.get("before"), detail.get("after")
    before: Mapping[str, Any] = raw_before if isinstance(raw_before, Mapping) else {}
    after: Mapping[str, Any] = raw_after if isinstance(raw_after, Mapping) else {}
    facts = {key: value for key, value in detail.items()
             if not (key == "after" and after) and key not in _HIDDEN}
    old, new, typed_facts = _values(entity, before), _values(entity, after), _values(entity, facts)
    # A lock or unlock line holds the period beside the state it changed.
    whole = typed_facts if entity is ChangeEntity.PERIOD and ChangeField.KIND in typed_facts else new
    return Change(line_id, datetime.fromisoformat(at), actor, ChangeAction(action), entity, entity_id,
                  old, new, typed_facts,
                  tuple(_FIELDS.get(key, key) for key in detail.get("changed", ()) if isinstance(key, str)),
                  _domain(entity, old), _domain(entity, whole))

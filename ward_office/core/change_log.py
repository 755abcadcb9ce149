"""A change log line as the program understands it: which kind of record, what was done, and the record's
values before and after, typed.

Storage reads the raw lines (it alone knows tables and columns) and gives these; services word them. A line
written by an older or newer program whose kind or field this version does not know keeps that name as
text, so it is still shown rather than lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class ChangeAction(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    LOCK = "lock"
    UNLOCK = "unlock"
    IMPORT = "import"  # many rows written at once, logged as one line


class ChangeEntity(StrEnum):
    """Kinds of record the log tells about, in the order a filter lists them."""

    ATTENDANCE = "attendance"
    EVENT = "event"
    CHECK = "check"
    STAFF = "staff"
    DEPARTMENT = "department"
    UNIT = "unit"
    WORK_SCHEDULE = "work_schedule"
    HOLIDAY = "holiday"
    PLAN = "plan"
    PERIOD = "period"
    PERIOD_REVIEW = "period_review"
    PERIOD_SNAPSHOT = "period_snapshot"
    QUOTA_DECISION = "quota_decision"  # the emulation council's choice among people tied at the quota line
    ATTENDANCE_EXCUSE = "attendance_excuse"  # the head's excuse of a late arrival, early leave or absence
    ENTERED_SCORE = "entered_score"  # the points the head entered for a person, month and entered item
    SATISFACTION_RATING = "satisfaction_rating"  # ratings imported from a counter device or the portal
    SURVEY_TALLY = "survey_tally"  # a person's paper survey counts for a month
    CITIZEN_FEEDBACK = "citizen_feedback"  # a citizen's praise or complaint, received, verified, answered
    PUNCH = "punch"
    CLOCK_MAPPING = "clock_mapping"
    ACCOUNT = "account"
    BOOK_CHECK = "book_check"  # the head's acceptance of a book changed outside the program
    DATABASE = "database"  # the whole book, restored from a backup


class ChangeField(StrEnum):
    """What a value in a line is, whatever record it belongs to."""

    STAFF = "staff"
    DAY = "day"
    SESSION = "session"
    STATUS = "status"
    LATE_MINUTES = "late_minutes"
    EARLY_MINUTES = "early_minutes"
    LEAVE_CODE = "leave_code"
    MISSING_PUNCH = "missing_punch"
    SOURCE = "source"
    NOTE = "note"
    RECORDED_BY = "recorded_by"
    CRITERION = "criterion"
    CHECK = "check"
    CODE = "code"
    FULL_NAME = "full_name"
    GENDER = "gender"
    POSITION = "position"
    CATEGORY = "category"
    DEPARTMENT = "department"
    BADGE_NUMBER = "badge_number"
    CLOCK_ID = "clock_id"
    ACTIVE_FROM = "active_from"
    ACTIVE_TO = "active_to"
    NAME = "name"
    SORT_ORDER = "sort_order"
    DEPARTMENT_ORDER = "department_order"
    STARTED_AT = "started_at"
    FINISHED_AT = "finished_at"
    KIND = "kind"
    CHECKER = "checker"
    LOCATION = "location"
    SEEN = "seen"
    WORK_WEEKDAYS = "work_weekdays"
    GRACE_MINUTES = "grace_minutes"
    SEASONS = "seasons"
    PREFILLED = "prefilled"
    AUTHORITY = "authority"
    ADDRESS = "address"
    PLACE_NAME = "place_name"
    HEAD_TITLE = "head_title"
    HEAD_NAME = "head_name"
    PREPARER_NAME = "preparer_name"
    VERSION = "version"
    EFFECTIVE_FROM = "effective_from"
    START_DAY = "start_day"
    END_DAY = "end_day"
    STATE = "state"
    LOCKED_AT = "locked_at"
    LOCKED_BY = "locked_by"
    REASON = "reason"
    USERNAME = "username"
    ROLE = "role"
    ACTIVE = "active"
    PASSWORD = "password"
    COUNT = "count"
    FIRST_DAY = "first_day"
    LAST_DAY = "last_day"
    SOURCE_FILE = "source_file"
    READ = "read"
    ADDED = "added"
    DEVICES = "devices"
    PERIOD = "period"
    SIZE = "size"
    FORMAT = "format"
    REPLACED = "replaced"
    REMOVED = "removed"
    ROWS = "rows"  # the rows an import wrote
    MIGRATION = "migration"  # a line written by an upgrade of the book, not by a person
    RESTORED_FROM = "restored_from"
    GRADE_CODE = "grade_code"
    PLACES = "places"
    TIED = "tied"
    CHOSEN = "chosen"
    MEETING_DATE = "meeting_date"
    MINUTE_NUMBER = "minute_number"
    POINTS = "points"  # an event's chosen points (a criterion with a range of points)
    TRIGGER = "trigger"  # which occurrence of an attendance record an excuse takes
    WITHDRAWAL_REASON = "withdrawal_reason"
    MONTH = "month"
    ITEM_CODE = "item_code"
    ITEM_NAME = "item_name"
    MAXIMUM = "maximum"
    SELF_POINTS = "self_points"


FieldKey = ChangeField | str  # text: a field this version does not know (an older or newer program's line)
Values = Mapping[FieldKey, Any]


@dataclass(frozen=True, slots=True)
class Change:
    """One line of the change log, typed.

    ``before`` and ``after`` are the record as a domain value (``Attendance``, ``Staff``, ``Event``,
    ``Check``, ``Holiday``, ``Period``…) where the line holds a whole one, else None; ``old`` and ``new`` are
    the same values field by field (days as dates, codes as enums, ids as ints), for every kind of record;
    ``facts`` is what a line holds besides rows (an import's totals, a reason); ``changed`` the fields an
    update changed.
    """

    id: int
    at: datetime
    actor: str
    action: ChangeAction
    entity: ChangeEntity | str
    record_id: str | None
    old: Values = field(default_factory=dict)
    new: Values = field(default_factory=dict)
    facts: Values = field(default_factory=dict)
    changed: tuple[FieldKey, ...] = ()
    before: Any = None
    after: Any = None

    @property
    def values(self) -> Values:
        """The record's values after the change, or before it for a deletion."""
        return self.new or self.old

"""Spot checks (đợt kiểm tra) of badges, attire and conduct, and the events a person is scored on."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction
from typing import NewType

from ward_office.core.errors import WardOfficeError
from ward_office.core.staff import StaffId
from ward_office.core.text_rules import CODE_LIMIT, NAME_LIMIT, NOTE_LIMIT, SHORT_LIMIT, check_day, clean_text
from ward_office.i18n import N_

CheckId = NewType("CheckId", int)
EventId = NewType("EventId", int)


class CheckKind(StrEnum):
    BADGE = "badge"
    ATTIRE = "attire"
    CONDUCT = "conduct"
    GENERAL = "general"


CHECK_KIND_LABELS = {
    CheckKind.BADGE: N_("Badge check"),
    CheckKind.ATTIRE: N_("Attire check"),
    CheckKind.CONDUCT: N_("Conduct check"),
    CheckKind.GENERAL: N_("General check"),
}


@dataclass(frozen=True, slots=True)
class Check:
    """One inspection round: who checked, when, and who was seen. Violations found are Events.

    A round is open while the checker goes round the offices and is finished (``finished_at``) once
    closed; a finished round no longer changes, except that a wrongly recorded violation may be deleted.
    """

    started_at: datetime
    kind: CheckKind
    checker: str
    location: str = ""
    note: str = ""
    seen: frozenset[StaffId] = frozenset()
    id: CheckId | None = None
    finished_at: datetime | None = None

    @property
    def day(self) -> date:
        """The day its violations are recorded on."""
        return self.started_at.date()

    @property
    def is_open(self) -> bool:
        return self.finished_at is None


class CheckFinishedError(WardOfficeError):
    """A change to a finished check round other than deleting one of its violations."""


class EventSource(StrEnum):
    MANUAL = "manual"
    CHECK = "check"
    IMPORT = "import"


@dataclass(frozen=True, slots=True)
class Event:
    """A dated violation or commendation of one person against a criterion of the emulation plan."""

    staff_id: StaffId
    day: date
    criterion_code: str
    note: str = ""
    recorded_by: str = ""
    check_id: CheckId | None = None
    source: EventSource = EventSource.MANUAL
    id: EventId | None = None
    points: Fraction | None = None  # chosen by the recorder, for a criterion with a range of points only


def cleaned_event(event: Event, today: date | None = None) -> Event:
    """The event as kept (core.text_rules), or a ``FieldError`` naming the refused field."""
    check_day(event.day, "day", N_("Date"), today)
    return dataclasses.replace(
        event,
        criterion_code=clean_text(event.criterion_code, "criterion_code", N_("Criterion"), CODE_LIMIT),
        note=clean_text(event.note, "note", N_("Note"), NOTE_LIMIT, multiline=True),
        recorded_by=clean_text(event.recorded_by, "recorded_by", N_("Recorded by"), NAME_LIMIT),
    )


def cleaned_check(check: Check, today: date | None = None) -> Check:
    """The check round as kept (core.text_rules), or a ``FieldError`` naming the refused field."""
    check_day(check.day, "started_at", N_("Date"), today)
    return dataclasses.replace(
        check,
        checker=clean_text(check.checker, "checker", N_("Checker"), NAME_LIMIT),
        location=clean_text(check.location, "location", N_("Place"), SHORT_LIMIT),
        note=clean_text(check.note, "note", N_("Note"), NOTE_LIMIT, multiline=True),
    )

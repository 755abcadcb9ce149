"""Spot checks (đợt kiểm tra) of badges, attire and conduct, and the events a person is scored on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import NewType

from ward_office.core.errors import WardOfficeError
from ward_office.core.staff import StaffId
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

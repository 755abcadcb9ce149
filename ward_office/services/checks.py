"""Check rounds (đợt kiểm tra) as the clerk keeps them: start one, tick who was seen, record violations
against the plan in effect that day, finish it; every step is written at once so nothing is lost.

Violations are events of the round's day with ``source=check``; the scoring engine counts them like any
other event of that day and criterion.

A round agrees with attendance: whoever the attendance record has on leave or absent for the session the
round falls in (morning until the afternoon begins) is away from it. They are listed apart, never ticked by
"tick all", and a violation recorded for them is refused unless the recorder confirms it, since the absence is
already scored and a missing badge of someone not at work would penalise them twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ward_office.core.attendance import Attendance, AttendanceStatus, session_text
from ward_office.core.checks import Check, CheckId, CheckKind, Event, EventId
from ward_office.core.errors import WardOfficeError
from ward_office.core.plan import Criterion, EmulationPlan
from ward_office.core.schedule import Session
from ward_office.core.staff import Staff, StaffId
from ward_office.i18n import N_
from ward_office.i18n.text import fold
from ward_office.services.event_log import CriterionNotInPlanError, NotWorkingThenError
from ward_office.services.ward import Ward


class CheckerMissingError(WardOfficeError):
    """A check round was started without saying who carries it out."""


class AwayFromRoundError(WardOfficeError):
    """A violation for someone the attendance record has on leave or absent in the round's session; recorded
    only once the recorder confirms it."""


# Words (accents and case folded) that name, in a plan's criteria or blocks, what each kind of check
# looks at; plans are data, so a badge check finds its criteria by name, not by code.
_KIND_WORDS = {
    CheckKind.BADGE: ("deo the", "the cong chuc"),
    CheckKind.ATTIRE: ("trang phuc",),
    CheckKind.CONDUCT: ("ung xu",),
    CheckKind.GENERAL: (),
}


@dataclass(frozen=True, slots=True)
class CheckSummary:
    """A check round as the list of rounds shows it."""

    check: Check
    violations: int

    @property
    def seen(self) -> int:
        return len(self.check.seen)


def list_checks(ward: Ward) -> list[CheckSummary]:
    """Every check round, newest first, with how many violations each found."""
    counts = ward.store.checks.violation_counts()
    checks = ward.store.checks.list()
    return [CheckSummary(check, counts.get(check.id, 0) if check.id is not None else 0)
            for check in reversed(checks)]


def open_checks(ward: Ward) -> list[Check]:
    """Rounds started and not finished yet, oldest first."""
    return ward.store.checks.list_open()


def get_check(ward: Ward, check_id: CheckId) -> Check:
    return ward.store.checks.get(check_id)


def start_check(ward: Ward, started_at: datetime, kind: CheckKind, checker: str, location: str = "",
                note: str = "") -> Check:
    if not checker.strip():
        raise CheckerMissingError(N_("Enter who carries out the check"))
    check = Check(started_at.replace(microsecond=0, tzinfo=None), CheckKind(kind), checker.strip(), location.strip(),
                  note.strip())
    return ward.store.checks.start(check, ward.actor)


def set_seen(ward: Ward, check_id: CheckId, staff_ids: Iterable[StaffId], seen: bool = True) -> Check:
    return ward.store.checks.set_seen(check_id, staff_ids, seen, ward.actor)


def check_staff(ward: Ward, check: Check, violations: Iterable[Event] = ()) -> list[Staff]:
    """Who may be seen in a round: those active on its day, and anyone already seen or found in it."""
    involved = set(check.seen) | {event.staff_id for event in violations}
    return [person for person in ward.staff()
            if person.is_active_on(check.day) or person.id in involved]


def round_session(ward: Ward, check: Check) -> Session:
    """The session a round falls in: the morning until the afternoon of that day's hours begins."""
    afternoon = ward.store.schedule.get().season_for(check.day).afternoon.start
    return Session.MORNING if check.started_at.time() < afternoon else Session.AFTERNOON


def away_from_round(ward: Ward, check: Check) -> dict[StaffId, Attendance]:
    """Who the attendance record has on leave or absent without leave in the round's session, with that record."""
    session = round_session(ward, check)
    return {record.staff_id: record for record in ward.store.attendance.for_day(check.day)
            if record.session is session and record.status is not AttendanceStatus.PRESENT}


def tick_all(ward: Ward, check_id: CheckId, staff_ids: Iterable[StaffId]) -> Check:
    """Tick ``staff_ids`` as seen, leaving out whoever is away from the round by the attendance record."""
    check = ward.store.checks.get(check_id)
    away = away_from_round(ward, check)
    wanted = [staff_id for staff_id in staff_ids if staff_id not in away and staff_id not in check.seen]
    return set_seen(ward, check_id, wanted) if wanted else check


def violations(ward: Ward, check_id: CheckId) -> list[Event]:
    """The violations recorded in a round, in the order they were recorded."""
    return ward.store.events.for_check(check_id)


def violation_criteria(plan: EmulationPlan) -> list[Criterion]:
    """The plan's criteria that take points off, block by block in plan order."""
    return [plan.criteria[code] for block in plan.blocks for code in block.criteria
            if code in plan.criteria and plan.criteria[code].points < 0]


def suggested_criterion(plan: EmulationPlan, kind: CheckKind) -> str | None:
    """The criterion a round of ``kind`` most likely records: for a badge check, not wearing the badge."""
    words = _KIND_WORDS[kind]
    if not words:
        return None
    criteria = violation_criteria(plan)
    for criterion in criteria:
        if any(word in fold(criterion.name) for word in words):
            return criterion.code
    for criterion in criteria:
        if any(word in fold(plan.block(criterion.block_code).name) for word in words):
            return criterion.code
    return None


def record_violation(ward: Ward, check_id: CheckId, staff_id: StaffId, criterion_code: str,
                     note: str = "", *, confirmed: bool = False) -> Event:
    """Record a violation found in an open round, on the round's day, against the plan in effect then; for
    someone away from the round (on leave or absent that session) only when ``confirmed``."""
    check = ward.store.checks.open_check(check_id)
    criterion = ward.plan_on(check.day).criteria.get(criterion_code)
    if criterion is None or criterion.points >= 0:
        raise CriterionNotInPlanError(N_("“{code}” is not a violation in the emulation plan in effect on {day}"),
                                      code=criterion_code, day=check.day.strftime("%d/%m/%Y"))
    person = ward.store.staff.get(staff_id)
    if not person.is_active_on(check.day):
        raise NotWorkingThenError(N_("{name} was not working here on {day}"), name=person.full_name,
                                  day=check.day.strftime("%d/%m/%Y"))
    away = away_from_round(ward, check).get(staff_id)
    if away is not None and not confirmed:
        raise AwayFromRoundError(
            N_("The attendance record has {name} as “{state}” on {day} in this session; a violation found in "
               "this check would penalise them on top of that. Record it only if they really were at work."),
            name=person.full_name, state=session_text(away), day=check.day.strftime("%d/%m/%Y"))
    event = Event(staff_id, check.day, criterion_code, note.strip(), recorded_by=check.checker)
    return ward.store.checks.add_violation(check_id, event, ward.actor)


def delete_violation(ward: Ward, check_id: CheckId, event_id: EventId) -> None:
    """Delete a violation recorded by mistake (also in a finished round); the change log keeps it."""
    ward.store.checks.delete_violation(check_id, event_id, ward.actor)


def finish_check(ward: Ward, check_id: CheckId, at: datetime) -> Check:
    """Close an open round; it is finished no earlier than it began."""
    check = ward.store.checks.get(check_id)
    return ward.store.checks.finish(check_id, max(at.replace(microsecond=0, tzinfo=None), check.started_at),
                                    ward.actor)


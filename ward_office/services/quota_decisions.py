"""Ties at the quota line and the emulation council's decision on them (Hội đồng thi đua).

The plan's quota is a maximum: when it leaves k places for more people equal on every key, the program shows
the tie and the head records what the council decided at its meeting, with the minutes' number and the
reason, on the record. A period is not locked (khóa sổ) while such a tie is undecided.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from ward_office.core.access import Permission
from ward_office.core.errors import PeriodLockedError, ReasonMissingError, WardOfficeError
from ward_office.core.period import Period
from ward_office.core.quota import QuotaDecision, QuotaTieState
from ward_office.core.staff import StaffId
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_date, period_label
from ward_office.scoring.quota_text import quota_line_text, tie_state_text, tie_summary
from ward_office.services.ranking import score_records
from ward_office.services.ward import Ward

if TYPE_CHECKING:
    from ward_office.scoring.results import Ranking

__all__ = ["QuotaChoiceError", "QuotaTieMissingError", "QuotaTiePendingError", "decide_quota_tie",
           "quota_line_text", "require_no_pending_tie", "staff_ids_by_code", "tie_state_text", "tie_summary"]


class QuotaTieMissingError(WardOfficeError):
    """There is no tie at the quota line to decide on (none, or another grade)."""


class QuotaChoiceError(WardOfficeError):
    """The council's choice does not fit the tie: someone not tied, or more people than places."""


class QuotaTiePendingError(WardOfficeError):
    """A period cannot be locked while a tie at the quota line waits for the council."""


def staff_ids_by_code(ward: Ward, codes: Sequence[str]) -> list[StaffId]:
    """The ids of the people with these staff codes; an unknown code is refused, naming it."""
    by_code = {person.code.casefold(): person.id for person in ward.staff() if person.id is not None}
    unknown = [code for code in codes if code.casefold() not in by_code]
    if unknown:
        raise QuotaChoiceError(N_("No staff member has the code {code}"), code=unknown[0])
    return [by_code[code.casefold()] for code in codes]


def decide_quota_tie(ward: Ward, period: Period, grade_code: str, chosen: Sequence[StaffId], meeting_date: date,
                     minute_number: str, reason: str, today: date | None = None) -> QuotaDecision:
    """Record the emulation council's decision on the tie at the quota line of ``period``: of the people tied
    now, ``chosen`` (at most the places left, possibly none) keep ``grade_code``. Only the head may."""
    ward.require(Permission.DECIDE_QUOTA_TIE)
    today = today or date.today()
    label = period_label(period)
    if not minute_number.strip():
        raise ReasonMissingError(N_("Give the number of the minutes (biên bản) of the emulation council's meeting"))
    if not reason.strip():
        raise ReasonMissingError(N_("Say why the emulation council chose these people"))
    if meeting_date > today:
        raise QuotaChoiceError(N_("The meeting date {day} is after today"), day=format_date(meeting_date))
    record = ward.store.periods.get(period)
    if record is not None and record.is_locked:
        raise PeriodLockedError(N_("{period} is locked: no decision can be recorded for it. Only the head can unlock "
                                   "it."), period=label)
    tie = score_records(ward.store, period, today).ranking.quota_tie
    if tie is None or tie.grade.code != grade_code:
        raise QuotaTieMissingError(N_("In {period} no people are tied at the quota line for the grade {grade}"),
                                   period=label, grade=grade_code)
    tied = {person.id: person for person in tie.tied}
    outside = [staff_id for staff_id in chosen if staff_id not in tied]
    if outside:
        name = next((person.full_name for person in ward.staff() if person.id == outside[0]), str(outside[0]))
        raise QuotaChoiceError(N_("{name} is not among the people tied at the quota line"), name=name)
    chosen = sorted(set(chosen))
    if len(chosen) > tie.places:
        raise QuotaChoiceError(N_("{count} people chosen, but the quota leaves only {places} places for {grade}"),
                               count=len(chosen), places=tie.places, grade=tie.grade.name)
    decision = QuotaDecision(period, grade_code, tie.places, tie.tied_ids, tuple(chosen), meeting_date,
                             minute_number.strip(), reason.strip(), ward.actor, datetime.now())  # the book sets both
    return ward.store.quota_decisions.add(decision, ward.actor)


def require_no_pending_tie(ranking: Ranking) -> None:
    """Refuse to lock a period whose ranking holds a tie the council has not decided."""
    tie = ranking.quota_tie
    if tie is not None and tie.state is QuotaTieState.PENDING:
        raise QuotaTiePendingError(
            N_("{period} cannot be locked yet: {tie}. The head records the emulation council's decision on the "
               "Ranking page first"), period=period_label(ranking.period), tie=tie_summary(tie))

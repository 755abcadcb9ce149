"""Paper survey tallies entered by hand, and the life of a citizen's praise or complaint: received (by the clerk or
the head), verified or not by the head with a note, answered. Only a verified one can carry points.

Permission checks live here: recording needs ``RECORD``, verifying ``VERIFY_FEEDBACK`` (the head's).
"""

from __future__ import annotations

import dataclasses
from datetime import date

from ward_office.core.access import Permission
from ward_office.core.citizens import (
    CitizenFeedback,
    FeedbackChannel,
    FeedbackKind,
    RatingCounts,
    SurveyTally,
    Verification,
)
from ward_office.core.errors import NotFoundError, WardOfficeError
from ward_office.core.staff import StaffId
from ward_office.core.text_rules import NAME_LIMIT, NOTE_LIMIT, clean_text
from ward_office.i18n import N_
from ward_office.services.ward import Ward


class CitizenFeedbackError(WardOfficeError):
    """A tally, praise or complaint that cannot be recorded as asked; nothing was changed."""


def _person(ward: Ward, staff_id: StaffId) -> None:
    if all(person.id != staff_id for person in ward.store.staff.list()):
        raise NotFoundError(N_("No person has the number {number}"), number=staff_id)


def _may(ward: Ward, permission: Permission) -> None:
    ward.check_writable()
    ward.require(permission, signed_in=True)


# ---- Survey tallies ----

def enter_tally(ward: Ward, staff_id: StaffId, month: date, counts: RatingCounts, note: str = "") -> bool:
    """Enter a person's paper survey counts for a month, replacing any entered before; all zero clears them.
    Returns whether anything changed."""
    _may(ward, Permission.RECORD)
    _person(ward, staff_id)
    if min(counts.very_satisfied, counts.satisfied, counts.not_satisfied) < 0:
        raise CitizenFeedbackError(N_("A survey count cannot be negative"))
    note = clean_text(note, "note", N_("Note"), NOTE_LIMIT)
    return ward.store.citizens.set_tally(SurveyTally(staff_id, month.replace(day=1), counts, note), ward.actor)


def tallies(ward: Ward, month: date) -> list[SurveyTally]:
    """The survey tallies of ``month``, by person."""
    first = month.replace(day=1)
    return ward.store.citizens.tallies(first, first)


# ---- Praise and complaints ----

def receive_feedback(ward: Ward, kind: FeedbackKind, received_on: date, channel: FeedbackChannel, staff_id: StaffId,
                     summary: str, citizen_name: str = "", *, today: date | None = None) -> CitizenFeedback:
    """Record a praise or complaint as received, awaiting the head's verification."""
    _may(ward, Permission.RECORD)
    _person(ward, staff_id)
    if received_on > (today or date.today()):
        raise CitizenFeedbackError(N_("The day received cannot be after today"))
    summary = clean_text(summary, "summary", N_("What was said"), NOTE_LIMIT, multiline=True)
    if not summary:
        raise CitizenFeedbackError(N_("Write what the citizen said"))
    name = clean_text(citizen_name, "citizen_name", N_("Citizen's name"), NAME_LIMIT)
    return ward.store.citizens.add_feedback(
        CitizenFeedback(kind, received_on, channel, staff_id, summary, name), ward.actor)


def verify_feedback(ward: Ward, feedback_id: int, verified: bool, note: str = "", *,
                    today: date | None = None) -> CitizenFeedback:
    """The head's finding: true (``verified``: it may carry points) or not, with a note (required when not). A
    finding may be changed later, until the period is locked."""
    _may(ward, Permission.VERIFY_FEEDBACK)
    feedback = ward.store.citizens.get_feedback(feedback_id)
    note = clean_text(note, "note", N_("Note"), NOTE_LIMIT, multiline=True)
    if not verified and not note:
        raise CitizenFeedbackError(N_("Say why the praise or complaint is not verified"))
    on = today or date.today()
    state = Verification.VERIFIED if verified else Verification.REJECTED
    return ward.store.citizens.update_feedback(dataclasses.replace(
        feedback, verification=state, verification_note=note, verified_by=ward.actor,
        verified_on=max(on, feedback.received_on)), ward.actor)


def answer_feedback(ward: Ward, feedback_id: int, answered_on: date, answer: str = "", *,
                    today: date | None = None) -> CitizenFeedback:
    """Record the day the citizen was answered (and, briefly, what)."""
    _may(ward, Permission.RECORD)
    feedback = ward.store.citizens.get_feedback(feedback_id)
    if answered_on < feedback.received_on or answered_on > (today or date.today()):
        raise CitizenFeedbackError(N_("The day answered must be between the day received and today"))
    answer = clean_text(answer, "answer", N_("Answer"), NOTE_LIMIT, multiline=True)
    return ward.store.citizens.update_feedback(dataclasses.replace(feedback, answered_on=answered_on,
                                                                   answer=answer), ward.actor)


def feedback_list(ward: Ward, start: date | None = None, end: date | None = None, *,
                  open_only: bool = False, staff_id: StaffId | None = None) -> list[CitizenFeedback]:
    """The praise and complaints received from ``start`` to ``end`` (all without them), by day; ``open_only``:
    those awaiting verification or an answer."""
    found = ward.store.citizens.feedback(start, end, staff_id=staff_id)
    return [item for item in found if item.open] if open_only else found

"""Excusing (miễn trừ) a late arrival, an early leave, an absence or a missing punch, with a reason.

Plans say "đi muộn −0,5 mỗi lần (trừ trường hợp có lý do đặc biệt)". Whether a reason is good enough is the
head's decision (Lãnh đạo), on the record: the program never decides it. It keeps the decision, who made it
and when, and scores the occurrence at 0 with its reason shown (``scoring.excused``). An excuse is withdrawn,
never edited or deleted, and withdrawing it needs a reason too; neither is possible on a day of a locked period.
"""

from __future__ import annotations

from datetime import date, datetime

from ward_office.core.access import Permission
from ward_office.core.attendance import AttendanceId
from ward_office.core.errors import NotFoundError, PeriodLockedError, ReasonMissingError, WardOfficeError
from ward_office.core.excuse import Excuse, ExcuseId, occurrence_text, record_triggers
from ward_office.core.plan_terms import AttendanceTrigger
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_date, period_label
from ward_office.services.ward import Ward

__all__ = ["ExcuseError", "excuse_attendance", "excuses_of_day", "withdraw_excuse"]


class ExcuseError(WardOfficeError):
    """The occurrence cannot be excused: the record does not hold it, or it is excused already."""


def _refuse_locked(ward: Ward, excuse: Excuse) -> None:
    locked = ward.store.periods.locked_on(excuse.day)
    if locked is not None:
        raise PeriodLockedError(
            N_("{day} belongs to the locked period “{period}”: its excuses cannot be changed. Only the head "
               "can unlock the period."), day=format_date(excuse.day), period=period_label(locked.period))


def excuse_attendance(ward: Ward, record_id: AttendanceId | int, trigger: AttendanceTrigger | str,
                      reason: str) -> Excuse:
    """Excuse one occurrence (``trigger``) of the attendance record ``record_id`` for ``reason``: it then costs
    nothing and counts toward nothing. Only the head may; one transaction, in the change log."""
    ward.require(Permission.EXCUSE_ATTENDANCE)
    ward.check_writable()
    reason = reason.strip()
    if not reason:
        raise ReasonMissingError(N_("Say why the head excuses it: the reason is kept on the record"))
    record = ward.store.attendance.by_id(AttendanceId(int(record_id)))
    if record is None or record.id is None:
        raise NotFoundError(N_("There is no attendance record no. {id}"), id=record_id)
    trigger = AttendanceTrigger(trigger)
    if trigger not in record_triggers(record):
        raise ExcuseError(N_("{day}: the record holds no “{occurrence}” to excuse"), day=format_date(record.day),
                          occurrence=occurrence_text(trigger, None))
    excuse = Excuse(record.id, record.staff_id, record.day, record.session, trigger, reason, ward.actor,
                    datetime.now())  # the book sets who and when
    _refuse_locked(ward, excuse)
    if any(old.active and old.trigger is trigger
           for old in ward.store.excuses.of_session(record.staff_id, record.day, record.session)):
        raise ExcuseError(N_("{day}: this “{occurrence}” is excused already"), day=format_date(record.day),
                          occurrence=occurrence_text(trigger, None))
    return ward.store.excuses.add(excuse, ward.actor)


def withdraw_excuse(ward: Ward, excuse_id: ExcuseId | int, reason: str) -> Excuse:
    """Take back the excuse ``excuse_id``, saying why: the occurrence costs its points again. Only the head may;
    one transaction, in the change log."""
    ward.require(Permission.EXCUSE_ATTENDANCE)
    ward.check_writable()
    reason = reason.strip()
    if not reason:
        raise ReasonMissingError(N_("Say why the excuse is withdrawn: the reason is kept on the record"))
    excuse = ward.store.excuses.get(ExcuseId(int(excuse_id)))
    if not excuse.active:
        raise ExcuseError(N_("This excuse was withdrawn already"))
    _refuse_locked(ward, excuse)
    return ward.store.excuses.withdraw(ExcuseId(int(excuse_id)), reason, ward.actor)


def excuses_of_day(ward: Ward, day: date) -> list[Excuse]:
    """The excuses in force of ``day``."""
    return ward.store.excuses.in_force(day, day)

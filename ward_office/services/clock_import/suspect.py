"""Punches a clock cannot have made: dated after today, or before the ward's first day. Cheap clocks lose their
date after a power cut and log a whole week in 2031 or 2000, so such punches are shown apart in the preview and
left out of the import unless the clerk includes them.

The ward's first day is the earliest day anyone on the staff list began work here (``Staff.active_from``); a
list without those days bounds nothing but the book's own earliest day (``core.text_rules.EARLIEST_DAY``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time

from ward_office.core.clock import Punch
from ward_office.core.staff import Staff
from ward_office.core.text_rules import EARLIEST_DAY
from ward_office.i18n import _
from ward_office.i18n.formatting import format_date
from ward_office.services.clock_import.summaries import ClockBatch


@dataclass(frozen=True, slots=True)
class SuspectPunches:
    """The punches of a file dated after ``today`` or before ``first_day``, and whether they are imported."""

    punches: tuple[Punch, ...] = ()
    today: date | None = None
    first_day: date = EARLIEST_DAY
    included: bool = False

    def reason(self, punch: Punch) -> str:
        if self.today is not None and punch.at.date() > self.today:
            return _("after today ({today})").format(today=format_date(self.today))
        return _("before the ward's first day ({day})").format(day=format_date(self.first_day))


def ward_first_day(staff: list[Staff]) -> date:
    """The earliest day anyone on the list began work here."""
    return min((person.active_from for person in staff if person.active_from is not None), default=EARLIEST_DAY)


def split_suspect(batch: ClockBatch, staff: list[Staff], today: date,
                  include: bool) -> tuple[ClockBatch, SuspectPunches]:
    """``batch`` without its suspect punches (all of it when ``include``), and the suspect punches."""
    first_day = ward_first_day(staff)
    # Compared as moments, not days: one pass over a million punches without a date made for each.
    earliest, end_of_today = datetime.combine(first_day, time()), datetime.combine(today, time.max)
    kept: list[Punch] = []
    suspect: list[Punch] = []
    for punch in batch.punches:
        (kept if earliest <= punch.at <= end_of_today else suspect).append(punch)
    found = SuspectPunches(tuple(suspect), today, first_day, include)
    if not suspect or include:
        return batch, found
    read = (batch.read or len(batch.punches)) - len(suspect)
    return dataclasses.replace(batch, punches=tuple(kept), read=read), found

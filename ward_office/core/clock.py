"""Punches from fingerprint and card clocks (ZKTeco, Ronald Jack…): what a device logged, kept verbatim.

Attendance per session is derived from punches, so the raw punches are the record; deriving again with
other hours or a corrected leave gives the same answer from the same punches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as datetime_time

from ward_office.core.attendance import Attendance, AttendanceStatus, RecordSource
from ward_office.core.schedule import Season, Session, WorkCalendar
from ward_office.core.staff import StaffId


def normalize_clock_id(text: str) -> str:
    """The person's number on the device as we compare it: spaces and leading zeros dropped
    ("  00012 " → "12"; "0000" → "0"). Letters are kept as typed, upper-cased."""
    cleaned = text.strip().upper()
    if cleaned.isdigit():
        return cleaned.lstrip("0") or "0"
    return cleaned


@dataclass(frozen=True, slots=True)
class Punch:
    """One punch as the clock logged it."""

    clock_id: str  # normalized with normalize_clock_id
    at: datetime  # local wall-clock time, as the device shows it (no time zone)
    device: str = ""  # serial number or name of the device, when the log says
    line: int = 0  # line (or row) of the file it came from, for messages


# ---- Attendance derived from punches ----


REPEAT_WINDOW = timedelta(minutes=3)  # a punch this close after another counts with it, as in the importer's dedupe
# Raise when the rules of derive_attendance change: days an import derived under other rules are derived again.
RULES_VERSION = 1


def lunch_split(season: Season) -> datetime_time:
    """The moment that separates the morning half of a day from the afternoon half: halfway through the
    lunch break (11:30–13:30 → 12:30), so a late lunch punch still counts for the right half."""
    morning_end = season.morning.end.hour * 60 + season.morning.end.minute
    afternoon_start = season.afternoon.start.hour * 60 + season.afternoon.start.minute
    middle = (morning_end + afternoon_start) // 2
    return datetime_time(middle // 60, middle % 60)


def _minutes_between(earlier: datetime, later: datetime) -> int:
    """Whole minutes from ``earlier`` to ``later``; 0 when ``later`` is not after it."""
    return max(0, int((later - earlier).total_seconds()) // 60)


def distinct_times(punches: Iterable[Punch], day: date, repeat_window: timedelta = REPEAT_WINDOW) -> list[datetime]:
    """The times of ``day``'s punches, a punch within ``repeat_window`` (inclusive) of the one kept before it
    dropped (a finger pressed twice, or the same person on two devices)."""
    kept: list[datetime] = []
    for moment in sorted(punch.at.replace(microsecond=0) for punch in punches if punch.at.date() == day):
        if not kept or moment - kept[-1] > repeat_window:
            kept.append(moment)
    return kept


def derive_sessions(staff_id: StaffId, punches: Iterable[Punch], day: date, hours: Season, grace_minutes: int,
                    existing: Iterable[Attendance] = (), *, repeat_window: timedelta = REPEAT_WINDOW,
                    ) -> list[Attendance]:
    """Attendance of one person on one working day, from that day's punches (see ``derive_attendance``)."""
    times = distinct_times(punches, day, repeat_window)
    kept = {record.session for record in existing if record.source is not RecordSource.CLOCK}
    split = datetime.combine(day, lunch_split(hours))
    in_morning = [moment for moment in times if moment < split]
    in_afternoon = times[len(in_morning):]

    def at(clock: datetime_time) -> datetime:
        return datetime.combine(day, clock)

    # Per session: absent?, minutes late, minutes early, missing punch?
    judged: dict[Session, tuple[bool, int, int, bool]] = {}
    if not times:
        judged = {session: (True, 0, 0, False) for session in Session}
    elif len(times) == 1:
        judged = {session: (False, 0, 0, True) for session in Session}
    elif in_morning and in_afternoon:
        judged[Session.MORNING] = (False, _minutes_between(at(hours.morning.start), times[0]), 0, False)
        judged[Session.AFTERNOON] = (False, 0, _minutes_between(times[-1], at(hours.afternoon.end)), False)
    else:
        present = Session.MORNING if in_morning else Session.AFTERNOON
        session_hours = hours.hours(present)
        judged[present] = (False, _minutes_between(at(session_hours.start), times[0]),
                           _minutes_between(times[-1], at(session_hours.end)), False)
        judged[Session.AFTERNOON if in_morning else Session.MORNING] = (True, 0, 0, False)

    note = ", ".join(f"{moment.hour:02d}:{moment.minute:02d}" for moment in times)
    result = []
    for session in Session:
        is_absent, late, early, missing = judged[session]
        if session in kept:
            continue
        if is_absent:
            result.append(Attendance(staff_id, day, session, AttendanceStatus.ABSENT, source=RecordSource.CLOCK))
            continue
        # Within the grace minutes is on time, and on time with both punches needs no record at all.
        late, early = (late if late > grace_minutes else 0), (early if early > grace_minutes else 0)
        if late or early or missing:
            result.append(Attendance(staff_id, day, session, late_minutes=late, early_minutes=early,
                                     missing_punch=missing, source=RecordSource.CLOCK, note=note))
    return result


def derive_attendance(staff_id: StaffId, punches: Iterable[Punch], day: date, calendar: WorkCalendar,
                      existing: Iterable[Attendance] = (), *, repeat_window: timedelta = REPEAT_WINDOW,
                      ) -> list[Attendance]:
    """What the clock says about ``day`` for one person: the records to keep, source CLOCK.

    The hours are those of the day's season in ``calendar.schedule`` and the grace is its
    ``grace_minutes``; nothing here is a constant. Late or early within the grace is on time; beyond it the
    record carries every minute (as a clerk would write it; scoring compares with the same grace).

    - A day off (weekend, holiday, per ``calendar``) derives nothing.
    - Only punches dated ``day`` count; a punch at most ``repeat_window`` after the previous one counts
      with it (pressed twice, or punched on two devices). The day is cut in two halfway through the lunch
      break (``lunch_split``).
    - Punches in both halves: the morning is late by the minutes from its start to the first punch, the
      afternoon early by the minutes from the last punch to its end. Lunch punches are not judged.
    - Two or more punches, all in one half: that session is judged alone (late from its start to the
      first punch, early from the last punch to its end) and the other session is absent without leave.
    - A single punch: both sessions present with ``missing_punch`` and no minutes. One punch cannot say
      whether the person came or left, so the clerk decides rather than the clock marking an absence.
    - No punch at all: both sessions absent without leave.
    - A session present, on time (within the grace) and fully punched gives no record, as everywhere in
      the book ("no record means present and on time").
    - A session that already has a record not derived from the clock (a leave, a manual correction, an
      imported record) derives nothing: people's records win over the clock's.
    The note of a derived record lists the punch times ("07:42, 17:05") for whoever reviews it.
    """
    if not calendar.is_working_day(day):
        return []
    schedule = calendar.schedule
    return derive_sessions(staff_id, punches, day, schedule.season_for(day), schedule.grace_minutes, existing,
                           repeat_window=repeat_window)

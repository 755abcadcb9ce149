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
from ward_office.core.frozen import freeze, writable_twin
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
    return _distinct((punch.at for punch in punches if punch.at.date() == day), repeat_window)


def _distinct(moments: Iterable[datetime], repeat_window: timedelta) -> list[datetime]:
    kept: list[datetime] = []
    for moment in sorted(moments):  # cut to the second after sorting: the same order, a generator fewer per person
        if moment.microsecond:
            moment = moment.replace(microsecond=0)
        if not kept or moment - kept[-1] > repeat_window:
            kept.append(moment)
    return kept


def derive_sessions(staff_id: StaffId, punches: Iterable[Punch], day: date, hours: Season, grace_minutes: int,
                    existing: Iterable[Attendance] = (), *, repeat_window: timedelta = REPEAT_WINDOW,
                    ) -> list[Attendance]:
    """Attendance of one person on one working day, from that day's punches (see ``derive_attendance``)."""
    rules = DayRules.of(day, hours, grace_minutes, repeat_window)
    return rules.derive(staff_id, distinct_times(punches, day, repeat_window),
                        frozenset(record.session for record in existing if record.source is not RecordSource.CLOCK))


_WritableAttendance = writable_twin(Attendance)


def _clock_record(staff_id: StaffId, day: date, session: Session, status: AttendanceStatus, late: int, early: int,
                  missing: bool, note: str) -> Attendance:
    # Built without __init__: a year of a big ward derives a few hundred thousand records, each valid by
    # construction (minutes never negative, no leave).
    record = _WritableAttendance()
    record.staff_id, record.day, record.session, record.status = staff_id, day, session, status
    record.late_minutes, record.early_minutes, record.leave_code, record.missing_punch = late, early, None, missing
    record.source, record.note, record.recorded_by, record.id = RecordSource.CLOCK, note, "", None
    return freeze(record, Attendance)


@dataclass(frozen=True, slots=True)
class DayRules:
    """The moments of one working day that punches are judged against, worked out once for everyone."""

    day: date
    split: datetime  # lunch_split
    morning_start: datetime
    morning_end: datetime
    afternoon_start: datetime
    afternoon_end: datetime
    grace_minutes: int
    repeat_window: timedelta = REPEAT_WINDOW

    @classmethod
    def of(cls, day: date, hours: Season, grace_minutes: int, repeat_window: timedelta = REPEAT_WINDOW) -> DayRules:
        def at(clock: datetime_time) -> datetime:
            return datetime.combine(day, clock)

        return cls(day, at(lunch_split(hours)), at(hours.morning.start), at(hours.morning.end),
                   at(hours.afternoon.start), at(hours.afternoon.end), grace_minutes, repeat_window)

    def distinct(self, moments: Iterable[datetime]) -> list[datetime]:
        """``moments`` (all on the day) to the second, in order, a repeat within the window dropped
        (``distinct_times``)."""
        return _distinct(moments, self.repeat_window)

    def derive(self, staff_id: StaffId, times: list[datetime], kept: frozenset[Session] | set[Session] = frozenset(),
               ) -> list[Attendance]:
        """The clock's records of one person from the day's ``distinct`` times, none for the sessions in
        ``kept`` (their records are a person's)."""
        # Per session: absent?, minutes late, minutes early, missing punch?
        morning: tuple[bool, int, int, bool]
        afternoon: tuple[bool, int, int, bool]
        if not times:
            morning = afternoon = (True, 0, 0, False)
        elif len(times) == 1:
            morning = afternoon = (False, 0, 0, True)
        else:
            split = self.split
            in_morning, in_afternoon = times[0] < split, times[-1] >= split
            if in_morning and in_afternoon:
                morning = (False, _minutes_between(self.morning_start, times[0]), 0, False)
                afternoon = (False, 0, _minutes_between(times[-1], self.afternoon_end), False)
            elif in_morning:
                morning = (False, _minutes_between(self.morning_start, times[0]),
                           _minutes_between(times[-1], self.morning_end), False)
                afternoon = (True, 0, 0, False)
            else:
                afternoon = (False, _minutes_between(self.afternoon_start, times[0]),
                             _minutes_between(times[-1], self.afternoon_end), False)
                morning = (True, 0, 0, False)

        note = ""  # the punch times, written only for a record that shows them
        grace, day = self.grace_minutes, self.day
        result = []
        for session, (is_absent, late, early, missing) in ((Session.MORNING, morning), (Session.AFTERNOON, afternoon)):
            if session in kept:
                continue
            if is_absent:
                result.append(_clock_record(staff_id, day, session, AttendanceStatus.ABSENT, 0, 0, False, ""))
                continue
            # Within the grace minutes is on time, and on time with both punches needs no record at all.
            late, early = (late if late > grace else 0), (early if early > grace else 0)
            if late or early or missing:
                note = note or ", ".join(f"{moment.hour:02d}:{moment.minute:02d}" for moment in times)
                result.append(_clock_record(staff_id, day, session, AttendanceStatus.PRESENT, late, early, missing,
                                            note))
        return result


def day_rules(day: date, calendar: WorkCalendar, repeat_window: timedelta = REPEAT_WINDOW) -> DayRules | None:
    """The rules of ``day`` under ``calendar``, or None on a day off (nothing is derived)."""
    if not calendar.is_working_day(day):
        return None
    schedule = calendar.schedule
    return DayRules.of(day, schedule.season_for(day), schedule.grace_minutes, repeat_window)


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

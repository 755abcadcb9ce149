"""Working hours, working days and holidays: what counts as a session someone should have attended."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from enum import StrEnum

from ward_office.i18n import N_


class Session(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"


SESSION_LABELS = {Session.MORNING: N_("Morning"), Session.AFTERNOON: N_("Afternoon")}


@dataclass(frozen=True, slots=True)
class SessionHours:
    start: time
    end: time


@dataclass(frozen=True, slots=True)
class Season:
    """Hours that apply every year between two month-days, inclusive; may wrap over New Year."""

    name: str
    first_day: tuple[int, int]  # (month, day)
    last_day: tuple[int, int]
    morning: SessionHours
    afternoon: SessionHours

    def covers(self, day: date) -> bool:
        key = (day.month, day.day)
        if self.first_day <= self.last_day:
            return self.first_day <= key <= self.last_day
        return key >= self.first_day or key <= self.last_day

    def hours(self, session: Session) -> SessionHours:
        return self.morning if session is Session.MORNING else self.afternoon


class DayKind(StrEnum):
    HOLIDAY = "holiday"
    WORKING_DAY = "working_day"  # a weekend day worked to make up for a bridged holiday (ngày làm bù)


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    name: str
    kind: DayKind = DayKind.HOLIDAY
    prefilled: bool = False


DEFAULT_SEASONS = (
    Season("Mùa hè", (4, 16), (10, 15), SessionHours(time(7, 0), time(11, 30)),
           SessionHours(time(13, 30), time(17, 0))),
    Season("Mùa đông", (10, 16), (4, 15), SessionHours(time(7, 30), time(12, 0)),
           SessionHours(time(13, 30), time(17, 0))),
)


@dataclass(frozen=True, slots=True)
class WorkSchedule:
    seasons: tuple[Season, ...] = DEFAULT_SEASONS
    work_weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday = 0
    grace_minutes: int = 5

    def season_for(self, day: date) -> Season:
        for season in self.seasons:
            if season.covers(day):
                return season
        return self.seasons[0]


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """A schedule plus the holiday table: answers "was this a working day?"."""

    schedule: WorkSchedule = field(default_factory=WorkSchedule)
    holidays: Mapping[date, Holiday] = field(default_factory=dict)

    def is_working_day(self, day: date) -> bool:
        special = self.holidays.get(day)
        if special is not None:
            return special.kind is DayKind.WORKING_DAY
        return day.weekday() in self.schedule.work_weekdays

    def working_days(self, start: date, end: date) -> Iterator[date]:
        day = start
        while day <= end:
            if self.is_working_day(day):
                yield day
            day += timedelta(days=1)

"""Working hours, working weekdays and the holiday table, and the calendar built from them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from typing import Any

from ward_office.core.change_log import ChangeAction
from ward_office.core.holidays import vietnamese_public_holidays
from ward_office.core.schedule import DayKind, Holiday, Season, SessionHours, WorkCalendar, WorkSchedule
from ward_office.i18n import N_
from ward_office.storage._base import Context, changed
from ward_office.storage.errors import DatabaseError

_SEASON_COLUMNS = ("name", "first_day", "last_day", "morning_start", "morning_end", "afternoon_start",
                   "afternoon_end")
_KINDS = {member.value: member for member in DayKind}


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


def _season_values(season: Season) -> tuple[str, ...]:
    return (season.name, f"{season.first_day[0]:02d}-{season.first_day[1]:02d}",
            f"{season.last_day[0]:02d}-{season.last_day[1]:02d}",
            season.morning.start.strftime("%H:%M"), season.morning.end.strftime("%H:%M"),
            season.afternoon.start.strftime("%H:%M"), season.afternoon.end.strftime("%H:%M"))


def _season(row: tuple[str, ...]) -> Season:
    name, first, last, morning_start, morning_end, afternoon_start, afternoon_end = row
    return Season(name, _month_day(first), _month_day(last),
                  SessionHours(time.fromisoformat(morning_start), time.fromisoformat(morning_end)),
                  SessionHours(time.fromisoformat(afternoon_start), time.fromisoformat(afternoon_end)))


def _schedule_row(schedule: WorkSchedule) -> dict[str, Any]:
    return {
        "work_weekdays": ",".join(str(day) for day in sorted(schedule.work_weekdays)),
        "grace_minutes": schedule.grace_minutes,
        "seasons": [dict(zip(_SEASON_COLUMNS, _season_values(season), strict=True))
                    for season in schedule.seasons],
    }


def _holiday(row: tuple[Any, ...]) -> Holiday:
    day, name, kind, prefilled = row
    return Holiday(date.fromisoformat(day), name, _KINDS[kind], bool(prefilled))


def _holiday_row(holiday: Holiday) -> dict[str, Any]:
    return {"day": holiday.day.isoformat(), "name": holiday.name, "kind": holiday.kind.value,
            "prefilled": int(holiday.prefilled)}


class ScheduleRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    # ---- Hours and weekdays ----

    def get(self) -> WorkSchedule:
        conn = self._context.conn
        weekdays, grace = conn.execute(
            "SELECT work_weekdays, grace_minutes FROM work_schedule WHERE id = 1"
        ).fetchone()
        seasons = tuple(_season(row) for row in conn.execute(
            f"SELECT {', '.join(_SEASON_COLUMNS)} FROM schedule_seasons ORDER BY sort_order"
        ))
        return WorkSchedule(
            seasons=seasons,
            work_weekdays=frozenset(int(day) for day in weekdays.split(",") if day),
            grace_minutes=grace,
        )

    def save(self, schedule: WorkSchedule, actor: str) -> WorkSchedule:
        if not schedule.seasons:
            raise DatabaseError(N_("The working hours need at least one season"))
        after = _schedule_row(schedule)
        with self._context.writing() as conn:
            before = _schedule_row(self.get())
            conn.execute("UPDATE work_schedule SET work_weekdays = ?, grace_minutes = ? WHERE id = 1",
                         (after["work_weekdays"], after["grace_minutes"]))
            conn.execute("DELETE FROM schedule_seasons")
            conn.executemany(
                f"INSERT INTO schedule_seasons (sort_order, {', '.join(_SEASON_COLUMNS)})"
                f" VALUES (?, {', '.join('?' for _ in _SEASON_COLUMNS)})",
                [(order, *_season_values(season)) for order, season in enumerate(schedule.seasons, start=1)],
            )
            self._context.log(actor, ChangeAction.UPDATE, "work_schedule", 1, changed(before, after))
        return schedule

    # ---- Holidays and make-up working days ----

    def holidays(self, year: int | None = None) -> list[Holiday]:
        if year is None:
            return self.holidays_between(date.min, date.max)
        return self.holidays_between(date(year, 1, 1), date(year, 12, 31))

    def holidays_between(self, start: date, end: date) -> list[Holiday]:
        rows = self._context.conn.execute(
            "SELECT day, name, kind, prefilled FROM holidays WHERE day BETWEEN ? AND ? ORDER BY day",
            (start.isoformat(), end.isoformat()),
        )
        return [_holiday(row) for row in rows]

    def add_holiday(self, holiday: Holiday, actor: str) -> Holiday:
        """Add a holiday or working day, replacing what was set for that day before."""
        after = _holiday_row(holiday)
        with self._context.writing() as conn:
            old = conn.execute("SELECT day, name, kind, prefilled FROM holidays WHERE day = ?",
                               (after["day"],)).fetchone()
            conn.execute(
                "INSERT INTO holidays (day, name, kind, prefilled) VALUES (:day, :name, :kind, :prefilled)"
                " ON CONFLICT (day) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
                " prefilled = excluded.prefilled",
                after,
            )
            if old is None:
                self._context.log(actor, ChangeAction.INSERT, "holiday", after["day"], {"after": after})
            else:
                before = _holiday_row(_holiday(old))
                self._context.log(actor, ChangeAction.UPDATE, "holiday", after["day"], changed(before, after))
        return holiday

    def remove_holiday(self, day: date, actor: str) -> bool:
        """Make ``day`` an ordinary day again; False if nothing was set for it."""
        with self._context.writing() as conn:
            old = conn.execute("SELECT day, name, kind, prefilled FROM holidays WHERE day = ?",
                               (day.isoformat(),)).fetchone()
            if old is None:
                return False
            conn.execute("DELETE FROM holidays WHERE day = ?", (day.isoformat(),))
            self._context.log(actor, ChangeAction.DELETE, "holiday", day.isoformat(),
                              {"before": _holiday_row(_holiday(old))})
        return True

    def ensure_holidays(self, year: int, actor: str) -> list[Holiday]:
        """Prefill Vietnam's public holidays of ``year`` unless that year already has any; returns those added."""
        if self.holidays(year):
            return []
        added = vietnamese_public_holidays(year)
        self._add_many(added, actor)
        return added

    def _add_many(self, holidays: Iterable[Holiday], actor: str) -> None:
        rows = [_holiday_row(holiday) for holiday in holidays]
        if not rows:
            return
        with self._context.writing() as conn:
            conn.executemany(
                "INSERT INTO holidays (day, name, kind, prefilled) VALUES (:day, :name, :kind, :prefilled)", rows
            )
            self._context.log(actor, ChangeAction.IMPORT, "holiday", None, {"after": rows})

    def calendar(self, start: date, end: date) -> WorkCalendar:
        """The schedule and the holidays between ``start`` and ``end``, to tell working days apart."""
        holidays = {holiday.day: holiday for holiday in self.holidays_between(start, end)}
        return WorkCalendar(self.get(), holidays)


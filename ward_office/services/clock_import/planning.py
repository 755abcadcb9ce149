"""How a clock file becomes attendance: the punches not stored yet, the days to judge again, and per person
and session what the clock says against what is recorded; then all of it written in one transaction.

These take an open ``Store``; the use cases in ``clock_import`` give them the ward's.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ward_office.core.attendance import Attendance, RecordSource
from ward_office.core.clock import RULES_VERSION, Punch, day_rules, normalize_clock_id
from ward_office.core.errors import PeriodLockedError
from ward_office.core.holidays import vietnamese_public_holidays
from ward_office.core.schedule import Session, WorkCalendar
from ward_office.core.staff import Staff, StaffId
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_date
from ward_office.services.clock_import.summaries import (
    MAX_LINES_SHOWN,
    ClockBatch,
    ClockIdError,
    ClockImportSummary,
    ClockPreview,
    LinkSummary,
    SessionChange,
    UnknownClockId,
)
from ward_office.services.clock_import.suspect import split_suspect
from ward_office.storage import Store
from ward_office.storage.punches import StoredKey, digest, stored_key


@dataclass(slots=True)
class ImportPlan:
    preview: ClockPreview
    new_punches: list[Punch]
    years_without_holidays: tuple[int, ...]
    judged: Mapping[date, str] = field(default_factory=dict)  # inputs of each day derived (``_day_inputs``)

    @property
    def writes(self) -> bool:
        return bool(self.new_punches or self.preview.changes or self.years_without_holidays or self.judged)

    def take_new_punches(self) -> list[Punch]:
        """The new punches, handed over once, so a year of them is let go as soon as it is written."""
        taken, self.new_punches = self.new_punches, []
        return taken


def preview_batch(store: Store, batch: ClockBatch, *, now: datetime | None = None,
                  include_suspect: bool = False) -> ClockPreview:
    return plan_batch(store, batch, now or datetime.now(), include_suspect=include_suspect).preview


def import_batch(store: Store, batch: ClockBatch, actor: str, *, now: datetime | None = None,
                 include_suspect: bool = False) -> ClockImportSummary:
    """Write the punches, then the derived attendance, in one transaction; a locked day stops everything."""
    return write_plan(store, plan_batch(store, batch, now or datetime.now(), include_suspect=include_suspect), actor)


def write_plan(store: Store, plan: ImportPlan, actor: str, *,
               file_read: tuple[str, Mapping[str, Any]] | None = None) -> ClockImportSummary:
    """Write ``plan``; ``file_read`` is what reading the file gave, remembered with its punches (``remembered``)."""
    with store.atomic():
        for year in plan.years_without_holidays:
            store.schedule.ensure_holidays(year, actor)
        added = store.punches.add_many(plan.take_new_punches(), Path(plan.preview.file).name, actor,
                                       file_read=file_read)
        changes = plan.preview.changes
        changed = store.attendance.apply_clock([change.after for change in changes if change.after is not None],
                                               [change.before for change in changes
                                                if change.after is None and change.before is not None], actor,
                                               judged=plan.judged)
    return ClockImportSummary(plan.preview, added, changed)


def link_in_store(store: Store, clock_id: str, staff_id: StaffId, actor: str, *,
                  now: datetime | None = None) -> LinkSummary:
    clock_id = normalize_clock_id(clock_id)
    if not clock_id:
        raise ClockIdError(N_("The clock id is empty"))
    person = store.staff.get(staff_id)
    owner = staff_by_clock_id(store.staff.list()).get(clock_id)
    if owner is not None and owner.id != person.id:
        raise ClockIdError(N_("The clock id “{clock_id}” already belongs to {name}"), clock_id=clock_id,
                           name=owner.full_name)
    if person.clock_id and normalize_clock_id(person.clock_id) != clock_id:
        raise ClockIdError(N_("{name} already has the clock id “{clock_id}”; change it in the staff list"),
                           name=person.full_name, clock_id=person.clock_id)
    days = store.punches.days_with_punches(clock_id=clock_id)
    locked = tuple(day for day in days if store.periods.is_locked(day))
    moment = now or datetime.now()
    with store.atomic():
        if person.clock_id != clock_id:
            person = store.staff.update(dataclasses.replace(person, clock_id=clock_id), actor)
        changes: list[SessionChange] = []
        if days:
            calendar, missing_years = _calendar(store, days[0], days[-1])
            for year in missing_years:
                store.schedule.ensure_holidays(year, actor)
            judged = [day for day in days if day not in locked and _day_over(day, calendar, moment)]
            punches = [punch for punch in store.punches.between(days[0], days[-1], clock_id)]
            changes, _kept = _derive_changes(store, judged, punches, [person], calendar)
            store.attendance.apply_clock([change.after for change in changes if change.after is not None],
                                         [change.before for change in changes
                                          if change.after is None and change.before is not None], actor)
    return LinkSummary(clock_id, person, len(days) - len(locked), tuple(changes), locked)

def plan_batch(store: Store, batch: ClockBatch, now: datetime, *, include_suspect: bool = False) -> ImportPlan:
    """What importing ``batch`` does; punches dated after today or before the ward's first day are left out
    unless ``include_suspect`` (clock_import.suspect), and told in the preview either way."""
    batch, suspect = split_suspect(batch, store.staff.list(), now.date(), include_suspect)
    plan = _plan_batch(store, batch, now)
    plan.preview = dataclasses.replace(plan.preview, suspect=suspect.punches, suspect_included=suspect.included,
                                       suspect_reasons=tuple(map(suspect.reason, suspect.punches)))
    return plan


def _plan_batch(store: Store, batch: ClockBatch, now: datetime) -> ImportPlan:
    """What importing ``batch`` does, worked out a month at a time: only one month's stored punches and
    attendance are held at once, whatever the length of the file."""
    punches = batch.punches
    by_day: dict[date, list[Punch]] = {}
    for punch in punches:
        by_day.setdefault(punch.at.date(), []).append(punch)
    days = sorted(by_day)
    read = batch.read or len(punches)
    if not days:
        preview = ClockPreview(batch.file, batch.encoding, batch.devices, read, read - len(punches), 0, 0, (),
                               batch.problems, (), ())
        return ImportPlan(preview, [], ())
    by_clock_id = staff_by_clock_id(store.staff.list())
    month, missing_years = _work_months(store, days, by_day, now, by_clock_id)
    preview = ClockPreview(batch.file, batch.encoding, batch.devices, read, read - len(punches),
                           len(month.new_punches), len(punches) - len(month.new_punches),
                           _unknown_ids(punches, by_clock_id), batch.problems, tuple(days), tuple(month.changes),
                           tuple(month.not_judged), month.kept)
    return ImportPlan(preview, month.new_punches, missing_years, month.judged)


def plan_stored(store: Store, read: ClockPreview, now: datetime) -> ImportPlan:
    """What importing a file all of whose punches are stored already does: ``read`` is what reading it gave
    (counts, unknown clock ids, lines skipped, the days it covers); those days are judged again as any import
    judges them, from the punches stored."""
    days = sorted(read.days)
    by_day: dict[date, list[Punch]] = {day: [] for day in days}
    month, missing_years = _work_months(store, days, by_day, now, staff_by_clock_id(store.staff.list()))
    preview = dataclasses.replace(read, changes=tuple(month.changes), not_judged=tuple(month.not_judged),
                                  manual_kept=month.kept)
    return ImportPlan(preview, [], missing_years, month.judged)


def _work_months(store: Store, days: list[date], by_day: Mapping[date, list[Punch]], now: datetime,
                 by_clock_id: Mapping[str, Staff]) -> tuple[_MonthWork, tuple[int, ...]]:
    calendar, missing_years = _calendar(store, days[0], days[-1])
    month = _MonthWork(store, calendar, now, by_clock_id, {day for day in days if store.periods.is_locked(day)})
    for month_days in _months(days):
        month.plan(month_days, by_day)
    return month, missing_years


def _unknown_ids(punches: Iterable[Punch], by_clock_id: Mapping[str, Staff]) -> tuple[UnknownClockId, ...]:
    """The clock ids of nobody, with how many punches and the first lines of the file that have them."""
    unknown_lines: dict[str, list[int]] = defaultdict(list)
    unknown_counts: Counter[str] = Counter()
    for punch in punches:
        if punch.clock_id not in by_clock_id:
            unknown_counts[punch.clock_id] += 1
            if len(unknown_lines[punch.clock_id]) < MAX_LINES_SHOWN and punch.line:
                unknown_lines[punch.clock_id].append(punch.line)
    return tuple(UnknownClockId(clock_id, count, tuple(unknown_lines[clock_id]))
                 for clock_id, count in sorted(unknown_counts.items()))


@dataclass(slots=True)
class _MonthWork:
    """The plan of an import gathered month by month: what each month adds, changes and leaves unjudged."""

    store: Store
    calendar: WorkCalendar
    now: datetime
    by_clock_id: Mapping[str, Staff]
    locked: set[date]
    new_punches: list[Punch] = field(default_factory=list)
    changes: list[SessionChange] = field(default_factory=list)
    kept: int = 0
    judged: dict[date, str] = field(default_factory=dict)
    not_judged: list[date] = field(default_factory=list)

    def plan(self, month_days: list[date], by_day: Mapping[date, list[Punch]]) -> None:
        store = self.store
        first, last = month_days[0], month_days[-1]
        stored = store.punches.stored_keys(first, last) if any(by_day[day] for day in month_days) else set()
        counts = store.punches.count_by_day(first, last)
        fresh: dict[date, list[Punch]] = {}
        for day in month_days:
            fresh[day] = _not_stored(by_day[day], stored)
            if fresh[day] and day in self.locked:
                raise PeriodLockedError(
                    N_("The file has new punches on {day}, which belongs to a locked period; nothing was imported. "
                       "Unlock the period or remove those days from the file."), day=format_date(day))
            self.new_punches += fresh[day]
            counts[day] = counts.get(day, 0) + len(fresh[day])
        del stored
        to_derive = self._to_derive(month_days, counts)
        if to_derive:
            month_punches = store.punches.between(to_derive[0], to_derive[-1])
            for day in to_derive:
                month_punches += fresh[day]
            month_changes, month_kept = _derive_changes(store, to_derive, month_punches,
                                                        list(self.by_clock_id.values()), self.calendar)
            self.changes += month_changes
            self.kept += month_kept

    def _to_derive(self, month_days: list[date], counts: Mapping[date, int]) -> list[date]:
        """The days of the month to derive again: over, not locked, and with inputs changed since last time."""
        remembered = self.store.punches.judged_days(month_days[0], month_days[-1])
        to_derive = []
        for day in month_days:
            if day in self.locked or not _day_over(day, self.calendar, self.now):
                self.not_judged.append(day)
                continue
            linked = _linked_on(day, self.by_clock_id)
            inputs = _day_inputs(day, self.calendar, linked, counts[day])
            before = remembered.get(day)
            if before is not None and before.unchanged(inputs):
                active = {staff_id for staff_id, _clock_id in linked}
                self.kept += sum(1 for staff_id in before.hand_entered if staff_id in active)
                continue
            self.judged[day] = inputs
            to_derive.append(day)
        return to_derive


def _months(days: Sequence[date]) -> Iterator[list[date]]:
    """``days`` (in order) cut into months."""
    month: list[date] = []
    for day in days:
        if month and (day.year, day.month) != (month[0].year, month[0].month):
            yield month
            month = []
        month.append(day)
    if month:
        yield month


def _not_stored(punches: Iterable[Punch], stored: set[StoredKey]) -> list[Punch]:
    """The punches whose key is not stored yet, the first of each key only."""
    fresh: list[Punch] = []
    if not stored:  # nothing stored that month (a first import): only repeats within the file to drop
        seen_here: set[tuple[str, datetime, str]] = set()
        for punch in punches:
            at = punch.at
            same = (punch.clock_id, at.replace(microsecond=0) if at.microsecond else at, punch.device)
            if same not in seen_here:
                seen_here.add(same)
                fresh.append(punch)
        return fresh
    seen: set[StoredKey] = set()
    for punch in punches:
        key = stored_key(punch)
        if key not in stored and key not in seen:
            seen.add(key)
            fresh.append(punch)
    return fresh


def _linked_on(day: date, by_clock_id: Mapping[str, Staff]) -> tuple[tuple[StaffId, str], ...]:
    """Who is judged on ``day``: each active person with a clock id, as (id, normalized clock id)."""
    return tuple(sorted((person.id, clock_id) for clock_id, person in by_clock_id.items()
                        if person.id is not None and person.is_active_on(day)))


def _day_inputs(day: date, calendar: WorkCalendar, linked: tuple[tuple[StaffId, str], ...], punches: int) -> str:
    """A digest of everything but the attendance that deriving ``day`` reads, so that an import need not derive a
    day again when nothing it depends on has changed since the last import derived it.

    The day is derived again when any of these differs: the rules (``RULES_VERSION``); whether it is a working
    day (weekdays, holidays, make-up days); the season's hours and the grace minutes; who is linked to a clock
    id and active that day (a person's clock id, active range, or a new person); the number of punches stored
    that day (punches are only ever added, so the same number is the same punches). The day's attendance is
    compared too (``punches.JudgedDay``): a record entered, changed or removed by hand since, even one the clock
    would not touch, has the day derived again. A day not judged at the last import (not over yet, or locked)
    was not remembered, so it is derived as soon as it is judged.
    """
    schedule = calendar.schedule
    season = schedule.season_for(day)
    text = repr((RULES_VERSION, calendar.is_working_day(day), season.morning, season.afternoon,
                 schedule.grace_minutes, linked, punches))
    return digest(text)


def staff_by_clock_id(staff: Iterable[Staff]) -> dict[str, Staff]:
    return {normalize_clock_id(person.clock_id): person for person in staff if person.clock_id.strip()}


def _calendar(store: Store, first: date, last: date) -> tuple[WorkCalendar, tuple[int, ...]]:
    """The calendar of the days, counting the public holidays of a year the book has not prefilled yet
    (the import prefills them); and those years."""
    calendar = store.schedule.calendar(first, last)
    missing = tuple(year for year in range(first.year, last.year + 1) if not store.schedule.holidays(year))
    if not missing:
        return calendar, ()
    holidays = dict(calendar.holidays)
    for year in missing:
        holidays.update({holiday.day: holiday for holiday in vietnamese_public_holidays(year)})
    return WorkCalendar(calendar.schedule, holidays), missing


def _day_over(day: date, calendar: WorkCalendar, now: datetime) -> bool:
    """A day is judged once its afternoon session has ended: a log exported at ten in the morning must not
    mark everyone who has not come yet as absent."""
    end = calendar.schedule.season_for(day).afternoon.end
    return datetime.combine(day, end) <= now


def _derive_changes(store: Store, days: Sequence[date], punches: Iterable[Punch], people: Sequence[Staff],
                    calendar: WorkCalendar) -> tuple[list[SessionChange], int]:
    """Per day, person and session, what the clock says now against what is recorded; and how many
    sessions keep a person's record that differs from the clock's."""
    if not days:
        return [], 0
    moments: dict[date, dict[str, list[datetime]]] = defaultdict(lambda: defaultdict(list))
    for punch in punches:
        at = punch.at
        moments[at.date()][punch.clock_id].append(at)
    recorded: dict[tuple[StaffId, date], dict[Session, Attendance]] = defaultdict(dict)
    for record in store.attendance.between(min(days), max(days)):
        recorded[(record.staff_id, record.day)].setdefault(record.session, record)
    linked = [(person, normalize_clock_id(person.clock_id)) for person in people if person.id is not None]

    changes: list[SessionChange] = []
    kept = 0
    for day in days:
        rules = day_rules(day, calendar)
        day_moments = moments.get(day, {})
        for person, clock_id in linked:
            if not person.is_active_on(day):
                continue
            assert person.id is not None
            existing = recorded.get((person.id, day))
            if existing is None:  # nothing recorded (most of a first import): every record derived is a change
                if rules is not None:
                    changes += [SessionChange(person, day, record.session, None, record) for record in rules.derive(
                        person.id, rules.distinct(day_moments.get(clock_id, ())))]
                continue
            hand = frozenset(session for session, record in existing.items() if record.source is not RecordSource.CLOCK)
            derived = {} if rules is None else {record.session: record for record in rules.derive(
                person.id, rules.distinct(day_moments.get(clock_id, ())), hand)}
            for session in _SESSIONS:
                old = existing.get(session)
                new = derived.get(session)
                if old is not None and old.source is not RecordSource.CLOCK:
                    kept += 1
                    continue
                if _same(old, new):
                    continue
                changes.append(SessionChange(person, day, session, old, new))
    return changes, kept


_SESSIONS = tuple(Session)


def _same(old: Attendance | None, new: Attendance | None) -> bool:
    if old is None or new is None:
        return old is new
    return (old.status, old.late_minutes, old.early_minutes, old.leave_code, old.missing_punch, old.source,
            old.note) == (new.status, new.late_minutes, new.early_minutes, new.leave_code, new.missing_punch,
                          new.source, new.note)

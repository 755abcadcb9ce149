"""Bringing a fingerprint clock's log in: keep the raw punches, derive attendance per session from them.

A preview says what an import would do (punches new or already stored, unknown clock ids, lines skipped,
the sessions that would change) without writing; the import then writes the punches and the derived
attendance in one transaction, all or nothing. Records entered by a person (manual or imported) always
win over the clock's; an earlier clock-derived record is replaced. The derivation rules are
``ward_office.core.clock.derive_attendance``.

Clock ids are linked to people through ``staff.clock_id``: one place to look, already shown and edited
in the staff list, already unique. Punches of an unknown id are still stored, so linking the id later
(``link_clock_id``) derives the attendance from the punches already kept.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ward_office.core.access import Account, Permission
from ward_office.core.attendance import Attendance, RecordSource, session_text
from ward_office.core.clock import RULES_VERSION, Punch, derive_attendance, normalize_clock_id
from ward_office.core.errors import InputFileError, InputProblem, NotFoundError, PeriodLockedError, WardOfficeError
from ward_office.core.holidays import vietnamese_public_holidays
from ward_office.core.schedule import SESSION_LABELS, Session, WorkCalendar
from ward_office.core.staff import Staff, StaffId
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date
from ward_office.i18n.text import fold
from ward_office.services.book_space import check_book_writable
from ward_office.services.records import backup_before_import, current_actor
from ward_office.storage import Store
from ward_office.storage.punches import StoredKey, digest, stored_key


class ColumnMappingError(WardOfficeError):
    """The clock file's column mapping cannot be used or saved as given."""


class ClockIdError(WardOfficeError):
    """A clock id is empty or already belongs to someone else."""


if TYPE_CHECKING:
    from ward_office.importers.clock_logs import ColumnMapping

MAX_LINES_SHOWN = 10  # lines listed per unknown clock id; the count says how many there are
MAX_CHANGES_SHOWN = 40  # session changes spelled out in the text summary


@dataclass(frozen=True, slots=True)
class ClockBatch:
    """What was read from one clock file, whatever its format."""

    file: str
    punches: tuple[Punch, ...]
    problems: tuple[InputProblem, ...] = ()
    encoding: str = ""
    devices: tuple[str, ...] = ()
    read: int = 0  # punches read before repeated ones were dropped; 0 means len(punches)


@dataclass(frozen=True, slots=True)
class UnknownClockId:
    clock_id: str
    count: int
    lines: tuple[int, ...]  # the first MAX_LINES_SHOWN lines of the file with this id


@dataclass(frozen=True, slots=True)
class SessionChange:
    staff: Staff
    day: date
    session: Session
    before: Attendance | None
    after: Attendance | None


@dataclass(frozen=True, slots=True)
class ClockPreview:
    file: str
    encoding: str
    devices: tuple[str, ...]
    read: int
    duplicates: int
    new: int
    already_stored: int
    unknown: tuple[UnknownClockId, ...]
    problems: tuple[InputProblem, ...]
    days: tuple[date, ...]  # days with a punch in the file
    changes: tuple[SessionChange, ...]
    not_judged: tuple[date, ...] = ()  # days still under way, or locked with nothing new: no attendance derived
    manual_kept: int = 0  # sessions where a person's record wins over what the clock says

    @property
    def added(self) -> int:
        return sum(1 for change in self.changes if change.before is None)

    @property
    def replaced(self) -> int:
        return sum(1 for change in self.changes if change.before is not None and change.after is not None)

    @property
    def removed(self) -> int:
        return sum(1 for change in self.changes if change.after is None)

    def localized(self) -> str:
        lines = [_("{file}: {read} punches read, {duplicates} repeated punches dropped, {new} new, {stored} "
                   "already stored.").format(file=self.file, read=self.read, duplicates=self.duplicates,
                                             new=self.new, stored=self.already_stored)]
        if self.days:
            lines.append(_("Days covered: {first} to {last} ({count} days).").format(
                first=format_date(self.days[0]), last=format_date(self.days[-1]), count=len(self.days)))
        if self.problems:
            lines.append(_("Lines skipped: {count}").format(count=len(self.problems)))
            lines += [_("  line {line}: {problem}").format(line=problem.line, problem=problem.localized())
                      for problem in self.problems[:MAX_CHANGES_SHOWN]]
        if self.unknown:
            lines.append(_("Clock ids of no staff member (punches kept, no attendance derived):"))
            lines += [_("  {clock_id}: {count} punches, lines {lines}").format(
                clock_id=unknown.clock_id, count=unknown.count, lines=", ".join(map(str, unknown.lines)))
                for unknown in self.unknown]
        lines.append(_("Attendance: {added} sessions to add, {replaced} to replace, {removed} to remove; "
                       "{kept} kept as entered by hand.").format(
            added=self.added, replaced=self.replaced, removed=self.removed, kept=self.manual_kept))
        lines += [f"  {describe_change(change)}" for change in self.changes[:MAX_CHANGES_SHOWN]]
        if len(self.changes) > MAX_CHANGES_SHOWN:
            lines.append(_("  … and {count} more").format(count=len(self.changes) - MAX_CHANGES_SHOWN))
        if self.not_judged:
            lines.append(_("Days not judged yet (still under way or locked): {days}").format(
                days=", ".join(format_date(day) for day in self.not_judged)))
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class ClockImportSummary:
    preview: ClockPreview
    punches_added: int
    sessions_changed: int
    dry_run: bool = False

    def localized(self) -> str:
        text = self.preview.localized()
        if self.dry_run:
            return text + "\n" + _("Nothing was written (trial run).")
        return text + "\n" + _("Written: {punches} punches, {sessions} attendance sessions.").format(
            punches=self.punches_added, sessions=self.sessions_changed)


@dataclass(frozen=True, slots=True)
class LinkSummary:
    clock_id: str
    staff: Staff
    days: int
    changes: tuple[SessionChange, ...] = field(default=())
    locked_days: tuple[date, ...] = ()

    def localized(self) -> str:
        text = _("Clock id {clock_id} now belongs to {name}: {days} days of punches judged, {count} attendance "
                 "sessions changed.").format(clock_id=self.clock_id, name=self.staff.full_name, days=self.days,
                                              count=len(self.changes))
        if self.locked_days:
            text += "\n" + _("Days of locked periods left as they were: {days}").format(
                days=", ".join(format_date(day) for day in self.locked_days))
        return text


def describe(record: Attendance | None) -> str:
    """A session in the grid's words (core.attendance.session_text): "Đi muộn 12 phút, về sớm 5 phút"…"""
    return session_text(record)


def describe_change(change: SessionChange) -> str:
    return _("{day} {session}, {name}: {before} → {after}").format(
        day=format_date(change.day), session=_(SESSION_LABELS[change.session]).lower(), name=change.staff.full_name,
        before=describe(change.before), after=describe(change.after))


# ---- Use cases on a database file ----


def preview_clock_import(db_path: Path, file: Path, mapping_name: str | None = None, *,
                         mapping: ColumnMapping | None = None, now: datetime | None = None) -> ClockPreview:
    """What importing ``file`` would do; writes nothing. ``mapping`` (a mapping not saved yet) wins over
    ``mapping_name``."""
    with _open(db_path, read_only=True) as store:
        return preview_batch(store, read_batch(store, file, mapping_name, mapping=mapping), now=now)


def import_clock(db_path: Path, file: Path, mapping_name: str | None = None, dry_run: bool = False, *,
                 mapping: ColumnMapping | None = None, save_mapping_as: str = "", actor: str | None = None,
                 now: datetime | None = None, account: Account | None = None) -> ClockImportSummary:
    """Store the file's punches and the attendance derived from them, all or nothing; with
    ``save_mapping_as`` the mapping the file was read with is remembered under that name in the same
    transaction. In a book with accounts only a signed-in ``account`` that may record writes."""
    if not dry_run:
        check_book_writable(Path(db_path))
    with _open(db_path, read_only=dry_run) as store:
        actor = (actor or current_actor()) if dry_run else _signed(store, db_path, account, actor)
        batch = read_batch(store, file, mapping_name, mapping=mapping)
        if dry_run:
            return ClockImportSummary(preview_batch(store, batch, now=now), 0, 0, dry_run=True)
        if save_mapping_as.strip() and mapping is None:
            raise ColumnMappingError(N_("Only a column mapping chosen for this file can be saved"))
        plan = _plan(store, batch, now or datetime.now())
        del batch  # the plan keeps what is written; a year of punches read is let go once written
        if plan.writes or save_mapping_as.strip():
            backup_before_import(db_path)  # a file that adds and changes nothing writes nothing: no backup needed
        if not save_mapping_as.strip():
            return _write(store, plan, actor)
        assert mapping is not None
        with store.atomic():
            summary = _write(store, plan, actor)
            store.punches.save_mapping(save_mapping_as.strip(), _named(mapping, save_mapping_as).to_dict(), actor)
        return summary


def link_clock_id(db_path: Path, clock_id: str, staff_id: StaffId, *, actor: str | None = None,
                  now: datetime | None = None, account: Account | None = None) -> LinkSummary:
    """Give ``clock_id`` to a person who has none, and derive their attendance from the punches kept."""
    with _open(db_path) as store:
        return link_in_store(store, clock_id, staff_id, _signed(store, db_path, account, actor), now=now)


def save_clock_mapping(db_path: Path, name: str, mapping: Any, *, actor: str | None = None,
                       account: Account | None = None) -> None:
    """Remember a CSV/XLSX column mapping (an ``importers.clock_logs.ColumnMapping``) under ``name``."""
    if not name.strip():
        raise ColumnMappingError(N_("The column mapping needs a name"))
    with _open(db_path) as store:
        store.punches.save_mapping(name.strip(), _named(mapping, name).to_dict(),
                                   _signed(store, db_path, account, actor))


def _signed(store: Store, db_path: Path, account: Account | None, actor: str | None) -> str:
    """Whom a write is logged under, refused unless the book can be written and, in a book with accounts,
    ``account`` may record (``services.accounts.signed_actor``)."""
    from ward_office.services.accounts import signed_actor

    check_book_writable(Path(db_path))
    return signed_actor(store, account, Permission.RECORD, actor or current_actor())


def _named(mapping: Any, name: str) -> Any:
    return mapping if mapping.name == name.strip() else dataclasses.replace(mapping, name=name.strip())


@dataclass(frozen=True, slots=True)
class ClockFileLayout:
    """What a clock file looks like before its punches are read: a log whose lines say who and when
    (attlog, ADMS), or a table whose columns the user maps, with the header row found, the mapping guessed
    from usual header names, and the saved mapping whose columns the file has (the one used for this
    source last time)."""

    file: str
    format: str  # importers.clock_logs ATTLOG, ADMS or TABLE
    headers: tuple[str, ...] = ()
    guessed: ColumnMapping | None = None
    saved: tuple[ColumnMapping, ...] = ()  # every saved mapping, by name
    remembered: ColumnMapping | None = None
    sample: tuple[tuple[str, ...], ...] = ()  # the first rows under the header, as text

    @property
    def needs_mapping(self) -> bool:
        return bool(self.headers)


def inspect_clock_file(db_path: Path, file: Path) -> ClockFileLayout:
    """How ``file`` is laid out, for choosing its column mapping; a file that is no clock log and no table
    at all raises ``InputFileError``."""
    from ward_office.importers import clock_logs

    with _open(db_path, read_only=True) as store:
        saved = []
        for name in store.punches.mapping_names():
            try:
                saved.append(_named(clock_logs.ColumnMapping.from_dict(store.punches.get_mapping(name) or {}), name))
            except ValueError:  # a mapping saved by a newer version: not offered
                continue
    refused: InputFileError | None = None
    try:
        clock_file = clock_logs.read_clock_file(Path(file))
    except InputFileError as error:
        refused = error
    else:
        if clock_file.format != clock_logs.TABLE:
            return ClockFileLayout(str(file), clock_file.format, saved=tuple(saved))
    headers, sample = _header_row(Path(file), saved)
    if not headers:
        raise refused or InputFileError(str(file), [InputProblem(0, "", N_(
            "no header row found; the first rows of the table must name its columns"))])
    folded = {fold(header) for header in headers}
    remembered = next((mapping for mapping in saved
                       if all(fold(header) in folded for header in mapping.headers())), None)
    return ClockFileLayout(str(file), clock_logs.TABLE, headers, clock_logs.guess_mapping(headers), tuple(saved),
                           remembered, sample)


SAMPLE_ROWS = 5


def _header_row(file: Path, saved: Sequence[ColumnMapping]) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The header row of a CSV or XLSX table: a row a saved mapping or the usual header names fit, else the
    row with the most text cells among the first rows of the first table; and the first rows below it."""
    from ward_office.importers import clock_logs
    from ward_office.importers.csv_files import split_csv
    from ward_office.importers.spreadsheets import cell_text, workbook_sheets
    from ward_office.importers.text_files import decode_text, read_bytes

    data = read_bytes(file)
    # The reader's own walk over sheets and separators, so the row found is the one it will read.
    if data.startswith(b"PK\x03\x04"):
        tables: Iterable[Sequence[tuple[int, Sequence[object]]]] = workbook_sheets(file, data)
    else:
        tables = split_csv(decode_text(data, str(file)).text, str(file))
    def text_cells(values: Sequence[object]) -> tuple[str, ...]:
        cells = tuple(cell_text(value) for value in values)
        while cells and not cells[-1]:
            cells = cells[:-1]
        return cells

    def below(rows: Sequence[tuple[int, Sequence[object]]], position: int) -> tuple[tuple[str, ...], ...]:
        found = (text_cells(values) for _line, values in rows[position + 1:])
        return tuple(cells for cells in found if cells)[:SAMPLE_ROWS]

    best: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] = ((), ())
    for number, rows in enumerate(tables):
        for position, (_line, values) in enumerate(rows[: clock_logs.HEADER_SEARCH_ROWS]):
            cells = text_cells(values)
            folded = {fold(cell) for cell in cells if cell}
            if clock_logs.guess_mapping(cells) is not None or any(
                    all(fold(header) in folded for header in mapping.headers()) for mapping in saved):
                return cells, below(rows, position)
            texts = [cell for cell in cells if any(char.isalpha() for char in cell)]
            if number == 0 and len(texts) >= 2 and len(texts) > sum(1 for cell in best[0] if cell):
                best = cells, below(rows, position)
    return best


def clock_mapping_names(db_path: Path) -> list[str]:
    with _open(db_path, read_only=True) as store:
        return store.punches.mapping_names()


@contextmanager
def _open(db_path: Path, *, read_only: bool = False) -> Iterator[Store]:
    """The book, held for writing unless ``read_only`` (a preview works while another program writes)."""
    if not Path(db_path).is_file():
        raise NotFoundError(N_("There is no database at {path}"), path=str(db_path))
    with Store.open(db_path, read_only=read_only) as store:
        yield store


def read_batch(store: Store, file: Path, mapping_name: str | None = None, *,
               mapping: ColumnMapping | None = None) -> ClockBatch:
    """Read a clock file with the parsers of ``importers.clock_logs``; repeated punches are dropped."""
    from ward_office.importers.clock_logs import ColumnMapping, dedupe, read_clock_file

    if mapping is None and mapping_name:
        body = store.punches.get_mapping(mapping_name)
        if body is None:
            raise NotFoundError(N_("No column mapping is called “{name}”"), name=mapping_name)
        mapping = ColumnMapping.from_dict(body)
    clock_file = read_clock_file(Path(file), mapping)
    punches = tuple(dedupe(clock_file.punches))
    return ClockBatch(str(file), punches, tuple(clock_file.problems), clock_file.encoding,
                      tuple(clock_file.devices), len(clock_file.punches))


# ---- The same on an open store (tests and background jobs) ----


@dataclass(slots=True)
class _Plan:
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


def preview_batch(store: Store, batch: ClockBatch, *, now: datetime | None = None) -> ClockPreview:
    return _plan(store, batch, now or datetime.now()).preview


def import_batch(store: Store, batch: ClockBatch, actor: str, *, now: datetime | None = None) -> ClockImportSummary:
    """Write the punches, then the derived attendance, in one transaction; a locked day stops everything."""
    return _write(store, _plan(store, batch, now or datetime.now()), actor)


def _write(store: Store, plan: _Plan, actor: str) -> ClockImportSummary:
    with store.atomic():
        for year in plan.years_without_holidays:
            store.schedule.ensure_holidays(year, actor)
        added = store.punches.add_many(plan.take_new_punches(), Path(plan.preview.file).name, actor)
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
    owner = _staff_by_clock_id(store.staff.list()).get(clock_id)
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


def _plan(store: Store, batch: ClockBatch, now: datetime) -> _Plan:
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
        return _Plan(preview, [], ())

    staff = store.staff.list()
    by_clock_id = _staff_by_clock_id(staff)
    unknown_lines: dict[str, list[int]] = defaultdict(list)
    unknown_counts: Counter[str] = Counter()
    for punch in punches:
        if punch.clock_id not in by_clock_id:
            unknown_counts[punch.clock_id] += 1
            if len(unknown_lines[punch.clock_id]) < MAX_LINES_SHOWN and punch.line:
                unknown_lines[punch.clock_id].append(punch.line)
    unknown = tuple(UnknownClockId(clock_id, count, tuple(unknown_lines[clock_id]))
                    for clock_id, count in sorted(unknown_counts.items()))

    calendar, missing_years = _calendar(store, days[0], days[-1])
    people = list(by_clock_id.values())
    locked = {day for day in days if store.periods.is_locked(day)}
    new_punches: list[Punch] = []
    changes: list[SessionChange] = []
    kept = 0
    judged: dict[date, str] = {}
    not_judged: list[date] = []
    for month_days in _months(days):
        first, last = month_days[0], month_days[-1]
        stored = store.punches.stored_keys(first, last)
        counts = store.punches.count_by_day(first, last)
        fresh: dict[date, list[Punch]] = {}
        for day in month_days:
            fresh[day] = _not_stored(by_day[day], stored)
            if fresh[day] and day in locked:
                raise PeriodLockedError(
                    N_("The file has new punches on {day}, which belongs to a locked period; nothing was imported. "
                       "Unlock the period or remove those days from the file."), day=format_date(day))
            new_punches += fresh[day]
            counts[day] = counts.get(day, 0) + len(fresh[day])
        del stored
        remembered = store.punches.judged_days(first, last)
        to_derive = []
        for day in month_days:
            if day in locked or not _day_over(day, calendar, now):
                not_judged.append(day)
                continue
            linked = _linked_on(day, by_clock_id)
            inputs = _day_inputs(day, calendar, linked, counts[day])
            before = remembered.get(day)
            if before is not None and before.unchanged(inputs):
                active = {staff_id for staff_id, _clock_id in linked}
                kept += sum(1 for staff_id in before.hand_entered if staff_id in active)
                continue
            judged[day] = inputs
            to_derive.append(day)
        if to_derive:
            month_punches = store.punches.between(to_derive[0], to_derive[-1])
            for day in to_derive:
                month_punches += fresh[day]
            month_changes, month_kept = _derive_changes(store, to_derive, month_punches, people, calendar)
            changes += month_changes
            kept += month_kept
    preview = ClockPreview(batch.file, batch.encoding, batch.devices, read, read - len(punches), len(new_punches),
                           len(punches) - len(new_punches), unknown, batch.problems, tuple(days), tuple(changes),
                           tuple(not_judged), kept)
    return _Plan(preview, new_punches, missing_years, judged)


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


def _staff_by_clock_id(staff: Iterable[Staff]) -> dict[str, Staff]:
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
    by_person_day: dict[tuple[str, date], list[Punch]] = defaultdict(list)
    for punch in punches:
        by_person_day[(punch.clock_id, punch.at.date())].append(punch)
    recorded: dict[tuple[StaffId, date], list[Attendance]] = defaultdict(list)
    for record in store.attendance.between(min(days), max(days)):
        recorded[(record.staff_id, record.day)].append(record)

    changes: list[SessionChange] = []
    kept = 0
    for day in days:
        for person in people:
            if person.id is None or not person.is_active_on(day):
                continue
            existing = recorded.get((person.id, day), [])
            derived = {record.session: record for record in derive_attendance(
                person.id, by_person_day.get((normalize_clock_id(person.clock_id), day), ()), day, calendar,
                existing)}
            for session in Session:
                old = next((record for record in existing if record.session is session), None)
                new = derived.get(session)
                if old is not None and old.source is not RecordSource.CLOCK:
                    kept += 1
                    continue
                if _same(old, new):
                    continue
                changes.append(SessionChange(person, day, session, old, new))
    return changes, kept


def _same(old: Attendance | None, new: Attendance | None) -> bool:
    if old is None or new is None:
        return old is new
    return (old.status, old.late_minutes, old.early_minutes, old.leave_code, old.missing_punch, old.source,
            old.note) == (new.status, new.late_minutes, new.early_minutes, new.leave_code, new.missing_punch,
                          new.source, new.note)

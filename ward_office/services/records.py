"""Use cases on one database file: build a demo ward, score a period, import files, check the file.

Each function opens the file, does one logical change in one transaction (or only reads), and closes
it, so the command line and, later, background jobs of the window can call them alike.
"""

from __future__ import annotations

import gc
import getpass
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ward_office.core.access import Account, Permission
from ward_office.core.attendance import AttendanceStatus
from ward_office.core.checks import Event
from ward_office.core.errors import InputProblem, NotFoundError, WardOfficeError
from ward_office.core.period import Period, half_year, parse_period
from ward_office.core.staff import Staff
from ward_office.i18n import N_, _
from ward_office.i18n.text import fold
from ward_office.paths import plans_dir, resources_dir
from ward_office.services.book_space import check_book_writable
from ward_office.storage import Store, check_integrity


class DemoSetupError(WardOfficeError):
    """The demo ward cannot be built with these settings or in this file."""


if TYPE_CHECKING:
    from ward_office.core.plan import Criterion, EmulationPlan
    from ward_office.core.schedule import WorkCalendar
    from ward_office.importers.csv_files import SkippedRow
    from ward_office.importers.staff import StaffRow
    from ward_office.services.presentation import ScoredPeriod

DEFAULT_PLAN_FILE = "van-hoa-cong-so.toml"


def current_actor() -> str:
    """Whom a book without accounts logs a change under: the computer's user (a book with accounts logs the
    signed-in account, see ``services.accounts.signed_actor``)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ward-office"


@contextmanager
def writable_store(path: Path, actor: str | None = None) -> Iterator[Store]:
    """Open (or create) the ward's database ready for records: the default plan adopted on first use and
    the holidays of this year and the next prefilled."""
    with Store.open(path) as store:
        prepare_store(store, actor or current_actor())
        yield store


def prepare_store(store: Store, actor: str) -> None:
    """Adopt the default plan in a new file and prefill the holidays of this year and the next.

    A book that has them is not written to (most opens): no transaction, nothing for the window to wait on."""
    needs_plan = not store.plans.list()
    this_year = date.today().year
    years = [year for year in (this_year, this_year + 1) if not store.schedule.holidays(year)]
    if not needs_plan and not years:
        return
    with store.atomic():
        if needs_plan:
            store.plans.adopt((plans_dir() / DEFAULT_PLAN_FILE).read_text(encoding="utf-8"), actor)
        for year in years:
            store.schedule.ensure_holidays(year, actor)


@contextmanager
def existing_store(path: Path) -> Iterator[Store]:
    """Open a database that must already exist, for reading only."""
    if not path.is_file():
        raise NotFoundError(N_("There is no database at {path}"), path=str(path))
    with Store.open(path, read_only=True) as store:
        yield store


def check_database(path: Path) -> list[str]:
    if not path.is_file():
        return [_("There is no database at {path}").format(path=path)]
    return check_integrity(path)


# ---- Scoring ----


def ranking(path: Path, period_text: str) -> ScoredPeriod:
    period = parse_period(period_text)
    with existing_store(path) as store:
        return score_stored_period(store, period)


def score_stored_period(store: Store, period: Period, today: date | None = None) -> ScoredPeriod:
    """The ranking of ``period``: as kept when it was locked (khóa sổ), else scored from the records now."""
    from ward_office.services.ranking_snapshots import kept_scored_period  # scoring is not loaded at start

    kept = kept_scored_period(store, period)
    if kept is not None:
        return kept
    return score_records(store, period, today)


def score_records(store: Store, period: Period, today: date | None = None, *, plan: EmulationPlan | None = None,
                  calendar: WorkCalendar | None = None) -> ScoredPeriod:
    """Score ``period`` with the plan in effect on its last day; records on days off are ignored.

    Months that have not begun yet are not counted: for a period still running, everyone is scored as
    if their work here ended today, so empty future months do not lift the averages. ``plan`` and
    ``calendar`` replace the stored ones (a locked period rescored as it was when locked).
    """
    with _cycle_collection_paused():
        return _score_records(store, period, today or date.today(), plan, calendar)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Scoring a big ward makes a hundred thousand records, occurrences and items, none in a reference cycle.
    Left running, the cycle collector walks them again and again while they pile up, the whole heap several
    times a year scored: paused, reference counting still frees what is dropped, and the young generations are
    collected once at the end, here, rather than by whatever runs next."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(1)


def _score_records(store: Store, period: Period, today: date, plan: EmulationPlan | None,
                   calendar: WorkCalendar | None) -> ScoredPeriod:
    from ward_office.scoring import ScoringInput, score_period
    from ward_office.services.presentation import ScoredPeriod

    if plan is None:
        _record, plan = store.plans.in_effect(period.end)
    staff = store.staff.list()
    if period.end > today:
        staff = [person if person.active_to is not None and person.active_to <= today
                 else replace(person, active_to=today) for person in staff]
    calendar = calendar or store.schedule.calendar(period.start, period.end)
    grace_minutes = calendar.schedule.grace_minutes
    working_days = set(calendar.working_days(period.start, period.end))
    attendance = [record for record in store.attendance.scorable(period.start, period.end, grace_minutes)
                  if record.day in working_days]
    scoring_input = ScoringInput(
        plan=plan,
        period=period,
        staff=staff,
        attendance=attendance,
        events=store.events.list(period.start, period.end),
        grace_minutes=grace_minutes,
    )
    departments = {department.id: department.name for department in store.departments.list()
                   if department.id is not None}
    return ScoredPeriod(score_period(scoring_input), departments, store.unit.get())


def current_review_period(today: date | None = None) -> Period:
    """The half-year under review on ``today`` (sơ kết 6 tháng)."""
    today = today or date.today()
    return half_year(today.year, 1 if today.month <= 6 else 2)


# ---- Demo ward ----


@dataclass(frozen=True, slots=True)
class DemoSummary:
    path: Path
    start: date
    end: date
    staff: int
    attendance: int
    checks: int
    events: int

    def localized(self) -> str:
        return _("Demo ward built in {path}: {staff} staff, {start} to {end}, {attendance} attendance "
                 "records, {checks} checks, {events} events.").format(
            path=self.path, staff=self.staff, start=self.start.strftime("%d/%m/%Y"),
            end=self.end.strftime("%d/%m/%Y"), attendance=self.attendance, checks=self.checks,
            events=self.events)


def build_demo(path: Path, *, staff: int, months: int, seed: int, until: date) -> DemoSummary:
    import random

    from ward_office.services import demo
    from ward_office.services.accounts import hash_password

    if staff < 1 or months < 1:
        raise DemoSetupError(N_("The demo needs at least one staff member and one month"))
    if path.exists():
        with existing_store(path) as store:
            if store.staff.list() or store.accounts.count():
                raise DemoSetupError(N_("{path} already holds a ward; choose a new file for the demo"),
                                     path=str(path))
    rng = random.Random(seed)
    start, end = demo.demo_span(months, until)
    actor = _("Demo data")
    with writable_store(path) as store, store.atomic():
        store.unit.save(demo.DEMO_UNIT, actor)
        first_half = start if start.day == 1 and start.month in (1, 7) else (
            date(start.year, 7, 1) if start.month < 7 else date(start.year + 1, 1, 1))
        try:
            store.plans.in_effect(min(first_half.replace(month=first_half.month + 5, day=30), end))
        except NotFoundError:  # a whole half-year of records before the bundled plan: the ward had a plan then too
            store.plans.adopt(demo.earlier_plan((plans_dir() / DEFAULT_PLAN_FILE).read_text(encoding="utf-8"), start),
                              actor)
        for year in range(start.year, end.year + 1):
            store.schedule.ensure_holidays(year, actor)
        departments = store.departments.list()
        people = store.staff.add_many(demo.make_staff(rng, staff, departments, start, end), actor)
        habits = {person.id: demo.draw_habits(rng) for person in people if person.id is not None}
        calendar = store.schedule.calendar(start, end)
        records = list(demo.make_attendance(rng, people, habits, calendar, start, end))
        store.attendance.add_many(records, actor)
        away = {(record.staff_id, record.day) for record in records
                if record.status is not AttendanceStatus.PRESENT}
        checks = event_count = 0
        for check, found in demo.make_checks(rng, people, habits, calendar, away, start, end):
            store.checks.add(check, actor, found)
            checks += 1
            event_count += len(found)
        event_count += store.events.add_many(demo.make_events(rng, people, habits, start, end), actor)
        for username, full_name, role in demo.DEMO_ACCOUNTS:
            store.accounts.add(username, full_name, role, hash_password(demo.DEMO_PASSWORD), actor)
    return DemoSummary(path, start, end, len(people), len(records), checks, event_count)


# ---- Imports ----

TEMPLATES = {"staff": "danh-sach-can-bo.xlsx", "events": "su-viec.xlsx"}


def template_path(kind: str) -> Path:
    """The blank Excel file offered for download ("Tải mẫu") for an import of ``kind``: staff or events."""
    return resources_dir() / "templates" / TEMPLATES[kind]


LISTED_LINES = 100  # a summary names at most this many lines of a kind, then counts the rest


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did, or with ``dry_run`` what it would do: the preview shown before writing."""

    file: Path
    rows: int
    added: int
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    new_departments: tuple[str, ...] = field(default=())
    skipped: tuple[SkippedRow, ...] = field(default=())

    def localized(self) -> str:
        if self.dry_run:
            message = _("{file}: {rows} rows read, {added} to add, {updated} to update, {unchanged} unchanged.")
        else:
            message = _("{file}: {rows} rows read, {added} added, {updated} updated, {unchanged} unchanged.")
        lines = [message.format(file=self.file, rows=self.rows, added=self.added, updated=self.updated,
                                unchanged=self.unchanged)]
        if self.new_departments:
            lines.append(_("New departments: {names}").format(names=", ".join(self.new_departments)))
        for reason, skipped_lines in self.skipped_by_reason().items():
            shown = ", ".join(map(str, skipped_lines[:LISTED_LINES]))
            if len(skipped_lines) > LISTED_LINES:
                shown = _("{lines} and {count} more").format(lines=shown, count=len(skipped_lines) - LISTED_LINES)
            lines.append(_("Skipped {count} row(s), {reason}: line {lines}").format(
                count=len(skipped_lines), reason=_(reason), lines=shown))
        if self.dry_run:
            lines.append(_("Nothing was written (trial run)."))
        return "\n".join(lines)

    def skipped_by_reason(self) -> dict[str, list[int]]:
        """Skipped line numbers grouped by reason (an English msgid), in file order."""
        grouped: dict[str, list[int]] = {}
        for row in self.skipped:
            grouped.setdefault(row.reason, []).append(row.line)
        return grouped


def import_events(path: Path, file: Path, *, dry_run: bool = False, actor: str | None = None,
                  account: Account | None = None) -> ImportSummary:
    """Add the file's events all or none; an event already on record (same person, day, criterion and
    note) counts as unchanged, so importing the same file twice adds nothing the second time.

    In a book with accounts only a signed-in ``account`` that may record writes, logged under its name."""
    from ward_office.importers.events import read_events

    with _import_store(path, dry_run, account, actor) as (store, actor):
        plans: dict[int, Mapping[str, Criterion]] = {}

        def criteria_on(day: date) -> Mapping[str, Criterion]:
            try:
                record, plan = store.plans.in_effect(day)
            except NotFoundError:
                return {}
            return plans.setdefault(record.id, plan.criteria)

        skipped: list[SkippedRow] = []
        events = read_events(file, staff_by_code={person.code: person for person in store.staff.list()},
                             criteria_on=criteria_on, is_locked=store.periods.is_locked, recorded_by=actor,
                             skipped=skipped)
        new_events = _not_yet_recorded(store, events)
        if not dry_run:
            backup_before_import(path)
            store.events.add_many(new_events, actor)
    return ImportSummary(file, len(events), len(new_events), 0, len(events) - len(new_events), dry_run,
                         skipped=tuple(skipped))


def backup_before_import(path: Path) -> None:
    """Keep the book as it was before an import writes to it (services.backups); a book that cannot be
    written gets no backup, only the refusal."""
    from ward_office.services.backups import BackupReason, automatic_backup

    check_book_writable(path)
    automatic_backup(path, BackupReason.IMPORT)


@contextmanager
def _import_store(path: Path, dry_run: bool, account: Account | None,
                  actor: str | None) -> Iterator[tuple[Store, str]]:
    """The book and whom the import writes as. A trial run only reads, so it works while another program
    holds the book for writing; an import is refused before anything is written (a new book's plan and
    holidays included) unless the book can be written and, in a book with accounts, ``account`` may record."""
    from ward_office.services.accounts import signed_actor

    if dry_run and path.is_file():
        with existing_store(path) as store:
            yield store, actor or current_actor()
        return
    check_book_writable(path)
    with Store.open(path) as store:
        signed = signed_actor(store, account, Permission.RECORD, actor or current_actor())
        prepare_store(store, signed)
        yield store, signed


def _not_yet_recorded(store: Store, events: list[Event]) -> list[Event]:
    """The events beyond those already stored, counted per (person, day, criterion, note): a file listing
    the same violation twice on a day adds two, and adds them once only."""
    if not events:
        return []

    def key(event: Event) -> tuple[object, ...]:
        return event.staff_id, event.day, event.criterion_code, " ".join(event.note.split())

    stored = Counter(key(event) for event in store.events.list(min(e.day for e in events),
                                                               max(e.day for e in events)))
    fresh = []
    for event in events:
        if stored[key(event)] > 0:
            stored[key(event)] -= 1
        else:
            fresh.append(event)
    return fresh


def import_staff(path: Path, file: Path, *, dry_run: bool = False, actor: str | None = None,
                 account: Account | None = None) -> ImportSummary:
    """Add new codes, update changed people, leave the rest; unknown departments are created. In a book
    with accounts only a signed-in ``account`` that may record writes, logged under its name."""
    from ward_office.importers.csv_files import Problems
    from ward_office.importers.staff import read_staff

    skipped: list[SkippedRow] = []
    rows = read_staff(file, skipped)
    with _import_store(path, dry_run, account, actor) as (store, actor):
        departments = {fold(department.name): department for department in store.departments.list()}
        new_names: dict[str, str] = {}
        for row in rows:
            if fold(row.department) not in departments:
                new_names.setdefault(fold(row.department), row.department)
        new_departments = sorted(new_names.values(), key=fold)
        problems = Problems()
        added: list[StaffRow] = []
        updated: list[tuple[StaffRow, Staff]] = []
        for row in rows:
            owner = store.staff.by_clock_id(row.staff.clock_id) if row.staff.clock_id else None
            if owner is not None and owner.code != row.staff.code:
                problems.add(InputProblem(row.line, "clock_id",
                                          N_("the clock id “{code}” already belongs to {name}"),
                                          {"code": row.staff.clock_id, "name": owner.full_name}))
            current = store.staff.by_code(row.staff.code)
            look_alike = None if current is not None else store.staff.code_owner(row.staff.code)
            if look_alike is not None:  # cb001 beside CB001 would be a second person no one can tell apart
                problems.add(InputProblem(row.line, "code",
                                          N_("the code “{code}” differs only in case from “{existing}”, the code of "
                                             "{name}; write it as “{existing}”"),
                                          {"code": row.staff.code, "existing": look_alike.code,
                                           "name": look_alike.full_name}))
                continue
            department = departments.get(fold(row.department))
            if current is None:
                added.append(row)
            elif replace(row.staff, id=current.id, note=current.note,
                         department_id=department.id if department else None) != current:
                updated.append((row, current))
        problems.refuse(file)
        if not dry_run:
            backup_before_import(path)
            with store.atomic():
                for name in new_departments:
                    departments[fold(name)] = store.departments.add(name, actor)

                def resolved(row: StaffRow) -> Staff:
                    return replace(row.staff, department_id=departments[fold(row.department)].id)

                store.staff.add_many([resolved(row) for row in added], actor)
                for row, current in updated:
                    store.staff.update(replace(resolved(row), id=current.id, note=current.note), actor)
    return ImportSummary(file, len(rows), len(added), len(updated), len(rows) - len(added) - len(updated),
                         dry_run, tuple(new_departments), tuple(skipped))

"""A clock import gives the same punches, attendance, change log and preview as it always has: digests of all
of them after three imports of generated attlog files (odd lines, unknown and zero-padded ids, double presses,
a leave entered by hand, punches after today, a file imported twice) are compared with those the importer
gave before it was made faster. A change here is a change of behaviour, never of speed."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services.clock_import import ClockPreview, import_clock
from ward_office.services.ward import Ward

ACTOR = "Trần Thị Hoa"
ODD_LINES = (
    "",
    "garbage without a tab",
    "    4\t2026-02-30 07:31:00\t1\t0\t1\t0",  # no such day
    "    5  2026-01-14 07:29:41  1  0  1  0",  # spaces instead of tabs
    "0006\t2026-01-14T07:33:02\t1",  # zeros, a T, few columns
    "7\t2026-01-14 07:41",  # no seconds
    "A7\t2026-01-15 07:20:00\t1\t0\t1\t0",  # a clock id of nobody, with letters
    "8\t14/01/2026 07:30\t1",  # a date the attlog reader does not take
    "\t2026-01-14 07:30:00",
    "   ",
)


def write_attlog(path: Path, first: date, last: date, seed: int, *, staff: int = 10) -> None:
    rng = random.Random(seed)
    lines: list[str] = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            for number in (*range(1, staff + 1), 13):
                if rng.random() < 0.05:
                    continue
                for hour, minute in ((7, 25), (11, 35), (13, 25), (17, 5)):
                    if rng.random() < 0.04:
                        continue
                    moment = datetime(day.year, day.month, day.day, hour, minute) + timedelta(
                        minutes=rng.randint(-12, 18), seconds=rng.randint(0, 59))
                    lines.append(f"{number:>5}\t{moment:%Y-%m-%d %H:%M:%S}\t1\t0\t1\t0")
                    if rng.random() < 0.05:
                        again = moment + timedelta(seconds=rng.choice((0, 40, 200)))
                        lines.append(f"{number:>5}\t{again:%Y-%m-%d %H:%M:%S}\t1\t0\t1\t0")
            if rng.random() < 0.7:
                lines.append(rng.choice(ODD_LINES))
        day += timedelta(days=1)
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")


def _attendance(record: Attendance | None) -> tuple[object, ...] | None:
    if record is None:
        return None
    return (record.staff_id, record.day.isoformat(), record.session.value, record.status.value,
            record.late_minutes, record.early_minutes, record.leave_code and record.leave_code.value,
            record.missing_punch, record.source.value, record.note)


def _hash(rows: Iterable[object]) -> str:
    digest = hashlib.blake2b(digest_size=12)
    for row in rows:
        digest.update(repr(row).encode())
    return digest.hexdigest()


def preview_digest(preview: ClockPreview) -> str:
    return _hash([
        Path(preview.file).name, preview.encoding, preview.devices, preview.read, preview.duplicates, preview.new,
        preview.already_stored, preview.unknown,
        [(problem.line, problem.field, problem.message, sorted(problem.params.items()))
         for problem in preview.problems],
        [day.isoformat() for day in preview.days],
        [(change.staff.id, change.day.isoformat(), change.session.value, _attendance(change.before),
          _attendance(change.after)) for change in preview.changes],
        [day.isoformat() for day in preview.not_judged], preview.manual_kept,
        [(punch.clock_id, punch.at.isoformat(), punch.device, punch.line) for punch in preview.suspect],
        preview.suspect_included, preview.suspect_reasons,
    ])


def book_digests(path: Path) -> dict[str, str]:
    """Digests of the stored punches, the attendance and the change log lines of the imports."""
    with Ward.open(path, must_exist=True) as ward:
        conn = ward.store.db.conn
        return {
            "punches": _hash(conn.execute("SELECT clock_id, at, device, day, source_file FROM punches"
                                          " ORDER BY clock_id, at, device")),
            "attendance": _hash(conn.execute(
                "SELECT staff_id, day, session, status, late_minutes, early_minutes, leave_code, missing_punch,"
                " source, note FROM attendance ORDER BY day, staff_id, session")),
            "log": _hash(conn.execute("SELECT action, entity, entity_id, detail FROM change_log"
                                      " WHERE action = 'import' ORDER BY id")),
        }


def run_imports(folder: Path) -> list[str]:
    """Imports into a new book: January–February as of 20 February, February–March as of the end of March, the
    first file again (its punches after 20 February were left out, so it is read again), then both files again
    (remembered), the second after a leave is entered by hand on a day it covers; the digests of each preview
    and of the book after them."""
    path = folder / "ward.db"
    with Ward.open(path, actor=ACTOR) as ward:
        people = ward.store.staff.add_many([
            Staff(f"NV{number:02d}", f"Cán bộ {number}", Gender.FEMALE if number % 2 else Gender.MALE, "",
                  StaffCategory.CONG_CHUC, clock_id={3: "003", 11: ""}.get(number, str(number)),
                  active_from={1: date(2025, 6, 1), 12: date(2026, 2, 9)}.get(number))
            for number in range(1, 13)], ACTOR)
        ward.store.attendance.set(Attendance(people[1].id, date(2026, 1, 13), Session.MORNING,
                                             AttendanceStatus.LEAVE, leave_code=LeaveCode.ANNUAL), ACTOR)
    first, second = folder / "1_attlog.dat", folder / "2_attlog.dat"
    write_attlog(first, date(2026, 1, 5), date(2026, 2, 27), seed=1)
    write_attlog(second, date(2026, 2, 16), date(2026, 3, 31), seed=2, staff=12)
    digests = []
    end_of_march = datetime(2026, 3, 31, 18)
    for file, now in ((first, datetime(2026, 2, 20, 10)), (second, end_of_march), (first, end_of_march),
                      (first, end_of_march), (second, end_of_march)):
        with Ward.open(path, must_exist=True, actor=ACTOR) as ward:
            if len(digests) == 4:
                ward.store.attendance.set(Attendance(people[4].id, date(2026, 3, 10), Session.AFTERNOON,
                                                     AttendanceStatus.LEAVE, leave_code=LeaveCode.ANNUAL), ACTOR)
            digests.append(preview_digest(import_clock(ward, file, now=now).preview))
    return [*digests, *book_digests(path).values()]


# Computed with the importer as it was before it was made faster (a million lines at 20,000 lines/s).
EXPECTED = ["0c37f64096b3568678ef1b19", "de0d33c062d4861852071ea1", "9d0e85aef8db43ff00d0f689",
            "aec823d29c3dbc7f1bb0d6c7", "1b176e3013c1913ec4462b1d",
            "1b00399c5db6a348ab131c62", "a64957347f724f13b37403ac", "a97975f8d9e87c8462ed2adb"]


@pytest.mark.usefixtures("vietnamese")
def test_imports_give_what_they_always_gave(tmp_path: Path) -> None:
    assert run_imports(tmp_path) == EXPECTED

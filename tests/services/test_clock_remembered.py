"""A clock file imported before is not read again: the preview it gave is remembered with its punches, and shown
again as long as nothing that decides it has changed; when in doubt the file is read."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services.clock_import import ClockPreview, files, import_clock, preview_clock_import
from ward_office.services.ward import Ward

ACTOR = "Trần Thị Hoa"
THURSDAY, FRIDAY = date(2026, 3, 5), date(2026, 3, 6)  # winter hours: 07:30–12:00, 13:30–17:00, grace 5
LATER = datetime(2026, 3, 20, 9, 0)
LINES = (
    "    1\t2026-03-05 07:41:10\t1\t0\t1\t0",  # Lan 11 minutes late
    "    1\t2026-03-05 17:02:00\t1\t0\t1\t0",
    "    2\t2026-03-05 07:20:00\t1\t0\t1\t0",  # Minh leaves 20 minutes early
    "    2\t2026-03-05 16:40:00\t1\t0\t1\t0",
    "    2\t2026-03-05 16:41:00\t1\t0\t1\t0",  # pressed twice
    "   77\t2026-03-05 07:30:00\t1\t0\t1\t0",  # nobody's id
    "not a clock line",
    "    1\t2026-03-06 07:29:00\t1\t0\t1\t0",
    "    1\t2026-03-06 17:00:00\t1\t0\t1\t0",
    "    2\t2026-02-30 07:29:00\t1\t0\t1\t0",  # no such day
    "   77\t2026-03-06 07:30:00\t1\t0\t1\t0",
)

pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "ward.db"
    with Ward.open(path, actor=ACTOR) as ward:
        ward.store.staff.add_many([
            Staff(f"NV0{number}", f"Người {number}", Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC,
                  clock_id=str(number)) for number in (1, 2)] + [
            Staff("NV03", "Người 3", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC)], ACTOR)
    return path


@pytest.fixture
def attlog(tmp_path: Path) -> Path:
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(("\r\n".join(LINES) + "\r\n").encode())  # the device's CRLF lines on every system
    return path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files read line by line."""
    read: list[Path] = []
    original = files.read_clock_file

    def spy(path: Any, *args: Any, **kwargs: Any) -> Any:
        read.append(Path(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(files, "read_clock_file", spy)
    return read


def run(book: Path, file: Path, now: datetime = LATER, **options: Any) -> ClockPreview:
    with Ward.open(book, must_exist=True, actor=ACTOR) as ward:
        return import_clock(ward, file, now=now, **options).preview


def preview(book: Path, file: Path, now: datetime = LATER) -> ClockPreview:
    with Ward.open(book, must_exist=True, actor=ACTOR) as ward:
        return preview_clock_import(ward, file, now=now)


def as_again(first: ClockPreview) -> ClockPreview:
    """What reading the file again after importing it says: nothing new, nothing to change."""
    return dataclasses.replace(first, new=0, already_stored=first.new + first.already_stored, changes=())


def test_a_file_imported_is_not_read_again_and_shows_the_same_preview(book: Path, attlog: Path,
                                                                       reads: list[Path]) -> None:
    first = run(book, attlog)
    assert (first.read, first.duplicates, first.new, len(first.changes)) == (9, 1, 8, 4)
    assert [(unknown.clock_id, unknown.count, unknown.lines) for unknown in first.unknown] == [("77", 2, (6, 11))]
    assert [problem.line for problem in first.problems] == [7, 10]
    assert reads == [attlog]
    again = run(book, attlog)
    assert reads == [attlog]  # not read a second time
    assert again == as_again(first)
    assert preview(book, attlog) == as_again(first)
    assert reads == [attlog]
    with Ward.open(book, must_exist=True, actor=ACTOR) as ward:
        text = preview_clock_import(ward, attlog, now=LATER).localized()
    assert "dòng 7:" in text and "dòng 10:" in text and "77: 2" in text


def test_a_hand_entered_record_since_is_still_judged(book: Path, attlog: Path, reads: list[Path]) -> None:
    first = run(book, attlog)
    with Ward.open(book, must_exist=True, actor=ACTOR) as ward:
        lan = ward.store.staff.list()[0]
        ward.store.attendance.set(Attendance(lan.id, FRIDAY, Session.MORNING, AttendanceStatus.LEAVE,
                                             leave_code=LeaveCode.ANNUAL), ACTOR)
        ward.store.attendance.clear(lan.id, THURSDAY, Session.MORNING, ACTOR)  # the clock's late record removed
    again = run(book, attlog)
    assert reads == [attlog]
    assert again.manual_kept == 1
    assert [(change.day, change.session, change.after and change.after.late_minutes) for change in again.changes] == [
        (THURSDAY, Session.MORNING, 11)]  # the clock says late again
    assert again.problems == first.problems and again.unknown == first.unknown


@pytest.mark.parametrize("change", ["clock id", "bytes", "name", "suspect", "unreadable"])
def test_the_file_is_read_again_when_in_doubt(book: Path, attlog: Path, reads: list[Path], change: str) -> None:
    first = run(book, attlog)
    file = attlog
    expected_unknown = first.unknown
    if change == "clock id":  # 77 now belongs to someone: no longer unknown, and their days are derived
        with Ward.open(book, must_exist=True, actor=ACTOR) as ward:
            tu = ward.store.staff.list()[2]
            ward.store.staff.update(dataclasses.replace(tu, clock_id="77"), ACTOR)
        expected_unknown = ()
    elif change == "bytes":
        attlog.write_bytes(("\r\n".join(LINES[:-1]) + "\r\n").encode())
        expected_unknown = (dataclasses.replace(first.unknown[0], count=1, lines=(6,)),)
    elif change == "name":
        file = attlog.with_name("2_attlog.dat")  # device "2"
        file.write_bytes(attlog.read_bytes())
    elif change == "suspect":
        expected_unknown = (dataclasses.replace(first.unknown[0], count=1, lines=(6,)),)
    elif change == "unreadable":
        with Ward.open(book, must_exist=True, actor=ACTOR) as ward:
            ward.store.db.execute("UPDATE clock_file_previews SET body = json_object('days', json_array('x'))")
    again = run(book, file, now=datetime(2026, 3, 5, 20) if change == "suspect" else LATER)
    assert reads == [attlog, file]
    assert again.unknown == expected_unknown
    if change == "clock id":
        assert {change.staff.code for change in again.changes} == {"NV03"}
    if change == "name":
        assert again.new == 8 and again.devices == ("2",)
    if change == "suspect":  # Friday is after today: listed apart, not imported
        assert [punch.at.date() for punch in again.suspect] == [FRIDAY, FRIDAY, FRIDAY]


def test_a_file_with_punches_left_out_is_not_remembered(book: Path, attlog: Path, reads: list[Path]) -> None:
    first = run(book, attlog, now=datetime(2026, 3, 5, 20))
    assert len(first.suspect) == 3 and first.new == 5
    again = run(book, attlog)
    assert reads == [attlog, attlog] and again.new == 3 and not again.suspect
    run(book, attlog)
    assert reads == [attlog, attlog]  # now every punch is stored: remembered

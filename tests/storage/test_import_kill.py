"""Crash safety: an import killed (SIGKILL) at any moment leaves a sound book holding all of it or none of it.

The import runs as the real command in its own process, as the clerk runs it. It is killed at seeded random
moments spread over a whole run (timed once first), and a few times more while it is writing its
transaction (once the write-ahead log starts to grow). After every kill the book must open clean — no
damage, no dangling reference, the writer lock free again — with exactly the rows before the import or
exactly those after a whole import, and the change log agreeing with the data.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from ward_office.services.demo import DEMO_PASSWORD, build_demo
from ward_office.services.ward import Ward
from ward_office.storage import Store

pytestmark = [
    pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
    # Each test starts a Python child per kill, a second or more each on a busy machine: longer than 60 s there.
    pytest.mark.timeout(240),
]

ROOT = Path(__file__).resolve().parents[2]
STAFF = 100
PUNCHES = 40_000  # 100 people, 20 weeks; a run takes about 2 s on a quiet 2-core machine
RANDOM_KILLS = 16
KILLS_WHILE_WRITING = 4
STAFF_ROWS = 2000
SESSION_TIMES = ((7, 25), (11, 35), (13, 25), (17, 5))
TABLES = ("punches", "attendance", "change_log", "staff", "departments", "holidays")


@dataclass(frozen=True)
class Counts:
    punches: int
    attendance: int
    clock_attendance: int
    change_log: int
    staff: int
    departments: int
    holidays: int


def counts(db: Path) -> Counts:
    """Opens the book for writing, as the next program would (which recovers the write-ahead log)."""
    with Store.open(db) as store:
        conn = store.db.conn
        assert [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        number = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}
        clock = conn.execute("SELECT count(*) FROM attendance WHERE source = 'clock'").fetchone()[0]
    return Counts(number["punches"], number["attendance"], clock, number["change_log"], number["staff"],
                  number["departments"], number["holidays"])


def records(found: Counts) -> tuple[int, ...]:
    """Everything but the change log, which a run that adds nothing may still note."""
    return (found.punches, found.attendance, found.clock_attendance, found.staff, found.departments,
            found.holidays)


def write_attlog(path: Path) -> None:
    """A ZKTeco USB attlog: four punches a working day for each of the 100 people, from February 2025."""
    rng = random.Random(60)
    lines: list[str] = []
    day = date(2025, 2, 3)
    while len(lines) < PUNCHES:
        if day.weekday() < 5:
            for person in range(1, STAFF + 1):
                for hour, minute in SESSION_TIMES:
                    moment = datetime(day.year, day.month, day.day, hour, minute) + timedelta(
                        minutes=rng.randint(-12, 18), seconds=rng.randint(0, 59))
                    lines.append(f"{person:>5}\t{moment:%Y-%m-%d %H:%M:%S}\t1\t0\t1\t0\r\n")
        day += timedelta(days=1)
    path.write_text("".join(lines[:PUNCHES]), encoding="utf-8", newline="")


def write_staff_list(path: Path) -> None:
    rows = ["Mã cán bộ,Họ và tên,Giới tính,Chức vụ,Loại,Bộ phận,Mã chấm công"]
    rows += [f"TT{number:05d},Nguyễn Văn Số {number},{'Nam' if number % 2 else 'Nữ'},Chuyên viên,Công chức,"
             f"Tổ {number % 25},{1000 + number}" for number in range(STAFF_ROWS)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo ward of 100 people (clock ids 1…100) with January 2025 on record, closed and checkpointed."""
    folder = tmp_path_factory.mktemp("kill")
    book = folder / "base.db"
    build_demo(book, staff=STAFF, months=1, seed=7, until=date(2025, 1, 31))
    Ward.open(book).close()  # this year's holidays in now, so an import has nothing else to prepare
    assert not book.with_name("base.db-wal").exists()
    return book


def fresh_copy(base: Path, book: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        book.with_name(book.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(base, book)


def command(book: Path, *args: str) -> list[str]:
    """The command signed by the demo book's head (the password comes from the environment, see ``run``)."""
    return [sys.executable, "-m", "ward_office", args[0], "--db", str(book), "--user", "truong", *args[1:]]


@dataclass(frozen=True)
class Run:
    seconds: float
    writing_from: float  # when the write-ahead log started to grow
    killed: bool


def _size(file: Path) -> int:
    """The file's size, 0 when it is not there (the closing program may remove it between two looks)."""
    try:
        return file.stat().st_size
    except FileNotFoundError:
        return 0


def run(arguments: list[str], book: Path, *, kill_after: float | None = None,
        kill_once_writing: float | None = None) -> Run:
    """Run the command; SIGKILL it ``kill_after`` seconds in, or ``kill_once_writing`` seconds after its
    write-ahead log starts to grow."""
    wal = book.with_name(book.name + "-wal")
    started = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                               env={**os.environ, "WARD_OFFICE_PASSWORD": DEMO_PASSWORD})
    writing_from = 0.0
    killed = False
    while process.poll() is None:
        now = time.perf_counter() - started
        if not writing_from and _size(wal) > 0:
            writing_from = now
        due = kill_after if kill_once_writing is None else (
            writing_from + kill_once_writing if writing_from else None)
        if due is not None and now >= due:
            process.send_signal(signal.SIGKILL)
            killed = True
            break
        time.sleep(0.002)
    process.wait()
    if not killed:
        assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    return Run(time.perf_counter() - started, writing_from, killed)


def test_a_clock_import_killed_anywhere_leaves_all_or_nothing(base: Path, tmp_path: Path) -> None:
    log = tmp_path / "1_attlog.dat"
    write_attlog(log)
    book = tmp_path / "book.db"
    before = counts(base)
    assert before.punches == 0 and before.staff == STAFF

    fresh_copy(base, book)
    whole = run(command(book, "import-clock", str(log)), book)
    after = counts(book)
    assert after.punches == PUNCHES and after.clock_attendance > before.clock_attendance + 1000
    assert after.change_log > before.change_log

    rng = random.Random(2026)
    delays = [("random", rng.uniform(0.0, whole.seconds)) for _ in range(RANDOM_KILLS)]
    window = max(whole.seconds - whole.writing_from, 0.05)
    delays += [("writing", rng.uniform(0.0, window)) for _ in range(KILLS_WHILE_WRITING)]
    outcomes = {"none": 0, "all": 0}
    killed_while_writing = 0
    for how, delay in delays:
        fresh_copy(base, book)
        if how == "random":
            attempt = run(command(book, "import-clock", str(log)), book, kill_after=delay)
        else:
            attempt = run(command(book, "import-clock", str(log)), book, kill_once_writing=delay)
        found = counts(book)
        assert found in (before, after), (how, delay, attempt, found)
        outcomes["none" if found == before else "all"] += 1
        killed_while_writing += attempt.killed and attempt.writing_from > 0
    assert outcomes["none"] >= 1 and killed_while_writing >= 1, (outcomes, killed_while_writing)

    # The last book killed, whatever it holds, takes the import whole, and a second run adds nothing.
    run(command(book, "import-clock", str(log)), book)
    assert records(counts(book)) == records(after)
    run(command(book, "import-clock", str(log)), book)
    assert records(counts(book)) == records(after)


def test_a_staff_list_import_killed_anywhere_leaves_all_or_nothing(base: Path, tmp_path: Path) -> None:
    staff_list = tmp_path / "danh-sach.csv"
    write_staff_list(staff_list)
    book = tmp_path / "book.db"
    before = counts(base)

    fresh_copy(base, book)
    whole = run(command(book, "import-staff", str(staff_list)), book)
    after = counts(book)
    assert (after.staff, after.departments) == (before.staff + STAFF_ROWS, before.departments + 25)

    rng = random.Random(6)
    for delay in [rng.uniform(0.0, whole.seconds) for _ in range(4)] + [whole.writing_from + 0.005]:
        fresh_copy(base, book)
        attempt = run(command(book, "import-staff", str(staff_list)), book, kill_after=delay)
        found = counts(book)
        assert found in (before, after), (delay, attempt, found)

    run(command(book, "import-staff", str(staff_list)), book)
    assert records(counts(book)) == records(after)
    run(command(book, "import-staff", str(staff_list)), book)
    assert records(counts(book)) == records(after)

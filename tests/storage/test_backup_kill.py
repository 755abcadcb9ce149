"""A backup or a restore killed (SIGKILL) at random moments: the book still opens clean with its rows, the
backup folder holds only whole verified backups (plus temporary files the next backup removes), and a
killed restore leaves the book with either its old content or the new one."""

from __future__ import annotations

import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from storage_helpers import ACTOR, late, make_staff

from ward_office.storage import Store, check_integrity
from ward_office.storage.backup import BackupReason, backup_folder, create_backup, find_backups

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
    # Each test starts about KILLS * 1.2 Python children (at most three times that when the machine's load swings),
    # a second or more each on a busy machine: longer than 60 s there.
    pytest.mark.timeout(360),
]

KILLS = 25
RETIME_EVERY = 5
NOW = datetime(2026, 11, 20, 9, 0, 0)

CHILD = """
import sys
from datetime import datetime
from pathlib import Path
from ward_office.storage import backup
mode, db, other, stamp = sys.argv[1:5]
print("ready", flush=True)
if mode == "backup":
    backup.create_backup(Path(db), Path(other), stem=Path(db).stem, reason=backup.BackupReason.DAILY,
                         now=datetime.fromisoformat(stamp))
else:
    backup.restore(Path(other), Path(db), actor="kill test")
print("done", flush=True)
"""


@pytest.fixture(scope="module")
def big_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A book of a few MB: 150 people, 200 days of late arrivals each."""
    path = tmp_path_factory.mktemp("kill") / "template.db"
    with Store.open(path) as store:
        people = store.staff.add_many([make_staff(f"NV{n:03d}") for n in range(150)], ACTOR)
        store.attendance.add_many([late(person.id, date(2025, 1, 1) + timedelta(days=d))
                                   for person in people for d in range(200)], ACTOR)
    assert path.stat().st_size > 3_000_000
    return path


def copy_of(template: Path, target: Path) -> Path:
    source = sqlite3.connect(template)
    destination = sqlite3.connect(target)
    source.backup(destination)
    destination.close()
    source.close()
    return target


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("staff", "attendance", "change_log")}
    finally:
        conn.close()


def run_and_kill(args: list[str], delay: float) -> bool:
    """Start the child, wait until it is ready, kill it ``delay`` seconds later; True if it finished first."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, *args], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    return child.stdout.read().strip() == "done"


def timed(args: list[str]) -> float:
    """How long the child takes from ready to done, left alone: the kills are spread over that time.

    Timed in a child rather than in this process, whose modules and page cache are already warm."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, *args], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    assert child.stdout.readline().strip() == "done"
    duration = time.perf_counter() - start
    child.wait()
    return duration


class RandomKills:
    """Kill moments drawn at random over twice the time the child's work takes, until some kills came before
    its end and some after (at least KILLS runs, at most three times that).

    The work is timed again every few runs: other programs on the machine can make it several times slower (or
    faster) from one second to the next, and kills spread over a time measured once would then all fall
    before the end, or all after it."""

    def __init__(self, seed: int, time_work: Callable[[], float]) -> None:
        self.rng = random.Random(seed)
        self.time_work = time_work
        self.duration = 0.0
        self.finished = self.killed = 0

    def more(self) -> bool:
        runs = self.finished + self.killed
        if (runs >= KILLS and self.finished and self.killed) or runs >= 3 * KILLS:
            return False
        if runs % RETIME_EVERY == 0:
            self.duration = self.time_work()
        return True

    def run(self, args: list[str]) -> None:
        if run_and_kill(args, self.rng.uniform(0, self.duration * 2)):
            self.finished += 1
        else:
            self.killed += 1

    def check_spread(self, work: str) -> None:
        assert self.finished and self.killed, \
            f"{self.finished} of {self.finished + self.killed} {work} finished: the kills missed the work"


def test_a_backup_killed_at_random_moments_leaves_book_and_backups_whole(big_book: Path, tmp_path: Path) -> None:
    book = copy_of(big_book, tmp_path / "ward.db")
    folder = backup_folder(book)
    rows = counts(book)
    stamps = (NOW + timedelta(minutes=n) for n in itertools.count())
    kills = RandomKills(2026, lambda: timed(["backup", str(book), str(folder), next(stamps).isoformat()]))
    verified: set[str] = set()
    while kills.more():
        kills.run(["backup", str(book), str(folder), next(stamps).isoformat()])
        assert check_integrity(book) == []
        assert counts(book) == rows
        for backup in find_backups(folder, "ward"):
            if backup.path.name not in verified:
                assert check_integrity(backup.path) == [], backup.path.name
                assert counts(backup.path) == rows
                verified.add(backup.path.name)
        strays = {path.name for path in folder.iterdir()} - verified
        assert all(name.startswith(".") and ".tmp" in name for name in strays), strays
    kills.check_spread("backups")
    with Store.open(book) as store:
        assert len(store.staff.list()) == rows["staff"]
    create_backup(book, folder, stem="ward", reason=BackupReason.MANUAL, now=NOW + timedelta(days=1))
    assert not [path for path in folder.iterdir() if path.name.startswith(".")]


def test_a_restore_killed_at_random_moments_leaves_old_or_new_content(big_book: Path, tmp_path: Path) -> None:
    book = copy_of(big_book, tmp_path / "ward.db")
    backups = {}
    backups["big"] = create_backup(book, tmp_path / "kept", stem="ward", reason=BackupReason.MANUAL, now=NOW).path
    with Store.open(book) as store:
        people = store.staff.add_many([make_staff(f"NX{n:03d}") for n in range(7)], ACTOR)
        store.attendance.add_many([late(person.id, date(2026, 1, 1) + timedelta(days=d))
                                   for person in people for d in range(100)], ACTOR)
    backups["changed"] = create_backup(book, tmp_path / "kept", stem="ward", reason=BackupReason.MANUAL,
                                       now=NOW + timedelta(hours=1)).path
    content = {name: counts(path) for name, path in backups.items()}
    assert content["big"] != content["changed"]

    def target() -> str:
        """The backup whose content the book does not hold now, so that every restore changes it."""
        return "changed" if counts(book)["staff"] == content["big"]["staff"] else "big"

    kills = RandomKills(6, lambda: timed(["restore", str(book), str(backups[target()]), ""]))
    while kills.more():
        before = counts(book)
        restored = target()
        after = {**content[restored], "change_log": content[restored]["change_log"] + 1}
        kills.run(["restore", str(book), str(backups[restored]), ""])
        assert check_integrity(book) == []
        assert counts(book) in (before, after)
        Store.open(book).close()  # the real opening: integrity check, migrations, WAL
    kills.check_spread("restores")

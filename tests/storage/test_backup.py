"""storage.backup: verified copies under their final name only, thinning by age, restores, and damaged books
refused for writing with the newest good backup named."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from storage_helpers import ACTOR, corrupt_middle_page, late, make_staff

from ward_office.storage import DatabaseError, Store, check_integrity
from ward_office.storage.backup import (
    BackupFile,
    BackupReason,
    RetentionPolicy,
    backup_folder,
    create_backup,
    find_backups,
    newest_good_backup,
    obsolete_backups,
    prune_backups,
    remove_stale_temp_files,
    restore,
)
from ward_office.storage.database import DamagedDatabaseError, open_database
from ward_office.storage.migrations import MIGRATIONS

NOW = datetime(2026, 11, 20, 9, 30, 0)


def filled(path: Path, people: int = 20, days: int = 40) -> Path:
    with Store.open(path) as store:
        staff = store.staff.add_many([make_staff(f"NV{n:03d}") for n in range(people)], ACTOR)
        store.attendance.add_many([late(person.id, date(2026, 1, 1) + timedelta(days=d))
                                   for person in staff for d in range(days)], ACTOR)
    return path


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("staff", "attendance", "departments", "change_log")}
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fake(taken_at: datetime, reason: BackupReason = BackupReason.DAILY) -> BackupFile:
    return BackupFile(Path(f"w-{taken_at:%Y-%m-%d-%H%M%S}.db"), taken_at, reason, 1)


# ---- Making backups ----


def test_a_backup_is_a_verified_copy_under_a_dated_name(db_path: Path) -> None:
    filled(db_path)
    before = digest(db_path)
    backup = create_backup(db_path, backup_folder(db_path), stem="ward", reason=BackupReason.MANUAL, now=NOW)
    assert backup.path == db_path.parent / "sao-luu" / "ward-2026-11-20-093000-manual.db"
    assert (backup.taken_at, backup.reason, backup.size) == (NOW, BackupReason.MANUAL, backup.path.stat().st_size)
    assert check_integrity(backup.path) == []
    assert counts(backup.path) == counts(db_path)
    assert digest(db_path) == before  # the book itself is only read
    assert sorted(p.name for p in backup.path.parent.iterdir()) == [backup.path.name]  # no -wal, no temp file
    assert find_backups(backup.path.parent, "ward") == [backup]


def test_two_backups_in_the_same_second_get_two_names(db_path: Path) -> None:
    filled(db_path, people=2, days=2)
    first = create_backup(db_path, backup_folder(db_path), stem="ward", reason=BackupReason.DAILY, now=NOW)
    second = create_backup(db_path, backup_folder(db_path), stem="ward", reason=BackupReason.DAILY, now=NOW)
    assert first.path != second.path and second.taken_at == NOW + timedelta(seconds=1)


def test_a_backup_sees_only_committed_changes_of_a_book_open_for_writing(db_path: Path) -> None:
    filled(db_path, people=3, days=3)
    with Store.open(db_path) as store:
        store.departments.add("Tổ đã lưu", ACTOR)
        with store.atomic():
            store.departments.add("Tổ chưa lưu", ACTOR)
            backup = create_backup(db_path, backup_folder(db_path), stem="ward", reason=BackupReason.MANUAL, now=NOW)
    names = {row[0] for row in sqlite3.connect(backup.path).execute("SELECT name FROM departments")}
    assert "Tổ đã lưu" in names and "Tổ chưa lưu" not in names


def test_other_files_in_the_folder_are_not_backups(tmp_path: Path) -> None:
    for name in ("ward-2026-11-20-093000-daily.db", "ward-2-2026-11-20-093000-daily.db", "ward-notes.db",
                 "ward-2026-13-20-093000-daily.db", "ward-2026-11-20-093000-bogus.db", "other-2026-11-20-093000.db"):
        (tmp_path / name).write_bytes(b"x")
    assert [backup.path.name for backup in find_backups(tmp_path, "ward")] == ["ward-2026-11-20-093000-daily.db"]
    assert [backup.path.name for backup in find_backups(tmp_path, "ward-2")] == ["ward-2-2026-11-20-093000-daily.db"]


def test_leftover_temp_files_of_a_dead_process_are_removed(db_path: Path) -> None:
    filled(db_path, people=2, days=2)
    folder = backup_folder(db_path)
    folder.mkdir()
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, encoding="utf-8", check=True)
    dead = int(finished.stdout)
    leftovers = [folder / f".ward-2026-11-20-093000-daily.db.{dead}.tmp",
                 folder / f".ward-2026-11-20-093000-daily.db.{dead}.tmp-journal"]
    alive = folder / f".ward-2026-11-20-093000-daily.db.{os.getppid()}.tmp"  # someone else's backup under way
    for path in [*leftovers, alive]:
        path.write_bytes(b"half a backup")
    create_backup(db_path, folder, stem="ward", reason=BackupReason.DAILY, now=NOW)
    assert not any(path.exists() for path in leftovers)
    assert alive.exists()
    os.utime(alive, (0, 0))  # a day old: left over, whoever made it
    assert remove_stale_temp_files(folder) == [alive]


def test_a_damaged_book_makes_no_backup(db_path: Path) -> None:
    filled(db_path)
    corrupt_middle_page(db_path)
    with pytest.raises(DatabaseError):
        create_backup(db_path, backup_folder(db_path), stem="ward", reason=BackupReason.MANUAL, now=NOW)
    assert list(backup_folder(db_path).iterdir()) == []


# ---- Thinning by age ----


def test_policy_keeps_recent_then_daily_weekly_monthly() -> None:
    policy = RetentionPolicy(recent_days=2, recent_max=5, daily=3, weekly=2, monthly=2)
    hourly_today = [fake(NOW - timedelta(hours=h)) for h in range(7)]  # 7 today: the 5 newest are "recent"
    yesterday = [fake(NOW - timedelta(days=1, hours=1))]
    one_a_day = [fake(NOW - timedelta(days=d)) for d in range(2, 120)]
    obsolete = set(obsolete_backups([*hourly_today, *yesterday, *one_a_day], policy, NOW))
    kept = sorted({*hourly_today, *yesterday, *one_a_day} - obsolete, key=lambda b: b.taken_at, reverse=True)
    kept_days = [backup.taken_at.date() for backup in kept]
    # 5 recent of today; yesterday by the daily rule (2 slots left for 18/11 and 17/11)
    assert kept[:5] == hourly_today[:5]
    assert kept_days[5:8] == [date(2026, 11, 19), date(2026, 11, 18), date(2026, 11, 17)]
    # then the newest of each earlier week (ISO weeks), then the newest of each earlier month
    assert kept_days[8:10] == [date(2026, 11, 15), date(2026, 11, 8)]
    assert kept_days[10:] == [date(2026, 10, 31), date(2026, 9, 30)]


def test_policy_defaults_with_daily_backups_over_a_year() -> None:
    backups = [fake(NOW - timedelta(days=d)) for d in range(400)]
    kept = set(backups) - set(obsolete_backups(backups, RetentionPolicy(), NOW))
    # 2 recent days + 7 daily + 8 weekly + 12 monthly
    assert len(kept) == 2 + 7 + 8 + 12
    assert backups[0] in kept


def test_the_newest_backup_is_never_obsolete() -> None:
    backups = [fake(NOW - timedelta(days=d)) for d in (30, 60, 90)]
    none_kept = RetentionPolicy(recent_days=0, recent_max=0, daily=0, weekly=0, monthly=0)
    assert obsolete_backups(backups, none_kept, NOW) == backups[1:]


def test_raw_copies_of_damaged_files_are_never_thinned() -> None:
    backups = [fake(NOW - timedelta(days=d), BackupReason.DAMAGED) for d in range(50)]
    assert obsolete_backups(backups, RetentionPolicy(daily=1, weekly=0, monthly=0), NOW) == []


def test_prune_deletes_only_what_the_policy_lets_go(tmp_path: Path) -> None:
    names = [f"ward-{NOW - timedelta(days=d):%Y-%m-%d-%H%M%S}-daily.db" for d in range(20)]
    for name in [*names, "ward-notes.txt"]:
        (tmp_path / name).write_bytes(b"x")
    removed = prune_backups(tmp_path, "ward", RetentionPolicy(recent_days=1, daily=2, weekly=0, monthly=0), NOW)
    assert [backup.path.name for backup in removed] == names[3:]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([*names[:3], "ward-notes.txt"])


# ---- Restoring ----


def test_restore_round_trips_and_logs_itself(db_path: Path) -> None:
    filled(db_path)
    backup = create_backup(db_path, backup_folder(db_path), stem="ward", reason=BackupReason.MANUAL, now=NOW)
    saved = counts(db_path)
    with Store.open(db_path) as store:
        store.staff.add(make_staff("NV999"), ACTOR)
    assert counts(db_path)["staff"] == saved["staff"] + 1
    restore(backup.path, db_path, actor=ACTOR, detail={"kept_as": "x.db"})
    assert counts(db_path) == {**saved, "change_log": saved["change_log"] + 1}
    with Store.open(db_path) as store:
        line = store.change_log.list(limit=1)[0]
        assert store.staff.by_code("NV999") is None
    assert (line.actor, line.entity, line.detail) == (ACTOR, "database",
                                                      {"restored_from": backup.path.name, "kept_as": "x.db"})
    assert check_integrity(db_path) == []
    assert not [path for path in db_path.parent.iterdir() if path.name.endswith(".tmp")]


def test_restore_reaches_a_connection_already_open_on_the_book(db_path: Path) -> None:
    filled(db_path, people=3, days=2)
    backup = create_backup(db_path, backup_folder(db_path), stem="ward", reason=BackupReason.MANUAL, now=NOW)
    with Store.open(db_path) as store:
        store.staff.add(make_staff("NV999"), ACTOR)
        restore(backup.path, db_path, actor=ACTOR)
        assert store.staff.by_code("NV999") is None


def test_a_damaged_backup_is_refused_and_the_book_is_untouched(db_path: Path) -> None:
    filled(db_path)
    backup = create_backup(db_path, backup_folder(db_path), stem="ward", reason=BackupReason.MANUAL, now=NOW)
    corrupt_middle_page(backup.path)
    before = digest(db_path)
    with pytest.raises(DatabaseError) as raised:
        restore(backup.path, db_path, actor=ACTOR)
    assert "cannot be restored" in str(raised.value)
    assert digest(db_path) == before


def test_a_foreign_sqlite_file_is_refused_as_a_backup(db_path: Path, tmp_path: Path) -> None:
    filled(db_path, people=2, days=2)
    other = tmp_path / "songs.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    with pytest.raises(DatabaseError):
        restore(other, db_path, actor=ACTOR)


def test_a_damaged_book_is_replaced_as_a_file(db_path: Path) -> None:
    filled(db_path)
    backup = create_backup(db_path, backup_folder(db_path), stem="ward", reason=BackupReason.MANUAL, now=NOW)
    saved = counts(db_path)
    corrupt_middle_page(db_path)
    restore(backup.path, db_path, actor=ACTOR)
    assert check_integrity(db_path) == []
    assert counts(db_path)["staff"] == saved["staff"]
    open_database(db_path).close()


def test_a_damaged_book_held_open_by_another_program_is_left_as_it_was(db_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows a program holding the damaged book open (a viewer, a scanner that does not let go) makes every
    rename fail: the restore says so by the book's name and leaves the damaged file for the next try."""
    filled(db_path)
    backup = create_backup(db_path, backup_folder(db_path), stem="ward", reason=BackupReason.MANUAL, now=NOW)
    corrupt_middle_page(db_path)
    damaged = digest(db_path)
    tries: list[str] = []

    def held_open(source: str | Path, target: str | Path) -> None:
        tries.append(str(target))
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr("ward_office.core.file_replace.os.replace", held_open)
    monkeypatch.setattr("ward_office.core.file_replace.PAUSE_SECONDS", 0)
    with pytest.raises(DatabaseError, match=r"ward\.db") as refused:
        restore(backup.path, db_path, actor=ACTOR)
    assert "another program has it open" in str(refused.value)
    assert tries == [str(db_path)] * 10
    assert digest(db_path) == damaged
    assert [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_scanner_holding_the_damaged_book_for_a_moment_is_waited_out(db_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    filled(db_path)
    backup = create_backup(db_path, backup_folder(db_path), stem="ward", reason=BackupReason.MANUAL, now=NOW)
    saved = counts(db_path)
    corrupt_middle_page(db_path)
    real_replace = os.replace
    refusals = iter([True, True])

    def scanned(source: str | Path, target: str | Path) -> None:
        if next(refusals, False):
            raise PermissionError(13, "The process cannot access the file")
        real_replace(source, target)

    monkeypatch.setattr("ward_office.core.file_replace.os.replace", scanned)
    monkeypatch.setattr("ward_office.core.file_replace.PAUSE_SECONDS", 0)
    restore(backup.path, db_path, actor=ACTOR)
    assert check_integrity(db_path) == []
    assert counts(db_path)["staff"] == saved["staff"]


# ---- Damaged books are refused for writing ----


@pytest.mark.parametrize("damage", ["truncated", "corrupted"])
def test_a_damaged_book_is_refused_unchanged_and_the_newest_good_backup_offered(db_path: Path, damage: str) -> None:
    filled(db_path)
    folder = backup_folder(db_path)
    older = create_backup(db_path, folder, stem="ward", reason=BackupReason.DAILY, now=NOW - timedelta(days=1))
    newest = create_backup(db_path, folder, stem="ward", reason=BackupReason.DAILY, now=NOW)
    create_backup(db_path, folder, stem="ward", reason=BackupReason.MANUAL, now=NOW + timedelta(hours=1))
    corrupt_middle_page(sorted(folder.iterdir())[-1])  # the very newest backup is damaged too
    if damage == "truncated":
        with db_path.open("r+b") as handle:
            handle.truncate(db_path.stat().st_size // 2)
    else:
        corrupt_middle_page(db_path)
    before = digest(db_path), db_path.stat().st_mtime_ns
    files = sorted(db_path.parent.iterdir())
    for opening in (lambda: open_database(db_path), lambda: Store.open(db_path)):
        with pytest.raises(DamagedDatabaseError) as raised:
            opening()
        assert raised.value.problems
        assert raised.value.backup == newest
        assert (digest(db_path), db_path.stat().st_mtime_ns) == before
        assert sorted(db_path.parent.iterdir()) == files  # no -wal, no -shm, no migration backup
    assert newest_good_backup(db_path) == newest != older


def test_a_garbage_file_is_still_not_a_ward_office_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database " * 300)
    with pytest.raises(DatabaseError) as raised:
        open_database(path)
    assert not isinstance(raised.value, DamagedDatabaseError)
    assert "not a Ward Office database" in str(raised.value)


# ---- Before a migration ----


def test_a_file_with_pending_migrations_is_backed_up_before_they_run(db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    MIGRATIONS.apply(db, stop_before="m004_accounts_and_snapshots")
    db.execute("INSERT INTO staff (code, full_name, gender, category)"
               " VALUES ('NV1', 'Lê Văn Tám', 'male', 'cong_chuc')")
    db.conn.commit()
    db.close()
    with Store.open(db_path) as store:
        assert "m004_accounts_and_snapshots" in store.schema_version
    [backup] = find_backups(backup_folder(db_path), "ward")
    assert backup.reason is BackupReason.MIGRATION
    old = sqlite_utils.Database(backup.path)
    assert [m.name for m in MIGRATIONS.applied(old)][-1] == "m003_clock_punches"
    assert old.execute("SELECT full_name FROM staff").fetchall() == [("Lê Văn Tám",)]
    old.close()
    Store.open(db_path).close()  # up to date now: no second backup
    assert len(find_backups(backup_folder(db_path), "ward")) == 1


def test_a_new_file_is_not_backed_up(db_path: Path) -> None:
    Store.open(db_path).close()
    Store.open(db_path).close()
    assert not backup_folder(db_path).exists()

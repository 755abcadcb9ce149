"""check_integrity: reports damage, and never writes to the file it inspects."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from storage_helpers import ACTOR, corrupt_middle_page, late, make_staff

from ward_office.storage import Store, check_integrity
from ward_office.storage.clean_close import record_path
from ward_office.storage.database import open_database


def filled_database(path: Path) -> Path:
    from datetime import date, timedelta

    with Store.open(path) as store:
        people = store.staff.add_many([make_staff(f"NV{n:03d}") for n in range(40)], ACTOR)
        store.attendance.add_many(
            [late(person.id, date(2026, 1, 1) + timedelta(days=d)) for person in people for d in range(60)],
            ACTOR,
        )
    return path


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_sound_file_has_no_problems(db_path: Path) -> None:
    filled_database(db_path)
    before = snapshot(db_path)
    files = sorted(db_path.parent.iterdir())
    assert check_integrity(db_path) == []
    assert snapshot(db_path) == before
    assert sorted(db_path.parent.iterdir()) == files  # no -wal or -shm left behind


def test_file_open_for_writing_elsewhere_is_checked(db_path: Path) -> None:
    filled_database(db_path)
    with Store.open(db_path) as store:
        store.departments.add("Tổ mới", ACTOR)
        assert check_integrity(db_path) == []


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_file_is_reported_and_left_unchanged(db_path: Path, keep: float) -> None:
    filled_database(db_path)
    size = db_path.stat().st_size
    with db_path.open("r+b") as handle:
        handle.truncate(int(size * keep))
    os.utime(db_path, ns=(1_000_000_000, 1_000_000_000))
    before = snapshot(db_path)
    problems = check_integrity(db_path)
    assert problems
    assert snapshot(db_path) == before


def test_garbage_file_is_reported_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(os.urandom(8192))
    before = snapshot(path)
    assert check_integrity(path)
    assert snapshot(path) == before


def test_damaged_page_is_reported(db_path: Path) -> None:
    filled_database(db_path)
    corrupt_middle_page(db_path)
    before = snapshot(db_path)
    assert check_integrity(db_path)
    assert snapshot(db_path) == before


def test_broken_foreign_key_is_reported(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)  # foreign keys are off by default on a bare connection
    conn.execute("INSERT INTO staff (code, full_name, gender, category, department_id)"
                 " VALUES ('X1', 'X', 'male', 'can_bo', 999)")
    conn.commit()
    conn.close()
    problems = check_integrity(db_path)
    assert len(problems) == 1
    assert "staff" in problems[0] and "departments" in problems[0]


def test_missing_file_is_reported_not_created(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    assert check_integrity(path)
    assert not path.exists()


# ---- The check on opening, begun early (``check_in_background``) ----


def _counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from ward_office.storage import database

    threads: list[str] = []
    real = database.check_integrity

    def counting(path: Path, *, quick: bool = False) -> list[str]:
        import threading

        threads.append(threading.current_thread().name)
        return real(path, quick=quick)

    monkeypatch.setattr(database, "check_integrity", counting)
    return threads


def test_a_check_begun_early_is_the_one_opening_uses(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ward_office.storage.database import check_in_background

    filled_database(db_path)
    record_path(db_path).unlink()  # as after a session that did not end cleanly
    threads = _counting_checks(monkeypatch)
    check_in_background(db_path)
    open_database(db_path).close()
    assert threads == ["check-on-open"]
    open_database(db_path).close()  # used once: the next opening checks again, itself
    assert threads == ["check-on-open", "MainThread"]


def test_a_book_changed_after_the_early_check_is_checked_again(db_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from ward_office.storage.database import DamagedDatabaseError, check_in_background

    filled_database(db_path)
    record_path(db_path).unlink()
    threads = _counting_checks(monkeypatch)
    check_in_background(db_path)
    corrupt_middle_page(db_path)  # after the early check began, perhaps after it found the book sound
    os.utime(db_path, ns=(db_path.stat().st_atime_ns, db_path.stat().st_mtime_ns + 1_000_000_000))
    with pytest.raises(DamagedDatabaseError):
        open_database(db_path)
    assert threads == ["check-on-open", "MainThread"]


def test_damage_found_by_the_early_check_refuses_the_book(db_path: Path) -> None:
    from ward_office.storage.database import DamagedDatabaseError, check_in_background

    filled_database(db_path)
    corrupt_middle_page(db_path)
    before = snapshot(db_path)
    check_in_background(db_path)
    with pytest.raises(DamagedDatabaseError):
        open_database(db_path)
    assert snapshot(db_path) == before


def test_no_early_check_of_a_book_that_is_not_there(tmp_path: Path) -> None:
    from ward_office.storage.database import _early_checks, check_in_background

    check_in_background(tmp_path / "new.db")
    assert not (tmp_path / "new.db").exists() and not _early_checks


# ---- A book unchanged since its last clean close is not checked again (``storage.clean_close``) ----


def test_a_book_closed_cleanly_opens_without_the_check_and_a_crash_brings_it_back(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ward_office.storage.database import check_in_background

    filled_database(db_path)
    assert record_path(db_path).is_file()
    threads = _counting_checks(monkeypatch)
    check_in_background(db_path)
    with Store.open(db_path) as store:
        assert not record_path(db_path).exists()  # while open, the file may change in ways no record tells
        store.departments.add("Tổ mới", ACTOR)
        assert threads == []
    with Store.open(db_path, read_only=True):
        pass
    assert threads == []
    store = Store.open(db_path)
    store.departments.add("Tổ khác", ACTOR)
    store.conn.close()  # the program dies: its writer lock goes with it, the -wal and no record stay behind
    from ward_office.storage import writer_lock

    writer_lock.release(store._writer)  # type: ignore[arg-type]
    assert not record_path(db_path).exists()
    with Store.open(db_path):
        assert threads == ["MainThread"]


@pytest.mark.parametrize("damage", ["page", "truncated"])
def test_damage_after_a_clean_close_is_still_refused(db_path: Path, damage: str) -> None:
    from ward_office.storage.database import DamagedDatabaseError, check_in_background

    filled_database(db_path)
    assert record_path(db_path).is_file()
    if damage == "page":
        corrupt_middle_page(db_path)
    else:
        with db_path.open("r+b") as handle:
            handle.truncate(db_path.stat().st_size // 2)
    before = snapshot(db_path)
    check_in_background(db_path)
    with pytest.raises(DamagedDatabaseError):
        open_database(db_path)
    assert snapshot(db_path) == before
    with pytest.raises(DamagedDatabaseError):
        open_database(db_path, read_only=True)


def test_the_record_is_of_the_file_as_closed_and_is_not_in_the_book(db_path: Path) -> None:
    import json

    filled_database(db_path)
    header = db_path.read_bytes()[:100]
    recorded = json.loads(record_path(db_path).read_text(encoding="ascii"))
    assert recorded == {"counter": int.from_bytes(header[24:28], "big"), "size": db_path.stat().st_size,
                        "mtime_ns": db_path.stat().st_mtime_ns}
    assert not db_path.with_name(db_path.name + "-wal").exists()

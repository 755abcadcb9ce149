"""One writer per record book: a second process views only and is told who writes; a killed writer lets go.

The holder is a real second process (``sys.executable``) holding the book through ``Store.open``, as the
window or a command of another copy of the program would.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ward_office.services.imports import import_staff
from ward_office.services.ward import Ward
from ward_office.storage import DatabaseError, Store, writer_lock
from ward_office.storage.writer_lock import LockHolder, WriterBusyError

pytestmark = pytest.mark.usefixtures("vietnamese")

ROOT = Path(__file__).resolve().parents[2]
HOLD = """
import sys, time
from ward_office.storage import Store
store = Store.open(sys.argv[1])
print("held", flush=True)
time.sleep(120)
"""
STAFF_CSV = "Mã cán bộ,Họ và tên,Giới tính,Chức vụ,Loại,Bộ phận\nNV901,Lê Văn Tâm,Nam,Chuyên viên,Công chức,Văn phòng\n"


def start_holder(db: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True,
                              encoding="utf-8", cwd=ROOT)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


@pytest.fixture
def holder(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    Ward.open(db_path).close()  # a book with its plan, then let go
    process = start_holder(db_path)
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ward_office", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=60)


def staff_file(folder: Path) -> Path:
    path = folder / "staff.csv"
    path.write_text(STAFF_CSV, encoding="utf-8")
    return path


def change_count(db: Path) -> int:
    with Store.open(db, read_only=True) as store:
        return store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]


def test_a_second_process_opens_the_book_to_view_only_and_is_told_who_writes(db_path: Path, holder) -> None:
    before = change_count(db_path)
    with Ward.open(db_path) as ward:
        assert ward.read_only
        assert ward.busy is not None and ward.busy.holder is not None
        assert ward.busy.holder.pid == holder.pid
        reason = ward.read_only_reason or ""
        assert reason.startswith("Sổ đang được mở để ghi bởi ")
        assert f"trên máy {socket.gethostname()} từ " in reason and f"tiến trình {holder.pid}" in reason
        assert ward.staff() == []  # reading works

        with pytest.raises(DatabaseError) as refused:
            ward.store.departments.add("Tổ mới", ward.actor)
        assert refused.value.localized() == ("Sổ chỉ được mở để xem ở đây nên chưa có thay đổi nào được ghi. "
                                             + reason)
        with pytest.raises(DatabaseError) as asked_first:
            ward.check_writable()
        assert asked_first.value.localized() == refused.value.localized()
    assert change_count(db_path) == before


def test_writing_services_refuse_naming_the_holder_and_write_nothing(db_path: Path, holder, tmp_path: Path) -> None:
    staff = staff_file(tmp_path)
    before = change_count(db_path)

    with Ward.open(db_path) as ward, pytest.raises(DatabaseError) as busy:
        assert ward.read_only and isinstance(ward.busy, WriterBusyError)  # opened to view only, naming the holder
        import_staff(ward, staff)
    assert f"tiến trình {holder.pid}" in busy.value.localized()

    refused = run_cli("import-staff", "--db", str(db_path), str(staff))
    assert refused.returncode != 0
    assert "Sổ đang được mở để ghi bởi" in refused.stderr and f"tiến trình {holder.pid}" in refused.stderr
    assert change_count(db_path) == before

    # Reading commands need no lock, and a trial run of an import only reads.
    assert run_cli("score", "--db", str(db_path), "--period", "2026-H1").returncode == 0
    assert run_cli("check", "--db", str(db_path)).returncode == 0
    trial = run_cli("import-staff", "--db", str(db_path), str(staff), "--dry-run")
    assert trial.returncode == 0, trial.stderr
    assert "sẽ thêm 1" in trial.stdout and "Chưa lưu gì (chạy thử)." in trial.stdout
    assert change_count(db_path) == before


def test_a_killed_holder_leaves_no_lock_behind(db_path: Path, holder) -> None:
    with Ward.open(db_path) as ward:
        assert ward.read_only
    holder.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
    holder.wait()
    assert writer_lock.lock_path(db_path.resolve()).exists()  # the file stays; the OS lock went with the process
    with Ward.open(db_path) as ward:
        assert not ward.read_only and ward.busy is None
        ward.store.departments.add("Tổ mới", ward.actor)
        text = writer_lock.lock_path(db_path.resolve()).read_text(encoding="utf-8")
        written = LockHolder.from_text(text)
        assert written is not None and written.pid == os.getpid()
    assert "Tổ mới" in [department.name for department in Ward.open(db_path, read_only=True).departments()]


def test_a_holder_that_closes_lets_the_next_one_write(db_path: Path) -> None:
    Store.open(db_path).close()
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom ward_office.storage import Store\nStore.open(sys.argv[1]).close()\n"
         "print('closed', flush=True)\ninput()\n", str(db_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "closed"
        with Ward.open(db_path) as ward:  # the other process still runs but has closed the book
            assert not ward.read_only
    finally:
        process.kill()
        process.wait()


def test_one_process_holds_the_book_once_for_the_window_and_its_jobs(db_path: Path, tmp_path: Path) -> None:
    window = Ward.open(db_path)
    errors: list[BaseException] = []

    def job() -> None:
        try:
            with Ward.open(db_path) as ward:  # a background job's own connection, another thread
                store = ward.store
                store.departments.add("Tổ của việc nền", "job")
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=job)
    thread.start()
    thread.join()
    assert errors == []
    assert not window.read_only and writer_lock.holds(db_path)
    window.store.departments.add("Tổ của cửa sổ", window.actor)

    # Another process cannot write while the window is open, even though the job let go.
    probe = run_cli("import-staff", "--db", str(db_path), str(staff_file(tmp_path)))
    assert probe.returncode != 0 and f"tiến trình {os.getpid()}" in probe.stderr
    window.close()
    assert not writer_lock.holds(db_path)
    other = start_holder(db_path)  # and once the window is closed it can
    other.kill()
    other.wait()


def test_the_holder_details_of_a_lock_file_being_written_are_not_needed(db_path: Path) -> None:
    """A reader that finds no details (the holder locked but has not written them yet) still says why."""
    error = WriterBusyError(db_path, None)
    assert error.localized() == (f"Sổ {db_path} đang được mở để ghi ở một chương trình khác; chỉ ghi được ở đây "
                                 "sau khi sổ được đóng ở đó")
    assert LockHolder.from_text("") is None and LockHolder.from_text("{not json") is None


# Root writes in any folder: the same attempt, in a process whose root lacks the capabilities that allow it.
WITHOUT_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
ACQUIRE = """
import sys
from ward_office.i18n import set_language
from ward_office.storage import DatabaseError, writer_lock
set_language(sys.argv[2])
try:
    writer_lock.acquire(sys.argv[1])
except DatabaseError as error:
    print(error.localized())
"""


def test_a_folder_that_cannot_be_written_is_a_clear_error(tmp_path: Path, vietnamese: None) -> None:
    if sys.platform == "win32":
        pytest.skip("Windows ignores a folder's read-only mode: there is no such folder to make")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.geteuid() != 0:
            with pytest.raises(DatabaseError, match="Không mở được"):
                writer_lock.acquire(folder / "ward.db")
        else:
            done = subprocess.run([*WITHOUT_OVERRIDE, sys.executable, "-c", ACQUIRE, str(folder / "ward.db"), "vi"],
                                  capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60,
                                  check=False)
            assert done.stdout.startswith(f"Không mở được {folder / 'ward.db'}"), done.stdout + done.stderr
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_restore_waits_for_the_book_to_be_free(db_path: Path, tmp_path: Path) -> None:
    from ward_office.storage.backup import BackupReason, create_backup, restore

    Ward.open(db_path).close()
    backup = create_backup(db_path, tmp_path / "sao-luu", stem="ward", reason=BackupReason.MANUAL)
    with Store.open(db_path) as store:
        store.departments.add("Tổ mới", actor="Lan")
    process = start_holder(db_path)
    try:
        with pytest.raises(WriterBusyError):
            restore(backup.path, db_path, actor="Lan")
        with Store.open(db_path, read_only=True) as store:
            assert "Tổ mới" in {department.name for department in store.departments.list()}
    finally:
        process.kill()
        process.wait()
    restore(backup.path, db_path, actor="Lan")
    with Store.open(db_path, read_only=True) as store:
        assert "Tổ mới" not in {department.name for department in store.departments.list()}

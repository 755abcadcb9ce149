"""Attacks on what a user sees when the machine says no: a read-only book, a full disk, output cut off by
``head``, an error nobody foresaw. Each must end in one Vietnamese line (or quietly, for the cut-off
output), a non-zero exit, no Python traceback on the terminal, and nothing written.

The read-only book and the full disk are real: the tests run as root, where file permissions do not stop
writes, so the book is put on a read-only bind mount of itself, and on a small tmpfs filled to the brim.
Where mounting is not permitted those two tests are skipped, saying so.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ward_office.cli import main
from ward_office.services import demo
from ward_office.services.demo import DEMO_PASSWORD
from ward_office.services.ward import Ward

ROOT = Path(__file__).resolve().parents[2]
EVENTS = "date,staff_code,criterion,note\n2026-03-05,CB001,TP01,Không đeo thẻ\n"


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "so.db"
    demo.build_demo(path, staff=5, months=2, seed=7, until=date(2026, 3, 20))
    return path


def cli(*args: object, data: Path, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """``ward-office`` in a process of its own, as a user runs it: what reaches the terminal is the test."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WARD_OFFICE_DATA_DIR": str(data),
           "WARD_OFFICE_PASSWORD": DEMO_PASSWORD, "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "ward_office", *map(str, args)], env=env, text=True,
                          encoding="utf-8", stdout=stdout, stderr=subprocess.PIPE, timeout=60, check=False)


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def assert_one_vietnamese_line(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode not in (0, None), result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Lỗi"), result.stderr
    assert "Traceback" not in result.stderr and "sqlite3" not in result.stderr and "Error:" not in result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


def mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"mounting is not permitted here ({done.stderr.strip()}); cannot simulate it")


@pytest.fixture
def read_only_book(demo_book: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the book that cannot be written, in a folder that can (a backup could be made beside it)."""
    if sys.platform == "win32" or os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs Linux and root")
    path = tmp_path / "so.db"
    shutil.copy(demo_book, path)
    mount("--bind", str(path), str(path))
    try:
        mount("-o", "remount,ro,bind", str(path))
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=False)


@pytest.fixture
def full_disk(demo_book: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the book on a 2 MB disk with no byte left."""
    if sys.platform == "win32" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs Linux and root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk))
    try:
        path = disk / "so.db"
        shutil.copy(demo_book, path)
        with open(disk / "filler", "wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(bytes(4096))
            except OSError:
                pass
        yield path
    finally:
        subprocess.run(["umount", str(disk)], check=False)


@pytest.mark.parametrize("command", ["import-events", "lock"])
def test_a_read_only_book_gets_one_line_and_no_backup(read_only_book: Path, tmp_path: Path, command: str) -> None:
    file = tmp_path / "su-viec.csv"
    file.write_text(EVENTS, encoding="utf-8")
    before = read_only_book.read_bytes()
    args = [file] if command == "import-events" else ["--period", "2026-02"]
    result = cli(command, "--db", read_only_book, *args, "--user", "truong", data=tmp_path / "data")
    assert_one_vietnamese_line(result, "chỉ đọc")
    assert read_only_book.read_bytes() == before
    assert not (tmp_path / "sao-luu").exists()


@pytest.mark.parametrize("command", ["import-events", "lock"])
def test_a_full_disk_gets_one_line_and_the_book_is_unchanged(full_disk: Path, tmp_path: Path, command: str) -> None:
    file = tmp_path / "su-viec.csv"
    file.write_text(EVENTS, encoding="utf-8")
    def files() -> dict[str, bytes]:  # the book and whatever SQLite keeps beside it; not the filler
        return {path.name: path.read_bytes() for path in full_disk.parent.rglob("*")
                if path.is_file() and path.name != "filler"}

    before = files()
    args = [file] if command == "import-events" else ["--period", "2026-02"]
    result = cli(command, "--db", full_disk, *args, "--user", "truong", data=tmp_path / "data")
    assert_one_vietnamese_line(result, "đầy")
    assert files() == before  # the book unchanged, and no backup begun


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pipe to head, through bash")
def test_output_cut_off_by_head_ends_quietly(demo_book: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WARD_OFFICE_DATA_DIR": str(tmp_path / "data")}
    command = f"{sys.executable} -m ward_office score --db {demo_book} --period 2026-Q1 --format json | head -1"
    piped = subprocess.run(["bash", "-o", "pipefail", "-c", command], env=env, capture_output=True, text=True,
                           timeout=60, check=False)
    assert piped.stdout.strip() == "{" and piped.stderr == ""
    assert piped.returncode in (0, 141)
    # The reader gone before the first byte is written: the write itself fails, every time.
    process = subprocess.Popen([sys.executable, "-m", "ward_office", "score", "--db", str(demo_book), "--period",
                                "2026-Q1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=60) in (0, 141) and err == ""


def test_an_unforeseen_error_is_logged_not_shown(demo_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch, vietnamese: None) -> None:
    monkeypatch.setenv("WARD_OFFICE_DATA_DIR", str(tmp_path / "data"))

    def broken(*_args: object) -> None:
        raise RuntimeError("bộ đếm hỏng")

    monkeypatch.setattr(Ward, "score", broken)
    code = main(["score", "--db", str(demo_book), "--period", "2026-02"])
    err = capsys.readouterr().err
    log = tmp_path / "data" / "ward-office.log"
    assert code != 0
    assert err.strip() == f"Lỗi không mong đợi; chi tiết đã ghi vào {log}"
    assert "Traceback" in log.read_text(encoding="utf-8") and "bộ đếm hỏng" in log.read_text(encoding="utf-8")


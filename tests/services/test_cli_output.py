"""Vietnamese output of the command line wherever it goes: a Windows pipe or file is in code page 1252 or
1258, neither of which can encode "ổ", and the command must still print (in UTF-8), not crash."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ward_office.cli import main
from ward_office.cli.output import can_write_vietnamese, make_utf8

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert main(["demo", "--db", str(path), "--staff", "8", "--months", "2", "--until", "2026-11-23"]) == 0
    return path


def test_the_windows_code_pages_cannot_write_vietnamese_and_utf8_can() -> None:
    assert not can_write_vietnamese("cp1252") and not can_write_vietnamese("cp1258")
    assert not can_write_vietnamese("ascii") and not can_write_vietnamese(None)
    assert not can_write_vietnamese("no-such-codec")
    assert can_write_vietnamese("utf-8") and can_write_vietnamese("utf-16")


@pytest.mark.parametrize("code_page", ["cp1252", "cp1258", "ascii"])
def test_a_stream_that_cannot_write_vietnamese_is_switched_to_utf8(code_page: str) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=code_page, newline="\n")  # no CR added on Windows
    stream.write("abc ")  # written before the switch, in the old encoding
    make_utf8(stream)
    stream.write("Nguyễn Văn Đức\n")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "abc Nguyễn Văn Đức\n"


def test_a_stream_that_can_is_left_alone_and_no_stream_is_no_error() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-16", errors="strict")
    make_utf8(stream)
    assert (stream.encoding, stream.errors) == ("utf-16", "strict")
    make_utf8(None)  # a Windows window program has no standard streams
    make_utf8(io.StringIO())  # nothing to reconfigure


@pytest.mark.parametrize("code_page", ["cp1252", "cp1258"])
def test_score_piped_under_a_windows_code_page_prints_vietnamese_in_utf8(demo_db: Path, code_page: str) -> None:
    environment = {**os.environ, "PYTHONIOENCODING": code_page, "PYTHONUTF8": "0"}
    done = subprocess.run([sys.executable, "-m", "ward_office", "score", "--db", str(demo_db), "--period", "2026-Q4"],
                          capture_output=True, cwd=ROOT, env=environment, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stderr == b""
    printed = done.stdout.decode("utf-8")
    assert "Điểm thi đua" in printed


def test_an_error_under_a_windows_code_page_is_told_in_utf8(tmp_path: Path) -> None:
    environment = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    done = subprocess.run([sys.executable, "-m", "ward_office", "score", "--db", str(tmp_path / "none.db"),
                           "--period", "2026-Q4"], capture_output=True, cwd=ROOT, env=environment, timeout=60,
                          check=False)
    assert done.returncode == 1
    assert done.stderr.decode("utf-8").startswith("Lỗi: ")

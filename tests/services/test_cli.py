"""The command-line contract, run in-process against real database files."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ward_office.cli import main

UNTIL = "2026-11-23"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert main(["demo", "--db", str(path), "--staff", "30", "--until", UNTIL]) == 0
    return path


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_score_json_is_base_plus_items(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run_cli(capsys, "score", "--db", demo_db, "--period", "2026-H1", "--format", "json")
    assert code == 0
    ranking = json.loads(out)
    assert ranking["label"].startswith("Điểm thi đua nội bộ")
    assert (ranking["plan"]["code"], ranking["plan"]["version"]) == ("VHCS", 1)
    assert [grade["min_score"] for grade in ranking["plan"]["grades"]] == [90, 70, 50, 0]
    assert ranking["period"] == {"kind": "half_year", "start": "2026-01-01", "end": "2026-06-30"}
    people = ranking["people"]
    assert len(people) == 30
    assert any(person["items"] for person in people)
    for person in people:
        assert {"staff_code", "full_name", "score", "rank", "grade"} <= person.keys()
        assert person["score"] == pytest.approx(person["base"] + sum(item["points"] for item in person["items"])
                                                + sum(clamp["points"] for clamp in person["clamps"]), abs=1e-9)
        for item in person["items"]:
            assert {"criterion", "points", "date", "source"} <= item.keys()
            assert "2026-01-01" <= item["date"] <= "2026-06-30"
    scores = [person["score"] for person in people]
    assert scores == sorted(scores, reverse=True)
    assert people[0]["rank"] == 1


def test_demo_is_deterministic_for_a_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for name in ("a.db", "b.db"):
        assert main(["demo", "--db", str(tmp_path / name), "--staff", "12", "--months", "3", "--seed", "7",
                     "--until", UNTIL]) == 0
        capsys.readouterr()
        code, out, _err = run_cli(capsys, "score", "--db", tmp_path / name, "--period", "2026-Q3",
                                  "--format", "json")
        assert code == 0
        outputs.append(out)
    assert outputs[0] == outputs[1]
    assert main(["demo", "--db", str(tmp_path / "c.db"), "--staff", "12", "--months", "3", "--seed", "8",
                 "--until", UNTIL]) == 0
    capsys.readouterr()
    _code, other, _err = run_cli(capsys, "score", "--db", tmp_path / "c.db", "--period", "2026-Q3",
                                 "--format", "json")
    assert other != outputs[0]


def test_demo_refuses_an_existing_ward(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run_cli(capsys, "demo", "--db", demo_db)
    assert code == 1
    assert "đã có" in err


def test_options_before_or_after_the_command(demo_db: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    before = tmp_path / "before.db"
    assert run_cli(capsys, "--db", before, "demo", "--staff", "5", "--months", "1", "--until", UNTIL)[0] == 0
    assert count(before, "staff") == 5  # not the default book in the user's data folder
    code, out, _err = run_cli(capsys, "--lang", "en", "--db", demo_db, "check")
    assert code == 0 and str(demo_db) in out and "intact" in out
    code, out, _err = run_cli(capsys, "check", "--db", demo_db, "--lang", "en")
    assert code == 0 and str(demo_db) in out and "intact" in out


def test_table_and_csv_formats(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run_cli(capsys, "score", "--db", demo_db, "--period", "2026-05")
    assert code == 0
    assert "Tháng 5 năm 2026" in out and "Họ và tên" in out
    code, out, _err = run_cli(capsys, "score", "--db", demo_db, "--period", "2026-01-01..2026-03-15",
                              "--format", "csv")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("Thứ hạng,") and lines[0].endswith(",Loại điểm")
    assert all(line.endswith("(không thay thế xếp loại chất lượng theo Nghị định 335/2025/NĐ-CP)")
               for line in lines[1:])
    _code, as_json, _err = run_cli(capsys, "score", "--db", demo_db, "--period", "2026-01-01..2026-03-15",
                                   "--format", "json")
    assert len(lines) == 1 + len(json.loads(as_json)["people"])


def test_bad_period_is_refused_in_vietnamese_and_english(demo_db: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "score", "--db", demo_db, "--period", "2026-13")
    assert code == 1 and out == ""
    assert "không phải kỳ" in err
    code, _out, err = run_cli(capsys, "score", "--db", demo_db, "--period", "H1", "--lang", "en")
    assert code == 1
    assert "is not a period" in err


def test_usage_errors_are_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["score"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "bắt buộc" in err and "--period" in err


def write(path: Path, text: str, bom: bool = False) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


@pytest.fixture
def clerk_password(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The demo book has accounts: imports into it sign in as its clerk, with the password from the environment."""
    from ward_office.services.demo import DEMO_PASSWORD

    monkeypatch.setenv("WARD_OFFICE_PASSWORD", DEMO_PASSWORD)
    monkeypatch.setenv("WARD_OFFICE_DATA_DIR", str(tmp_path / "data"))


def test_import_events_all_rows_or_none(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        clerk_password: None) -> None:
    before = count(demo_db, "events")
    bad = write(tmp_path / "bad.csv",
                "date,staff_code,criterion,note\n"
                "2026-10-05,CB001,TP01,Không đeo thẻ\n"
                "2026-10-06,CB999,TP01,\n"
                "32/10/2026,CB002,TP01,\n"
                "2026-10-07,CB003,XX99,\n")
    code, _out, err = run_cli(capsys, "import-events", "--db", demo_db, bad, "--user", "vanthu")
    assert code == 1
    assert count(demo_db, "events") == before
    assert "dòng 3" in err and "“Mã cán bộ”" in err and "CB999" in err
    assert "dòng 4" in err and "32/10/2026" in err
    assert "dòng 5" in err and "XX99" in err
    assert "dòng 2" not in err

    good = write(tmp_path / "good.csv",
                 "date,staff_code,criterion,note\n"
                 "05/10/2026,CB001,TP01,Không đeo thẻ khi tiếp dân\n"
                 "2026-10-06,CB002,DT01,Được biểu dương\n", bom=True)
    code, out, _err = run_cli(capsys, "import-events", "--db", demo_db, good, "--dry-run")
    assert code == 0 and count(demo_db, "events") == before
    code, out, _err = run_cli(capsys, "import-events", "--db", demo_db, good, "--user", "vanthu")
    assert code == 0
    assert count(demo_db, "events") == before + 2
    assert "2" in out


def test_import_events_refuses_an_old_excel_file(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 clerk_password: None) -> None:
    before = count(demo_db, "events")
    path = tmp_path / "su-viec.xls"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))  # the header of an Excel 97–2003 file
    code, _out, err = run_cli(capsys, "import-events", "--db", demo_db, path, "--user", "vanthu")
    assert code == 1 and ".xlsx" in err and "su-viec.xls" in err
    assert count(demo_db, "events") == before


def test_import_staff_adds_updates_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ward.db"
    first = write(tmp_path / "staff.csv",
                  "STT,Mã cán bộ,Họ và tên,Giới tính,Chức vụ,Loại,Bộ phận,Số thẻ,Mã chấm công,Ngày bắt đầu\n"
                  "1,CB001,Nguyễn Văn An,Nam,Chủ tịch UBND,Cán bộ,Văn phòng HĐND-UBND,0001,001,01/01/2020\n"
                  "2,CB002,Trần Thị Bình,Nữ,Chuyên viên,Công chức,Phòng Tư pháp,0002,2,\n", bom=True)
    code, out, _err = run_cli(capsys, "import-staff", "--db", db, first)
    assert code == 0, _err
    assert "Phòng Tư pháp" in out
    assert count(db, "staff") == 2
    second = write(tmp_path / "staff2.csv",
                   "code,full_name,gender,position,department\n"
                   "CB002,Trần Thị Bình,Nữ,Phó Trưởng phòng,Phòng Tư pháp\n"
                   "CB003,Lê Văn Cường,Nam,Chuyên viên,Phòng Văn hóa - Xã hội\n")
    code, out, _err = run_cli(capsys, "import-staff", "--db", db, second)
    assert code == 0
    assert count(db, "staff") == 3
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT position FROM staff WHERE code = 'CB002'").fetchone()[0] == "Phó Trưởng phòng"
        assert conn.execute("SELECT clock_id FROM staff WHERE code = 'CB001'").fetchone()[0] == "1"


def test_import_staff_refuses_bad_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ward.db"
    bad = write(tmp_path / "staff.csv",
                "Mã cán bộ;Họ và tên;Giới tính;Chức vụ;Bộ phận\n"
                "CB001;Nguyễn Văn An;Nam;Chủ tịch UBND;Văn phòng HĐND-UBND\n"
                "CB001;Trần Thị Bình;Nữ;Chuyên viên;Văn phòng HĐND-UBND\n"
                "CB003;;X;Chuyên viên;Văn phòng HĐND-UBND\n")
    code, _out, err = run_cli(capsys, "import-staff", "--db", db, bad)
    assert code == 1
    assert "dòng 3" in err and "CB001" in err
    assert "dòng 4" in err and "“Họ và tên”" in err and "“Giới tính”" in err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["staff.csv"]  # the failed import made no book


def test_check_reports_a_damaged_file(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run_cli(capsys, "check", "--db", demo_db)
    assert code == 0 and "nguyên vẹn" in out
    damaged = tmp_path / "damaged.db"
    data = bytearray(demo_db.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    damaged.write_bytes(bytes(data))
    before = damaged.read_bytes()
    code, _out, err = run_cli(capsys, "check", "--db", damaged)
    assert code == 1
    assert "hỏng" in err
    assert damaged.read_bytes() == before


def test_console_script_runs(demo_db: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "ward_office", "score", "--db", str(demo_db), "--period",
                             str(date(2026, 6, 1).year), "--format", "json"],
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["people"][0]["rank"] == 1


def test_months_not_yet_begun_do_not_count(demo_db: Path) -> None:
    from ward_office.core.period import parse_period
    from ward_office.services.ranking import score_stored_period
    from ward_office.storage import Store

    with Store.open(demo_db, read_only=True) as store:
        running = score_stored_period(store, parse_period("2026-H2"), today=date(2026, 11, 23))
        finished = score_stored_period(store, parse_period("2026-07-01..2026-11-30"), today=date(2027, 1, 1))
    by_code = {result.staff.code: result for result in finished.ranking.results}
    for result in running.ranking.results:
        assert result.sub_periods_counted <= 5
        assert result.score == by_code[result.staff.code].score


def test_the_window_command_begins_checking_the_book_before_the_window_loads(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ward_office.cli import window
    from ward_office.storage import database

    from ward_office.ui.shell import app

    events: list[str] = []
    monkeypatch.setattr(database, "check_in_background", lambda path: events.append(f"check {path.name}"))
    monkeypatch.setattr(app, "run", lambda path, language: events.append(f"window {path.name}") or 0)
    assert window.open_window(demo_db, demo=False) == 0
    assert events == [f"check {demo_db.name}", f"window {demo_db.name}"]


def test_check_accept_needs_a_reason_and_says_when_there_is_nothing_to_accept(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    book = tmp_path / "ward.db"
    shutil.copyfile(demo_db, book)
    lines = count(book, "change_log")
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", "123456")
    code, _out, err = run_cli(capsys, "--lang", "vi", "check", "--db", book, "--accept", "--user", "truong")
    assert code == 1 and "Hãy nêu lý do dùng lại sổ" in err
    code, out, _err = run_cli(capsys, "--lang", "vi", "check", "--db", book, "--accept", "--reason", "Đã đối chiếu",
                              "--user", "truong")
    assert code == 0 and "không có gì cần xác nhận" in out
    assert count(book, "change_log") == lines

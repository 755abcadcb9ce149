"""Which reader a clock file goes to (attlog lines, ADMS lines or a table), what is kept of repeated punches,
and what a read file holds (its devices, its short excerpts of bad text, the error refusing it)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ward_office.core.clock import Punch
from ward_office.core.errors import InputFileError, InputProblem
from ward_office.importers.clock_logs import ADMS, ATTLOG, TABLE, ColumnMapping, dedupe, read_clock_file
from ward_office.importers.clock_records import NOT_A_RECORD, ClockFile, clock_file, excerpt


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_half_of_the_first_lines_being_punches_makes_an_attlog(tmp_path: Path) -> None:
    path = write(tmp_path, "5_attlog.dat", "rác\n12\t2026-05-14 07:58:11\n")
    read = read_clock_file(path)
    assert read.format == ATTLOG
    assert read.punches == (Punch("12", at("2026-05-14 07:58:11"), "5", 2),)
    assert read.problems == (InputProblem(1, "", NOT_A_RECORD, {"text": "rác"}),)


def test_fewer_than_half_punch_lines_is_not_an_attlog(tmp_path: Path) -> None:
    path = write(tmp_path, "5_attlog.dat", "rác\nrác nữa\n12\t2026-05-14 07:58:11\n")
    with pytest.raises(InputFileError):
        read_clock_file(path)


def test_blank_lines_do_not_count_when_telling_the_layout(tmp_path: Path) -> None:
    path = write(tmp_path, "5_attlog.dat", "\n\n\nrác\n\n\n12\t2026-05-14 07:58:11\n")
    assert read_clock_file(path).punches == (Punch("12", at("2026-05-14 07:58:11"), "5", 7),)


def test_a_text_of_blank_lines_is_an_empty_file(tmp_path: Path, vietnamese: None) -> None:
    path = write(tmp_path, "1_attlog.dat", "\r\n \t\r\n\r\n")
    with pytest.raises(InputFileError) as caught:
        read_clock_file(path)
    assert caught.value.problems == [InputProblem(1, "", "the file is empty")]
    assert "1_attlog.dat" in caught.value.localized()


def test_adms_lines_anywhere_among_the_first_lines_make_an_adms_file(tmp_path: Path) -> None:
    path = write(tmp_path, "push.txt", "12\t2026-05-14 07:58:11\nPIN=13\tTIME=2026-05-14 07:59:00\n")
    read = read_clock_file(path)
    assert read.format == ADMS
    assert [(punch.clock_id, punch.line) for punch in read.punches] == [("12", 1), ("13", 2)]


def test_an_attlog_under_a_header_row_is_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, "1_attlog.dat", "Mã chấm công\tThời gian\n12\t2026-05-14 07:58:11\n")
    read = read_clock_file(path)
    assert read.format == TABLE
    assert read.punches == (Punch("12", at("2026-05-14 07:58:11"), "", 2),)


def test_an_attlog_under_a_title_that_is_no_header_is_an_attlog(tmp_path: Path) -> None:
    path = write(tmp_path, "1_attlog.dat", "Dữ liệu chấm công\n12\t2026-05-14 07:58:11\n13\t2026-05-14 07:59:00\n")
    read = read_clock_file(path)
    assert read.format == ATTLOG
    assert [(punch.clock_id, punch.device, punch.line) for punch in read.punches] == [("12", "1", 2), ("13", "1", 3)]


# --- duplicates --------------------------------------------------------------------------------------------

def test_dedupe_orders_numeric_ids_as_numbers_and_letters_after_them() -> None:
    moment = at("2026-05-14 07:00")
    punches = [Punch(clock_id, moment) for clock_id in ("B", "10", "A", "9", "100")]
    assert [punch.clock_id for punch in dedupe(punches)] == ["9", "10", "100", "A", "B"]


def test_dedupe_keeps_the_punch_of_the_first_device_then_the_first_line() -> None:
    moment = at("2026-05-14 07:00")
    kept = dedupe([Punch("1", moment, "B", 1), Punch("1", moment, "A", 9), Punch("1", moment, "A", 3)])
    assert kept == (Punch("1", moment, "A", 3),)


def test_dedupe_tells_apart_ids_written_differently() -> None:
    moment = at("2026-05-14 07:00")
    assert dedupe([Punch("012", moment), Punch("12", moment)]) == (Punch("012", moment), Punch("12", moment))


def test_dedupe_window_counts_from_the_last_kept_punch() -> None:
    first = at("2026-05-14 07:00")
    punches = [Punch("1", first + timedelta(minutes=minutes)) for minutes in (0, 2, 4, 6, 8)]
    assert [punch.at.minute for punch in dedupe(punches)] == [0, 4, 8]
    assert [punch.at.minute for punch in dedupe(punches, timedelta(minutes=1))] == [0, 2, 4, 6, 8]


# --- what a read file holds ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("x" * 60, "x" * 60),
    ("x" * 61, "x" * 59 + "…"),
    ("  a \t b\n c ", "a b c"),
    ("", ""),
])
def test_excerpt_of_bad_text(text: str, expected: str) -> None:
    assert excerpt(text) == expected


def test_a_clock_file_lists_its_devices_once_each_in_order() -> None:
    moment = at("2026-05-14 07:00")
    punches = [Punch("1", moment, "B"), Punch("2", moment, ""), Punch("3", moment, "A"), Punch("4", moment, "B")]
    problem = InputProblem(3, "time", "x")
    read = clock_file("cc.dat", "utf-8", ATTLOG, punches, [problem])
    assert read == ClockFile("cc.dat", "utf-8", ATTLOG, tuple(punches), (problem,), ("A", "B"))
    error = read.error()
    assert (error.file, error.problems, error.total) == ("cc.dat", [problem], 1)


def test_a_clock_file_starting_with_many_blank_lines_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "5_attlog.dat", "\r\n" * 250 + "12\t2026-05-14 07:58:11\r\n")
    assert read_clock_file(path).punches == (Punch("12", at("2026-05-14 07:58:11"), "5", 251),)


# --- what the clerk reads ----------------------------------------------------------------------------------

def test_each_problem_of_an_attlog_names_file_line_and_field_in_vietnamese(tmp_path: Path, vietnamese: None) -> None:
    path = write(tmp_path, "1_attlog.dat", "12\t2026-05-14 07:58:11\nrác\n13\t2026-13-14 07:00:00\n")
    assert read_clock_file(path).error().localized().splitlines() == [
        f"Tệp {path} có 2 lỗi nên chưa nhập dữ liệu nào",
        f"{path}, dòng 2, cột “”: dòng này không phải dữ liệu chấm công: “rác”; cần có mã chấm công, một dấu tab "
        "và thời gian dạng 2026-05-14 07:58:11",
        f"{path}, dòng 3, cột “thời gian”: “2026-13-14 07:00:00” không phải ngày giờ hợp lệ dạng 2026-05-14 07:58:11"]


def test_each_problem_of_a_table_names_file_line_and_column_in_vietnamese(tmp_path: Path, vietnamese: None) -> None:
    one_column = write(tmp_path, "cc.csv", "Mã chấm công,Thời gian\n#1,14/05/2026 07:00\n,14/05/2026 07:00\n"
                                           "2,\n3,hôm qua\n")
    assert read_clock_file(one_column).error().localized().splitlines()[1:] == [
        f"{one_column}, dòng 2, cột “Mã chấm công”: “#1” không phải mã chấm công hợp lệ",
        f"{one_column}, dòng 3, cột “Mã chấm công”: thiếu mã chấm công",
        f"{one_column}, dòng 4, cột “Thời gian”: thiếu thời gian chấm công",
        f"{one_column}, dòng 5, cột “Thời gian”: “hôm qua” không phải ngày giờ hợp lệ; hãy ghi 14/05/2026 07:58 "
        "hoặc 2026-05-14 07:58:11"]
    two_columns = write(tmp_path, "ct.csv", "Mã NV,Ngày,Giờ vào\n1,32/05/2026,07:00\n2,14/05/2026,7 giờ\n")
    assert read_clock_file(two_columns).error().localized().splitlines()[1:] == [
        f"{two_columns}, dòng 2, cột “Ngày”: “32/05/2026” không phải ngày hợp lệ; hãy ghi 14/05/2026 hoặc 2026-05-14",
        f"{two_columns}, dòng 3, cột “Giờ vào”: “7 giờ” không phải giờ hợp lệ; hãy ghi 07:58 hoặc 07:58:11"]


def test_a_file_refused_whole_says_why_in_vietnamese(tmp_path: Path, vietnamese: None) -> None:
    def refusal(path: Path, mapping: ColumnMapping | None = None) -> list[str]:
        with pytest.raises(InputFileError) as caught:
            read_clock_file(path, mapping)
        return caught.value.localized().splitlines()[1:]

    empty = write(tmp_path, "trong.csv", "\n \n")
    assert refusal(empty) == [f"{empty}, dòng 1, cột “”: tệp không có dữ liệu"]
    unknown = write(tmp_path, "ghi_chu.csv", "Họ tên,Ghi chú\nAn,đi họp\n")
    assert refusal(unknown) == [f"{unknown}, dòng 0, cột “”: chương trình không nhận ra đây là dữ liệu chấm công; "
                                "hãy chọn cột nào là mã chấm công và cột nào là thời gian"]
    mapping = ColumnMapping(name="Cổng", clock_id="Người", datetime="Lúc")
    assert refusal(unknown, mapping) == [
        f"{unknown}, dòng 1, cột “Người”: không tìm thấy cột “Người” trong 50 dòng đầu của tệp",
        f"{unknown}, dòng 1, cột “Lúc”: không tìm thấy cột “Lúc” trong 50 dòng đầu của tệp"]
    old = tmp_path / "cu.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert refusal(old) == [f"{old}, dòng 0, cột “”: đây là tệp Excel đời cũ (.xls); hãy mở bằng Excel rồi lưu lại "
                            "dưới dạng .xlsx hoặc CSV"]


def test_dedupe_orders_each_persons_punches_by_time_whatever_the_device() -> None:
    early, late = at("2026-05-14 07:00"), at("2026-05-14 08:00")
    assert dedupe([Punch("1", late, "A", 1), Punch("1", early, "B", 2)]) == (Punch("1", early, "B", 2),
                                                                            Punch("1", late, "A", 1))


def test_an_attlog_with_a_damaged_tail_is_still_an_attlog(tmp_path: Path) -> None:
    """The layout is told from the first 50 lines that hold anything: 30 punches and 20 bad lines there."""
    text = "".join(f"{n}\t2026-05-14 07:{n:02d}:00\n" for n in range(1, 31)) + "rác\n" * 200
    read = read_clock_file(write(tmp_path, "2_attlog.dat", text))
    assert read.format == ATTLOG
    assert (len(read.punches), len(read.problems)) == (30, 200)
    assert [problem.line for problem in read.problems] == list(range(31, 231))


def test_a_mapped_header_above_punch_like_lines_makes_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, "xuat.txt", "Người\tLúc\n12\t2026-05-14 07:58:11\n13\t2026-05-14 07:59:00\n")
    read = read_clock_file(path, ColumnMapping(name="Cổng", clock_id="Người", datetime="Lúc"))
    assert (read.format, read.problems) == (TABLE, ())
    assert [(punch.clock_id, punch.line) for punch in read.punches] == [("12", 2), ("13", 3)]


def test_a_header_under_a_title_above_punch_like_lines_makes_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, "xuat.txt", "Báo cáo\nMã chấm công\tThời gian\n12\t2026-05-14 07:58:11\n"
                                       "13\t2026-05-14 07:59:00\n")
    read = read_clock_file(path)
    assert (read.format, read.problems) == (TABLE, ())
    assert [(punch.clock_id, punch.line) for punch in read.punches] == [("12", 3), ("13", 4)]


@pytest.mark.parametrize("text", ["x" * 140_000 + "\n12\t2026-05-14 07:58:11\n13\t2026-05-14 07:59:00\n",
                                  "Mã chấm công,Thời gian\n12," + "x" * 140_000 + "\n"])
def test_a_line_too_long_for_the_csv_reader_is_refused_by_the_files_name(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "dai.csv", text)
    with pytest.raises(InputFileError) as caught:
        read_clock_file(path)
    assert caught.value.file == str(path)

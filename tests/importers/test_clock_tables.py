"""Clock reports as tables (CSV or XLSX through a column mapping): where the header is looked for, which rows
are punches, which are left alone, and which are problems naming their line, their column and what they hold."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest

from ward_office.core.errors import InputFileError, InputProblem
from ward_office.importers.clock_logs import read_clock_file
from ward_office.importers.clock_mapping import ColumnMapping
from ward_office.importers.clock_records import BAD_DATE, BAD_DATETIME, BAD_ID, BAD_TIME, NO_ID, NO_TIME
from ward_office.importers.clock_tables import HEADER_SEARCH_ROWS, find_header, read_table, table_from_rows

STAMP = ColumnMapping(name="một cột", clock_id="Mã", datetime="Thời gian", device="Máy")
DAY = ColumnMapping(name="ngày và giờ", clock_id="Mã", date="Ngày", times=("Vào", "Ra"))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def punches_of(clock_file) -> list[tuple[str, datetime, str, int]]:  # type: ignore[no-untyped-def]
    return [(punch.clock_id, punch.at, punch.device, punch.line) for punch in clock_file.punches]


def table(*rows: list[object], first: int = 1) -> list[tuple[int, list[object]]]:
    return [(number, list(row)) for number, row in enumerate(rows, start=first)]


def test_a_row_with_a_malformed_clock_id_does_not_drop_the_rows_after_it() -> None:
    rows = table(["Mã", "Thời gian", "Máy"],
                 ["12", "14/05/2026 07:58", "M1"],
                 ["#13", "14/05/2026 07:59", "M1"],
                 ["14", "14/05/2026 08:00", "M2"],
                 ["", "14/05/2026 08:01", "M1"],
                 ["15", "14/05/2026 08:02", "M1"])
    clock_file = table_from_rows([rows], "cc.csv", "utf-8", STAMP)
    assert punches_of(clock_file) == [("12", at("2026-05-14 07:58"), "M1", 2), ("14", at("2026-05-14 08:00"), "M2", 4),
                                      ("15", at("2026-05-14 08:02"), "M1", 6)]
    assert clock_file.problems == (InputProblem(3, "Mã", BAD_ID, {"value": "#13"}), InputProblem(5, "Mã", NO_ID))
    assert (clock_file.file, clock_file.encoding, clock_file.format) == ("cc.csv", "utf-8", "table")


def test_a_bad_time_does_not_drop_the_rows_after_it_and_names_its_column_and_value() -> None:
    rows = table(["Mã", "Thời gian", "Máy"],
                 ["12", "hôm qua", "M1"],
                 ["13", "", "M1"],
                 ["14", 46156.5, ""],
                 ["15", 2958465.99999999, "M1"],  # Excel's last second rounded up: past year 9999
                 ["16", "14/05/2026 08:00"])  # a short row: no device cell
    clock_file = table_from_rows([rows], "cc.csv", "utf-8", STAMP)
    assert punches_of(clock_file) == [("14", at("2026-05-14 12:00"), "", 4), ("16", at("2026-05-14 08:00"), "", 6)]
    assert clock_file.problems == (InputProblem(2, "Thời gian", BAD_DATETIME, {"value": "hôm qua"}),
                                   InputProblem(3, "Thời gian", NO_TIME, {"value": ""}),
                                   InputProblem(5, "Thời gian", BAD_DATETIME, {"value": "2958465.99999999"}))


def test_rows_without_a_time_and_without_a_clock_id_are_left_alone() -> None:
    rows = table(["Mã", "Thời gian", "Máy"],
                 ["12", "14/05/2026 07:58", "M1"],
                 ["", "", ""],
                 ["Tổng cộng", "", "3"],
                 ["Người lập biểu", None, None],
                 [],
                 ["13", "14/05/2026 07:59", "M1"])
    clock_file = table_from_rows([rows], "cc.csv", "utf-8", STAMP)
    assert [punch.line for punch in clock_file.punches] == [2, 7]
    assert clock_file.problems == ()


def test_date_and_time_columns_a_day_without_punches_and_bad_cells() -> None:
    rows = table(["Mã", "Ngày", "Vào", "Ra"],
                 ["12", "14/05/2026", "07:58", "17:05"],
                 ["12", "", "", ""],  # a day without punches
                 ["12", "15/05/2026", "", ""],
                 ["13", "", "07:58", ""],
                 ["14", "31/02/2026", "07:58", ""],
                 ["15", "16/05/2026", "07:58", "5 giờ"],
                 ["16", 2958465.99999999, "07:58", ""],
                 ["17", "16/05/2026", "", time(17, 1)],
                 ["#18", "16/05/2026", "07:00", ""])
    clock_file = table_from_rows([rows], "cc.xlsx", "xlsx", DAY)
    assert punches_of(clock_file) == [("12", at("2026-05-14 07:58"), "", 2), ("12", at("2026-05-14 17:05"), "", 2),
                                      ("17", at("2026-05-16 17:01"), "", 9)]
    assert clock_file.problems == (InputProblem(5, "Ngày", BAD_DATE, {"value": ""}),
                                   InputProblem(6, "Ngày", BAD_DATE, {"value": "31/02/2026"}),
                                   InputProblem(7, "Ra", BAD_TIME, {"value": "5 giờ"}),
                                   InputProblem(8, "Ngày", BAD_DATE, {"value": "2958465.99999999"}),
                                   InputProblem(10, "Mã", BAD_ID, {"value": "#18"}))


def test_a_long_bad_value_is_shortened_in_its_problem() -> None:
    rows = table(["Mã", "Thời gian"], ["x" * 70, "14/05/2026 07:58"])
    [problem] = table_from_rows([rows], "cc.csv", "utf-8", STAMP.__class__(name="", clock_id="Mã",
                                                                             datetime="Thời gian")).problems
    assert problem.params == {"value": "x" * 59 + "…"}


@pytest.mark.parametrize("titles", [0, 1, HEADER_SEARCH_ROWS - 1])
def test_the_header_is_found_below_title_rows(titles: int) -> None:
    rows = table(*([["BÁO CÁO CHẤM CÔNG"]] * titles), ["mã", "THOI GIAN", "máy"], ["12", "14/05/2026 07:58", "M1"])
    clock_file = table_from_rows([rows], "cc.csv", "utf-8", STAMP)
    assert punches_of(clock_file) == [("12", at("2026-05-14 07:58"), "M1", titles + 2)]


def test_a_header_further_down_than_the_rows_searched_is_not_found(vietnamese: None) -> None:
    rows = table(*([["BÁO CÁO CHẤM CÔNG"]] * HEADER_SEARCH_ROWS), ["Mã", "Thời gian", "Máy"],
                 ["12", "14/05/2026 07:58", "M1"])
    assert HEADER_SEARCH_ROWS == 50
    with pytest.raises(InputFileError) as caught:
        table_from_rows([rows], "cc.csv", "utf-8", STAMP)
    assert caught.value.file == "cc.csv"
    assert caught.value.problems == [
        InputProblem(1, header, "no column “{header}” in the first {rows} rows", {"header": header, "rows": 50})
        for header in ("Mã", "Thời gian", "Máy")]
    message = caught.value.localized()
    assert "cc.csv" in message and "“Thời gian”" in message and "50" in message


def test_find_header_needs_every_mapped_column_and_takes_the_first_of_a_repeated_one() -> None:
    rows = table(["Mã", "Thời gian"], ["x", "Mã", "Máy", "Thời gian", "Máy"])
    assert find_header(rows, STAMP) == (1, STAMP, {"Mã": 1, "Thời gian": 3, "Máy": 2})
    assert find_header(rows[:1], STAMP) is None


def test_find_header_guesses_the_mapping_when_none_is_given() -> None:
    rows = table(["Báo cáo"], ["STT", "User ID", "Check time"])
    assert find_header(rows, None) == (1, ColumnMapping(name="", clock_id="User ID", datetime="Check time"),
                                       {"User ID": 1, "Check time": 2})


def test_the_first_sheet_with_a_header_is_read() -> None:
    cover = table(["Bìa"], ["Tháng 5/2026"])
    data = table(["Mã", "Thời gian", "Máy"], ["12", "14/05/2026 07:58", "M1"])
    assert punches_of(table_from_rows([cover, data], "cc.xlsx", "xlsx", STAMP)) == [
        ("12", at("2026-05-14 07:58"), "M1", 2)]


@pytest.mark.parametrize("sheets", [[], [[]], [table([], ["", None]), table([" "])]])
def test_a_table_without_any_text_is_an_empty_file(sheets: list[list[tuple[int, list[object]]]],
                                                    vietnamese: None) -> None:
    with pytest.raises(InputFileError) as caught:
        table_from_rows(sheets, "cc.csv", "utf-8", STAMP)
    assert (caught.value.file, caught.value.problems) == ("cc.csv", [InputProblem(1, "", "the file is empty")])


def test_an_empty_first_sheet_and_a_second_without_header_is_not_empty(vietnamese: None) -> None:
    with pytest.raises(InputFileError) as caught:
        table_from_rows([table([""]), table(["Họ tên", "Ghi chú"])], "cc.xlsx", "xlsx", None)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (0, "")
    assert "cc.xlsx" in caught.value.localized() and "mã chấm công" in caught.value.localized()


def test_old_excel_is_refused_with_what_to_do(tmp_path: Path, vietnamese: None) -> None:
    path = tmp_path / "cham_cong.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(InputFileError) as caught:
        read_table(path, STAMP)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (0, "")
    assert "cham_cong.xls" in caught.value.localized() and ".xlsx" in caught.value.localized()


def test_an_explicit_mapping_reads_a_csv_whose_headers_are_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "xuat.csv"
    path.write_text("Số TT;Người;Lúc;Đầu đọc\n1;0012;14/05/2026 07:58;Cổng\n2;13;05/15/2026 07:59;Sân\n",
                    encoding="utf-8")
    mapping = ColumnMapping(name="Cổng", clock_id="Người", datetime="Lúc", device="Đầu đọc")
    clock_file = read_table(path, mapping)
    assert punches_of(clock_file) == [("12", at("2026-05-14 07:58"), "Cổng", 2)]
    assert clock_file.problems == (InputProblem(3, "Lúc", BAD_DATETIME, {"value": "05/15/2026 07:59"}),)
    assert read_clock_file(path, mapping) == clock_file
    with pytest.raises(InputFileError):
        read_clock_file(path)  # without the mapping: nothing says which column is which


def test_an_explicit_mapping_reads_an_xlsx_with_month_first_dates(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Người", "Hôm", "Sáng", "Chiều"])
    workbook.active.append([12, "05/14/2026", "7:58 AM", "5:05 PM"])
    workbook.active.append([13, "05/14/2026", time(7, 59), None])
    path = tmp_path / "xuat.xlsx"
    workbook.save(path)
    mapping = ColumnMapping(name="US", clock_id="Người", date="Hôm", times=("Sáng", "Chiều"), date_order="mdy")
    clock_file = read_table(path, mapping)
    assert punches_of(clock_file) == [("12", at("2026-05-14 07:58"), "", 2), ("12", at("2026-05-14 17:05"), "", 2),
                                      ("13", at("2026-05-14 07:59"), "", 3)]
    assert clock_file.encoding == "xlsx" and clock_file.problems == ()
    assert read_clock_file(path, mapping) == clock_file


def test_a_csv_the_csv_reader_refuses_is_refused_by_its_name_and_line(tmp_path: Path) -> None:
    path = tmp_path / "xuat.csv"
    path.write_text("Mã,Thời gian\n12," + "x" * 140_000 + "\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_table(path, STAMP)
    [problem] = caught.value.problems
    assert (caught.value.file, problem.line, problem.message) == (
        str(path), 2, "the file is not a valid CSV table: {error}")


def test_a_damaged_workbook_or_a_binary_file_is_refused_by_its_name(tmp_path: Path) -> None:
    damaged = tmp_path / "hong.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    binary = tmp_path / "anh.csv"
    binary.write_bytes(b"Ma,Thoi gian\n\x00\x01\x02\x03\x04")
    for path in (damaged, binary):
        with pytest.raises(InputFileError) as caught:
            read_table(path, STAMP)
        assert caught.value.file == str(path)


def test_a_workbook_read_is_named_by_its_file(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Mã", "Thời gian", "Máy"])
    workbook.active.append([12, datetime(2026, 5, 14, 7, 58), "M1"])
    path = tmp_path / "cham_cong.xlsx"
    workbook.save(path)
    read = read_table(path, STAMP)
    assert (read.file, read.encoding, read.format) == (str(path), "xlsx", "table")
    assert punches_of(read) == [("12", at("2026-05-14 07:58"), "M1", 2)]

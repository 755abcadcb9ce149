"""Reading clock logs as wards have them: USB attlog downloads, ADMS pushes, Wise Eye CSV/XLSX reports."""

from __future__ import annotations

import codecs
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from ward_office.core.clock import Punch
from ward_office.core.errors import ClockMappingError, InputFileError
from ward_office.importers.clock_logs import (
    ADMS,
    ATTLOG,
    TABLE,
    ColumnMapping,
    dedupe,
    guess_mapping,
    read_adms,
    read_attlog,
    read_clock_file,
    read_table,
)
from ward_office.importers.text_files import encode_windows_1258


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def stamps(punches: tuple[Punch, ...]) -> list[tuple[str, datetime, str, int]]:
    return [(punch.clock_id, punch.at, punch.device, punch.line) for punch in punches]


ATTLOG_TEXT = (
    "   12\t2026-05-14 07:58:11\t1\t0\t1\t0\r\n"
    "00012\t2026-05-14 17:05:40\t1\t1\t1\t0  \r\n"
    "\r\n"
    "  345\t2026-05-14 07:31:02\t1\t0\t15\t0\r\n"
    "  346\t2026-13-14 07:31:02\t1\t0\t15\t0\r\n"
    "#### ****\r\n"
    "  347\t14/05/2026 07:31\t1\t0\t1\t0\r\n"
    "    7\t2026-05-15 07:45:00\t1\t0\t1\t0   \r\n"
)


# --- attlog ------------------------------------------------------------------------------------------------

def test_attlog_reads_padded_ids_and_reports_bad_lines_by_number(tmp_path: Path) -> None:
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(ATTLOG_TEXT.encode("ascii"))
    clock_file = read_attlog(path)
    assert clock_file.format == ATTLOG
    assert clock_file.encoding == "utf-8"
    assert stamps(clock_file.punches) == [
        ("12", at("2026-05-14 07:58:11"), "1", 1),
        ("12", at("2026-05-14 17:05:40"), "1", 2),
        ("345", at("2026-05-14 07:31:02"), "1", 4),
        ("7", at("2026-05-15 07:45:00"), "1", 8),
    ]
    assert [(problem.line, problem.field) for problem in clock_file.problems] == [(5, "time"), (6, ""), (7, "time")]
    assert clock_file.problems[0].params == {"value": "2026-13-14 07:31:02"}
    assert clock_file.devices == ("1",)


def test_attlog_without_device_number_in_the_name(tmp_path: Path) -> None:
    path = tmp_path / "attlog.txt"
    path.write_text("1\t2026-05-14 07:58:11\n2\t2026-05-14 07:59\n", encoding="utf-8")
    clock_file = read_attlog(path)
    assert stamps(clock_file.punches) == [("1", at("2026-05-14 07:58:11"), "", 1),
                                          ("2", at("2026-05-14 07:59:00"), "", 2)]
    assert clock_file.devices == ()


def test_attlog_with_spaces_instead_of_tabs(tmp_path: Path) -> None:
    path = tmp_path / "AB12345_attlog.dat"
    path.write_text("   12  2026-05-14 07:58:11  1  0  1  0\n", encoding="utf-8")
    assert stamps(read_attlog(path).punches) == [("12", at("2026-05-14 07:58:11"), "AB12345", 1)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1258"])
def test_attlog_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "2_attlog.dat"
    text = "   12\t2026-05-14 07:58:11\t1\t0\t1\t0\r\n   13\t2026-05-14 08:01:00\t1\t0\t1\t0\r\n"
    if encoding.startswith("utf-16"):
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        path.write_bytes(bom + text.encode(encoding))
    else:
        path.write_bytes(text.encode(encoding))
    clock_file = read_clock_file(path)
    assert clock_file.format == ATTLOG
    assert clock_file.encoding == ("utf-8" if encoding == "cp1258" else encoding)  # ASCII is valid UTF-8
    assert [(punch.clock_id, punch.at, punch.device) for punch in clock_file.punches] == [
        ("12", at("2026-05-14 07:58:11"), "2"), ("13", at("2026-05-14 08:01:00"), "2")]
    assert clock_file.problems == ()


# --- ADMS --------------------------------------------------------------------------------------------------

ADMS_SAVED = (
    "POST /iclock/cdata?SN=ABC123&table=ATTLOG&Stamp=9999 HTTP/1.1\r\n"
    "Host: 192.168.1.10:8081\r\n"
    "Content-Length: 120\r\n"
    "\r\n"
    "12\t2026-05-14 07:58:11\t0\t1\t0\t0\t0\r\n"
    "0013\t2026-05-14 07:59:02\t0\t1\t0\t0\t0\r\n"
    "POST /iclock/cdata?SN=XYZ789&table=OPERLOG&Stamp=1 HTTP/1.1\r\n"
    "\r\n"
    "OPLOG 4\t0\t2026-05-14 08:00:00\t0\t0\t0\t0\r\n"
    "POST /iclock/cdata?SN=XYZ789&table=ATTLOG&Stamp=2 HTTP/1.1\r\n"
    "\r\n"
    "12\t2026-05-14 08:00:30\t0\t1\t0\t0\t0\r\n"
    "14\t2026-05-14 25:00:00\t0\t1\t0\t0\t0\r\n"
)


def test_adms_saved_requests_name_each_device(tmp_path: Path) -> None:
    path = tmp_path / "iclock.log"
    path.write_text(ADMS_SAVED, encoding="utf-8", newline="")  # its CRLFs as they are, on Windows too
    clock_file = read_adms(path)
    assert clock_file.format == ADMS
    assert stamps(clock_file.punches) == [
        ("12", at("2026-05-14 07:58:11"), "ABC123", 5),
        ("13", at("2026-05-14 07:59:02"), "ABC123", 6),
        ("12", at("2026-05-14 08:00:30"), "XYZ789", 12),
    ]
    assert [(problem.line, problem.field) for problem in clock_file.problems] == [(13, "time")]
    assert clock_file.devices == ("ABC123", "XYZ789")
    assert read_clock_file(path) == clock_file


def test_adms_body_text_without_serial() -> None:
    clock_file = read_adms("12\t2026-05-14 07:58:11\t0\t1\t0\t0\t0\n   7\t2026-05-14 07:01:00\t1\t1\t0\t0\t0\n")
    assert stamps(clock_file.punches) == [("12", at("2026-05-14 07:58:11"), "", 1),
                                          ("7", at("2026-05-14 07:01:00"), "", 2)]
    assert clock_file.devices == ()


def test_adms_table_form_with_keys_and_serial_header() -> None:
    body = ("SN=CJDE193560303\n"
            "ATTLOG PIN=00012\tTIME=2026-05-14 07:58:11\tSTATUS=0\tVERIFY=1\tWORKCODE=0\n"
            "ATTLOG\t13\t2026-05-14 07:59:00\t0\t1\n"
            "ATTLOG PIN=\tTIME=2026-05-14 07:59:00\n"
            "ATTLOG PIN=14\tTIME=yesterday\n")
    clock_file = read_adms(body.encode("utf-16"), name="push.txt")
    assert stamps(clock_file.punches) == [("12", at("2026-05-14 07:58:11"), "CJDE193560303", 2),
                                          ("13", at("2026-05-14 07:59:00"), "CJDE193560303", 3)]
    assert [(problem.line, problem.field) for problem in clock_file.problems] == [(4, "PIN"), (5, "TIME")]
    assert clock_file.file == "push.txt"


# --- CSV and XLSX tables -----------------------------------------------------------------------------------

WISE_EYE_CSV = (
    "ỦY BAN NHÂN DÂN PHƯỜNG BẾN THÀNH,,,\r\n"
    "BÁO CÁO DỮ LIỆU CHẤM CÔNG,,,\r\n"
    "Mã chấm công,Họ và tên,Thời gian,Máy chấm công\r\n"
    "00012,Nguyễn Thị Thủy,14/05/2026 07:58,Máy 1\r\n"
    "12,Nguyễn Thị Thủy,14/05/2026 17:05:40,Máy 2\r\n"
    "345,Trần Văn Đức,2026-05-14 07:31:02,Máy 1\r\n"
    "346,Lê Hồng Phúc,14-05-2026 07:45,Máy 1\r\n"
    ",Không mã,14/05/2026 07:45,Máy 1\r\n"
    "347,Phạm Ngọc Ánh,31/02/2026 07:45,Máy 1\r\n"
    "348,Phạm Ngọc Ánh,,Máy 1\r\n"
    ",,,\r\n"
    "Người lập biểu,,,\r\n"
)

MAPPING = ColumnMapping(name="Wise Eye", clock_id="Mã chấm công", datetime="Thời gian", device="Máy chấm công")


def write_encoded(path: Path, text: str, encoding: str) -> None:
    if encoding == "cp1258":
        path.write_bytes(encode_windows_1258(text))
    elif encoding.startswith("utf-16"):
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        path.write_bytes(bom + text.encode(encoding))
    else:
        path.write_bytes(text.encode(encoding))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1258"])
def test_csv_export_below_title_rows_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "cham_cong.csv"
    write_encoded(path, WISE_EYE_CSV, encoding)
    clock_file = read_table(path, MAPPING)
    assert clock_file.format == TABLE
    assert clock_file.encoding == encoding
    assert stamps(clock_file.punches) == [
        ("12", at("2026-05-14 07:58:00"), "Máy 1", 4),
        ("12", at("2026-05-14 17:05:40"), "Máy 2", 5),
        ("345", at("2026-05-14 07:31:02"), "Máy 1", 6),
        ("346", at("2026-05-14 07:45:00"), "Máy 1", 7),
    ]
    assert [(problem.line, problem.field) for problem in clock_file.problems] == [
        (8, "Mã chấm công"), (9, "Thời gian"), (10, "Thời gian")]
    assert clock_file.devices == ("Máy 1", "Máy 2")
    assert read_clock_file(path, MAPPING) == clock_file
    assert read_clock_file(path).punches == clock_file.punches  # the usual headers are guessed


def test_headers_match_without_accents_or_case(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("MA CHAM CONG;thoi gian\n7;05/14/2026 7:58 PM\n", encoding="utf-8")
    mapping = ColumnMapping(name="US", clock_id="Mã chấm công", datetime="Thời gian", date_order="mdy")
    assert stamps(read_table(path, mapping).punches) == [("7", at("2026-05-14 19:58:00"), "", 2)]


def test_date_and_time_in_two_columns_and_several_times_per_row(tmp_path: Path) -> None:
    path = tmp_path / "chi_tiet.csv"
    path.write_text(
        "Mã NV\tNgày\tVào 1\tRa 1\tVào 2\tRa 2\n"
        "12\t14/05/2026\t07:58\t11:31\t13:29\t\n"
        "13\t2026-05-14\t\t\t\t\n"
        "14\t14/05/2026\t07:02:05 08:10\t\t\t17:00\n"
        "15\t14/05/2026\t7 giờ\t\t\t\n",
        encoding="utf-8")
    mapping = guess_mapping(["Mã NV", "Ngày", "Vào 1", "Ra 1", "Vào 2", "Ra 2"])
    assert mapping == ColumnMapping(name="", clock_id="Mã NV", date="Ngày", times=("Vào 1", "Ra 1", "Vào 2", "Ra 2"))
    clock_file = read_table(path, mapping)
    assert stamps(clock_file.punches) == [
        ("12", at("2026-05-14 07:58"), "", 2), ("12", at("2026-05-14 11:31"), "", 2),
        ("12", at("2026-05-14 13:29"), "", 2),
        ("14", at("2026-05-14 07:02:05"), "", 4), ("14", at("2026-05-14 08:10"), "", 4),
        ("14", at("2026-05-14 17:00"), "", 4),
    ]
    assert [(problem.line, problem.field) for problem in clock_file.problems] == [(5, "Vào 1")]


def test_missing_mapped_column_refuses_the_file(tmp_path: Path, vietnamese: None) -> None:
    path = tmp_path / "khac.csv"
    path.write_text("Mã NV,Họ tên,Ngày\n12,An,14/05/2026\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_table(path, MAPPING)
    assert {problem.field for problem in caught.value.problems} == set(MAPPING.headers())
    message = caught.value.localized()
    assert "khac.csv" in message and "Thời gian" in message
    assert "column" not in message.replace(str(path), "")  # told in Vietnamese


def make_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chấm công"
    sheet.append(["ỦY BAN NHÂN DÂN PHƯỜNG BẾN THÀNH"])
    sheet.append(["BẢNG DỮ LIỆU CHẤM CÔNG THÁNG 5/2026"])
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("A2:E2")
    sheet.append(["STT", "Mã chấm công", "Họ và tên", "Ngày", "Giờ"])
    sheet.append([1, 12, "Nguyễn Thị Thủy", datetime(2026, 5, 14), time(7, 58, 11)])
    sheet.append([2, "00013", "Trần Văn Đức", date(2026, 5, 14), "08:01"])
    sheet.append([3, 14.0, "Lê Hồng Phúc", "15/05/2026", time(17, 5)])
    sheet.append([4, 15, "Phạm Ngọc Ánh", "không rõ", time(17, 5)])
    sheet.append([None, None, None, None, None])
    sheet.append([5, 16, "Đỗ Thu Hà", 46156, 0.5])  # Excel serial numbers: 14/05/2026, noon
    workbook.save(path)


def test_xlsx_with_merged_title_rows_and_excel_cells(tmp_path: Path) -> None:
    path = tmp_path / "cham_cong.xlsx"
    make_xlsx(path)
    mapping = ColumnMapping(name="Excel", clock_id="Mã chấm công", date="Ngày", times=("Giờ",))
    clock_file = read_table(path, mapping)
    assert clock_file.encoding == "xlsx"
    assert stamps(clock_file.punches) == [
        ("12", at("2026-05-14 07:58:11"), "", 4),
        ("13", at("2026-05-14 08:01:00"), "", 5),
        ("14", at("2026-05-15 17:05:00"), "", 6),
        ("16", at("2026-05-14 12:00:00"), "", 9),
    ]
    assert [(problem.line, problem.field, problem.params) for problem in clock_file.problems] == [
        (7, "Ngày", {"value": "không rõ"})]
    guessed = read_clock_file(path)
    assert guessed.punches == clock_file.punches


def test_xlsx_datetime_cells_in_one_column_under_a_dat_name(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["User ID", "Date/Time", "Device"])
    workbook.active.append(["0012", datetime(2026, 5, 14, 7, 58, 10, 999_999), "SN1"])
    workbook.active.append([13, "2026-05-14 08:00:00", "SN2"])
    path = tmp_path / "report.dat"
    workbook.save(path)
    clock_file = read_clock_file(path)
    assert stamps(clock_file.punches) == [("12", at("2026-05-14 07:58:11"), "SN1", 2),
                                          ("13", at("2026-05-14 08:00:00"), "SN2", 3)]
    assert clock_file.devices == ("SN1", "SN2")


def test_content_decides_the_reader_not_the_extension(tmp_path: Path) -> None:
    attlog = tmp_path / "export.csv"
    attlog.write_text("   12\t2026-05-14 07:58:11\t1\t0\t1\t0\n", encoding="utf-8")
    assert read_clock_file(attlog, MAPPING).format == ATTLOG
    table = tmp_path / "5_attlog.dat"
    table.write_text("Mã chấm công,Thời gian\n12,14/05/2026 07:58\n", encoding="utf-8")
    assert read_clock_file(table).format == TABLE


def test_tab_separated_export_with_a_header_is_a_table_not_attlog(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text("Mã chấm công\tThời gian\tHọ và tên\n"
                    "12\t2026-05-14 07:58:11\tNguyễn Văn An\n13\t2026-05-14 07:59:00\tLê Thị Bình\n",
                    encoding="utf-16")
    clock_file = read_clock_file(path)
    assert clock_file.format == TABLE
    assert clock_file.problems == ()
    assert stamps(clock_file.punches) == [("12", at("2026-05-14 07:58:11"), "", 2),
                                          ("13", at("2026-05-14 07:59:00"), "", 3)]


def test_unknown_layout_and_old_excel_are_refused(tmp_path: Path, vietnamese: None) -> None:
    unknown = tmp_path / "ghi_chu.txt"
    unknown.write_text("Họ tên,Ghi chú\nAn,đi họp\n", encoding="utf-8")
    with pytest.raises(InputFileError):
        read_clock_file(unknown)
    old = tmp_path / "cham_cong.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(InputFileError) as caught:
        read_clock_file(old)
    assert ".xlsx" in caught.value.localized()
    empty = tmp_path / "1_attlog.dat"
    empty.write_bytes(b"\r\n\r\n")
    with pytest.raises(InputFileError):
        read_clock_file(empty)


def test_problems_read_in_vietnamese_with_file_line_and_field(tmp_path: Path, vietnamese: None) -> None:
    path = tmp_path / "1_attlog.dat"
    path.write_text(ATTLOG_TEXT, encoding="utf-8", newline="")  # no CR added on Windows
    message = read_attlog(path).error().localized()
    assert "1_attlog.dat" in message
    assert "dòng 5" in message and "2026-13-14 07:31:02" in message and "dòng 6" in message
    assert "line" not in message.replace(str(path), "") and "not a" not in message


# --- mappings ----------------------------------------------------------------------------------------------

def test_mapping_round_trips_through_a_plain_dict() -> None:
    mapping = ColumnMapping(name="Máy tầng 1", clock_id="Mã NV", date="Ngày", times=("Vào", "Ra"),
                            device="Máy", date_order="mdy")
    plain = mapping.to_dict()
    assert plain["times"] == ["Vào", "Ra"]
    assert ColumnMapping.from_dict(plain) == mapping
    assert ColumnMapping.from_dict({"name": "x", "clock_id": "ID", "datetime": "Time"}).date_order == "dmy"


@pytest.mark.parametrize("plain", [
    {"name": "x", "clock_id": "", "datetime": "Time"},
    {"name": "x", "clock_id": "ID"},
    {"name": "x", "clock_id": "ID", "date": "Date"},
    {"name": "x", "clock_id": "ID", "datetime": "Time", "date_order": "ydm"},
    {"name": "x", "clock_id": 5, "datetime": "Time"},
    {"name": "x", "clock_id": "ID", "date": "Date", "times": "Giờ"},
])
def test_bad_mapping_dicts_are_refused(plain: dict[str, object]) -> None:
    with pytest.raises(ClockMappingError) as caught:
        ColumnMapping.from_dict(plain)
    assert "“x”" in str(caught.value)


@pytest.mark.parametrize(("headers", "expected"), [
    (["STT", "Mã chấm công", "Họ và tên", "Thời gian", "Máy chấm công"],
     ColumnMapping(name="", clock_id="Mã chấm công", datetime="Thời gian", device="Máy chấm công")),
    (["AC-No.", "Name", "Date", "Time"], ColumnMapping(name="", clock_id="AC-No.", date="Date", times=("Time",))),
    (["User ID", "Name", "Time", "State"], ColumnMapping(name="", clock_id="User ID", datetime="Time")),
    (["Mã NV", "Ngày", "Giờ vào", "Giờ ra"],
     ColumnMapping(name="", clock_id="Mã NV", date="Ngày", times=("Giờ vào", "Giờ ra"))),
    (["Họ và tên", "Thời gian"], None),
    (["Mã chấm công", "Họ và tên"], None),
    ([], None),
])
def test_guess_mapping_for_usual_headers(headers: list[str], expected: ColumnMapping | None) -> None:
    assert guess_mapping(headers) == expected


# --- duplicates --------------------------------------------------------------------------------------------

def test_dedupe_keeps_the_first_punch_of_a_burst_and_drops_copies() -> None:
    punches = [
        Punch("12", at("2026-05-14 07:58:11"), "A", 1),
        Punch("12", at("2026-05-14 07:59:30"), "A", 2),  # pressed again
        Punch("12", at("2026-05-14 08:01:11"), "A", 3),  # 3 minutes after the first: still a repeat
        Punch("12", at("2026-05-14 08:01:12"), "A", 4),  # more than 3 minutes after the kept one
        Punch("9", at("2026-05-14 07:58:11"), "B", 7),
        Punch("9", at("2026-05-14 07:58:11"), "A", 9),  # same punch seen by another device
        Punch("12", at("2026-05-14 17:05:00"), "B", 5),
    ]
    kept = dedupe(reversed(punches))
    assert stamps(kept) == [
        ("9", at("2026-05-14 07:58:11"), "A", 9),
        ("12", at("2026-05-14 07:58:11"), "A", 1),
        ("12", at("2026-05-14 08:01:12"), "A", 4),
        ("12", at("2026-05-14 17:05:00"), "B", 5),
    ]
    assert dedupe(punches) == kept  # order of input does not matter
    assert len(dedupe(punches, window=timedelta(0))) == 6
    assert dedupe(list(punches) + list(punches)) == kept  # the same file twice


def test_dedupe_across_two_files_of_mixed_devices(tmp_path: Path) -> None:
    first = tmp_path / "1_attlog.dat"
    first.write_text("12\t2026-05-14 07:58:11\t1\n13\t2026-05-14 07:59:00\t1\n", encoding="utf-8")
    second = tmp_path / "2_attlog.dat"
    second.write_text("12\t2026-05-14 07:58:40\t1\n13\t2026-05-14 17:00:00\t1\n", encoding="utf-8")
    kept = dedupe(read_attlog(first).punches + read_attlog(second).punches)
    assert [(punch.clock_id, punch.at, punch.device) for punch in kept] == [
        ("12", at("2026-05-14 07:58:11"), "1"), ("13", at("2026-05-14 07:59:00"), "1"),
        ("13", at("2026-05-14 17:00:00"), "2")]

"""Tables read from Excel workbooks and CSV files alike: the header found under title rows, cells turned into
the texts the parsers expect, and every unreadable file refused with InputFileError."""

from __future__ import annotations

import tempfile
import unicodedata
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ward_office import i18n
from ward_office.core.errors import InputFileError
from ward_office.core.text_rules import code_key
from ward_office.importers import spreadsheets
from ward_office.importers.csv_files import SkippedRow
from ward_office.importers.events import EVENT_COLUMNS
from ward_office.importers.input_tables import read_rows
from ward_office.importers.staff import STAFF_COLUMNS, StaffRow, read_staff
from ward_office.services.imports import template_path

STAFF_REQUIRED = ("code", "full_name", "gender", "position", "department")
EVENT_REQUIRED = ("date", "staff_code", "criterion")


def workbook_file(path: Path, rows: list[list[object]], *, merged: tuple[str, ...] = (),
                  text_columns: tuple[int, ...] = ()) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    for row in sheet.iter_rows():
        for cell in row:
            if cell.column in text_columns and isinstance(cell.value, str):
                cell.number_format = "@"
    workbook.save(path)
    return path


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), (12, "12"), (12.0, "12"), (12.5, "12.5"), (0.1, "0.1"), (1e20, "100000000000000000000"),
    (True, "1"), ("  0012 ", "0012"), ("Nguye\u0302\u0303n", "Nguyễn"),
    (datetime(2026, 5, 14), "2026-05-14"), (datetime(2026, 5, 14, 7, 31, 5), "2026-05-14 07:31:05"),
    (date(2026, 5, 14), "2026-05-14"), (time(7, 30), "07:30:00"),
])
def test_cells_become_the_text_a_parser_expects(value: object, text: str) -> None:
    assert spreadsheets.cell_text(value) == text


def test_header_under_merged_title_rows_and_excel_row_numbers(tmp_path: Path) -> None:
    path = workbook_file(tmp_path / "ds.xlsx", [
        ["ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ"],
        ["DANH SÁCH CÁN BỘ, CÔNG CHỨC"],
        [],
        ["STT", "Mã\ncán bộ", "Họ và tên (*)", "Giới tính", "Chức vụ / Chức danh", "Đơn vị", "Mã chấm công",
         "Ngày vào làm"],
        [1, "007", "Nguyễn Văn An", "Nam", "Chủ tịch UBND", "Văn phòng HĐND-UBND", 12.0, datetime(2020, 3, 2)],
        [],
        [2],  # a numbered row nobody filled in
        [3, "CB008", "Trần Thị Bình", "Nữ", "Chuyên viên", "Phòng Tư pháp", "0008", "15/06/2021"],
    ], merged=("A1:H1", "A2:H2"), text_columns=(2,))
    skipped: list[SkippedRow] = []
    rows = list(read_rows(path, STAFF_COLUMNS, STAFF_REQUIRED, skipped))
    assert [row.line for row in rows] == [5, 8]
    assert rows[0].values["code"] == "007"
    assert rows[0].values["clock_id"] == "12"
    assert rows[0].values["active_from"] == "2020-03-02"
    assert rows[0].values["position"] == "Chủ tịch UBND"
    assert rows[1].values["department"] == "Phòng Tư pháp"
    assert skipped == [SkippedRow(7, "no data in the imported columns")]
    staff = read_staff(path)
    assert [(row.staff.code, row.staff.clock_id, row.staff.active_from) for row in staff] == [
        ("007", "12", date(2020, 3, 2)), ("CB008", "8", date(2021, 6, 15))]


def test_the_first_sheet_with_the_header_is_used(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["Ghi chú: danh sách ở trang sau"])
    workbook.create_sheet("Dữ liệu").append(["Ngày", "Mã cán bộ", "Mã tiêu chí"])
    workbook["Dữ liệu"].append([datetime(2026, 10, 5), "CB001", "TP01"])
    workbook.save(tmp_path / "sv.xlsx")
    rows = list(read_rows(tmp_path / "sv.xlsx", EVENT_COLUMNS, EVENT_REQUIRED))
    assert [(row.line, dict(row.values)) for row in rows] == [
        (2, {"date": "2026-10-05", "staff_code": "CB001", "criterion": "TP01"})]


def test_csv_with_title_rows_semicolons_and_utf16_tabs(tmp_path: Path) -> None:
    text = ("ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ;;;;\nDANH SÁCH CÁN BỘ;;;;\n;;;;\n"
            "Mã cán bộ;Họ tên;Giới tính;Chức vụ;Bộ phận\nCB001;Nguyễn Văn An;Nam;Chủ tịch UBND;Văn phòng\n")
    (tmp_path / "a.csv").write_text(text, encoding="utf-8-sig")
    rows = list(read_rows(tmp_path / "a.csv", STAFF_COLUMNS, STAFF_REQUIRED))
    assert [(row.line, row.values["full_name"]) for row in rows] == [(5, "Nguyễn Văn An")]
    # Excel's "Unicode Text": UTF-16 with tabs
    (tmp_path / "b.txt").write_bytes(text.replace(";", "\t").encode("utf-16"))
    rows = list(read_rows(tmp_path / "b.txt", STAFF_COLUMNS, STAFF_REQUIRED))
    assert [(row.line, row.values["code"]) for row in rows] == [(5, "CB001")]


def test_missing_columns_are_named_at_the_header_line(tmp_path: Path) -> None:
    path = workbook_file(tmp_path / "ds.xlsx", [["DANH SÁCH"], ["Mã cán bộ", "Họ và tên", "Chức vụ"],
                                                 ["CB001", "Nguyễn Văn An", "Chuyên viên"]])
    with pytest.raises(InputFileError) as error:
        list(read_rows(path, STAFF_COLUMNS, STAFF_REQUIRED))
    assert [(problem.line, problem.field) for problem in error.value.problems] == [(2, "gender"), (2, "department")]


@pytest.mark.parametrize(("content", "words"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "lưu lại dưới dạng .xlsx"),
    (b"PK\x03\x04" + b"\x00" * 100, "không phải là tệp Excel"),
    (b"", "không có dữ liệu"),
])
def test_unreadable_files_are_refused_in_vietnamese(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    previous = i18n.current_language()
    i18n.set_language("vi")
    try:
        with pytest.raises(InputFileError) as error:
            read_staff(path)
        assert words in error.value.localized() and "bad.xlsx" in error.value.localized()
    finally:
        i18n.set_language(previous)


def test_a_word_document_is_not_a_workbook(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "letter.xlsx", "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputFileError):
        read_staff(tmp_path / "letter.xlsx")


def test_downloadable_templates_are_read_by_the_importers() -> None:
    staff = read_staff(template_path("staff"))
    assert [(row.line, row.staff.code, row.staff.badge_number, row.staff.active_from) for row in staff] == [
        (2, "CB001", "0001", date(2020, 1, 1))]
    events = list(read_rows(template_path("events"), EVENT_COLUMNS, EVENT_REQUIRED))
    assert [(row.line, row.values["date"], row.values["criterion"]) for row in events] == [(2, "2026-10-05", "TP01")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400), st.binary(max_size=400).map(lambda tail: b"PK\x03\x04" + tail),
                 st.text(max_size=300).map(lambda text: text.encode("utf-8"))))
def test_random_bytes_are_read_or_refused_cleanly(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.csv"
        path.write_bytes(content)
        for columns, required in ((STAFF_COLUMNS, STAFF_REQUIRED), (EVENT_COLUMNS, EVENT_REQUIRED)):
            try:
                rows = list(read_rows(path, columns, required))
            except InputFileError as error:
                assert error.problems
            else:
                assert all(set(row.values) <= set(columns) for row in rows)
        try:
            staff = read_staff(path)
        except InputFileError as error:
            assert error.problems and error.total >= len(error.problems)
            assert all(problem.line >= 1 for problem in error.problems)
            assert error.localized().count("\n") == len(error.problems)  # one line per problem under the heading
        else:
            assert_staff_properties(staff)


def assert_staff_properties(staff: list[StaffRow]) -> None:
    """What any staff file read must give: rows after the header in file order, each person named, codes and
    clock ids each once."""
    lines = [row.line for row in staff]
    assert lines == sorted(set(lines)) and all(line >= 2 for line in lines)
    assert all(row.staff.full_name and row.staff.full_name == " ".join(row.staff.full_name.split())
               for row in staff)
    codes = [code_key(row.staff.code) for row in staff if row.staff.code]
    assert len(codes) == len(set(codes))
    clock_ids = [row.staff.clock_id for row in staff if row.staff.clock_id]
    assert len(clock_ids) == len(set(clock_ids))


_CELL = st.text(alphabet="ABCabc01 ĐđThịVănNguyễn\u0301\t", max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_CELL, _CELL, _CELL, _CELL, _CELL), max_size=8))
def test_random_staff_sheets_are_read_with_their_properties_or_refused_on_their_lines(
        cells: list[tuple[str, str, str, str, str]]) -> None:
    text = "Họ và tên,Chức vụ,Bộ phận,Mã cán bộ,Mã chấm công\n" + "".join(",".join(row) + "\n" for row in cells)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "can-bo.csv"
        path.write_text(text, encoding="utf-8")
        try:
            staff = read_staff(path)
        except InputFileError as error:
            assert error.problems
            assert all(2 <= problem.line <= len(cells) + 1 for problem in error.problems)
        else:
            assert_staff_properties(staff)
            named = [row for row in cells if "".join(row).strip()]
            assert len(staff) == len(named)  # every row with a value is a person, or the file is refused
            assert [row.staff.full_name for row in staff] == [
                " ".join(unicodedata.normalize("NFC", row[0]).split()) for row in named]

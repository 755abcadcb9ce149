"""Staff lists as wards keep them, read into Staff rows: Vietnamese or English headers, every bad value named by
line and column in Vietnamese, the whole file refused when any row is bad."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from ward_office.core.errors import InputFileError
from ward_office.core.staff import Gender, StaffCategory
from ward_office.importers.csv_files import SkippedRow
from ward_office.importers.staff import read_staff


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_english_headers_and_other_names_for_columns(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("No,Staff code,Full name,Gender,Position,Type,Department,Badge number,Enroll number,Start date\n"
                    "1,0012,Lê  Văn   Cường,male,Officer,Viên chức,Ward office,0007,0012,2024-02-01\n",
                    encoding="utf-8")
    [row] = read_staff(path)
    assert row.line == 2
    assert (row.staff.code, row.staff.full_name, row.staff.gender, row.staff.category) == (
        "0012", "Lê Văn Cường", Gender.MALE, StaffCategory.VIEN_CHUC)
    assert (row.staff.badge_number, row.staff.clock_id, row.staff.active_from) == ("0007", "12", date(2024, 2, 1))
    assert row.department == "Ward office"

    other = xlsx(tmp_path / "ds.xlsx", [
        ["STT", "Mã CB", "Họ tên", "Phái", "Chức danh", "Loại/Ngạch", "Đơn vị công tác", "Số thẻ", "Mã vân tay"],
        [1, "CB001", "Phạm Thị Dung", "Nữ", "Công chức Văn hóa - Xã hội", "Công chức", "Phòng  Văn hóa", "A01", 3],
    ])
    [row] = read_staff(other)
    assert (row.staff.code, row.staff.gender, row.staff.clock_id, row.department) == (
        "CB001", Gender.FEMALE, "3", "Phòng Văn hóa")


def test_rows_with_only_a_running_number_are_skipped_not_refused(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "ds.xlsx", [
        ["STT", "Mã cán bộ", "Họ và tên", "Giới tính", "Chức vụ", "Bộ phận"],
        [1, "CB001", "Nguyễn Văn An", "Nam", "Chủ tịch UBND", "Văn phòng"],
        [2], [3], [],
        [None, None, None, None, None, None, "Người lập biểu"],
    ])
    skipped: list[SkippedRow] = []
    assert [row.staff.code for row in read_staff(path, skipped)] == ["CB001"]
    assert [row.line for row in skipped] == [3, 4, 6]


def test_every_bad_value_is_named_by_line_and_column_in_vietnamese(tmp_path: Path, vietnamese: None) -> None:
    path = xlsx(tmp_path / "ds.xlsx", [
        ["ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ"],
        ["Mã cán bộ", "Họ và tên", "Giới tính", "Chức vụ", "Bộ phận", "Loại", "Ngày bắt đầu", "Ngày kết thúc",
         "Mã chấm công"],
        ["CB001", "Nguyễn Văn An", "Nam", "Chủ tịch UBND", "Văn phòng", "Cán bộ", datetime(2020, 1, 1), None, "01"],
        ["CB001", "Trần Thị Bình", "Nữ", "Chuyên viên", "Văn phòng", "", None, None, "1"],
        ["CB003", "", 1, "Chuyên viên", "Văn phòng", "Chuyên gia", "31/02/2026", None, None],
        ["CB004", "Lê Văn Cường", "Nam", "Chuyên viên", "Văn phòng", None, datetime(2026, 5, 1),
         datetime(2026, 4, 30), None],
    ])
    with pytest.raises(InputFileError) as error:
        read_staff(path)
    found = {(problem.line, problem.field) for problem in error.value.problems}
    assert found == {(4, "code"), (4, "clock_id"), (5, "full_name"), (5, "gender"), (5, "category"),
                     (5, "active_from"), (6, "active_to")}
    message = error.value.localized()
    assert "ds.xlsx" in message and "dòng 5" in message and "“Giới tính”" in message
    assert "31/02/2026" in message and "CB001" in message
    assert "7 lỗi" in message

"""The Excel writer: typed cells, a usable sheet (frozen, filtered, printable) and no half-written file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ward_office.core.errors import WardOfficeError
from ward_office.reports.excel import Column, ColumnKind, Sheet, sheet_name, write_workbook


def sample(rows: list[list[object]] | None = None, **changes: object) -> Sheet:
    fields: dict[str, object] = {
        "name": "Xếp loại",
        "title": "BẢNG TỔNG HỢP",
        "subtitle": "6 tháng đầu năm 2026",
        "heading": ("THÀNH PHỐ CẦN THƠ", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN AN"),
        "columns": (Column("Hạng", ColumnKind.INTEGER), Column("Họ và tên"), Column("Ngày", ColumnKind.DATE),
                    Column("Điểm", ColumnKind.NUMBER), Column("Mã", ColumnKind.CODE, shaded=True)),
        "rows": rows if rows is not None else [
            [1, "Nguyễn Thị Ngọc Ánh", date(2026, 3, 5), Fraction(601, 6), "+"],
            [2, "Trần Văn Đức", date(2026, 12, 31), Decimal("98.5"), ""],
        ],
        "notes": ("Ghi chú dưới bảng",),
        "frozen_columns": 2,
    }
    fields.update(changes)
    return Sheet(**fields)  # type: ignore[arg-type]


def test_cells_keep_their_types_and_formats(tmp_path: Path) -> None:
    out = tmp_path / "bang.xlsx"
    sheet = sample()
    write_workbook(out, [sheet])
    worksheet = load_workbook(out)["Xếp loại"]
    header = sheet.header_row
    assert header == 6  # two heading lines, title, subtitle, a blank row
    assert [cell.value for cell in worksheet[header]] == ["Hạng", "Họ và tên", "Ngày", "Điểm", "Mã"]
    assert all(cell.font.bold for cell in worksheet[header])
    rank, name, day, points, code = worksheet[header + 1]
    assert rank.value == 1 and rank.number_format == "0"
    assert name.value == "Nguyễn Thị Ngọc Ánh"
    assert isinstance(day.value, datetime) and day.value.date() == date(2026, 3, 5)
    assert day.number_format == "dd/mm/yyyy"
    assert isinstance(points.value, float) and points.value == pytest.approx(601 / 6, abs=1e-12)
    assert points.number_format == "0.0#"
    assert code.value == "+" and code.fill.fgColor.rgb.endswith("E7E6E6")
    assert worksheet.cell(header + 2, 4).value == 98.5
    assert worksheet.cell(header + 2, 5).value is None  # an empty text is an empty cell, not ""


def test_title_rows_frozen_header_filter_and_print_setup(tmp_path: Path) -> None:
    out = tmp_path / "bang.xlsx"
    write_workbook(out, [sample()])
    worksheet = load_workbook(out).active
    assert [worksheet.cell(row, 1).value for row in range(1, 5)] == [
        "THÀNH PHỐ CẦN THƠ", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN AN", "BẢNG TỔNG HỢP", "6 tháng đầu năm 2026"]
    assert worksheet.cell(3, 1).font.bold
    assert "A3:E3" in {str(merged) for merged in worksheet.merged_cells.ranges}
    assert worksheet.freeze_panes == "C7"
    assert worksheet.auto_filter.ref == "A6:E8"
    assert worksheet.print_title_rows == "$6:$6"
    assert worksheet.page_setup.orientation == "landscape"
    assert worksheet.cell(10, 1).value == "Ghi chú dưới bảng"
    widths = {letter: worksheet.column_dimensions[letter].width for letter in "ABCDE"}
    assert widths["B"] >= len("Nguyễn Thị Ngọc Ánh")  # fitted to the longest name
    assert all(4 <= width <= 48 for width in widths.values())


def test_several_sheets_and_names_excel_accepts(tmp_path: Path) -> None:
    out = tmp_path / "hai.xlsx"
    write_workbook(out, [sample(name="Xếp loại"), sample(name="Chi tiết: điểm/tháng [6] và nhiều chữ nữa cho dài")])
    names = load_workbook(out).sheetnames
    assert names[0] == "Xếp loại"
    assert len(names[1]) <= 31 and not set("[]:*?/\\") & set(names[1])
    assert sheet_name("???") == "Sheet"


def test_an_empty_table_still_has_its_header(tmp_path: Path) -> None:
    out = tmp_path / "trong.xlsx"
    write_workbook(out, [sample(rows=[])])
    worksheet = load_workbook(out).active
    assert worksheet.cell(6, 2).value == "Họ và tên"
    assert worksheet.auto_filter.ref == "A6:E6"


def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "bang.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(ValueError, match="values for 5 columns"):
        write_workbook(out, [sample(rows=[[1, "thiếu cột"]])])
    assert out.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bang.xlsx"]


def test_replacing_a_file_is_complete_and_keeps_usual_permissions(tmp_path: Path) -> None:
    out = tmp_path / "bang.xlsx"
    out.write_bytes(b"old")
    write_workbook(out, [sample()])
    assert load_workbook(out).active.cell(7, 2).value == "Nguyễn Thị Ngọc Ánh"
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bang.xlsx"]


def test_a_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(WardOfficeError) as raised:
        write_workbook(tmp_path / "khong-co" / "bang.xlsx", [sample()])
    assert "khong-co" in raised.value.localized()
    assert not (tmp_path / "khong-co").exists()


def test_importing_the_writer_does_not_load_openpyxl() -> None:
    code = ("import sys, ward_office.reports.excel, ward_office.services.export, ward_office.cli_export; "
            "print('openpyxl' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"

"""The Excel writer: typed and rounded cells, a usable sheet (frozen, filtered), the NĐ 30 frame on paper
(letterhead, status, signatures, margins, page numbers), estimated row heights and no half-written file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ward_office.core.errors import WardOfficeError
from ward_office.core.period import FiguresStatus
from ward_office.reports.excel import (
    Column,
    ColumnKind,
    Letterhead,
    Sheet,
    Signature,
    cell_value,
    sheet_name,
    write_workbook,
)
from ward_office.reports.excel_text import Text, column_blocks, row_height, text_lines


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
    assert points.value == 100.17  # 100.1666… rounded half up, stored as a number
    assert points.number_format == "General"  # 21 shows "21", not "21,0" or "21,"
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
    assert worksheet.page_setup.orientation == "portrait"  # five columns fit an upright page
    assert worksheet.cell(10, 1).value == "Ghi chú dưới bảng"
    widths = {letter: worksheet.column_dimensions[letter].width for letter in "ABCDE"}
    # "Nguyễn Thị Ngọc Ánh": 4 capitals, 12 small letters and 3 spaces, 4 × 0.68 + 12 × 0.46 + 3 × 0.25 = 8.99 em,
    # at 11 pt in units of 5.5 pt with 5 % to spare is 18.9: more than the 18 a text column gets, it wraps.
    assert widths["B"] == 18
    # The ranks' header "Hạng" in bold, 1.06 × (0.68 + 3 × 0.46) × 2 × 1.05 = 4.59, is wider than the ranks.
    assert widths["A"] == pytest.approx(4.59 + 0.8, abs=0.05)
    assert all(3 <= width <= 18 for width in widths.values())


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
    assert sys.platform == "win32" or out.stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bang.xlsx"]


def test_a_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(WardOfficeError) as raised:
        write_workbook(tmp_path / "khong-co" / "bang.xlsx", [sample()])
    assert "khong-co" in raised.value.localized()
    assert not (tmp_path / "khong-co").exists()


def test_importing_the_writer_does_not_load_openpyxl() -> None:
    code = ("import sys, ward_office.reports.excel, ward_office.services.export, ward_office.cli.exports; "
            "print('openpyxl' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_numbers_are_rounded_half_up_and_whole_ones_are_integers() -> None:
    assert cell_value(Fraction(242, 3), ColumnKind.NUMBER) == 80.67
    assert cell_value(Fraction(42, 2), ColumnKind.NUMBER) == 21 and isinstance(cell_value(Fraction(21)), int)
    assert cell_value(Decimal("0.125"), ColumnKind.NUMBER) == 0.13  # half up, not to even
    assert cell_value(-2.675, ColumnKind.NUMBER) == -2.68
    assert cell_value(Fraction(7, 2), ColumnKind.INTEGER) == 4
    assert cell_value(7) == 7 and cell_value(True) is True
    hanoi = timezone(timedelta(hours=7))
    assert cell_value(time(9, 5, tzinfo=hanoi), ColumnKind.TIME) == time(9, 5)
    assert cell_value(datetime(2026, 7, 3, 9, 5, tzinfo=hanoi)) == datetime(2026, 7, 3, 9, 5)


def framed(**changes: object) -> Sheet:
    return sample(heading=(), letterhead=Letterhead(("ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN AN"), "THÀNH PHỐ CẦN THƠ",
                                                    "Phường Tân An, ngày 03 tháng 7 năm 2026"),
                  status=FiguresStatus(date(2026, 7, 3)),
                  signatures=(Signature(("NGƯỜI LẬP BIỂU",), "Lê Thu Hà"),
                              Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Trần Văn Minh")), **changes)


def test_the_document_frame_around_the_table(tmp_path: Path, vietnamese: None) -> None:
    out = tmp_path / "bang.xlsx"
    sheet = framed()
    write_workbook(out, [sheet])
    worksheet = load_workbook(out).active
    # The agency takes the columns closest to 40 % of the width: A–B.
    assert {str(merged) for merged in worksheet.merged_cells.ranges} >= {"A1:B1", "C1:E1", "A2:B2", "C2:E2", "A3:B3",
                                                                         "C4:E4", "A6:E6"}
    cells = {(row, column): worksheet.cell(row, column) for row in range(1, 30) for column in (1, 3)}
    assert [cells[row, 1].value for row in (1, 2, 3)] == ["THÀNH PHỐ CẦN THƠ", "ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN AN"]
    assert not cells[1, 1].font.bold and cells[2, 1].font.bold and cells[3, 1].font.bold
    assert [cells[row, 3].value for row in (1, 2, 4)] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                          "Độc lập - Tự do - Hạnh phúc",
                                                          "Phường Tân An, ngày 03 tháng 7 năm 2026"]
    assert cells[2, 3].font.bold and cells[2, 3].font.underline == "single" and cells[4, 3].font.italic
    assert [cells[row, 1].value for row in (6, 7, 8)] == ["BẢNG TỔNG HỢP", "6 tháng đầu năm 2026",
                                                          "(Số liệu tạm tính đến ngày 03/07/2026)"]
    assert sheet.header_row == 10 and worksheet.cell(10, 2).value == "Họ và tên"
    assert (cells[6, 1].font.name, cells[6, 1].font.size) == ("Times New Roman", 14)
    assert (cells[1, 3].font.size, cells[2, 3].font.size, cells[7, 1].font.size) == (12, 13, 13)
    assert worksheet.cell(11, 2).font.name == "Times New Roman" and worksheet.cell(11, 2).font.size == 11
    # Under the table (rows 11–12): a blank row, the note, a blank row, then the signatures side by side.
    assert worksheet.cell(14, 1).value == "Ghi chú dưới bảng"
    assert [(worksheet.cell(row, 1).value, worksheet.cell(row, 3).value) for row in range(16, 21)] == [
        ("NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN"), (None, "CHỦ TỊCH"), ("(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)"),
        (None, None), ("Lê Thu Hà", "Trần Văn Minh")]
    assert worksheet.row_dimensions[19].height == 60  # room to sign
    margins = worksheet.page_margins
    assert [round(value * 25.4) for value in (margins.top, margins.bottom, margins.left, margins.right)] == [
        20, 20, 30, 15]
    assert worksheet.print_area == "'Xếp loại'!$A$1:$E$20"
    assert worksheet.HeaderFooter.differentFirst and "&P" in worksheet.oddFooter.center.text
    assert not worksheet.oddHeader.center.text
    assert worksheet.page_setup.scale == 100  # the table fits the page's width as it is


def test_a_wide_table_is_landscape_and_its_frame_is_set_larger_to_print_13_pt(tmp_path: Path,
                                                                              vietnamese: None) -> None:
    out = tmp_path / "rong.xlsx"
    columns = [Column(f"Cột {number}", width=10) for number in range(1, 19)]  # 180 units; a page holds 129
    write_workbook(out, [framed(columns=columns, rows=[["x"] * 18])])
    worksheet = load_workbook(out).active
    assert worksheet.page_setup.orientation == "landscape"
    motto = worksheet.cell(2, 8)
    assert motto.value == "Độc lập - Tự do - Hạnh phúc"
    assert worksheet.page_setup.scale == 71  # 129/180 of the size, to fit the page's width
    assert motto.font.size == round(13 * 100 / 71 * 2) / 2  # 18.5 pt, printed at 13 pt
    assert worksheet.cell(11, 1).font.size == 11  # the table keeps its size


def test_rows_are_as_tall_as_their_wrapped_text(tmp_path: Path) -> None:
    # "0000" is 4.2 units wide at 11 pt (5 % to spare) and a space 0.525: "0000 0000" takes 8.925 units of a
    # cell's room (its width − 0.8).
    assert text_lines(Text("0000 0000"), 9.75) == 1
    assert text_lines(Text("0000 0000"), 9.7) == 2
    assert text_lines(Text("00000000000000000000"), 5.8) == 5  # 21 units: broken at the cell's edge, 5 a line
    assert row_height(3, 11) == 3 * 11 * 1.2 + 3
    note = " ".join(["0000"] * 30)  # 30 words, 5 to a line of a 26-unit column
    out = tmp_path / "ghi-chu.xlsx"
    sheet = sample(columns=(Column("Hạng", ColumnKind.INTEGER), Column("Ghi chú", width=26, wrap=True)),
                   rows=[[1, note], [2, "ngắn"]])
    write_workbook(out, [sheet])
    worksheet = load_workbook(out).active
    header = sheet.header_row
    assert worksheet.row_dimensions[header + 1].height == row_height(6, 11)
    assert worksheet.row_dimensions[header + 2].height is None  # one line: the usual height
    assert worksheet.cell(header + 1, 2).alignment.wrap_text


def test_blocks_of_columns_share_the_width() -> None:
    assert column_blocks([10.0] * 5, (0.4, 0.6)) == [(0, 1), (2, 4)]
    assert column_blocks([10.0] * 6, (1 / 3,) * 3) == [(0, 1), (2, 3), (4, 5)]
    assert column_blocks([5.0, 30.0, 5.0, 5.0], (0.4, 0.6)) == [(0, 0), (1, 3)]
    assert column_blocks([10.0], (0.5, 0.5)) == [(0, 0), (0, 0)]  # too few columns: the writer keeps the first


def test_a_mode_makes_the_file_readable_by_others(tmp_path: Path) -> None:
    out = tmp_path / "bang.xlsx"
    umask = os.umask(0o077)
    try:
        write_workbook(out, [sample()], mode=0o644)
    finally:
        os.umask(umask)
    assert sys.platform == "win32" or out.stat().st_mode & 0o777 == 0o644


def test_page_breaks_keep_the_closing_with_the_last_rows() -> None:
    from ward_office.reports.excel_text import page_breaks

    # Rows 1-3 letterhead, 4 the header (repeated), 5-14 the table, 15-17 notes and signatures; 100 pt pages.
    heights = [10, 10, 10, 20, *[10] * 10, 10, 30, 10]
    # Page 1 takes rows 1-9 (100 pt). Page 2 would take 10-15 after the header, leaving 16-17 (the signatures)
    # alone on page 3; so page 2 ends after row 12, and rows 13-14 go with the closing (20 + 20 + 50 = 90 pt).
    assert page_breaks(heights, header_row=4, last_table_row=14, page_height=100) == [9, 12]
    assert page_breaks(heights, header_row=4, last_table_row=14, page_height=200) == []

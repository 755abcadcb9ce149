"""Write the blank Excel files the import wizard offers for download ("Tải mẫu"), so a ward types its staff
list and past events into columns the importer already knows.

Run ``python packaging/make_templates.py`` after changing a header; the files in resources/templates/ are
committed. Their headers must stay readable by ward_office.importers (tests/importers/test_spreadsheets.py).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "resources" / "templates"
FIXED_TIME = datetime(2026, 1, 1)  # the same bytes of document properties on every run
TEXT, DATE = "@", "dd/mm/yyyy"

# (header, width, cell format of the column, example value, how to fill it)
STAFF = [
    ("STT", 6, None, 1, "Số thứ tự, không bắt buộc (dòng chỉ có STT được bỏ qua)."),
    ("Mã cán bộ", 12, TEXT, "CB001", "Bắt buộc, không trùng nhau; dùng để nhận ra người khi nhập lại danh sách."),
    ("Họ và tên", 28, None, "Nguyễn Văn An", "Bắt buộc."),
    ("Giới tính", 10, None, "Nam", "Bắt buộc: Nam hoặc Nữ."),
    ("Chức vụ", 24, None, "Chuyên viên", "Bắt buộc."),
    ("Loại", 16, None, "Công chức", "Cán bộ, Công chức, Viên chức hoặc Người lao động; để trống là Công chức."),
    ("Bộ phận", 28, None, "Văn phòng HĐND-UBND", "Bắt buộc; bộ phận chưa có sẽ được tạo mới."),
    ("Số thẻ", 12, TEXT, "0001", "Số thẻ công chức, không bắt buộc."),
    ("Mã chấm công", 14, TEXT, "1", "Mã của người này trên máy chấm công vân tay, không bắt buộc."),
    ("Ngày bắt đầu", 14, DATE, date(2020, 1, 1), "Ngày bắt đầu công tác tại phường, dạng 14/05/2026."),
    ("Ngày kết thúc", 14, DATE, None, "Để trống nếu đang công tác."),
]
EVENTS = [
    ("Ngày", 14, DATE, date(2026, 10, 5), "Bắt buộc: ngày vi phạm hoặc được biểu dương, dạng 14/05/2026."),
    ("Mã cán bộ", 12, TEXT, "CB001", "Bắt buộc: mã cán bộ như trong danh sách cán bộ của phần mềm."),
    ("Mã tiêu chí", 14, TEXT, "TP01", "Bắt buộc: mã tiêu chí trong kế hoạch thi đua đang áp dụng vào ngày đó."),
    ("Ghi chú", 48, None, "Không đeo thẻ khi tiếp công dân", "Không bắt buộc."),
]

RATINGS = [
    ("Thời gian", 18, "dd/mm/yyyy hh:mm", datetime(2026, 3, 2, 8, 15),
     "Bắt buộc: ngày giờ người dân đánh giá, dạng 02/03/2026 08:15 (chỉ có ngày cũng được)."),
    ("Mã cán bộ", 12, TEXT, "CB001", "Bắt buộc: mã cán bộ (hoặc mã chấm công, hoặc họ và tên) của người tiếp nhận."),
    ("Quầy", 10, TEXT, "1", "Không bắt buộc: quầy hoặc thiết bị đánh giá."),
    ("Mã hồ sơ", 20, TEXT, "000.00.00.H00-260302-0001", "Không bắt buộc: mã hồ sơ trên cổng dịch vụ công."),
    ("Mức độ hài lòng", 18, None, "Rất hài lòng",
     "Bắt buộc: Rất hài lòng, Hài lòng hoặc Không hài lòng (có dấu hay không dấu đều được), hoặc số 3, 2, 1."),
]


def write_template(path: Path, title: str, columns: list[tuple[str, int, str | None, object, str]]) -> None:
    workbook = Workbook()
    sheet: Worksheet = workbook.active  # type: ignore[assignment]
    sheet.title = title
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, (header, width, number_format, example, _help) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for row in range(2, 502):  # typed codes keep their leading zeros, typed dates stay dates
            if number_format:
                sheet.cell(row=row, column=index).number_format = number_format
        sheet.cell(row=2, column=index, value=example)
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 90
    guide.append(["Cột", "Cách ghi"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for header, _width, _format, _example, help_text in columns:
        guide.append([header, help_text])
    guide.append([])
    guide.append(["Lưu ý", "Dòng 2 của trang đầu là ví dụ: sửa hoặc xóa trước khi nhập. Có thể để các dòng tiêu đề "
                           "(tên cơ quan, tên danh sách) phía trên dòng tên cột."])
    for row in guide.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")

    workbook.properties.creator = "Ward Office"
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def main() -> None:
    write_template(TEMPLATES_DIR / "danh-sach-can-bo.xlsx", "Danh sách cán bộ", STAFF)
    write_template(TEMPLATES_DIR / "su-viec.xlsx", "Vi phạm, biểu dương", EVENTS)
    write_template(TEMPLATES_DIR / "danh-gia-hai-long.xlsx", "Đánh giá hài lòng", RATINGS)
    for path in sorted(TEMPLATES_DIR.glob("*.xlsx")):
        print(path)


if __name__ == "__main__":
    main()

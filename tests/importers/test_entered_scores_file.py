"""Reading a month's entered points from a file: people by code (or by a name only one bears), items by their
column's code or name, Vietnamese decimals, empty cells left as they are, and every mistake named with its
line and column before anything is entered."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import Workbook

from ward_office.core.entered_scores import EnteredItem, EnteredScore, ScoreEntry
from ward_office.core.errors import InputFileError
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.importers.entered_scores import ScoreFile, parse_points, read_entered_scores

NOVEMBER = date(2026, 11, 1)
ITEMS = (EnteredItem("NV1", "Khối lượng công việc", "NV", Fraction(40)),
         EnteredItem("NV2", "Chất lượng, tiến độ", "NV", Fraction(30)))


def person(number: int, code: str, name: str) -> Staff:
    return Staff(code=code, full_name=name, gender=Gender.FEMALE, position="Công chức",
                 category=StaffCategory.CONG_CHUC, id=StaffId(number))


AN, BINH, CUONG = (person(1, "CB001", "Nguyễn Văn An"), person(2, "CB002", "Trần Thị Bình"),
                   person(3, "CB003", "Lê Cường"))
GONE = person(4, "CB004", "Phạm Thị Dung")  # left before November


def read(path: Path, scores: dict[tuple[StaffId, str], EnteredScore] | None = None) -> ScoreFile:
    return read_entered_scores(path, month=NOVEMBER, items=ITEMS, people=(AN, BINH, CUONG),
                               staff=(AN, BINH, CUONG, GONE), scores=scores or {})


def write_csv(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def test_a_csv_with_decimal_commas_and_a_title_gives_one_entry_per_filled_cell(tmp_path: Path) -> None:
    file = write_csv(tmp_path / "diem.csv",
                     "BẢNG CHẤM ĐIỂM THÁNG 11/2026;;;;",
                     "STT;Mã cán bộ;Họ và tên;NV1 (tối đa 40);NV2 (tối đa 30)",
                     "1;cb001;Nguyễn Văn An;37,5;28",
                     "2;CB002;Trần Thị Bình;;25",
                     "3;CB003;Lê Cường;;")
    read_file = read(file)
    assert read_file.entries == (ScoreEntry(AN.id, "NV1", Fraction(75, 2)), ScoreEntry(AN.id, "NV2", Fraction(28)),
                                 ScoreEntry(BINH.id, "NV2", Fraction(25)))
    assert (read_file.rows, read_file.left_empty) == (3, 3)  # Bình's NV1, Cường's NV1 and NV2
    assert read_file.origins == ((3, "NV1"), (3, "NV2"), (4, "NV2"))


def test_an_xlsx_with_number_and_text_cells_and_self_assessment(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ỦY BAN NHÂN DÂN PHƯỜNG TÂN AN"])
    sheet.append([])
    sheet.append(["STT", "Mã", "Họ và tên", "Bộ phận", "NV1\nKhối lượng công việc\n(tối đa 40)", "Tự chấm NV1",
                  "Chất lượng, tiến độ"])
    sheet.append([1, "CB001", "Nguyễn Văn An", "Văn phòng", 37.5, "38,5", 30])
    sheet.append([2, None, "tran thi binh", None, "12,25", None, None])
    workbook.save(tmp_path / "diem.xlsx")
    read_file = read(tmp_path / "diem.xlsx")
    assert read_file.entries == (
        ScoreEntry(AN.id, "NV1", Fraction(75, 2), Fraction(77, 2)), ScoreEntry(AN.id, "NV2", Fraction(30)),
        ScoreEntry(BINH.id, "NV1", Fraction(49, 4)))
    assert read_file.origins[2] == (5, "NV1")


def test_an_empty_cell_keeps_what_is_entered_and_a_self_assessment_alone_keeps_the_points(tmp_path: Path) -> None:
    entered = EnteredScore(AN.id, NOVEMBER, "NV1", Fraction(30), Fraction(35), "đã họp tổ", "truong",
                           datetime(2026, 11, 30, 9, 0))
    file = write_csv(tmp_path / "diem.csv", "Mã,NV1,NV1 (tự chấm)", "CB001,,36", "CB002,20,")
    assert read(file, {(AN.id, "NV1"): entered}).entries == (
        ScoreEntry(AN.id, "NV1", Fraction(30), Fraction(36), "đã họp tổ"), ScoreEntry(BINH.id, "NV1", Fraction(20)))
    file = write_csv(tmp_path / "diem.csv", "Mã,NV1,NV1 (tự chấm)", "CB001,31,")
    assert read(file, {(AN.id, "NV1"): entered}).entries == (
        ScoreEntry(AN.id, "NV1", Fraction(31), Fraction(35), "đã họp tổ"),)


def test_three_mistakes_are_all_named_with_line_and_column(tmp_path: Path, vietnamese: None) -> None:
    file = write_csv(tmp_path / "diem.csv",
                     "Mã cán bộ,Họ và tên,NV1,NV2",
                     "CB001,Nguyễn Văn An,37.5,bốn",
                     "CB009,Không Ai,20,20",
                     "CB002,Trần Thị Bình,41,30")
    with pytest.raises(InputFileError) as refused:
        read(file)
    assert [(problem.line, problem.field) for problem in refused.value.problems] == [
        (2, "NV2"), (3, "code"), (4, "NV1")]
    text = refused.value.localized()
    assert "có 3 lỗi" in text
    assert "dòng 2, cột “NV2”: “bốn” không phải là số" in text
    assert "dòng 3, cột “Mã cán bộ”: không có cán bộ nào mang mã “CB009”" in text
    assert "dòng 4, cột “NV1”: 41 không nằm trong khoảng từ 0 đến 40 (điểm tối đa của NV1)" in text


def test_unknown_columns_people_not_working_and_repeated_people_are_refused(tmp_path: Path, vietnamese: None) -> None:
    file = write_csv(tmp_path / "diem.csv",
                     "Mã,Họ tên,NV1,NV3,Tổng",
                     "CB001,Nguyễn Văn An,10,,10",
                     "CB004,Phạm Thị Dung,10,,10",
                     "cb001,,12,,12",
                     "CB002,Nguyễn Văn An,12,,12",
                     ",Lê Cường,-1,,")
    with pytest.raises(InputFileError) as refused:
        read(file)
    assert [(problem.line, problem.field) for problem in refused.value.problems] == [
        (1, "NV3"), (3, "code"), (4, "code"), (5, "full_name"), (6, "NV1")]
    text = refused.value.localized()
    assert "kế hoạch thi đua tháng 11/2026 không có mục chấm điểm “NV3”; các mục chấm điểm: NV1, NV2" in text
    assert "Phạm Thị Dung không công tác tại đơn vị trong tháng 11/2026" in text
    assert "Nguyễn Văn An đã có ở dòng 2" in text
    assert "mã “CB002” là của Trần Thị Bình, không phải của “Nguyễn Văn An”" in text


def test_a_file_without_an_item_column_or_a_code_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as refused:
        read(write_csv(tmp_path / "a.csv", "Mã,Họ và tên", "CB001,Nguyễn Văn An"))
    assert refused.value.problems[0].line == 1 and "NV1, NV2" in refused.value.localized()
    with pytest.raises(InputFileError) as refused:
        read(write_csv(tmp_path / "b.csv", "Họ và tên,NV1", "Nguyễn Văn An,3"))
    assert refused.value.problems[0].field == "code"


@pytest.mark.parametrize(("text", "value"), [
    ("35", Fraction(35)), ("37,5", Fraction(75, 2)), ("37.5", Fraction(75, 2)), (" 0 ", Fraction(0)),
    ("-2", Fraction(-2)), (",5", Fraction(1, 2)), ("3,5,1", None), ("35đ", None), ("1e3", None), ("", None),
])
def test_points_are_read_exactly(text: str, value: Fraction | None) -> None:
    assert parse_points(text) == value

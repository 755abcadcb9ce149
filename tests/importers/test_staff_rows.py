"""Staff sheets read row by row: the gender from its column, from the official form's "Nam"/"Nữ" columns or from
the middle name; the category and dates; each bad value named by line and field without stopping the rows after
it; and the clerk's own column mappings (what they must name, how they are kept, which header row they fit)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ward_office.core.errors import ClockMappingError, InputFileError, InputProblem
from ward_office.core.staff import Gender, StaffCategory
from ward_office.importers.staff import STAFF_COLUMNS, read_staff
from ward_office.importers.staff_mapping import (
    StaffLayout,
    StaffMapping,
    recognised_columns,
    remembered,
    staff_layout,
)

HEAD = "Họ và tên,Chức vụ,Bộ phận"


def sheet(tmp_path: Path, *lines: str, name: str = "ds.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def problems_of(path: Path, mapping: StaffMapping | None = None) -> list[InputProblem]:
    with pytest.raises(InputFileError) as caught:
        read_staff(path, mapping=mapping)
    return caught.value.problems


# --- gender ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "gender"), [("Nam", Gender.MALE), ("male", Gender.MALE), ("M", Gender.MALE),
                                                 ("Nữ", Gender.FEMALE), ("NU", Gender.FEMALE),
                                                 ("female", Gender.FEMALE), ("f", Gender.FEMALE)])
def test_the_gender_column(tmp_path: Path, written: str, gender: Gender) -> None:
    [row] = read_staff(sheet(tmp_path, HEAD + ",Giới tính", f"Nguyễn Thị Lan,Chuyên viên,Văn phòng,{written}"))
    assert row.staff.gender == gender and row.gender_guessed is False


@pytest.mark.parametrize(("name", "gender"), [("Nguyễn Thị Lan", Gender.FEMALE), ("Lê Thị Minh Thu", Gender.FEMALE),
                                              ("Trần Văn Thị", Gender.MALE), ("Thị Lan", Gender.MALE),
                                              ("Nguyễn Văn An", Gender.MALE), ("Nguyễn Thịnh An", Gender.MALE)])
def test_without_a_gender_column_the_middle_name_tells(tmp_path: Path, name: str, gender: Gender) -> None:
    [row] = read_staff(sheet(tmp_path, HEAD, f"{name},Chuyên viên,Văn phòng"))
    assert row.staff.gender == gender and row.gender_guessed is True
    assert row.given == frozenset({"full_name", "position", "department"})


def test_the_official_forms_nam_and_nu_columns_under_a_merged_birth_date(tmp_path: Path) -> None:
    path = sheet(tmp_path, HEAD + ",Ngày sinh,",
                 ",,,Nam,Nữ",
                 "Nguyễn Văn Thị,Chủ tịch,Văn phòng,,01/02/1980",  # a woman, whatever the name says
                 "Lê Thị Hoa,Phó Chủ tịch,Văn phòng,x,",
                 "Phạm Thị Mai,Chuyên viên,Văn phòng,x,x")  # both marked: the name decides
    rows = read_staff(path)
    assert [(row.line, row.staff.gender, row.gender_guessed) for row in rows] == [
        (3, Gender.FEMALE, False), (4, Gender.MALE, False), (5, Gender.FEMALE, False)]
    assert rows[0].given == frozenset({"full_name", "position", "department", "male_mark", "female_mark"})


def test_nam_and_nu_columns_in_the_header_row_itself(tmp_path: Path) -> None:
    path = sheet(tmp_path, HEAD + ",Nam,Nữ", "Lê Thị Hoa,Chuyên viên,Văn phòng,x,", "Trần Văn Bình,Chuyên viên,VP,,x")
    assert [(row.line, row.staff.gender) for row in read_staff(path)] == [(2, Gender.MALE), (3, Gender.FEMALE)]


def test_a_first_person_is_not_taken_for_a_second_header_row(tmp_path: Path) -> None:
    path = sheet(tmp_path, HEAD + ",Ghi chú,", "Lê Thị Hoa,Chuyên viên,Văn phòng,Nam,Nữ", "Trần Văn Bình,CV,VP,,")
    assert [(row.line, row.staff.full_name, row.staff.gender) for row in read_staff(path)] == [
        (2, "Lê Thị Hoa", Gender.FEMALE), (3, "Trần Văn Bình", Gender.MALE)]


def test_only_a_nam_column_is_not_a_gender_mark(tmp_path: Path) -> None:
    path = sheet(tmp_path, HEAD + ",Nam", "Lê Thị Hoa,Chuyên viên,Văn phòng,x")
    [row] = read_staff(path)
    assert (row.line, row.staff.gender, row.gender_guessed) == (2, Gender.FEMALE, True)


# --- category and dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "category"), [
    ("", StaffCategory.CONG_CHUC), ("Cán bộ", StaffCategory.CAN_BO), ("Viên chức", StaffCategory.VIEN_CHUC),
    ("Hợp đồng", StaffCategory.NGUOI_LAO_DONG), ("Lao động hợp đồng", StaffCategory.NGUOI_LAO_DONG),
    ("người lao động", StaffCategory.NGUOI_LAO_DONG),
    ("CONG CHUC", StaffCategory.CONG_CHUC),
])
def test_the_category_column(tmp_path: Path, written: str, category: StaffCategory) -> None:
    [row] = read_staff(sheet(tmp_path, HEAD + ",Loại", f"Nguyễn Văn An,Chuyên viên,Văn phòng,{written}"))
    assert row.staff.category == category


def test_start_and_end_days(tmp_path: Path) -> None:
    path = sheet(tmp_path, HEAD + ",Từ ngày,Đến ngày",
                 "Nguyễn Văn An,CV,VP,01/02/2024,01/02/2024",
                 "Trần Văn Bình,CV,VP,2024-02-01,",
                 "Lê Văn Cường,CV,VP,,31/12/2025")
    assert [(row.staff.active_from, row.staff.active_to) for row in read_staff(path)] == [
        (date(2024, 2, 1), date(2024, 2, 1)), (date(2024, 2, 1), None), (None, date(2025, 12, 31))]


# --- problems ----------------------------------------------------------------------------------------------

def test_every_bad_row_is_named_and_no_bad_row_stops_the_rows_after_it(tmp_path: Path, vietnamese: None) -> None:
    path = sheet(tmp_path, "Mã,Họ và tên,Chức vụ,Bộ phận,Giới tính,Loại,Từ ngày,Đến ngày,Mã chấm công",
                 "CB1," + "A" * 101 + ",CV,VP,Nam,,,,",  # a name over 100 characters
                 "CB2,Trần Văn Bình,CV,VP,nam nữ,,,,",
                 "CB3,Lê Văn Cường,CV,VP,Nam,Chuyên gia,,,",
                 "CB4,Phạm Văn Dũng,CV,VP,Nam,,30/02/2024,,",
                 "CB5,Đỗ Văn Em,CV,VP,Nam,,01/01/1999,,",
                 "CB6,Hồ Văn Phúc,CV,VP,Nam,,02/01/2024,01/01/2024,",
                 "CB7,,,,Nam,,,,",
                 "cb8,Vũ Văn Giang,CV,VP,Nam,,,,007",
                 "CB8,Ngô Văn Hải,CV,VP,Nam,,,,7",
                 "CB10,Lý Văn Khoa,CV,VP,Nam,,,,0")
    found = problems_of(path)
    assert [(problem.line, problem.field) for problem in found] == [
        (2, "full_name"), (3, "gender"), (4, "category"), (5, "active_from"), (6, "active_from"), (7, "active_to"),
        (8, "full_name"), (8, "position"), (8, "department"), (10, "code"), (10, "clock_id")]
    by_place = {(problem.line, problem.field): problem for problem in found}
    assert by_place[3, "gender"].params == {"value": "nam nữ"}
    assert by_place[4, "category"].params == {"value": "Chuyên gia"}
    assert by_place[7, "active_to"].message == "ends before it starts"
    assert by_place[8, "position"].message == "this value is required"
    assert by_place[10, "code"].params == {"code": "CB8", "other": 9}
    assert by_place[10, "clock_id"].params == {"code": "7", "other": 9}
    message = InputFileError(str(path), found).localized()
    assert "ds.csv" in message and "dòng 10" in message and "“CB8”" in message and "dòng 9" in message


def test_a_bad_row_holds_no_code_or_clock_id_against_later_rows(tmp_path: Path) -> None:
    path = sheet(tmp_path, "Mã,Họ và tên,Chức vụ,Bộ phận,Giới tính,Mã chấm công",
                 "CB1,Nguyễn Văn An,CV,VP,?,5",
                 "CB1,Trần Văn Bình,CV,VP,Nam,5")
    assert [(problem.line, problem.field) for problem in problems_of(path)] == [(2, "gender")]


def test_clock_ids_are_kept_without_leading_zeros_but_a_zero_stays(tmp_path: Path) -> None:
    path = sheet(tmp_path, "Họ và tên,Chức vụ,Bộ phận,Mã chấm công",
                 "Nguyễn Văn An,CV,VP,0012", "Trần Văn Bình,CV,VP,000", "Lê Văn Cường,CV,VP,", "Vũ Văn Dũng,CV,VP,X07")
    assert [row.staff.clock_id for row in read_staff(path)] == ["12", "000", "", "X07"]


# --- the clerk's mappings ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("columns", "missing"), [
    ((("position", "Chức vụ"), ("department", "Tổ")), "Họ và tên"),
    ((("full_name", "Tên"), ("position", " "), ("department", "Tổ")), "Chức vụ"),
    ((("full_name", "Tên"), ("position", "Chức vụ")), "Bộ phận"),
])
def test_a_staff_mapping_names_every_required_field(columns: tuple[tuple[str, str], ...], missing: str,
                                                    vietnamese: None) -> None:
    with pytest.raises(ClockMappingError) as caught:
        StaffMapping("Mẫu phường", columns)
    assert caught.value.params == {"name": "Mẫu phường"}
    assert caught.value.localized() == f"Cách đọc cột “Mẫu phường” chưa chỉ ra cột “{missing}”"


def test_a_staff_mapping_refusal_is_worded_in_the_language_it_is_shown_in(english: None) -> None:
    with pytest.raises(ClockMappingError) as caught:
        StaffMapping("Mẫu phường", (("full_name", "Tên"), ("position", "Việc")))
    assert caught.value.localized() == "The column mapping “Mẫu phường” names no column for the department"


MAPPING = StaffMapping("Mẫu phường", (("full_name", "Tên"), ("position", "Việc"), ("department", "Tổ"),
                                      ("code", ""), ("clock_id", "Số máy")))


def test_a_staff_mapping_reads_the_columns_the_usual_names_miss(tmp_path: Path) -> None:
    path = sheet(tmp_path, "Tên,Việc,Tổ,Số máy,Mã chấm công,Họ và tên",
                 "Nguyễn Văn An,Chuyên viên,Văn phòng,0012,99,Khác")
    [row] = read_staff(path, mapping=MAPPING)
    assert (row.staff.full_name, row.staff.position, row.department, row.staff.clock_id) == (
        "Nguyễn Văn An", "Chuyên viên", "Văn phòng", "12")


def test_a_staff_mapping_headers_fits_and_aliases() -> None:
    assert MAPPING.headers() == ("Tên", "Việc", "Tổ", "Số máy")
    assert MAPPING.fits(["STT", "TÊN", "việc", "Tổ (*)", "Số  máy"])
    assert not MAPPING.fits(["Tên", "Việc", "Tổ"])
    usual = {"full_name": ("họ và tên",), "gender": ("giới tính", "số máy"), "badge_number": ("số thẻ",),
             "code": ("mã",)}
    assert MAPPING.aliases(usual) == {"gender": ("giới tính",), "badge_number": ("số thẻ",), "full_name": ("Tên",),
                                      "position": ("Việc",), "department": ("Tổ",), "code": ("",),
                                      "clock_id": ("Số máy",)}


def test_a_staff_mapping_is_kept_as_a_plain_dict() -> None:
    plain = MAPPING.to_dict()
    assert plain == {"kind": "staff", "name": "Mẫu phường", "columns": {
        "full_name": "Tên", "position": "Việc", "department": "Tổ", "code": "", "clock_id": "Số máy"}}
    assert StaffMapping.from_dict(plain) == MAPPING


@pytest.mark.parametrize(("plain", "name"), [
    ({"kind": "clock", "name": "Mẫu", "columns": {"full_name": "a", "position": "b", "department": "c"}}, "Mẫu"),
    ({"name": "Mẫu", "columns": {"full_name": "a", "position": "b", "department": "c"}}, "Mẫu"),
    ({"kind": "staff", "name": "Mẫu", "columns": [["full_name", "a"]]}, "Mẫu"),
    ({"kind": "staff", "name": "Mẫu", "columns": {"full_name": "a", "position": "b", "department": "c",
                                                  "birthday": "d"}}, "Mẫu"),
    ({"kind": "staff", "name": "Mẫu", "columns": {"full_name": "a", "position": "b", "department": 3}}, "Mẫu"),
    ({"kind": "staff", "name": 5, "columns": {"full_name": "a", "position": "b", "department": 3}}, ""),
])
def test_a_staff_mapping_saved_in_another_form_is_refused(plain: dict[str, object], name: str) -> None:
    with pytest.raises(ClockMappingError) as caught:
        StaffMapping.from_dict(plain)
    assert caught.value.params == {"name": name, "field": "columns"}


def test_a_staff_mapping_without_a_name_is_read_with_an_empty_one() -> None:
    mapping = StaffMapping.from_dict({"kind": "staff", "name": None,
                                      "columns": {"full_name": "a", "position": "b", "department": "c"}})
    assert mapping == StaffMapping("", (("full_name", "a"), ("position", "b"), ("department", "c")))


def test_remembered_picks_the_fitting_mapping_naming_most_columns() -> None:
    small = StaffMapping("nhỏ", (("full_name", "Tên"), ("position", "Việc"), ("department", "Tổ")))
    big = StaffMapping("lớn", (("full_name", "Tên"), ("position", "Việc"), ("department", "Tổ"), ("code", "Số")))
    other = StaffMapping("khác", (("full_name", "Họ"), ("position", "Việc"), ("department", "Tổ"),
                                  ("code", "Số"), ("gender", "Phái")))
    assert remembered([small, big, other], ["Tên", "Việc", "Tổ", "Số"]) == big
    assert remembered([small, big, other], ["Tên", "Việc", "Tổ"]) == small
    assert remembered([big, other], ["Tên", "Việc"]) is None
    assert remembered([], ["Tên"]) is None


# --- the layout shown to the clerk -------------------------------------------------------------------------

def test_recognised_columns_by_usual_name_or_field_name_first_column_wins() -> None:
    cells = ["STT", "", "Họ tên", "full_name", "Chức vụ", "Họ và tên", "clock_id"]
    assert recognised_columns(cells, STAFF_COLUMNS) == {"full_name": "Họ tên", "position": "Chức vụ",
                                                        "clock_id": "clock_id"}


def test_the_layout_is_the_first_row_naming_every_required_column(tmp_path: Path) -> None:
    path = sheet(tmp_path, "DANH SÁCH CÁN BỘ,,,,", "Họ và tên,Chức vụ,,,", "Họ và tên,Chức vụ,Bộ phận,,",
                 *[f"Người {n},CV,VP,," for n in range(1, 8)])
    layout = staff_layout(path, STAFF_COLUMNS)
    assert layout == StaffLayout(3, ("Họ và tên", "Chức vụ", "Bộ phận"), (
        ("full_name", "Họ và tên"), ("position", "Chức vụ"), ("department", "Bộ phận")),
        tuple((f"Người {n}", "CV", "VP", "", "") for n in range(1, 6)))
    assert layout.missing == ()


def test_the_layout_of_a_sheet_a_saved_mapping_fits(tmp_path: Path) -> None:
    path = sheet(tmp_path, "Tiêu đề,,", "Tên,Việc,Tổ", "Nguyễn Văn An,CV,VP")
    layout = staff_layout(path, STAFF_COLUMNS, saved=[MAPPING.__class__("m", (
        ("full_name", "Tên"), ("position", "Việc"), ("department", "Tổ")))])
    assert (layout.line, layout.headers, layout.recognised, layout.missing) == (
        2, ("Tên", "Việc", "Tổ"), (), ("full_name", "position", "department"))


def test_the_layout_without_a_full_header_is_the_row_recognised_most_then_with_most_text(tmp_path: Path) -> None:
    path = sheet(tmp_path, "DANH SÁCH,,,", "Họ và tên,Tổ,Việc,Ghi chú", "A,B,C,D", "Họ tên,Chức vụ,1,2",
                 "Nguyễn Văn An,CV,VP,")
    layout = staff_layout(path, STAFF_COLUMNS)
    assert (layout.line, layout.missing) == (4, ("department",))
    assert layout.sample == (("Nguyễn Văn An", "CV", "VP", ""),)
    texts = sheet(tmp_path, "DANH SÁCH,,,", "Tên,Tổ,Việc,Ghi chú", "A,B,1,2", name="texts.csv")
    assert staff_layout(texts, STAFF_COLUMNS).line == 2


def test_no_header_row_in_a_sheet_of_numbers(tmp_path: Path, vietnamese: None) -> None:
    path = sheet(tmp_path, "1,2,3", "4,5,6", "Tên,7,8")
    with pytest.raises(InputFileError) as caught:
        staff_layout(path, STAFF_COLUMNS)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (1, "")
    assert "ds.csv" in caught.value.localized()


def test_each_staff_problem_reads_in_vietnamese_with_file_line_and_column(tmp_path: Path, vietnamese: None) -> None:
    path = sheet(tmp_path, "Mã,Họ và tên,Chức vụ,Bộ phận,Giới tính,Loại,Từ ngày,Đến ngày,Mã chấm công",
                 "CB1,Nguyễn Văn An,CV,VP,Nam,,,,5",
                 "CB2,Trần Văn Bình,CV,VP,?,Chuyên gia,,,",
                 "CB1,Lê Văn Cường,,VP,Nam,,02/01/2024,01/01/2024,005")
    with pytest.raises(InputFileError) as caught:
        read_staff(path)
    assert caught.value.localized().splitlines() == [
        f"Tệp {path} có 6 lỗi nên chưa nhập dữ liệu nào",
        f"{path}, dòng 3, cột “Giới tính”: “?” không phải giới tính hợp lệ; hãy ghi Nam hoặc Nữ",
        f"{path}, dòng 3, cột “Loại”: “Chuyên gia” không phải loại cán bộ hợp lệ; hãy ghi Cán bộ, Công chức, "
        "Viên chức hoặc Người lao động",
        f"{path}, dòng 4, cột “Chức vụ”: không được để trống",
        f"{path}, dòng 4, cột “Mã cán bộ”: mã “CB1” đã có ở dòng 2",
        f"{path}, dòng 4, cột “Mã chấm công”: mã chấm công “5” đã có ở dòng 2",
        f"{path}, dòng 4, cột “Ngày kết thúc”: ngày kết thúc trước ngày bắt đầu"]


def test_a_staff_mapping_missing_a_field_names_it_as_the_clerk_knows_it(vietnamese: None) -> None:
    with pytest.raises(ClockMappingError) as caught:
        StaffMapping("Mẫu phường", (("full_name", "Tên"), ("position", "Việc")))
    assert caught.value.localized() == "Cách đọc cột “Mẫu phường” chưa chỉ ra cột “Bộ phận”"


def test_a_staff_mapping_saved_in_another_form_says_so_in_vietnamese(vietnamese: None) -> None:
    with pytest.raises(ClockMappingError) as caught:
        StaffMapping.from_dict({"kind": "staff", "name": "Mẫu", "columns": None})
    assert caught.value.localized() == ("Cách đọc cột “Mẫu” được lưu theo dạng mà phiên bản này không đọc được "
                                        "(mục “columns”)")


def test_no_header_row_says_so_in_vietnamese(tmp_path: Path, vietnamese: None) -> None:
    path = sheet(tmp_path, "1,2,3")
    with pytest.raises(InputFileError) as caught:
        staff_layout(path, STAFF_COLUMNS)
    assert caught.value.localized().splitlines()[1:] == [
        f"{path}, dòng 1, cột “”: không tìm thấy dòng tiêu đề; các dòng đầu của bảng phải ghi tên cột"]


def test_a_sheet_of_the_three_required_columns_leaves_every_other_field_empty(tmp_path: Path) -> None:
    [row] = read_staff(sheet(tmp_path, HEAD, "Nguyễn Văn An,Chuyên viên,Văn phòng"))
    staff = row.staff
    assert (staff.code, staff.badge_number, staff.clock_id, staff.category, staff.active_from, staff.active_to) == (
        "", "", "", StaffCategory.CONG_CHUC, None, None)
    assert (staff.full_name, staff.position, row.department) == ("Nguyễn Văn An", "Chuyên viên", "Văn phòng")


def test_a_sheet_of_only_a_header_has_no_one(tmp_path: Path) -> None:
    assert read_staff(sheet(tmp_path, HEAD)) == []


def test_a_sheet_without_a_required_column_is_refused_by_its_name(tmp_path: Path) -> None:
    path = sheet(tmp_path, "Họ và tên,Chức vụ", "Nguyễn Văn An,Chuyên viên")
    with pytest.raises(InputFileError) as caught:
        read_staff(path)
    assert caught.value.file == str(path)
    assert [(problem.line, problem.field) for problem in caught.value.problems] == [(1, "department")]


def test_nam_and_nu_under_the_birth_date_on_a_row_shorter_than_the_header(tmp_path: Path) -> None:
    path = sheet(tmp_path, "Ngày sinh,,Họ và tên,Chức vụ,Bộ phận", "Nam,Nữ", ",01/02/1980,Nguyễn Văn Thị,CV,VP")
    [row] = read_staff(path)
    assert (row.line, row.staff.gender, row.gender_guessed) == (3, Gender.FEMALE, False)


def test_a_saved_mapping_fitting_a_row_wins_over_a_row_with_more_text(tmp_path: Path) -> None:
    path = sheet(tmp_path, "DANH SÁCH,CÁN BỘ,PHƯỜNG,BẾN NGHÉ", "Tên,Việc,Tổ,", "Nguyễn Văn An,CV,VP,")
    saved = StaffMapping("m", (("full_name", "Tên"), ("position", "Việc"), ("department", "Tổ")))
    assert staff_layout(path, STAFF_COLUMNS, saved=[saved]).line == 2
    assert staff_layout(path, STAFF_COLUMNS).line == 1  # without it: the row with most text


def test_of_rows_recognised_alike_the_first_is_the_layout(tmp_path: Path) -> None:
    path = sheet(tmp_path, "DANH SÁCH,,,", "Tên,Tổ,Việc,Ghi chú", "A,B,C,D")
    assert staff_layout(path, STAFF_COLUMNS).line == 2


def test_the_header_is_looked_for_in_the_first_fifteen_rows_and_shown_with_five_below(tmp_path: Path) -> None:
    rows = [f"Người {n},CV,VP" for n in range(1, 7)]
    path = sheet(tmp_path, *["Tiêu đề"] * 14, "Họ và tên,Chức vụ,Bộ phận", *rows)
    layout = staff_layout(path, STAFF_COLUMNS)
    assert (layout.line, layout.sample) == (15, tuple((f"Người {n}", "CV", "VP") for n in range(1, 6)))
    lower = sheet(tmp_path, *["Tiêu đề"] * 15, "Họ và tên,Chức vụ,Bộ phận", *rows, name="lower.csv")
    with pytest.raises(InputFileError):  # fifteen title rows: the header is not looked for below them
        staff_layout(lower, STAFF_COLUMNS)


def test_the_layout_tries_another_separator_when_the_likeliest_gives_no_header(tmp_path: Path) -> None:
    path = sheet(tmp_path, "Họ và tên;Chức vụ;Bộ phận", "1,2,3,4,5,6;CV;VP")
    assert (staff_layout(path, STAFF_COLUMNS).line, staff_layout(path, STAFF_COLUMNS).missing) == (1, ())


def test_the_layout_keeps_the_likeliest_separators_best_row(tmp_path: Path) -> None:
    path = sheet(tmp_path, "Họ và tên;Chức vụ;Bộ phận", "Nguyễn Văn An, CV, VP, x, y")
    layout = staff_layout(path, STAFF_COLUMNS)
    assert (layout.line, layout.headers) == (2, ("Nguyễn Văn An", "CV", "VP", "x", "y"))

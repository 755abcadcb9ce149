"""Staff sheets as wards really keep them, each imported with nothing retyped: title rows and merged headers,
extra columns, no code, no gender, a Windows-1258 CSV, decomposed Unicode, columns the clerk maps once. A
re-import finds each person by code, clock id, or name and department, and says which."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook

from ward_office.core.errors import InputFileError
from ward_office.core.staff import Gender
from ward_office.importers.staff_mapping import StaffMapping
from ward_office.services import imports
from ward_office.services.staff_import import Change, MatchedBy, describe_match, inspect_staff_file
from ward_office.services.ward import Ward, in_own_ward


def book(tmp_path: Path) -> Path:
    db = tmp_path / "ward.db"
    in_own_ward(db, lambda ward: None, must_exist=False)
    return db


def run(db: Path, work):  # type: ignore[no-untyped-def]
    return in_own_ward(db, work, must_exist=False)


def people(db: Path) -> dict[str, tuple[str, str, str, str, str]]:
    """code -> (name, gender, position, department, clock id), as stored."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT s.code, s.full_name, s.gender, s.position, d.name, s.clock_id FROM staff s "
                            "JOIN departments d ON d.id = s.department_id").fetchall()
    return {code: (name, gender, position, department, clock) for code, name, gender, position, department, clock
            in rows}


def merged_sheet(path: Path) -> Path:
    """The official form: title rows, "Họ và tên" merged over two header rows, "Ngày sinh" merged over Nam | Nữ
    (the birth date written under the person's gender), no staff code."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ"])
    sheet.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2026"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Ngày sinh", None, "Chức vụ", "Bộ phận", "Mã chấm công", "Ghi chú"])
    sheet.append([None, None, "Nam", "Nữ"])
    sheet.append([1, "Nguyễn Văn An", "02/01/1975", None, "Chủ tịch UBND", "Văn phòng HĐND-UBND", 1, None])
    sheet.append([2, "Trần Thị Bình", None, "15/06/1988", "Chuyên viên", "Phòng Văn hóa - Xã hội", 2, "Tổ trưởng"])
    sheet.append([3, "Lê Minh Thư", None, "03/03/1990", "Văn thư", "Văn phòng HĐND-UBND", 3, None])
    for cells in ("A1:H1", "A2:H2", "A4:A5", "B4:B5", "C4:D4", "E4:E5", "F4:F5", "G4:G5", "H4:H5"):
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


def test_the_official_form_without_codes_imports_and_is_given_codes(tmp_path: Path, vietnamese: None) -> None:
    db = book(tmp_path)
    path = merged_sheet(tmp_path / "danh-sach.xlsx")
    preview = run(db, lambda ward: imports.import_staff(ward, path, dry_run=True))
    assert [(p.line, p.code, p.code_generated, p.matched_by) for p in preview.people] == [
        (6, "CB001", True, MatchedBy.NEW), (7, "CB002", True, MatchedBy.NEW), (8, "CB003", True, MatchedBy.NEW)]
    assert [row.line for row in preview.skipped] == []  # the "Nam | Nữ" row is the header's, not a person
    assert "CB001 (do chương trình cấp)" in describe_match(preview.people[0])
    run(db, lambda ward: imports.import_staff(ward, path))
    stored = people(db)
    assert stored["CB001"] == ("Nguyễn Văn An", "male", "Chủ tịch UBND", "Văn phòng HĐND-UBND", "1")
    assert stored["CB003"][:2] == ("Lê Minh Thư", "female")  # from the Nữ column, not from the name
    # Imported again, everyone is found by clock id and nothing changes.
    again = run(db, lambda ward: imports.import_staff(ward, path, dry_run=True))
    assert [(p.code, p.matched_by, p.change) for p in again.people] == [
        ("CB001", MatchedBy.CLOCK_ID, Change.UNCHANGED), ("CB002", MatchedBy.CLOCK_ID, Change.UNCHANGED),
        ("CB003", MatchedBy.CLOCK_ID, Change.UNCHANGED)]


def to_cp1258(text: str) -> bytes:
    """Text as an old Vietnamese Windows saves it: base letters with their own code, tones as combining marks."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            for mark in marks:  # "ộ": the "ô" has a code of its own, the dot below is a combining tone mark
                try:
                    out += unicodedata.normalize("NFC", base + mark).encode("cp1258")
                except UnicodeEncodeError:
                    continue
                marks.remove(mark)
                break
            else:
                out += base.encode("cp1258")
            out += "".join(marks).encode("cp1258")
    return bytes(out)


def test_a_windows_1258_csv_with_extra_columns_and_no_gender(tmp_path: Path) -> None:
    db = book(tmp_path)
    run(db, lambda ward: imports.import_staff(ward, merged_sheet(tmp_path / "first.xlsx")))
    text = ("DANH SÁCH CÁN BỘ\r\n\r\n"
            "STT;Số hiệu;Tên cán bộ;Chức danh;Đơn vị công tác;Trình độ;Số điện thoại;Mã CC\r\n"
            "1;;Nguyễn Văn An;Chủ tịch UBND;Văn phòng HĐND-UBND;Thạc sĩ;0903 111 222;1\r\n"
            "2;TP-07;Phạm Thị Dung;Công chức Tư pháp - Hộ tịch;Phòng Tư pháp;Đại học;;\r\n"
            "3;;Hoàng Quốc Việt;Chỉ huy trưởng quân sự;Ban Chỉ huy Quân sự;Trung cấp;;\r\n")
    path = tmp_path / "ds-1258.csv"
    path.write_bytes(to_cp1258(text))
    assert unicodedata.normalize("NFD", "Việt").encode("utf-8") not in path.read_bytes()  # truly not UTF-8
    preview = run(db, lambda ward: imports.import_staff(ward, path, dry_run=True))
    assert [(p.code, p.full_name, p.matched_by, p.change, p.gender_guessed) for p in preview.people] == [
        ("CB001", "Nguyễn Văn An", MatchedBy.CLOCK_ID, Change.UNCHANGED, False),
        ("TP-07", "Phạm Thị Dung", MatchedBy.NEW, Change.ADDED, True),
        ("CB004", "Hoàng Quốc Việt", MatchedBy.NEW, Change.ADDED, True)]
    run(db, lambda ward: imports.import_staff(ward, path))
    stored = people(db)
    assert stored["TP-07"][:2] == ("Phạm Thị Dung", "female") and stored["CB004"][:2] == ("Hoàng Quốc Việt", "male")
    assert stored["CB001"][1] == "male"  # a re-import without gender keeps the gender on record


def test_a_sheet_in_decomposed_unicode_is_kept_composed_and_matched_by_name(tmp_path: Path) -> None:
    db = book(tmp_path)
    run(db, lambda ward: imports.import_staff(ward, merged_sheet(tmp_path / "first.xlsx")))
    rows = [["Họ  và tên", "Chức vụ", "Phòng ban", "Giới tính"],
            ["Trần   Thị Bình", "Phó Trưởng phòng", "Phòng Văn hóa - Xã hội", "Nữ"],
            ["Đặng Thị Ngọc Ánh", "Kế toán", "Văn phòng HĐND-UBND", "Nữ"]]
    workbook = Workbook()
    for row in rows:
        workbook.active.append([unicodedata.normalize("NFD", cell) for cell in row])
    path = tmp_path / "nfd.xlsx"
    workbook.save(path)
    preview = run(db, lambda ward: imports.import_staff(ward, path, dry_run=True))
    assert [(p.code, p.matched_by, p.change) for p in preview.people] == [
        ("CB002", MatchedBy.NAME, Change.UPDATED), ("CB004", MatchedBy.NEW, Change.ADDED)]
    run(db, lambda ward: imports.import_staff(ward, path))
    stored = people(db)
    assert stored["CB002"][:3] == ("Trần Thị Bình", "female", "Phó Trưởng phòng")
    assert stored["CB004"][0] == unicodedata.normalize("NFC", "Đặng Thị Ngọc Ánh") == "Đặng Thị Ngọc Ánh"
    assert unicodedata.is_normalized("NFC", stored["CB004"][0])


def unusual_sheet(path: Path, names: list[str]) -> Path:
    workbook = Workbook()
    workbook.active.append(["TT", "Cán bộ", "Nhiệm vụ", "Tổ", "Nam/Nữ"])
    for number, name in enumerate(names, start=1):
        workbook.active.append([number, name, "Chuyên viên", "Tổ một cửa", "Nam"])
    workbook.save(path)
    return path


def test_columns_the_usual_names_miss_are_mapped_once_and_remembered(tmp_path: Path, vietnamese: None) -> None:
    db = book(tmp_path)
    first = unusual_sheet(tmp_path / "to-mot-cua.xlsx", ["Võ Văn Tâm"])
    layout = run(db, lambda ward: inspect_staff_file(ward, first))
    assert layout.needs_mapping and layout.layout.missing == ("full_name", "position", "department")
    assert layout.layout.headers == ("TT", "Cán bộ", "Nhiệm vụ", "Tổ", "Nam/Nữ")
    assert dict(layout.layout.recognised) == {"gender": "Nam/Nữ"}
    with pytest.raises(InputFileError) as refused:
        run(db, lambda ward: imports.import_staff(ward, first, dry_run=True))
    assert "dòng 1" in refused.value.localized() and "“Họ và tên”" in refused.value.localized()
    mapping = StaffMapping("", (("full_name", "Cán bộ"), ("position", "Nhiệm vụ"), ("department", "Tổ")))
    done = run(db, lambda ward: imports.import_staff(ward, first, mapping=mapping, save_mapping_as="Tổ một cửa"))
    assert (done.added, done.mapping) == (1, "Tổ một cửa")
    # Next month's sheet from the same desk: the mapping is found by its columns, in the wizard and the command.
    second = unusual_sheet(tmp_path / "thang-sau.xlsx", ["Võ Văn Tâm", "Mai Thị Hạnh"])
    assert run(db, lambda ward: inspect_staff_file(ward, second)).remembered.name == "Tổ một cửa"
    preview = run(db, lambda ward: imports.import_staff(ward, second, dry_run=True))
    assert (preview.added, preview.unchanged, preview.mapping) == (1, 1, "Tổ một cửa")
    assert "Các cột được đọc theo cách đọc cột “Tổ một cửa”." in preview.localized()
    # The clock import does not offer a staff sheet's mapping.
    assert run(db, lambda ward: ward.store.punches.mapping_names()) == []


def test_bad_rows_name_file_line_and_column_in_vietnamese_and_change_nothing(tmp_path: Path,
                                                                             vietnamese: None) -> None:
    db = book(tmp_path)
    run(db, lambda ward: imports.import_staff(ward, merged_sheet(tmp_path / "first.xlsx")))
    before = people(db)
    workbook = Workbook()
    for row in (["DANH SÁCH"], ["Họ tên", "Chức vụ", "Bộ phận", "Giới tính", "Mã chấm công"],
                ["Ngô Văn Hải", "Chuyên viên", "Phòng Tư pháp", "Không rõ", 9],
                ["Bùi Văn Long", "", "Phòng Tư pháp", "Nam", 2]):
        workbook.active.append(row)
    path = tmp_path / "loi.xlsx"
    workbook.save(path)
    with pytest.raises(InputFileError) as error:
        run(db, lambda ward: imports.import_staff(ward, path))
    message = error.value.localized()
    assert "loi.xlsx, dòng 3, cột “Giới tính”" in message, message
    assert "loi.xlsx, dòng 4, cột “Chức vụ”" in message
    assert people(db) == before
    # Fixed: without a code, the row with clock id 2 is taken to be Trần Thị Bình, and the preview says so.
    workbook.active["D3"] = "Nam"
    workbook.active["B4"] = "Chuyên viên"
    workbook.save(path)
    preview = run(db, lambda ward: imports.import_staff(ward, path, dry_run=True))
    assert describe_match(preview.people[1]) == ("Dòng 4: Bùi Văn Long, Phòng Tư pháp, mã CB002: cập nhật, nhận ra "
                                                 "theo mã chấm công")
    assert people(db) == before


def test_gender_read_from_the_name_when_the_sheet_has_none(tmp_path: Path) -> None:
    db = book(tmp_path)
    workbook = Workbook()
    for row in (["Họ và tên", "Chức vụ", "Bộ phận"], ["Lý Thị Hoa", "Chuyên viên", "Văn phòng"],
                ["Trịnh Công Sơn", "Chuyên viên", "Văn phòng"]):
        workbook.active.append(row)
    path = tmp_path / "ten.xlsx"
    workbook.save(path)
    run(db, lambda ward: imports.import_staff(ward, path))

    def genders(ward: Ward) -> list[Gender]:
        return [person.gender for person in ward.store.staff.list()]

    assert sorted(run(db, genders)) == [Gender.FEMALE, Gender.MALE]

"""Staff lists and past events imported from Excel (and CSV) into a real database file: the preview says what
would change, all rows or none are written, a second import of the same file changes nothing."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ward_office.core.errors import InputFileError
from ward_office.services import imports
from ward_office.services.ward import Ward, in_own_ward

TABLES = ("staff", "departments", "events", "change_log")
STAFF_HEADER = ["STT", "Mã cán bộ", "Họ và tên", "Giới tính", "Chức vụ", "Loại", "Bộ phận", "Số thẻ", "Mã chấm công",
                "Ngày bắt đầu"]
EVENT_HEADER = ["Ngày", "Mã cán bộ", "Mã tiêu chí", "Ghi chú"]


def counts(db: Path) -> dict[str, int]:
    if not db.exists():
        return dict.fromkeys(TABLES, 0)
    with sqlite3.connect(db) as conn:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def xlsx(path: Path, rows: list[list[object]], *, title: bool = True) -> Path:
    """A list as a ward office lays it out: two merged title rows, a blank row, then the table."""
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append(["ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ"])
        sheet.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC"])
        sheet.append([])
        sheet.merge_cells("A1:J1")
        sheet.merge_cells("A2:J2")
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("0"):
                cell.number_format = "@"  # typed as text in Excel, so the leading zeros stay
    workbook.save(path)
    return path


def staff_list(path: Path) -> Path:
    return xlsx(path, [
        STAFF_HEADER,
        [1, "007", "Nguyễn Văn An", "Nam", "Chủ tịch UBND", "Cán bộ", "Văn phòng HĐND-UBND", "0001", "001",
         datetime(2020, 1, 2)],
        [2, "CB002", "Trần Thị Bình", "Nữ", "Chuyên viên", "Công chức", "Phòng Tư pháp", "0002", 2, "15/06/2021"],
        [3, "CB003", "Lê Văn Cường", "Nam", "Chuyên viên", "Công chức", "Phòng Văn hóa - Xã hội", None, 3, None],
        [4],
    ])


def test_staff_list_from_excel_preview_then_import_then_nothing_to_do(tmp_path: Path, vietnamese: None) -> None:
    db = tmp_path / "ward.db"
    path = staff_list(tmp_path / "danh-sach.xlsx")

    preview = in_own_ward(db, lambda ward: imports.import_staff(ward, path, dry_run=True), must_exist=False)
    assert (preview.rows, preview.added, preview.updated, preview.unchanged) == (3, 3, 0, 0)
    assert preview.new_departments == ("Phòng Tư pháp",)  # a new ward already has the usual departments
    assert preview.skipped_by_reason() == {"no data in the imported columns": [8]}
    assert counts(db)["staff"] == 0
    text = preview.localized()
    assert "3 dòng" in text and "dòng 8" in text and "Phòng Tư pháp" in text

    done = in_own_ward(db, lambda ward: imports.import_staff(ward, path), must_exist=False)
    assert (done.rows, done.added) == (3, 3)
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT code, clock_id, badge_number, active_from FROM staff ORDER BY code").fetchall()
    assert stored == [("007", "1", "0001", "2020-01-02"), ("CB002", "2", "0002", "2021-06-15"),
                      ("CB003", "3", "", None)]

    before = counts(db)
    again = in_own_ward(db, lambda ward: imports.import_staff(ward, path), must_exist=False)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert counts(db) == before


def test_a_bad_row_refuses_the_whole_staff_list(tmp_path: Path, vietnamese: None) -> None:
    db = tmp_path / "ward.db"
    in_own_ward(db, lambda ward: imports.import_staff(ward, staff_list(tmp_path / "first.xlsx")), must_exist=False)
    before = counts(db)
    path = xlsx(tmp_path / "second.xlsx", [
        STAFF_HEADER,
        [1, "CB002", "Trần Thị Bình", "Nữ", "Phó Trưởng phòng", "Công chức", "Phòng Tư pháp", "0002", 2, None],
        [2, "CB004", "Phạm Thị Dung", "Nữ", "Chuyên viên", "Công chức", "Phòng Kinh tế", None, 5, None],
        [3, "CB005", "Hoàng Văn Em", "Nam", "Chuyên viên", "Công chức", "Phòng Kinh tế", None, 3, "32/01/2024"],
    ])
    with pytest.raises(InputFileError) as error:
        in_own_ward(db, lambda ward: imports.import_staff(ward, path), must_exist=False)
    assert {(problem.line, problem.field) for problem in error.value.problems} == {(7, "active_from")}
    assert "second.xlsx" in error.value.localized() and "dòng 7" in error.value.localized()
    assert counts(db) == before
    # fixed, the clock id 3 still belongs to someone else: refused by the database check, still nothing written
    path = xlsx(tmp_path / "third.xlsx", [STAFF_HEADER, [1, "CB005", "Hoàng Văn Em", "Nam", "Chuyên viên",
                                                         "Công chức", "Phòng Kinh tế", None, 3, None]])
    with pytest.raises(InputFileError) as error:
        in_own_ward(db, lambda ward: imports.import_staff(ward, path), must_exist=False)
    assert [(problem.line, problem.field) for problem in error.value.problems] == [(5, "clock_id")]
    assert "Lê Văn Cường" in error.value.localized()
    assert counts(db) == before


def events_file(path: Path, rows: list[list[object]]) -> Path:
    return xlsx(path, [EVENT_HEADER, *rows], title=False)


def test_past_events_from_excel_once_only(tmp_path: Path, vietnamese: None) -> None:
    db = tmp_path / "ward.db"
    in_own_ward(db, lambda ward: imports.import_staff(ward, staff_list(tmp_path / "danh-sach.xlsx")), must_exist=False)
    path = events_file(tmp_path / "su-viec.xlsx", [
        [datetime(2026, 10, 5), "CB002", "TP01", "Không đeo thẻ khi tiếp dân"],
        [datetime(2026, 10, 5), "CB002", "TP01", "Không đeo thẻ khi tiếp dân"],  # twice that day
        ["06/10/2026", "007", "DT01", "Được biểu dương"],
    ])
    before = counts(db)
    preview = in_own_ward(db, lambda ward: imports.import_events(ward, path, dry_run=True), must_exist=False)
    assert (preview.rows, preview.added, preview.unchanged) == (3, 3, 0)
    assert counts(db) == before
    in_own_ward(db, lambda ward: imports.import_events(ward, path), must_exist=False)
    assert counts(db)["events"] == before["events"] + 3
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM events WHERE day = '2026-10-05' AND criterion_code = 'TP01'"
                            ).fetchone()[0] == 2

    after = counts(db)
    again = in_own_ward(db, lambda ward: imports.import_events(ward, path), must_exist=False)
    assert (again.rows, again.added, again.unchanged) == (3, 0, 3)
    assert "0 đã thêm" in again.localized() or "thêm 0" in again.localized()
    assert counts(db) == after


def test_a_bad_event_row_refuses_the_file(tmp_path: Path, vietnamese: None) -> None:
    db = tmp_path / "ward.db"
    in_own_ward(db, lambda ward: imports.import_staff(ward, staff_list(tmp_path / "danh-sach.xlsx")), must_exist=False)
    before = counts(db)
    path = events_file(tmp_path / "su-viec.xlsx", [
        [datetime(2026, 10, 5), "CB002", "TP01", ""],
        [datetime(2026, 10, 6), "CB002", "XX99", ""],
        [None, "CB003", "TP01", ""],
    ])
    with pytest.raises(InputFileError) as error:
        in_own_ward(db, lambda ward: imports.import_events(ward, path), must_exist=False)
    assert {(problem.line, problem.field) for problem in error.value.problems} == {(3, "criterion"), (4, "date")}
    message = error.value.localized()
    assert "dòng 3" in message and "XX99" in message and "dòng 4" in message
    assert counts(db) == before


def test_templates_are_offered_for_both_imports() -> None:
    for kind, name in (("staff", "danh-sach-can-bo.xlsx"), ("events", "su-viec.xlsx")):
        path = imports.template_path(kind)
        assert path.name == name and path.read_bytes().startswith(b"PK")


# ---- Random rows: imported whole or refused whole, never another error ----

CELL_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
STAFF_CELLS = [
    st.sampled_from(["CB001", "CB002", "007", "", " ", "CB001 "]) | CELL_TEXT,
    st.sampled_from(["Nguyễn Văn An", "Trần Thị Bình", ""]) | CELL_TEXT,
    st.sampled_from(["Nam", "Nữ", "nu", "X", ""]),
    st.sampled_from(["Chuyên viên", "Chủ tịch UBND", ""]) | CELL_TEXT,
    st.sampled_from(["Cán bộ", "Công chức", "", "Khác"]),
    st.sampled_from(["Văn phòng", "VĂN PHÒNG", "Phòng Tư pháp", ""]) | CELL_TEXT,
    st.sampled_from(["", "0001"]),
    st.sampled_from(["", "1", "01", "2", "3"]),
    st.sampled_from(["", "01/01/2020", "2021-06-15", "31/02/2020", "abc"]),
]
EVENT_CELLS = [
    st.sampled_from(["2026-10-05", "05/10/2026", "2025-12-31", "31/02/2026", "", "hôm qua"]),
    st.sampled_from(["CB001", "CB002", "CB999", ""]),
    st.sampled_from(["TP01", "DT01", "GT01", "XX99", ""]),
    st.sampled_from(["", "Không đeo thẻ"]) | CELL_TEXT,
]


VALID_STAFF = [st.sampled_from([f"CB{number:03d}" for number in range(1, 30)]),
               st.sampled_from(["Nguyễn Văn An", "Trần Thị Bình"]), st.sampled_from(["Nam", "Nữ"]),
               st.just("Chuyên viên"), st.sampled_from(["", "Công chức"]), st.sampled_from(["Văn phòng", "Phòng Y tế"]),
               st.just(""), st.just(""), st.sampled_from(["", "01/01/2020"])]
VALID_EVENT = [st.sampled_from(["2026-10-05", "06/10/2026"]), st.sampled_from(["CB001", "CB002"]),
               st.sampled_from(["TP01", "DT01"]), st.sampled_from(["", "Không đeo thẻ"])]


def rows_of(cells: list[st.SearchStrategy[str]], valid: list[st.SearchStrategy[str]]
            ) -> st.SearchStrategy[list[list[str]]]:
    """Mostly good rows with some random ones, so both whole imports and refusals happen often."""
    good, random = st.tuples(*valid).map(list), st.tuples(*cells).map(list)
    return st.lists(st.one_of(good, good, good, random), max_size=5)


def as_csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(header: list[str], rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: str) -> object:
    """Some cells typed as Excel dates and numbers, as clerks do."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            pass
    return int(value) if value.isascii() and value.isdigit() and not value.startswith("0") else value


def import_or_refuse(importer: Callable[[Ward, Path], imports.ImportSummary], db: Path, file: Path,
                     content: bytes) -> None:
    file.write_bytes(content)
    before = counts(db)
    try:
        summary = in_own_ward(db, lambda ward: importer(ward, file), must_exist=False)
    except InputFileError as error:
        assert error.problems and all(problem.line >= 1 for problem in error.problems)
        assert counts(db) == before
    else:
        after = counts(db)
        table = "staff" if importer is imports.import_staff else "events"
        assert after[table] - before[table] == summary.added
        assert summary.rows == summary.added + summary.updated + summary.unchanged


@pytest.fixture(scope="module")
def random_dbs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("random")
    staff_db, events_db = folder / "staff.db", folder / "events.db"
    people = folder / "people.csv"
    people.write_text("code,full_name,gender,position,department\nCB001,Nguyễn Văn An,Nam,Chuyên viên,Văn phòng\n"
                      "CB002,Trần Thị Bình,Nữ,Chuyên viên,Văn phòng\n", encoding="utf-8")
    in_own_ward(events_db, lambda ward: imports.import_staff(ward, people), must_exist=False)
    return staff_db, events_db


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows_of(STAFF_CELLS, VALID_STAFF), excel=st.booleans())
def test_random_staff_rows_import_whole_or_not_at_all(random_dbs: tuple[Path, Path], rows: list[list[str]],
                                                      excel: bool) -> None:
    db = random_dbs[0]
    header = STAFF_HEADER[1:]
    content = as_xlsx(header, rows) if excel else as_csv(header, rows)
    import_or_refuse(imports.import_staff, db, db.parent / "staff-input", content)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows_of(EVENT_CELLS, VALID_EVENT), excel=st.booleans())
def test_random_event_rows_import_whole_or_not_at_all(random_dbs: tuple[Path, Path], rows: list[list[str]],
                                                      excel: bool) -> None:
    db = random_dbs[1]
    content = as_xlsx(EVENT_HEADER, rows) if excel else as_csv(EVENT_HEADER, rows)
    import_or_refuse(imports.import_events, db, db.parent / "events-input", content)

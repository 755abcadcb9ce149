"""What the import wizard asks of the services beyond the command line: a column mapping chosen on screen
(not saved yet) to read a file with, saved by name with the import, found again for the next file of the
same source; the layout of a clock file before its punches are read; the window's user as the actor."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from ward_office.core.errors import InputFileError, WardOfficeError
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.importers.clock_logs import ADMS, ATTLOG, TABLE, ColumnMapping
from ward_office.services import imports
from ward_office.services.clock_import import (
    clock_mapping_names,
    import_clock,
    inspect_clock_file,
    link_clock_id,
    preview_clock_import,
    save_clock_mapping,
)
from ward_office.services.ward import in_own_ward
from ward_office.storage import Store

pytestmark = pytest.mark.usefixtures("vietnamese")

MONDAY = date(2026, 3, 2)
LATER = datetime(2026, 3, 20, 9, 0)
ACTOR = "Trần Thị Hoa (văn thư)"
# An export whose headers no usual name matches: the user maps them.
ODD_EXPORT = ("Bảng kê vân tay\nSố hiệu,Thời điểm quẹt,Đầu đọc\n1,02/03/2026 07:52,Cổng A\n"
              "1,02/03/2026 17:03,Cổng A\n2,02/03/2026 07:20,Cổng B\n")
ODD_MAPPING = ColumnMapping("", clock_id="Số hiệu", datetime="Thời điểm quẹt", device="Đầu đọc")


@pytest.fixture
def ward(db_path: Path) -> dict[str, Staff]:
    with Store.open(db_path) as store:
        lan, minh, tu = store.staff.add_many([
            Staff("NV01", "Người NV01", Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC, clock_id="1"),
            Staff("NV02", "Người NV02", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, clock_id="2"),
            Staff("NV03", "Người NV03", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC),
        ], "setup")
    return {"lan": lan, "minh": minh, "tu": tu}


def count(db_path: Path, table: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def actors(db_path: Path) -> set[str]:
    with sqlite3.connect(db_path) as conn:
        return {row[0] for row in conn.execute("SELECT actor FROM change_log WHERE actor != 'setup'")}


def test_a_mapping_chosen_on_screen_reads_the_file_and_is_saved_with_the_import(
        db_path: Path, ward: dict[str, Staff], tmp_path: Path) -> None:
    export = tmp_path / "van-tay.csv"
    export.write_text(ODD_EXPORT, encoding="utf-8")
    with pytest.raises(InputFileError):  # without a mapping the program does not know this file
        in_own_ward(db_path, lambda own: preview_clock_import(own, export, now=LATER), read_only=True)

    preview = in_own_ward(db_path, lambda own: preview_clock_import(
        own, export, mapping=ODD_MAPPING, now=LATER), read_only=True)
    assert (preview.read, preview.new, preview.devices) == (3, 3, ("Cổng A", "Cổng B"))
    assert count(db_path, "punches") == 0 and in_own_ward(db_path, lambda own: clock_mapping_names(
        own), read_only=True) == []

    summary = in_own_ward(db_path, lambda own: import_clock(
        own, export, mapping=ODD_MAPPING, save_mapping_as=" Máy vân tay cổng ", now=LATER), actor=ACTOR)
    assert summary.punches_added == 3
    assert in_own_ward(db_path, lambda own: clock_mapping_names(own), read_only=True) == ["Máy vân tay cổng"]
    assert actors(db_path) == {ACTOR}
    with Store.open(db_path) as store:
        assert store.punches.get_mapping("Máy vân tay cổng")["name"] == "Máy vân tay cổng"
        record = store.attendance.get(ward["lan"].id, MONDAY, Session.MORNING)  # type: ignore[arg-type]
        assert record is not None and record.late_minutes == 22

    # The next export of the same source: the saved mapping is found for it, by its columns.
    layout = in_own_ward(db_path, lambda own: inspect_clock_file(own, export), read_only=True)
    assert layout.format == TABLE and layout.needs_mapping
    assert layout.headers == ("Số hiệu", "Thời điểm quẹt", "Đầu đọc")
    assert layout.guessed is None
    assert layout.sample == (("1", "02/03/2026 07:52", "Cổng A"), ("1", "02/03/2026 17:03", "Cổng A"),
                             ("2", "02/03/2026 07:20", "Cổng B"))
    assert layout.remembered is not None and layout.remembered.name == "Máy vân tay cổng"
    assert layout.remembered.headers() == ODD_MAPPING.headers()
    assert in_own_ward(db_path, lambda own: import_clock(own, export, "Máy vân tay cổng", now=LATER)).punches_added == 0


def test_saving_needs_a_mapping_of_this_file_and_a_refused_import_saves_nothing(
        db_path: Path, ward: dict[str, Staff], tmp_path: Path) -> None:
    attlog = tmp_path / "1_attlog.dat"
    attlog.write_text("1\t2026-03-02 07:52:00\t1\t0\n", encoding="utf-8")
    with pytest.raises(WardOfficeError):
        in_own_ward(db_path, lambda own: import_clock(own, attlog, save_mapping_as="Tên", now=LATER))
    export = tmp_path / "van-tay.csv"
    export.write_text(ODD_EXPORT, encoding="utf-8")
    wrong = ColumnMapping("", clock_id="Mã", datetime="Giờ")
    with pytest.raises(InputFileError) as refused:
        in_own_ward(db_path, lambda own: import_clock(own, export, mapping=wrong, save_mapping_as="Sai", now=LATER))
    assert "Mã" in refused.value.localized()
    assert (count(db_path, "punches"), in_own_ward(db_path, lambda own: clock_mapping_names(
        own), read_only=True)) == (0, [])
    with pytest.raises(WardOfficeError):
        in_own_ward(db_path, lambda own: save_clock_mapping(own, "  ", ODD_MAPPING))
    in_own_ward(db_path, lambda own: save_clock_mapping(own, "Cổng", ODD_MAPPING), actor=ACTOR)
    assert in_own_ward(db_path, lambda own: clock_mapping_names(
        own), read_only=True) == ["Cổng"] and actors(db_path) == {ACTOR}


def test_layout_of_logs_and_tables(db_path: Path, ward: dict[str, Staff], tmp_path: Path) -> None:
    attlog = tmp_path / "1_attlog.dat"
    attlog.write_text("        1\t2026-03-02 07:52:00\t1\t0\t1\t0\n", encoding="utf-8")
    layout = in_own_ward(db_path, lambda own: inspect_clock_file(own, attlog), read_only=True)
    assert (layout.format, layout.needs_mapping, layout.headers) == (ATTLOG, False, ())
    adms = tmp_path / "iclock.txt"
    adms.write_text("POST /iclock/cdata?SN=ABC123&table=ATTLOG HTTP/1.1\n1\t2026-03-02 07:52:00\t0\t1\n")
    assert in_own_ward(db_path, lambda own: inspect_clock_file(own, adms), read_only=True).format == ADMS

    wise_eye = tmp_path / "wise-eye.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["BÁO CÁO CHẤM CÔNG THÁNG 3/2026"])
    sheet.append([])
    sheet.append(["STT", "Mã CC", "Họ tên", "Ngày", "Vào 1", "Ra 1", None])
    sheet.append([1, 1, "Người NV01", "02/03/2026", "07:52", "17:03"])
    workbook.save(wise_eye)
    layout = in_own_ward(db_path, lambda own: inspect_clock_file(own, wise_eye), read_only=True)
    assert layout.headers == ("STT", "Mã CC", "Họ tên", "Ngày", "Vào 1", "Ra 1")
    assert layout.guessed is not None
    assert (layout.guessed.clock_id, layout.guessed.date, layout.guessed.times) == ("Mã CC", "Ngày", ("Vào 1", "Ra 1"))
    assert layout.remembered is None
    assert layout.sample == (("1", "1", "Người NV01", "02/03/2026", "07:52", "17:03"),)

    empty = tmp_path / "trong.csv"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputFileError):
        in_own_ward(db_path, lambda own: inspect_clock_file(own, empty), read_only=True)


def test_link_and_file_imports_record_the_given_actor(db_path: Path, ward: dict[str, Staff], tmp_path: Path) -> None:
    attlog = tmp_path / "1_attlog.dat"
    attlog.write_text("45\t2026-03-02 07:52:00\t1\t0\n45\t2026-03-02 17:00:00\t1\t0\n", encoding="utf-8")
    in_own_ward(db_path, lambda own: import_clock(own, attlog, now=LATER), actor=ACTOR)
    linked = in_own_ward(db_path, lambda own: link_clock_id(
        own, "45", ward["tu"].id, now=LATER), actor=ACTOR)  # type: ignore[arg-type]
    assert linked.days == 1 and linked.changes
    assert actors(db_path) == {ACTOR}

    staff_file = tmp_path / "can-bo.csv"
    staff_file.write_text("Mã cán bộ,Họ và tên,Giới tính,Chức vụ,Loại,Bộ phận\n"
                          "NV09,Đỗ Thị Mai,Nữ,Chuyên viên,Công chức,Văn phòng\n", encoding="utf-8")
    assert in_own_ward(db_path, lambda own: imports.import_staff(
        own, staff_file, dry_run=True), actor="Ai đó").added == 1
    assert in_own_ward(db_path, lambda own: imports.import_staff(own, staff_file), actor="Người nhập",
                       must_exist=False).added == 1  # a session opened as an import does: with the default plan
    events_file = tmp_path / "su-viec.csv"
    events_file.write_text("Ngày,Mã cán bộ,Mã tiêu chí,Ghi chú\n03/03/2026,NV09,TG01,\n", encoding="utf-8")
    assert in_own_ward(db_path, lambda own: imports.import_events(own, events_file), actor="Người nhập",
                       must_exist=False).added == 1
    assert "Người nhập" in actors(db_path) and "Ai đó" not in actors(db_path)

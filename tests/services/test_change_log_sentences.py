"""The change log for people: sentences, field tables, filters, keyset pages and exports."""

from __future__ import annotations

import csv
import dataclasses
import sqlite3
import sys
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest

from ward_office.cli import main
from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.change_log import ChangeAction, ChangeEntity
from ward_office.core.checks import Event
from ward_office.core.errors import WardOfficeError
from ward_office.core.period import month
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.paths import plans_dir
from ward_office.services import change_log
from ward_office.services.change_log import ChangeFilter, Lookup, describe, entry_fields
from ward_office.services.ward import Ward
from ward_office.storage import Store
from ward_office.storage.log_chain import append_line

HANOI = timezone(timedelta(hours=7))


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 5, 8, 30, tzinfo=HANOI)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ward(db_path: Path, clock: Clock, vietnamese: None) -> Iterator[Ward]:
    store = Store.open(db_path, clock=clock)
    store.plans.adopt((plans_dir() / "van-hoa-cong-so.toml").read_text(encoding="utf-8"), "Chương trình")
    opened = Ward(db_path, store, "Nguyễn Thị Lan")
    yield opened
    opened.close()


def add_person(ward: Ward, code: str, name: str) -> Staff:
    return ward.store.staff.add(Staff(code, name, Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC), "Lan")


def test_an_attendance_correction_reads_as_one_sentence(ward: Ward) -> None:
    an = add_person(ward, "NV001", "Nguyễn Văn An")
    assert an.id is not None
    ward.store.attendance.set(Attendance(an.id, date(2026, 11, 5), Session.MORNING, late_minutes=20), "Lan")
    ward.store.attendance.clear(an.id, date(2026, 11, 5), Session.MORNING, "Lan")
    ward.store.attendance.set(Attendance(an.id, date(2026, 11, 6), Session.AFTERNOON, AttendanceStatus.LEAVE,
                                         leave_code=LeaveCode.ANNUAL), "Lan")
    rows = change_log.find_entries(ward, ChangeFilter(kind=ChangeEntity.ATTENDANCE))
    assert [row.sentence for row in rows] == [
        "Sửa chấm công của Nguyễn Văn An ngày 06/11/2026, buổi chiều: Có mặt → Nghỉ phép năm (P)",
        "Sửa chấm công của Nguyễn Văn An ngày 05/11/2026, buổi sáng: Đi muộn 20 phút → Có mặt",
        "Sửa chấm công của Nguyễn Văn An ngày 05/11/2026, buổi sáng: Có mặt → Đi muộn 20 phút",
    ]
    assert [row.action_label for row in rows] == ["Thêm mới", "Xóa", "Thêm mới"]
    assert rows[0].kind_label == "Chấm công"


def test_sentences_name_people_criteria_and_periods(ward: Ward) -> None:
    an = add_person(ward, "NV001", "Nguyễn Văn An")
    assert an.id is not None
    ward.store.staff.update(dataclasses.replace(an, position="Phó Chủ tịch UBND"), "Lan")
    event = ward.store.events.add(Event(an.id, date(2026, 11, 4), "TP01", "Không đeo thẻ"), "Lan")
    ward.store.events.delete(event.id, "Lan")  # type: ignore[arg-type]
    lookup = Lookup.of(ward)
    sentences = [describe(entry, lookup) for entry in reversed(ward.store.change_log.changes())]
    assert sentences[:4] == [
        "Xóa vi phạm của Nguyễn Văn An ngày 04/11/2026: TP01 — Không đeo thẻ công chức khi thi hành công vụ",
        "Ghi vi phạm của Nguyễn Văn An ngày 04/11/2026: TP01 — Không đeo thẻ công chức khi thi hành công vụ",
        "Sửa thông tin cán bộ Nguyễn Văn An: chức vụ",
        "Thêm cán bộ Nguyễn Văn An",
    ]
    assert sentences[-1].startswith("Ban hành kế hoạch thi đua ")


def test_fields_of_an_update_are_the_changed_ones_in_vietnamese(ward: Ward) -> None:
    an = add_person(ward, "NV001", "Nguyễn Văn An")
    assert an.id is not None
    ward.store.attendance.set(Attendance(an.id, date(2026, 11, 5), Session.MORNING, late_minutes=20), "Lan")
    ward.store.attendance.set(Attendance(an.id, date(2026, 11, 5), Session.MORNING, late_minutes=5,
                                         note="Tắc đường"), "Lan")
    entry = ward.store.change_log.changes(ChangeEntity.ATTENDANCE)[-1]
    assert entry.action is ChangeAction.UPDATE
    fields = [(field.name, field.before, field.after) for field in entry_fields(entry, Lookup.of(ward))]
    assert fields == [
        ("Cán bộ", "Nguyễn Văn An", "Nguyễn Văn An"),
        ("Ngày", "05/11/2026", "05/11/2026"),
        ("Buổi", "Sáng", "Sáng"),
        ("Số phút đi muộn", "20 phút", "5 phút"),
        ("Ghi chú", "", "Tắc đường"),
    ]
    ward.store.staff.update(dataclasses.replace(an, active_to=date(2026, 12, 31)), "Lan")
    staff_line = ward.store.change_log.changes(ChangeEntity.STAFF)[-1]
    assert [(f.name, f.before, f.after) for f in entry_fields(staff_line)] == [
        ("Làm việc đến ngày", "", "31/12/2026")]


def _log_with_days(ward: Ward, clock: Clock) -> tuple[Staff, Staff]:
    an = add_person(ward, "NV001", "Nguyễn Văn An")
    binh = add_person(ward, "NV002", "Trần Thị Bình")
    assert an.id is not None and binh.id is not None
    for offset, (person, actor) in enumerate([(an, "Lan"), (binh, "Hà"), (an, "Hà"), (binh, "Lan")]):
        clock.now = datetime(2026, 11, 10 + offset, 9, 0, tzinfo=HANOI)
        ward.store.attendance.set(Attendance(person.id, date(2026, 11, 2 + offset), Session.MORNING,  # type: ignore[arg-type]
                                             late_minutes=10 + offset, note=f"lần {offset}"), actor)
    clock.now = datetime(2026, 11, 14, 9, 0, tzinfo=HANOI)
    ward.store.events.add(Event(binh.id, date(2026, 11, 13), "TP01"), "Lan")  # type: ignore[arg-type]
    return an, binh


def _days(rows: list[change_log.ChangeLine]) -> list[int]:
    return [row.entry.at.day for row in rows]


def test_filters_narrow_the_lines(ward: Ward, clock: Clock) -> None:
    an, binh = _log_with_days(ward, clock)

    def find(**wanted: object) -> list[int]:
        return _days(change_log.find_entries(ward, ChangeFilter(**wanted)))  # type: ignore[arg-type]

    assert find(start=date(2026, 11, 11), end=date(2026, 11, 12)) == [12, 11]
    assert find(actor="Hà") == [12, 11]
    assert find(kind=ChangeEntity.EVENT) == [14]
    assert find(kind=ChangeEntity.ATTENDANCE, actor="Lan") == [13, 10]
    assert find(action=ChangeAction.INSERT, kind=ChangeEntity.ATTENDANCE, start=date(2026, 11, 12)) == [13, 12]
    assert find(staff_id=binh.id) == [14, 13, 11, 5]  # her records, and her own line in the staff list
    assert find(staff_id=an.id, kind=ChangeEntity.ATTENDANCE) == [12, 10]
    assert find(text="tran thi binh") == [14, 13, 11, 5]  # a name typed without accents
    assert find(text="04/11/2026") == [12]  # a day typed as people write it
    assert find(text="lần 3") == [13]  # words of a note
    assert find(text="không có đâu") == []
    assert change_log.actors(ward) == ["Chương trình", "Hà", "Lan"]


def test_pages_follow_each_other_without_gaps_or_repeats(ward: Ward) -> None:
    an = add_person(ward, "NV001", "Nguyễn Văn An")
    assert an.id is not None
    for day in range(1, 226):
        moment = date(2026, 1, 1) + timedelta(days=day)
        ward.store.attendance.set(Attendance(an.id, moment, Session.MORNING, late_minutes=5), "Lan")
        ward.store.attendance.clear(an.id, moment, Session.MORNING, "Lan")
    wanted = ChangeFilter(kind=ChangeEntity.ATTENDANCE)
    seen: list[int] = []
    pages = []
    before_id = None
    while True:
        page = change_log.find_entries(ward, wanted, before_id=before_id, limit=200)
        pages.append(len(page))
        seen.extend(row.entry.id for row in page)
        if len(page) < 200:
            break
        before_id = page[-1].entry.id
    assert pages == [200, 200, 50]
    assert seen == sorted(seen, reverse=True) and len(set(seen)) == 450


def test_excel_export_reads_back_with_real_dates(ward: Ward, clock: Clock, tmp_path: Path) -> None:
    _log_with_days(ward, clock)
    out = tmp_path / "nhat-ky.xlsx"
    summary = change_log.export_change_log(ward, ChangeFilter(kind=ChangeEntity.ATTENDANCE), out,
                                           now=datetime(2026, 11, 14, 16, 45))
    assert summary.rows == 4
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    cells = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    header_at = next(number for number, row in enumerate(cells) if row[0] == "STT")
    assert list(cells[header_at][:8]) == ["STT", "Ngày", "Thời gian", "Người thực hiện", "Thao tác", "Loại dữ liệu",
                                          "Số hiệu mục", "Nội dung thay đổi"]
    body = cells[header_at + 1:header_at + 5]
    assert [row[1] for row in body] == [datetime(2026, 11, day) for day in (13, 12, 11, 10)]
    assert body[0][2] == time(9, 0) and body[0][3] == "Lan"  # a time Excel sorts, not the text "09:00"
    assert sheet.cell(header_at + 2, 3).number_format == "hh:mm"
    assert all(type(row[6]) is int for row in body)  # the record's number is a number
    assert body[0][7] == "Sửa chấm công của Trần Thị Bình ngày 05/11/2026, buổi sáng: Có mặt → Đi muộn 13 phút"
    assert "Số phút đi muộn: 13 phút" in body[0][8]
    above = [value for row in cells[:header_at] for value in row if value]
    assert "Độc lập - Tự do - Hạnh phúc" in above and "NHẬT KÝ THAY ĐỔI DỮ LIỆU" in above
    assert "(Trích từ nhật ký lúc 16:45 ngày 14/11/2026)" in above
    assert any(str(value).endswith("ngày 14 tháng 11 năm 2026") for value in above)
    signed = next(row for row in cells[header_at + 5:] if row[0] == "NGƯỜI LẬP BIỂU")
    assert [value for value in signed if value] == ["NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN"]
    assert sys.platform == "win32" or out.stat().st_mode & 0o777 == 0o644


def test_csv_export_is_excel_friendly(ward: Ward, clock: Clock, tmp_path: Path) -> None:
    _log_with_days(ward, clock)
    out = tmp_path / "nhat-ky.csv"
    change_log.export_change_log(ward, ChangeFilter(actor="Hà"), out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["STT", "Ngày", "Thời gian", "Người thực hiện"]
    assert [row[1:3] for row in rows[1:]] == [["12/11/2026", "09:00"], ["11/11/2026", "09:00"]]
    assert sys.platform == "win32" or out.stat().st_mode & 0o777 == 0o644


def test_exports_are_in_vietnamese_whatever_the_language(ward: Ward, clock: Clock, tmp_path: Path,
                                                         english: None) -> None:
    _log_with_days(ward, clock)
    out = tmp_path / "log.csv"
    summary = change_log.export_change_log(ward, ChangeFilter(actor="Hà"), out)
    assert summary.localized().startswith("Wrote 2 ")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["STT", "Ngày"] and rows[1][7].startswith("Sửa chấm công của ")


def test_export_refuses_other_files_and_writes_nothing(ward: Ward, tmp_path: Path) -> None:
    with pytest.raises(WardOfficeError) as refused:
        change_log.export_change_log(ward, ChangeFilter(), tmp_path / "nhat-ky.pdf")
    assert ".xlsx" in refused.value.localized()
    with pytest.raises(WardOfficeError):
        change_log.export_change_log(ward, ChangeFilter(), tmp_path / "khong-co" / "nhat-ky.xlsx")
    assert not [path for path in tmp_path.rglob("nhat-ky*")]


def test_command_line_prints_and_exports(ward: Ward, clock: Clock, db_path: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    _log_with_days(ward, clock)
    ward.close()
    assert main(["log", "--db", str(db_path), "--lang", "vi", "--who", "Hà", "--from", "12/11/2026"]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed == ["09:00 12/11/2026\tHà\tSửa chấm công của Nguyễn Văn An ngày 04/11/2026, buổi sáng: "
                       "Có mặt → Đi muộn 12 phút"]
    out = tmp_path / "log.xlsx"
    assert main(["log", "--db", str(db_path), "--lang", "vi", "--kind", "event", "--out", str(out)]) == 0
    assert "1 dòng" in capsys.readouterr().out
    assert out.is_file()
    assert main(["log", "--db", str(db_path), "--lang", "vi", "--out", str(tmp_path / "log.txt")]) == 1
    assert "xlsx" in capsys.readouterr().err


def test_the_log_cannot_be_rewritten_from_outside(ward: Ward, db_path: Path) -> None:
    add_person(ward, "NV001", "Nguyễn Văn An")
    raw = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("UPDATE change_log SET actor = 'người khác'")
    finally:
        raw.close()


def test_lock_and_unlock_name_the_period(ward: Ward) -> None:
    ward.store.periods.lock(month(2026, 9), "Hùng")
    ward.store.periods.unlock(month(2026, 9), "Hùng", "Sửa chấm công")
    sentences = [row.sentence for row in change_log.find_entries(ward, ChangeFilter(kind=ChangeEntity.PERIOD))]
    assert sentences == ["Mở khóa sổ kỳ đánh giá Tháng 9 năm 2026, lý do: Sửa chấm công",
                         "Khóa sổ kỳ đánh giá Tháng 9 năm 2026", "Tạo kỳ đánh giá Tháng 9 năm 2026"]


def test_lines_of_older_programs_are_told(ward: Ward, db_path: Path) -> None:
    an = add_person(ward, "NV001", "Nguyễn Văn An")
    conn = sqlite3.connect(db_path)
    with conn:
        at = "2026-11-05T08:30:00+07:00"
        append_line(conn, at, "ward-office", "update", "check", None,
                    '{"migration": "m002_check_finished_at", "count": 3, "finished_at": "started_at"}')
        append_line(conn, at, "Lan", "update", "database", None, '{"restored_from": "so-2026-11-01.sqlite"}')
        append_line(conn, at, "Lan", "insert", "future_thing", "7", '{"after": {"colour": "blue"}}')
        append_line(conn, at, "Lan", "insert", "attendance", "9",
                    f'{{"after": {{"staff_id": {an.id}, "day": "2026-11-02", "session": "morning",'
                    ' "status": "leave", "leave_code": null}}')
    conn.close()
    lines = ward.store.change_log.changes()[-4:]
    lookup = Lookup.of(ward)
    assert [describe(line, lookup) for line in lines] == [
        "Chương trình cập nhật 3 mục dữ liệu khi nâng cấp sổ (đợt kiểm tra)",
        "Khôi phục sổ từ bản sao lưu so-2026-11-01.sqlite",
        "Thêm mới: future_thing 7",
        "Sửa chấm công của Nguyễn Văn An ngày 02/11/2026, buổi sáng: Có mặt → Nghỉ có lý do",
    ]
    assert [(f.name, f.after) for f in entry_fields(lines[0], lookup)] == [
        ("Nâng cấp sổ", "m002_check_finished_at"), ("Số mục", "3"), ("Kết thúc lúc", "started_at")]
    assert [(f.name, f.after) for f in entry_fields(lines[2], lookup)] == [("colour", "blue")]
    assert change_log.kind_label(lines[2].entity) == "future_thing"


def test_the_command_line_offers_kinds_the_log_knows() -> None:
    from ward_office.cli.change_log import KINDS

    assert set(KINDS) <= {kind.value for kind in ChangeEntity} and len(set(KINDS)) == len(KINDS)

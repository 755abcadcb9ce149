"""Clock import on real files: punches kept, attendance derived, people's records never overwritten, all or nothing."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from ward_office.cli import imports as clock_commands
from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode, RecordSource
from ward_office.core.clock import Punch
from ward_office.core.errors import PeriodLockedError, WardOfficeError
from ward_office.core.period import month
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.importers import clock_logs
from ward_office.services.clock_import import (
    ClockBatch,
    import_batch,
    link_in_store,
    preview_batch,
)
from ward_office.services.ward import in_own_ward
from ward_office.storage import Store
from ward_office.storage.attendance import AttendanceRepository

ACTOR = "Trần Thị Hoa"
MONDAY, TUESDAY = date(2026, 3, 2), date(2026, 3, 3)  # winter hours: 07:30–12:00, 13:30–17:00, grace 5
LATER = datetime(2026, 3, 20, 9, 0)


pytestmark = pytest.mark.usefixtures("vietnamese")


def person(code: str, clock_id: str = "") -> Staff:
    return Staff(code, f"Người {code}", Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC, clock_id=clock_id)


@pytest.fixture
def ward(store: Store) -> dict[str, Staff]:
    """Lan has clock id 1, Minh "002" (typed with zeros), Tú no clock id at all."""
    lan, minh, tu = store.staff.add_many([person("NV01", "1"), person("NV02", "002"), person("NV03")], ACTOR)
    return {"lan": lan, "minh": minh, "tu": tu}


def at(clock_id: str, day: date, *times: str, device: str = "A", line: int = 0) -> list[Punch]:
    return [Punch(clock_id, datetime.combine(day, datetime.strptime(text, "%H:%M").time()), device, line + index)
            for index, text in enumerate(times)]


def batch(*groups: list[Punch], name: str = "1_attlog.dat") -> ClockBatch:
    return ClockBatch(name, tuple(punch for group in groups for punch in group))


def records(store: Store) -> dict[tuple[str, date, Session], Attendance]:
    names = {person.id: person.code for person in store.staff.list()}
    return {(names[r.staff_id], r.day, r.session): r for r in store.attendance.between(date.min, date.max)}


def counts(store: Store) -> tuple[int, ...]:
    return tuple(store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("punches", "attendance", "change_log", "staff"))


WEEK = batch(at("1", MONDAY, "07:52", "11:58", "13:28", "17:03", line=1),
             at("2", MONDAY, "07:20", "17:10", line=5), at("2", TUESDAY, "07:25", "17:00", line=7))


def test_import_stores_punches_and_derives_lateness(store: Store, ward: dict[str, Staff]) -> None:
    summary = import_batch(store, WEEK, ACTOR, now=LATER)
    assert summary.punches_added == 8 and not summary.dry_run
    found = records(store)
    assert found[("NV01", MONDAY, Session.MORNING)].late_minutes == 22
    assert found[("NV01", MONDAY, Session.MORNING)].source is RecordSource.CLOCK
    assert found[("NV01", MONDAY, Session.MORNING)].recorded_by == ACTOR
    # Lan has no punch on Tuesday, a day in the file: absent; Tú has no clock id: nothing derived.
    assert found[("NV01", TUESDAY, Session.MORNING)].status is AttendanceStatus.ABSENT
    assert found[("NV01", TUESDAY, Session.AFTERNOON)].status is AttendanceStatus.ABSENT
    assert set(found) == {("NV01", MONDAY, Session.MORNING), ("NV01", TUESDAY, Session.MORNING),
                          ("NV01", TUESDAY, Session.AFTERNOON)}
    assert summary.sessions_changed == 3
    log = store.change_log.list()
    assert [(line.entity, line.action.value) for line in log if line.entity in ("punch", "attendance")] == [
        ("punch", "import"), ("attendance", "import")]
    assert log[-1].detail["added"] == 3


def test_reimporting_the_same_punches_adds_and_changes_nothing(store: Store, ward: dict[str, Staff]) -> None:
    import_batch(store, WEEK, ACTOR, now=LATER)
    before, log_before = records(store), store.change_log.list()
    preview = preview_batch(store, WEEK, now=LATER)
    assert (preview.new, preview.already_stored, preview.changes) == (0, 8, ())
    again = import_batch(store, WEEK, ACTOR, now=LATER)
    assert (again.punches_added, again.sessions_changed) == (0, 0)
    assert records(store) == before
    assert store.change_log.list() == log_before


def test_a_manual_record_survives_and_nothing_about_it_is_logged(store: Store, ward: dict[str, Staff]) -> None:
    lan = ward["lan"]
    assert lan.id is not None
    manual = store.attendance.set(Attendance(lan.id, MONDAY, Session.MORNING, late_minutes=3,
                                             note="Họp tổ dân phố, đã báo"), ACTOR)
    leave = store.attendance.set(Attendance(lan.id, TUESDAY, Session.MORNING, AttendanceStatus.LEAVE,
                                            leave_code=LeaveCode.ANNUAL), ACTOR)
    log_before = len(store.change_log.list())
    summary = import_batch(store, WEEK, ACTOR, now=LATER)
    found = records(store)
    assert found[("NV01", MONDAY, Session.MORNING)] == manual
    assert found[("NV01", TUESDAY, Session.MORNING)] == leave
    assert found[("NV01", TUESDAY, Session.AFTERNOON)].status is AttendanceStatus.ABSENT
    assert summary.preview.manual_kept == 2
    new_lines = store.change_log.list()[log_before:]
    attendance_lines = [line for line in new_lines if line.entity == "attendance"]
    assert len(attendance_lines) == 1
    detail = attendance_lines[0].detail
    assert detail["added"] == 1 and detail["replaced"] == [] and detail["removed"] == []
    assert str(manual.id) not in {line.entity_id for line in new_lines}


def test_the_storage_refuses_to_overwrite_a_manual_record_even_if_asked(store: Store,
                                                                       ward: dict[str, Staff]) -> None:
    lan_id = ward["lan"].id
    assert lan_id is not None
    manual = store.attendance.set(Attendance(lan_id, MONDAY, Session.MORNING, late_minutes=3), ACTOR)
    clock = Attendance(lan_id, MONDAY, Session.MORNING, late_minutes=30, source=RecordSource.CLOCK)
    assert store.attendance.apply_clock([clock], [], ACTOR) == 0
    assert store.attendance.get(lan_id, MONDAY, Session.MORNING) == manual
    with pytest.raises(ValueError):
        store.attendance.apply_clock([manual], [], ACTOR)


def test_an_earlier_clock_record_is_replaced_or_removed(store: Store, ward: dict[str, Staff]) -> None:
    import_batch(store, batch(at("1", MONDAY, "07:40", "11:00"), at("2", MONDAY, "07:30", "17:00")), ACTOR,
                 now=LATER)
    first = records(store)
    assert first[("NV01", MONDAY, Session.MORNING)].early_minutes == 60
    assert first[("NV01", MONDAY, Session.AFTERNOON)].status is AttendanceStatus.ABSENT
    # The evening punch was on the other device, imported later.
    summary = import_batch(store, batch(at("1", MONDAY, "17:02", device="B"), name="2_attlog.dat"), ACTOR, now=LATER)
    assert (summary.preview.replaced, summary.preview.removed, summary.preview.added) == (1, 1, 0)
    second = records(store)
    assert second[("NV01", MONDAY, Session.MORNING)].late_minutes == 10
    assert second[("NV01", MONDAY, Session.MORNING)].early_minutes == 0
    assert ("NV01", MONDAY, Session.AFTERNOON) not in second
    detail = store.change_log.list("attendance")[-1].detail
    assert detail["removed"][0]["status"] == "absent"
    assert detail["replaced"][0]["changed"] == ["early_minutes", "note"]


def test_missing_punch_and_absent_day(store: Store, ward: dict[str, Staff]) -> None:
    import_batch(store, batch(at("1", MONDAY, "07:29"), at("2", TUESDAY, "07:29", "17:00")), ACTOR, now=LATER)
    found = records(store)
    assert found[("NV01", MONDAY, Session.MORNING)].missing_punch
    assert found[("NV01", MONDAY, Session.AFTERNOON)].missing_punch
    assert found[("NV02", MONDAY, Session.MORNING)].status is AttendanceStatus.ABSENT
    assert found[("NV02", MONDAY, Session.AFTERNOON)].status is AttendanceStatus.ABSENT
    assert found[("NV01", TUESDAY, Session.AFTERNOON)].status is AttendanceStatus.ABSENT
    assert ("NV02", TUESDAY, Session.MORNING) not in found


def test_holidays_and_weekends_derive_nothing(store: Store, ward: dict[str, Staff]) -> None:
    holiday, saturday = date(2026, 4, 30), date(2026, 3, 7)  # Ngày Giải phóng, prefilled by the import
    summary = import_batch(store, batch(at("1", holiday, "09:00"), at("1", saturday, "08:00", "10:00")), ACTOR,
                           now=LATER.replace(month=5))
    assert summary.punches_added == 3
    assert records(store) == {}
    assert any(h.day == holiday for h in store.schedule.holidays(2026))


def test_a_day_still_under_way_is_not_judged(store: Store, ward: dict[str, Staff]) -> None:
    preview = preview_batch(store, WEEK, now=datetime(2026, 3, 3, 10, 0))
    assert preview.not_judged == (TUESDAY,)
    assert {change.day for change in preview.changes} == {MONDAY}


def test_unknown_ids_are_listed_then_linked_and_derived(store: Store, ward: dict[str, Staff]) -> None:
    tu = ward["tu"]
    assert tu.id is not None
    file = batch(at("1", MONDAY, "07:30", "17:00", line=1), at("0045", MONDAY, "08:10", "16:50", line=3),
                 at("45", TUESDAY, "07:30", "17:00", line=5), at("99", MONDAY, "07:00", line=7))
    file = ClockBatch(file.file, tuple(Punch(p.clock_id.lstrip("0"), p.at, p.device, p.line) for p in file.punches))
    preview = preview_batch(store, file, now=LATER)
    assert [(u.clock_id, u.count, u.lines) for u in preview.unknown] == [("45", 4, (3, 4, 5, 6)), ("99", 1, (7,))]
    text = preview.localized()
    assert "45: 4" in text and "3, 4, 5, 6" in text
    import_batch(store, file, ACTOR, now=LATER)
    assert store.punches.count() == 7  # unknown ids' punches are kept
    assert not any(code == "NV03" for code, _day, _session in records(store))

    linked = link_in_store(store, "0045", tu.id, ACTOR, now=LATER)
    assert linked.clock_id == "45" and linked.days == 2
    assert store.staff.get(tu.id).clock_id == "45"
    found = records(store)
    assert found[("NV03", MONDAY, Session.MORNING)].late_minutes == 40
    assert found[("NV03", MONDAY, Session.AFTERNOON)].early_minutes == 10
    assert ("NV03", TUESDAY, Session.MORNING) not in found
    assert "Người NV03" in linked.localized()
    with pytest.raises(WardOfficeError):
        link_in_store(store, "1", tu.id, ACTOR, now=LATER)  # Lan's id


def test_a_locked_day_refuses_the_whole_import(store: Store, ward: dict[str, Staff]) -> None:
    store.periods.lock(month(2026, 2), ACTOR)
    before = counts(store)
    file = batch(at("1", MONDAY, "07:50", "17:00"), at("1", date(2026, 2, 27), "07:50", "17:00"))
    with pytest.raises(PeriodLockedError) as raised:
        import_batch(store, file, ACTOR, now=LATER)
    assert counts(store) == before
    message = raised.value.localized()
    assert "27/02/2026" in message and "khóa" in message, message


def test_an_error_while_writing_leaves_the_file_as_it_was(store: Store, ward: dict[str, Staff],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = counts(store)
    original = AttendanceRepository.apply_clock

    def half_then_fail(self: AttendanceRepository, derived: Any, removed: Any, actor: str, **judged: Any) -> int:
        original(self, list(derived)[:1], [], actor, **judged)
        assert store.db.execute("SELECT count(*) FROM attendance").fetchone()[0] == 1
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(AttendanceRepository, "apply_clock", half_then_fail)
    with pytest.raises(RuntimeError):
        import_batch(store, WEEK, ACTOR, now=LATER)
    assert counts(store) == before


def test_preview_text_is_vietnamese(store: Store, ward: dict[str, Staff]) -> None:
    text = preview_batch(store, WEEK, now=LATER).localized()
    assert "02/03/2026" in text and "Người NV01" in text
    for english in ("punches read", "minutes late", "Attendance:", "absent without leave", "Days covered"):
        assert english not in text, text


def test_cli_dry_run_reads_a_real_attlog_file(db_path: Path, store: Store, ward: dict[str, Staff],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    store.close()
    file = db_path.parent / "1_attlog.dat"
    file.write_bytes(b"        1\t2026-03-02 07:52:00\t1\t0\t1\t0\r\n"
                     b"        2\t2026-03-02 07:20:00\t1\t0\t1\t0\r\n"
                     b"        2\t2026-03-02 17:10:00\t1\t1\t1\t0\r\n")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path)
    parser = argparse.ArgumentParser()
    clock_commands.register_clock(parser.add_subparsers(dest="command"), common)
    options = parser.parse_args(["import-clock", "--db", str(db_path), str(file), "--dry-run"])
    assert clock_commands.run(options) == 0
    out = capsys.readouterr().out
    assert "3" in out and "Người NV01" in out
    with Store.open(db_path) as reopened:
        assert reopened.punches.count() == 0
    options = parser.parse_args(["import-clock", "--db", str(db_path), str(file)])
    assert clock_commands.run(options) == 0
    with Store.open(db_path) as reopened:
        assert reopened.punches.count() == 3
        assert reopened.attendance.get(ward["lan"].id, date(2026, 3, 2), Session.MORNING) is not None  # type: ignore[arg-type]


def test_files_end_to_end_with_a_remembered_mapping_and_a_bad_line(db_path: Path, store: Store,
                                                                   ward: dict[str, Staff]) -> None:
    from ward_office.services.clock_import import (
        clock_mapping_names,
        import_clock,
        preview_clock_import,
        save_clock_mapping,
    )

    store.close()
    report = db_path.parent / "wise_eye.csv"
    report.write_text("BÁO CÁO CHẤM CÔNG\nMã CC,Ngày,Giờ vào,Giờ ra\n1,02/03/2026,07:52,17:03\n"
                      "0002,02/03/2026,07:20,17:10\nxx,hôm qua,7h,\n", encoding="utf-16")
    mapping = clock_logs.ColumnMapping("Wise Eye", clock_id="Mã CC", date="Ngày", times=("Giờ vào", "Giờ ra"))
    in_own_ward(db_path, lambda own: save_clock_mapping(own, "Wise Eye", mapping))
    assert in_own_ward(db_path, lambda own: clock_mapping_names(own), read_only=True) == ["Wise Eye"]
    preview = in_own_ward(db_path, lambda own: preview_clock_import(own, report, "Wise Eye", now=LATER), read_only=True)
    assert (preview.read, preview.new, preview.added) == (4, 4, 1)
    assert [problem.line for problem in preview.problems] == [5]
    assert "dòng 5" in preview.localized()
    with pytest.raises(WardOfficeError):
        in_own_ward(db_path, lambda own: preview_clock_import(own, report, "Không có", now=LATER), read_only=True)
    summary = in_own_ward(db_path, lambda own: import_clock(own, report, "Wise Eye", now=LATER))
    assert (summary.punches_added, summary.sessions_changed) == (4, 1)
    assert in_own_ward(db_path, lambda own: import_clock(own, report, "Wise Eye", now=LATER)).punches_added == 0
    with Store.open(db_path) as reopened:
        lan_id = ward["lan"].id
        assert lan_id is not None
        assert reopened.attendance.get(lan_id, MONDAY, Session.MORNING).late_minutes == 22  # type: ignore[union-attr]


def test_a_file_over_several_months_logs_one_line_a_month(store: Store, ward: dict[str, Staff]) -> None:
    """A year of a big ward in one line would be tens of megabytes of JSON held at once."""
    february, april = date(2026, 2, 24), date(2026, 4, 7)
    summary = import_batch(store, batch(at("1", february, "07:50", "17:00"), at("1", MONDAY, "07:29"),
                                        at("1", april, "07:29", "11:00")), ACTOR, now=datetime(2026, 4, 30, 9))
    lines = [line for line in store.change_log.list("attendance") if line.action.value == "import"]
    assert [(line.detail["first_day"], line.detail["last_day"]) for line in lines] == [
        ("2026-02-24", "2026-02-24"), ("2026-03-02", "2026-03-02"), ("2026-04-07", "2026-04-07")]
    assert sum(line.detail["added"] for line in lines) == summary.sessions_changed > 0

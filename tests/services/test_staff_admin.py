"""Keeping the staff list through the service, on a real database file: what is refused writes nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ward_office.core.attendance import Attendance
from ward_office.core.errors import WardOfficeError
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services import staff_admin
from ward_office.services.staff_admin import StaffFieldError
from ward_office.services.ward import Ward

TODAY = date(2026, 11, 20)


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    with Ward.open(tmp_path / "ward.db", actor="Văn thư") as opened:
        yield opened


def person(ward: Ward, code: str = "CB001", **changes: object) -> Staff:
    values: dict[str, object] = {
        "code": code, "full_name": "Nguyễn Văn An", "gender": Gender.MALE, "position": "Chuyên viên",
        "category": StaffCategory.CONG_CHUC, "department_id": ward.departments()[0].id,
        "badge_number": f"T-{code}", "active_from": date(2020, 1, 1),
    }
    values.update(changes)
    return Staff(**values)  # type: ignore[arg-type]


def staff_log_lines(ward: Ward) -> int:
    return ward.store.db.execute("SELECT count(*) FROM change_log WHERE entity = 'staff'").fetchone()[0]


def test_add_tidies_and_stores_the_person(ward: Ward) -> None:
    added = staff_admin.add_staff(ward, person(ward, " CB001 ", full_name="  Nguyễn   Văn  An ", clock_id=" 7 "))
    stored = ward.store.staff.get(added.id)
    assert (stored.code, stored.full_name, stored.clock_id) == ("CB001", "Nguyễn Văn An", "7")
    assert staff_log_lines(ward) == 1


@pytest.mark.parametrize(("changes", "field", "expected"), [
    ({"code": "  "}, "code", "Hãy nhập mã cán bộ"),
    ({"full_name": ""}, "full_name", "Hãy nhập họ và tên"),
    ({"position": " "}, "position", "Hãy nhập chức vụ"),
    ({"department_id": None}, "department_id", "Hãy chọn bộ phận công tác"),
    ({"department_id": 999}, "department_id", "Bộ phận đã chọn không còn trong danh sách"),
    ({"active_from": date(2026, 5, 1), "active_to": date(2026, 4, 30)}, "active_to",
     "Ngày làm việc cuối cùng trước ngày bắt đầu công tác"),
])
def test_bad_fields_are_named_in_vietnamese_and_nothing_is_written(
        ward: Ward, vietnamese: None, changes: dict[str, object], field: str, expected: str) -> None:
    with pytest.raises(StaffFieldError) as refused:
        staff_admin.add_staff(ward, person(ward, **changes))
    assert refused.value.field == field
    assert refused.value.localized() == expected
    assert ward.staff() == []


def test_duplicate_code_clock_id_and_badge_are_refused(ward: Ward, vietnamese: None) -> None:
    first = staff_admin.add_staff(ward, person(ward, clock_id="12"))
    for changes, field, text in (
        ({"code": "cb001"}, "code", "Mã cán bộ “cb001” đã được cấp cho Nguyễn Văn An"),
        ({"clock_id": "12"}, "clock_id", "Mã chấm công “12” đã được gán cho Nguyễn Văn An"),
        ({"badge_number": "T-CB001"}, "badge_number", "Số thẻ “T-CB001” đã được cấp cho Nguyễn Văn An"),
    ):
        with pytest.raises(StaffFieldError) as refused:
            staff_admin.add_staff(ward, person(ward, **{"code": "CB002", "full_name": "Lê Thị Bình", **changes}))
        assert (refused.value.field, refused.value.localized()) == (field, text)
    assert ward.staff() == [first]
    assert staff_log_lines(ward) == 1


def test_edit_keeps_own_code_and_changes_the_rest(ward: Ward) -> None:
    added = staff_admin.add_staff(ward, person(ward, clock_id="5"))
    edited = staff_admin.update_staff(ward, dataclasses.replace(added, position="Phó Chủ tịch UBND"))
    assert ward.store.staff.get(added.id).position == "Phó Chủ tịch UBND"
    assert edited.code == "CB001"


def test_leaving_and_coming_back(ward: Ward) -> None:
    added = staff_admin.add_staff(ward, person(ward))
    staff_admin.deactivate_staff(ward, added.id, date(2026, 10, 31))
    assert ward.store.staff.get(added.id).active_to == date(2026, 10, 31)
    assert ward.staff(active_on=TODAY) == []
    rows = staff_admin.staff_rows(ward, TODAY)
    assert rows[0].is_former(TODAY)
    staff_admin.reactivate_staff(ward, added.id)
    assert ward.store.staff.get(added.id).active_to is None


def _with_attendance(ward: Ward, day: date) -> Staff:
    added = staff_admin.add_staff(ward, person(ward))
    ward.store.attendance.set(Attendance(added.id, day, Session.MORNING, late_minutes=15), ward.actor)
    return added


def test_someone_with_records_cannot_be_deleted_but_can_leave(ward: Ward, vietnamese: None) -> None:
    added = _with_attendance(ward, date(2026, 11, 2))
    assert not staff_admin.can_delete(ward, added.id)
    with pytest.raises(WardOfficeError) as refused:
        staff_admin.delete_staff(ward, added.id)
    assert "Thôi công tác" in refused.value.localized()
    assert ward.store.staff.get(added.id) == added
    staff_admin.deactivate_staff(ward, added.id, date(2026, 11, 2))
    assert staff_admin.staff_rows(ward, TODAY)[0].has_records


def test_last_day_before_existing_records_is_refused(ward: Ward, vietnamese: None) -> None:
    added = _with_attendance(ward, date(2026, 11, 2))
    with pytest.raises(StaffFieldError) as refused:
        staff_admin.deactivate_staff(ward, added.id, date(2026, 10, 31))
    assert refused.value.field == "active_to"
    assert refused.value.localized() == "Nguyễn Văn An đã có dữ liệu ngày 02/11/2026, sau ngày làm việc cuối cùng"
    assert ward.store.staff.get(added.id).active_to is None
    with pytest.raises(StaffFieldError, match="before the first working day"):
        staff_admin.update_staff(ward, dataclasses.replace(added, active_from=date(2026, 11, 3)))


def test_someone_entered_by_mistake_is_deleted(ward: Ward) -> None:
    added = staff_admin.add_staff(ward, person(ward))
    assert staff_admin.can_delete(ward, added.id)
    staff_admin.delete_staff(ward, added.id)
    assert ward.staff() == []
    assert staff_log_lines(ward) == 2


def test_rows_carry_department_name_and_score(ward: Ward) -> None:
    added = staff_admin.add_staff(ward, person(ward))
    staff_admin.add_staff(ward, person(ward, "CB002", full_name="Lê Thị Bình", active_from=date(2027, 1, 1)))
    rows = {row.staff.code: row for row in staff_admin.staff_rows(ward, TODAY)}
    assert rows["CB001"].department == ward.department_names()[added.department_id]
    assert rows["CB001"].score is not None and rows["CB001"].score > 0
    assert rows["CB002"].score is None  # not yet working in this half-year
    assert not rows["CB001"].has_records
    assert [row.score for row in staff_admin.staff_rows(ward, TODAY, with_scores=False)] == [None, None]


def test_add_department_refuses_blank_and_same_name_without_accents(ward: Ward) -> None:
    before = ward.departments()
    with pytest.raises(StaffFieldError):
        staff_admin.add_department(ward, "  ")
    with pytest.raises(StaffFieldError, match="already exists"):
        staff_admin.add_department(ward, "phong van hoa - xa hoi")
    assert ward.departments() == before
    added = staff_admin.add_department(ward, " Ban  Chỉ huy Quân sự ")
    assert added.name == "Ban Chỉ huy Quân sự"
    assert ward.departments()[-1] == added

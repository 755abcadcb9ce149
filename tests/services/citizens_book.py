"""The citizen's voice tests share a plan with a satisfaction block and a ward of five: three at the one-stop
counter (bộ phận một cửa), a civil-status officer who serves citizens elsewhere, and a specialist who does not."""

from __future__ import annotations

from pathlib import Path

from ward_office.core.access import Account, Role
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.services.staff_admin import add_department, add_staff
from ward_office.services.ward import Ward

HEAD = Account(1, "truong", "Trần Văn Hùng", Role.HEAD)
CLERK = Account(2, "vanthu", "Lê Thị Mai", Role.CLERK)
ONE_STOP, OFFICE = "Bộ phận một cửa", "Văn phòng HĐND-UBND"
CIVIL_STATUS = "Công chức Tư pháp - Hộ tịch"
# code, name, department, position, clock id
PEOPLE = (
    ("CB001", "Lê Văn An", ONE_STOP, "Công chức một cửa", "11"),
    ("CB002", "Trần Thị Bình", ONE_STOP, "Công chức một cửa", "12"),
    ("CB003", "Phạm Thị Chi", OFFICE, CIVIL_STATUS, "13"),
    ("CB004", "Hoàng Văn Dũng", OFFICE, "Chuyên viên", "14"),
    ("CB005", "Ngô Thị Em", ONE_STOP, "Công chức một cửa", "15"),
)

PLAN = f"""\
[plan]
code = "HL"
name = "Văn hóa công sở và sự hài lòng của người dân"
version = 1
effective_from = 2026-01-01
base_score = 100

[[blocks]]
code = "KC"
name = "Kỷ cương"

[[blocks.criteria]]
code = "KC1"
name = "Vi phạm nội quy"
points = -5

[[blocks]]
code = "HL"
name = "Sự hài lòng của người dân"

[[blocks.criteria]]
code = "HL1"
name = "Tỷ lệ hài lòng dưới 90 %"
points = -2

[[blocks.criteria]]
code = "HL2"
name = "Tỷ lệ hài lòng dưới 80 %"
points = -5

[[blocks.criteria]]
code = "HL3"
name = "Tỷ lệ hài lòng từ 98 % trở lên"
points = 1

[[blocks.criteria]]
code = "HL4"
name = "Được người dân khen (đã xác minh)"
points = 2

[[blocks.criteria]]
code = "HL5"
name = "Bị người dân phản ánh đúng (đã xác minh)"
points = -3

[[satisfaction_rules]]
on = "rate"
min_ratings = 10
applies_to = {{ departments = ["{ONE_STOP}"], positions = ["{CIVIL_STATUS}"] }}
bands = [
    {{ below = 90, criterion = "HL1" }},
    {{ below = 80, criterion = "HL2" }},
    {{ from = 98, criterion = "HL3" }},
]

[[satisfaction_rules]]
on = "praise"
criterion = "HL4"

[[satisfaction_rules]]
on = "complaint"
criterion = "HL5"

[[grades]]
code = "A"
name = "Xuất sắc"
min_score = 100

[[grades]]
code = "B"
name = "Tốt"
min_score = 95

[[grades]]
code = "C"
name = "Hoàn thành"
min_score = 90

[[grades]]
code = "D"
name = "Không hoàn thành"
min_score = 0
"""


def open_ward(path: Path) -> tuple[Ward, dict[str, StaffId]]:
    """The ward under ``PLAN``, the head signed in; the five people's ids by code."""
    ward = Ward.open(path, actor=HEAD.username)
    ward.account = HEAD
    ward.store.plans.adopt(PLAN, HEAD.username)
    departments = {department.name: department for department in ward.departments()}  # the office is a default
    departments[ONE_STOP] = add_department(ward, ONE_STOP)
    ids = {}
    for code, name, department, position, clock_id in PEOPLE:
        person = add_staff(ward, Staff(code, name, Gender.FEMALE, position, StaffCategory.CONG_CHUC,
                                       department_id=departments[department].id, clock_id=clock_id))
        assert person.id is not None
        ids[code] = person.id
    return ward, ids

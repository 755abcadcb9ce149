"""Staff members of the ward office and the departments they belong to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NewType

from ward_office.i18n import N_

StaffId = NewType("StaffId", int)
DepartmentId = NewType("DepartmentId", int)

DEFAULT_DEPARTMENTS = (
    "Văn phòng HĐND-UBND",
    "Phòng Kinh tế - Hạ tầng và Đô thị",
    "Phòng Văn hóa - Xã hội",
    "Trung tâm phục vụ hành chính công",
)


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class StaffCategory(StrEnum):
    """Luật Cán bộ, công chức: who is an elected official, a civil servant, a public employee or contracted."""

    CAN_BO = "can_bo"
    CONG_CHUC = "cong_chuc"
    VIEN_CHUC = "vien_chuc"
    NGUOI_LAO_DONG = "nguoi_lao_dong"


GENDER_LABELS = {Gender.MALE: N_("Male"), Gender.FEMALE: N_("Female")}
CATEGORY_LABELS = {
    StaffCategory.CAN_BO: N_("Elected official"),
    StaffCategory.CONG_CHUC: N_("Civil servant"),
    StaffCategory.VIEN_CHUC: N_("Public employee"),
    StaffCategory.NGUOI_LAO_DONG: N_("Contract worker"),
}


@dataclass(frozen=True, slots=True)
class Department:
    name: str
    sort_order: int = 0
    id: DepartmentId | None = None


@dataclass(frozen=True, slots=True)
class Staff:
    code: str
    full_name: str
    gender: Gender
    position: str
    category: StaffCategory
    department_id: DepartmentId | None = None
    badge_number: str = ""
    clock_id: str = ""
    active_from: date | None = None
    active_to: date | None = None
    note: str = ""
    id: StaffId | None = None

    def is_active_on(self, day: date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )

    def active_between(self, start: date, end: date) -> tuple[date, date] | None:
        """The part of [start, end] in which this person worked here, or None."""
        first = max(start, self.active_from) if self.active_from else start
        last = min(end, self.active_to) if self.active_to else end
        return (first, last) if first <= last else None


# Official lists order people by position, leaders first (domain.md §8). Matching is on the folded
# title so "Phó Chủ tịch", "PHÓ CHỦ TỊCH UBND" and "Phó chủ tịch" rank alike; first match wins.
_POSITION_ORDER: tuple[tuple[str, int], ...] = (
    ("pho chu tich", 20),
    ("chu tich", 10),
    ("pho chanh van phong", 35),
    ("chanh van phong", 30),
    ("pho truong phong", 45),
    ("truong phong", 40),
    ("pho giam doc", 45),
    ("giam doc", 40),
    ("cong chuc", 60),
    ("chuyen vien", 60),
    ("can su", 65),
    ("van thu", 70),
    ("ke toan", 70),
    ("nhan vien", 80),
)


def position_rank(position: str) -> int:
    """Smaller ranks first in a list ordered by position; unknown titles go after known ones."""
    from ward_office.i18n.text import fold

    folded = fold(position)
    for needle, rank in _POSITION_ORDER:
        if needle in folded:
            return rank
    return 90

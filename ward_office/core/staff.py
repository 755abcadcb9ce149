"""Staff members of the ward office and the departments they belong to."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NewType

from ward_office.core.text_rules import (
    CODE_LIMIT,
    NAME_LIMIT,
    NOTE_LIMIT,
    SHORT_LIMIT,
    check_day,
    clean_text,
)
from ward_office.i18n import N_
from ward_office.i18n.text import fold

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


STAFF_LABELS = {
    "code": N_("Staff code"), "full_name": N_("Full name"), "position": N_("Position"),
    "badge_number": N_("Badge number"), "clock_id": N_("Clock id"), "note": N_("Note"),
    "active_from": N_("First working day"), "active_to": N_("Last working day"),
}
_TEXT_LIMITS = {"code": CODE_LIMIT, "full_name": NAME_LIMIT, "position": SHORT_LIMIT, "badge_number": CODE_LIMIT,
                "clock_id": CODE_LIMIT, "note": NOTE_LIMIT}


def cleaned_staff(staff: Staff, today: date | None = None) -> Staff:
    """The person as kept (core.text_rules: NFC, trimmed, no invisible characters), or a ``FieldError`` for
    the first field, in the form's order, with a direction override, too long, or a date out of range."""
    texts = {field: clean_text(getattr(staff, field), field, STAFF_LABELS[field], limit,
                               multiline=field == "note")
             for field, limit in _TEXT_LIMITS.items()}
    for field in ("active_from", "active_to"):
        check_day(getattr(staff, field), field, STAFF_LABELS[field], today)
    return dataclasses.replace(staff, code=texts["code"], full_name=texts["full_name"], position=texts["position"],
                               badge_number=texts["badge_number"], clock_id=texts["clock_id"], note=texts["note"])


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
    folded = fold(position)
    for needle, rank in _POSITION_ORDER:
        if needle in folded:
            return rank
    return 90

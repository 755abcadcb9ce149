"""What the golden tests of the shipped plans share: a ward opened as the head, the plan adopted from
``resources/plans`` as Cài đặt adopts it, staff added through the staff service, a fingerprint clock's log
written as a ZKTeco ``attlog.dat`` and imported as the clerk imports it, points entered month by month."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

from ward_office.core.access import Account, Role
from ward_office.core.entered_scores import ScoreEntry
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.paths import plans_dir
from ward_office.services.clock_import import import_clock
from ward_office.services.entered_scores import enter_scores
from ward_office.services.plans import import_plan_file
from ward_office.services.staff_admin import add_department, add_staff
from ward_office.services.ward import Ward

HEAD = Account(1, "truong", "Trần Văn Hùng", Role.HEAD)
ON_TIME = ("07:25", "17:05")  # winter hours 07:30–12:00, 13:30–17:00, grace 5 minutes


def open_as_head(path: Path, plan_file: str) -> Ward:
    ward = Ward.open(path, actor=HEAD.username)
    ward.account = HEAD
    import_plan_file(ward, plans_dir() / plan_file)
    return ward


def add_people(ward: Ward, people: tuple[tuple[str, str, Gender], ...]) -> dict[str, StaffId]:
    """Each person's clock id is the number of their code (CB03 → "3"); returns their ids by code."""
    ids = {}
    department = add_department(ward, "Văn phòng HĐND và UBND")
    for code, name, gender in people:
        added = add_staff(ward, Staff(code, name, gender, "Chuyên viên", StaffCategory.CONG_CHUC,
                                      department_id=department.id, clock_id=str(int(code[2:]))))
        assert added.id is not None
        ids[code] = added.id
    return ids


def import_month_of_punches(ward: Ward, folder: Path, year: int, month: int, codes: list[str],
                            special: Mapping[tuple[str, int], tuple[str, ...]]) -> None:
    """Every weekday of the month everyone in ``codes`` punches on time, except ``special[(code, day)]``: the
    punches of that day (none: a day without a punch, absent both sessions)."""
    lines = []
    for day in range(1, calendar.monthrange(year, month)[1] + 1):
        if date(year, month, day).weekday() >= 5:
            continue
        for code in codes:
            for time in special.get((code, day), ON_TIME):
                lines.append(f"        {int(code[2:])}\t{year}-{month:02}-{day:02} {time}:00\t1\t0\t1\t0\r\n")
    file = folder / "1_attlog.dat"
    file.write_text("".join(lines), encoding="ascii")
    import_clock(ward, file, now=datetime(year, month, calendar.monthrange(year, month)[1], 23, 0))


def enter_month(ward: Ward, year: int, month: int, points: Mapping[StaffId, Mapping[str, int | Fraction]]) -> None:
    enter_scores(ward, date(year, month, 1), [ScoreEntry(staff_id, code, Fraction(value))
                                              for staff_id, items in points.items() for code, value in items.items()])

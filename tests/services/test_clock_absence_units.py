"""What one "lần" of an attendance rule is, on a clock file imported as a user imports it: a whole-day
absence counts twice under a plan counting sessions, once under one counting days."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

import pytest

from ward_office.core.attendance import AttendanceStatus
from ward_office.core.period import month
from ward_office.core.plan import load_plan
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.scoring import StaffResult
from ward_office.services.clock_import import import_clock
from ward_office.services.ranking import score_records
from ward_office.services.ward import Ward

pytestmark = pytest.mark.usefixtures("vietnamese")

MARCH = month(2026, 3)

PLAN = """
[plan]
code = "NGAY"
name = "Vắng tính theo {count}"
version = 1
base_score = 100

[[blocks]]
code = "TG"
name = "Giờ giấc"

[[blocks.criteria]]
code = "VANG"
name = "Vắng không lý do"
points = -3

[[attendance_rules]]
on = "absent"
criterion = "VANG"
count = "{count}"

[[grades]]
code = "A"
name = "Xuất sắc"
min_score = 90

[[grades]]
code = "B"
name = "Tốt"
min_score = 70

[[grades]]
code = "C"
name = "Còn lại"
min_score = 0

[[ceilings]]
criterion = "VANG"
min_count = 2
max_grade = "B"
reason = "Vắng không lý do từ 2 lần trở lên trong tháng"
"""

# Lan (clock id 1) punches Monday 2 and Wednesday 4 March in full and nothing on Tuesday 3, a day the file
# has (Minh punched): the import marks both of Lan's Tuesday sessions absent.
ATTLOG = "".join(f"        {clock_id}\t2026-03-0{day} {time}:00\t1\t0\t1\t0\r\n"
                 for clock_id, days in (("1", (2, 4)), ("2", (2, 3, 4)))
                 for day in days for time in ("07:25", "11:35", "13:25", "17:05"))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("count") / "so.db"
    file = path.parent / "1_attlog.dat"
    file.write_text(ATTLOG, encoding="ascii")
    with Ward.open(path, actor="Trần Thị Hoa") as ward:
        ward.store.staff.add_many([
            Staff("NV01", "Nguyễn Thị Lan", Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC, clock_id="1"),
            Staff("NV02", "Lê Văn Minh", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, clock_id="2"),
        ], ward.actor)
        import_clock(ward, file, now=datetime(2026, 3, 20, 9, 0))
    return path


def lan(book: Path, count: str) -> StaffResult:
    with Ward.open(book, read_only=True) as ward:
        absences = [record for record in ward.store.attendance.between(MARCH.start, MARCH.end)
                    if record.status is AttendanceStatus.ABSENT]
        assert [(record.day, record.session.value) for record in absences] == [
            (date(2026, 3, 3), "morning"), (date(2026, 3, 3), "afternoon")]
        scored = score_records(ward.store, MARCH, date(2026, 4, 1), plan=load_plan(PLAN.format(count=count)))
    return next(result for result in scored.ranking.results if result.staff.code == "NV01")


def test_a_whole_day_absence_counts_twice_per_session(book: Path) -> None:
    result = lan(book, "session")
    # Two sessions, two "lần": 100 − 3 − 3 = 94, graded A by the score; 2 absences reach the ceiling: B.
    assert result.score == 94 and result.unexcused_absences == 2
    assert (result.grade_by_score.code, result.grade.code) == ("A", "B")


@pytest.mark.parametrize("count", ["day", "run"])
def test_a_whole_day_absence_counts_once_per_day(book: Path, count: str) -> None:
    result = lan(book, count)
    # One day, one "lần": 100 − 3 = 97, graded A; one absence does not reach "2 or more in the month".
    assert result.score == Fraction(97) and result.unexcused_absences == 1
    assert result.grade.code == "A" and result.changes == ()
    [item] = result.items
    assert (item.day, item.session.value if item.session else None) == (date(2026, 3, 3), "morning")

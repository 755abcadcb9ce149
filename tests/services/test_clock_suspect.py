"""Punches a clock cannot have made (dated after today, or before the ward's first day) are told in the preview
and left out of the import unless the clerk includes them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ward_office.core.clock import Punch
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services.clock_import import ClockBatch, import_batch, preview_batch
from ward_office.storage import Store

ACTOR = "Trần Thị Hoa"
NOW = datetime(2026, 3, 20, 9, 0)  # today is Friday 20/03/2026
FIRST_DAY = date(2025, 1, 2)  # the earliest day anyone here began work

pytestmark = pytest.mark.usefixtures("vietnamese")


def punch(day: date, clock: str, line: int) -> Punch:
    return Punch("1", datetime.combine(day, datetime.strptime(clock, "%H:%M").time()), "A", line)


FILE = ClockBatch("1_attlog.dat", (
    punch(date(2026, 3, 2), "07:28", 1), punch(date(2026, 3, 2), "17:02", 2),  # a good Monday
    punch(date(2031, 3, 3), "07:29", 3), punch(date(2031, 3, 3), "17:01", 4),  # the clock lost its date
    punch(date(2024, 12, 31), "07:30", 5),  # before anyone worked here
))


@pytest.fixture
def store_with_staff(store: Store) -> Store:
    store.staff.add_many([
        Staff("NV01", "Người NV01", Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC, clock_id="1",
              active_from=FIRST_DAY),
        Staff("NV02", "Người NV02", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, active_from=date(2025, 6, 1)),
    ], ACTOR)
    return store


def test_suspect_punches_are_shown_and_left_out(store_with_staff: Store) -> None:
    preview = preview_batch(store_with_staff, FILE, now=NOW)
    assert [punch.line for punch in preview.suspect] == [3, 4, 5] and not preview.suspect_included
    assert preview.suspect_reasons == ("sau hôm nay (20/03/2026)", "sau hôm nay (20/03/2026)",
                                       "trước ngày đầu tiên của phường (02/01/2025)")
    assert (preview.read, preview.duplicates, preview.new, preview.days) == (2, 0, 2, (date(2026, 3, 2),))
    assert "Lần chấm đáng ngờ bị bỏ ra (máy chấm công sai ngày?): 3" in preview.localized()
    summary = import_batch(store_with_staff, FILE, ACTOR, now=NOW)
    assert summary.punches_added == 2
    assert store_with_staff.db.execute("SELECT count(*) FROM punches").fetchone()[0] == 2


def test_the_clerk_may_include_them(store_with_staff: Store) -> None:
    preview = preview_batch(store_with_staff, FILE, now=NOW, include_suspect=True)
    assert len(preview.suspect) == 3 and preview.suspect_included
    assert (preview.read, preview.new) == (5, 5)
    assert import_batch(store_with_staff, FILE, ACTOR, now=NOW, include_suspect=True).punches_added == 5

"""Vietnam's public holidays for a year, so a new database knows Tết without anyone typing it in.

The dates come from the ``holidays`` package, names in Vietnamese. A weekend day the government moves
work to, in exchange for a bridged holiday (ngày làm bù), comes back as a working day. The office can
still edit the result: these are only the prefilled rows.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ward_office.core.schedule import DayKind, Holiday

if TYPE_CHECKING:
    import holidays

WORKING_DAY_NAME = "Ngày làm bù"


def vietnamese_public_holidays(year: int) -> list[Holiday]:
    """Public holidays and make-up working days of ``year``, sorted by day."""
    import holidays  # only a new year needs it; it costs a tenth of the window's start-up

    calendar = holidays.country_holidays("VN", years=year, language="vi")
    result = [
        Holiday(day, name, DayKind.HOLIDAY, prefilled=True)
        for day, name in calendar.items()
        if day.year == year
    ]
    # The package keeps make-up working days of every year it knows in one set.
    workdays: set[date] = set(getattr(calendar, "weekend_workdays", ()))
    for day in workdays:
        if day.year == year and day not in calendar:
            result.append(Holiday(day, _working_day_name(day, calendar), DayKind.WORKING_DAY, prefilled=True))
    return sorted(result, key=lambda holiday: holiday.day)


def _working_day_name(day: date, calendar: holidays.HolidayBase) -> str:
    """Name a make-up working day after the day off it pays for, when the package says which."""
    marker = day.strftime("%d/%m/%Y")
    for day_off, name in calendar.items():
        if marker in name:
            return f"{WORKING_DAY_NAME} (nghỉ ngày {day_off.strftime('%d/%m/%Y')})"
    return WORKING_DAY_NAME

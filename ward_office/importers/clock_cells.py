"""Dates and times in the cells of a CSV or XLSX clock report: text in several layouts, Excel serial numbers,
or the date and time objects openpyxl returns.

These readers raise ``ValueError`` (or ``OverflowError``) for a cell they cannot read, as ``date()`` and
``int()`` do: the table reader catches both and records an ``InputProblem`` naming the line and the column,
so the user never meets the exception itself.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

_DATE = r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})"
_TIME = r"(\d{1,2})[:hH](\d{2})(?::(\d{2}))?(?:[.,]\d+)?(?:\s*([AaPp][Mm]|SA|CH|sa|ch))?"
_DATE_ONLY = re.compile(rf"\s*{_DATE}\s*")
_DATETIME = re.compile(rf"\s*{_DATE}(?:\s+|T){_TIME}\s*")
_TIMES = re.compile(_TIME)
_EXCEL_EPOCH = datetime(1899, 12, 30)


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _round_second(moment: datetime) -> datetime:
    # Excel stores times as fractions of a day; 07:58:11 may come back as 07:58:10.999999.
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)


def _time_of_day(seconds: float) -> time:
    # Half a second up, as _round_second does (round() would take 07:58:10.5 down, to the even second);
    # 23:59:59.7 stays on its day.
    whole = min(int(seconds + 0.5), 86399)
    return time(whole // 3600, whole // 60 % 60, whole % 60)


def _from_serial(value: float) -> datetime:
    if not 1 <= value < 2958466:  # Excel's own range, years 1900 to 9999
        raise ValueError(value)
    return _round_second(_EXCEL_EPOCH + timedelta(days=value))


def _make_date(first: str, second: str, third: str, order: str) -> date:
    if len(first) == 4:
        year, month, day = first, second, third
    elif order == "mdy":
        month, day, year = first, second, third
    else:
        day, month, year = first, second, third
    if len(year) == 2:
        year = "20" + year
    elif len(year) != 4:
        raise ValueError(year)
    return date(int(year), int(month), int(day))


def _make_time(hour: str, minute: str, second: str | None, half: str | None) -> time:
    hours = int(hour)
    if half:
        if not 1 <= hours <= 12:
            raise ValueError(hour)
        afternoon = half.upper() in ("PM", "CH")
        hours = hours % 12 + (12 if afternoon else 0)
    return time(hours, int(minute), int(second or 0))


def to_datetime(value: object, order: str) -> datetime:
    if isinstance(value, datetime):
        return _round_second(value.replace(tzinfo=None))
    if isinstance(value, bool) or isinstance(value, date | time):
        raise ValueError(value)  # a date or a time alone is not a punch
    if isinstance(value, int | float):
        return _from_serial(float(value))
    match = _DATETIME.fullmatch(str(value))
    if match is None:
        raise ValueError(value)
    day = _make_date(match[1], match[2], match[3], order)
    return datetime.combine(day, _make_time(*match.group(4, 5, 6, 7)))


def to_date(value: object, order: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or isinstance(value, time):
        raise ValueError(value)
    if isinstance(value, int | float):
        return _from_serial(float(value)).date()
    text = str(value)
    match = _DATE_ONLY.fullmatch(text) or _DATETIME.fullmatch(text)
    if match is None:
        raise ValueError(value)
    return _make_date(match[1], match[2], match[3], order)


def to_times(value: object) -> list[time]:
    if isinstance(value, datetime | time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1_000_000
        return [_time_of_day(seconds)]
    if isinstance(value, bool) or isinstance(value, date):
        raise ValueError(value)
    if isinstance(value, int | float):
        if not 0 <= value < 1:
            raise ValueError(value)
        return [_time_of_day(value * 86400)]
    text = str(value)
    found = list(_TIMES.finditer(text))
    if not found or _TIMES.sub("", text).strip(" \t\r\n,;-/|"):
        raise ValueError(value)
    return [_make_time(*match.group(1, 2, 3, 4)) for match in found]

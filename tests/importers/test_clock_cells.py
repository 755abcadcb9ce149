"""The cells of a CSV or XLSX clock report read as dates and times: every layout a clock program writes, Excel's
serial numbers and its rounding, 12-hour times in English and Vietnamese (SA/CH), and what is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from ward_office.importers.clock_cells import blank, to_date, to_datetime, to_times


@pytest.mark.parametrize(("value", "expected"), [(None, True), ("", True), (" \t", True), ("x", False), (0, False),
                                                 (0.0, False)])
def test_blank_cells(value: object, expected: bool) -> None:
    assert blank(value) is expected


# --- one cell holding the date and the time ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "order", "expected"), [
    ("14/05/2026 07:58", "dmy", datetime(2026, 5, 14, 7, 58)),
    ("05/14/2026 07:58", "mdy", datetime(2026, 5, 14, 7, 58)),
    ("2026-05-14 07:58:11", "mdy", datetime(2026, 5, 14, 7, 58, 11)),  # a year first is always y-m-d
    ("2026/05/14 07:58:11", "dmy", datetime(2026, 5, 14, 7, 58, 11)),
    ("2026-05-14T07:58:11", "dmy", datetime(2026, 5, 14, 7, 58, 11)),
    ("  14.05.2026   7:05  ", "dmy", datetime(2026, 5, 14, 7, 5)),
    ("14-5-2026 07h58", "dmy", datetime(2026, 5, 14, 7, 58)),
    ("14/05/2026 07:58:11.5", "dmy", datetime(2026, 5, 14, 7, 58, 11)),  # a fraction of a second is dropped
    ("14/05/2026 07:58:11,999", "dmy", datetime(2026, 5, 14, 7, 58, 11)),
])
def test_date_and_time_text_layouts(text: str, order: str, expected: datetime) -> None:
    assert to_datetime(text, order) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("14/05/26 07:58", datetime(2026, 5, 14, 7, 58)),
    ("01/01/00 00:00", datetime(2000, 1, 1, 0, 0)),
    ("31/12/99 23:59:59", datetime(2099, 12, 31, 23, 59, 59)),
])
def test_two_digit_years_are_this_century(text: str, expected: datetime) -> None:
    assert to_datetime(text, "dmy") == expected


@pytest.mark.parametrize("text", ["14/05/026 07:58", "14/05/6 07:58", "14/05/20266 07:58", "14/05 07:58"])
def test_years_of_one_three_or_five_digits_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        to_datetime(text, "dmy")


@pytest.mark.parametrize(("text", "expected"), [
    ("14/05/2026 7:58 AM", time(7, 58)),
    ("14/05/2026 7:58 PM", time(19, 58)),
    ("14/05/2026 7:58pm", time(19, 58)),
    ("14/05/2026 1:05 AM", time(1, 5)),
    ("14/05/2026 1:05 PM", time(13, 5)),
    ("14/05/2026 01:05 CH", time(13, 5)),
    ("14/05/2026 12:05 AM", time(0, 5)),  # 12 AM is just after midnight
    ("14/05/2026 12:05 PM", time(12, 5)),  # 12 PM is just after noon
    ("14/05/2026 11:59:30 PM", time(23, 59, 30)),
    ("14/05/2026 07:58 SA", time(7, 58)),  # sáng
    ("14/05/2026 05:10 CH", time(17, 10)),  # chiều
    ("14/05/2026 05:10 ch", time(17, 10)),
    ("14/05/2026 12:00 SA", time(0, 0)),
    ("14/05/2026 12:00 CH", time(12, 0)),
    ("14/05/2026 00:30", time(0, 30)),  # hour 0 on a 24-hour clock
    ("14/05/2026 23:30", time(23, 30)),
])
def test_twelve_hour_times_in_english_and_vietnamese(text: str, expected: time) -> None:
    assert to_datetime(text, "dmy") == datetime.combine(date(2026, 5, 14), expected)


@pytest.mark.parametrize("text", ["14/05/2026 0:30 AM", "14/05/2026 13:00 PM", "14/05/2026 00:10 CH",
                                  "14/05/2026 24:00", "14/05/2026 07:60", "14/05/2026 07:58:60"])
def test_hours_that_no_clock_shows_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        to_datetime(text, "dmy")


@pytest.mark.parametrize("value", ["14/05/2026", "07:58", "không rõ", "", "31/02/2026 07:58", True, False,
                                   date(2026, 5, 14), time(7, 58)])
def test_a_date_or_a_time_alone_is_not_a_punch(value: object) -> None:
    with pytest.raises(ValueError):
        to_datetime(value, "dmy")


def test_datetime_cells_are_rounded_to_the_second_and_lose_their_zone() -> None:
    assert to_datetime(datetime(2026, 5, 14, 7, 58, 10, 999_999), "dmy") == datetime(2026, 5, 14, 7, 58, 11)
    assert to_datetime(datetime(2026, 5, 14, 7, 58, 10, 500_000), "dmy") == datetime(2026, 5, 14, 7, 58, 11)
    assert to_datetime(datetime(2026, 5, 14, 7, 58, 10, 499_999), "dmy") == datetime(2026, 5, 14, 7, 58, 10)
    aware = to_datetime(datetime(2026, 5, 14, 7, 58, tzinfo=UTC), "dmy")
    assert aware == datetime(2026, 5, 14, 7, 58) and aware.tzinfo is None


@pytest.mark.parametrize(("serial", "expected"), [
    (46156, datetime(2026, 5, 14)),
    (46156.5, datetime(2026, 5, 14, 12)),
    (46156.25, datetime(2026, 5, 14, 6)),
    (1, datetime(1899, 12, 31)),  # the first day Excel counts
    (2958465, datetime(9999, 12, 31)),  # and its last
    (46156 + (7 * 3600 + 58 * 60 + 11) / 86400 - 1e-9, datetime(2026, 5, 14, 7, 58, 11)),  # 07:58:10.9999
])
def test_excel_serial_numbers(serial: float, expected: datetime) -> None:
    assert to_datetime(serial, "dmy") == expected


@pytest.mark.parametrize("serial", [0, 0.999, -1, 2958466, 1e12])
def test_serial_numbers_outside_excels_range_are_refused(serial: float) -> None:
    with pytest.raises(ValueError):
        to_datetime(serial, "dmy")


# --- a date column -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "order", "expected"), [
    ("14/05/2026", "dmy", date(2026, 5, 14)),
    ("05/14/2026", "mdy", date(2026, 5, 14)),
    (" 2026-05-14 ", "mdy", date(2026, 5, 14)),
    ("14.05.26", "dmy", date(2026, 5, 14)),
    ("14/05/2026 07:58", "dmy", date(2026, 5, 14)),  # a date and time cell in a date column: its day
    (datetime(2026, 5, 14, 23, 59), "dmy", date(2026, 5, 14)),
    (date(2026, 5, 14), "dmy", date(2026, 5, 14)),
    (46156, "dmy", date(2026, 5, 14)),
    (46156.99, "dmy", date(2026, 5, 14)),
])
def test_date_cells(value: object, order: str, expected: date) -> None:
    day = to_date(value, order)
    assert day == expected and type(day) is date


@pytest.mark.parametrize("value", ["07:58", "14/05", "hôm nay", "", "30/02/2026", True, time(7, 58), 0, 2958466])
def test_cells_that_are_not_dates_are_refused(value: object) -> None:
    with pytest.raises(ValueError):
        to_date(value, "dmy")


# --- time columns ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("07:58", [time(7, 58)]),
    ("7h05", [time(7, 5)]),
    ("07:58:09", [time(7, 58, 9)]),
    ("07:58 11:31", [time(7, 58), time(11, 31)]),
    ("07:58, 11:31; 13:29 - 17:02 | 17:05/", [time(7, 58), time(11, 31), time(13, 29), time(17, 2), time(17, 5)]),
    ("05:10 CH", [time(17, 10)]),
    ("12:15 AM 12:15 PM", [time(0, 15), time(12, 15)]),
    (time(7, 58, 10, 600_000), [time(7, 58, 11)]),  # Excel's 07:58:10.6 is the second it rounds to
    (time(7, 58, 10, 400_000), [time(7, 58, 10)]),
    (time(13, 45, 30), [time(13, 45, 30)]),
    (datetime(1899, 12, 30, 17, 5), [time(17, 5)]),  # openpyxl's time-only cell with a date
    (0, [time(0, 0)]),
    (0.5, [time(12, 0)]),
    ((3600 + 60 + 1) / 86400, [time(1, 1, 1)]),
    (0.75, [time(18, 0)]),
])
def test_time_cells(value: object, expected: list[time]) -> None:
    assert to_times(value) == expected


@pytest.mark.parametrize("value", [time(23, 59, 59, 700_000), 86399.7 / 86400, 1 - 1e-12])
def test_a_time_just_before_midnight_stays_on_its_day(value: object) -> None:
    """The documented clamp: rounding 23:59:59.7 to the second would give 24:00:00, the next day."""
    assert to_times(value) == [time(23, 59, 59)]


@pytest.mark.parametrize("value", ["", "  ", "7 giờ", "07:58 sáng", "ca 1 07:58", "07:58x", "07:58 X", True, False,
                                   date(2026, 5, 14), datetime(2026, 5, 14).date(),
                                   1, 1.5, -0.01, "25:00", "07:58 13:00 PM"])
def test_cells_that_are_not_times_are_refused(value: object) -> None:
    with pytest.raises(ValueError):
        to_times(value)


@pytest.mark.parametrize(("moment", "expected"), [(time(7, 58, 10, 500_000), time(7, 58, 11)),
                                                  (time(7, 58, 11, 500_000), time(7, 58, 12)),
                                                  (time(7, 58, 11, 499_999), time(7, 58, 11))])
def test_half_a_second_rounds_up_in_time_cells_as_in_datetime_cells(moment: time, expected: time) -> None:
    """A time column and a date and time column read the same cell to the same second."""
    assert to_times(moment) == [expected]
    assert to_datetime(datetime.combine(date(2026, 5, 14), moment), "dmy").time() == expected

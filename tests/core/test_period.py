"""Calendar arithmetic of periods, checked against the standard library's calendar."""

from __future__ import annotations

import calendar
from datetime import date

import pytest

from ward_office.core.period import Period, PeriodKind, last_day_of_month, month


@pytest.mark.parametrize("year", [1900, 2000, 2023, 2024, 2025, 2100])
def test_last_day_of_every_month_including_leap_years(year: int) -> None:
    for number in range(1, 13):
        assert last_day_of_month(year, number) == date(year, number, calendar.monthrange(year, number)[1])
        assert month(year, number).end == last_day_of_month(year, number)


def test_the_months_of_a_range_are_whole_only_where_they_are_whole() -> None:
    parts = list(Period(PeriodKind.RANGE, date(2024, 1, 15), date(2024, 3, 31)).months())
    assert [(part.kind, part.start, part.end) for part in parts] == [
        (PeriodKind.RANGE, date(2024, 1, 15), date(2024, 1, 31)),
        (PeriodKind.MONTH, date(2024, 2, 1), date(2024, 2, 29)),
        (PeriodKind.MONTH, date(2024, 3, 1), date(2024, 3, 31)),
    ]

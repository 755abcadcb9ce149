"""Calendar arithmetic of periods, checked against the standard library's calendar."""

from __future__ import annotations

import calendar
from datetime import date, datetime

import pytest

from ward_office.core.period import (
    FiguresStatus,
    Period,
    PeriodError,
    PeriodKind,
    half_year,
    last_day_of_month,
    month,
    parse_period,
    previous_period,
    quarter,
    whole_year,
    year_of_months,
)


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


KINDS = [  # (text, kind, first day, last day, previous period's first and last day)
    ("2026-05", PeriodKind.MONTH, date(2026, 5, 1), date(2026, 5, 31), date(2026, 4, 1), date(2026, 4, 30)),
    ("2026-01", PeriodKind.MONTH, date(2026, 1, 1), date(2026, 1, 31), date(2025, 12, 1), date(2025, 12, 31)),
    ("2026-Q1", PeriodKind.QUARTER, date(2026, 1, 1), date(2026, 3, 31), date(2025, 10, 1), date(2025, 12, 31)),
    ("2026-Q3", PeriodKind.QUARTER, date(2026, 7, 1), date(2026, 9, 30), date(2026, 4, 1), date(2026, 6, 30)),
    ("2026-H1", PeriodKind.HALF_YEAR, date(2026, 1, 1), date(2026, 6, 30), date(2025, 7, 1), date(2025, 12, 31)),
    ("2026-H2", PeriodKind.HALF_YEAR, date(2026, 7, 1), date(2026, 12, 31), date(2026, 1, 1), date(2026, 6, 30)),
    ("2026", PeriodKind.YEAR, date(2026, 1, 1), date(2026, 12, 31), date(2025, 1, 1), date(2025, 12, 31)),
    ("2026-03-10..2026-03-19", PeriodKind.RANGE, date(2026, 3, 10), date(2026, 3, 19), date(2026, 2, 28),
     date(2026, 3, 9)),
]


@pytest.mark.parametrize(("text", "kind", "start", "end", "before_start", "before_end"), KINDS,
                         ids=[kind[0] for kind in KINDS])
def test_every_kind_of_period_is_read_written_and_followed_back(text: str, kind: PeriodKind, start: date, end: date,
                                                               before_start: date, before_end: date) -> None:
    period = parse_period(f"  {text} ")
    assert (period.kind, period.start, period.end, period.code) == (kind, start, end, text)
    before = previous_period(period)
    assert (before.kind, before.start, before.end) == (kind, before_start, before_end)


def test_lower_case_quarters_and_halves_and_one_digit_months_are_read() -> None:
    assert parse_period("2026-q2") == quarter(2026, 2)
    assert parse_period("2026-h2") == half_year(2026, 2)
    assert parse_period("2026-5") == month(2026, 5)
    assert (parse_period("2026-12"), parse_period("2026-1")) == (month(2026, 12), month(2026, 1))


def test_a_range_ending_on_the_first_of_a_month_has_that_day_as_a_part() -> None:
    parts = list(Period(PeriodKind.RANGE, date(2026, 3, 30), date(2026, 4, 1)).months())
    assert [(part.kind, part.start, part.end) for part in parts] == [
        (PeriodKind.RANGE, date(2026, 3, 30), date(2026, 3, 31)),
        (PeriodKind.RANGE, date(2026, 4, 1), date(2026, 4, 1))]


@pytest.mark.parametrize("text", ["2026-13", "2026-0", "2026-Q5", "2026-H3", "26",
                                  "2026-02-30..2026-03-01", "tháng 5", ""])
def test_what_is_not_a_period_is_told_in_vietnamese(text: str, vietnamese: None) -> None:
    with pytest.raises(PeriodError) as raised:
        parse_period(text)
    assert raised.value.localized().startswith(f"“{text}” không phải kỳ đánh giá hợp lệ; hãy ghi 2026-05")


def test_a_period_ending_before_it_starts_is_refused(vietnamese: None) -> None:
    with pytest.raises(PeriodError) as raised:
        Period(PeriodKind.RANGE, date(2026, 5, 2), date(2026, 5, 1))
    assert raised.value.localized() == "Ngày kết thúc kỳ đánh giá trước ngày bắt đầu"
    with pytest.raises(PeriodError, match="ends before it starts"):
        parse_period("2026-05-01..2026-04-30")
    assert Period(PeriodKind.RANGE, date(2026, 5, 1), date(2026, 5, 1)).code == "2026-05-01..2026-05-01"


def test_a_period_contains_its_first_and_last_day_only() -> None:
    may = month(2026, 5)
    assert [may.contains(day) for day in (date(2026, 4, 30), date(2026, 5, 1), date(2026, 5, 31),
                                          date(2026, 6, 1))] == [False, True, True, False]


def test_halves_school_years_and_the_year_before_a_school_year() -> None:
    assert month(2026, 8).halves() == (half_year(2026, 1), half_year(2026, 2))
    school = year_of_months(2026, 9, 5)
    assert (school.kind, school.start, school.end, school.code) == (PeriodKind.YEAR, date(2026, 9, 1),
                                                                   date(2027, 5, 31), "2026")
    assert previous_period(school) == year_of_months(2025, 9, 5)
    assert year_of_months(2026) == whole_year(2026)
    assert (year_of_months(2026, 3, 3).start, year_of_months(2026, 3, 3).end) == (date(2026, 3, 1), date(2026, 3, 31))
    assert [part.code for part in year_of_months(2026, 11, 2).months()] == ["2026-11", "2026-12", "2027-01",
                                                                             "2027-02"]


def test_figures_are_provisional_until_the_period_is_locked(vietnamese: None) -> None:
    provisional = FiguresStatus(date(2026, 6, 30))
    assert (provisional.final, provisional.localized()) == (False, "Số liệu tạm tính đến ngày 30/06/2026")
    final = FiguresStatus(date(2026, 12, 7), datetime(2026, 7, 1, 9, 30), "truong")
    assert (final.final, final.localized()) == (
        True, "Số liệu chính thức: đã khóa sổ ngày 01/07/2026, người khóa sổ: truong")
    assert FiguresStatus(date(2026, 12, 7), datetime(2026, 7, 1)).localized().endswith("người khóa sổ: \u2026")

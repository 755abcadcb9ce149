"""Dates, numbers and period labels as the screen and the printed reports show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction

import pytest

from ward_office.core.period import parse_period
from ward_office.i18n import current_language, set_language
from ward_office.i18n.formatting import (
    dateline,
    format_date,
    format_datetime,
    format_month,
    format_number,
    format_percent,
    format_points,
    format_time,
    format_weekday,
    period_label,
    round_half_up,
)

pytestmark = pytest.mark.usefixtures("vietnamese")


@dataclass(frozen=True)
class PlainPeriod:
    """Anything with kind/start/end will do: formatting must not need ward_office.core."""

    kind: str
    start: date
    end: date


def test_the_fixture_switched_to_vietnamese() -> None:
    assert current_language() == "vi"


# --- dates ---------------------------------------------------------------------------------------------


def test_short_date_is_zero_padded() -> None:
    assert format_date(date(2026, 1, 5)) == "05/01/2026"
    assert format_date(date(2026, 12, 31)) == "31/12/2026"
    assert format_date(datetime(2026, 3, 9, 23, 59)) == "09/03/2026"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (date(2026, 3, 15), "ngày 15 tháng 3 năm 2026"),
        (date(2026, 3, 1), "ngày 01 tháng 3 năm 2026"),
        (date(2026, 10, 9), "ngày 09 tháng 10 năm 2026"),
        (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
    ],
)
def test_long_date_follows_decree_30(day: date, expected: str) -> None:
    assert format_date(day, "long") == expected


def test_full_date_adds_the_weekday() -> None:
    assert format_date(date(2026, 1, 5), "full") == "Thứ Hai, ngày 05 tháng 01 năm 2026"
    assert format_date(date(2026, 3, 15), "full") == "Chủ Nhật, ngày 15 tháng 3 năm 2026"


def test_unknown_date_style_is_refused() -> None:
    with pytest.raises(ValueError):
        format_date(date(2026, 1, 5), "medium")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 5), "Phường Đông Kinh, ngày 05 tháng 01 năm 2026"),
        (date(2026, 2, 28), "Phường Đông Kinh, ngày 28 tháng 02 năm 2026"),
        (date(2026, 3, 15), "Phường Đông Kinh, ngày 15 tháng 3 năm 2026"),
        (date(2026, 11, 3), "Phường Đông Kinh, ngày 03 tháng 11 năm 2026"),
    ],
)
def test_dateline_zero_pads_days_below_ten_and_only_january_and_february(day: date, expected: str) -> None:
    assert dateline("Phường Đông Kinh", day) == expected


def test_months_weekdays_and_times() -> None:
    assert format_month(2026, 5) == "Tháng 5/2026"
    assert format_month(2026, 11, "long") == "Tháng 11 năm 2026"
    assert format_weekday(date(2026, 1, 4)) == "Chủ Nhật"
    assert format_time(time(8, 5)) == "08:05"
    assert format_datetime(datetime(2026, 1, 5, 13, 30)) == "13:30 05/01/2026"


# --- numbers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234.5, "1.234,5"),
        (Decimal("98.50"), "98,5"),
        (Fraction(197, 2), "98,5"),
        (90, "90"),
        (Fraction(180, 2), "90"),
        (1234567, "1.234.567"),
        (Fraction(2, 3), "0,67"),
        (Fraction(1, 8), "0,13"),  # half up, not to even
        (2.675, "2,68"),  # the float counts as the decimal it prints as
        (Fraction(-1, 8), "-0,13"),
        (-0.001, "0"),  # no "-0"
    ],
)
def test_format_number(value: int | float | Decimal | Fraction, expected: str) -> None:
    assert format_number(value) == expected


def test_format_number_decimals_and_fixed() -> None:
    assert format_number(Fraction(1, 3), 1) == "0,3"
    assert format_number(Fraction(5, 2), 0) == "3"
    assert format_number(Decimal("98.5"), 2, fixed=True) == "98,50"
    assert format_number(90, 1, fixed=True) == "90,0"


def test_format_number_refuses_what_is_not_a_number() -> None:
    with pytest.raises(TypeError):
        format_number(True)
    with pytest.raises(ValueError):
        format_number(float("nan"))


def test_round_half_up_goes_away_from_zero_on_ties() -> None:
    assert round_half_up(Fraction(5, 2), 0) == Decimal(3)
    assert round_half_up(Fraction(-5, 2), 0) == Decimal(-3)
    assert round_half_up(Decimal("0.125")) == Decimal("0.13")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(-2, "-2"), (3, "+3"), (Fraction(-1, 3), "-0,33"), (Decimal("1.5"), "+1,5"), (0, "0"), (-0.001, "0")],
)
def test_format_points_is_signed(value: int | Decimal | Fraction, expected: str) -> None:
    assert format_points(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.955, "95,5%"), (1, "100%"), (Fraction(2, 3), "66,7%"), (Decimal("0.2"), "20%"), (0, "0%")],
)
def test_format_percent(value: float | int | Fraction | Decimal, expected: str) -> None:
    assert format_percent(value) == expected


# --- periods -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2026-05", "Tháng 5 năm 2026"),
        ("2026-Q1", "Quý I năm 2026"),
        ("2026-Q2", "Quý II năm 2026"),
        ("2026-Q3", "Quý III năm 2026"),
        ("2026-Q4", "Quý IV năm 2026"),
        ("2026-H1", "6 tháng đầu năm 2026"),
        ("2026-H2", "6 tháng cuối năm 2026"),
        ("2026", "Năm 2026"),
        ("2026-01-01..2026-03-15", "Từ ngày 01/01/2026 đến ngày 15/03/2026"),
    ],
)
def test_period_label_of_core_periods(code: str, expected: str) -> None:
    assert period_label(parse_period(code)) == expected


def test_period_label_duck_types_on_plain_strings() -> None:
    assert period_label(PlainPeriod("quarter", date(2026, 4, 1), date(2026, 6, 30))) == "Quý II năm 2026"
    with pytest.raises(ValueError):
        period_label(PlainPeriod("week", date(2026, 4, 1), date(2026, 4, 7)))


def test_round_half_up_is_the_same_for_every_kind_of_number() -> None:
    for value in (Fraction(-1, 8), -0.125, Decimal("-0.125")):
        assert round_half_up(value) == Decimal("-0.13")
    assert str(round_half_up(Fraction(-1, 1000))) == "0.00"  # no negative zero
    assert str(round_half_up(10**15 + Fraction(1, 2), 0)) == "1000000000000001"
    assert round_half_up(Fraction(1234, 1), -2) == Decimal("1.2E+3")


def test_formats_follow_a_change_of_language() -> None:
    """Babel's parsed locale and patterns are kept per language, never the first one used."""
    assert (format_number(1234.5), format_points(Fraction(-1, 3)), format_date(date(2026, 3, 5), "long")) == (
        "1.234,5", "-0,33", "ngày 05 tháng 3 năm 2026")
    set_language("en")
    try:
        assert (format_number(1234.5), format_points(Fraction(-1, 3)), format_date(date(2026, 3, 5), "long")) == (
            "1,234.5", "-0.33", "5 March 2026")
    finally:
        set_language("vi")
    assert format_number(1234.5) == "1.234,5"

"""With English chosen, formats are British and words are the English source strings."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

import pytest

from ward_office.core.period import parse_period
from ward_office.i18n import current_language
from ward_office.i18n.formatting import (
    dateline,
    format_date,
    format_datetime,
    format_month,
    format_number,
    format_percent,
    format_points,
    period_label,
)

pytestmark = pytest.mark.usefixtures("english")


def test_the_fixture_switched_to_english() -> None:
    assert current_language() == "en"


def test_dates() -> None:
    assert format_date(date(2026, 1, 5)) == "05/01/2026"
    assert format_date(date(2026, 1, 5), "long") == "5 January 2026"
    assert dateline("Đông Kinh Ward", date(2026, 3, 15)) == "Đông Kinh Ward, 15 March 2026"
    assert format_month(2026, 9) == "Sept 2026"
    assert format_datetime(datetime(2026, 1, 5, 13, 30)) == "05/01/2026, 13:30"


def test_numbers() -> None:
    assert format_number(1234.5) == "1,234.5"
    assert format_points(Fraction(-1, 3)) == "-0.33"
    assert format_percent(0.955) == "95.5%"


def test_periods() -> None:
    assert period_label(parse_period("2026-05")) == "May 2026"
    assert period_label(parse_period("2026-Q2")) == "Second quarter of 2026"
    assert period_label(parse_period("2026-H2")) == "Second half of 2026"
    assert period_label(parse_period("2026")) == "Year 2026"

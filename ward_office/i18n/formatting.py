"""The one place that turns dates and numbers into text, for the screen and for printed reports.

Keeping every format here means a score prints as "98,5" and a date as "05/01/2026" everywhere, and a
document's dateline follows NĐ 30/2020 in one place. Numbers and calendar data come from Babel (CLDR
"vi_VN" when the language is Vietnamese, "en_GB" otherwise); every word comes from the gettext catalog.
Calendar shapes are CLDR date patterns used as msgids, so the catalog can move words around the numbers.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction
from functools import cache
from numbers import Rational
from typing import Literal, Protocol, TypeAlias

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_time as _babel_format_time
from babel.dates import get_datetime_format, get_day_names
from babel.numbers import NumberPattern, get_minus_sign_symbol, get_plus_sign_symbol, parse_pattern

from ward_office.i18n import N_, _, current_language

Number: TypeAlias = int | float | Decimal | Fraction

SHORT_DATE_PATTERN = "dd/MM/yyyy"
TIME_PATTERN = "HH:mm"

# TRANSLATORS: a CLDR date pattern, not plain text: d = day, MMMM = month name, MM = two-digit month,
# y = year, EEEE = weekday, words go in 'single quotes'. Vietnamese official style (NĐ 30/2020):
# "'ngày' dd 'tháng' MM 'năm' y"; the program drops the month's leading zero from March on.
_LONG_DATE = N_("d MMMM y")
# TRANSLATORS: a CLDR date pattern (see "d MMMM y"), a date with its weekday.
_FULL_DATE = N_("EEEE, d MMMM y")
# TRANSLATORS: a CLDR date pattern for a month in a column heading or a picker, e.g. "Tháng 5/2026".
_SHORT_MONTH = N_("MMM y")
# TRANSLATORS: a CLDR date pattern for a month as a review period, e.g. "Tháng 5 năm 2026".
_LONG_MONTH = N_("MMMM y")

# A two-letter month field: under NĐ 30/2020 only January and February keep their leading zero.
_TWO_DIGIT_MONTH = re.compile(r"(?<![ML])([ML])\1(?![ML])")


def babel_locale() -> str:
    """The CLDR locale for the current language."""
    return "vi_VN" if current_language() == "vi" else "en_GB"


@cache
def _parsed_locale(name: str) -> Locale:
    return Locale.parse(name)


def _locale() -> Locale:
    """Babel's data for the current language, parsed once per language (babel would parse the name at every
    call: a report formats thousands of numbers and dates)."""
    return _parsed_locale(babel_locale())


# --- dates -------------------------------------------------------------------------------------------


def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _official_pattern(pattern: str, month: int) -> str:
    return pattern if month <= 2 else _TWO_DIGIT_MONTH.sub(r"\1", pattern)


def format_date(value: date, style: str = "short") -> str:
    """A date for screen and print.

    "short" → "05/01/2026" (dd/MM/yyyy in both languages); "long" → "ngày 05 tháng 01 năm 2026",
    "ngày 15 tháng 3 năm 2026" (NĐ 30/2020: leading zero for days below 10 and for months 1 and 2 only;
    English "5 January 2026"); "full" → the long form after the weekday, "Thứ Hai, ngày 05 tháng 01 năm
    2026".
    """
    day = _as_date(value)
    if style == "short":
        pattern = SHORT_DATE_PATTERN
    elif style == "long":
        pattern = _official_pattern(_(_LONG_DATE), day.month)
    elif style == "full":
        pattern = _official_pattern(_(_FULL_DATE), day.month)
    else:
        raise ValueError(f"unknown date style: {style}")  # a caller's mistake: styles are written in the code
    return _babel_format_date(day, pattern, locale=_locale())


def format_month(year: int, month: int, style: str = "short") -> str:
    """A calendar month: "short" → "Tháng 5/2026" (English "May 2026"), "long" → "Tháng 5 năm 2026"."""
    if style not in ("short", "long"):
        raise ValueError(f"unknown month style: {style}")  # a caller's mistake: styles are written in the code
    pattern = _(_SHORT_MONTH) if style == "short" else _(_LONG_MONTH)
    return _babel_format_date(date(year, month, 1), pattern, locale=_locale())


def format_weekday(value: date, width: Literal["abbreviated", "narrow", "short", "wide"] = "wide") -> str:
    """The weekday's name: "Thứ Hai" … "Chủ Nhật"; width "abbreviated" gives "Th 2" … "CN"."""
    name: str = get_day_names(width, locale=_locale())[_as_date(value).weekday()]
    return name


def format_time(value: time | datetime) -> str:
    """A clock time, 24-hour: "08:05". The time is shown as given; no time zone is applied."""
    clock = value.time() if isinstance(value, datetime) else value
    return _babel_format_time(clock.replace(tzinfo=None), TIME_PATTERN, locale=_locale())


def format_datetime(value: datetime) -> str:
    """A moment, in the locale's order: "08:05 05/01/2026" in Vietnamese, "05/01/2026, 08:05" in English."""
    # Babel annotates a DateTimePattern, but a date-time format is a plain "{1}, {0}" text.
    combined = str(get_datetime_format("short", locale=_locale()))
    return combined.format(format_time(value), format_date(value.date()))


def dateline(place: str, day: date) -> str:
    """The place-and-date line of an official document (NĐ 30/2020, ô 4):
    "Phường Đông Kinh, ngày 05 tháng 01 năm 2026", "Phường Đông Kinh, ngày 15 tháng 3 năm 2026"."""
    # TRANSLATORS: the place-and-date line above an official document; {date} is the long date.
    return _("{place}, {date}").format(place=place, date=format_date(day, "long"))


# --- numbers -----------------------------------------------------------------------------------------


def _exact(value: Number) -> Fraction:
    """The exact value of a number; a float counts as the decimal it prints as (2.675 is 2.675)."""
    if isinstance(value, bool):
        raise TypeError("a truth value is not a number")
    if isinstance(value, float | Decimal):
        if not math.isfinite(value):
            raise ValueError(f"cannot format {value}")  # a caller's mistake: figures are exact, never NaN
        return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
    if isinstance(value, int | Rational):
        return Fraction(value)
    raise TypeError(f"not a number: {value!r}")


def round_half_up(value: Number, decimals: int = 2) -> Decimal:
    """Round to ``decimals`` places, halves away from zero as people do by hand: 0.125 → 0.13."""
    if type(value) is int or type(value) is Fraction:  # the scores' own types, in integer arithmetic
        numerator, denominator = value.numerator, value.denominator
    else:
        exact = _exact(value)
        numerator, denominator = exact.numerator, exact.denominator
    if decimals >= 0:
        scaled, denominator = abs(numerator) * 10**decimals, denominator
    else:
        scaled, denominator = abs(numerator), denominator * 10**-decimals
    units = (2 * scaled + denominator) // (2 * denominator)  # floor(|value| · 10^decimals + 1/2)
    return Decimal(-units if numerator < 0 else units).scaleb(-decimals)


@cache
def _number_pattern(decimals: int, fixed: bool, percent: bool = False) -> NumberPattern:
    """Babel's parsed pattern, parsed once (babel parses the pattern text at every call)."""
    text = "#,##0" if decimals <= 0 else "#,##0." + ("0" if fixed else "#") * decimals
    return parse_pattern(text + "%" if percent else text)


def _format_rounded(rounded: Decimal, places: int, fixed: bool) -> str:
    text: str = _number_pattern(places, fixed).apply(rounded, _locale())
    return text


def format_number(value: Number, decimals: int | None = None, *, fixed: bool = False) -> str:
    """A number with the locale's separators: "1.234,5" in Vietnamese, "1,234.5" in English.

    Rounded half up to ``decimals`` places (2 when not given), trailing zeros dropped: 98.50 → "98,5",
    90 → "90", Fraction(1, 3) → "0,33". ``fixed=True`` keeps exactly ``decimals`` places ("98,50").
    """
    places = 2 if decimals is None else decimals
    return _format_rounded(round_half_up(value, places), places, fixed)


def format_points(value: Number, decimals: int | None = None, *, fixed: bool = False) -> str:
    """Points added or taken off, always signed unless zero: "+3", "-2", "-0,33", "0"."""
    places = 2 if decimals is None else decimals
    rounded = round_half_up(value, places)
    text = _format_rounded(abs(rounded), places, fixed)
    if rounded > 0:
        return get_plus_sign_symbol(_locale()) + text
    if rounded < 0:
        return get_minus_sign_symbol(_locale()) + text
    return text


def format_percent(ratio: Number, decimals: int | None = None, *, fixed: bool = False) -> str:
    """A share as a percentage: 0.955 → "95,5%", 1 → "100%", Fraction(2, 3) → "66,7%".

    Rounded half up to ``decimals`` places of the percentage (1 when not given), trailing zeros dropped
    unless ``fixed``.
    """
    places = 1 if decimals is None else decimals
    percent = round_half_up(_exact(ratio) * 100, places)
    text: str = _number_pattern(places, fixed, percent=True).apply(percent.scaleb(-2), _locale())
    return text


# --- review periods ----------------------------------------------------------------------------------


class PeriodLike(Protocol):
    """What ``period_label`` reads from ward_office.core.period.Period (i18n must not import core)."""

    @property
    def kind(self) -> str: ...
    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date: ...


_QUARTERS = (
    N_("First quarter of {year}"),
    N_("Second quarter of {year}"),
    N_("Third quarter of {year}"),
    N_("Fourth quarter of {year}"),
)
_HALVES = (N_("First half of {year}"), N_("Second half of {year}"))


def period_label(period: PeriodLike) -> str:
    """A review period as a heading: "Tháng 5 năm 2026", "Quý II năm 2026", "6 tháng đầu năm 2026",
    "6 tháng cuối năm 2026", "Năm 2026", "Từ ngày 01/01/2026 đến ngày 15/03/2026"."""
    kind = str(getattr(period.kind, "value", period.kind))
    start, end = period.start, period.end
    year = str(start.year)
    if kind == "month":
        return format_month(start.year, start.month, "long")
    if kind == "quarter":
        return _(_QUARTERS[(start.month - 1) // 3]).format(year=year)
    if kind == "half_year":
        return _(_HALVES[0 if start.month <= 6 else 1]).format(year=year)
    if kind == "year" and (start.month, end.month) != (1, 12):
        return _("Year from {start} to {end}").format(  # a school year: "Năm từ tháng 9/2026 đến tháng 5/2027"
            start=_("month {month}/{year}").format(month=start.month, year=start.year),
            end=_("month {month}/{year}").format(month=end.month, year=end.year))
    if kind == "year":
        return _("Year {year}").format(year=year)
    if kind == "range":
        # TRANSLATORS: a date range; {start} and {end} are dates such as 01/01/2026.
        return _("From {start} to {end}").format(start=format_date(start), end=format_date(end))
    raise ValueError(f"unknown period kind: {kind}")  # a caller's mistake: kinds come from core.period

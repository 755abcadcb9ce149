"""Review periods: a month, a quarter, a half-year (sơ kết), a year (tổng kết) or any date range."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date


class PeriodError(WardOfficeError):
    """The text is not a period, or the period ends before it starts."""


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    RANGE = "range"


class PeriodState(StrEnum):
    OPEN = "open"
    LOCKED = "locked"


@dataclass(frozen=True, slots=True)
class Period:
    kind: PeriodKind
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(N_("The period ends before it starts"))

    @property
    def code(self) -> str:
        """The text form accepted by ``parse_period``: 2026-05, 2026-Q2, 2026-H1, 2026 or a range."""
        year = self.start.year
        if self.kind is PeriodKind.MONTH:
            return f"{year}-{self.start.month:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.HALF_YEAR:
            return f"{year}-H{1 if self.start.month == 1 else 2}"
        if self.kind is PeriodKind.YEAR:
            return str(year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> Iterator[Period]:
        """Calendar months overlapping this period, clipped to it."""
        year, month = self.start.year, self.start.month
        while date(year, month, 1) <= self.end:
            first = max(self.start, date(year, month, 1))
            month_end = last_day_of_month(year, month)
            last = min(self.end, month_end)
            whole = first.day == 1 and last == month_end
            yield Period(PeriodKind.MONTH if whole else PeriodKind.RANGE, first, last)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def halves(self) -> tuple[Period, Period]:
        """First and second half of a calendar year."""
        year = self.start.year
        return half_year(year, 1), half_year(year, 2)


def last_day_of_month(year: int, month_number: int) -> date:
    following = date(year + 1, 1, 1) if month_number == 12 else date(year, month_number + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def month(year: int, month_number: int) -> Period:
    return Period(PeriodKind.MONTH, date(year, month_number, 1), last_day_of_month(year, month_number))


def quarter(year: int, number: int) -> Period:
    first_month = 3 * (number - 1) + 1
    return Period(PeriodKind.QUARTER, date(year, first_month, 1), month(year, first_month + 2).end)


def half_year(year: int, number: int) -> Period:
    if number == 1:
        return Period(PeriodKind.HALF_YEAR, date(year, 1, 1), date(year, 6, 30))
    return Period(PeriodKind.HALF_YEAR, date(year, 7, 1), date(year, 12, 31))


def whole_year(year: int) -> Period:
    return Period(PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31))


def year_of_months(year: int, first_month: int = 1, last_month: int = 12) -> Period:
    """The year from ``first_month`` of ``year`` to ``last_month``, of the next year when it comes first: the
    calendar year, or a school year (September 2026 to May 2027, named 2026 like the year it begins in)."""
    end_year = year if last_month >= first_month else year + 1
    return Period(PeriodKind.YEAR, date(year, first_month, 1), last_day_of_month(end_year, last_month))


def previous_period(period: Period) -> Period:
    """The period of the same kind just before ``period``: the month, quarter, half-year or year before
    (2026-H1 → 2025-H2); for a range of days, as many days ending the day before it begins."""
    before = period.start - timedelta(days=1)
    if period.kind is PeriodKind.MONTH:
        return month(before.year, before.month)
    if period.kind is PeriodKind.QUARTER:
        return quarter(before.year, (before.month - 1) // 3 + 1)
    if period.kind is PeriodKind.HALF_YEAR:
        return half_year(before.year, 1 if before.month <= 6 else 2)
    if period.kind is PeriodKind.YEAR:
        return year_of_months(period.start.year - 1, period.start.month, period.end.month)
    return Period(PeriodKind.RANGE, before - (period.end - period.start), before)


_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Period]], ...] = (
    (re.compile(r"^(\d{4})-(\d{1,2})$"), lambda m: month(int(m[1]), _in_range(int(m[2]), 1, 12))),
    (re.compile(r"^(\d{4})-[Qq]([1-4])$"), lambda m: quarter(int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{4})-[Hh]([12])$"), lambda m: half_year(int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{4})$"), lambda m: whole_year(int(m[1]))),
    (
        re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$"),
        lambda m: Period(PeriodKind.RANGE, date.fromisoformat(m[1]), date.fromisoformat(m[2])),
    ),
)


def _in_range(value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise ValueError(value)  # caught in parse_period, like date()'s own, and told as a PeriodError
    return value


def parse_period(text: str) -> Period:
    """Parse 2026-05, 2026-Q2, 2026-H1, 2026 or 2026-01-01..2026-06-30."""
    cleaned = text.strip()
    for pattern, build in _PATTERNS:
        found = pattern.match(cleaned)
        if found:
            try:
                return build(found)
            except ValueError:
                break
    raise PeriodError(
        N_("“{text}” is not a period: write 2026-05, 2026-Q2, 2026-H1, 2026 or 2026-01-01..2026-06-30"),
        text=text,
    )


@dataclass(frozen=True, slots=True)
class FiguresStatus:
    """Whether printed figures are final (their period is locked, khóa sổ) or provisional as of a day.

    Every report and export says which, so a paper printed before the review meeting is never taken for
    the signed result.
    """

    as_of: date
    locked_at: datetime | None = None
    locked_by: str = ""

    @property
    def final(self) -> bool:
        return self.locked_at is not None

    def localized(self) -> str:
        """"Số liệu tạm tính đến ngày 07/12/2026" or "Số liệu chính thức: đã khóa sổ ngày 01/07/2026, người
        khóa sổ: truong"."""
        if self.locked_at is None:
            return _("Provisional figures as of {date}").format(date=format_date(self.as_of))
        return _("Final figures: the period was locked on {date}, locked by {who}").format(
            date=format_date(self.locked_at.date()), who=self.locked_by or "\u2026")

"""The charts report: violations per block of the plan and the attendance rate, month by month, beside the
period before; the figures counted as the dashboard and the month timesheet count them, so paper and screen
agree. The review papers print the same attendance rates.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, BinaryIO

from ward_office.core.errors import NotFoundError
from ward_office.core.period import Period, PeriodKind, previous_period
from ward_office.services.attendance_sheet import month_sheet
from ward_office.services.overview import violations_by_block
from ward_office.services.period_locks import figures_status
from ward_office.services.ward import Ward

if TYPE_CHECKING:  # the report modules (and reportlab) load only when a report is written
    from ward_office.reports.charts import AttendanceRates, BlockViolations, ChartData


def chart_months(period: Period, today: date) -> list[Period]:
    """The months of ``period`` that have begun by ``today``, each clipped to the period and to today."""
    months = []
    for part in period.months():
        if part.start > today:
            break
        months.append(part if part.end <= today else Period(PeriodKind.RANGE, part.start, today))
    return months


def _recorded(ward: Ward, part: Period) -> bool:
    """Whether the book kept ``part``: an emulation plan was in effect, as scoring it needs."""
    try:
        ward.store.plans.in_effect(part.end)
    except NotFoundError:
        return False
    return True


def block_violations(ward: Ward, period: Period, today: date) -> BlockViolations:
    """Violation occurrences per block of the plan and month, counted as the dashboard counts them; a month
    the book did not keep (no plan in effect) has no count (None)."""
    from ward_office.reports.charts import BlockViolations  # reportlab loads with a report

    months = chart_months(period, today)
    names: dict[str, str] = {}
    counts: dict[str, list[int | None]] = {}
    kept = [_recorded(ward, part) for part in months]
    for index, part in enumerate(months):
        if not kept[index]:
            continue
        for block in violations_by_block(ward, part, today):
            names.setdefault(block.code, block.name)
            counts.setdefault(block.code, [0 if recorded else None for recorded in kept])[index] = block.violations
    return BlockViolations(tuple((part.start.year, part.start.month) for part in months),
                           tuple((names[code], tuple(values)) for code, values in counts.items()),
                           tuple(kept))


def attendance_rates(ward: Ward, period: Period, today: date) -> AttendanceRates:
    """Per month: sessions at work ÷ sessions due, over the working days up to ``today``, from the month
    timesheet's totals (``MonthTotals.due_sessions`` and ``at_work_sessions``), so the rate counts as the
    form counts: due are two sessions for every person active on every working day (weekdays not holidays,
    plus working days made up); at work are sessions attended (late or leaving early included), on a
    business trip (CT) or at a meeting or training (H). Other leave and absence without leave are not at
    work. A month with nothing due, or that the book did not keep (no plan in effect and nothing recorded),
    has no rate (None).
    """
    from ward_office.reports.charts import AttendanceRates  # reportlab loads with a report

    rates: list[Fraction | None] = []
    months = chart_months(period, today)
    for part in months:
        sheet = month_sheet(ward, part.start.year, part.start.month, until=part.end, since=part.start)
        kept = _recorded(ward, part) or any(pair != (None, None) for row in sheet.rows for pair in row.records)
        due = sum(row.totals.due_sessions for row in sheet.rows)
        at_work = sum(row.totals.at_work_sessions for row in sheet.rows)
        rates.append(Fraction(at_work, due) if due and kept else None)
    return AttendanceRates(tuple((part.start.year, part.start.month) for part in months), tuple(rates))


def chart_data(ward: Ward, period: Period, today: date) -> ChartData:
    """The period's figures and those of the period of the same kind before it, to compare with."""
    from ward_office.reports.charts import ChartData  # reportlab loads with a report

    previous = previous_period(period)
    violations, rates = block_violations(ward, previous, today), attendance_rates(ward, previous, today)
    if not any(violations.kept) and all(rate is None for rate in rates.rates):
        return ChartData(period, block_violations(ward, period, today), attendance_rates(ward, period, today),
                         previous)  # the book holds nothing of the period before: nothing to compare with
    return ChartData(period, block_violations(ward, period, today), attendance_rates(ward, period, today),
                     previous, violations, rates)


def render_charts(ward: Ward, period: Period, stream: BinaryIO, today: date,
                  options: Mapping[str, object]) -> int:
    from ward_office.reports.charts import write_charts  # reportlab loads with a report

    return write_charts(stream, chart_data(ward, period, today), ward.unit(), day=today,
                        status=figures_status(ward.store, period, today))

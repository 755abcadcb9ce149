"""Report 6, the charts page: violations per block of criteria per month, and the attendance rate per month.

The review meeting asks "is it getting better?"; two charts answer it at a glance, each followed by the
table of its figures so every bar and point can be checked. They are drawn with reportlab's own graphics
(no screenshot of the window) in the report font, so the labels are Vietnamese text in the PDF. The
figures are computed by ``services.report_renders`` (``block_violations``, ``attendance_rates``), which
also defines them precisely.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from ward_office.core.period import Period
from ward_office.core.unit import Unit
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number, format_percent, period_label
from ward_office.reports import fonts
from ward_office.reports.document import (
    ReportDocument,
    data_table,
    document_title,
    head_signature,
    letterhead,
    paragraph,
    preparer_signature,
    signature_row,
)

TITLE = N_("CHARTS OF OFFICE CULTURE")
LABEL_SIZE = 9
TABLE_SIZE = 9
CHART_HEIGHT = 68 * mm
# Distinct in colour and still apart when printed in grey.
PALETTE = (
    colors.HexColor("#1f4e79"), colors.HexColor("#e07b00"), colors.HexColor("#2e8b3a"), colors.HexColor("#c0392b"),
    colors.HexColor("#7d5ba6"), colors.HexColor("#8c6d31"), colors.HexColor("#17a2b8"), colors.HexColor("#7f7f7f"),
)
LINE_COLOUR = colors.HexColor("#1f4e79")

Month = tuple[int, int]  # (year, month)


@dataclass(frozen=True, slots=True)
class BlockViolations:
    """Violation occurrences per block (in plan order) and month."""

    months: tuple[Month, ...]
    blocks: tuple[tuple[str, tuple[int, ...]], ...]  # (block name, count per month)

    def totals(self) -> tuple[int, ...]:
        return tuple(sum(counts[index] for _name, counts in self.blocks) for index in range(len(self.months)))


@dataclass(frozen=True, slots=True)
class AttendanceRates:
    """Sessions attended ÷ sessions due, per month; None when nothing was due."""

    months: tuple[Month, ...]
    rates: tuple[Fraction | None, ...]


@dataclass(frozen=True, slots=True)
class ChartData:
    period: Period
    violations: BlockViolations
    attendance: AttendanceRates


def month_label(month: Month) -> str:
    """"11/2026": short enough for twelve months side by side."""
    year, number = month
    return f"{number:02d}/{year}"


def write_charts(out: str | Path | BinaryIO, data: ChartData, unit: Unit, *, day: date) -> int:
    """Write the charts page(s) for ``data`` dated ``day``; return the number of pages."""
    document = ReportDocument(out, landscape=True, title=_(TITLE), author=unit.name, subject=period_label(data.period))
    return document.build(charts_story(data, unit, day, document.width))


def charts_story(data: ChartData, unit: Unit, day: date, width: float) -> Iterator[Flowable]:
    yield letterhead(unit, day, symbol="BC-UBND")
    yield from document_title(_(TITLE), period_label(data.period))
    if not data.violations.months:
        yield paragraph(_("The period has not begun yet: there is nothing to chart."), italic=True)
        return
    yield paragraph(_("1. Violations per block of criteria and month"), bold=True, align="left", space_after=2)
    yield violations_chart(data.violations, width)
    yield violations_table(data.violations, width)
    yield CondPageBreak(CHART_HEIGHT + 30 * mm)
    yield Spacer(1, 4 * mm)
    yield paragraph(_("2. Attendance rate per month"), bold=True, align="left", space_after=2)
    yield paragraph(_("Sessions attended (late or leaving early included) out of the sessions due: two a working "
                      "day for everyone working here that day; leave of any kind and absence without leave are "
                      "not attended."), size=10.5, italic=True, space_after=2)
    yield attendance_chart(data.attendance, width)
    yield attendance_table(data.attendance, width)
    yield KeepTogether([signature_row([preparer_signature(unit), head_signature(unit)], signing_space=18 * mm)])


def _drawing(width: float) -> Drawing:
    """A drawing whose renderer starts in the report font (its default would add an unembedded Helvetica)."""
    drawing = Drawing(width, CHART_HEIGHT)
    drawing.initialFontName = fonts.face()
    drawing.initialFontSize = LABEL_SIZE
    return drawing


def _axis_font(axis: object) -> None:
    labels = axis.labels  # type: ignore[attr-defined]
    labels.fontName = fonts.face()
    labels.fontSize = LABEL_SIZE


def violations_chart(violations: BlockViolations, width: float) -> Drawing:
    """Grouped bars: one group per month, one bar per block, the legend of blocks on the right."""
    legend_width = 62 * mm
    drawing = _drawing(width)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 10 * mm
    chart.width, chart.height = width - legend_width - 16 * mm, CHART_HEIGHT - 16 * mm
    chart.data = [list(counts) for _name, counts in violations.blocks] or [[0] * len(violations.months)]
    chart.categoryAxis.categoryNames = [month_label(month) for month in violations.months]
    _axis_font(chart.categoryAxis)
    _axis_font(chart.valueAxis)
    highest = max((max(counts, default=0) for _name, counts in violations.blocks), default=0)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(highest + 1, 4)
    chart.valueAxis.valueStep = max(1, (highest + 4) // 5)
    chart.valueAxis.labelTextFormat = lambda value: format_number(value, 0)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.groupSpacing = 6
    chart.barSpacing = 0.5
    chart.bars.strokeWidth = 0.3
    for index in range(len(chart.data)):
        chart.bars[index].fillColor = PALETTE[index % len(PALETTE)]
    drawing.add(chart)
    drawing.add(String(chart.x + 4, chart.y + chart.height + 4, _("Occurrences"), fontName=fonts.face(italic=True),
                       fontSize=LABEL_SIZE))
    legend = Legend()
    legend.x, legend.y = width - legend_width + 4 * mm, chart.y + chart.height
    legend.fontName, legend.fontSize = fonts.face(), LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 10
    legend.dxTextSpace = 4
    legend.deltay = 12
    legend.colorNamePairs = [(PALETTE[index % len(PALETTE)], name)
                             for index, (name, _counts) in enumerate(violations.blocks)]
    drawing.add(legend)
    return drawing


def attendance_chart(attendance: AttendanceRates, width: float) -> Drawing:
    """A line of the monthly rate with each point labelled "96,5%"; the axis starts near the lowest rate."""
    drawing = _drawing(width)
    chart = HorizontalLineChart()
    chart.x, chart.y = 14 * mm, 10 * mm
    chart.width, chart.height = width - 30 * mm, CHART_HEIGHT - 16 * mm
    percents = [None if rate is None else float(rate * 100) for rate in attendance.rates]
    chart.data = [percents]
    chart.categoryAxis.categoryNames = [month_label(month) for month in attendance.months]
    _axis_font(chart.categoryAxis)
    _axis_font(chart.valueAxis)
    known = [value for value in percents if value is not None]
    lowest = min(known, default=100.0)
    chart.valueAxis.valueMin = max(0, (int(lowest) // 5) * 5 - 5)
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 5 if chart.valueAxis.valueMin >= 50 else 10
    chart.valueAxis.labelTextFormat = lambda value: format_percent(Fraction(round(value), 100), 0)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.lines[0].strokeColor = LINE_COLOUR
    chart.lines[0].strokeWidth = 1.5
    chart.joinedLines = 1
    chart.lineLabelFormat = lambda value: "" if value is None else format_percent(Fraction(str(value)) / 100)
    chart.lineLabels.fontName = fonts.face(bold=True)
    chart.lineLabels.fontSize = LABEL_SIZE - 1
    chart.lineLabels.dy = 6
    drawing.add(chart)
    drawing.add(String(chart.x + 4, chart.y + chart.height + 4, _("Attendance rate"),
                       fontName=fonts.face(italic=True), fontSize=LABEL_SIZE))
    return drawing


def _month_header(months: Sequence[Month], first: str) -> list[object]:
    return [first, *(month_label(month) for month in months)]


def _widths(width: float, months: int, first: float) -> list[float]:
    return [first, *[(width - first) / max(months, 1)] * months]


def violations_table(violations: BlockViolations, width: float) -> Flowable:
    rows: list[list[object]] = [_month_header(violations.months, _("Block of criteria"))]
    rows += [[name, *(format_number(count) for count in counts)] for name, counts in violations.blocks]
    rows.append([_("Total"), *(format_number(total) for total in violations.totals())])
    align = {column: "centre" for column in range(1, len(violations.months) + 1)}
    table = data_table(rows, _widths(width, len(violations.months), 58 * mm), size=TABLE_SIZE, align=align,
                       extra_style=[("FONTNAME", (0, -1), (-1, -1), fonts.BOLD)])
    table.spaceBefore = 2 * mm
    return table


def rate_text(rate: Fraction | None) -> str:
    return "–" if rate is None else format_percent(rate)


def attendance_table(attendance: AttendanceRates, width: float) -> Flowable:
    rows: list[list[object]] = [_month_header(attendance.months, _("Month")),
                                [_("Attendance rate"), *(rate_text(rate) for rate in attendance.rates)]]
    align = {column: "centre" for column in range(1, len(attendance.months) + 1)}
    table = data_table(rows, _widths(width, len(attendance.months), 58 * mm), size=TABLE_SIZE, align=align)
    table.spaceBefore = 2 * mm
    return table

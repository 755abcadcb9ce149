"""Report 6, the charts page: violations per month and the attendance rate per month, against the period before.

The review meeting asks "is it getting better?"; two charts answer it at a glance, each drawn against the
period of the same kind before (the half-year before a half-year, the month before a month), month by month
in order, and each followed by the table of its figures for both periods, so every bar and point can be
checked. They are drawn with reportlab's own graphics (no screenshot of the window) in the report font, so
the labels are Vietnamese text in the PDF; the axes step by round numbers. The figures are computed by
``services.report_renders`` (``block_violations``, ``attendance_rates``), which also defines them precisely.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO, TypeVar

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from ward_office.core.period import FiguresStatus, Period
from ward_office.core.unit import Unit
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number, format_percent, period_label
from ward_office.reports import fonts
from ward_office.reports.document import (
    ReportDocument,
    cell,
    data_table,
    document_title,
    head_signature,
    letterhead,
    paragraph,
    preparer_signature,
    signature_row,
)
from ward_office.reports.timesheet import shortened

TITLE = N_("CHARTS OF OFFICE CULTURE")
LABEL_SIZE = 9
TABLE_SIZE = 9
CHART_HEIGHT = 52 * mm
FIRST_COLUMN = 58 * mm
CURRENT_COLOUR = colors.HexColor("#1f4e79")
PREVIOUS_COLOUR = colors.HexColor("#a6a6a6")  # lighter, still apart from the period's colour in grey print
GRID_COLOUR = colors.Color(0.85, 0.85, 0.85)
NICE_STEPS = (1, 2, 5)  # times a power of ten: 0/5/10/…, 0/20/40/…
PERCENT_STEPS = (1, 2, 5, 10, 20, 25)
MAX_TICKS = 6

Month = tuple[int, int]  # (year, month)


@dataclass(frozen=True, slots=True)
class BlockViolations:
    """Violation occurrences per block (in plan order) and month; None for a month the book did not keep."""

    months: tuple[Month, ...]
    blocks: tuple[tuple[str, tuple[int | None, ...]], ...]  # (block name, count per month)
    kept: tuple[bool, ...] = ()  # per month: whether the book kept it; all kept when empty

    def recorded(self, index: int) -> bool:
        return not self.kept or self.kept[index]

    def totals(self) -> tuple[int | None, ...]:
        return tuple(sum(counts[index] or 0 for _name, counts in self.blocks) if self.recorded(index) else None
                     for index in range(len(self.months)))


@dataclass(frozen=True, slots=True)
class AttendanceRates:
    """Sessions at work ÷ sessions due, per month; None when nothing was due or the book did not keep it."""

    months: tuple[Month, ...]
    rates: tuple[Fraction | None, ...]


@dataclass(frozen=True, slots=True)
class ChartData:
    period: Period
    violations: BlockViolations
    attendance: AttendanceRates
    previous: Period | None = None  # the period of the same kind before, compared month by month
    previous_violations: BlockViolations | None = None
    previous_attendance: AttendanceRates | None = None

    def positions(self) -> int:
        """Months compared: as many as the longer of the two periods' months shown."""
        before = 0 if self.previous_violations is None else len(self.previous_violations.months)
        return max(len(self.violations.months), before)


def month_label(month: Month) -> str:
    """"11/2026": short enough for twelve months side by side."""
    year, number = month
    return f"{number:02d}/{year}"


def nice_step(highest: float, steps: Sequence[int] = NICE_STEPS, ticks: int = MAX_TICKS) -> float:
    """The smallest round step (1, 2 or 5 times a power of ten) that covers ``highest`` in ``ticks`` steps."""
    scale = 1
    while True:
        for step in steps:
            if step * scale * ticks >= highest:
                return step * scale
        scale *= 10


def axis_top(highest: float, step: float) -> float:
    """The first multiple of ``step`` at or above ``highest``; one step at least."""
    top = step
    while top < highest:
        top += step
    return top


def write_charts(out: str | Path | BinaryIO, data: ChartData, unit: Unit, *, day: date,
                 status: FiguresStatus | None = None) -> int:
    """Write the charts page(s) for ``data`` dated ``day``; return the number of pages."""
    document = ReportDocument(out, landscape=True, title=_(TITLE), author=unit.name, subject=period_label(data.period))
    return document.build(charts_story(data, unit, day, document.width, status))


def charts_story(data: ChartData, unit: Unit, day: date, width: float,
                 status: FiguresStatus | None = None) -> Iterator[Flowable]:
    yield letterhead(unit, day, symbol="BC-UBND")
    yield from document_title(_(TITLE), period_label(data.period), status=status)
    if not data.violations.months:
        yield paragraph(_("The period has not begun yet: there is nothing to chart."), italic=True)
        return
    if data.previous is not None and data.previous_violations is None:
        yield paragraph(_("The book holds no figures of the previous period ({previous}) to compare with.").format(
            previous=period_label(data.previous)), size=10.5, italic=True, space_after=2)
    elif data.previous is not None:
        yield paragraph(_("Each month is compared with the month in the same place of the previous period "
                          "({previous}), shown in brackets; “–”: no figures for that month (not yet come, or no "
                          "emulation plan in effect then).").format(previous=period_label(data.previous)),
                        size=10.5, italic=True, space_after=2)
    yield paragraph(_("1. Violations per month"), bold=True, align="left", space_after=2)
    yield violations_chart(data, width)
    yield KeepTogether([violations_table(data, width)])
    yield CondPageBreak(CHART_HEIGHT + 30 * mm)
    yield Spacer(1, 4 * mm)
    yield paragraph(_("2. Attendance rate per month"), bold=True, align="left", space_after=2)
    yield paragraph(_("Sessions at work (late or leaving early included, business trips (CT) and meetings or "
                      "training (H) included) out of the sessions due: two a working day for everyone working "
                      "here that day; other leave and absence without leave are not at work."),
                    size=10.5, italic=True, space_after=2)
    yield attendance_chart(data, width)
    yield KeepTogether([attendance_table(data, width),  # the signatures never stand alone on a page
                        signature_row([preparer_signature(unit), head_signature(unit)], signing_space=18 * mm)])


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


_Value = TypeVar("_Value")


def _padded(values: Sequence[_Value | None], length: int) -> list[_Value | None]:
    return [*values, *[None] * (length - len(values))][:length]


def position_labels(data: ChartData) -> list[str]:
    """Under each group: this period's month, and the previous period's month in the same place below it."""
    months = [(part.start.year, part.start.month) for part in data.period.months()]
    before = [] if data.previous_violations is None else list(data.previous_violations.months)
    labels = []
    for index in range(data.positions()):
        lines = [month_label(months[index]) if index < len(months) else ""]
        if before:
            lines.append(f"({month_label(before[index])})" if index < len(before) else "")
        labels.append("\n".join(lines))
    return labels


def _legend(drawing: Drawing, data: ChartData, x: float, y: float, colour_pairs: Sequence[colors.Color]) -> None:
    names = [_("This period: {period}").format(period=period_label(data.period))]
    if data.previous is not None and data.previous_violations is not None:
        names.append(_("Previous period: {period}").format(period=period_label(data.previous)))
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = fonts.face(), LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 75 * mm
    legend.dxTextSpace = 4
    legend.colorNamePairs = list(zip(colour_pairs, names, strict=False))
    drawing.add(legend)


def violations_chart(data: ChartData, width: float) -> Drawing:
    """Pairs of bars: each month's violations, and the previous period's in the same month place."""
    drawing = _drawing(width)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 16 * mm
    chart.width, chart.height = width - 16 * mm, CHART_HEIGHT - 30 * mm
    positions = data.positions()
    series = [_padded(data.violations.totals(), positions)]
    if data.previous_violations is not None:
        series.append(_padded(data.previous_violations.totals(), positions))
    chart.data = [[0 if value is None else value for value in values] for values in series]
    chart.categoryAxis.categoryNames = position_labels(data)
    _axis_font(chart.categoryAxis)
    _axis_font(chart.valueAxis)
    highest = max((value for values in series for value in values if value is not None), default=0)
    step = nice_step(max(highest, 1))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = axis_top(highest, step)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labelTextFormat = lambda value: format_number(value, 0)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID_COLOUR
    chart.groupSpacing = 8
    chart.barSpacing = 1
    chart.bars.strokeWidth = 0.3
    chart.bars[0].fillColor = CURRENT_COLOUR
    if len(series) > 1:
        chart.bars[1].fillColor = PREVIOUS_COLOUR
    chart.barLabelArray = [["" if value is None else format_number(value) for value in values] for values in series]
    chart.barLabelFormat = "values"
    chart.barLabels.fontName = fonts.face()
    chart.barLabels.fontSize = LABEL_SIZE - 1
    chart.barLabels.nudge = 5
    drawing.add(chart)
    drawing.add(String(chart.x + 4, chart.y + chart.height + 4, _("Occurrences"), fontName=fonts.face(italic=True),
                       fontSize=LABEL_SIZE))
    _legend(drawing, data, chart.x + 40 * mm, CHART_HEIGHT - 1 * mm, [CURRENT_COLOUR, PREVIOUS_COLOUR])
    return drawing


def attendance_chart(data: ChartData, width: float) -> Drawing:
    """The monthly rate as a line with each point labelled "96,5%", the previous period's as a dashed line."""
    drawing = _drawing(width)
    chart = HorizontalLineChart()
    chart.x, chart.y = 14 * mm, 16 * mm
    chart.width, chart.height = width - 30 * mm, CHART_HEIGHT - 30 * mm
    positions = data.positions()
    rates = [_padded(data.attendance.rates, positions)]
    if data.previous_attendance is not None:
        rates.append(_padded(data.previous_attendance.rates, positions))
    chart.data = [[None if rate is None else float(rate * 100) for rate in values] for values in rates]
    chart.categoryAxis.categoryNames = position_labels(data)
    _axis_font(chart.categoryAxis)
    _axis_font(chart.valueAxis)
    known = [value for values in chart.data for value in values if value is not None]
    lowest = min(known, default=100.0)
    step = nice_step(max(100 - lowest, 5), PERCENT_STEPS, MAX_TICKS - 1)
    chart.valueAxis.valueMin = max(0, (int(lowest) // step) * step)
    if chart.valueAxis.valueMin == lowest and lowest > 0:
        chart.valueAxis.valueMin -= step  # a point on the bottom axis would hide in it
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = step
    chart.valueAxis.labelTextFormat = lambda value: format_percent(Fraction(round(value), 100), 0)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID_COLOUR
    chart.joinedLines = 0
    for index, (colour, width_) in enumerate(((CURRENT_COLOUR, 1.5), (PREVIOUS_COLOUR, 1.2))):
        line = chart.lines[index]
        line.strokeColor, line.strokeWidth = colour, width_
        line.symbol = makeMarker("FilledCircle", size=3.5)
        line.symbol.fillColor = line.symbol.strokeColor = colour
        if index < len(chart.data) and sum(value is not None for value in chart.data[index]) >= 2:
            line.lineStyle = "joinedLine"  # reportlab cannot draw a line of fewer points
    chart.lines[1].strokeDashArray = (4, 2)
    # Labels go to the points drawn (those with a value), only on this period's line.
    chart.lineLabelArray = [[format_percent(Fraction(str(value)) / 100) if index == 0 else ""
                             for value in values if value is not None] for index, values in enumerate(chart.data)]
    chart.lineLabelFormat = "values"
    chart.lineLabels.fontName = fonts.face(bold=True)
    chart.lineLabels.fontSize = LABEL_SIZE - 1
    chart.lineLabels.dy = 6
    drawing.add(chart)
    drawing.add(String(chart.x + 4, chart.y + chart.height + 4, _("Attendance rate"),
                       fontName=fonts.face(italic=True), fontSize=LABEL_SIZE))
    _legend(drawing, data, chart.x + 40 * mm, CHART_HEIGHT - 1 * mm, [CURRENT_COLOUR, PREVIOUS_COLOUR])
    return drawing


def _widths(width: float, months: int, first: float) -> list[float]:
    return [first, *[(width - first) / max(months, 1)] * months]


def _count(value: int | None) -> str:
    return "–" if value is None else format_number(value)


def _pair(current: str, previous: str | None) -> str:
    return current if previous is None else f"{current} ({previous})"


def violations_table(data: ChartData, width: float) -> Flowable:
    """Blocks × months: "this period (previous period)" in each cell, the totals last."""
    positions = data.positions()
    previous = data.previous_violations
    names = [name for name, _counts in data.violations.blocks]
    if previous is not None:
        names += [name for name, _counts in previous.blocks if name not in names]

    def counts_of(violations: BlockViolations | None, name: str) -> list[int | None] | None:
        if violations is None:
            return None
        found = dict(violations.blocks).get(name)
        values = [found[index] if found is not None else (0 if violations.recorded(index) else None)
                  for index in range(len(violations.months))]
        return _padded(values, positions)

    def line(label: object, current: Sequence[int | None], before: Sequence[int | None] | None) -> list[object]:
        return [label, *(_pair(_count(current[index]), None if before is None else _count(before[index]))
                         for index in range(positions))]

    room = 2 * (FIRST_COLUMN - 6) * 0.9
    rows: list[list[object]] = [[_("Block of criteria"), *position_labels(data)]]
    for name in names:
        rows.append(line(cell(shortened(name, room, TABLE_SIZE), size=TABLE_SIZE),
                         counts_of(data.violations, name) or [], counts_of(previous, name)))
    rows.append(line(_("Total"), _padded(data.violations.totals(), positions),
                     None if previous is None else _padded(previous.totals(), positions)))
    align = {column: "centre" for column in range(1, positions + 1)}
    table = data_table(rows, _widths(width, positions, FIRST_COLUMN), size=TABLE_SIZE, align=align,
                       extra_style=[("FONTNAME", (0, -1), (-1, -1), fonts.BOLD)])
    table.spaceBefore = 2 * mm
    return table


def rate_text(rate: Fraction | None) -> str:
    return "–" if rate is None else format_percent(rate)


def attendance_table(data: ChartData, width: float) -> Flowable:
    positions = data.positions()
    rows: list[list[object]] = [
        [_("Month"), *position_labels(data)],
        [_("This period"), *(rate_text(rate) for rate in _padded(data.attendance.rates, positions))],
    ]
    if data.previous_attendance is not None:
        rows.append([_("Previous period"),
                     *(rate_text(rate) for rate in _padded(data.previous_attendance.rates, positions))])
    align = {column: "centre" for column in range(1, positions + 1)}
    table = data_table(rows, _widths(width, positions, FIRST_COLUMN), size=TABLE_SIZE, align=align)
    table.spaceBefore = 2 * mm
    return table

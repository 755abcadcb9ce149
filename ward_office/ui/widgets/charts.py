"""A small horizontal bar chart drawn with QPainter: the project ships PySide6-Essentials, without QtCharts.

Bars are horizontal so long Vietnamese names sit on one line beside their bar (elided when the window is
narrow, whole in the tooltip). Every size comes from the font, so the chart scales with the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ward_office.i18n import _
from ward_office.i18n.formatting import format_number

from ward_office.ui.widgets import BAD

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
BAR_COLOR = QColor(BAD)
BAR_COLOR.setAlpha(200)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    tooltip: str = ""  # defaults to "label: value"


class BarChart(QWidget):
    """One labelled bar per row, the value written after the bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: tuple[Bar, ...] = ()
        self._full = 0  # the value of a bar the whole width; 0: the largest bar's
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def set_bars(self, bars: Sequence[Bar], *, full: int = 0) -> None:
        """``full``: the value a bar the whole width stands for (100 for percentages), else the largest bar's."""
        self._bars = tuple(bars)
        self._full = full
        self.setAccessibleDescription("; ".join(self._tooltip(bar) for bar in self._bars))
        self.updateGeometry()
        self.update()

    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    def values(self) -> list[int]:
        return [bar.value for bar in self._bars]

    # ---- Geometry, all from the font ----

    def _row_height(self) -> int:
        return round(self.fontMetrics().height() * 2.4)  # room for a name wrapped on two lines

    def _margin(self) -> int:
        return self.fontMetrics().height() // 2

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 50, max(len(self._bars), 1) * self._row_height() + 2 * self._margin())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().averageCharWidth() * 25, self.sizeHint().height())

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(bar.label) for bar in self._bars), default=0)
        return min(widest, int(self.width() * 0.45))

    def _fitted(self, label: str, width: int) -> str:
        """The label on one line, else wrapped on two, else cut short with an ellipsis."""
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(label) <= width:
            return label
        words = label.split()
        for cut in range(len(words) - 1, 0, -1):
            first = " ".join(words[:cut])
            if metrics.horizontalAdvance(first) <= width:
                rest = metrics.elidedText(" ".join(words[cut:]), Qt.TextElideMode.ElideRight, width)
                return f"{first}\n{rest}"
        return metrics.elidedText(label, Qt.TextElideMode.ElideRight, width)

    def _row_at(self, y: int) -> int | None:
        row = (y - self._margin()) // self._row_height()
        return row if 0 <= row < len(self._bars) and y >= self._margin() else None

    def _tooltip(self, bar: Bar) -> str:
        return bar.tooltip or _("{label}: {value}").format(label=bar.label, value=format_number(bar.value, 0))

    # ---- Painting ----

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        margin, row_height = self._margin(), self._row_height()
        gap = metrics.averageCharWidth() * 2
        label_width = self._label_width()
        largest = max((bar.value for bar in self._bars), default=0)
        largest = max(largest, self._full)
        value_width = metrics.horizontalAdvance(format_number(largest, 0)) + gap
        bar_left = margin + label_width + gap
        bar_room = max(self.width() - bar_left - value_width - margin, 1)
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        axis_color = self.palette().color(QPalette.ColorRole.Mid)
        for row, bar in enumerate(self._bars):
            top = margin + row * row_height
            painter.setPen(text_color)
            painter.drawText(QRectF(margin, top, label_width, row_height), RIGHT, self._fitted(bar.label, label_width))
            length = bar_room * bar.value / largest if largest else 0
            bar_height = metrics.height()
            rect = QRectF(bar_left, top + (row_height - bar_height) / 2, length, bar_height)
            if length:
                painter.fillRect(rect, BAR_COLOR)
            painter.drawText(QRectF(bar_left + length + gap / 2, top, value_width, row_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, format_number(bar.value, 0))
        painter.setPen(axis_color)
        bottom = margin + len(self._bars) * row_height
        painter.drawLine(bar_left, margin, bar_left, bottom)
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self._row_at(event.pos().y())
            if row is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self._tooltip(self._bars[row]), self)
            return True
        return super().event(event)

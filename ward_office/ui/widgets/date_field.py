"""The one date field of the window: a date typed in one go the way Excel users type it (16/11/2026, 16/11/26,
3/2/25), or picked on the calendar under the button beside it.

Qt's QDateEdit edits a date section by section, so "16/11/2026" typed over a selected date turns into
another date; this field reads what was typed as a whole when the user presses Enter or leaves it, and
says in words why an impossible date (31/02/2026) was refused, keeping the date it had.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QPoint, QRegularExpression, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QToolTip,
    QWidget,
    QWidgetAction,
)

from ward_office.i18n import _

DATE_FORMAT = "dd/MM/yyyy"
DAY_MONTH_FORMAT = "dd/MM"
_TYPED = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}|\d{2}))?")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{4}|\d{2})?")
_ALLOWED = QRegularExpression(r"[0-9/.\- ]{0,12}")
_ERROR_STYLE = "QLineEdit { border: 1px solid #b3261e; background: #fdecea; }"


class TypedDateError(ValueError):
    """What is wrong with a typed date, in the user's language."""


def parse_typed_date(text: str, *, year: int | None = None) -> date:
    """The date in ``text`` (d/m/yyyy or d/m/yy, dots or dashes also, or ddmmyyyy); with ``year`` given the
    year may be left out (a day of every year). Two-digit years are of this century."""
    typed = text.strip()
    match = _TYPED.fullmatch(typed) or _DIGITS.fullmatch(typed)
    if match is None:
        example = "16/11/2026" if year is None else "16/11"
        raise TypedDateError(_("“{text}” is not a date: type the day, the month and the year, for example "
                            "{example}.").format(text=typed, example=example) if year is None else
                          _("“{text}” is not a day of the year: type the day and the month, for example "
                            "{example}.").format(text=typed, example=example))
    day, month, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
    if year_text is None:
        if year is None:
            raise TypedDateError(_("“{text}” has no year: type it as well, for example {example}.").format(
                text=typed, example=f"{day:02d}/{month:02d}/{date.today().year}"))
        chosen_year = year
    else:
        chosen_year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    if not 1 <= month <= 12:
        raise TypedDateError(_("There is no month {month}: months go from 1 to 12.").format(month=month))
    last = QDate(chosen_year, month, 1).daysInMonth()
    if not 1 <= day <= last:
        raise TypedDateError(_("{day:02d}/{month:02d}/{year} does not exist: month {month} of {year} has {last} "
                            "days.").format(day=day, month=month, year=chosen_year, last=last))
    return date(chosen_year, month, day)


class DateField(QWidget):
    """A date typed as dd/mm/yyyy or picked on a calendar; ``date()``, ``setDate()`` and ``dateChanged`` as
    on a QDateEdit. ``with_year=False`` is a day of every year (dd/mm), kept in the year of its date."""

    dateChanged = Signal(QDate)  # noqa: N815 - the name QDateEdit gives it

    def __init__(self, day: date | QDate, parent: QWidget | None = None, *, with_year: bool = True) -> None:
        super().__init__(parent)
        self._with_year = with_year
        self._format = DATE_FORMAT if with_year else DAY_MONTH_FORMAT
        self._date = day if isinstance(day, QDate) else QDate(day.year, day.month, day.day)
        self._minimum = QDate(1900, 1, 1)
        self._maximum = QDate(2999, 12, 31)
        self._problem = ""
        self._edit = QLineEdit()
        self._edit.setValidator(QRegularExpressionValidator(_ALLOWED, self._edit))
        self._edit.setPlaceholderText(_("dd/mm/yyyy") if with_year else _("dd/mm"))
        self._edit.editingFinished.connect(self.commit)
        self._edit.textEdited.connect(self._typed)
        self._edit.installEventFilter(self)
        self._calendar = QCalendarWidget()
        self._calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self._calendar.setGridVisible(True)
        self._calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self._calendar.clicked.connect(self._picked)
        self._calendar.activated.connect(self._picked)
        self._menu = QMenu(self)
        holder = QWidgetAction(self._menu)
        holder.setDefaultWidget(self._calendar)
        self._menu.addAction(holder)
        self._button = QToolButton()
        self._button.setArrowType(Qt.ArrowType.DownArrow)
        self._button.setToolTip(_("Pick on the calendar (Alt+Down)"))
        self._button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._edit, 1)
        layout.addWidget(self._button)
        self.setFocusProxy(self._edit)
        width = self._edit.fontMetrics().horizontalAdvance("00/00/00000" if with_year else "00/000") + 16
        self._edit.setMinimumWidth(width)
        self._show_date()

    # ---- As on a QDateEdit ----

    def date(self) -> QDate:
        """The field's date; text typed but not yet confirmed counts when it is a possible date (text still
        being typed is left alone: Enter or leaving the field says what is wrong with it)."""
        text = self._edit.text().strip()
        if text and text != self._date.toString(self._format):
            try:
                typed = parse_typed_date(text, year=None if self._with_year else self._date.year())
            except TypedDateError:
                return QDate(self._date)
            day = QDate(typed.year, typed.month, typed.day)
            if self._minimum <= day <= self._maximum:
                self.setDate(day)
        return QDate(self._date)

    def setDate(self, day: QDate) -> None:  # noqa: N802 - QDateEdit's name
        day = self._bounded(day)
        self._set_problem("")
        changed = day != self._date
        self._date = QDate(day)
        self._show_date()
        if changed:
            self.dateChanged.emit(QDate(day))

    def minimumDate(self) -> QDate:  # noqa: N802 - QDateEdit's name
        return QDate(self._minimum)

    def maximumDate(self) -> QDate:  # noqa: N802 - QDateEdit's name
        return QDate(self._maximum)

    def setMinimumDate(self, day: QDate) -> None:  # noqa: N802 - QDateEdit's name
        self.setDateRange(day, max(day, self._maximum))

    def setMaximumDate(self, day: QDate) -> None:  # noqa: N802 - QDateEdit's name
        self.setDateRange(min(day, self._minimum), day)

    def setDateRange(self, first: QDate, last: QDate) -> None:  # noqa: N802 - QDateEdit's name
        self._minimum, self._maximum = QDate(first), QDate(last)
        self._calendar.setDateRange(first, last)
        if self._bounded(self._date) != self._date:
            self.setDate(self._bounded(self._date))

    def calendarWidget(self) -> QCalendarWidget:  # noqa: N802 - QDateEdit's name
        return self._calendar

    def lineEdit(self) -> QLineEdit:  # noqa: N802 - QDateEdit's name
        return self._edit

    def text(self) -> str:
        return self._edit.text()

    # ---- Typing ----

    def problem(self) -> str:
        """Why the last date typed was refused; empty when it was not."""
        return self._problem

    def commit(self, quiet: bool = False) -> bool:
        """Read the typed text; a date that cannot be is refused with a message and the field keeps its date."""
        text = self._edit.text()
        if not text.strip() or text.strip() == self._date.toString(self._format):
            self._show_date()
            return True
        try:
            typed = parse_typed_date(text, year=None if self._with_year else self._date.year())
        except TypedDateError as problem:
            return self._refuse(str(problem), quiet)
        day = QDate(typed.year, typed.month, typed.day)
        if not self._minimum <= day <= self._maximum:
            return self._refuse(self._range_text(), quiet)
        self.setDate(day)
        return True

    def _refuse(self, message: str, quiet: bool) -> bool:
        kept = self._date.toString(self._format)
        self._set_problem(_("{problem} The field keeps {date}.").format(problem=message, date=kept))
        self._edit.setText(kept)
        if not quiet and self.isVisible():
            QToolTip.showText(self._edit.mapToGlobal(QPoint(0, self._edit.height())), self._problem, self._edit)
        return False

    def _range_text(self) -> str:
        if self._maximum < QDate(2999, 12, 31) and self._minimum > QDate(1900, 1, 1):
            return _("The date must be between {first} and {last}.").format(
                first=self._minimum.toString(self._format), last=self._maximum.toString(self._format))
        if self._maximum < QDate(2999, 12, 31):
            return _("The date cannot be after {last}.").format(last=self._maximum.toString(self._format))
        return _("The date cannot be before {first}.").format(first=self._minimum.toString(self._format))

    def _typed(self, text: str) -> None:
        """A whole date with a four-digit year counts at once (the page follows as the user types)."""
        self._set_problem("")
        if self._with_year and re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text.strip()):
            try:
                typed = parse_typed_date(text)
            except TypedDateError:
                return
            day = QDate(typed.year, typed.month, typed.day)
            if self._minimum <= day <= self._maximum and day != self._date:
                self._date = day
                self.dateChanged.emit(QDate(day))

    def _set_problem(self, message: str) -> None:
        self._problem = message
        self._edit.setStyleSheet(_ERROR_STYLE if message else "")
        self._edit.setToolTip(message or _("Type the date as dd/mm/yyyy (for example 16/11/2026 or 16/11/26), "
                                           "or pick it on the calendar (Alt+Down)."))

    def _show_date(self) -> None:
        self._edit.setText(self._date.toString(self._format))
        self._set_problem(self._problem)

    def _bounded(self, day: QDate) -> QDate:
        return max(self._minimum, min(day, self._maximum))

    # ---- The calendar and the keys ----

    def show_calendar(self) -> QCalendarWidget:
        """Open the calendar under the field, without blocking; returns it."""
        self.commit(quiet=True)
        self._calendar.setSelectedDate(self._date)
        self._menu.popup(self.mapToGlobal(QPoint(0, self.height())))
        return self._calendar

    def _picked(self, day: QDate) -> None:
        self._menu.close()
        self.setDate(day)
        self._edit.setFocus()

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt's name
        if watched is self._edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            return self._key(event)
        if watched is self._edit and isinstance(event, QFocusEvent) and event.type() == QFocusEvent.Type.FocusIn:
            self._edit.selectAll()
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.show_calendar()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            if self.commit(quiet=True):
                step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(Qt.Key(key))
                self.setDate(self._date.addDays(step) if step else
                             self._date.addMonths(1 if key == Qt.Key.Key_PageUp else -1))
            return True
        typed = event.text()
        if typed and typed.isprintable() and not event.modifiers() & Qt.KeyboardModifier.ControlModifier \
                and not re.fullmatch(r"[0-9/.\- ]", typed):
            self._set_problem(_("A date has only digits and “/”, for example 16/11/2026."))
            if self.isVisible():
                QToolTip.showText(self._edit.mapToGlobal(QPoint(0, self._edit.height())), self._problem, self._edit)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
            return False  # a dialog's default button still answers Enter
        return False

"""The tables of the Checks page: the rounds, the people of one round with a "seen" tick, its violations.

The seen tick writes through a callback the page gives, so the model changes only once the database has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ward_office.core.checks import CHECK_KIND_LABELS, Event
from ward_office.core.staff import Staff, StaffId
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_datetime, format_number, format_points
from ward_office.i18n.text import name_sort_key
from ward_office.services.checks import CheckSummary

from ward_office.ui.widgets import BAD, GOOD, MUTED, WARN
from ward_office.ui.widgets.models import CENTER, RIGHT, Column, Index, RecordTableModel


def check_state_text(summary: CheckSummary) -> str:
    return _("In progress") if summary.check.is_open else _("Finished")


SESSION_COLUMNS: tuple[Column[CheckSummary], ...] = (
    Column(N_("Time"), lambda s: format_datetime(s.check.started_at), sort_key=lambda s: s.check.started_at,
           foreground=lambda s: WARN if s.check.is_open else None),
    Column(N_("Kind"), lambda s: _(CHECK_KIND_LABELS[s.check.kind]),
           foreground=lambda s: WARN if s.check.is_open else None),
    Column(N_("State"), check_state_text, sort_key=lambda s: (not s.check.is_open, s.check.started_at),
           foreground=lambda s: WARN if s.check.is_open else MUTED),
    Column(N_("Present"), lambda s: format_number(s.seen), sort_key=lambda s: s.seen, alignment=RIGHT,
           searchable=False),
    Column(N_("Violations"), lambda s: format_number(s.violations), sort_key=lambda s: s.violations,
           alignment=RIGHT, searchable=False, foreground=lambda s: BAD if s.violations else None),
    Column(N_("Checked by"), lambda s: s.check.checker),
    Column(N_("Place"), lambda s: s.check.location, tooltip=lambda s: s.check.note),
)


def session_model(parent: Any = None) -> RecordTableModel[CheckSummary]:
    return RecordTableModel(SESSION_COLUMNS, parent)


@dataclass(frozen=True, slots=True)
class StaffLine:
    """One person in a round: seen or not, and the violations found (criterion names); ``away`` is what the
    attendance record has for them in the round's session when on leave or absent ("" when expected at work)."""

    staff: Staff
    department: str
    seen: bool
    violations: tuple[str, ...] = ()
    away: str = ""

    @property
    def staff_id(self) -> StaffId:
        assert self.staff.id is not None
        return self.staff.id


def _muted_if_away(line: StaffLine) -> QColor | None:
    return MUTED if line.away else None


SEEN_COLUMN = 0
AWAY_COLUMN = 3  # shown only when someone is away from the round
# Those away from the round sort after everyone else by name, so they are listed apart at the bottom.
STAFF_COLUMNS: tuple[Column[StaffLine], ...] = (
    Column(N_("Present"), lambda line: "", sort_key=lambda line: (bool(line.away), not line.seen),
           alignment=CENTER, searchable=False),
    Column(N_("Full name"), lambda line: line.staff.full_name,
           sort_key=lambda line: (bool(line.away), name_sort_key(line.staff.full_name)),
           tooltip=lambda line: line.staff.position, foreground=_muted_if_away),
    Column(N_("Department"), lambda line: line.department, foreground=_muted_if_away),
    Column(N_("This session"), lambda line: line.away, sort_key=lambda line: (not line.away, line.away),
           tooltip=lambda line: "\n".join((line.away, _("Away by the attendance record: not ticked by “Tick all "
                                                          "shown”"))) if line.away else "",
           foreground=_muted_if_away),
    Column(N_("Violations"), lambda line: format_number(len(line.violations)) if line.violations else "",
           sort_key=lambda line: len(line.violations), alignment=RIGHT, searchable=False,
           tooltip=lambda line: "\n".join(line.violations), foreground=lambda line: BAD),
)


class StaffSeenModel(RecordTableModel[StaffLine]):
    """People of a round; the first column is a checkbox "present at the check", editable while open."""

    def __init__(self, on_seen: Callable[[StaffId, bool], bool], parent: Any = None) -> None:
        super().__init__(STAFF_COLUMNS, parent)
        self._on_seen = on_seen
        self._editable = False

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        if self._records:
            self.dataChanged.emit(self.index(0, SEEN_COLUMN), self.index(len(self._records) - 1, SEEN_COLUMN))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == SEEN_COLUMN and self._editable \
                and 0 <= index.row() < len(self._records) and not self._records[index.row()].away:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == SEEN_COLUMN \
                and 0 <= index.row() < len(self._records):
            line = self._records[index.row()]
            if line.away and not line.seen:
                return None  # no box to tick: the attendance record has them away
            return Qt.CheckState.Checked if line.seen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole and index.isValid() and index.column() == SEEN_COLUMN \
                and 0 <= index.row() < len(self._records):
            return _("Present") if self._records[index.row()].seen else _("Not seen")
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != SEEN_COLUMN \
                or not self._editable or not (0 <= index.row() < len(self._records)):
            return False
        seen = Qt.CheckState(value) == Qt.CheckState.Checked
        line = self._records[index.row()]
        if seen == line.seen:
            return True
        if not self._on_seen(line.staff_id, seen):
            return False
        self.mark_seen({line.staff_id}, seen)
        return True

    def mark_seen(self, staff_ids: set[StaffId], seen: bool) -> None:
        """Show people as seen (or not) after the database has them so."""
        for row, line in enumerate(self._records):
            if line.staff_id in staff_ids and line.seen != seen:
                self._records[row] = replace(line, seen=seen)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(STAFF_COLUMNS) - 1))

    def row_of(self, staff_id: StaffId) -> int | None:
        return next((row for row, line in enumerate(self._records) if line.staff_id == staff_id), None)


@dataclass(frozen=True, slots=True)
class ViolationLine:
    """A violation of the round with what the plan of its day says about it."""

    event: Event
    staff_name: str
    criterion_name: str
    points: Fraction | None  # None when the plan of the day lacks the criterion


VIOLATION_COLUMNS: tuple[Column[ViolationLine], ...] = (
    Column(N_("Full name"), lambda line: line.staff_name, sort_key=lambda line: name_sort_key(line.staff_name)),
    Column(N_("Violation"), lambda line: line.criterion_name, tooltip=lambda line: line.event.criterion_code),
    Column(N_("Points"), lambda line: "" if line.points is None else format_points(line.points),
           sort_key=lambda line: line.points, alignment=RIGHT, searchable=False,
           foreground=lambda line: BAD if line.points is not None and line.points < 0 else GOOD),
    Column(N_("Note"), lambda line: line.event.note, tooltip=lambda line: line.event.note),
    Column(N_("Recorded by"), lambda line: line.event.recorded_by),
)


def violation_model(parent: Any = None) -> RecordTableModel[ViolationLine]:
    return RecordTableModel(VIOLATION_COLUMNS, parent)

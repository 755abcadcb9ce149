"""Checks page (Kiểm tra): start a check round, tick who was seen, record violations, finish the round.

Every tick and every violation is written the moment it is made, so a round half done when the power
goes is still there, open, the next morning. Rounds on the left, the selected round on the right.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QWidget,
)

from ward_office.core.attendance import session_text
from ward_office.core.checks import CHECK_KIND_LABELS, Check, CheckId
from ward_office.core.errors import WardOfficeError
from ward_office.core.staff import StaffId
from ward_office.i18n import _
from ward_office.i18n.formatting import format_datetime, format_number, format_points
from ward_office.services import checks
from ward_office.services.checks import AwayFromRoundError, CheckSummary

from ward_office.ui.checks.layout import ChecksLayout
from ward_office.ui.checks.models import AWAY_COLUMN, StaffLine, ViolationLine
from ward_office.ui.checks.start_dialog import StartCheckDialog
from ward_office.ui.widgets import confirm, select_row, show_error
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.models import RECORD_ROLE


class ChecksPage(ChecksLayout):
    topics = frozenset({Topic.CHECKS, Topic.STAFF, Topic.SETTINGS})

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._quiet = False  # while this page announces its own change, it has already updated itself
        self._check: Check | None = None
        self._criteria_for: tuple[object, ...] = ()  # the round and plan the violation list was filled for
        self._build_rounds()
        self._build_staff_list()
        self._build_violation_entry()
        self._build_violations()
        self._build_heading()
        self._build_layout()
        self._show_check(None)

    # ---- Loading ----

    def refresh(self) -> None:
        if self._quiet:
            return
        self._load_sessions()
        self._load_check()

    def _load_sessions(self) -> None:
        """Reload the list of rounds, keeping the selected one (or choosing an open one, else the newest)."""
        chosen = self._check.id if self._check is not None else None
        summaries = checks.list_checks(self.ward)
        self.session_view.selectionModel().blockSignals(True)
        self.sessions.set_records(summaries)
        self.session_view.selectionModel().blockSignals(False)
        if chosen is None or all(summary.check.id != chosen for summary in summaries):
            opened = [summary.check.id for summary in summaries if summary.check.is_open]
            chosen = opened[0] if opened else (summaries[0].check.id if summaries else None)
        self._select_session(chosen)

    def _select_session(self, check_id: CheckId | None) -> None:
        for row in range(self.session_proxy.rowCount()):
            summary: CheckSummary = self.session_proxy.record(row)
            if summary.check.id == check_id:
                self.session_view.selectionModel().blockSignals(True)
                select_row(self.session_view, row)
                self.session_view.selectionModel().blockSignals(False)
                self.session_view.scrollTo(self.session_proxy.index(row, 0))
                self._check = summary.check
                return
        self._check = None

    def _session_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        summary = current.data(RECORD_ROLE) if current.isValid() else None
        self._check = summary.check if summary is not None else None
        self._load_check()

    def _load_check(self) -> None:
        """Reload the selected round from the database, keeping the person selected."""
        if self._check is None or self._check.id is None:
            self._show_check(None)
            return
        try:
            check = checks.get_check(self.ward, self._check.id)
        except WardOfficeError:
            self._show_check(None)
            return
        self._show_check(check)

    def _show_check(self, check: Check | None) -> None:
        self._check = check
        person = self.current_person()
        if check is None or check.id is None:
            self.heading.setText(_("No check selected"))
            self.details.setText(_("Choose a check round on the left, or start a new one."))
            self.staff.set_records([])
            self.violations.set_records([])
            self.criterion.clear()
            for widget in (self.search, self.tick_all_button, self.staff_view, self.record_box, self.violation_view,
                           self.delete_button, self.finish_button):
                widget.setEnabled(False)
            self._person_chosen()
            return
        found = checks.violations(self.ward, check.id)
        plan = self.ward.plan_on(check.day)
        names = {person.id: person.full_name for person in self.ward.staff()}
        by_person: dict[StaffId, list[str]] = {}
        for event in found:
            criterion = plan.criteria.get(event.criterion_code)
            by_person.setdefault(event.staff_id, []).append(criterion.name if criterion else event.criterion_code)
        departments = self.ward.department_names()
        away = checks.away_from_round(self.ward, check)
        self.staff.set_editable(check.is_open)
        self.staff.set_records([
            StaffLine(person, departments.get(person.department_id, "") if person.department_id else "",
                      person.id in check.seen, tuple(by_person.get(person.id, ())),  # type: ignore[arg-type]
                      session_text(away[person.id]) if person.id in away else "")
            for person in checks.check_staff(self.ward, check, found)
        ])
        self.violations.set_records([
            ViolationLine(event, names.get(event.staff_id, ""),
                          plan.criteria[event.criterion_code].name if event.criterion_code in plan.criteria
                          else event.criterion_code,
                          plan.criteria[event.criterion_code].points if event.criterion_code in plan.criteria
                          else None)
            for event in found
        ])
        self.staff_view.setColumnHidden(AWAY_COLUMN, not away)
        self._fill_criteria(check)
        self._show_details(check)
        for widget in (self.search, self.staff_view, self.violation_view):
            widget.setEnabled(True)
        for widget in (self.tick_all_button, self.record_box, self.finish_button):
            widget.setEnabled(check.is_open)
        self.delete_button.setEnabled(bool(found))
        if person is not None:
            self.select_person(person)
        self._person_chosen()

    def _show_details(self, check: Check) -> None:
        kind = _(CHECK_KIND_LABELS[check.kind])
        self.heading.setText(_("{kind} — {time}").format(kind=kind, time=format_datetime(check.started_at)))
        parts = [_("Checked by: {checker}").format(checker=check.checker)]
        if check.location:
            parts.append(_("Place: {place}").format(place=check.location))
        lines = [" · ".join(parts)]
        if check.note:
            lines.append(_("Note: {note}").format(note=check.note))
        away = sum(1 for line in self.staff.records() if line.away)
        expected = self.staff.rowCount() - away
        counts = _("Present: {seen} of {total} · violations: {violations}").format(
            seen=format_number(len(check.seen)), total=format_number(expected),
            violations=format_number(self.violations.rowCount()))
        if away:
            counts += " · " + _("{count} on leave or absent this session (listed last, not ticked)").format(
                count=format_number(away))
        lines.append(counts)
        if check.finished_at is None:
            lines.append(_("Open: tick who is present and record violations as you go."))
        else:
            lines.append(_("Finished at {time}; only a violation recorded by mistake can still be deleted.").format(
                time=format_datetime(check.finished_at)))
        self.details.setText("\n".join(lines))

    def _fill_criteria(self, check: Check) -> None:
        plan = self.ward.plan_on(check.day)
        previous = self.criterion.currentData() if self._criteria_for == (check.id, plan.code, plan.version) \
            else checks.suggested_criterion(plan, check.kind)
        self._criteria_for = (check.id, plan.code, plan.version)
        self.criterion.clear()
        block = None
        for criterion in checks.violation_criteria(plan):
            if block is not None and criterion.block_code != block:
                self.criterion.insertSeparator(self.criterion.count())
            block = criterion.block_code
            self.criterion.addItem(_("{name} ({points} points)").format(
                name=criterion.name, points=format_points(criterion.points)), criterion.code)
            self.criterion.setItemData(self.criterion.count() - 1, plan.block(criterion.block_code).name,
                                       Qt.ItemDataRole.ToolTipRole)
        index = self.criterion.findData(previous)
        self.criterion.setCurrentIndex(max(index, 0))

    # ---- The person selected ----

    def current_person(self) -> StaffLine | None:
        index = self.staff_view.currentIndex()
        return self.staff_proxy.record(index.row()) if index.isValid() else None

    def select_person(self, line: StaffLine | StaffId) -> bool:
        staff_id = line.staff_id if isinstance(line, StaffLine) else line
        row = self.staff.row_of(staff_id)
        if row is None:
            return False
        index = self.staff_proxy.mapFromSource(self.staff.index(row, 1))
        if not index.isValid():
            return False
        select_row(self.staff_view, index.row(), index.column())
        self.staff_view.scrollTo(index)
        return True

    def _person_chosen(self, *_args: object) -> None:
        person = self.current_person()
        self.person_label.setText(person.staff.full_name if person else _("select a person in the list above"))
        self.record_button.setEnabled(person is not None and self._check is not None and self._check.is_open)

    # ---- Writing ----

    def _announce(self, *topics: str) -> None:
        self._quiet = True
        try:
            for topic in topics:
                self.context.changed.emit(topic)
        finally:
            self._quiet = False

    def _after_write(self, *topics: str) -> None:
        self._load_sessions()
        self._load_check()
        self._announce(*topics)

    def last_location(self) -> str:
        return next((summary.check.location for summary in self.sessions.records() if summary.check.location), "")

    def start_dialog(self) -> StartCheckDialog:
        """Open the dialog that starts a round; returns it so tests can fill it in."""
        dialog = StartCheckDialog(self)
        dialog.accepted.connect(lambda: self._started(dialog.started))
        dialog.open()
        return dialog

    def _started(self, check: Check | None) -> None:
        if check is None:
            return
        self._check = check
        self.search.clear()
        self._after_write(Topic.CHECKS)
        self.staff_view.setFocus()

    def _write_seen(self, staff_id: StaffId, seen: bool) -> bool:
        return self.set_seen([staff_id], seen)

    def set_seen(self, staff_ids: list[StaffId], seen: bool) -> bool:
        if self._check is None or self._check.id is None:
            return False
        try:
            self._check = checks.set_seen(self.ward, self._check.id, staff_ids, seen)
        except WardOfficeError as error:
            show_error(self, error)
            return False
        self.staff.mark_seen(set(staff_ids), seen)
        self._show_details(self._check)
        self._load_sessions()
        self._announce(Topic.CHECKS)
        return True

    def toggle_current_seen(self) -> None:
        person = self.current_person()
        if person is not None and self._check is not None and self._check.is_open:
            index = self.staff_view.currentIndex()
            self.set_seen([person.staff_id], not person.seen)
            self.staff_view.setCurrentIndex(index)

    def tick_all(self) -> None:
        """Tick everyone shown who is expected at work; those away from the round stay as they are."""
        if self._check is None or self._check.id is None:
            return
        people = [self.staff_proxy.record(row) for row in range(self.staff_proxy.rowCount())]
        try:
            self._check = checks.tick_all(self.ward, self._check.id, [line.staff_id for line in people])
        except WardOfficeError as error:
            show_error(self, error)
            return
        self.staff.mark_seen(set(self._check.seen), True)
        self._show_details(self._check)
        self._load_sessions()
        self._announce(Topic.CHECKS)

    def record_violation(self) -> None:
        person = self.current_person()
        code = self.criterion.currentData()
        if self._check is None or self._check.id is None or not self._check.is_open:
            return
        if person is None:
            show_error(self, _("Select the person the violation was found on"))
            return
        if code is None:
            show_error(self, _("Choose the violation from the emulation plan"))
            return
        try:
            try:
                checks.record_violation(self.ward, self._check.id, person.staff_id, code,
                                        self.violation_note.text())
            except AwayFromRoundError as away:
                question = _("{why}\n\nRecord the violation anyway?").format(why=away.localized())
                if not confirm(self, question, _("Someone away from this check")):
                    return
                checks.record_violation(self.ward, self._check.id, person.staff_id, code,
                                        self.violation_note.text(), confirmed=True)
        except WardOfficeError as error:
            show_error(self, error)
            return
        self.violation_note.clear()
        self._after_write(Topic.EVENTS, Topic.CHECKS)

    def current_violation(self) -> ViolationLine | None:
        index = self.violation_view.currentIndex()
        return self.violation_proxy.record(index.row()) if index.isValid() else None

    def delete_violation(self) -> None:
        line = self.current_violation()
        if self._check is None or self._check.id is None:
            return
        if line is None:
            show_error(self, _("Select the violation to delete in the list"))
            return
        question = _("Delete the violation “{violation}” of {name}? Do this only if it was recorded by "
                     "mistake.").format(violation=line.criterion_name, name=line.staff_name)
        if not confirm(self, question, _("Delete violation")):
            return
        try:
            checks.delete_violation(self.ward, self._check.id, line.event.id)  # type: ignore[arg-type]
        except WardOfficeError as error:
            show_error(self, error)
            return
        self._after_write(Topic.EVENTS, Topic.CHECKS)

    def finish_check(self) -> None:
        if self._check is None or self._check.id is None or not self._check.is_open:
            return
        question = _("Finish this check? After that nobody can be ticked and no violation added; only a "
                     "violation recorded by mistake can be deleted.")
        if not confirm(self, question, _("Finish the check")):
            return
        at = datetime.combine(self.context.today(), datetime.now().time())
        try:
            self._check = checks.finish_check(self.ward, self._check.id, at)
        except WardOfficeError as error:
            show_error(self, error)
            return
        self._after_write(Topic.CHECKS)

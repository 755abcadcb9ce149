"""The widgets of the checks page and where they sit: the rounds on the left; on the right the round's
heading, who was seen, the form that records a violation, the violations and the finish button.

What the widgets do is the page's (ChecksPage in page.py); the methods they are connected to are named here."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.staff import StaffId
from ward_office.core.text_rules import NOTE_LIMIT
from ward_office.i18n import _

from ward_office.ui.checks.models import AWAY_COLUMN, StaffSeenModel, session_model, violation_model
from ward_office.ui.widgets import record_table
from ward_office.ui.widgets.counted import CountedField
from ward_office.ui.widgets.models import SearchProxy
from ward_office.ui.widgets.page import Page


def _table(model: SearchProxy, name: str, stretch: int | None = None) -> QTableView:
    """A read-only sortable table; ``stretch`` is the column that takes (or gives up) the spare width."""
    view = record_table(model, name)
    view.setWordWrap(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class ChecksLayout(Page):
    # What the widgets are connected to, done by the page (page.py).
    def start_dialog(self) -> object:
        raise NotImplementedError

    def _session_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        raise NotImplementedError

    def _write_seen(self, staff_id: StaffId, seen: bool) -> bool:
        raise NotImplementedError

    def _person_chosen(self, *_args: object) -> None:
        raise NotImplementedError

    def toggle_current_seen(self) -> None:
        raise NotImplementedError

    def tick_all(self) -> None:
        raise NotImplementedError

    def record_violation(self) -> None:
        raise NotImplementedError

    def delete_violation(self) -> None:
        raise NotImplementedError

    def finish_check(self) -> None:
        raise NotImplementedError

    def last_location(self) -> str:
        raise NotImplementedError

    def _build_rounds(self) -> None:
        """The list of rounds, and the button that starts one."""
        self.sessions = session_model(self)
        self.session_proxy = SearchProxy(self)
        self.session_proxy.setSourceModel(self.sessions)
        self.session_view = _table(self.session_proxy, "check_sessions")
        self.session_view.setAccessibleName(_("Check rounds"))
        self.session_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.session_view.selectionModel().currentRowChanged.connect(self._session_chosen)
        self.start_button = QPushButton(_("&Start a check…"))
        self.start_button.clicked.connect(self.start_dialog)

    def _build_staff_list(self) -> None:
        """Who was seen at the round: ticked one by one (Space) or all shown, searched by name."""
        self.staff = StaffSeenModel(self._write_seen, self)
        self.staff_proxy = SearchProxy(self)
        self.staff_proxy.setSourceModel(self.staff)
        self.staff_view = _table(self.staff_proxy, "check_staff", stretch=2)
        self.staff_view.setAccessibleName(_("Staff in this check"))
        self.staff_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        # What the attendance record has for those away: a fixed width, the whole text in its tooltip.
        self.staff_view.horizontalHeader().setSectionResizeMode(AWAY_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.staff_view.setColumnWidth(AWAY_COLUMN, self.fontMetrics().averageCharWidth() * 16)
        self.staff_view.selectionModel().currentRowChanged.connect(self._person_chosen)
        toggle = QShortcut(QKeySequence(Qt.Key.Key_Space), self.staff_view)
        toggle.setContext(Qt.ShortcutContext.WidgetShortcut)
        toggle.activated.connect(self.toggle_current_seen)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search staff by name or department…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search staff"))
        self.search.textChanged.connect(self.staff_proxy.set_search)
        self.tick_all_button = QPushButton(_("&Tick all shown"))
        self.tick_all_button.setToolTip(_("Mark everyone in the list below as present at the check"))
        self.tick_all_button.clicked.connect(self.tick_all)

    def _build_violation_entry(self) -> None:
        """The chosen person, the criterion broken and a note."""
        self.person_label = QLabel()
        self.criterion = QComboBox()
        self.criterion.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.criterion.setMinimumContentsLength(24)
        self.violation_note = QLineEdit()
        self.violation_note.setPlaceholderText(_("What was seen, where (optional)"))
        self.violation_note.returnPressed.connect(self.record_violation)
        self.record_button = QPushButton(_("&Record violation"))
        self.record_button.clicked.connect(self.record_violation)

    def _build_violations(self) -> None:
        """The violations of the round, the delete button and the button that finishes the round."""
        self.violations = violation_model(self)
        self.violation_proxy = SearchProxy(self)
        self.violation_proxy.setSourceModel(self.violations)
        self.violation_view = _table(self.violation_proxy, "check_violations", stretch=1)
        self.violation_view.setAccessibleName(_("Violations recorded in this check"))
        self.delete_button = QPushButton(_("&Delete violation…"))
        self.delete_button.setToolTip(_("Delete a violation recorded by mistake; the change log keeps a record"))
        self.delete_button.clicked.connect(self.delete_violation)
        self.finish_button = QPushButton(_("&Finish the check"))
        self.finish_button.clicked.connect(self.finish_check)

    def _build_heading(self) -> None:
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("check_heading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.details = QLabel()
        self.details.setWordWrap(True)

    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        rounds_label = QLabel(_("Check rounds"))
        font = rounds_label.font()
        font.setBold(True)
        rounds_label.setFont(font)
        top.addWidget(rounds_label)
        top.addStretch(1)
        top.addWidget(self.start_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.session_view)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.details)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.tick_all_button)
        right_layout.addLayout(search_row)
        right_layout.addWidget(self.staff_view, 3)

        self.record_box = QGroupBox(_("Record a violation"))
        form = QFormLayout(self.record_box)
        form.addRow(_("Staff member:"), self.person_label)
        criterion_label = QLabel(_("&Violation:"))
        criterion_label.setBuddy(self.criterion)
        form.addRow(criterion_label, self.criterion)
        note_row = QHBoxLayout()
        note_row.addWidget(CountedField(self.violation_note, NOTE_LIMIT), 1)
        note_row.addWidget(self.record_button)
        note_label = QLabel(_("N&ote:"))
        note_label.setBuddy(self.violation_note)
        form.addRow(note_label, note_row)
        right_layout.addWidget(self.record_box)

        right_layout.addWidget(QLabel(_("Violations recorded in this check")))
        right_layout.addWidget(self.violation_view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.finish_button)
        right_layout.addLayout(bottom)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

"""The main window: the list of pages on the left, the page on the right, menus and a status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QWidget,
)

from ward_office import __version__
from ward_office.i18n import _
from ward_office.services.ward import Ward

from ward_office.ui.context import Topic, WardContext
from ward_office.ui.jobs import wait_for_jobs
from ward_office.ui.pages.base import Page
from ward_office.ui.widgets import show_error

APP_NAME_VI = "Sổ theo dõi văn hóa công sở"


def page_classes() -> list[type[Page]]:
    """The pages in the order of the list on the left."""
    from ward_office.ui.pages.attendance import AttendancePage
    from ward_office.ui.pages.checks import ChecksPage
    from ward_office.ui.pages.dashboard import DashboardPage
    from ward_office.ui.pages.events import EventsPage
    from ward_office.ui.pages.ranking import RankingPage
    from ward_office.ui.pages.reports import ReportsPage
    from ward_office.ui.pages.settings import SettingsPage
    from ward_office.ui.pages.staff import StaffPage

    return [DashboardPage, AttendancePage, ChecksPage, EventsPage, StaffPage, RankingPage, ReportsPage, SettingsPage]


class MainWindow(QMainWindow):
    def __init__(self, context: WardContext) -> None:
        super().__init__()
        self.context = context
        self.setMinimumSize(QSize(960, 600))
        self.nav = QListWidget()
        self.nav.setObjectName("page_list")
        self.nav.setAccessibleName(_("Pages"))
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
        # Pages are built when first shown, so the window comes up with only the overview built.
        self._page_classes = page_classes()
        self._built: dict[int, Page] = {}
        for number, page_class in enumerate(self._page_classes, start=1):
            self.stack.addWidget(QWidget())
            item = QListWidgetItem(_(page_class.title))
            if page_class.icon_name:
                item.setIcon(self.style().standardIcon(getattr(QStyle.StandardPixmap, page_class.icon_name)))
            item.setToolTip(_("{page} (Ctrl+{number})").format(page=_(page_class.title), number=number))
            self.nav.addItem(item)
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 40)
        self.nav.currentRowChanged.connect(self._show_row)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._status = QLabel()
        self.statusBar().addPermanentWidget(self._status)
        self._build_menus()
        context.changed.connect(self._on_changed)
        self._show_ward()
        self.nav.setCurrentRow(0)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        open_action = QAction(_("&Open another record book…"), self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_database)
        file_menu.addAction(open_action)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu(_("&Go"))
        for number, page_class in enumerate(self._page_classes, start=1):
            action = QAction(_(page_class.title), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, row=number - 1: self.nav.setCurrentRow(row))
            go_menu.addAction(action)

        help_menu = self.menuBar().addMenu(_("&Help"))
        about_action = QAction(_("&About"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def _build(self, row: int) -> Page:
        page = self._built.get(row)
        if page is None:
            page = self._page_classes[row](self.context)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[row] = page
        return page

    def _show_row(self, row: int) -> None:
        if row >= 0:
            self._build(row)
            self.stack.setCurrentIndex(row)

    @property
    def pages(self) -> list[Page]:
        """Every page, built if not yet."""
        return [self._build(row) for row in range(len(self._page_classes))]

    def show_page(self, page_class: type[Page]) -> Page:
        row = self._page_classes.index(page_class)
        self.nav.setCurrentRow(row)
        return self._build(row)

    def page(self, page_class: type[Page]) -> Page:
        return self._build(self._page_classes.index(page_class))

    def _on_changed(self, topic: str) -> None:
        if topic in (Topic.ALL, Topic.SETTINGS):
            self._show_ward()

    def _show_ward(self) -> None:
        ward = self.context.ward
        unit_name = ward.unit().name
        self.setWindowTitle(f"{APP_NAME_VI} — {unit_name}" if unit_name else APP_NAME_VI)
        status = _("Record book: {path}").format(path=ward.path)
        if ward.read_only:
            status += " · " + _("read only")
        self._status.setText(status)

    def choose_database(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Open a record book"), str(self.context.ward.path.parent),
                                                    _("Record books (*.db *.sqlite);;All files (*)"))
        if path:
            self.open_database(Path(path))

    def open_database(self, path: Path) -> None:
        try:
            ward = Ward.open(path, actor=self.context.ward.actor)
        except Exception as error:
            show_error(self, error)
            return
        self.context.replace_ward(ward)

    def show_about(self) -> None:
        QMessageBox.about(self, _("About"), _(
            "<b>{name}</b><br>Version {version}<br><br>Attendance, office-culture checks and emulation "
            "scores of a ward office.").format(name=APP_NAME_VI, version=__version__))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        wait_for_jobs()
        super().closeEvent(event)


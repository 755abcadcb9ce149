"""The main window: the list of pages on the left, the page on the right, menus and a status bar."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ward_office import __version__
from ward_office.i18n import _
from ward_office.paths import data_dir
from ward_office.services.book_check import open_checked_ward

from ward_office.ui.backups.dialogs import BackupActions, offer_recovery
from ward_office.ui.shell.page_list import PAGES, PageEntry
from ward_office.ui.shell.read_only import ReadOnlyBanner
from ward_office.ui.shell.sign_in import AccountActions, signed_in_text
from ward_office.ui.widgets import show_error
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.jobs import wait_for_jobs
from ward_office.ui.widgets.page import Page

APP_NAME_VI = "Sổ theo dõi văn hóa công sở"
__all__ = ["APP_NAME_VI", "PAGES", "MainWindow", "PageEntry", "page_classes"]


def page_classes() -> list[type[Page]]:
    """The pages in the order of the list on the left (every page module imported)."""
    return [entry.load() for entry in PAGES]


def _row_of(page_class: type[Page]) -> int:
    return next(row for row, entry in enumerate(PAGES) if entry.is_for(page_class))


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
        self._built: dict[int, Page] = {}
        for entry in PAGES:
            self.stack.addWidget(QWidget())
            item = QListWidgetItem(_(entry.title))
            item.setIcon(self.style().standardIcon(getattr(QStyle.StandardPixmap, entry.icon_name)))
            keys = QKeySequence(entry.keys()).toString(QKeySequence.SequenceFormat.NativeText)
            item.setToolTip(_("{page} ({keys})").format(page=_(entry.title), keys=keys))
            self.nav.addItem(item)
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 40)
        self.nav.currentRowChanged.connect(self._show_row)
        central = QWidget()
        column = QVBoxLayout(central)
        self.read_only_banner = ReadOnlyBanner(self.retry_writing)
        column.addWidget(self.read_only_banner)
        layout = QHBoxLayout()
        column.addLayout(layout, 1)
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
        import_action = QAction(_("&Import data…"), self)
        import_action.setShortcut(QKeySequence("Ctrl+I"))
        import_action.triggered.connect(self.show_import_wizard)
        file_menu.addAction(import_action)
        file_menu.addSeparator()
        self.backup_actions = BackupActions(self, self.context, file_menu)
        file_menu.addSeparator()
        self.account_actions = AccountActions(self, self.context, file_menu)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu(_("&Go"))
        for row, entry in enumerate(PAGES):
            action = QAction(_(entry.title), self)
            action.setShortcut(QKeySequence(entry.keys()))
            action.triggered.connect(lambda _checked=False, row=row: self.nav.setCurrentRow(row))
            go_menu.addAction(action)

        help_menu = self.menuBar().addMenu(_("&Help"))
        guide_action = QAction(_("&User guide"), self)
        guide_action.setObjectName("user_guide_action")
        guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(guide_action)
        about_action = QAction(_("&About"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def _build(self, row: int) -> Page:
        page = self._built.get(row)
        if page is None:
            page = PAGES[row].load()(self.context)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[row] = page
        return page

    def _show_row(self, row: int) -> None:
        shown = self.stack.currentIndex()
        if row >= 0 and row != shown and not self.may_leave(shown):  # the page keeps changes not saved
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(shown)
            self.nav.blockSignals(False)
            return
        if row >= 0:
            self._build(row)
            self.stack.setCurrentIndex(row)

    def may_leave(self, row: int | None = None) -> bool:
        """Whether the page at ``row`` (every page built, when None) lets the user go: one with changes not saved
        asks first."""
        rows = list(self._built) if row is None else [row]
        return all(self._built[each].can_leave() for each in rows if each in self._built)

    @property
    def pages(self) -> list[Page]:
        """Every page, built if not yet."""
        return [self._build(row) for row in range(len(PAGES))]

    def show_page(self, page_class: type[Page]) -> Page:
        row = _row_of(page_class)
        self.nav.setCurrentRow(row)
        return self._build(row)

    def show_feature(self, feature: str) -> Page:
        """Show the page of ``feature`` (its package under ward_office.ui), for pages that send the user to
        another feature without importing it."""
        module = f"ward_office.ui.{feature}.page"
        row = next(row for row, entry in enumerate(PAGES) if entry.module == module)
        self.nav.setCurrentRow(row)
        return self._build(row)

    def page(self, page_class: type[Page]) -> Page:
        return self._build(_row_of(page_class))

    def _on_changed(self, topic: str) -> None:
        if topic in (Topic.ALL, Topic.SETTINGS):
            self._show_ward()

    def _show_ward(self) -> None:
        ward = self.context.ward
        unit_name = ward.unit().name
        title = f"{APP_NAME_VI} — {unit_name}" if unit_name else APP_NAME_VI
        self.setWindowTitle(_("{title} (view only)").format(title=title) if ward.read_only else title)
        self.read_only_banner.show_for(ward)
        status = _("Record book: {path}").format(path=ward.path)
        if ward.read_only:
            status += " · " + _("read only")
        if ward.account is not None:
            status += " · " + signed_in_text(ward)
        self._status.setText(status)

    def show_import_wizard(self) -> QDialog:
        """The import wizard (clock logs, staff lists, past events), built on first use; open, not blocking."""
        from ward_office.ui.imports.wizard import ImportWizard  # the importers load with the wizard's first use

        wizard = ImportWizard(self.context, self)
        wizard.finished.connect(wizard.deleteLater)
        wizard.open()
        return wizard

    def choose_database(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Open a record book"), str(self.context.ward.path.parent),
                                                    _("Record books (*.db *.sqlite);;All files (*)"))
        if path:
            self.open_database(Path(path))

    def open_database(self, path: Path) -> None:
        if not self.may_leave():
            return
        try:
            ward = open_checked_ward(path, actor=self.context.ward.actor)  # a tampered book opens to view only
        except Exception as error:
            if offer_recovery(self, error) is None:  # a damaged book gets its own dialog
                show_error(self, error)
            return
        self.context.replace_ward(ward)

    def retry_writing(self) -> None:
        """Open the same book again for writing, as the same account, if the program that held it has let go."""
        old = self.context.ward
        try:
            ward = open_checked_ward(old.path, actor=old.actor)
        except Exception as error:
            show_error(self, error)
            return
        if ward.read_only:
            ward.close()
            self.statusBar().showMessage(_("The record book is still open for writing in another copy of the "
                                           "program."), 10_000)
            return
        ward.account = old.account
        self.context.replace_ward(ward)

    def show_guide(self) -> QWidget:
        from ward_office.ui.shell import guide  # its text browser and Qt's text classes load with the first use

        return guide.show_guide(self)

    def show_about(self) -> QMessageBox:
        """Name, version, licences and the data folder; shown without blocking and returned (for tests)."""
        text = _(
            "<b>{name}</b><br>Version {version}<br><br>Attendance, office-culture checks and emulation "
            "scores of a ward office.").format(name=APP_NAME_VI, version=__version__)
        details = [
            _("Licence: GNU GPL version 3 or later."),
            _("Report font: Liberation Serif, under the SIL Open Font License 1.1."),
            _("Data folder: {path}").format(path=data_dir()),
            _("Open record book: {path}").format(path=self.context.ward.path),
        ]
        box = QMessageBox(QMessageBox.Icon.NoIcon, _("About"), text + "<br><br>" + "<br>".join(map(escape, details)),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("about_box")
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.may_leave():
            event.ignore()
            return
        wait_for_jobs()
        super().closeEvent(event)


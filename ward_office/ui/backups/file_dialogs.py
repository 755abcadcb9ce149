"""The two dialogs of the File menu that choose files: where to put a backup made now, and which backup to
restore (the backups found beside the book, with their check result, or any other file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number
from ward_office.services import backups
from ward_office.services.backups import BackupInfo

from ward_office.ui.widgets import (
    BAD,
    GOOD,
    record_table,
    selected_record,
)
from ward_office.ui.widgets.models import RIGHT, Column, RecordTableModel, SearchProxy

BOOK_FILTER = N_("Record books and backups (*.db *.sqlite);;All files (*)")


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=format_number(round(size / (1024 * 1024), 1)))
    return _("{size} KB").format(size=format_number(max(1, round(size / 1024))))


BACKUP_COLUMNS: tuple[Column[BackupInfo], ...] = (
    Column(N_("Backup made at"), lambda info: info.when, sort_key=lambda info: info.taken_at),
    Column(N_("Made because"), lambda info: info.reason_label),
    Column(N_("File size"), lambda info: size_text(info.size), sort_key=lambda info: info.size, alignment=RIGHT),
    Column(N_("Check result"), lambda info: _("good") if info.ok else _("damaged"),
           foreground=lambda info: GOOD if info.ok else BAD),
    Column(N_("Backup file"), lambda info: info.path.name, tooltip=lambda info: str(info.path)),
)


class BackupNowDialog(QDialog):
    """Where to put the backup: the usual folder beside the book, or any folder (a USB stick)."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Back up now"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self.db_path = db_path
        layout = QVBoxLayout(self)
        intro = QLabel(_("A backup is a full copy of the record book, checked before it is kept."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.usual = QRadioButton(_("In the &backup folder beside the record book"))
        self.other = QRadioButton(_("In &another folder (a USB stick):"))
        self.usual.setChecked(True)
        layout.addWidget(self.usual)
        usual_path = QLabel(str(backups.backup_folder(db_path)))
        usual_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        usual_path.setIndent(24)
        layout.addWidget(usual_path)
        layout.addWidget(self.other)
        row = QHBoxLayout()
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("backup_folder")
        self.folder_edit.setAccessibleName(_("Folder"))
        self.folder_edit.setPlaceholderText(_("Choose a folder…"))
        self.folder_edit.textChanged.connect(lambda text: self.other.setChecked(bool(text.strip()))
                                             if text.strip() else None)
        choose = QPushButton(_("C&hoose…"))
        choose.clicked.connect(self._choose_folder)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(choose)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {BAD.name()};")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose the folder for the backup"),
                                                  self.folder_edit.text() or str(Path.home()))
        if folder:
            self.folder_edit.setText(folder)

    def folder(self) -> Path | None:
        """The chosen folder, or None for the usual one."""
        text = self.folder_edit.text().strip()
        return Path(text) if self.other.isChecked() and text else None

    def _accept(self) -> None:
        if self.other.isChecked() and not self.folder_edit.text().strip():
            self.error.setText(_("Choose the folder for the backup first."))
            self.error.show()
            return
        self.accept()


class RestoreDialog(QDialog):
    """The book's backups, newest first, with their check; or any backup file chosen by hand."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore from a backup"))
        self.db_path = db_path
        self._file: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(_("Choose the backup to bring back. Everything recorded after it was made is replaced; "
                         "the current content is kept as a backup first."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model: RecordTableModel[BackupInfo] = RecordTableModel(BACKUP_COLUMNS, self)
        self.model.set_records(backups.list_backups(db_path))
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = record_table(self.proxy, "backup_list", _("Backups"), on_open=self._accept)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(_("There are no backups in {folder} yet.").format(folder=backups.backup_folder(db_path)))
        self.empty.setWordWrap(True)
        self.empty.setVisible(self.model.rowCount() == 0)
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        other = QPushButton(_("Choose &another backup file…"))
        other.clicked.connect(self._choose_file)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        row.addWidget(other)
        row.addWidget(self.file_label, 1)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {BAD.name()};")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(_("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        good = next((row for row in range(self.proxy.rowCount()) if self.proxy.record(row).ok), None)
        if good is not None:
            self.table.selectRow(good)
        self.table.setFocus()
        self.resize(self.sizeHint().width() + 200, self.sizeHint().height() + 120)

    def select_file(self, path: Path) -> None:
        """A backup from elsewhere (a USB stick) instead of one in the list."""
        self._file = path
        self.table.clearSelection()
        self.file_label.setText(str(path))

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose a backup file"), str(Path.home()), _(BOOK_FILTER))
        if path:
            self.select_file(Path(path))

    def selected(self) -> BackupInfo | None:
        return selected_record(self.table)

    def chosen(self) -> Path | None:
        info = self.selected()
        return info.path if info is not None else self._file

    def _accept(self) -> None:
        info = self.selected()
        if info is None and self._file is None:
            self._show_error(_("Choose a backup in the list, or another backup file."))
            return
        if info is not None and not info.ok:
            self._show_error(_("This backup is damaged and cannot be restored; choose another one."))
            return
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def index_of(self, path: Path) -> QModelIndex:
        for row in range(self.proxy.rowCount()):
            if self.proxy.record(row).path == path:
                return self.proxy.index(row, 0)
        return QModelIndex()

"""Qt's own English texts that our windows show, translated through our catalog.

Qt ships no Vietnamese translation (no qtbase_vi.qm) of its standard buttons, context menus and file dialog,
so a translator object answers Qt's lookups from this table: ``(Qt context, Qt source text)`` → our message.
Month and weekday names come from the application's default QLocale (vi_VN, set in ui/shell/app.py).
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from ward_office.i18n import N_, _

QT_MESSAGES: dict[tuple[str, str], str] = {
    # QDialogButtonBox and QMessageBox standard buttons
    ("QPlatformTheme", "OK"): N_("OK"),
    ("QPlatformTheme", "Cancel"): N_("Cancel"),
    ("QPlatformTheme", "&Yes"): N_("&Yes"),
    ("QPlatformTheme", "&No"): N_("&No"),
    ("QPlatformTheme", "Yes to &All"): N_("Yes to &All"),
    ("QPlatformTheme", "N&o to All"): N_("N&o to All"),
    ("QPlatformTheme", "Save"): N_("Save"),
    ("QPlatformTheme", "&Save"): N_("&Save"),
    ("QPlatformTheme", "Save All"): N_("Save All"),
    ("QPlatformTheme", "Open"): N_("Open"),
    ("QPlatformTheme", "Close"): N_("Close"),
    ("QPlatformTheme", "&Close"): N_("&Close"),
    ("QPlatformTheme", "Apply"): N_("Apply"),
    ("QPlatformTheme", "Reset"): N_("Reset"),
    ("QPlatformTheme", "Help"): N_("Help"),
    ("QPlatformTheme", "Discard"): N_("Discard"),
    ("QPlatformTheme", "Don't Save"): N_("Don't Save"),
    ("QPlatformTheme", "Close without Saving"): N_("Close without Saving"),
    ("QPlatformTheme", "Restore Defaults"): N_("Restore Defaults"),
    ("QPlatformTheme", "Retry"): N_("Retry"),
    ("QPlatformTheme", "Abort"): N_("Abort"),
    ("QPlatformTheme", "Ignore"): N_("Ignore"),
    ("QMessageBox", "Show Details..."): N_("Show Details..."),
    ("QMessageBox", "Hide Details..."): N_("Hide Details..."),
    # The arrows a tab bar shows when its tabs do not fit (Windows' wider fonts: the settings page)
    ("QTabBar", "Scroll Left"): N_("Scroll Left"),
    ("QTabBar", "Scroll Right"): N_("Scroll Right"),
    # Right-click menu of every text field
    ("QLineEdit", "&Undo"): N_("&Undo"),
    ("QLineEdit", "&Redo"): N_("&Redo"),
    ("QLineEdit", "Cu&t"): N_("Cu&t"),
    ("QLineEdit", "&Copy"): N_("&Copy"),
    ("QLineEdit", "&Paste"): N_("&Paste"),
    ("QLineEdit", "Delete"): N_("Delete"),
    ("QLineEdit", "Select All"): N_("Select All"),
    ("QWidgetTextControl", "&Undo"): N_("&Undo"),
    ("QWidgetTextControl", "&Redo"): N_("&Redo"),
    ("QWidgetTextControl", "Cu&t"): N_("Cu&t"),
    ("QWidgetTextControl", "&Copy"): N_("&Copy"),
    ("QWidgetTextControl", "&Paste"): N_("&Paste"),
    ("QWidgetTextControl", "Delete"): N_("Delete"),
    ("QWidgetTextControl", "Select All"): N_("Select All"),
    ("QWidgetTextControl", "Copy &Link Location"): N_("Copy &Link Location"),
    # Spin boxes and date fields
    ("QAbstractSpinBox", "&Select All"): N_("&Select All"),
    ("QAbstractSpinBox", "&Step up"): N_("&Step up"),
    ("QAbstractSpinBox", "Step &down"): N_("Step &down"),
    # File dialogs (Qt's own, used where the system has none)
    ("QFileDialog", "Look in:"): N_("Look in:"),
    ("QFileDialog", "File &name:"): N_("File &name:"),
    ("QFileDialog", "Files of type:"): N_("Files of type:"),
    ("QFileDialog", "&Open"): N_("&Open"),
    ("QFileDialog", "&Save"): N_("&Save"),
    ("QFileDialog", "&Choose"): N_("&Choose"),
    ("QFileDialog", "All Files (*)"): N_("All Files (*)"),
    ("QFileDialog", "All files (*)"): N_("All Files (*)"),
    ("QFileDialog", "&Look in:"): N_("Look in:"),
    ("QFileDialog", "Files of &type:"): N_("Files of type:"),
    ("QFileDialog", "Directory:"): N_("Directory:"),
    ("QFileDialog", "Open"): N_("Open"),
    ("QFileDialog", "Save As"): N_("Save As"),
    ("QFileDialog", "Find Directory"): N_("Find Directory"),
    ("QFileDialog", "Back"): N_("Back"),
    ("QFileDialog", "Go back"): N_("Back"),
    ("QFileDialog", "Forward"): N_("Forward"),
    ("QFileDialog", "Go forward"): N_("Forward"),
    ("QFileDialog", "Parent Directory"): N_("Parent Directory"),
    ("QFileDialog", "Go to the parent directory"): N_("Parent Directory"),
    ("QFileDialog", "Create New Folder"): N_("Create New Folder"),
    ("QFileDialog", "Create a New Folder"): N_("Create New Folder"),
    ("QFileDialog", "New Folder"): N_("New Folder"),
    ("QFileDialog", "&New Folder"): N_("&New Folder"),
    ("QFileDialog", "List View"): N_("List View"),
    ("QFileDialog", "Change to list view mode"): N_("List View"),
    ("QFileDialog", "Detail View"): N_("Detail View"),
    ("QFileDialog", "Change to detail view mode"): N_("Detail View"),
    ("QFileDialog", "Sidebar"): N_("Places"),
    ("QFileDialog", "List of places and bookmarks"): N_("Places"),
    ("QFileDialog", "Recent Places"): N_("Recent Places"),
    ("QFileDialog", "Files"): N_("Files"),
    ("QFileDialog", "Directories"): N_("Folders"),
    ("QFileDialog", "&Rename"): N_("&Rename"),
    ("QFileDialog", "&Delete"): N_("&Delete"),
    ("QFileDialog", "Delete"): N_("Delete"),
    ("QFileDialog", "Remove"): N_("Remove"),
    ("QFileDialog", "Show &hidden files"): N_("Show &hidden files"),
    ("QFileDialog", "%1 already exists.\nDo you want to replace it?"):
        N_("%1 already exists.\nDo you want to replace it?"),
    ("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."):
        N_("%1\nFile not found.\nPlease verify the correct file name was given."),
    ("QFileDialog", "%1\nDirectory not found.\nPlease verify the correct directory name was given."):
        N_("%1\nDirectory not found.\nPlease verify the correct directory name was given."),
    ("QFileDialog", "Are you sure you want to delete '%1'?"): N_("Are you sure you want to delete '%1'?"),
    ("QFileDialog", "Could not delete directory."): N_("Could not delete directory."),
    # The file dialog's list of files
    ("QFileSystemModel", "Name"): N_("Name"),
    ("QFileSystemModel", "Size"): N_("Size"),
    ("QFileSystemModel", "Type"): N_("Type"),
    ("QFileSystemModel", "Kind"): N_("Type"),
    ("QFileSystemModel", "Date Modified"): N_("Date Modified"),
    ("QFileSystemModel", "Computer"): N_("Computer"),
    ("QFileSystemModel", "My Computer"): N_("Computer"),
    ("QAbstractFileIconProvider", "Folder"): N_("Folder"),
    ("QAbstractFileIconProvider", "File Folder"): N_("Folder"),
    ("QAbstractFileIconProvider", "File"): N_("File"),
    ("QAbstractFileIconProvider", "%1 File"): N_("%1 File"),
    ("QAbstractFileIconProvider", "Drive"): N_("Drive"),
    ("QAbstractFileIconProvider", "Shortcut"): N_("Shortcut"),
    ("QAbstractFileIconProvider", "Alias"): N_("Shortcut"),
    ("QAbstractFileIconProvider", "Unknown"): N_("Unknown"),
    # Calendar popups
    ("QCalendarWidget", "Week"): N_("Week"),
    # Progress dialogs
    ("QProgressDialog", "Cancel"): N_("Cancel"),
}

# What Qt asks to learn the writing direction; Vietnamese is left to right.
_LAYOUT_DIRECTION = ("QGuiApplication", "QT_LAYOUT_DIRECTION")


class CatalogTranslator(QTranslator):
    """Answers Qt's translation lookups from our gettext catalog."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        if (context, source_text) == _LAYOUT_DIRECTION:
            return "LTR"
        message = QT_MESSAGES.get((context, source_text))
        # None is a null QString: "not translated here", so Qt keeps its source text. An empty string
        # would be taken as the translation, emptying Qt's other messages (image readers included).
        return _(message) if message is not None else None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False

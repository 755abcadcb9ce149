"""The window's pages, loaded by name when first shown, and so the one list of modules the program imports
by name: packaging/ward_office.spec packs exactly ``MODULES_LOADED_BY_NAME`` besides what PyInstaller finds
by following imports, so a page added here cannot be left out of the installed program.

No Qt here: the spec reads this module while building.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from ward_office.i18n import N_

if TYPE_CHECKING:
    from ward_office.ui.widgets.page import Page


@dataclass(frozen=True)
class PageEntry:
    """A page in the list on the left. Its module is imported when the page is first shown, so the window
    starts with only the overview's code loaded."""

    module: str
    class_name: str
    title: str  # an N_() message
    icon_name: str  # a QStyle standard pixmap
    shortcut: str = ""  # its own keys; without them the page takes the next of Ctrl+1 … Ctrl+9, Ctrl+0

    def keys(self) -> str:
        """The keys that show the page: its own, or Ctrl+N by its place among the pages without their own."""
        if self.shortcut:
            return self.shortcut
        numbered = [entry for entry in PAGES if not entry.shortcut]
        return f"Ctrl+{(numbered.index(self) + 1) % 10}"

    def load(self) -> type[Page]:
        page_class: type[Page] = getattr(import_module(self.module), self.class_name)
        return page_class

    def is_for(self, page_class: type[Page]) -> bool:
        return (page_class.__module__, page_class.__name__) == (self.module, self.class_name)


PAGES = (
    PageEntry("ward_office.ui.dashboard.page", "DashboardPage", N_("Overview"), "SP_ComputerIcon"),
    PageEntry("ward_office.ui.attendance.page", "AttendancePage", N_("Attendance"), "SP_FileDialogDetailedView"),
    PageEntry("ward_office.ui.checks.page", "ChecksPage", N_("Checks"), "SP_DialogApplyButton"),
    PageEntry("ward_office.ui.events.page", "EventsPage", N_("Events"), "SP_MessageBoxWarning"),
    # An eleventh page: Ctrl+1 … Ctrl+0 keep the ten pages they always showed; "H" for "hài lòng".
    PageEntry("ward_office.ui.citizens.page", "CitizensPage", N_("Satisfaction"), "SP_DialogYesButton",
              shortcut="Ctrl+Shift+H"),
    PageEntry("ward_office.ui.staff.page", "StaffPage", N_("Staff"), "SP_DirHomeIcon"),
    PageEntry("ward_office.ui.scores.page", "ScoresPage", N_("Task scores"), "SP_DialogSaveButton"),
    PageEntry("ward_office.ui.ranking.page", "RankingPage", N_("Ranking"), "SP_ArrowUp"),
    PageEntry("ward_office.ui.reports.page", "ReportsPage", N_("Reports"), "SP_FileIcon"),
    PageEntry("ward_office.ui.change_log.page", "AuditPage", N_("Change log"), "SP_FileDialogContentsView"),
    PageEntry("ward_office.ui.shell.settings_page", "SettingsPage", N_("Settings"), "SP_FileDialogInfoView"),
)

# Every module of the program imported by name (import_module), which PyInstaller cannot follow.
MODULES_LOADED_BY_NAME = tuple(entry.module for entry in PAGES)

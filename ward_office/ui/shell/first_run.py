"""The first run of a new record book: a wizard ("Thiết lập lần đầu") from an empty data folder to a ready window.

The pages reuse the Settings forms (``UnitTab``, ``ScheduleTab``) on a scratch book in a temporary folder,
so every page is checked by the same services as Settings while the real book stays untouched: only Finish
writes, through ``services.first_run.set_up_book``, in one transaction. Cancel leaves the book as it was.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget, QWizard

from ward_office.core.access import Account
from ward_office.core.unit import Unit
from ward_office.i18n import _
from ward_office.services.first_run import FirstRunSetup, HeadAccount, set_up_book
from ward_office.services.ward import Ward

from ward_office.ui import widgets
from ward_office.ui.shell.first_run_pages import (
    HeadPage,
    HoursPage,
    PeoplePage,
    PlanPage,
    SetupPage,
    StaffPage,
    WardPage,
)
from ward_office.ui.widgets.context import WardContext


class FirstRunWizard(QWizard):
    """The six pages; ``account`` is the head, signed in, once Finish has written the book."""

    def __init__(self, path: Path, *, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.account: Account | None = None
        self._scratch_folder = tempfile.TemporaryDirectory(prefix="ward-office-setup-")
        self.scratch = Ward.open(Path(self._scratch_folder.name) / "setup.db")
        self.context = WardContext(self.scratch, today=today)
        self.setObjectName("first_run")
        self.setWindowTitle(_("First-run setup"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.ward_page = WardPage(self)
        self.people_page = PeoplePage(self)
        self.hours_page = HoursPage(self)
        self.staff_page = StaffPage(self)
        self.plan_page = PlanPage(self)
        self.head_page = HeadPage(self)
        for page in self.setup_pages():
            self.addPage(page)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 125, metrics.lineSpacing() * 38)

    def setup_pages(self) -> list[SetupPage]:
        return [self.ward_page, self.people_page, self.hours_page, self.staff_page, self.plan_page, self.head_page]

    def unit(self) -> Unit:
        people = self.people_page.tab.form_unit()
        return replace(self.ward_page.tab.form_unit(), head_title=people.head_title, head_name=people.head_name,
                       preparer_name=people.preparer_name)

    def setup_values(self, head: HeadAccount) -> FirstRunSetup:
        weekdays, grace, seasons = self.hours_page.tab.state()
        return FirstRunSetup(self.unit(), weekdays, grace, tuple(seasons), self.plan_page.chosen().file,
                             self.staff_page.staff_file(), head)

    def write(self, head: HeadAccount) -> Account:
        self.account = set_up_book(self.path, self.setup_values(head))
        return self.account

    def reject(self) -> None:
        if self.currentId() > 0 and not widgets.confirm(
                self, _("Stop setting up? Nothing has been written; the setup starts again next time.")):
            return
        super().reject()

    def done(self, result: int) -> None:
        super().done(result)
        self._discard_scratch()

    def _discard_scratch(self) -> None:
        if self._scratch_folder is not None:
            self.scratch.close()
            self._scratch_folder.cleanup()
            self._scratch_folder = None


def set_up_at_start(path: Path, parent: QWidget | None = None, **options: Any) -> tuple[bool, Account | None]:
    """For ``sign_in_at_start`` on a new book: the wizard, blocking; whether to go on and the head signed in."""
    wizard = FirstRunWizard(path, parent=parent, **options)
    if wizard.exec() != QDialog.DialogCode.Accepted or wizard.account is None:
        return False, None
    return True, wizard.account


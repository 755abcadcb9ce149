"""The steps of the import wizard and what every page shares: a title "Step n of m", a Next that is
disabled while a file is read in the background, and a Next that starts that work instead of moving on at
once (the wizard moves on when the work is done).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget, QWizardPage

from ward_office.i18n import N_, _

if TYPE_CHECKING:
    from ward_office.ui.imports.wizard import ImportWizard

CHOOSE, MAPPING, PREVIEW, DONE = range(4)
STEP_TITLES = {
    CHOOSE: N_("What to import, and from which file"),
    MAPPING: N_("Which columns of the report hold what"),
    PREVIEW: N_("Check what the import will do"),
    DONE: N_("Import finished"),
}


def step_heading(step: int, with_mapping: bool) -> str:
    """"Step 2 of 3: …": the mapping step counts only for a clock report whose columns need mapping."""
    total = 4 if with_mapping else 3
    number = step + 1 if with_mapping or step == CHOOSE else step
    return _("Step {number} of {total}: {title}").format(number=number, total=total, title=_(STEP_TITLES[step]))


class ImportPage(QWizardPage):
    """A step; ``go_on`` starts the background work behind Next, ``ready`` says whether Next may be pressed."""

    step = CHOOSE

    def __init__(self, importer: ImportWizard) -> None:
        super().__init__()
        self.importer = importer

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.setTitle(step_heading(self.step, self.importer.needs_mapping()))
        self.show_step()

    def show_step(self) -> None:
        """Fill the page from the wizard's state as it is shown."""

    def first_focus(self) -> QWidget | None:
        return None

    def ready(self) -> bool:
        return True

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return not self.importer.busy and self.ready()

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if self.importer.advancing:
            return True
        if not self.importer.busy:
            self.go_on()
        return False

    def go_on(self) -> None:
        """The work behind Next; when it is done the wizard moves on with ``advance``."""

"""Step 4: what was written, where to find it, and the clock ids still of nobody, which can be given to
their owners here: their attendance is then worked out from the punches just kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard

from ward_office.ui.imports import summaries
from ward_office.ui.imports._services import ClockImportSummary, UnknownClockId
from ward_office.ui.imports.steps import DONE, ImportPage
from ward_office.ui.imports.unknown_ids import UnknownIdsPanel

if TYPE_CHECKING:
    from ward_office.ui.imports.wizard import ImportWizard


class DonePage(ImportPage):
    step = DONE

    def __init__(self, importer: ImportWizard) -> None:
        super().__init__(importer)
        self.done_text = QLabel()
        self.done_text.setObjectName("done_text")
        self.done_text.setWordWrap(True)
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_unknown = UnknownIdsPanel("done_unknown_ids")
        self.done_unknown.link_requested.connect(importer.link)
        self.done_unknown.note.hide()  # the text above says it
        layout = QVBoxLayout(self)
        layout.addWidget(self.done_text)
        layout.addWidget(self.done_unknown, 1)
        layout.addStretch(0)

    def first_focus(self) -> QWidget | None:
        return self.importer.button(QWizard.WizardButton.FinishButton)

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return -1

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        return not self.importer.busy

    def show_step(self) -> None:
        importer = self.importer
        result = importer.result
        self.done_text.setText("\n".join(summaries.done_lines(result, importer.choose_page.kind(),
                                                              importer.saved_mapping)))
        unknown: tuple[UnknownClockId, ...] = result.preview.unknown if isinstance(result, ClockImportSummary) else ()
        self.done_unknown.setVisible(bool(unknown))
        self.done_unknown.writable = not importer.context.ward.read_only
        self.done_unknown.set_unknown(unknown, importer.staff())

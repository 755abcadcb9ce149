"""The import wizard (File ▸ Import data…, Ctrl+I) as a QWizard: choose what and which file, map the columns of
a clock report, a staff sheet or a satisfaction rating export (only when the file needs it), check the trial run,
import, read the summary. Back goes one step back until the import is written.

Every read of the file and every write runs off the GUI thread (``_services`` builds the jobs): Next starts
the work and the wizard moves on when it is done; meanwhile Next, Back and Cancel wait. The window's ``Ward``
is only read here, for the staff to link an unknown clock id to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QWidget, QWizard

from ward_office.core.errors import WardOfficeError
from ward_office.core.staff import Staff
from ward_office.i18n import _

from ward_office.ui import widgets
from ward_office.ui.imports import _services as services
from ward_office.ui.imports._services import (
    ClockFileLayout,
    FileMapping,
    ImportKind,
    LinkSummary,
    Preview,
    RatingFileLayout,
    Result,
    StaffFileLayout,
)
from ward_office.ui.imports.choose import ChoosePage
from ward_office.ui.imports.done import DonePage
from ward_office.ui.imports.mapping import MappingPage
from ward_office.ui.imports.preview import PreviewPage
from ward_office.ui.imports.steps import CHOOSE, DONE, MAPPING, PREVIEW, ImportPage
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.jobs import Job, run_in_background

__all__ = ["CHOOSE", "DONE", "MAPPING", "PREVIEW", "ImportKind", "ImportWizard"]

Button = QWizard.WizardButton
TOPICS = {ImportKind.CLOCK: Topic.ATTENDANCE, ImportKind.STAFF: Topic.STAFF, ImportKind.EVENTS: Topic.EVENTS,
          ImportKind.SCORES: Topic.SCORES, ImportKind.RATINGS: Topic.CITIZENS}


def _now_on(today: Callable[[], Any]) -> datetime:
    """The moment to judge days against: the window's today at the clock's time, so a test's fixed today
    and a real one behave alike."""
    return datetime.combine(today(), datetime.now().time())


class ImportWizard(QWizard):
    """The four steps; ``preview``, ``refusal`` and ``result`` are what the background work found."""

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("import_wizard")
        self.setWindowTitle(_("Import data"))
        self.setMinimumSize(760, 560)
        self.busy = False
        self.advancing = False  # Next pressed by the wizard itself, once the work behind it is done
        self.layout_info: ClockFileLayout | None = None
        self.staff_layout: StaffFileLayout | None = None
        self.rating_layout: RatingFileLayout | None = None
        self.preview: Preview | None = None
        self.include_suspect = False  # the clerk chose to import a clock file's suspect punches too
        self.refusal: WardOfficeError | None = None
        self.result: Result | None = None
        self.saved_mapping = ""
        self._job: Job | None = None
        self._set_up_buttons()
        self.choose_page = ChoosePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.done_page = DonePage(self)
        self.mapping = self.mapping_page.panel
        for page in self.pages():
            self.setPage(page.step, page)
            page.completeChanged.connect(self._hold_buttons)  # after the wizard's own update of the buttons
        self.setStartId(CHOOSE)
        self.currentIdChanged.connect(self._page_shown)

    def _set_up_buttons(self) -> None:
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(Button.BackButton, _("< &Back"))
        self.setButtonText(Button.NextButton, _("&Next >"))
        self.setButtonText(Button.FinishButton, _("&Finish"))
        self.setButtonText(Button.CancelButton, _("Cancel"))
        self.button(Button.CommitButton).setObjectName("import_button")

    def pages(self) -> list[ImportPage]:
        return [self.choose_page, self.mapping_page, self.preview_page, self.done_page]

    # ---- Where the wizard is ----

    @property
    def step(self) -> int:
        return self.currentId()

    @property
    def next_button(self) -> QAbstractButton:
        return self.button(Button.NextButton)

    @property
    def import_button(self) -> QAbstractButton:
        return self.button(Button.CommitButton)

    @property
    def back_button(self) -> QAbstractButton:
        return self.button(Button.BackButton)

    @property
    def cancel_button(self) -> QAbstractButton:
        return self.button(Button.CancelButton)

    @property
    def close_button(self) -> QAbstractButton:
        return self.button(Button.FinishButton)

    def needs_mapping(self) -> bool:
        layouts = {ImportKind.CLOCK: self.layout_info, ImportKind.STAFF: self.staff_layout,
                   ImportKind.RATINGS: self.rating_layout}
        layout = layouts.get(self.choose_page.kind())
        return layout is not None and layout.needs_mapping

    def staff(self) -> list[Staff]:
        return services.staff(self.context.ward)

    def forget_file(self) -> None:
        self.layout_info = None
        self.include_suspect = False
        self.staff_layout = None
        self.rating_layout = None
        self.preview = None
        self.refusal = None

    def _page_shown(self, step: int) -> None:
        page = self.page(step)
        focus = page.first_focus() if isinstance(page, ImportPage) else None
        if focus is not None:
            focus.setFocus()

    def advance(self) -> None:
        """Go on to the next step, now that the work behind Next is done."""
        self.advancing = True
        try:
            self.next()
        finally:
            self.advancing = False

    def _hold_buttons(self) -> None:
        """While work runs Back and Cancel wait too: the work's answer must find the wizard where it was."""
        if self.busy:
            self.back_button.setEnabled(False)
        self.cancel_button.setEnabled(not self.busy)

    def _update_buttons(self) -> None:
        page = self.currentPage()
        if page is not None:
            page.completeChanged.emit()

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def accept(self) -> None:
        if not self.busy:
            super().accept()

    # ---- Background work ----

    def run(self, label: str, work: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None] | None = None) -> Job:
        """``work`` on a worker thread; ``on_done`` (or ``on_error`` for a ``WardOfficeError``) on the GUI's."""
        self.busy = True
        self._update_buttons()

        def done(result: Any) -> None:
            self.busy = False
            on_done(result)
            self._update_buttons()

        def failed(error: BaseException) -> None:
            self.busy = False
            if on_error is not None and isinstance(error, WardOfficeError):
                on_error(error)
            else:
                widgets.show_error(self, error)
            self._update_buttons()

        self._job = run_in_background(self, label, work, done, failed)
        return self._job

    def _file(self) -> Path:
        file = self.choose_page.file()
        assert file is not None
        return file

    def _mapping_for_file(self) -> FileMapping | None:
        if not self.needs_mapping():
            return None
        return self.mapping_page.current_panel().mapping()

    def inspect(self) -> Job:
        """Find out whether the clock file is a log or a table whose columns need mapping, or whether the usual
        names find every needed column of a staff sheet."""
        if self.choose_page.kind() is ImportKind.STAFF:
            def inspected_list(layout: StaffFileLayout) -> None:
                self.staff_layout = layout
                if layout.needs_mapping:
                    self.mapping_page.staff_panel.set_layout(layout)
                    self.advance()
                else:
                    self.start_preview()

            return self.run(_("Reading the file…"), services.inspect_staff_job(self.context.ward, self._file()),
                            inspected_list, self._refused)
        if self.choose_page.kind() is ImportKind.RATINGS:
            def inspected_export(layout: RatingFileLayout) -> None:
                self.rating_layout = layout
                if layout.needs_mapping:
                    self.mapping_page.rating_panel.set_layout(layout)
                    self.advance()
                else:
                    self.start_preview()

            return self.run(_("Reading the file…"), services.inspect_ratings_job(self.context.ward, self._file()),
                            inspected_export, self._refused)

        def inspected(layout: ClockFileLayout) -> None:
            self.layout_info = layout
            if layout.needs_mapping:
                self.mapping.set_layout(layout)
                self.advance()
            else:
                self.start_preview()

        return self.run(_("Reading the file…"), services.inspect_job(self.context.ward, self._file()), inspected,
                        self._refused)

    def start_preview(self) -> Job:
        """A trial run: what the import would do, nothing written."""
        work = services.preview_job(self.context.ward, self.choose_page.kind(), self._file(),
                                    self._mapping_for_file(), _now_on(self.context.today), self.choose_page.month(),
                                    self.include_suspect)

        def previewed(preview: Preview) -> None:
            self.preview, self.refusal = preview, None
            self._show_preview()

        return self.run(_("Checking the file…"), work, previewed, self._refused)

    def set_include_suspect(self, include: bool) -> Job | None:
        """Count a clock file's suspect punches in (or out) and work the trial run out again."""
        if include == self.include_suspect or self.busy:
            return None
        self.include_suspect = include
        return self.start_preview()

    def _refused(self, error: BaseException) -> None:
        assert isinstance(error, WardOfficeError)
        self.preview, self.refusal = None, error
        self._show_preview()

    def _show_preview(self) -> None:
        if self.step == PREVIEW:
            self.preview_page.show_step()
        else:
            self.advance()

    def start_import(self) -> Job | None:
        if self.busy or self.preview is None or self.refusal is not None:
            return None
        ward = self.context.ward
        kind, mapping = self.choose_page.kind(), self._mapping_for_file()
        try:
            services.require_record(ward, kind)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return None
        save_as = self.mapping_page.current_panel().save_name() if mapping is not None else ""
        work = services.import_job(ward, kind, self._file(), mapping, save_as, _now_on(self.context.today),
                                   self.choose_page.month(), self.include_suspect)

        def imported(result: Result) -> None:
            self.result = result
            self.saved_mapping = save_as
            topics = [TOPICS[kind]]
            if isinstance(result, services.ImportSummary) and result.new_departments:
                topics.append(Topic.SETTINGS)
            for topic in topics:
                self.context.changed.emit(topic)
            self.advance()

        return self.run(_("Importing…"), work, imported, lambda error: widgets.show_error(self, error))

    def link(self, clock_id: str, staff_id: int) -> Job | None:
        """Give ``clock_id`` to a person; before the import the preview is worked out again with it."""
        if self.busy:
            return None
        try:
            services.require_record(self.context.ward)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return None
        panel = self.done_page.done_unknown if self.step == DONE else self.preview_page.unknown_panel

        def linked(summary: LinkSummary) -> None:
            self.context.changed.emit(Topic.STAFF)
            self.context.changed.emit(Topic.ATTENDANCE)
            panel.result.setText(summary.localized())
            if self.step == DONE:
                left = [unknown for unknown in panel.model.records() if unknown.clock_id != summary.clock_id]
                panel.set_unknown(left, self.staff())
            else:
                self.start_preview()

        work = services.link_job(self.context.ward, clock_id, staff_id, _now_on(self.context.today))
        return self.run(_("Linking the clock id…"), work, linked)

"""Step 3, the trial run: what the import would do (rows read, rows to add, rows skipped and why, the
attendance a clock log would change, its clock ids of nobody), or why the file is refused. Nothing is written
until Import; the page is the wizard's commit page, so once written there is no going back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget, QWizard

from ward_office.core.errors import InputFileError, InputProblem, WardOfficeError
from ward_office.i18n import _
from ward_office.i18n.formatting import format_number

from ward_office.ui import widgets
from ward_office.ui.imports import summaries
from ward_office.ui.imports._services import ClockPreview, ImportSummary, RatingImportSummary, ScoreImportSummary
from ward_office.ui.imports.models import change_model, people_model, problem_model, rater_model, skipped_model
from ward_office.ui.imports.steps import DONE, PREVIEW, ImportPage
from ward_office.ui.imports.unknown_ids import UnknownIdsPanel, sorted_table

if TYPE_CHECKING:
    from ward_office.ui.imports.wizard import ImportWizard

SUSPECT_SHOWN = 5  # suspect punches spelled out; the count says how many there are


class PreviewPage(ImportPage):
    step = PREVIEW

    def __init__(self, importer: ImportWizard) -> None:
        super().__init__(importer)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.headline = QLabel()
        self.headline.setObjectName("preview_headline")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = QFormLayout()
        self.counts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.suspect_label = QLabel()
        self.suspect_label.setObjectName("suspect_punches")
        self.suspect_label.setWordWrap(True)
        self.suspect_label.setStyleSheet(f"color: {widgets.WARN.name()}")
        self.suspect_box = QCheckBox()
        self.suspect_box.toggled.connect(importer.set_include_suspect)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("preview_tabs")
        self.changes_model = change_model()
        self.changes_table = sorted_table(self.changes_model, "session_changes", _("Attendance sessions that change"))
        self.unknown_panel = UnknownIdsPanel("unknown_ids")
        self.unknown_panel.link_requested.connect(importer.link)
        self.problems_model = problem_model()
        self.problems_table = sorted_table(self.problems_model, "problems", _("Lines with a problem"))
        self.people_model = people_model()
        self.people_table = sorted_table(self.people_model, "staff_matches", _("People in the list"))
        self.skipped_model = skipped_model()
        self.skipped_table = sorted_table(self.skipped_model, "skipped_rows", _("Rows skipped"))
        self.raters_model = rater_model()
        self.raters_table = sorted_table(self.raters_model, "unknown_raters", _("Staff members not found"))
        for widget in (self.people_table, self.changes_table, self.unknown_panel, self.raters_table,
                       self.problems_table, self.skipped_table):
            self.tabs.addTab(widget, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(self.counts)
        layout.addWidget(self.suspect_label)
        layout.addWidget(self.suspect_box)
        layout.addWidget(self.tabs, 1)

    def first_focus(self) -> QWidget | None:
        return self.tabs

    def ready(self) -> bool:
        importer = self.importer
        return importer.preview is not None and importer.refusal is None and not importer.context.ward.read_only

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return DONE

    def go_on(self) -> None:
        self.importer.start_import()

    def show_step(self) -> None:
        """Show the wizard's preview, or its refusal of the file."""
        importer = self.importer
        preview, refusal = importer.preview, importer.refusal
        file = importer.choose_page.file()
        name = file.name if file else ""
        self._show_suspect(preview if isinstance(preview, ClockPreview) and refusal is None else None)
        if refusal is not None:
            self._show_refusal(refusal)
        elif isinstance(preview, ClockPreview):
            self._show_clock_preview(preview, name)
        elif isinstance(preview, ImportSummary):
            self._show_list_preview(preview, name)
        elif isinstance(preview, ScoreImportSummary):
            self._show_score_preview(preview, name)
        elif isinstance(preview, RatingImportSummary):
            self._show_rating_preview(preview, name)
        read_only = importer.context.ward.read_only
        if read_only:
            self.headline.setText(self.headline.text() + "\n" + _(
                "The record book is open to view only here; nothing can be imported."))
        self.unknown_panel.writable = not read_only
        self.completeChanged.emit()

    def _show_suspect(self, preview: ClockPreview | None) -> None:
        """A clock file's punches dated after today or before the ward's first day: listed, and left out
        unless the clerk ticks the box (which works the trial run out again)."""
        suspect = preview.suspect if preview is not None else ()
        self.suspect_label.setVisible(bool(suspect))
        self.suspect_box.setVisible(bool(suspect))
        if not suspect or preview is None:
            return
        shown = [_("line {line}: {clock_id} at {moment}, {reason}").format(
            line=punch.line, clock_id=punch.clock_id, moment=punch.at.strftime("%d/%m/%Y %H:%M"), reason=reason)
            for punch, reason in zip(suspect[:SUSPECT_SHOWN], preview.suspect_reasons, strict=False)]
        if len(suspect) > SUSPECT_SHOWN:
            shown.append(_("… and {count} more").format(count=format_number(len(suspect) - SUSPECT_SHOWN)))
        told = (_("{count} punches with a suspect date are imported as you chose:") if preview.suspect_included
                else _("{count} punches have a suspect date (is the clock's date wrong?) and are left out:"))
        self.suspect_label.setText(told.format(count=format_number(len(suspect))) + "\n" + "\n".join(shown))
        self.suspect_box.blockSignals(True)
        self.suspect_box.setChecked(preview.suspect_included)
        self.suspect_box.blockSignals(False)
        self.suspect_box.setText(_("Import these {count} punches too").format(count=format_number(len(suspect))))

    def _tab(self, widget: QWidget, text: str, count: int | None) -> None:
        index = self.tabs.indexOf(widget)
        self.tabs.setTabText(index, text.format(count=format_number(count or 0)))
        self.tabs.setTabVisible(index, count is not None)

    def _hide_tabs(self, *hidden: QWidget) -> None:
        for widget in hidden:
            self._tab(widget, "", None)

    def _set_counts(self, rows: Sequence[tuple[str, str]]) -> None:
        while self.counts.rowCount():
            self.counts.removeRow(0)
        for label, value in rows:
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.counts.addRow(QLabel(label), shown)

    def _show_refusal(self, error: WardOfficeError) -> None:
        problems: list[InputProblem] = list(error.problems) if isinstance(error, InputFileError) else []
        text = error.localized().splitlines()[0] if problems else error.localized()
        self.headline.setText(text + "\n" + _("Correct the file and choose it again; nothing was written."))
        self.headline.setStyleSheet(f"color: {widgets.BAD.name()}")
        self._set_counts([])
        self.problems_model.set_records(problems)
        self.problems_table.resizeColumnsToContents()
        self._tab(self.problems_table, _("Problems ({count})"), len(problems) if problems else None)
        self._hide_tabs(self.people_table, self.changes_table, self.unknown_panel, self.skipped_table,
                        self.raters_table)

    def _show_clock_preview(self, preview: ClockPreview, name: str) -> None:
        self.headline.setStyleSheet("")
        self.headline.setText(summaries.clock_headline(preview))
        self._set_counts(summaries.clock_counts(preview, name))
        self.changes_model.set_records(preview.changes)
        self.changes_table.resizeColumnsToContents()
        self.problems_model.set_records(preview.problems)
        self.problems_table.resizeColumnsToContents()
        self.unknown_panel.set_unknown(preview.unknown, self.importer.staff())
        self._tab(self.changes_table, _("Attendance changes ({count})"), len(preview.changes))
        self._tab(self.unknown_panel, _("Clock ids of nobody ({count})"), len(preview.unknown))
        self._tab(self.problems_table, _("Lines skipped ({count})"), len(preview.problems))
        self._hide_tabs(self.people_table, self.skipped_table, self.raters_table)
        self.tabs.setCurrentWidget(self.unknown_panel if preview.unknown else self.changes_table)

    def _show_list_preview(self, preview: ImportSummary, name: str) -> None:
        self.headline.setStyleSheet("")
        self.headline.setText(summaries.list_headline(preview))
        self._set_counts(summaries.list_counts(preview, name, self.importer.choose_page.kind()))
        self.skipped_model.set_records(preview.skipped)
        self.skipped_table.resizeColumnsToContents()
        self._tab(self.skipped_table, _("Rows skipped ({count})"), len(preview.skipped))
        self.people_model.set_records(preview.people)
        self.people_table.resizeColumnsToContents()
        self._tab(self.people_table, _("People in the list ({count})"), len(preview.people) if preview.people else None)
        self._hide_tabs(self.changes_table, self.unknown_panel, self.problems_table, self.raters_table)
        self.tabs.setCurrentWidget(self.people_table if preview.people else self.skipped_table)

    def _show_score_preview(self, preview: ScoreImportSummary, name: str) -> None:
        self.headline.setStyleSheet("")
        self.headline.setText(summaries.score_headline(preview))
        self._set_counts(summaries.score_counts(preview, name))
        self.skipped_model.set_records(preview.skipped)
        self.skipped_table.resizeColumnsToContents()
        self._tab(self.skipped_table, _("Rows skipped ({count})"), len(preview.skipped))
        self._hide_tabs(self.people_table, self.changes_table, self.unknown_panel, self.problems_table,
                        self.raters_table)

    def _show_rating_preview(self, preview: RatingImportSummary, name: str) -> None:
        importer = self.importer
        mapping = importer.mapping_page.rating_panel.save_name() if importer.needs_mapping() else ""
        self.headline.setStyleSheet("")
        self.headline.setText(summaries.rating_headline(preview))
        self._set_counts(summaries.rating_counts(preview, name, mapping))
        self.raters_model.set_records(preview.preview.unknown)
        self.raters_table.resizeColumnsToContents()
        self._tab(self.raters_table, _("Staff members not found ({count})"), len(preview.preview.unknown))
        self._hide_tabs(self.people_table, self.changes_table, self.unknown_panel, self.problems_table,
                        self.skipped_table)
        self.tabs.setCurrentWidget(self.raters_table)

"""Attendance page (placeholder until built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ward_office.i18n import N_, _

from ward_office.ui.context import Topic, WardContext
from ward_office.ui.pages.base import Page


class AttendancePage(Page):
    title = N_("Attendance")
    icon_name = "SP_FileDialogDetailedView"
    topics = frozenset({Topic.ATTENDANCE, Topic.STAFF, Topic.SETTINGS})

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self._label = QLabel()
        layout.addWidget(self._label)

    def refresh(self) -> None:
        self._label.setText(_(self.title))

"""Ranking page (placeholder until built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ward_office.i18n import N_, _

from ward_office.ui.context import Topic, WardContext
from ward_office.ui.pages.base import Page


class RankingPage(Page):
    title = N_("Ranking")
    icon_name = "SP_ArrowUp"
    topics = frozenset({Topic.ATTENDANCE, Topic.EVENTS, Topic.CHECKS, Topic.STAFF, Topic.SETTINGS})

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self._label = QLabel()
        layout.addWidget(self._label)

    def refresh(self) -> None:
        self._label.setText(_(self.title))

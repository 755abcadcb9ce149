"""What every page of the main window has: the topics it shows, and a reload when they change.

A hidden page does not reload at once; it remembers and reloads when shown, so a change on the daily
grid costs nothing for pages nobody is looking at.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from ward_office.ui.widgets.context import Topic, WardContext


class Page(QWidget):
    topics: frozenset[str] = frozenset()

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        context.changed.connect(self._on_changed)

    @property
    def ward(self):
        return self.context.ward

    def refresh(self) -> None:
        """Reload everything shown from the ward."""
        raise NotImplementedError

    def can_leave(self) -> bool:
        """Whether the user may leave the page now: a page holding changes not saved asks first (and may save
        them); False keeps the user on it."""
        return True

    def _on_changed(self, topic: str) -> None:
        if topic == Topic.ALL or topic in self.topics:
            if self.isVisible():
                self._stale = False
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

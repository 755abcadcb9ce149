"""A text box with a counter of its characters against the limit the record keeps (``core.text_rules``).

Nothing is cut: a pasted note of ten thousand characters stays as pasted, the counter turns red past the limit,
and saving is refused by the service with a message naming the field.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from ward_office.i18n import _
from ward_office.i18n.formatting import format_number

from ward_office.ui.widgets import BAD, MUTED


class CountedField(QWidget):
    """``edit`` followed by "12/1000"; focus and mnemonics go to ``edit``."""

    def __init__(self, edit: QLineEdit, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.limit = limit
        self.counter = QLabel()
        self.counter.setObjectName("character_counter")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(self.counter)
        self.setFocusProxy(edit)
        edit.textChanged.connect(self._count)
        self._count()

    def over(self) -> bool:
        return len(self.edit.text()) > self.limit

    def _count(self) -> None:
        length = len(self.edit.text())
        self.counter.setText(f"{format_number(length)}/{format_number(self.limit)}")
        colour = BAD if length > self.limit else MUTED
        self.counter.setStyleSheet(f"color: {colour.name()}")
        self.counter.setToolTip(_("At most {limit} characters; {length} typed").format(
            limit=format_number(self.limit), length=format_number(length)))

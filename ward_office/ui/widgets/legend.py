"""A one-line key under a table whose headers or cells are short codes (TG, KL, HTXSNV…): a head who does not
know the plan by heart reads what each code stands for without hovering over every header."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ward_office.i18n import _


def legend_text(pairs: Iterable[tuple[str, str]]) -> str:
    """"Codes: TG = Thời gian làm việc; KL = Kỷ luật", each code once, in the order given; empty when no code
    differs from its name."""
    names: dict[str, str] = {}
    for code, name in pairs:
        if code and name and code != name:
            names.setdefault(code, name)
    if not names:
        return ""
    return _("Codes: {legend}").format(legend="; ".join(f"{code} = {name}" for code, name in names.items()))


class Legend(QLabel):
    """The key itself: wraps instead of widening the page, hidden while there is nothing to explain."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_pairs(self, pairs: Iterable[tuple[str, str]]) -> None:
        text = legend_text(pairs)
        self.setText(text)
        self.setVisible(bool(text))

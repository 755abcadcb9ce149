"""The user guide (Trợ giúp › Hướng dẫn sử dụng, F1): the Vietnamese HTML in ``resources/guide``, in a window of
its own so the clerk can keep it open beside the work.

The guide is a plain HTML file with its screenshots next to it, so it is read from the resources folder in a
source tree and in the PyInstaller bundle alike, and can be opened in a browser too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ward_office.i18n import _
from ward_office.paths import resources_dir

GUIDE_FILE = "huong-dan.html"


def guide_path() -> Path:
    return resources_dir() / "guide" / GUIDE_FILE


class GuideBrowser(QTextBrowser):
    """Reads the guide's pictures as PNG without letting Qt guess the format: guessing asks the translator
    for the other image readers' error texts, and an empty answer from it makes the TGA reader claim a PNG."""

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 - Qt's name
        if kind == QTextDocument.ResourceType.ImageResource.value:
            target = self.source().resolved(QUrl(url))
            if target.isLocalFile() and target.toLocalFile().lower().endswith(".png"):
                image = QImage(target.toLocalFile(), "PNG")
                if not image.isNull():
                    return image
        return super().loadResource(kind, url)


class GuideWindow(QWidget):
    """The guide with its contents as links, a search box (Ctrl+F, Enter finds the next) and Back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("user_guide")
        self.setWindowTitle(_("User guide"))
        self.browser = GuideBrowser()
        self.browser.setObjectName("guide_text")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(guide_path().parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path())))
        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("guide_find")
        self.find_edit.setPlaceholderText(_("Find in the guide…"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find_next)
        self.back_button = QPushButton(_("&Back"))
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.back_button.setEnabled(False)
        self.home_button = QPushButton(_("&Contents"))
        self.home_button.clicked.connect(self.browser.home)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.home_button)
        top.addStretch(1)
        top.addWidget(self.find_edit, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, self.find_edit.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 120, metrics.lineSpacing() * 45)

    def find_next(self) -> bool:
        """Select the next place the search text occurs, from the top again after the last one."""
        text = self.find_edit.text()
        if not text:
            return False
        if self.browser.find(text):
            return True
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        return self.browser.find(text)


def show_guide(window: QWidget) -> GuideWindow:
    """The guide window of ``window``, made once and brought to the front."""
    guide = window.findChild(GuideWindow, "user_guide")
    if guide is None:
        guide = GuideWindow(window)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide

"""Showing and printing the PDFs we make, inside the window.

Qt's own PDF module is not in PySide6-Essentials, so pages are rasterised with pdfium (pypdfium2): on
screen at the view's width, on paper at the printer's resolution. The PDF file stays the document of
record; what is shown and printed is drawn from it, never a screenshot of a widget.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPalette, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

POINTS_PER_INCH = 72
PREVIEW_GAP = 12
MAX_PAGE_WIDTH = 900  # a page wider than this on screen is harder to read, not easier


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Width and height of every page, in points."""
    import pypdfium2 as pdfium  # about 40 ms: loads with the first preview, not with the reports page

    document = pdfium.PdfDocument(str(path))
    try:
        return [document[index].get_size() for index in range(len(document))]
    finally:
        document.close()


def render_page(path: Path, index: int, dots_per_inch: float) -> QImage:
    """Page ``index`` of the PDF at ``path`` as an opaque image at the given resolution."""
    import pypdfium2 as pdfium  # about 40 ms: loads with the first preview, not with the reports page

    document = pdfium.PdfDocument(str(path))
    try:
        bitmap = document[index].render(scale=dots_per_inch / POINTS_PER_INCH, rev_byteorder=True)
        image_format = QImage.Format.Format_RGBA8888 if bitmap.n_channels == 4 else QImage.Format.Format_RGB888
        return QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, image_format).copy()
    finally:
        document.close()


class PdfPreview(QScrollArea):
    """The pages of one PDF one under another, each as wide as the view (up to a readable width)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self._path: Path | None = None
        self._pages = QWidget()
        self._layout = QVBoxLayout(self._pages)
        self._layout.setSpacing(PREVIEW_GAP)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._pages)
        self._labels: list[QLabel] = []
        self._sizes: list[tuple[float, float]] = []
        self._rendered_width = 0

    @property
    def path(self) -> Path | None:
        return self._path

    def page_labels(self) -> list[QLabel]:
        return list(self._labels)

    def show_pdf(self, path: Path | None) -> None:
        self._path = path
        for label in self._labels:
            label.deleteLater()
        self._labels = []
        self._rendered_width = 0
        self._sizes = page_sizes(path) if path is not None else []
        if path is not None:
            for index in range(len(self._sizes)):
                label = QLabel()
                label.setObjectName(f"pdf_page_{index + 1}")
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self._layout.addWidget(label)
                self._labels.append(label)
        self._render()

    def _render(self) -> None:
        if self._path is None or not self._labels:
            return
        width = min(max(self.viewport().width() - 2 * PREVIEW_GAP, 200), MAX_PAGE_WIDTH)
        if width == self._rendered_width:
            return
        self._rendered_width = width
        ratio = self.devicePixelRatioF()
        for index, label in enumerate(self._labels):
            page_width, _page_height = self._sizes[index]
            image = render_page(self._path, index, POINTS_PER_INCH * width / page_width * ratio)
            image.setDevicePixelRatio(ratio)
            label.setPixmap(QPixmap.fromImage(image))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._render()


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Draw every page of ``path`` on ``printer``'s pages, scaled to fit; returns the pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        count = len(page_sizes(path))
        resolution = printer.resolution()
        for index in range(count):
            if index:
                printer.newPage()
            image = render_page(path, index, resolution)
            target = QRectF(printer.pageLayout().paintRectPixels(resolution))
            target.moveTo(0, 0)
            scale = min(target.width() / image.width(), target.height() / image.height())
            painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale), image)
        return count
    finally:
        painter.end()


def choose_printer_and_print(parent: QWidget, path: Path) -> int:
    """The system print dialog, then the pages; 0 when the user cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(path.name)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return 0
    return print_pdf(path, printer)

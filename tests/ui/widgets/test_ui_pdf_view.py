"""PDFs shown and printed from the file itself: every page previewed, every page sent to the printer."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from PySide6.QtPrintSupport import QPrinter

from ward_office.ui.widgets.pdf_view import PdfPreview, page_sizes, print_pdf, render_page


@pytest.fixture
def three_pages(tmp_path: Path) -> Path:
    path = tmp_path / "three.pdf"
    document = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, 4):
        if number == 3:
            document.setPageSize(landscape(A4))
        document.rect(0, 0, 200, 200, fill=1)  # black square bottom left
        document.drawString(300, 500, f"Trang {number}")
        document.showPage()
    document.save()
    return path


def test_pages_are_rendered_at_the_asked_resolution(three_pages: Path, qapp) -> None:
    assert [tuple(round(side) for side in size) for size in page_sizes(three_pages)] == [
        (595, 842), (595, 842), (842, 595)]
    image = render_page(three_pages, 0, 144)
    assert (image.width(), image.height()) == (1191, 1684)
    assert image.pixelColor(10, image.height() - 10).name() == "#000000"  # the square
    assert image.pixelColor(image.width() - 10, 10).name() == "#ffffff"  # white paper, not transparent


def test_preview_shows_every_page_as_wide_as_the_view(three_pages: Path, qtbot) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(500, 700)
    preview.show()
    preview.show_pdf(three_pages)
    labels = preview.page_labels()
    assert len(labels) == 3
    widths = {round(label.pixmap().width() / label.pixmap().devicePixelRatio()) for label in labels}
    assert widths == {preview.viewport().width() - 24}
    preview.show_pdf(None)
    assert preview.page_labels() == []


def test_printing_sends_every_page(three_pages: Path, tmp_path: Path, qapp) -> None:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(three_pages, printer) == 3
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 3

"""The Reports page: a report made off the GUI thread, shown page by page, opened, printed and copied."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from ward_office.core.period import half_year, month
from ward_office.i18n.formatting import format_number

from ward_office.ui.reports import page as reports_module
from ward_office.ui.reports.page import ReportsPage
from ward_office.ui.shell.main_window import MainWindow


@pytest.fixture
def page(window: MainWindow, qtbot) -> ReportsPage:
    shown = window.show_page(ReportsPage)
    assert isinstance(shown, ReportsPage)
    qtbot.waitUntil(shown.isVisible)
    return shown


def make(page: ReportsPage, qtbot, kind: str) -> Path:
    page.kind.setCurrentIndex(page.kind.findData(kind))
    job = page.make_report()
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert page.preview.path is not None
    return page.preview.path


def test_ranking_report_is_written_next_to_the_book_and_previewed(page: ReportsPage, window: MainWindow,
                                                                  qtbot) -> None:
    assert page.period() == half_year(2026, 2)
    assert not page.print_button.isEnabled()  # nothing made yet
    path = make(page, qtbot, "ranking")
    assert path == window.context.ward.path.parent / "bao-cao" / "xep-loai-2026-H2.pdf"
    pages = PdfReader(path).pages
    assert len(page.preview.page_labels()) == len(pages) >= 1
    text = "".join(pdf_page.extract_text() for pdf_page in pages)
    scored = window.context.ward.score(half_year(2026, 2), DEMO_TODAY)
    assert all(result.staff.full_name in text for result in scored.ranking.results)
    assert format_number(scored.ranking.results[0].score) in text
    assert page.print_button.isEnabled() and page.open_button.isEnabled() and page.copy_button.isEnabled()
    assert "bao-cao" in page.status.text()


def test_open_print_and_copy_use_the_written_file(page: ReportsPage, qtbot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    page.picker.set_period(month(2026, 10))
    path = make(page, qtbot, "ranking")
    assert path.name == "xep-loai-2026-10.pdf"
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert page.open_externally()
    assert opened == [QUrl.fromLocalFile(str(path))]
    printed: list[Path] = []
    monkeypatch.setattr(reports_module, "choose_printer_and_print",
                        lambda _parent, pdf: printed.append(pdf) or len(PdfReader(pdf).pages))
    assert page.print_report() == len(PdfReader(path).pages)
    assert printed == [path]
    target = tmp_path / "usb" / "xep-loai.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))
    assert page.save_copy() == target
    assert target.read_bytes() == path.read_bytes()


def test_a_failed_report_says_why_and_shows_nothing(page: ReportsPage, qtbot,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[object] = []
    monkeypatch.setattr(reports_module.widgets, "show_error", lambda _parent, error, *_args: shown.append(error))
    monkeypatch.setattr(reports_module.printing, "write_report",
                        lambda *_args, **_kwargs: (_ for _ in ()).throw(OSError("disk full")))
    job = page.make_report()
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=10_000)
    assert len(shown) == 1 and page.preview.path is None
    assert not page.print_button.isEnabled()


def test_page_shows_only_vietnamese(page: ReportsPage, window: MainWindow, qtbot) -> None:
    for index in range(page.kind.count()):
        page.kind.setCurrentIndex(index)
        assert untranslated(visible_texts(window)) == []
    make(page, qtbot, "scorecards")
    assert untranslated(visible_texts(window)) == []

"""The review dialog on the Reports page: the head edits the meeting's facts, the texts and the lists and saves
them with the period; a clerk reads them only; the page names its files in Vietnamese."""

from __future__ import annotations

from datetime import date

import pytest
from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtCore import Qt

from ward_office.core.access import Account, Role
from ward_office.core.period import half_year, whole_year
from ward_office.core.review import ProposalList, Section
from ward_office.services import reviews

from ward_office.ui.reports.page import FILE_NAMES, ReportsPage, report_file_name
from ward_office.ui.reports.review_dialogs import ReviewDialog
from ward_office.ui.shell.main_window import MainWindow

H2 = half_year(2026, 2)


@pytest.fixture
def page(window: MainWindow, qtbot) -> ReportsPage:
    shown = window.show_page(ReportsPage)
    assert isinstance(shown, ReportsPage)
    qtbot.waitUntil(shown.isVisible)
    return shown


def test_the_button_shows_for_the_review_papers_only(page: ReportsPage) -> None:
    for kind in ("review", "minutes", "proposal", "decision"):
        page.kind.setCurrentIndex(page.kind.findData(kind))
        assert page.compose_button.isVisibleTo(page), kind
    page.kind.setCurrentIndex(page.kind.findData("ranking"))
    assert not page.compose_button.isVisibleTo(page)


def test_file_names_are_vietnamese() -> None:
    assert report_file_name("ranking", H2) == "xep-loai-2026-H2.pdf"
    assert report_file_name("review", H2) == "bao-cao-so-ket-2026-H2.pdf"
    assert report_file_name("review", whole_year(2026)) == "bao-cao-tong-ket-2026.pdf"
    assert report_file_name("check", H2, "-3") == "bien-ban-kiem-tra-2026-H2-3.pdf"
    assert all(name.isascii() and " " not in name for name in FILE_NAMES.values())


def test_the_head_edits_restores_and_saves(window: MainWindow, qtbot) -> None:
    ward = window.context.ward
    dialog = ReviewDialog(ward, H2, DEMO_TODAY, window)
    qtbot.addWidget(dialog)
    assert not untranslated(visible_texts(dialog))
    assert dialog.save_button.isEnabled()
    strengths = dialog.texts[Section.STRENGTHS]
    generated = strengths.toPlainText()
    strengths.setPlainText("Ưu điểm do Lãnh đạo viết.")
    dialog.texts[Section.WEAKNESSES].setPlainText("tạm")
    dialog.reset_section(Section.WEAKNESSES)  # back to the program's: not kept as an edit
    dialog.held.setChecked(True)
    dialog.day.setDate(date(2026, 12, 28))
    dialog.place.setText("Hội trường")
    dialog.present.setValue(7)
    commended = dialog.lists[ProposalList.COMMENDATION]
    ticked = [row for row in range(commended.count())
              if commended.item(row).checkState() == Qt.CheckState.Checked]
    assert ticked  # the program proposes the best grade
    first = commended.item(ticked[0])
    first.setCheckState(Qt.CheckState.Unchecked)
    assert dialog.save()
    notes = reviews.review_notes(ward.store, H2)
    assert notes.sections == {Section.STRENGTHS: "Ưu điểm do Lãnh đạo viết."}
    assert notes.meeting.day == date(2026, 12, 28) and notes.meeting.place == "Hội trường"
    assert notes.meeting.members_present == 7 and notes.meeting.absent is None
    assert first.data(Qt.ItemDataRole.UserRole) not in notes.lists[ProposalList.COMMENDATION]
    assert ProposalList.REMINDER not in notes.lists  # untouched: the program's proposal stands
    assert generated != "Ưu điểm do Lãnh đạo viết."


def test_a_clerk_reads_only(window: MainWindow, qtbot) -> None:
    ward = window.context.ward
    ward.account = Account(2, "vanthu", "Lê Thị Mai", Role.CLERK)
    dialog = ReviewDialog(ward, H2, DEMO_TODAY, window)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    assert "Chỉ Lãnh đạo" in dialog.save_button.toolTip()
    assert dialog.texts[Section.RESULTS].isReadOnly()

"""A tie at the quota line on the Xếp loại page: the banner says how many places for how many people, the head
ticks the council's choice in the dialog, and the banner then says when it was decided; a clerk cannot."""

from __future__ import annotations

import pytest
from test_ui_locks import OCTOBER, ranking_page, settle
from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ward_office.core.access import Account, Role
from ward_office.core.quota import QuotaTieState
from ward_office.i18n.formatting import format_date
from ward_office.services.ranking import score_records

from ward_office.ui.ranking.tie_dialog import QuotaDecisionDialog
from ward_office.ui.shell.main_window import MainWindow

HEAD = Account(1, "truong", "Trần Quốc Hùng", Role.HEAD)
CLERK = Account(2, "vanthu", "Lê Thị Mai", Role.CLERK)


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr("ward_office.ui.widgets.show_error",
                        lambda _parent, error, _title=None: said.append(
                            error if isinstance(error, str) else error.localized()))
    return said


def test_the_head_records_the_councils_choice_and_the_banner_says_so(window: MainWindow, qtbot, errors) -> None:
    ward = window.context.ward
    ward.account = HEAD
    tie = score_records(ward.store, OCTOBER, DEMO_TODAY).ranking.quota_tie
    assert tie is not None and tie.places < len(tie.tied)
    page = ranking_page(window, qtbot, OCTOBER)
    banner = page.tie_banner
    assert banner.isVisible() and banner.button.isVisible()
    assert banner.text.text() == (f"{tie.places} suất Xuất sắc cho {len(tie.tied)} người bằng "
                                  "100 điểm — chờ Hội đồng thi đua quyết định")
    dialog = banner.open_dialog()
    assert isinstance(dialog, QuotaDecisionDialog) and dialog.people.count() == len(tie.tied)
    assert untranslated(visible_texts(dialog)) == []
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for row in range(tie.places + 1):  # one too many
        dialog.people.item(row).setCheckState(Qt.CheckState.Checked)
    dialog.minute.setText("12/BB-HĐTĐ")
    dialog.reason.insertPlainText("Bỏ phiếu kín")
    assert not ok.isEnabled() and f"{tie.places + 1}" in dialog.chosen_count.text()
    dialog.people.item(tie.places).setCheckState(Qt.CheckState.Unchecked)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert errors == [] and not dialog.isVisible()
    settle(page, qtbot)
    decided = page.tie_banner.tie
    assert decided is not None and decided.state is QuotaTieState.DECIDED
    assert f"Hội đồng thi đua đã quyết định ngày {format_date(DEMO_TODAY)} (biên bản số 12/BB-HĐTĐ)" \
        in page.tie_banner.text.text()
    (decision,) = ward.store.quota_decisions.list(OCTOBER)
    assert list(decision.chosen) == sorted(person.id for person in tie.tied[:tie.places])


def test_a_clerk_cannot_open_the_decision(window: MainWindow, qtbot, errors) -> None:
    window.context.ward.account = CLERK
    page = ranking_page(window, qtbot, OCTOBER)
    assert page.tie_banner.open_dialog() is None and len(errors) == 1
    assert window.context.ward.store.quota_decisions.list() == []

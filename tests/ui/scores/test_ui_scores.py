"""The Chấm điểm nhiệm vụ page: typing points into the grid and saving them at once, values refused in place,
Delete back to "chưa chấm", changes not saved guarded, the read-only banners and the empty state.

The ward is a copy of the UI tests' demo ward whose plan, from 1 October 2026, has an entered block (task results
in two parts, NV1 up to 40 and NV2 up to 30), with the first person's October scores already entered."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from ui_helpers import DEMO_TODAY, driving, untranslated, visible_texts

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from ward_office.core.access import Account, Role
from ward_office.core.entered_scores import ScoreEntry
from ward_office.core.period import month
from ward_office.services.entered_scores import enter_scores, entry_sheet
from ward_office.services.plans import import_plan_file
from ward_office.services.session import default_plan_text
from ward_office.services.ward import Ward

from ward_office.ui.scores.models import ScoreGridModel
from ward_office.ui.scores.page import ScoresPage
from ward_office.ui.shell.app import open_main_window
from ward_office.ui.shell.main_window import MainWindow

ENTERED_BLOCK = Path(__file__).with_name("entered_block.toml")
PLAN_START = date(2026, 10, 1)
OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)


def entered_plan_text() -> str:
    """The bundled plan, as its next version, with the entered block."""
    text = re.sub(r"(?m)^version = \d+$", "version = 2", default_plan_text(), count=1)
    return text + "\n" + ENTERED_BLOCK.read_text(encoding="utf-8")


def adopt_entered_plan(path: Path, folder: Path) -> None:
    plan_file = folder / "entered-plan.toml"
    plan_file.write_text(entered_plan_text(), encoding="utf-8")
    with Ward.open(path) as ward:
        import_plan_file(ward, plan_file, PLAN_START)
        first = entry_sheet(ward, OCTOBER).people[0]
        enter_scores(ward, OCTOBER, [ScoreEntry(first.id, "NV1", Fraction(38)),
                                     ScoreEntry(first.id, "NV2", Fraction(55, 2))])


@pytest.fixture(scope="session")
def entered_template(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("entered")
    path = folder / "entered.db"
    shutil.copyfile(demo_template, path)
    adopt_entered_plan(path, folder)
    return path


@pytest.fixture
def scores_window(qtbot, entered_template: Path, tmp_path: Path, vietnamese: None) -> Iterator[MainWindow]:
    from conftest import _finish

    path = tmp_path / "ward.db"
    shutil.copyfile(entered_template, path)
    main_window = open_main_window(path, today=DEMO_TODAY)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    # Closed here, not by qtbot: changes a test leaves typed are dropped first, or closing would ask about them.
    for page in main_window._built.values():
        if isinstance(page, ScoresPage):
            page.model.discard_pending()
    _finish(main_window)
    main_window.close()
    main_window.deleteLater()


NV1, NV2 = ScoreGridModel.FIRST_ITEM, ScoreGridModel.FIRST_ITEM + 1


def open_scores(window: MainWindow, qtbot, month: date = NOVEMBER) -> ScoresPage:
    page = window.show_page(ScoresPage)
    qtbot.waitUntil(page.isVisible)
    assert isinstance(page, ScoresPage)
    page.show_month(month.year, month.month)
    return page


def go_to(page: ScoresPage, row: int, column: int) -> None:
    page.grid.setCurrentIndex(page.proxy.index(row, column))
    page.grid.setFocus()


def editor_of(page: ScoresPage) -> QLineEdit | None:
    editor = page.grid.indexWidget(page.grid.currentIndex())
    return editor if isinstance(editor, QLineEdit) else None


def type_points(page: ScoresPage, qtbot, text: str, end: Qt.Key = Qt.Key.Key_Return) -> None:
    """Type ``text`` over the current cell as a user does (the first key opens the cell), then ``end``."""
    qtbot.keyClick(page.grid, text[0])
    editor = editor_of(page)
    assert editor is not None, "typing did not open the cell"
    for key in text[1:]:
        qtbot.keyClick(editor, key)
    qtbot.keyClick(editor, end)


def cell(page: ScoresPage, row: int, column: int) -> str:
    return page.proxy.index(row, column).data()


def stored(window: MainWindow, month: date) -> dict[tuple[int, str], Fraction]:
    sheet = entry_sheet(window.context.ward, month)
    return {key: score.points for key, score in sheet.scores.items()}


def test_typing_into_the_grid_and_saving(scores_window: MainWindow, qtbot) -> None:
    page = open_scores(scores_window, qtbot)
    people = page.model.people
    assert page.body.currentIndex() == 0 and page.banner.isHidden()
    assert page.model.headerData(NV1, Qt.Orientation.Horizontal) == "Khối lượng công\nviệc\n(tối đa 40)"
    assert cell(page, 0, NV1) == "chưa chấm"
    assert page.summary.text() == f"{len(people)} người · {len(people)} người chưa chấm đủ"
    assert page.save_button.isEnabled() is False

    go_to(page, 0, NV1)
    type_points(page, qtbot, "38,5")  # Enter: down to the next person, same item
    assert cell(page, 0, NV1) == "38,5" and page.grid.currentIndex().row() == 1
    type_points(page, qtbot, "40", Qt.Key.Key_Tab)  # Tab: on to the next item
    assert (page.grid.currentIndex().row(), page.grid.currentIndex().column()) == (1, NV2)
    type_points(page, qtbot, "30", Qt.Key.Key_Tab)  # past the last item: the next person's first
    assert (page.grid.currentIndex().row(), page.grid.currentIndex().column()) == (2, NV1)
    assert page.summary.text() == (f"{len(people)} người · {len(people) - 1} người chưa chấm đủ · "
                                   "3 ô đã sửa, chưa lưu")
    assert stored(scores_window, NOVEMBER) == {}  # nothing written before Save

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert stored(scores_window, NOVEMBER) == {
        (people[0].id, "NV1"): Fraction(77, 2), (people[1].id, "NV1"): Fraction(40),
        (people[1].id, "NV2"): Fraction(30)}
    assert page.model.pending_count == 0
    assert page.status.text() == "Đã lưu: 3 điểm thay đổi."
    assert cell(page, 1, NV2) == "30" and page.grid.currentIndex().row() == 2


def test_a_value_the_item_cannot_take_is_refused_in_place(scores_window: MainWindow, qtbot) -> None:
    page = open_scores(scores_window, qtbot)
    go_to(page, 0, NV1)
    type_points(page, qtbot, "41")
    editor = editor_of(page)
    assert editor is not None and editor.text() == "41"  # still open on what was typed
    assert page.status.text() == "Điểm của “Khối lượng công việc” từ 0 đến 40: không nhận “41”."
    editor.setText("4x")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor_of(page) is editor
    assert page.status.text() == "“4x” không phải là số điểm. Hãy gõ một số, ví dụ 65,5."
    editor.setText("39,125")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert page.status.text() == "Điểm chỉ lấy tối đa hai chữ số thập phân: “39,125”."
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor_of(page) is None)
    assert cell(page, 0, NV1) == "chưa chấm" and page.model.pending_count == 0


def test_delete_clears_back_to_not_graded(scores_window: MainWindow, qtbot) -> None:
    page = open_scores(scores_window, qtbot, OCTOBER)
    first = page.model.people[0]
    assert (cell(page, 0, NV1), cell(page, 0, NV2)) == ("38", "27,5")
    go_to(page, 0, NV1)
    page.grid.selectionModel().select(QItemSelection(page.proxy.index(0, NV1), page.proxy.index(0, NV2)),
                                      QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert (cell(page, 0, NV1), cell(page, 0, NV2)) == ("chưa chấm", "chưa chấm")
    assert page.model.pending_count == 2
    assert page.save()
    assert (first.id, "NV1") not in stored(scores_window, OCTOBER) and stored(scores_window, OCTOBER) == {}


def test_leaving_with_changes_not_saved_asks_first(scores_window: MainWindow, qtbot) -> None:
    page = open_scores(scores_window, qtbot)
    go_to(page, 0, NV2)
    type_points(page, qtbot, "25")

    def press(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
        def act(box: QWidget) -> None:
            assert isinstance(box, QMessageBox) and "chưa lưu" in box.text()
            box.button(button).click()
        return act

    with driving(QMessageBox, press(QMessageBox.StandardButton.Cancel)):
        scores_window.nav.setCurrentRow(0)
    assert scores_window.stack.currentWidget() is page and scores_window.nav.currentRow() == _row(scores_window)
    assert page.model.pending_count == 1
    with driving(QMessageBox, press(QMessageBox.StandardButton.Cancel)):
        page.next_month.click()
    assert page.month() == NOVEMBER and page.month_combo.currentIndex() == 10

    with driving(QMessageBox, press(QMessageBox.StandardButton.Save)):
        page.previous_month.click()  # saved, then October shown
    assert page.month() == OCTOBER and stored(scores_window, NOVEMBER) == {(page.model.people[0].id, "NV2"): 25}

    go_to(page, 1, NV1)
    type_points(page, qtbot, "12")
    with driving(QMessageBox, press(QMessageBox.StandardButton.Discard)):
        scores_window.nav.setCurrentRow(0)
    assert scores_window.nav.currentRow() == 0 and page.model.pending_count == 0
    assert len(stored(scores_window, OCTOBER)) == 2  # only what was there before


def _row(window: MainWindow) -> int:
    return next(row for row in range(window.nav.count()) if window.nav.item(row).text() == "Chấm điểm nhiệm vụ")


def test_a_refused_save_keeps_the_changes_and_says_why(scores_window: MainWindow, qtbot) -> None:
    page = open_scores(scores_window, qtbot, OCTOBER)
    go_to(page, 1, NV1)
    type_points(page, qtbot, "20")
    scores_window.context.ward.store.periods.lock(month(2026, 10), "Lãnh đạo khác")  # locked behind the grid's back
    seen: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.done(0)

    with driving(QMessageBox, read):
        assert page.save() is False
    assert "khóa sổ" in seen[0] and page.status.text() == seen[0]
    assert page.model.pending_count == 1 and cell(page, 1, NV1) == "20"
    page.discard()


def test_a_locked_month_is_read_only_with_a_banner(scores_window: MainWindow, qtbot) -> None:
    scores_window.context.ward.store.periods.lock(month(2026, 10), "Lãnh đạo")
    page = open_scores(scores_window, qtbot, OCTOBER)
    assert page.banner.isVisible()
    assert page.banner.text().startswith("Tháng 10/2026 đã khóa sổ")
    assert not page.save_button.isVisible() and not page.model.editable
    go_to(page, 1, NV1)
    qtbot.keyClick(page.grid, "5")
    assert editor_of(page) is None
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert cell(page, 0, NV1) == "38" and page.model.pending_count == 0
    page.show_month(2026, 11)  # November is not locked
    assert page.banner.isHidden() and page.model.editable


def test_only_the_head_enters_scores(entered_template: Path, tmp_path: Path, qtbot, vietnamese: None) -> None:
    from conftest import _finish

    path = tmp_path / "ward.db"
    shutil.copyfile(entered_template, path)
    clerk = Account(None, "vanthu", "Lê Thị Mai", Role.CLERK)
    window = open_main_window(path, today=DEMO_TODAY, account=clerk)
    qtbot.addWidget(window)
    window.show()
    try:
        page = open_scores(window, qtbot)
        assert page.banner.isVisible() and "Lãnh đạo" in page.banner.text()
        assert not page.model.editable and not page.save_button.isVisible()
    finally:
        _finish(window)


def test_a_plan_without_an_entered_block_says_where_to_add_one(window: MainWindow, qtbot) -> None:
    page = open_scores(window, qtbot)
    assert page.body.currentWidget() is page.empty and page.empty.isVisible()
    assert "Cài đặt › Kế hoạch thi đua" in page.empty.text()
    assert page.banner.isHidden()


def test_the_grid_shows_only_vietnamese(scores_window: MainWindow, qtbot) -> None:
    page = open_scores(scores_window, qtbot, OCTOBER)
    assert untranslated(visible_texts(page)) == []


def test_closing_the_window_with_changes_not_saved_asks_first(scores_window: MainWindow, qtbot) -> None:
    page = open_scores(scores_window, qtbot)
    go_to(page, 2, NV1)
    type_points(page, qtbot, "33")

    def stay(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Cancel).click()

    with driving(QMessageBox, stay):
        scores_window.close()
    assert scores_window.isVisible() and page.model.pending_count == 1


def test_every_page_has_its_go_key_the_tenth_ctrl_0(scores_window: MainWindow) -> None:
    """The ten pages that had Ctrl+1 … Ctrl+0 keep them; the satisfaction page, fifth in the list, has its own."""
    go_menu = scores_window.menuBar().actions()[1].menu()
    keys = [action.shortcut().toString() for action in go_menu.actions()]
    numbered = [f"Ctrl+{number % 10}" for number in range(1, 11)]
    assert keys == [*numbered[:4], "Ctrl+Shift+H", *numbered[4:]]
    assert scores_window.nav.item(10).toolTip() == "Cài đặt (Ctrl+0)"
    assert scores_window.nav.item(4).toolTip() == "Mức độ hài lòng (Ctrl+Shift+H)"

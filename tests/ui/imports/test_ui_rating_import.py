"""The import wizard for citizens' satisfaction ratings, driven as the clerk (and the head) drives it: a device's
export in a shape unlike the template, its columns chosen once and remembered by name, the trial run (new, already
stored, people not found with their lines, first and last day), the import, and the same file again adding
nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from test_ui_import_wizard import finish, go, no_english, open_wizard, settle, shot

from ward_office.core.access import Account, Role
from ward_office.core.citizens import RatingLevel

from ward_office.ui.imports.wizard import DONE, MAPPING, PREVIEW, ImportKind
from ward_office.ui.shell.app import open_main_window
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets.context import Topic

HEADERS = ("STT", "Ngày đánh giá", "Giờ", "Cán bộ tiếp nhận", "Kết quả", "Số hồ sơ")


@pytest.fixture(params=[Role.CLERK, Role.HEAD], ids=["clerk", "head"])
def window(request, qtbot, demo_db: Path, vietnamese: None) -> Iterator[MainWindow]:
    from ui_helpers import DEMO_TODAY

    account = Account(None, "vanthu" if request.param is Role.CLERK else "truong", "Lê Thị Mai", request.param)
    main_window = open_main_window(demo_db, today=DEMO_TODAY, account=account)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    from conftest import _finish

    _finish(main_window)


def export(path: Path, window: MainWindow) -> tuple[Path, list[tuple[str, date, RatingLevel]]]:
    """A device's export: a title line, its own headers, numbers 1–3 for the rating, a time apart; two ratings
    of people on the list (by staff code, by full name) and two of a counter clerk the list lacks."""
    people = [person for person in window.context.ward.staff(active_on=date(2026, 11, 16)) if person.code][:2]
    rows = [
        ("1", "16/11/2026", "08:10", people[0].code, "3", "HS-001"),
        ("2", "16/11/2026", "09:30", "Người Ngoài Danh Sách", "2", "HS-002"),
        ("3", "18/11/2026", "10:05", people[1].full_name, "1", ""),
        ("4", "19/11/2026", "14:00", "Người Ngoài Danh Sách", "3", "HS-004"),
    ]
    text = "Báo cáo đánh giá của thiết bị tại quầy\n" + "\n".join(",".join(row) for row in (HEADERS, *rows)) + "\n"
    path.write_text(text, encoding="utf-8-sig")
    return path, [(people[0].code, date(2026, 11, 16), RatingLevel.VERY_SATISFIED),
                  (people[1].code, date(2026, 11, 18), RatingLevel.NOT_SATISFIED)]


def rating_count(window: MainWindow) -> int:
    return int(window.context.ward.store.db.execute("SELECT count(*) FROM satisfaction_ratings").fetchone()[0])


def test_a_device_export_mapped_previewed_imported_then_adds_nothing(window: MainWindow, qtbot,
                                                                     tmp_path: Path, qtmodeltester) -> None:
    file, expected = export(tmp_path / "thiet-bi-quay.csv", window)
    before = rating_count(window)
    wizard = open_wizard(window, qtbot)
    try:
        go(wizard, ImportKind.RATINGS, file, qtbot)
        panel = wizard.mapping_page.rating_panel
        assert wizard.step == MAPPING and "Bước 2/4" in wizard.currentPage().title()
        assert panel.headers == HEADERS
        assert panel.sample_model.records()[0] == ("1", "16/11/2026", "08:10", expected[0][0], "3", "HS-001")
        qtmodeltester.check(panel.sample_model)
        assert not wizard.next_button.isEnabled() and panel.missing.text()  # nothing chosen yet
        no_english(wizard, file.name)
        for field, header in (("staff", "Cán bộ tiếp nhận"), ("when", "Ngày đánh giá"), ("time", "Giờ"),
                              ("level", "Kết quả"), ("dossier", "Số hồ sơ")):
            panel.fields[field].setCurrentIndex(panel.fields[field].findData(header))
        panel.scale.setCurrentIndex(panel.scale.findData("1-3"))
        panel.name.setText("Thiết bị quầy một cửa")
        assert wizard.next_button.isEnabled() and not panel.missing.text()
        shot(wizard, "2_mapping_ratings")
        wizard.next_button.click()
        settle(wizard, qtbot)

        assert wizard.step == PREVIEW and wizard.refusal is None
        preview = wizard.preview.preview
        assert (preview.read, len(preview.new), preview.already) == (4, 2, 0)
        assert [(unknown.person, unknown.lines) for unknown in preview.unknown] == [("Người Ngoài Danh Sách", (4, 6))]
        assert (preview.first_day, preview.last_day) == (date(2026, 11, 16), date(2026, 11, 18))
        page = wizard.preview_page
        assert page.raters_model.records() == list(preview.unknown)
        assert page.tabs.tabText(page.tabs.indexOf(page.raters_table)) == "Cán bộ không tìm thấy (1)"
        qtmodeltester.check(page.raters_model)
        counts = [page.counts.itemAt(row, page.counts.ItemRole.FieldRole).widget().text()
                  for row in range(page.counts.rowCount())]
        assert "từ 16/11/2026 đến 18/11/2026" in counts
        assert rating_count(window) == before  # a trial run only
        no_english(wizard, file.name)
        shot(wizard, "3_preview_ratings")

        seen: list[str] = []
        window.context.changed.connect(seen.append)
        wizard.import_button.click()
        settle(wizard, qtbot)
        assert wizard.step == DONE and wizard.result is not None and wizard.result.added == 2
        assert Topic.CITIZENS in seen
        assert "Thiết bị quầy một cửa" in wizard.done_page.done_text.text()
        assert "Người Ngoài Danh Sách" in wizard.done_page.done_text.text()
        stored = window.context.ward.store.db.execute(
            "SELECT count(*) FROM satisfaction_ratings WHERE source_file = ?", (file.name,)).fetchone()[0]
        assert rating_count(window) == before + 2 and stored == 2
        no_english(wizard, file.name)
        shot(wizard, "4_done_ratings")
        wizard.close_button.click()
    finally:
        finish(wizard, qtbot)

    # The same file again: the columns come back by name, and nothing is added.
    again = open_wizard(window, qtbot)
    try:
        go(again, ImportKind.RATINGS, file, qtbot)
        panel = again.mapping_page.rating_panel
        assert again.step == MAPPING and panel.saved.currentData() == "Thiết bị quầy một cửa"
        assert (panel.column("staff"), panel.column("time"), panel.scale.currentData()) == (
            "Cán bộ tiếp nhận", "Giờ", "1-3")
        again.next_button.click()
        settle(again, qtbot)
        assert again.step == PREVIEW
        preview = again.preview.preview
        assert (len(preview.new), preview.already, len(preview.unknown)) == (0, 2, 1)
        again.import_button.click()
        settle(again, qtbot)
        assert again.result is not None and again.result.added == 0
        assert rating_count(window) == before + 2
    finally:
        finish(again, qtbot)

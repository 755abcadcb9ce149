"""No two accelerator keys share a letter within one menu, one dialog, one wizard page or one page.

An accelerator is the character after "&" in a label, button, tab, group box title or menu item. Two on the
same screen make Alt+letter jump to the first one only (or, in a menu, only cycle between them), so the
second can no longer be reached from the keyboard — the Vietnamese translation moved many of them.

Keys are compared the way Qt matches them: ``QKeySequence.mnemonic`` takes the character after "&" and
upper-cases it, nothing more, and a menu or a shortcut compares that character with the one typed. So the
comparison is case-insensitive but keeps diacritics: "Đ" (U+0110) and "D" are different keys, and "ế"
becomes "Ế" (U+1EBE), its own key, not "E". A mnemonic on a letter with a diacritic can be typed only from
a Vietnamese keyboard layout, which is why the catalog places them on plain letters; this test only
refuses clashes.

A page counts its own visible widgets with its tab bars and the widgets of the tab on show, tab by tab. Qt's own
right-click menus of text fields and spin boxes are compared in the words our catalog gives them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ui_helpers import DEMO_TODAY

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
    QWizard,
)

from ward_office.i18n import _

from ward_office.ui.shell.main_window import MainWindow, page_classes
from ward_office.ui.widgets.qt_strings import QT_MESSAGES


def accelerator(text: str) -> str:
    """The key Qt gives ``text``'s "&" ("" when none): the character after it, upper-cased."""
    sequence = QKeySequence.mnemonic(text)
    if sequence.isEmpty():
        return ""
    return chr(sequence[0].key().value)


def _widget_texts(root: QWidget) -> Iterable[tuple[str, str]]:
    for widget in (root, *root.findChildren(QWidget)):
        if widget is not root and not widget.isVisibleTo(root):
            continue
        where = f"{type(widget).__name__}:{widget.objectName()}"
        if isinstance(widget, QLabel) and widget.textFormat() != widget.textFormat().RichText:
            yield where, widget.text()
        elif isinstance(widget, QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    yield f"{where} tab", widget.tabText(index)


def clashes(texts: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Each key used by two texts or more, with those texts."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for where, text in texts:
        key = accelerator(text)
        if key:
            by_key[key].append(f"{text!r} ({where})")
    return {key: users for key, users in by_key.items() if len(users) > 1}


def _report(found: dict[str, dict[str, list[str]]]) -> str:
    return "\n".join(f"{where}: {key} = {', '.join(users)}" for where, clash in found.items()
                     for key, users in clash.items())


def test_a_key_is_the_upper_cased_character_after_the_ampersand() -> None:
    assert accelerator("&Tệp") == "T"
    assert accelerator("Đi đế&n") == "N"
    assert accelerator("&Đi đến") == "Đ" != accelerator("&Dữ liệu")
    assert accelerator("Đ&ến") == "Ế" != accelerator("&Em")
    assert accelerator("Lưu && đóng") == ""
    assert clashes([("a", "&Lưu"), ("b", "&lưu ý"), ("c", "Đóng")]) == {"L": ["'&Lưu' (a)", "'&lưu ý' (b)"]}


def _tab_states(page: QWidget) -> Iterable[str]:
    """Shows each tab of each tab widget of ``page`` in turn, naming it; the page as it is first."""
    yield "first shown"
    for tabs in page.findChildren(QTabWidget):
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            yield f"tab {tabs.tabText(index)!r}"
        tabs.setCurrentIndex(current)


def test_no_page_of_the_window_repeats_a_key(window: MainWindow) -> None:
    """A page's keys, counted with the menu bar's (Alt+T Tệp works from every page)."""
    menu_bar = [("thanh menu", action.text()) for action in window.menuBar().actions() if action.isVisible()]
    found = {}
    for page_class in page_classes():
        page = window.show_page(page_class)
        for state in _tab_states(page):
            clash = clashes([*menu_bar, *_widget_texts(page)])
            if clash:
                found[f"{page_class.__name__}, {state}"] = clash
    assert found == {}, _report(found)


def _menu_clashes(actions: list[QAction], where: str) -> dict[str, dict[str, list[str]]]:
    found = {}
    shown = [action for action in actions if not action.isSeparator() and action.isVisible()]
    clash = clashes((where, action.text()) for action in shown)
    if clash:
        found[where] = clash
    for action in shown:
        menu = action.menu()
        if isinstance(menu, QMenu):
            found.update(_menu_clashes(menu.actions(), f"{where} › {action.text()}"))
    return found


def test_no_menu_repeats_a_key(window: MainWindow) -> None:
    found = _menu_clashes(window.menuBar().actions(), "thanh menu")
    assert found == {}, _report(found)


def _dialog_clashes(dialog: QDialog) -> dict[str, dict[str, list[str]]]:
    if not isinstance(dialog, QWizard):
        clash = clashes(_widget_texts(dialog))
        return {dialog.windowTitle(): clash} if clash else {}
    found = {}
    first = dialog.startId()
    for page_id in dialog.pageIds():
        page = dialog.page(page_id)
        # The buttons under a page: Back but on the first, Next or else Finish on the last, and Cancel.
        shown = [QWizard.WizardButton.CancelButton,
                 QWizard.WizardButton.FinishButton if page.isFinalPage() else QWizard.WizardButton.NextButton]
        if page_id != first:
            shown.append(QWizard.WizardButton.BackButton)
        buttons = [("wizard button", dialog.buttonText(button)) for button in shown]
        clash = clashes([*_widget_texts(page), *buttons])
        if clash:
            found[f"{dialog.windowTitle()} › {page.title()}"] = clash
    return found


def _main_dialogs(window: MainWindow, folder: Path) -> list[QDialog]:
    from ward_office.core.period import parse_period

    from ward_office.ui.attendance.dialogs import LeaveDialog as AttendanceLeaveDialog
    from ward_office.ui.attendance.dialogs import MinutesDialog
    from ward_office.ui.backups.file_dialogs import BackupNowDialog, RestoreDialog
    from ward_office.ui.checks.page import ChecksPage
    from ward_office.ui.checks.start_dialog import StartCheckDialog
    from ward_office.ui.events.dialogs import AddEventDialog
    from ward_office.ui.reports.review_dialogs import ReviewDialog
    from ward_office.ui.shell.first_run import FirstRunWizard
    from ward_office.ui.shell.sign_in import ChangePasswordDialog, SignInDialog
    from ward_office.ui.staff.dialogs import StaffDialog

    ward = window.context.ward
    checks = window.show_page(ChecksPage)
    return [
        SignInDialog(ward, window),
        FirstRunWizard(folder / "new" / "ward_office.db", parent=window, today=lambda: DEMO_TODAY),
        window.show_import_wizard(),
        RestoreDialog(ward.path, window),
        AddEventDialog(ward, DEMO_TODAY, window),
        StartCheckDialog(checks),  # type: ignore[arg-type] - the checks page is its layout
        StaffDialog(ward, DEMO_TODAY, None, lambda staff: None, window),
        *_settings_dialogs(window),
        ReviewDialog(ward, parse_period("2026-H1"), DEMO_TODAY, window),
        ChangePasswordDialog(ward, window),
        BackupNowDialog(ward.path, window),
        AttendanceLeaveDialog("Nguyễn Văn An", window),
        MinutesDialog("Đi muộn", "Số phút đi muộn:", "Nguyễn Văn An", 10, window),
        *_citizens_dialogs(window),
    ]


def _citizens_dialogs(window: MainWindow) -> list[QDialog]:
    """The satisfaction page's: record a praise or complaint, verify it, mark it answered, a survey tally."""
    from datetime import date

    from ward_office.core.citizens import CitizenFeedback, FeedbackChannel, FeedbackKind
    from ward_office.core.staff import StaffId

    from ward_office.ui.citizens.dialogs import (
        AnswerFeedbackDialog,
        ReceiveFeedbackDialog,
        TallyDialog,
        VerifyFeedbackDialog,
    )

    ward = window.context.ward
    complaint = CitizenFeedback(FeedbackKind.COMPLAINT, DEMO_TODAY, FeedbackChannel.PHONE, StaffId(1), "Trả hồ sơ trễ",
                                id=1)
    return [
        ReceiveFeedbackDialog(ward, DEMO_TODAY, window),
        VerifyFeedbackDialog(ward, DEMO_TODAY, complaint, "Nguyễn Văn An", window),
        AnswerFeedbackDialog(ward, DEMO_TODAY, complaint, window),
        TallyDialog(ward, DEMO_TODAY, [date(2026, 11, 1)], window),
    ]


def _settings_dialogs(window: MainWindow) -> list[QDialog]:
    """The dialogs the settings tabs open: a holiday, a department, a new plan version, accounts."""
    from ward_office.ui.shell.settings_page import SettingsPage

    settings = window.show_page(SettingsPage)
    plan_tab = settings.plan_tab
    dialogs: list[QDialog | None] = [
        settings.holidays_tab.add_dialog(), settings.departments_tab.add_dialog(), plan_tab.new_version_dialog(),
        settings.accounts_tab.add_dialog(),
    ]
    assert all(dialogs)
    return [dialog for dialog in dialogs if dialog is not None]


def test_no_dialog_or_wizard_page_repeats_a_key(window: MainWindow, tmp_path: Path) -> None:
    found = {}
    dialogs = _main_dialogs(window, tmp_path)
    try:
        for dialog in dialogs:
            found.update(_dialog_clashes(dialog))
    finally:
        for dialog in dialogs:
            dialog.done(QDialog.DialogCode.Rejected)
            dialog.deleteLater()
    assert found == {}, _report(found)



def test_no_context_menu_of_a_text_field_repeats_a_key(vietnamese: None) -> None:
    """Qt's own right-click menus, in the words the catalog gives Qt (ui/widgets/qt_strings.py): a text
    field's, and a spin box's or date field's, which is the text field's with its own "Select All" and the
    two steps added."""
    def menu(context: str) -> list[tuple[str, str]]:
        return [(f"{context}: {source}", _(message)) for (owner, source), message in QT_MESSAGES.items()
                if owner == context]

    line_menu = menu("QLineEdit")
    assert ("QLineEdit: &Paste", "&Dán") in line_menu  # translated, so the catalog's keys are what is compared
    spin_menu = [entry for entry in line_menu if entry[0] != "QLineEdit: Select All"] + menu("QAbstractSpinBox")
    found = {where: clash for where, clash in (("text field", clashes(line_menu)),
                                                ("rich text", clashes(menu("QWidgetTextControl"))),
                                                ("spin box", clashes(spin_menu))) if clash}
    assert found == {}, _report(found)


def test_no_kind_of_import_nor_mapping_panel_repeats_a_key(window: MainWindow) -> None:
    """The wizard's first page as each kind shows it (its template button, its month), and the mapping step
    with each panel: a clock report's, a staff sheet's, a rating export's."""
    from ward_office.ui.imports.wizard import CHOOSE, MAPPING, ImportKind, ImportWizard

    wizard = window.show_import_wizard()
    assert isinstance(wizard, ImportWizard)
    found = {}
    try:
        wizard.show()
        for kind in ImportKind:
            wizard.choose_page.set_kind(kind)
            clash = clashes([*_widget_texts(wizard.page(CHOOSE)), ("wizard button", wizard.buttonText(
                QWizard.WizardButton.NextButton))])
            if clash:
                found[f"choose › {kind.value}"] = clash
        page = wizard.page(MAPPING)
        for panel in (wizard.mapping_page.panel, wizard.mapping_page.staff_panel, wizard.mapping_page.rating_panel):
            wizard.mapping_page.panels.setCurrentWidget(panel)
            buttons = [("wizard button", wizard.buttonText(button)) for button in (
                QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton)]
            clash = clashes([*_widget_texts(page), *buttons])
            if clash:
                found[f"mapping › {type(panel).__name__}"] = clash
    finally:
        wizard.done(QDialog.DialogCode.Rejected)
        wizard.deleteLater()
    assert found == {}, _report(found)

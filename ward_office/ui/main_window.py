"""Kept at its old place only for the import wizard's tests (tests/ui/test_ui_import_wizard.py), which move
with the wizard to ui/imports/ separately; the window is ui/shell/main_window.py. Delete once they have moved."""

from ward_office.ui.shell.main_window import MainWindow

__all__ = ["MainWindow"]

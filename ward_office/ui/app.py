"""Kept at its old place only for the import wizard's tests (tests/ui/test_ui_import_wizard.py), which move
with the wizard to ui/imports/ separately; the application is ui/shell/app.py. Delete once they have moved."""

from ward_office.ui.shell.app import open_main_window

__all__ = ["open_main_window"]

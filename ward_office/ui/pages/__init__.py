"""Kept only for the import wizard's tests (tests/ui/test_ui_import_wizard.py), which move with the wizard to
ui/imports/ separately; every page is now in its feature's package (ui/<feature>/page.py). Delete with them."""

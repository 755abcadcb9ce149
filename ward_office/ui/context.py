"""Kept at its old place only for the import wizard (ui/import_wizard.py, ui/import_models.py), which moves
to ui/imports/ separately; the shared piece now lives in ui/widgets/context.py. Delete once the wizard has moved."""

from ward_office.ui.widgets.context import Topic, WardContext

__all__ = ["Topic", "WardContext"]

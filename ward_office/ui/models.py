"""Kept at its old place only for the import wizard (ui/import_wizard.py, ui/import_models.py), which moves
to ui/imports/ separately; the shared piece now lives in ui/widgets/models.py. Delete once the wizard has moved."""

from ward_office.ui.widgets.models import RIGHT, Column, RecordTableModel, SearchProxy

__all__ = ["RIGHT", "Column", "RecordTableModel", "SearchProxy"]

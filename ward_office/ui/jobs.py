"""Kept at its old place only for the import wizard (ui/import_wizard.py, ui/import_models.py), which moves
to ui/imports/ separately; the shared piece now lives in ui/widgets/jobs.py. Delete once the wizard has moved."""

from ward_office.ui.widgets.jobs import Job, run_in_background

__all__ = ["Job", "run_in_background"]

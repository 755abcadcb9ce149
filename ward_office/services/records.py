"""Transitional: the names ``ui/import_wizard.py`` still imports, until it opens its own ``Ward`` and calls
``services.imports``. Remove with that change; nothing else may import this module."""

from __future__ import annotations

from ward_office.services.imports import TEMPLATES, ImportSummary, template_path
from ward_office.services.imports import import_events as _import_events
from ward_office.services.imports import import_staff as _import_staff
from ward_office.services.ward import accepts_path

__all__ = ["TEMPLATES", "ImportSummary", "import_events", "import_staff", "template_path"]

import_events = accepts_path(read_only="dry_run")(_import_events)
import_staff = accepts_path(read_only="dry_run")(_import_staff)

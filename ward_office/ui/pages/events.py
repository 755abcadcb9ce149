"""Kept only for the import wizard's tests; the page is ui/events/page.py. Delete with ui/pages/."""

from ward_office.ui.events.page import EventsPage

__all__ = ["EventsPage"]

"""Kept only for the import wizard's tests; the page is ui/attendance/page.py. Delete with ui/pages/."""

from ward_office.ui.attendance.page import AttendancePage

__all__ = ["AttendancePage"]

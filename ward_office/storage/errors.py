"""Errors the storage layer raises, on top of the core's, each with an English message to translate."""

from __future__ import annotations

from ward_office.core.errors import WardOfficeError


class DatabaseError(WardOfficeError):
    """The file cannot be used as a Ward Office database, or the database refused a change."""


class DuplicateError(WardOfficeError):
    """A value that must be unique (a staff code, a clock id, a plan version…) is already taken."""


class InUseError(WardOfficeError):
    """Something cannot be removed because records still refer to it."""

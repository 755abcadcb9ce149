"""The only package that knows tables and SQL: it stores core records in one SQLite file and gives
them back as core records."""

from __future__ import annotations

from ward_office.storage.database import check_integrity, open_database, schema_version
from ward_office.storage.errors import DatabaseError, DuplicateError, InUseError
from ward_office.storage.records import ChangeLogEntry, PeriodRecord, PlanRecord
from ward_office.storage.store import Store

__all__ = [
    "ChangeLogEntry",
    "DatabaseError",
    "DuplicateError",
    "InUseError",
    "PeriodRecord",
    "PlanRecord",
    "Store",
    "check_integrity",
    "open_database",
    "schema_version",
]

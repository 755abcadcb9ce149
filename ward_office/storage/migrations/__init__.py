"""The database schema, as an ordered list of migrations that each run once per file.

Never edit a migration once released: add ``m0NN_*`` in a group module and list it below. Enum values are
written out in the migrations, not read from the core enums, so a migration creates the same schema forever;
a test compares the two. Triggers enforce the two rules nobody may bypass, not even with raw SQL: the change
log only grows, and records inside a locked period stay as they were.
"""

from __future__ import annotations

from ward_office.storage.migrations.migration_set import Migration, MigrationSet
from ward_office.storage.migrations.schema_m001 import m001_initial_schema
from ward_office.storage.migrations.schema_m002_m005 import (
    m002_check_finished_at,
    m003_clock_punches,
    m004_accounts_and_snapshots,
    m005_locked_check_rounds,
)
from ward_office.storage.migrations.schema_m006_m009 import (
    m006_change_log_filters,
    m007_clock_judged_days,
    m008_period_reviews,
    m009_tamper_evidence,
)
from ward_office.storage.migrations.schema_m010 import m010_quota_decisions
from ward_office.storage.migrations.schema_m011 import m011_entered_scores
from ward_office.storage.migrations.schema_m012 import m012_attendance_excuses
from ward_office.storage.migrations.schema_m013 import m013_event_points
from ward_office.storage.migrations.schema_m014 import m014_clock_file_previews
from ward_office.storage.migrations.schema_m015 import m015_timesheet_form
from ward_office.storage.migrations.schema_m016 import m016_citizens

# The order is the order they run in, and the names are recorded in each book: never reorder or rename.
MIGRATIONS = MigrationSet("ward_office", (
    m001_initial_schema,
    m002_check_finished_at,
    m003_clock_punches,
    m004_accounts_and_snapshots,
    m005_locked_check_rounds,
    m006_change_log_filters,
    m007_clock_judged_days,
    m008_period_reviews,
    m009_tamper_evidence,
    m010_quota_decisions,
    m011_entered_scores,
    m012_attendance_excuses,
    m013_event_points,
    m014_clock_file_previews,
    m015_timesheet_form,
    m016_citizens,
))


def known_migrations() -> tuple[str, ...]:
    """Every migration this program knows, in order."""
    return MIGRATIONS.names()


def migration_steps() -> tuple[Migration, ...]:
    """Every migration function, in order: what a fresh book is built with (to compare a book's schema)."""
    return MIGRATIONS.steps()


__all__ = ["MIGRATIONS", "Migration", "MigrationSet", "known_migrations", "migration_steps"]

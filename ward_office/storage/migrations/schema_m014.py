"""Migration m014: the previews of clock files already imported, so importing the same file again need not read
it again (``services.clock_import.remembered``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


# One row per file imported, keyed by a digest of its bytes and of everything reading it depends on (the reader's
# version, the file's name, the column mapping, the staff's clock ids); the body is what reading it gave: counts,
# unknown clock ids with their first lines, the lines skipped, the days covered. Like clock_judged_days a cache,
# not a record: emptying it only makes the next import of a file read it again, so it is not in the change log
# and not locked.
_SCHEMA_014 = (
    """
    CREATE TABLE clock_file_previews (
        key TEXT PRIMARY KEY CHECK (length(key) = 32),
        body TEXT NOT NULL CHECK (json_valid(body)),
        remembered_at TEXT NOT NULL
    ) STRICT
    """,
)


def m014_clock_file_previews(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_014:
        db.execute(statement)

"""Migration m013: the points chosen for an event of a criterion with a range of points (``points_range``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


# NULL for an event of a criterion with fixed points. Chosen points are a multiple of 0.25 (exact as a REAL),
# never zero; whether they fit the criterion's range is the events service's to say, as the plan may change.
_SCHEMA_013 = (
    """
    ALTER TABLE events ADD COLUMN points REAL
        CHECK (points IS NULL OR (points <> 0 AND points * 4 = round(points * 4) AND abs(points) <= 10000))
    """,
)


def m013_event_points(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_013:
        db.execute(statement)

"""Writing a clock file's punches with the punches table's guarantees checked once per file, not once per row.

The table refuses a punch with a blank clock id, a time not written ``YYYY-MM-DDTHH:MM:SS``, a day other than
the time's date (its CHECKs), and any punch on a day of a locked period (the ``punches_locked_insert``
trigger). Checked row by row, these cost a million-line file about three times what storing it costs. Here,
inside the caller's transaction: the days of the batch are checked against the locked periods in one query
(the trigger's own condition), the rows go in with the CHECKs and that trigger set aside for those
statements only, and the rows added are checked in one query with the CHECKs' own expressions. Any failure
raises what the table itself raised (``Context.translate`` words it), and the caller's transaction is rolled
back: nothing is written, the trigger is back. Every other statement, and every other writer, meets the
table's CHECKs and trigger as before; the trigger is dropped and made again inside the transaction, which
holds the book's write lock, so no other connection ever sees the table without it. A first import also drops the
by-day index and builds it again once the rows are in (``by_day_index_rebuilt``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from ward_office.storage.migrations.locked_sql import LOCKED

# The CHECKs of the punches table (m003), in the table's order, as SQLite names a failed one.
CHECKS = ("trim(clock_id) <> ''", "at = strftime('%Y-%m-%dT%H:%M:%S', at)", "day = date(at)")
LOCK_TRIGGER = "punches_locked_insert"
BY_DAY_INDEX = "punches_by_day"

_FIRST_FAILED = (
    "SELECT CASE " + " ".join(f"WHEN NOT ({check}) THEN {number}" for number, check in enumerate(CHECKS)) + " END"
    " FROM punches WHERE id > ? AND (" + " OR ".join(f"NOT ({check})" for check in CHECKS) + ")"
    " ORDER BY id LIMIT 1"
)
_FIRST_LOCKED = f"SELECT min(value) FROM json_each(?) WHERE {LOCKED.format(day='value')}"


def first_locked_day(conn: sqlite3.Connection, days: Iterable[str]) -> str | None:
    """The first of ``days`` (ISO text) in a locked period, by the condition of the table's trigger."""
    row = conn.execute(_FIRST_LOCKED, (json.dumps(sorted(set(days))),)).fetchone()
    return None if row is None else row[0]


def last_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM punches").fetchone()[0])


def first_failed_check(conn: sqlite3.Connection, after_id: int) -> str | None:
    """The first CHECK failed by a punch stored after ``after_id``, in the order written, or None."""
    row = conn.execute(_FIRST_FAILED, (after_id,)).fetchone()
    return None if row is None else CHECKS[row[0]]


@contextmanager
def checks_set_aside(conn: sqlite3.Connection) -> Iterator[None]:
    """The punches table's CHECKs and lock trigger off for the statements in the block only; call inside a
    transaction, and check what was written (``first_failed_check``, ``first_locked_day``) before it ends."""
    if not conn.in_transaction:
        raise RuntimeError("the punches' checks are set aside only inside a transaction")
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (LOCK_TRIGGER,)).fetchone()
    if row is not None:
        conn.execute(f"DROP TRIGGER {LOCK_TRIGGER}")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    try:
        yield
    finally:
        conn.execute("PRAGMA ignore_check_constraints = OFF")
        if row is not None:
            conn.execute(row[0])




@contextmanager
def by_day_index_rebuilt(conn: sqlite3.Connection, rebuild: bool) -> Iterator[None]:
    """With ``rebuild``, the by-day index dropped for the block and built again after it, in the transaction:
    for a batch as big as what is stored already (a first import), a third quicker than growing the index row
    by row in key order, which is the unique key's order and not the day's."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (BY_DAY_INDEX,)).fetchone()
    if not rebuild or row is None:
        yield
        return
    conn.execute(f"DROP INDEX {BY_DAY_INDEX}")
    try:
        yield
    finally:
        conn.execute(row[0])

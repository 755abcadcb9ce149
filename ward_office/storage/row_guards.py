"""Writing a big batch with a table's guarantees checked once per batch, not once per row.

The punches and attendance tables refuse a bad row with their CHECKs and a row on a day of a locked period
with a BEFORE INSERT trigger. Checked row by row, these cost a year of a big ward's clock file about three
times what storing it costs. Here, inside the caller's transaction, the batch goes in with the table's CHECKs
and its refusing insert triggers set aside for those statements only (``guards_set_aside``), and then the rows
added are checked in one query with the triggers' own conditions and the CHECKs' own expressions, read from
the book's schema (``first_refusal``). A refusal is raised as the ``sqlite3.IntegrityError`` the table itself
raised (the repositories word it), and the caller's transaction is rolled back: nothing is written, the
triggers are back. NOT NULL, the column types, the unique keys and the foreign keys are never set aside.

Every other statement, and every other writer, meets the table's CHECKs and triggers as before: the triggers
are dropped and made again inside the transaction, which holds the book's write lock, so no other connection
ever sees the table without them. A first import of punches also drops the by-day index and builds it again
once the rows are in (``index_rebuilt``).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

# A trigger that refuses a row: "CREATE TRIGGER name BEFORE INSERT ON table WHEN condition BEGIN SELECT
# RAISE(ABORT, 'message'); END". Any other insert trigger is left in place and runs per row.
_REFUSING = re.compile(r"CREATE TRIGGER (\w+) BEFORE INSERT ON (\w+) WHEN (.+) BEGIN SELECT RAISE\(ABORT,"
                       r" '(\w+)'\); END", re.DOTALL)


def table_checks(table_sql: str) -> tuple[str, ...]:
    """The expressions of the CHECK constraints in a CREATE TABLE statement, in order, as SQLite names a failed
    one."""
    checks = []
    for found in re.finditer(r"\bCHECK \(", table_sql):
        depth, quoted, start = 1, False, found.end()
        for position in range(start, len(table_sql)):
            char = table_sql[position]
            if char == "'":
                quoted = not quoted
            elif not quoted and char in "()":
                depth += 1 if char == "(" else -1
                if depth == 0:
                    checks.append(table_sql[start:position])
                    break
    return tuple(checks)


@dataclass(frozen=True, slots=True)
class RowGuards:
    """What a table checks of each row inserted: its CHECKs, and its triggers that refuse a row (name, the
    statement that makes it, its condition, its message)."""

    table: str
    checks: tuple[str, ...]
    triggers: tuple[tuple[str, str, str, str], ...]

    @classmethod
    def of(cls, conn: sqlite3.Connection, table: str) -> RowGuards:
        table_sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                 (table,)).fetchone()[0]
        triggers = []
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
                                      " ORDER BY name", (table,)):
            refusing = _REFUSING.fullmatch(sql.strip())
            if refusing is not None and refusing[2] == table:
                triggers.append((name, sql, refusing[3], refusing[4]))
        return cls(table, table_checks(table_sql), tuple(triggers))

    def first_refusal_sql(self) -> str:
        # Per row as SQLite checks it: the BEFORE INSERT triggers first, then the CHECKs in the table's order. A
        # CHECK that is NULL passes, as in the table.
        cases = [(condition, message) for _name, _sql, condition, message in self.triggers]
        cases += [(f"NOT ({check})", f"CHECK constraint failed: {check}") for check in self.checks]
        if not cases:
            return ""
        quoted = [(condition, "'" + message.replace("'", "''") + "'") for condition, message in cases]
        return (f"SELECT CASE {' '.join(f'WHEN {condition} THEN {message}' for condition, message in quoted)} END"
                f" FROM {self.table} AS NEW WHERE id > ? AND ({' OR '.join(f'({c})' for c, _m in cases)})"
                " ORDER BY id LIMIT 1")


def last_id(conn: sqlite3.Connection, table: str) -> int:
    """The highest row id of ``table``: the rows inserted after this call have higher ones (SQLite gives a new
    row the highest id plus one until that reaches 2**63 - 1, which a record book never does)."""
    return int(conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])


def first_refusal(conn: sqlite3.Connection, guards: RowGuards, after_id: int) -> str | None:
    """What the table would have said of the first row, in the order written, stored after ``after_id`` that it
    refuses (a trigger's message, or "CHECK constraint failed: …"); None when every row passes."""
    sql = guards.first_refusal_sql()
    row = conn.execute(sql, (after_id,)).fetchone() if sql else None
    return None if row is None else str(row[0])


def refuse_bad_rows(conn: sqlite3.Connection, guards: RowGuards, after_id: int) -> None:
    """Raise what the table would have raised for the first row stored after ``after_id`` that it refuses, as the
    ``sqlite3.IntegrityError`` the repositories word (``Context.writing``), so the caller's transaction rolls back."""
    refusal = first_refusal(conn, guards, after_id)
    if refusal is not None:
        raise sqlite3.IntegrityError(refusal)


@contextmanager
def guards_set_aside(conn: sqlite3.Connection, table: str) -> Iterator[RowGuards]:
    """The table's CHECKs and refusing insert triggers off for the statements in the block only; call inside a
    transaction, and check the rows written with ``first_refusal`` before it ends."""
    if not conn.in_transaction:
        raise RuntimeError("a table's guards are set aside only inside a transaction")
    guards = RowGuards.of(conn, table)
    for name, _sql, _condition, _message in guards.triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    try:
        yield guards
    finally:
        conn.execute("PRAGMA ignore_check_constraints = OFF")
        for name, sql, _condition, _message in guards.triggers:
            _restore(conn, "trigger", name, sql)


@contextmanager
def index_rebuilt(conn: sqlite3.Connection, name: str, rebuild: bool) -> Iterator[None]:
    """With ``rebuild``, the index ``name`` dropped for the block and built again after it, in the transaction:
    for a batch as big as what the table holds already (a first import), quicker than growing the index row by
    row in another order than its own."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone()
    if not rebuild or row is None:
        yield
        return
    conn.execute(f"DROP INDEX {name}")
    try:
        yield
    finally:
        _restore(conn, "index", name, row[0])


def _restore(conn: sqlite3.Connection, kind: str, name: str, sql: str) -> None:
    """Make the trigger or index again, unless it is back already: an error that ended the whole transaction
    rolled its drop back too."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?", (kind, name)).fetchone() is None:
        conn.execute(sql)

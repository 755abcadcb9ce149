"""What was changed in a record book behind the program's back: the checks that find it, and their report.

Whoever can write the file can change anything in it; what they cannot easily do is leave no trace. Three
checks here read only the book: the change log's hash chain (storage/log_chain.py), the schema against the
one the migrations build (a dropped or altered trigger), and that every lock and kept ranking has its
change-log line. The services add the fourth: a locked period's records still give its kept ranking.
Together they take about 10 ms on the 45-person, 18-month demo book, so opening a book runs them.

What the head accepted (storage/acceptance.py) is known: the chain is walked from the latest acceptance
line on, and what that line accepted is not reported while it stays as it was (services/book_check.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

from ward_office.core.period import Period, PeriodKind
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import period_label
from ward_office.storage.acceptance import Accepted, accepted
from ward_office.storage.database import sqlite_database
from ward_office.storage.log_chain import BreakKind, first_break, lines_digest
from ward_office.storage.migrations import MIGRATIONS, migration_steps

TAMPER_EVIDENCE = "m009_tamper_evidence"  # the migration that chained the log and added these triggers
NOTHING_ACCEPTED = Accepted()


class FindingKind(StrEnum):
    CHAIN = "chain"  # the change log's hash chain breaks
    SCHEMA = "schema"  # a trigger, index or table differs from what the migrations make
    LOCK_UNLOGGED = "lock_unlogged"  # a locked period without the change-log line of that lock
    SNAPSHOT_UNLOGGED = "snapshot_unlogged"  # a kept ranking without its change-log line
    RANKING_CHANGED = "ranking_changed"  # a locked period's records no longer give its kept ranking


@dataclass(frozen=True, slots=True)
class Finding:
    """One trace; ``line`` is the change-log line it starts at, when it has one; ``evidence`` is what an
    acceptance records of it, to know it again."""

    kind: FindingKind
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    line: int | None = None
    period: Period | None = None
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def localized(self) -> str:
        extra = {"period": period_label(self.period)} if self.period is not None else {}
        return _(self.message).format(**self.params, **extra)


@dataclass(frozen=True, slots=True)
class TamperReport:
    """Everything found; empty when the book shows no sign of a change made outside the program."""

    findings: tuple[Finding, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.findings)

    @property
    def since_line(self) -> int | None:
        """The change-log line the chain breaks at (or, without a break, the first line a finding names)."""
        lines = [finding.line for finding in self.findings if finding.kind is FindingKind.CHAIN
                 and finding.line is not None]
        lines = lines or [finding.line for finding in self.findings if finding.line is not None]
        return min(lines, default=None)

    def lines(self) -> list[str]:
        return [finding.localized() for finding in self.findings]

    def summary(self) -> str:
        """One paragraph for a banner or a dialog: what was found, and since which line."""
        text = _("This record book was changed outside the program: {what}.").format(
            what="; ".join(line.rstrip(".") for line in self.lines()))
        if self.since_line is not None:
            text += " " + _("Changes recorded from change log line {line} on cannot be trusted.").format(
                line=self.since_line)
        return text

    def merged(self, more: Iterable[Finding]) -> TamperReport:
        return TamperReport((*self.findings, *more))


def check_book(conn: sqlite3.Connection) -> TamperReport:
    """The checks that need only the file: chain, schema, lock and kept-ranking lines (8 to 16 ms for the
    45-person, 18-month demo book's 191 lines, 1 MB; the chain is one pass of SHA-256 over the log)."""
    if TAMPER_EVIDENCE not in MIGRATIONS.applied_names(conn):
        return TamperReport(tuple(schema_findings(conn)))  # a backup made before the chain: its schema only
    known = accepted(conn)
    return TamperReport((*chain_findings(conn, known), *schema_findings(conn, known),
                         *unlogged_findings(conn, known)))


# ---- The change log's chain ----

_BREAKS = {
    BreakKind.UNCHAINED: N_("change log line {line} was written outside the program"),
    BreakKind.EDITED: N_("change log line {line} was changed after it was written"),
    BreakKind.REMOVED_BEFORE: N_("change log lines after line {previous} and before line {line} were removed or "
                                 "changed"),
}


def chain_findings(conn: sqlite3.Connection, known: Accepted = NOTHING_ACCEPTED) -> list[Finding]:
    """The first break of the chain, walked from the latest acceptance on; and whether the lines that
    acceptance took as they were are still so."""
    findings = []
    if known.line is not None and lines_digest(conn, known.line) != known.lines_before:
        findings.append(Finding(FindingKind.CHAIN, N_("change log lines before line {accepted}, where the head "
                                                      "accepted what an earlier check found, were changed or "
                                                      "removed since"), {"accepted": known.line}))
    broken = first_break(conn, known.line)
    if broken is not None:
        findings.append(Finding(FindingKind.CHAIN, _BREAKS[broken.kind],
                                {"line": broken.line, "previous": broken.previous or 0}, broken.line,
                                evidence={"line": broken.line, "kind": broken.kind.value,
                                          "previous": broken.previous}))
    return findings


# ---- The schema ----


class _PlainDatabase:
    """Enough of sqlite-utils' Database for the migrations to build a fresh book without importing it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters or ())


def _schema(conn: sqlite3.Connection) -> dict[str, tuple[str, str, str | None]]:
    rows = conn.execute(
        f"SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        f" AND tbl_name <> '{MIGRATIONS.migrations_table}'")
    return {name: (kind, table, sql) for kind, name, table, sql in rows}


@lru_cache(maxsize=4)
def expected_schema(applied: tuple[str, ...]) -> dict[str, tuple[str, str, str | None]]:
    """What the migrations ``applied`` make, built in a fresh in-memory book (once per version)."""
    conn = sqlite3.connect(":memory:")
    try:
        steps = [step for step in migration_steps() if step.__name__ in applied]
        try:
            for step in steps:
                step(_PlainDatabase(conn))  # type: ignore[arg-type]
        except (AttributeError, TypeError):  # a migration that needs more of sqlite-utils
            conn.close()
            conn = sqlite3.connect(":memory:")
            database = sqlite_database(conn)
            for step in steps:
                step(database)
        return _schema(conn)
    finally:
        conn.close()


def schema_differences(conn: sqlite3.Connection, known: Accepted = NOTHING_ACCEPTED
                       ) -> tuple[list[str], list[str], list[str]] | None:
    """The objects missing, altered and added against what the migrations make, less those an acceptance
    kept as they are (and still are); None for a book this program does not know how to build."""
    applied = MIGRATIONS.applied_names(conn)
    if not applied or set(applied) - set(MIGRATIONS.names()):
        return None  # not a book of this program, or of a newer one: refused elsewhere
    expected, actual = expected_schema(applied), _schema(conn)

    def kept(name: str) -> bool:
        return name in known.schema and known.schema[name] == actual[name][2]

    return (sorted(expected.keys() - actual.keys()),
            sorted(name for name in expected.keys() & actual.keys() if expected[name] != actual[name]
                   and not kept(name)),
            sorted(name for name in actual.keys() - expected.keys() if not kept(name)))


def schema_findings(conn: sqlite3.Connection, known: Accepted = NOTHING_ACCEPTED) -> list[Finding]:
    differences = schema_differences(conn, known)
    if differences is None:
        return []
    findings = []
    for message, names in zip((N_("safeguards of the record book were removed: {names}"),
                               N_("safeguards of the record book were altered: {names}"),
                               N_("objects the program does not make were added to the record book: {names}")),
                              differences, strict=True):
        if names:
            findings.append(Finding(FindingKind.SCHEMA, message, {"names": ", ".join(names)}))
    return findings


_REBUILT = ("table", "index", "trigger", "view")  # the order objects are made in: tables before what uses them


def repair_schema(conn: sqlite3.Connection) -> dict[str, Any]:
    """Make the schema what the migrations make again, inside the caller's transaction, without dropping a
    table or a row: a missing object is made, an altered index, trigger or view is made anew, one the
    program does not make is removed. A table altered or added cannot be, and is kept as it is.

    Returns what an acceptance records: ``recreated`` and ``removed`` names, ``kept`` {name: SQL}."""
    differences = schema_differences(conn)
    if differences is None:
        return {"recreated": [], "removed": [], "kept": {}}
    missing, altered, added = differences
    expected = expected_schema(MIGRATIONS.applied_names(conn))
    actual = _schema(conn)
    kept = {name: actual[name][2] for name in [*altered, *added] if actual[name][0] == "table"}
    removed = [name for name in [*altered, *added] if name not in kept]
    for name in removed:
        conn.execute(f'DROP {actual[name][0].upper()} IF EXISTS "{name}"')
    recreated = [name for name in [*missing, *altered] if name not in kept]
    for kind in _REBUILT:
        for name in recreated:
            sql = expected[name][2]
            if expected[name][0] == kind and sql:
                conn.execute(sql)
    return {"recreated": recreated, "removed": [name for name in removed if name not in recreated],
            "kept": kept}


# ---- Locks and kept rankings without their change-log line ----

_KINDS = {member.value: member for member in PeriodKind}


def _period(kind: str, start: str, end: str) -> Period:
    return Period(_KINDS[kind], date.fromisoformat(start), date.fromisoformat(end))


def unlogged_findings(conn: sqlite3.Connection, known: Accepted = NOTHING_ACCEPTED) -> list[Finding]:
    findings = []
    for period_id, locked_at, kind, start, end in conn.execute(
            "SELECT id, locked_at, kind, start_day, end_day FROM periods WHERE state = 'locked' AND NOT EXISTS ("
            " SELECT 1 FROM change_log WHERE entity = 'period' AND entity_id = CAST(periods.id AS TEXT)"
            " AND action = 'lock' AND json_extract(detail, '$.after.locked_at') IS periods.locked_at)"
            " ORDER BY start_day, end_day"):
        if (period_id, str(locked_at)) in known.locks:
            continue
        findings.append(Finding(FindingKind.LOCK_UNLOGGED,
                                N_("{period} is locked, but the change log has no line for that lock"),
                                period=_period(kind, start, end),
                                evidence={"period_id": period_id, "locked_at": str(locked_at)}))
    for snapshot_id, kind, start, end in conn.execute(
            "SELECT period_snapshots.id, kind, start_day, end_day FROM period_snapshots"
            " JOIN periods ON periods.id = period_id"
            " WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE entity = 'period_snapshot'"
            " AND entity_id = CAST(period_snapshots.id AS TEXT) AND action = 'insert')"
            " ORDER BY period_snapshots.id"):
        if snapshot_id in known.snapshots:
            continue
        findings.append(Finding(FindingKind.SNAPSHOT_UNLOGGED,
                                N_("a kept ranking of {period} was added without a change log line"),
                                period=_period(kind, start, end), evidence={"snapshot_id": snapshot_id}))
    return findings

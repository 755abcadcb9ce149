"""The head's acceptance of what the tamper check found, kept as one change-log line, and what it makes known.

When the head has compared a tampered book with a backup and decides to go on with it, one line of the
change log (entity ``book_check``) records who, why and exactly what was accepted. Later checks read every
such line: what they accepted is known and no longer reported, while it stays as it was accepted.
The rule is told in full in services/book_check.py.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ward_office.storage.log_chain import append_line

ENTITY = "book_check"  # the change log's entity of an acceptance line
ACTION = "update"  # the book's state changes from "tampered" to "checked by the head"


@dataclass(frozen=True, slots=True)
class Accepted:
    """What every acceptance in the book made known; empty for a book never accepted.

    ``line`` is the latest acceptance line and ``lines_before`` the digest of the lines before it
    (``log_chain.lines_digest``); ``schema`` maps an object kept as it was found (a table the program cannot
    rebuild without losing data) to its SQL then; ``locks`` are (period id, locked at) of locks without their
    line, ``snapshots`` kept rankings without theirs, and ``rankings`` maps a kept ranking's id to the
    digest of its period's fresh scoring when it was accepted."""

    line: int | None = None
    lines_before: str | None = None
    schema: Mapping[str, str | None] = field(default_factory=dict)
    locks: frozenset[tuple[int, str]] = frozenset()
    snapshots: frozenset[int] = frozenset()
    rankings: Mapping[int, str] = field(default_factory=dict)


def accepted(conn: sqlite3.Connection) -> Accepted:
    """Every acceptance line, oldest first: the latest one gives the chain's starting line, and what each
    accepted adds up (a later digest of the same kept ranking replaces an earlier one)."""
    line, lines_before = None, None
    schema: dict[str, str | None] = {}
    locks: set[tuple[int, str]] = set()
    snapshots: set[int] = set()
    rankings: dict[int, str] = {}
    for line_id, text in conn.execute("SELECT id, detail FROM change_log WHERE entity = ? AND action = ? ORDER BY id",
                                      (ENTITY, ACTION)):
        try:
            detail = json.loads(text)
            line, lines_before = line_id, str(detail["lines_before"])
            schema.update(detail.get("kept", {}))
            locks.update((int(lock["period_id"]), str(lock["locked_at"])) for lock in detail.get("locks", ()))
            snapshots.update(int(snapshot) for snapshot in detail.get("snapshots", ()))
            rankings.update({int(item["snapshot_id"]): str(item["digest"]) for item in detail.get("rankings", ())})
        except (KeyError, TypeError, ValueError):
            continue  # not a line this program wrote: it accepts nothing
    return Accepted(line, lines_before, schema, frozenset(locks), frozenset(snapshots), rankings)


def write_acceptance(conn: sqlite3.Connection, at: str, actor: str, detail: Mapping[str, Any]) -> int:
    """Append the acceptance line (inside the caller's transaction); returns its number."""
    return append_line(conn, at, actor, ACTION, ENTITY, None, json.dumps(detail, ensure_ascii=False, default=str))

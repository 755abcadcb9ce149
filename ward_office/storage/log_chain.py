"""The change log as a hash chain: each line carries the hash of the line before it and of its own content.

Triggers keep the log append-only for anyone who leaves them in place; whoever drops them can delete, edit or
slip in a line, and the chain shows where. The hash is not secret (anyone with this code can rebuild a
chain), so the chain makes a change visible to a careless hand and to the program, not impossible: it
answers "was the log touched outside the program, and from which line on?".

The hash of a line, frozen forever (m009 chained the existing lines with it): SHA-256 of the previous
line's hash (empty for the first line), a newline, the line's other stored values as a compact JSON array
``[id, at, actor, action, entity, entity_id]``, a newline, and the detail as stored (UTF-8).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from enum import StrEnum

_LINE = "SELECT id, at, actor, action, entity, entity_id, detail, prev_hash, hash FROM change_log"


def line_hash(previous: str, line_id: int, at: str, actor: str, action: str, entity: str,
              entity_id: str | None, detail: str) -> str:
    import hashlib  # not at start: a window that opens without checking needs no hashing

    header = json.dumps([line_id, at, actor, action, entity, entity_id], ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(f"{previous}\n{header}\n".encode())
    digest.update(detail.encode())  # the rest of the input: no escaping of a long import line needed
    return digest.hexdigest()


def append_line(conn: sqlite3.Connection, at: str, actor: str, action: str, entity: str,
                entity_id: str | None, detail: str) -> int:
    """Write the next line of the chain; the only way lines are written (call inside a transaction).

    The line takes the next number explicitly: a line written at the same time elsewhere would collide
    with it and fail rather than fork the chain."""
    last = conn.execute("SELECT id, hash FROM change_log ORDER BY id DESC LIMIT 1").fetchone()
    line_id, previous = (1, "") if last is None else (last[0] + 1, last[1] or "")
    conn.execute(
        "INSERT INTO change_log (id, at, actor, action, entity, entity_id, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (line_id, at, actor, action, entity, entity_id, detail, previous,
         line_hash(previous, line_id, at, actor, action, entity, entity_id, detail)),
    )
    return line_id


def chain_existing_lines(conn: sqlite3.Connection) -> int:
    """Give every line its hashes, in id order (the migration that added them); returns how many."""
    previous = ""
    rows = conn.execute("SELECT id, at, actor, action, entity, entity_id, detail FROM change_log ORDER BY id"
                        ).fetchall()
    for line_id, at, actor, action, entity, entity_id, detail in rows:
        digest = line_hash(previous, line_id, at, actor, action, entity, entity_id, detail)
        conn.execute("UPDATE change_log SET prev_hash = ?, hash = ? WHERE id = ?", (previous, digest, line_id))
        previous = digest
    return len(rows)


class BreakKind(StrEnum):
    UNCHAINED = "unchained"  # the line has no hash: written outside the program
    EDITED = "edited"  # its content no longer gives its hash
    REMOVED_BEFORE = "removed_before"  # the line is whole, but the line it was chained to is gone


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first line where the chain breaks; ``previous`` is the last line before it that still fits."""

    line: int
    kind: BreakKind
    previous: int | None


def first_break(conn: sqlite3.Connection, since: int | None = None) -> ChainBreak | None:
    """Walk the log in id order; None when every line is chained to the one before it.

    ``since``: walk from that line on, which must be chained to the line stored before it (as
    ``append_line`` chains a line to whatever hash the last line holds): the head accepted what came before.
    """
    previous_hash, previous_id, where = "", None, ""
    if since is not None:
        before = conn.execute("SELECT id, hash FROM change_log WHERE id < ? ORDER BY id DESC LIMIT 1",
                              (since,)).fetchone()
        previous_id, previous_hash = (None, "") if before is None else (before[0], before[1] or "")
        where = f" WHERE id >= {int(since)}"
    for line_id, at, actor, action, entity, entity_id, detail, prev_hash, digest in conn.execute(
            f"{_LINE}{where} ORDER BY id"):
        if digest is None or prev_hash is None:
            return ChainBreak(line_id, BreakKind.UNCHAINED, previous_id)
        if digest != line_hash(prev_hash, line_id, at, actor, action, entity, entity_id, detail):
            return ChainBreak(line_id, BreakKind.EDITED, previous_id)
        if prev_hash != previous_hash:
            return ChainBreak(line_id, BreakKind.REMOVED_BEFORE, previous_id)
        previous_hash, previous_id = digest, line_id
    return None


def lines_digest(conn: sqlite3.Connection, before: int) -> str:
    """SHA-256 of every stored value of every line before line ``before``, hashes included: an acceptance
    keeps it, so a later change to the lines it accepted is found even though the chain is walked only
    from the acceptance on."""
    import hashlib  # not at start, as above

    digest = hashlib.sha256()
    for row in conn.execute(f"{_LINE} WHERE id < ? ORDER BY id", (before,)):
        digest.update(json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode())
        digest.update(b"\n")
    return digest.hexdigest()

"""Rankings kept when a period is locked (khóa sổ), so a later plan edit cannot rewrite a closed period.

A snapshot is written in the same transaction as the lock; snapshots are only ever added (triggers refuse
any update or delete), so unlocking keeps the old one and locking again adds a new one. The body is JSON
the services write and read; this module only keeps it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ward_office.core.change_log import ChangeAction
from ward_office.storage._base import Context
from ward_office.storage.records import PeriodId

_SELECT = "SELECT id, period_id, taken_at, taken_by, body FROM period_snapshots"


@dataclass(frozen=True, slots=True)
class SnapshotRecord:
    id: int
    period_id: PeriodId
    taken_at: datetime
    taken_by: str
    body: str  # JSON text, as stored

    def content(self) -> Any:
        return json.loads(self.body)


def _record(row: tuple[Any, ...]) -> SnapshotRecord:
    snapshot_id, period_id, taken_at, taken_by, body = row
    return SnapshotRecord(snapshot_id, PeriodId(period_id), datetime.fromisoformat(taken_at), taken_by, body)


class SnapshotRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def add(self, period_id: PeriodId, body: Mapping[str, Any], actor: str) -> SnapshotRecord:
        """Keep ``body`` for the period; call inside the transaction that locks it."""
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        with self._context.writing() as conn:
            cursor = conn.execute(
                "INSERT INTO period_snapshots (period_id, taken_at, taken_by, body) VALUES (?, ?, ?, ?)",
                (period_id, self._context.now(), actor, text),
            )
            snapshot_id = cursor.lastrowid or 0
            self._context.log(actor, ChangeAction.INSERT, "period_snapshot", snapshot_id,
                              {"after": {"period_id": period_id, "format": body.get("format"), "size": len(text)}})
            row = conn.execute(f"{_SELECT} WHERE id = ?", (snapshot_id,)).fetchone()
        return _record(row)

    def latest(self, period_id: PeriodId) -> SnapshotRecord | None:
        row = self._context.conn.execute(f"{_SELECT} WHERE period_id = ? ORDER BY id DESC LIMIT 1",
                                         (period_id,)).fetchone()
        return None if row is None else _record(row)

    def list(self, period_id: PeriodId | None = None) -> list[SnapshotRecord]:
        """Every snapshot (or those of one period), oldest first."""
        if period_id is None:
            rows = self._context.conn.execute(f"{_SELECT} ORDER BY id")
        else:
            rows = self._context.conn.execute(f"{_SELECT} WHERE period_id = ? ORDER BY id", (period_id,))
        return [_record(row) for row in rows]

"""Reading the change log; lines are written by each repository inside its own transaction."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ward_office.storage._base import Context
from ward_office.storage.records import ChangeAction, ChangeId, ChangeLogEntry

_ACTIONS = {member.value: member for member in ChangeAction}


def _entry(row: tuple[Any, ...]) -> ChangeLogEntry:
    change_id, at, actor, action, entity, entity_id, detail = row
    return ChangeLogEntry(ChangeId(change_id), datetime.fromisoformat(at), actor, _ACTIONS[action], entity,
                          entity_id, json.loads(detail))


class ChangeLogRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def list(self, entity: str | None = None, entity_id: object | None = None, *,
             limit: int | None = None) -> list[ChangeLogEntry]:
        """Lines oldest first, optionally about one kind of entity or one entity; ``limit`` keeps the newest."""
        where, params = [], []
        if entity is not None:
            where.append("entity = ?")
            params.append(entity)
        if entity_id is not None:
            where.append("entity_id = ?")
            params.append(str(entity_id))
        sql = "SELECT id, at, actor, action, entity, entity_id, detail FROM change_log"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        rows = self._context.conn.execute(sql, params).fetchall()
        return [_entry(row) for row in reversed(rows)]

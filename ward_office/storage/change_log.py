"""Reading the change log; lines are written by each repository inside its own transaction.

``list`` gives the raw lines the program checks itself against (locks, acceptance); ``find`` gives typed
``Change`` lines (storage/change_values.py) for people to read.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Any

from ward_office.core.change_log import Change, ChangeAction, ChangeEntity
from ward_office.storage._base import Context
from ward_office.storage.change_values import change
from ward_office.storage.records import ChangeId, ChangeLogEntry

_ACTIONS = {member.value: member for member in ChangeAction}
_SELECT = "SELECT id, at, actor, action, entity, entity_id, detail FROM change_log"
# The person a line is about: attendance and events carry staff_id in their row before or after. Written
# the same way in every query, so an index on this expression (see find) would serve them all.
STAFF_OF_LINE = "coalesce(json_extract(detail, '$.after.staff_id'), json_extract(detail, '$.before.staff_id'))"
# Kinds with many lines (most of a log): their newest come fastest by walking the primary key; the rare
# kinds (settings, plans, periods…) fastest through the entity index, even though it must sort them.
_FREQUENT = frozenset({ChangeEntity.ATTENDANCE, ChangeEntity.EVENT, ChangeEntity.CHECK})


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _entry(row: tuple[Any, ...]) -> ChangeLogEntry:
    change_id, at, actor, action, entity, entity_id, detail = row
    return ChangeLogEntry(ChangeId(change_id), datetime.fromisoformat(at), actor, _ACTIONS[action], entity,
                          entity_id, json.loads(detail))


def _change(row: tuple[Any, ...]) -> Change:
    line_id, at, actor, action, entity, entity_id, detail = row
    return change(line_id, at, actor, action, entity, entity_id, json.loads(detail))


class ChangeLogRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def list(self, entity: str | None = None, entity_id: object | None = None, *,
             limit: int | None = None) -> builtins.list[ChangeLogEntry]:
        """Lines oldest first, optionally about one kind of entity or one entity; ``limit`` keeps the newest."""
        return [_entry(row) for row in self._rows(entity, entity_id, limit)]

    def changes(self, entity: ChangeEntity | None = None, entity_id: object | None = None, *,
                limit: int | None = None) -> builtins.list[Change]:
        """The same lines, typed."""
        return [_change(row) for row in self._rows(entity, entity_id, limit)]

    def _rows(self, entity: str | None, entity_id: object | None, limit: int | None) -> builtins.list[tuple[Any, ...]]:
        where, params = [], []
        if entity is not None:
            where.append("entity = ?")
            params.append(str(entity))
        if entity_id is not None:
            where.append("entity_id = ?")
            params.append(str(entity_id))
        sql = _SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return list(reversed(self._context.conn.execute(sql, params).fetchall()))

    def find(self, *, start: date | None = None, end: date | None = None, who: str | None = None,
             entities: Collection[ChangeEntity] | None = None, action: ChangeAction | None = None,
             staff_ids: Collection[int] | None = None, text: str = "", text_staff_ids: Collection[int] = (),
             before_id: int | None = None, limit: int = 200) -> builtins.list[Change]:
        """Lines newest first, at most ``limit``, older than ``before_id`` (keyset paging: pass the last id
        of the previous page), written from ``start`` to ``end`` (local days, inclusive), by ``who``,
        about these kinds of record, with this action, about these people (a staff line, or a row whose
        staff_id before or after is one of them); ``text`` is a case-insensitive substring of the actor,
        the record id or the values, or ``text_staff_ids`` are people whose name matched it.

        The newest lines come straight from the primary key; a filter that matches few lines of a big log
        reads the table to its start (about 0.2 s per 100,000 lines read, as measured).
        """
        where: list[str] = []
        params: list[Any] = []
        if before_id is not None:
            where.append("id < ?")
            params.append(int(before_id))
        if start is not None:
            where.append("at >= ?")
            params.append(start.isoformat())
        if end is not None:
            where.append("at < ?")
            params.append((end + timedelta(days=1)).isoformat())
        if who is not None:
            where.append("actor = ?")
            params.append(who)
        if entities is not None:
            kinds = sorted({ChangeEntity(kind).value for kind in entities})
            if not kinds:
                return []
            column = "+entity" if _FREQUENT.intersection(kinds) else "entity"  # "+": not through the index
            where.append(f"{column} IN ({', '.join('?' for _ in kinds)})")
            params.extend(kinds)
        if action is not None:
            where.append("action = ?")
            params.append(action.value)
        if staff_ids is not None:
            people = sorted({int(staff_id) for staff_id in staff_ids})
            if not people:
                return []
            condition, values = _about_people(people)
            where.append(condition)
            params.extend(values)
        if text.strip():
            condition, values = _containing(text.strip(), text_staff_ids)
            where.append(condition)
            params.extend(values)
        sql = _SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(max(0, int(limit)))
        return [_change(row) for row in self._context.conn.execute(sql, params)]

    def actors(self) -> builtins.list[str]:
        """Everyone who ever wrote a line, in alphabetical order."""
        return sorted(row[0] for row in self._context.conn.execute("SELECT DISTINCT actor FROM change_log"))

    def last_id(self) -> int:
        row = self._context.conn.execute("SELECT max(id) FROM change_log").fetchone()
        return int(row[0] or 0)


def _containing(needle: str, text_staff_ids: Collection[int]) -> tuple[str, list[Any]]:
    """Lines whose actor, record id or values hold ``needle``, or about people whose name matched it."""
    alternatives = ["actor LIKE ? ESCAPE '\\'", "detail LIKE ? ESCAPE '\\'", "entity_id = ?"]
    values: list[Any] = [_like(needle), _like(needle), needle]
    people = sorted({int(staff_id) for staff_id in text_staff_ids})
    if people:
        condition, more = _about_people(people)
        alternatives.append(condition)
        values.extend(more)
    return "(" + " OR ".join(alternatives) + ")", values


def _about_people(people: list[int]) -> tuple[str, list[Any]]:
    marks = ", ".join("?" for _ in people)
    # Import lines hold rows in a list, which names nobody at $.after: saying so lets the partial index serve.
    return (f"((entity = 'staff' AND entity_id IN ({marks})) OR (action <> 'import' AND {STAFF_OF_LINE} IN ({marks})))",
            [*(str(person) for person in people), *people])

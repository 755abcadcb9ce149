"""The head's decisions for a period's review meeting, kept with the period's dates.

One row per period; each save replaces the body and writes the whole before and after to the change log,
so what the head decided (and changed) is on the record. The lock triggers refuse a save once the period
is locked (khóa sổ).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ward_office.core.change_log import ChangeAction
from ward_office.core.period import Period
from ward_office.core.review import ReviewNotes
from ward_office.storage._base import Context, changed

_SELECT = "SELECT id, body, saved_at, saved_by FROM period_reviews"


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    id: int
    period: Period
    notes: ReviewNotes
    saved_at: datetime
    saved_by: str


class ReviewRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def get(self, period: Period) -> ReviewRecord | None:
        row = self._context.conn.execute(f"{_SELECT} WHERE start_day = ? AND end_day = ?",
                                         (period.start.isoformat(), period.end.isoformat())).fetchone()
        if row is None:
            return None
        review_id, body, saved_at, saved_by = row
        return ReviewRecord(review_id, period, ReviewNotes.from_json(json.loads(body)),
                            datetime.fromisoformat(saved_at), saved_by)

    def save(self, period: Period, notes: ReviewNotes, actor: str) -> ReviewRecord:
        """Keep ``notes`` for ``period``, replacing what was kept; nothing is written when nothing changed."""
        before = self.get(period)
        body = notes.to_json()
        if before is not None and before.notes.to_json() == body:
            return before
        text = json.dumps(body, ensure_ascii=False, sort_keys=True)
        dates: dict[str, Any] = {"kind": period.kind.value, "start_day": period.start.isoformat(),
                                 "end_day": period.end.isoformat()}
        with self._context.writing([period.start]) as conn:
            if before is None:
                cursor = conn.execute(
                    "INSERT INTO period_reviews (start_day, end_day, body, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)",
                    (dates["start_day"], dates["end_day"], text, self._context.now(), actor))
                review_id = cursor.lastrowid or 0
                self._context.log(actor, ChangeAction.INSERT, "period_review", review_id, {**dates, "after": body})
            else:
                review_id = before.id
                conn.execute("UPDATE period_reviews SET body = ?, saved_at = ?, saved_by = ? WHERE id = ?",
                             (text, self._context.now(), actor, review_id))
                self._context.log(actor, ChangeAction.UPDATE, "period_review", review_id,
                                  {**dates, **changed(before.notes.to_json(), body)})
        saved = self.get(period)
        assert saved is not None
        return saved

    def has_records(self, period: Period) -> bool:
        """Whether the book holds any attendance or event on a day of ``period``: a period it can compare with."""
        days = (period.start.isoformat(), period.end.isoformat())
        row = self._context.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM attendance WHERE day BETWEEN ?1 AND ?2)"
            " OR EXISTS (SELECT 1 FROM events WHERE day BETWEEN ?1 AND ?2)", days).fetchone()
        return bool(row[0])

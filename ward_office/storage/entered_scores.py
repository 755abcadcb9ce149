"""The points the head entered each month for the plan's entered blocks, one row per person, month and item.

A change asked for is written in one transaction with a change log line per entry changed; clearing an entry
deletes its row. The triggers refuse any change to a month a locked period (khóa sổ) touches.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from fractions import Fraction
from typing import Any

from ward_office.core.change_log import ChangeAction
from ward_office.core.entered_scores import EnteredItem, EnteredScore, ScoreEntry
from ward_office.core.staff import StaffId
from ward_office.storage._base import Context

_SELECT = ("SELECT staff_id, month, item_code, points, self_points, note, entered_by, entered_at, id "
           "FROM entered_scores")
_MONTH_LOCKED = ("SELECT 1 FROM periods WHERE state = 'locked' AND start_day <= date(?, '+1 month', '-1 day') "
                 "AND ? <= end_day LIMIT 1")


def number_text(value: Fraction) -> str:
    """An exact number as stored: "65", "32.5"; a fraction with no finite decimal as "a/b"."""
    if value.denominator == 1:
        return str(value.numerator)
    denominator = value.denominator
    for factor in (2, 5):
        while denominator % factor == 0:
            denominator //= factor
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    places = 0
    while (value * 10 ** places).denominator != 1:
        places += 1
    whole = value * 10 ** places
    text = str(whole.numerator).rjust(places + 1, "0")
    return f"{text[:-places]}.{text[-places:]}"


def _score(row: tuple[Any, ...]) -> EnteredScore:
    staff_id, month, item_code, points, self_points, note, entered_by, entered_at, score_id = row
    return EnteredScore(StaffId(staff_id), date.fromisoformat(month), item_code, Fraction(points),
                        None if self_points is None else Fraction(self_points), note, entered_by,
                        datetime.fromisoformat(entered_at), score_id)


def _log_row(staff_id: StaffId, month: date, item: EnteredItem, points: Fraction, self_points: Fraction | None,
             note: str) -> dict[str, Any]:
    """An entry as the change log keeps it: with the item's name and maximum, as the plan had them."""
    return {"staff_id": staff_id, "month": month.isoformat(), "item_code": item.code, "item_name": item.name,
            "maximum": number_text(item.maximum), "points": number_text(points),
            "self_points": None if self_points is None else number_text(self_points), "note": note}


class EnteredScoreRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def list(self, start: date, end: date) -> list[EnteredScore]:
        """The entries of the months from ``start``'s to ``end``'s, by month, person and item."""
        rows = self._context.conn.execute(f"{_SELECT} WHERE month BETWEEN ? AND ? ORDER BY month, staff_id, item_code",
                                          (start.replace(day=1).isoformat(), end.isoformat()))
        return [_score(row) for row in rows]

    def month_locked(self, month: date) -> bool:
        """Whether a locked period touches the month (its entries then stay as they are)."""
        first = month.replace(day=1).isoformat()
        return self._context.conn.execute(_MONTH_LOCKED, (first, first)).fetchone() is not None

    def apply(self, month: date, entries: Sequence[tuple[ScoreEntry, EnteredItem]], actor: str) -> int:
        """Write the entries of one month, all or none, each one that changes something logged; returns how
        many changed. The caller has checked them against the plan and the people of the month."""
        month = month.replace(day=1)
        current = {(score.staff_id, score.item_code): score for score in self.list(month, month)}
        changed = 0
        with self._context.writing([month]) as conn:
            for entry, item in entries:
                stored = current.get((entry.staff_id, item.code))
                before = None if stored is None else _log_row(stored.staff_id, month, item, stored.points,
                                                              stored.self_points, stored.note)
                if entry.points is None:
                    if stored is None:
                        continue
                    conn.execute("DELETE FROM entered_scores WHERE id = ?", (stored.id,))
                    self._context.log(actor, ChangeAction.DELETE, "entered_score", stored.id, {"before": before})
                    changed += 1
                    continue
                after = _log_row(entry.staff_id, month, item, entry.points, entry.self_points, entry.note)
                if before == after:
                    continue
                values = (after["points"], after["self_points"], entry.note, actor, self._context.now())
                if stored is None:
                    cursor = conn.execute(
                        "INSERT INTO entered_scores (staff_id, month, item_code, points, self_points, note, "
                        "entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (entry.staff_id, month.isoformat(), item.code, *values))
                    self._context.log(actor, ChangeAction.INSERT, "entered_score", cursor.lastrowid,
                                      {"after": after})
                else:
                    conn.execute("UPDATE entered_scores SET points = ?, self_points = ?, note = ?, entered_by = ?, "
                                 "entered_at = ? WHERE id = ?", (*values, stored.id))
                    self._context.log(actor, ChangeAction.UPDATE, "entered_score", stored.id, {
                        "before": before, "after": after,
                        "changed": sorted(key for key in after if before is not None and before[key] != after[key])})
                changed += 1
        return changed

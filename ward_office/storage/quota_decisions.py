"""The emulation council's decisions on ties at the quota line, as the head recorded them.

Decisions are only added: a new one for the same period and grade supersedes the earlier one, which stays in
the book and in the change log. The triggers refuse a decision for a locked period (khóa sổ).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ward_office.core.change_log import ChangeAction
from ward_office.core.period import Period, PeriodKind
from ward_office.core.quota import QuotaDecision
from ward_office.core.staff import StaffId
from ward_office.storage._base import Context

_SELECT = ("SELECT id, period_kind, start_day, end_day, grade_code, places, tied, chosen, meeting_date, "
           "minute_number, reason, decided_by, decided_at FROM quota_decisions")


def _decision(row: tuple[Any, ...]) -> QuotaDecision:
    (decision_id, kind, start, end, grade_code, places, tied, chosen, meeting_date, minute_number, reason,
     decided_by, decided_at) = row
    return QuotaDecision(
        Period(PeriodKind(kind), date.fromisoformat(start), date.fromisoformat(end)), grade_code, places,
        tuple(StaffId(staff_id) for staff_id in json.loads(tied)),
        tuple(StaffId(staff_id) for staff_id in json.loads(chosen)), date.fromisoformat(meeting_date),
        minute_number, reason, decided_by, datetime.fromisoformat(decided_at), decision_id)


def decision_row(decision: QuotaDecision) -> dict[str, Any]:
    """The decision as the change log keeps it."""
    period = decision.period
    return {"kind": period.kind.value, "start_day": period.start.isoformat(), "end_day": period.end.isoformat(),
            "grade_code": decision.grade_code, "places": decision.places, "tied": list(decision.tied),
            "chosen": list(decision.chosen), "meeting_date": decision.meeting_date.isoformat(),
            "minute_number": decision.minute_number, "reason": decision.reason}


class QuotaDecisionRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def add(self, decision: QuotaDecision, actor: str) -> QuotaDecision:
        """Record ``decision`` (its ``decided_by``, ``decided_at`` and ``id`` are set here)."""
        row = decision_row(decision)
        tied = json.dumps(sorted(decision.tied))
        chosen = json.dumps(sorted(decision.chosen))
        with self._context.writing([decision.period.start]) as conn:
            cursor = conn.execute(
                "INSERT INTO quota_decisions (period_kind, start_day, end_day, grade_code, places, tied, chosen, "
                "meeting_date, minute_number, reason, decided_by, decided_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row["kind"], row["start_day"], row["end_day"], decision.grade_code, decision.places, tied, chosen,
                 row["meeting_date"], decision.minute_number, decision.reason, actor, self._context.now()))
            decision_id = cursor.lastrowid or 0
            self._context.log(actor, ChangeAction.INSERT, "quota_decision", decision_id, {"after": row})
            stored = conn.execute(f"{_SELECT} WHERE id = ?", (decision_id,)).fetchone()
        return _decision(stored)

    def list(self, period: Period | None = None) -> list[QuotaDecision]:
        """Every decision (or those of exactly ``period``), oldest first."""
        if period is None:
            rows = self._context.conn.execute(f"{_SELECT} ORDER BY id")
        else:
            rows = self._context.conn.execute(f"{_SELECT} WHERE start_day = ? AND end_day = ? ORDER BY id",
                                              (period.start.isoformat(), period.end.isoformat()))
        return [_decision(row) for row in rows]

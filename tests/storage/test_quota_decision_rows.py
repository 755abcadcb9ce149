"""The emulation council's decisions on quota ties: kept as recorded, only ever added, refused for a locked period,
and told in the change log in the people's words."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from storage_helpers import ACTOR

from ward_office.core.change_log import ChangeEntity, ChangeField
from ward_office.core.errors import PeriodLockedError
from ward_office.core.period import month
from ward_office.core.quota import QuotaDecision
from ward_office.core.staff import Staff, StaffId
from ward_office.storage import Store

NOV = month(2026, 11)


def decision(person: Staff, other: Staff, period=NOV) -> QuotaDecision:
    assert person.id is not None and other.id is not None
    return QuotaDecision(period, "HTXS", 1, (other.id, person.id), (other.id,), date(2026, 12, 1), "12/BB-HĐTĐ",
                         "Nhiều sáng kiến", "", datetime(2000, 1, 1))


def test_a_decision_is_kept_as_recorded_and_logged(store: Store, person: Staff, other: Staff) -> None:
    stored = store.quota_decisions.add(decision(person, other), ACTOR)
    assert stored.id is not None and stored.decided_by == ACTOR and stored.decided_at.year >= 2026
    assert stored.tied == tuple(sorted((StaffId(person.id or 0), StaffId(other.id or 0))))
    assert stored.chosen == (other.id,) and stored.period == NOV and stored.places == 1
    assert store.quota_decisions.list(NOV) == [stored] and store.quota_decisions.list(month(2026, 10)) == []
    (change,) = store.change_log.changes(ChangeEntity.QUOTA_DECISION)
    assert change.after == NOV and change.new[ChangeField.CHOSEN] == (other.id,)
    assert change.new[ChangeField.MEETING_DATE] == date(2026, 12, 1)
    assert change.new[ChangeField.MINUTE_NUMBER] == "12/BB-HĐTĐ"


def test_no_decision_for_a_locked_period_and_none_rewritten(store: Store, db_path: Path, person: Staff,
                                                            other: Staff) -> None:
    store.quota_decisions.add(decision(person, other), ACTOR)
    store.periods.lock(NOV, ACTOR)
    with pytest.raises(PeriodLockedError):
        store.quota_decisions.add(decision(person, other), ACTOR)
    with sqlite3.connect(db_path) as raw:
        for statement in ("UPDATE quota_decisions SET chosen = '[]'", "DELETE FROM quota_decisions"):
            with pytest.raises(sqlite3.IntegrityError):
                raw.execute(statement)
    assert len(store.quota_decisions.list()) == 1

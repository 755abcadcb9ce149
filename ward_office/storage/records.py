"""Records that exist only because the data is stored: a plan as adopted, a period's lock, a log line.

The core describes the ward; these describe the book kept about it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NewType

from ward_office.core.change_log import ChangeAction
from ward_office.core.period import Period, PeriodState

PlanId = NewType("PlanId", int)
PeriodId = NewType("PeriodId", int)
ChangeId = NewType("ChangeId", int)


@dataclass(frozen=True, slots=True)
class PlanRecord:
    """One adopted version of an emulation plan, with its TOML text exactly as adopted."""

    id: PlanId
    code: str
    version: int
    effective_from: date | None
    name: str
    body: str
    adopted_at: datetime
    adopted_by: str


@dataclass(frozen=True, slots=True)
class PeriodRecord:
    id: PeriodId
    period: Period
    state: PeriodState = PeriodState.OPEN
    locked_at: datetime | None = None
    locked_by: str | None = None

    @property
    def is_locked(self) -> bool:
        return self.state is PeriodState.LOCKED


@dataclass(frozen=True, slots=True)
class ChangeLogEntry:
    """Who changed what and when; ``detail`` holds the values before and after."""

    id: ChangeId
    at: datetime
    actor: str
    action: ChangeAction
    entity: str
    entity_id: str | None
    detail: Mapping[str, Any] = field(default_factory=dict)

"""A quota line that cuts through people tied on every key, and the emulation council's decision on it.

The plan's quota (tỷ lệ tối đa) is a maximum. When it leaves k places for a group of people equal on the
score and on every tie-break key, the program cannot choose among them: the emulation council (Hội đồng thi
đua) does, at a meeting with its minutes (biên bản). The program shows the tie as pending until the head
records that decision, then applies it, citing it; a decision taken for a tied group that has changed since
(a record was edited) no longer applies, and the tie is pending again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction

from ward_office.core.period import Period
from ward_office.core.plan_types import Grade
from ward_office.core.staff import Staff, StaffId


@dataclass(frozen=True, slots=True)
class QuotaDecision:
    """What the council decided for one tie: of ``tied`` (as they stood), ``chosen`` keep the grade."""

    period: Period
    grade_code: str
    places: int  # the places the quota left for the tied people when the council met
    tied: tuple[StaffId, ...]  # sorted
    chosen: tuple[StaffId, ...]  # sorted, a subset of ``tied``, at most ``places``
    meeting_date: date
    minute_number: str  # the number of the meeting's minutes (số biên bản), e.g. 12/BB-HĐTĐ
    reason: str
    decided_by: str
    decided_at: datetime
    id: int | None = None

    def fits(self, period: Period, grade_code: str, places: int, tied: tuple[StaffId, ...]) -> bool:
        """Whether this decision still answers the tie as it stands now."""
        return ((self.period.start, self.period.end) == (period.start, period.end)
                and self.grade_code == grade_code and self.places == places
                and tuple(sorted(self.tied)) == tuple(sorted(tied))
                and len(self.chosen) <= places and set(self.chosen) <= set(tied))


class QuotaTieState(StrEnum):
    PENDING = "pending"  # đang chờ quyết định
    DECIDED = "decided"  # đã quyết định


@dataclass(frozen=True, slots=True)
class QuotaTie:
    """The quota line cutting through one rank: ``places`` of the ``tied`` people may keep ``grade``.

    Pending, nobody of the group is demoted; decided, the chosen keep it and the others are demoted citing the
    decision. ``stale`` is a decision recorded for this grade that no longer fits (shown, not applied)."""

    grade: Grade
    places: int
    tied: tuple[Staff, ...]  # in rank (Vietnamese name) order
    score: Fraction
    rank: int
    decision: QuotaDecision | None = None
    stale: QuotaDecision | None = None

    @property
    def state(self) -> QuotaTieState:
        return QuotaTieState.PENDING if self.decision is None else QuotaTieState.DECIDED

    @property
    def tied_ids(self) -> tuple[StaffId, ...]:
        return tuple(sorted(person.id for person in self.tied if person.id is not None))

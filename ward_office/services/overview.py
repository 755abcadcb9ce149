"""What the dashboard (Tổng quan) shows: today's attendance, open checks, the ends of the ranking and
violations by block, computed here so the numbers can be tested without a window.

Today's tiles count people by the figures of ``services.day_figures``, the attendance grid's footer's too, so
both say the same "Có mặt" for the same day. Each person also has one main state for the list of names:

1. ABSENT if any session of the day is absent without leave (vắng không lý do);
2. else ON_LEAVE if any session is on leave (the leave codes are kept);
3. else LATE if any session began more than the grace minutes late;
4. else EARLY if any session was left more than the grace minutes early;
5. else PRESENT (on time; no record at all means present on time).

The grace minutes are the schedule's, as in scoring, so the dashboard and the score agree on who was late.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.checks import Check
from ward_office.core.period import Period, month
from ward_office.core.staff import Staff, StaffId
from ward_office.services.day_figures import DayState as DayState
from ward_office.services.day_figures import day_figures
from ward_office.services.ranking import current_review_period
from ward_office.services.ward import Ward

if TYPE_CHECKING:
    from ward_office.scoring.results import StaffResult


@dataclass(frozen=True, slots=True)
class PersonToday:
    staff: Staff
    state: DayState
    late_minutes: int = 0  # the most late of the day's sessions; 0 when within the grace minutes
    early_minutes: int = 0  # likewise for leaving early
    leave_codes: tuple[LeaveCode, ...] = ()  # in session order, without repeats
    figures: frozenset[DayState] = frozenset()  # every figure of the day they count under (services.day_figures)


@dataclass(frozen=True, slots=True)
class TodayAttendance:
    day: date
    working_day: bool
    holiday_name: str  # the holiday or make-up working day of the holiday table, or ""
    people: tuple[PersonToday, ...]  # everyone working here that day, by staff code

    def count(self, state: DayState) -> int:
        """How many people count under the figure ``state`` (services.day_figures)."""
        return len(self.with_state(state))

    def with_state(self, state: DayState) -> list[PersonToday]:
        """The people counted under the figure ``state``: the same as the attendance grid's footer counts."""
        return [person for person in self.people if state in person.figures]

    def leave_counts(self) -> dict[LeaveCode, int]:
        """People on leave by leave code (a person with two codes counts under each)."""
        counts: Counter[LeaveCode] = Counter()
        for person in self.with_state(DayState.ON_LEAVE):
            counts.update(person.leave_codes)
        return {code: counts[code] for code in LeaveCode if counts[code]}


def person_state(person: Staff, records: Sequence[Attendance], grace_minutes: int) -> PersonToday:
    """One person's day from their session records (the rule is in the module docstring)."""
    ordered = sorted(records, key=lambda record: record.session != "morning")
    leave_codes = tuple(dict.fromkeys(record.leave_code for record in ordered if record.leave_code is not None))
    late = max((record.late_minutes for record in ordered if record.late_minutes > grace_minutes), default=0)
    early = max((record.early_minutes for record in ordered if record.early_minutes > grace_minutes), default=0)
    statuses = {record.status for record in ordered}
    if AttendanceStatus.ABSENT in statuses:
        state = DayState.ABSENT
    elif AttendanceStatus.LEAVE in statuses:
        state = DayState.ON_LEAVE
    elif late:
        state = DayState.LATE
    elif early:
        state = DayState.EARLY
    else:
        state = DayState.PRESENT
    return PersonToday(person, state, late, early, leave_codes, day_figures(ordered, grace_minutes))


def today_attendance(ward: Ward, day: date) -> TodayAttendance:
    store = ward.store
    calendar = store.schedule.calendar(day, day)
    special = calendar.holidays.get(day)
    grace = store.schedule.get().grace_minutes
    by_person: dict[StaffId, list[Attendance]] = {}
    for record in store.attendance.for_day(day):
        by_person.setdefault(record.staff_id, []).append(record)
    people = tuple(
        person_state(person, by_person.get(person.id, []) if person.id is not None else [], grace)
        for person in ward.staff(active_on=day)
    )
    holiday_name = special.name if special is not None else ""
    return TodayAttendance(day, calendar.is_working_day(day), holiday_name, people)


# ---- Checks ----


def open_checks(ward: Ward, day: date) -> list[Check]:
    """Check rounds begun on ``day``, and those begun before and not finished yet, oldest first."""
    found = {check.id: check for check in [*ward.store.checks.list_open(), *ward.store.checks.list(day, day)]}
    return sorted(found.values(), key=lambda check: check.started_at)


# ---- Ranking and violations ----


def current_month(today: date) -> Period:
    return month(today.year, today.month)


@dataclass(frozen=True, slots=True)
class RankingExtremes:
    period: Period
    top: tuple[StaffResult, ...]  # best first
    bottom: tuple[StaffResult, ...]  # in rank order, the last one last; nobody of ``top`` again
    ranked: int  # how many were ranked


def ranking_extremes(ward: Ward, period: Period, today: date, n: int = 5) -> RankingExtremes:
    results = ward.score(period, today).ranking.results
    top = results[:n]
    bottom = results[max(n, len(results) - n):]
    return RankingExtremes(period, tuple(top), tuple(bottom), len(results))


@dataclass(frozen=True, slots=True)
class BlockCount:
    code: str
    name: str
    violations: int  # occurrences with negative points: events, checks and attendance (late, absent…)


def violations_by_block(ward: Ward, month_period: Period, today: date | None = None) -> list[BlockCount]:
    """Per block of the plan that has deductions, in plan order: violation occurrences in the period.

    An occurrence counts by the plan's points for it (capped ones included), as the score's
    ``violations`` count does; attendance counts through the plan's attendance rules.
    """
    ranking = ward.score(month_period, today).ranking
    counts: Counter[str] = Counter()
    for result in ranking.results:
        counts.update(item.block_code for item in result.items if item.raw_points < 0)
    criteria = ranking.plan.criteria
    return [
        BlockCount(block.code, block.name, counts[block.code])
        for block in ranking.plan.blocks
        if any(points < 0 for code in block.criteria
               for points in (criteria[code].points, *(step.points for step in criteria[code].escalation)))
    ]


@dataclass(frozen=True, slots=True)
class ScoreOverview:
    """The parts of the dashboard that need scoring, computed together off the window's thread."""

    extremes: RankingExtremes
    month: Period
    blocks: tuple[BlockCount, ...]


def score_overview(ward: Ward, today: date, n: int = 5) -> ScoreOverview:
    month_period = current_month(today)
    return ScoreOverview(ranking_extremes(ward, current_review_period(today), today, n), month_period,
                         tuple(violations_by_block(ward, month_period, today)))

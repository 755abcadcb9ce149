"""Locking a review period (khóa sổ) and unlocking it: the head signs a period off, and its ranking is kept.

Locking freezes the period's attendance, checks and events (triggers refuse any change, even by raw SQL)
and keeps the ranking as scored at that moment, in the same transaction, so a plan adopted later changes
nothing shown for it. Unlocking needs the head and a reason; the kept ranking stays in the book, and
locking again keeps a new one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ward_office.core.access import Permission
from ward_office.core.change_log import ChangeAction, ChangeEntity, ChangeField
from ward_office.core.errors import PeriodLockedError, ReasonMissingError, WardOfficeError
from ward_office.core.period import FiguresStatus, Period
from ward_office.core.plan import EmulationPlan
from ward_office.core.schedule import DayKind, Holiday, WorkCalendar
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_date, format_time, period_label
from ward_office.scoring.results import ScoredPeriod
from ward_office.services.entered_scores import require_everyone_graded
from ward_office.services.plan_years import ward_period
from ward_office.services.quota_decisions import require_no_pending_tie
from ward_office.services.ranking import score_records
from ward_office.services.ranking_snapshots import from_json, kept_scored_period, snapshot_body
from ward_office.services.ward import Ward
from ward_office.storage import PeriodRecord, Store
from ward_office.storage.acceptance import accepted
from ward_office.storage.tamper import Finding, FindingKind


class PeriodNotOverError(WardOfficeError):
    """A period can be locked only once it is over."""


class CheckRoundOpenError(WardOfficeError):
    """A period cannot be locked while one of its check rounds is unfinished."""


class PeriodNotLockedError(WardOfficeError):
    """Only a locked period can be unlocked."""


if TYPE_CHECKING:
    from ward_office.scoring.results import Ranking


@dataclass(frozen=True, slots=True)
class PeriodLock:
    """A locked period: when, by whom, and when its ranking was kept (None: locked without one)."""

    period: Period
    locked_at: datetime
    locked_by: str
    kept_at: datetime | None = None

    @property
    def label(self) -> str:
        return period_label(self.period)


@dataclass(frozen=True, slots=True)
class LockEvent:
    """A line of the locks' history: a lock or an unlock, with the reason given for an unlock."""

    at: datetime
    actor: str
    locked: bool
    period: Period
    reason: str = ""
    order: int = 0  # the change log line's number: the order of events within the same second


def _lock_of(ward: Ward, record: PeriodRecord) -> PeriodLock | None:
    if not record.is_locked or record.locked_at is None:
        return None
    snapshot = ward.store.snapshots.latest(record.id)
    kept_at = snapshot.taken_at if snapshot is not None and snapshot.taken_at >= record.locked_at else None
    return PeriodLock(record.period, record.locked_at, record.locked_by or "", kept_at)


def period_lock(ward: Ward, period: Period) -> PeriodLock | None:
    """The lock of exactly this period, or None when it is open."""
    period = ward_period(ward.store, period)  # a year is the plan's
    record = ward.store.periods.get(period)
    return None if record is None else _lock_of(ward, record)


def locked_periods(ward: Ward) -> list[PeriodLock]:
    """Every locked period, the latest first."""
    locks = [lock for record in ward.store.periods.list() if (lock := _lock_of(ward, record)) is not None]
    return sorted(locks, key=lambda lock: (lock.period.start, -lock.period.end.toordinal()), reverse=True)


def lock_history(ward: Ward) -> list[LockEvent]:
    """Every lock and unlock from the change log, the latest first."""
    events = []
    for line in ward.store.change_log.changes(ChangeEntity.PERIOD):
        if line.action not in (ChangeAction.LOCK, ChangeAction.UNLOCK) or not isinstance(line.after, Period):
            continue  # a line of another kind, or one whose period does not read
        events.append(LockEvent(line.at, line.actor, line.action is ChangeAction.LOCK, line.after,
                                str(line.facts.get(ChangeField.REASON, "")), line.id))
    return list(reversed(events))


def kept_ranking(ward: Ward, period: Period) -> ScoredPeriod | None:
    """The ranking kept when ``period`` was locked, or None when it is open (or was locked without one)."""
    period = ward_period(ward.store, period)  # a year is the plan's
    return kept_scored_period(ward.store, period)


def lock_period(ward: Ward, period: Period, today: date) -> PeriodLock:
    """Lock ``period`` and keep its ranking, both or neither; only the head may, and only once it is over."""
    period = ward_period(ward.store, period)  # a year is the plan's
    ward.require(Permission.LOCK_PERIOD)
    label = period_label(period)
    if period.end >= today:
        raise PeriodNotOverError(N_("{period} is not over yet: a period can be locked from the day after its last "
                                    "day ({day})"), period=label, day=format_date(period.end))
    current = period_lock(ward, period)
    if current is not None:
        raise PeriodLockedError(N_("{period} was already locked on {day} by {name}"), period=label,
                                day=format_date(current.locked_at.date()), name=current.locked_by)
    open_rounds = [check for check in ward.store.checks.list_open() if period.contains(check.started_at.date())]
    if open_rounds:
        started = open_rounds[0].started_at
        raise CheckRoundOpenError(N_("The check round begun on {day} at {time} is not finished yet; finish it on the "
                                     "Checks page before locking {period}"),
                                  day=format_date(started.date()), time=format_time(started.time()), period=label)
    store = ward.store
    with store.atomic():
        # Lock first: from here on the records cannot change, so the kept ranking is the locked one.
        record = store.periods.lock(period, ward.actor)
        plan_record, _plan = store.plans.in_effect(period.end)
        scored = score_records(store, period, today)
        require_no_pending_tie(scored.ranking)  # refused: the lock above is rolled back with it
        require_everyone_graded(scored.ranking)  # the same
        snapshot = store.snapshots.add(record.id, snapshot_body(scored, plan_id=plan_record.id, scored_on=today),
                                       ward.actor)
    assert record.locked_at is not None
    return PeriodLock(record.period, record.locked_at, record.locked_by or ward.actor, snapshot.taken_at)


def unlock_period(ward: Ward, period: Period, reason: str) -> None:
    """Open ``period`` again; only the head may, with a reason, which the change log keeps."""
    period = ward_period(ward.store, period)  # a year is the plan's
    ward.require(Permission.UNLOCK_PERIOD)
    if not reason.strip():
        raise ReasonMissingError(N_("Say why the period is unlocked"))
    if period_lock(ward, period) is None:
        raise PeriodNotLockedError(N_("{period} is not locked"), period=period_label(period))
    ward.store.periods.unlock(period, ward.actor, reason)


def figures_status(store: Store, period: Period, today: date) -> FiguresStatus:
    """Whether the figures of ``period`` printed on ``today`` are final: the period, or a locked period that
    holds all of it, is locked (khóa sổ); otherwise they are provisional as of ``today``. The lock names
    the account's full name where the book still has it."""
    period = ward_period(store, period)  # a year is the plan's
    record = store.periods.get(period)
    if record is None or not record.is_locked:
        record = next((candidate for candidate in store.periods.list() if candidate.is_locked
                       and candidate.period.start <= period.start and period.end <= candidate.period.end), None)
    if record is None or not record.is_locked or record.locked_at is None:
        return FiguresStatus(today)
    account = store.accounts.get_by_username(record.locked_by) if record.locked_by else None
    return FiguresStatus(today, record.locked_at, account.full_name if account else record.locked_by or "")


# ---- Whether a locked period's records still give its kept ranking ----


def changed_rankings(store: Store) -> list[Finding]:
    """Locked periods whose records, scored again as they were scored at the lock (the kept plan, the working
    days and grace minutes of that moment, read back from the change log), no longer give the kept ranking.

    Only the scores and scored items of each person are compared: a name, position or department changed
    since is shown by the kept ranking as it was, and changes no score. A period the head accepted as it
    was (services/book_check.py) is not reported while its fresh scoring still gives the accepted digest."""
    findings = []
    known = accepted(store.conn).rankings
    for record in store.periods.list():
        if not record.is_locked or record.locked_at is None:
            continue
        snapshot = store.snapshots.latest(record.id)
        if snapshot is None or snapshot.taken_at < record.locked_at:
            continue  # locked without a kept ranking: nothing to compare with
        try:
            body = snapshot.content()
            kept = body["scored"]["ranking"]
            plan: EmulationPlan | None = from_json(EmulationPlan, kept["plan"])
            scored_on = date.fromisoformat(body["scored_on"]) if body.get("scored_on") else record.period.end
        except (KeyError, TypeError, ValueError):
            continue  # a kept ranking this program cannot read is refused when shown
        line = _line_of(store, snapshot.id)
        if kept.get("plan_versions"):  # months under several versions: each its own, as adopted (never rewritten)
            plan = None
        fresh = score_records(store, record.period, scored_on, plan=plan,
                              calendar=_calendar_at(store, record.period, line)).ranking
        differing = _people_differing(kept["results"], fresh)
        if not differing:
            continue
        digest = _scoring_digest(fresh)
        if known.get(snapshot.id) == digest:
            continue
        findings.append(Finding(
            FindingKind.RANKING_CHANGED,
            N_("the records of {period}, locked on {day}, no longer give the ranking kept at the lock "
               "({count} people's scores differ)"),
            {"day": format_date(record.locked_at.date()), "count": differing}, line, record.period,
            {"period_id": record.id, "snapshot_id": snapshot.id, "digest": digest}))
    return findings


def _line_of(store: Store, snapshot_id: int) -> int | None:
    lines = store.change_log.changes(ChangeEntity.PERIOD_SNAPSHOT, snapshot_id, limit=1)
    return lines[0].id if lines else None


def _calendar_at(store: Store, period: Period, line: int | None) -> WorkCalendar:
    """The working days of ``period`` as they were at change-log line ``line``: today's, with every later
    change of the working week, grace minutes or holidays undone, newest first."""
    calendar = store.schedule.calendar(period.start, period.end)
    if line is None:
        return calendar
    schedule, holidays = calendar.schedule, dict(calendar.holidays)
    later = [entry for entry in [*store.change_log.list("work_schedule"), *store.change_log.list("holiday")]
             if entry.id > line]
    for entry in sorted(later, key=lambda entry: entry.id, reverse=True):
        detail = entry.detail
        if entry.entity == "work_schedule" and isinstance(detail.get("before"), dict):
            before = detail["before"]
            schedule = dataclasses.replace(
                schedule, grace_minutes=int(before["grace_minutes"]),
                work_weekdays=frozenset(int(day) for day in str(before["work_weekdays"]).split(",") if day))
            continue
        if entry.entity != "holiday":
            continue
        after = detail.get("after")
        for row in after if isinstance(after, list) else [after] if isinstance(after, dict) else []:
            holidays.pop(date.fromisoformat(row["day"]), None)
        before = detail.get("before")
        if isinstance(before, dict) and period.contains(date.fromisoformat(before["day"])):
            holidays[date.fromisoformat(before["day"])] = Holiday(
                date.fromisoformat(before["day"]), before["name"], DayKind(before["kind"]), bool(before["prefilled"]))
    return WorkCalendar(schedule, holidays)


def _items(pairs: list[tuple[Any, ...]]) -> list[str]:
    return sorted(repr(pair) for pair in pairs)


def _scored_people(fresh: Ranking) -> dict[Any, tuple[str, list[str]]]:
    return {result.staff.id: (str(result.score), _items(
        [(item.source.value, item.record_id, item.criterion_code, item.day.isoformat(), str(item.points))
         for item in result.items])) for result in fresh.results}


def _scoring_digest(fresh: Ranking) -> str:
    """SHA-256 of each person's score and scored items: what an acceptance keeps of a changed period."""
    import hashlib  # not loaded at the window's start

    people = sorted(_scored_people(fresh).items(), key=lambda pair: repr(pair[0]))
    return hashlib.sha256(repr(people).encode()).hexdigest()


def _people_differing(kept: list[dict[str, Any]], fresh: Ranking) -> int:
    before = {result["staff"]["id"]: (result["score"], _items(
        [(item["source"], item["record_id"], item["criterion_code"], item["day"], item["points"])
         for item in result["items"]])) for result in kept}
    after = _scored_people(fresh)
    return sum(1 for person in before.keys() | after.keys() if before.get(person) != after.get(person))

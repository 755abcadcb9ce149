"""The citizen's voice as kept: satisfaction ratings (only ever added), paper survey tallies (one per person and
month, replaced whole), and citizens' praise and complaints (each moving from received to verified or not, and
answered; never deleted).

Every write is one transaction with its change log line; the triggers refuse any change to a day (a tally: a
month) of a locked period (khóa sổ). Re-importing a file adds nothing: a rating's unique key is the person, the
time, the counter, the dossier and the level.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from ward_office.core.change_log import ChangeAction
from ward_office.core.citizens import (
    CitizenFeedback,
    FeedbackChannel,
    FeedbackKind,
    Rating,
    RatingCounts,
    RatingLevel,
    SatisfactionFacts,
    SurveyTally,
    Verification,
)
from ward_office.core.errors import NotFoundError
from ward_office.core.staff import StaffId
from ward_office.i18n import N_
from ward_office.storage._base import Context, changed, day_text, day_value

_INSERT_RATING = ("INSERT OR IGNORE INTO satisfaction_ratings (staff_id, at, day, level, counter, dossier, source_file,"
                  " imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_FEEDBACK_COLUMNS = ("kind, day, channel, staff_id, summary, citizen_name, verification, verification_note, "
                     "verified_by, verified_on, answered_on, answer, recorded_by, id")
_LEVEL_COLUMNS = {RatingLevel.VERY_SATISFIED: 0, RatingLevel.SATISFIED: 1, RatingLevel.NOT_SATISFIED: 2}


def rating_key(rating: Rating) -> tuple[int, str, str, str, str]:
    """The unique key of a stored rating: a rating with the same key is the same rating imported again."""
    return (rating.staff_id, rating.at.isoformat(sep=" ", timespec="seconds"), rating.counter, rating.dossier,
            rating.level.value)


def _feedback(row: tuple[Any, ...]) -> CitizenFeedback:
    (kind, day, channel, staff_id, summary, citizen_name, verification, note, verified_by, verified_on, answered_on,
     answer, recorded_by, feedback_id) = row
    return CitizenFeedback(FeedbackKind(kind), date.fromisoformat(day), FeedbackChannel(channel), StaffId(staff_id),
                           summary, citizen_name, Verification(verification), note, verified_by,
                           day_value(verified_on), day_value(answered_on), answer, recorded_by, feedback_id)


def _feedback_row(feedback: CitizenFeedback) -> dict[str, Any]:
    """A praise or complaint as the change log keeps it."""
    return {"kind": feedback.kind.value, "day": feedback.received_on.isoformat(), "channel": feedback.channel.value,
            "staff_id": feedback.staff_id, "summary": feedback.summary, "citizen_name": feedback.citizen_name,
            "verification": feedback.verification.value, "verification_note": feedback.verification_note,
            "verified_by": feedback.verified_by, "verified_on": day_text(feedback.verified_on),
            "answered_on": day_text(feedback.answered_on), "answer": feedback.answer}


def _counts_row(counts: RatingCounts) -> tuple[int, int, int]:
    return counts.very_satisfied, counts.satisfied, counts.not_satisfied


class CitizenRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    # ---- Ratings ----

    def add_ratings(self, ratings: Iterable[Rating], source_file: str, actor: str) -> int:
        """Store the ratings not stored yet, all or none; returns how many were new. Nothing new writes nothing,
        not even a log line, so importing a file twice changes nothing."""
        rows = sorted({(*rating_key(rating), rating.day.isoformat()) for rating in ratings})
        if not rows:
            return 0
        now = self._context.now()
        days = {date.fromisoformat(row[5]) for row in rows}
        with self._context.writing(days) as conn:
            before = conn.total_changes
            conn.executemany(_INSERT_RATING, [(staff_id, at, day, level, counter, dossier, source_file, now, actor)
                                              for staff_id, at, counter, dossier, level, day in rows])
            added = conn.total_changes - before
            if added:
                self._context.log(actor, ChangeAction.IMPORT, "satisfaction_rating", None, {
                    "source_file": source_file, "read": len(rows), "added": added,
                    "first_day": min(days).isoformat(), "last_day": max(days).isoformat()})
        return added

    def stored_rating_keys(self, start: date, end: date) -> set[tuple[int, str, str, str, str]]:
        """The keys (``rating_key``) of the ratings stored from ``start`` to ``end``."""
        return {(staff_id, at, counter, dossier, level) for staff_id, at, counter, dossier, level in
                self._context.conn.execute(
                    "SELECT staff_id, at, counter, dossier, level FROM satisfaction_ratings WHERE day BETWEEN ? AND ?",
                    (start.isoformat(), end.isoformat()))}

    def ratings(self, start: date, end: date, staff_id: StaffId | None = None) -> list[Rating]:
        """The ratings from ``start`` to ``end`` inclusive, by time; of one person if given."""
        sql = ("SELECT staff_id, at, level, counter, dossier, source_file, id FROM satisfaction_ratings "
               "WHERE day BETWEEN ? AND ?")
        params: list[Any] = [start.isoformat(), end.isoformat()]
        if staff_id is not None:
            sql += " AND staff_id = ?"
            params.append(staff_id)
        rows = self._context.conn.execute(sql + " ORDER BY at, staff_id, id", params)
        return [Rating(StaffId(person), datetime.fromisoformat(at), RatingLevel(level), counter, dossier, source, key)
                for person, at, level, counter, dossier, source, key in rows]

    def rating_counts(self, start: date, end: date) -> dict[tuple[StaffId, date], RatingCounts]:
        """Per person and month (its first day): the ratings from ``start`` to ``end``, counted by level."""
        found: dict[tuple[StaffId, date], list[int]] = {}
        for staff_id, month, level, count in self._context.conn.execute(
                "SELECT staff_id, date(day, 'start of month'), level, count(*) FROM satisfaction_ratings "
                "WHERE day BETWEEN ? AND ? GROUP BY 1, 2, 3", (start.isoformat(), end.isoformat())):
            found.setdefault((StaffId(staff_id), date.fromisoformat(month)), [0, 0, 0])[
                _LEVEL_COLUMNS[RatingLevel(level)]] += count
        return {key: RatingCounts(*values) for key, values in found.items()}

    # ---- Survey tallies ----

    def tallies(self, start: date, end: date) -> list[SurveyTally]:
        """The tallies of the months from ``start``'s to ``end``'s, by month and person."""
        rows = self._context.conn.execute(
            "SELECT staff_id, month, very_satisfied, satisfied, not_satisfied, note, entered_by, entered_at "
            "FROM survey_tallies WHERE month BETWEEN ? AND ? ORDER BY month, staff_id",
            (start.replace(day=1).isoformat(), end.isoformat()))
        return [SurveyTally(StaffId(staff_id), date.fromisoformat(month), RatingCounts(very, content, not_content),
                            note, entered_by, datetime.fromisoformat(entered_at))
                for staff_id, month, very, content, not_content, note, entered_by, entered_at in rows]

    def set_tally(self, tally: SurveyTally, actor: str) -> bool:
        """Enter (or replace) a person's tally for a month; counts all zero clear it. Returns whether anything
        changed."""
        month = tally.month.replace(day=1)
        stored = next((old for old in self.tallies(month, month) if old.staff_id == tally.staff_id), None)

        def log_row(item: SurveyTally) -> dict[str, Any]:
            return {"staff_id": item.staff_id, "month": month.isoformat(), "very_satisfied": item.counts.very_satisfied,
                    "satisfied": item.counts.satisfied, "not_satisfied": item.counts.not_satisfied, "note": item.note}

        before = None if stored is None else log_row(stored)
        with self._context.writing([month]) as conn:
            if tally.counts.total == 0:
                if stored is None:
                    return False
                conn.execute("DELETE FROM survey_tallies WHERE staff_id = ? AND month = ?",
                             (tally.staff_id, month.isoformat()))
                self._context.log(actor, ChangeAction.DELETE, "survey_tally", f"{tally.staff_id}/{month:%Y-%m}",
                                  {"before": before})
                return True
            after = log_row(tally)
            if before == after:
                return False
            conn.execute(
                "INSERT INTO survey_tallies (staff_id, month, very_satisfied, satisfied, not_satisfied, note, "
                "entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (staff_id, month) DO UPDATE SET "
                "very_satisfied = excluded.very_satisfied, satisfied = excluded.satisfied, "
                "not_satisfied = excluded.not_satisfied, note = excluded.note, entered_by = excluded.entered_by, "
                "entered_at = excluded.entered_at",
                (tally.staff_id, month.isoformat(), *_counts_row(tally.counts), tally.note, actor, self._context.now()))
            entity_id = f"{tally.staff_id}/{month:%Y-%m}"
            if before is None:
                self._context.log(actor, ChangeAction.INSERT, "survey_tally", entity_id, {"after": after})
            else:
                self._context.log(actor, ChangeAction.UPDATE, "survey_tally", entity_id, changed(before, after))
        return True

    # ---- Praise and complaints ----

    def feedback(self, start: date | None = None, end: date | None = None, *,
                 staff_id: StaffId | None = None) -> list[CitizenFeedback]:
        """The praise and complaints received from ``start`` to ``end`` (every one without them), by day."""
        sql = f"SELECT {_FEEDBACK_COLUMNS} FROM citizen_feedback WHERE day BETWEEN ? AND ?"
        params: list[Any] = [(start or date.min).isoformat(), (end or date.max).isoformat()]
        if staff_id is not None:
            sql += " AND staff_id = ?"
            params.append(staff_id)
        return [_feedback(row) for row in self._context.conn.execute(sql + " ORDER BY day, id", params)]

    def get_feedback(self, feedback_id: int) -> CitizenFeedback:
        row = self._context.conn.execute(f"SELECT {_FEEDBACK_COLUMNS} FROM citizen_feedback WHERE id = ?",
                                         (feedback_id,)).fetchone()
        if row is None:
            raise NotFoundError(N_("No praise or complaint has the number {number}"), number=feedback_id)
        return _feedback(row)

    def add_feedback(self, feedback: CitizenFeedback, actor: str) -> CitizenFeedback:
        """Record a praise or complaint as received (the caller has checked it)."""
        row = _feedback_row(feedback)
        with self._context.writing([feedback.received_on]) as conn:
            cursor = conn.execute(
                "INSERT INTO citizen_feedback (kind, day, channel, staff_id, summary, citizen_name, verification, "
                "verification_note, verified_by, verified_on, answered_on, answer, recorded_by, recorded_at) "
                "VALUES (:kind, :day, :channel, :staff_id, :summary, :citizen_name, :verification, :verification_note,"
                " :verified_by, :verified_on, :answered_on, :answer, :recorded_by, :recorded_at)",
                {**row, "recorded_by": actor, "recorded_at": self._context.now()})
            self._context.log(actor, ChangeAction.INSERT, "citizen_feedback", cursor.lastrowid, {"after": row})
        return self.get_feedback(int(cursor.lastrowid or 0))

    def update_feedback(self, feedback: CitizenFeedback, actor: str) -> CitizenFeedback:
        """Write a praise or complaint's new state (verified or not, answered); what was received stays."""
        assert feedback.id is not None
        old = self.get_feedback(feedback.id)
        before, after = _feedback_row(old), _feedback_row(feedback)
        if before == after:
            return old
        with self._context.writing([old.received_on]) as conn:
            conn.execute(
                "UPDATE citizen_feedback SET verification = ?, verification_note = ?, verified_by = ?, "
                "verified_on = ?, answered_on = ?, answer = ? WHERE id = ?",
                (after["verification"], after["verification_note"], after["verified_by"], after["verified_on"],
                 after["answered_on"], after["answer"], feedback.id))
            self._context.log(actor, ChangeAction.UPDATE, "citizen_feedback", feedback.id, changed(before, after))
        return self.get_feedback(feedback.id)

    # ---- For scoring ----

    def facts(self, start: date, end: date) -> SatisfactionFacts:
        """What scoring a period from ``start`` to ``end`` needs: the ratings in it plus the tallies of its months,
        per person and month, and the verified praise and complaints received in it."""
        monthly = self.rating_counts(start, end)
        for tally in self.tallies(start, end):
            key = (tally.staff_id, tally.month)
            monthly[key] = monthly.get(key, RatingCounts()) + tally.counts
        verified = tuple(item for item in self.feedback(start, end) if item.counts)
        departments = dict(self._context.conn.execute("SELECT id, name FROM departments"))
        return SatisfactionFacts(monthly, verified, departments)

"""The citizen's voice as stored: ratings added once whatever is re-imported, a tally replaced whole, feedback
never deleted, and nothing of a locked period (khóa sổ) changed."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime

import pytest
from storage_helpers import ACTOR, make_staff

from ward_office.core.citizens import (
    CitizenFeedback,
    FeedbackChannel,
    FeedbackKind,
    Rating,
    RatingCounts,
    RatingLevel,
    SurveyTally,
    Verification,
)
from ward_office.core.errors import PeriodLockedError
from ward_office.core.period import month
from ward_office.storage import Store


def test_ratings_are_added_once_and_counted_by_month(store: Store) -> None:
    person = store.staff.add(make_staff("NV001"), ACTOR)
    assert person.id is not None
    ratings = [Rating(person.id, datetime(2026, 3, day, 8), level, "1", f"HS{day}")
               for day, level in ((2, RatingLevel.VERY_SATISFIED), (3, RatingLevel.NOT_SATISFIED),
                                  (31, RatingLevel.SATISFIED))] + [
        Rating(person.id, datetime(2026, 4, 1, 8), RatingLevel.SATISFIED)]
    assert store.citizens.add_ratings(ratings, "may.csv", ACTOR) == 4
    assert store.citizens.add_ratings(ratings, "may.xlsx", ACTOR) == 0
    assert [line.entity for line in store.change_log.list()].count("satisfaction_rating") == 1  # nothing new: no line
    assert store.citizens.rating_counts(date(2026, 3, 1), date(2026, 4, 30)) == {
        (person.id, date(2026, 3, 1)): RatingCounts(1, 1, 1), (person.id, date(2026, 4, 1)): RatingCounts(0, 1, 0)}
    store.citizens.set_tally(SurveyTally(person.id, date(2026, 3, 1), RatingCounts(2, 0, 1)), ACTOR)
    facts = store.citizens.facts(date(2026, 3, 1), date(2026, 3, 31))
    assert facts.monthly == {(person.id, date(2026, 3, 1)): RatingCounts(3, 1, 2)}


def test_a_locked_month_keeps_its_ratings_tallies_and_feedback(store: Store) -> None:
    person = store.staff.add(make_staff("NV001"), ACTOR)
    assert person.id is not None
    feedback = store.citizens.add_feedback(CitizenFeedback(FeedbackKind.COMPLAINT, date(2026, 3, 5),
                                                           FeedbackChannel.PHONE, person.id, "Trễ hẹn"), ACTOR)
    store.periods.lock(month(2026, 3), ACTOR)
    with pytest.raises(PeriodLockedError):
        store.citizens.add_ratings([Rating(person.id, datetime(2026, 3, 2, 8), RatingLevel.SATISFIED)], "f", ACTOR)
    with pytest.raises(PeriodLockedError):
        store.citizens.set_tally(SurveyTally(person.id, date(2026, 3, 1), RatingCounts(1, 0, 0)), ACTOR)
    with pytest.raises(PeriodLockedError):
        store.citizens.update_feedback(replace(feedback, verification=Verification.VERIFIED, verified_by=ACTOR,
                                               verified_on=date(2026, 4, 1)), ACTOR)
    assert store.citizens.add_ratings([Rating(person.id, datetime(2026, 4, 2, 8), RatingLevel.SATISFIED)], "f",
                                      ACTOR) == 1


def test_feedback_is_never_deleted(store: Store) -> None:
    person = store.staff.add(make_staff("NV001"), ACTOR)
    assert person.id is not None
    store.citizens.add_feedback(CitizenFeedback(FeedbackKind.PRAISE, date(2026, 3, 5), FeedbackChannel.LETTER,
                                                person.id, "Tận tình"), ACTOR)
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("DELETE FROM citizen_feedback")

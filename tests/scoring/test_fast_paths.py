"""What the faster scoring relies on: items and results made past their frozen ``__init__`` are the same objects
as made the usual way, records read in no set order score the same, and the paused cycle collector is left as
it was found."""

from __future__ import annotations

import dataclasses
import gc
import random
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_engine import late, make_plan, only, person, run
from test_properties import scoring_input

from ward_office.core.period import month, parse_period
from ward_office.core.plan import AttendanceTrigger
from ward_office.core.schedule import Session
from ward_office.scoring import ItemSource, ScoreItem, ScoringInput, StaffResult, score_period
from ward_office.scoring.results import new_score_item
from ward_office.services.ranking import score_records
from ward_office.services.ward import Ward

MAY = month(2026, 5)


def test_a_score_item_made_fast_is_a_score_item() -> None:
    fields = ("MUON", "TG", date(2026, 5, 4), Session.MORNING, ItemSource.ATTENDANCE, 7, 2, Fraction(-2),
              Fraction(-1, 2), Fraction(1, 6), True, MAY, AttendanceTrigger.LATE, 20, "kẹt xe", "vanthu")
    made = new_score_item(*fields)
    assert type(made) is ScoreItem
    assert made == ScoreItem(*fields) and hash(made) == hash(ScoreItem(*fields))
    # the last field, ``excuse``, is None: the engine's items are never excused (scoring.excused adds those)
    assert tuple(getattr(made, field.name) for field in dataclasses.fields(ScoreItem)) == (*fields, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.points = Fraction(0)  # type: ignore[misc]


def test_results_are_frozen_staff_results() -> None:
    result = only(run(make_plan(), [person(1)], [late(1, 4, record_id=1)]))
    assert type(result) is StaffResult
    assert result == dataclasses.replace(result)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.rank = 2  # type: ignore[misc]


def test_items_of_one_session_are_listed_by_criterion_whatever_order_they_count_in() -> None:
    plan = make_plan()
    late_without_punch = late(1, 4, record_id=1, missing_punch=True)  # LATE (MUON) counts before CC
    result = only(run(plan, [person(1)], [late(1, 4, Session.AFTERNOON, record_id=2), late_without_punch]))
    assert [(item.session, item.criterion_code, item.occurrence) for item in result.items] == [
        (Session.MORNING, "CC", 1), (Session.MORNING, "MUON", 1), (Session.AFTERNOON, "MUON", 2)]


@settings(max_examples=150, deadline=None)
@given(scoring_input(), st.randoms(use_true_random=False))
def test_records_with_ids_score_the_same_in_any_order(data: ScoringInput, shuffler: random.Random) -> None:
    numbered = dataclasses.replace(
        data,
        attendance=[dataclasses.replace(record, id=number) for number, record in enumerate(data.attendance, 1)],
        events=[dataclasses.replace(event, id=number) for number, event in enumerate(data.events, 1)],
    )
    attendance, events = list(numbered.attendance), list(numbered.events)
    shuffler.shuffle(attendance)
    shuffler.shuffle(events)
    assert score_period(dataclasses.replace(numbered, attendance=attendance, events=events)) == score_period(numbered)


@pytest.mark.parametrize("enabled", [True, False])
def test_scoring_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path, enabled: bool) -> None:
    with Ward.open(tmp_path / "ward.db") as ward:
        store = ward.store
        store.staff.add(person(1), "vanthu")
        was_enabled = gc.isenabled()
        try:
            gc.enable() if enabled else gc.disable()
            score_records(store, parse_period("2026-05"), date(2026, 5, 31))
            assert gc.isenabled() is enabled
        finally:
            gc.enable() if was_enabled else gc.disable()

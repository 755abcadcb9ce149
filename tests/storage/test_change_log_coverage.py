"""Every write through the Store leaves its change log line: who, when, what, which record, before and after.

The write methods are found by introspection (a public repository method that takes ``actor``); each must
have a scenario below, so a new write method without one fails ``test_every_write_method_has_a_scenario``
until someone proves it logs. The log itself cannot be rewritten, not even with plain SQL.
"""

from __future__ import annotations

import inspect
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from storage_helpers import ACTOR, late, make_staff

from ward_office.core.access import Role
from ward_office.core.attendance import RecordSource
from ward_office.core.change_log import ChangeAction
from ward_office.core.checks import Check, CheckKind, Event, EventId
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
from ward_office.core.clock import Punch
from ward_office.core.entered_scores import EnteredItem, ScoreEntry
from ward_office.core.excuse import Excuse
from ward_office.core.period import month
from ward_office.core.plan import AttendanceTrigger
from ward_office.core.quota import QuotaDecision
from ward_office.core.review import MeetingFacts, ReviewNotes
from ward_office.core.schedule import Holiday, Session
from ward_office.core.staff import StaffId
from ward_office.core.unit import Unit
from ward_office.paths import plans_dir
from ward_office.storage import ChangeLogEntry, Store

HASH = "scrypt$16384$8$1$c2FsdA==$aGFzaA=="
DAY = date(2026, 3, 2)
ONE_RECORD = {ChangeAction.INSERT, ChangeAction.UPDATE, ChangeAction.DELETE, ChangeAction.LOCK,
              ChangeAction.UNLOCK}
# Writes about a whole list rather than one record: their line names no record.
WHOLE_LIST = {("departments", "set_order"), ("departments", "move")}


@dataclass
class World:
    """A store with one of everything a write may need, made before the write under test."""

    store: Store
    staff_id: StaffId
    other_id: StaffId


Scenario = Callable[[World], Any]


def _prepare(store: Store) -> World:
    person = store.staff.add(make_staff("NV001", clock_id="7"), "Người chuẩn bị")
    other = store.staff.add(make_staff("NV002"), "Người chuẩn bị")
    assert person.id is not None and other.id is not None
    return World(store, person.id, other.id)


def _open_check(world: World) -> Check:
    return world.store.checks.start(Check(datetime(2026, 3, 2, 8), CheckKind.BADGE, "Tổ kiểm tra"), "Người chuẩn bị")


def _plan_text(version: int) -> str:
    text = (plans_dir() / "van-hoa-cong-so.toml").read_text(encoding="utf-8")
    return "\n".join(f"version = {version}" if line.startswith("version = ") else line
                     for line in text.splitlines()) + "\n"


def _account(world: World) -> int:
    return world.store.accounts.add("lan", "Nguyễn Thị Lan", Role.CLERK, HASH, "Người chuẩn bị").id or 0


def _event(world: World) -> EventId:
    event = world.store.events.add(Event(world.staff_id, DAY, "TP1"), "Người chuẩn bị")
    assert event.id is not None
    return event.id


def _violation(world: World) -> tuple[Check, EventId]:
    check = _open_check(world)
    assert check.id is not None
    event = world.store.checks.add_violation(check.id, Event(world.staff_id, DAY, "TP1"), "Người chuẩn bị")
    assert event.id is not None
    return check, event.id


def _period_id(world: World) -> int:
    record = world.store.periods.get_or_create(month(2026, 1), "Người chuẩn bị")
    return int(record.id)


def _entered_scores(world: World) -> None:
    """One entry changed, one cleared, one added, after two entered in preparation."""
    item = EnteredItem("NV", "Kết quả thực hiện nhiệm vụ", "NV", Fraction(70))
    world.store.entered_scores.apply(DAY, [(ScoreEntry(world.staff_id, "NV", Fraction(60)), item)], "Người chuẩn bị")
    world.store.entered_scores.apply(DAY, [(ScoreEntry(world.other_id, "NV", Fraction(50)), item)], "Người chuẩn bị")
    world.store.entered_scores.apply(DAY, [(ScoreEntry(world.staff_id, "NV", Fraction(65)), item),
                                           (ScoreEntry(world.other_id, "NV", None), item),
                                           (ScoreEntry(world.staff_id, "NV2", Fraction(5)),
                                            EnteredItem("NV2", "Khác", "NV", Fraction(10)))], ACTOR)

def _feedback(w: World) -> CitizenFeedback:
    return CitizenFeedback(FeedbackKind.COMPLAINT, DAY, FeedbackChannel.LETTER, w.staff_id, "Trả hồ sơ trễ hẹn")


def _tallies(w: World) -> None:
    """A tally entered, changed, then cleared."""
    for counts in (RatingCounts(5, 1, 0), RatingCounts(5, 2, 0), RatingCounts()):
        w.store.citizens.set_tally(SurveyTally(w.staff_id, date(2026, 3, 1), counts), ACTOR)


# (repository, method) -> (the write, the (entity, action) of each line it must add)
SCENARIOS: dict[tuple[str, str], tuple[Scenario, list[tuple[str, ChangeAction]]]] = {
    ("unit", "save"): (lambda w: w.store.unit.save(Unit(name="UBND phường Hòa Bình"), ACTOR),
                       [("unit", ChangeAction.INSERT)]),
    ("departments", "add"): (lambda w: w.store.departments.add("Tổ mới", ACTOR),
                             [("department", ChangeAction.INSERT)]),
    ("departments", "get_or_create"): (lambda w: w.store.departments.get_or_create("Tổ khác", ACTOR),
                                       [("department", ChangeAction.INSERT)]),
    ("departments", "rename"): (
        lambda w: w.store.departments.rename(w.store.departments.list()[0].id, "Văn phòng UBND", ACTOR),  # type: ignore[arg-type]
        [("department", ChangeAction.UPDATE)]),
    ("departments", "set_order"): (
        lambda w: w.store.departments.set_order([d.id for d in reversed(w.store.departments.list())], ACTOR),  # type: ignore[misc]
        [("department", ChangeAction.UPDATE)]),
    ("departments", "move"): (
        lambda w: w.store.departments.move(w.store.departments.list()[0].id, 1, ACTOR),  # type: ignore[arg-type]
        [("department", ChangeAction.UPDATE)]),
    ("departments", "delete"): (
        lambda w: w.store.departments.delete(w.store.departments.add("Tổ tạm", "Người chuẩn bị").id, ACTOR),  # type: ignore[arg-type]
        [("department", ChangeAction.DELETE)]),
    ("staff", "add"): (lambda w: w.store.staff.add(make_staff("NV003"), ACTOR), [("staff", ChangeAction.INSERT)]),
    ("staff", "add_many"): (lambda w: w.store.staff.add_many([make_staff("NV004"), make_staff("NV005")], ACTOR),
                            [("staff", ChangeAction.IMPORT), ("staff", ChangeAction.IMPORT)]),
    ("staff", "update"): (
        lambda w: w.store.staff.update(replace(w.store.staff.get(w.staff_id), position="Phó Chủ tịch"), ACTOR),
        [("staff", ChangeAction.UPDATE)]),
    ("staff", "delete"): (lambda w: w.store.staff.delete(w.other_id, ACTOR), [("staff", ChangeAction.DELETE)]),
    ("schedule", "save"): (
        lambda w: w.store.schedule.save(replace(w.store.schedule.get(), grace_minutes=10), ACTOR),
        [("work_schedule", ChangeAction.UPDATE)]),
    ("schedule", "add_holiday"): (lambda w: w.store.schedule.add_holiday(Holiday(date(2026, 3, 8), "8/3"), ACTOR),
                                  [("holiday", ChangeAction.INSERT)]),
    ("schedule", "remove_holiday"): (
        lambda w: (w.store.schedule.add_holiday(Holiday(date(2026, 3, 8), "8/3"), "Người chuẩn bị"),
                   w.store.schedule.remove_holiday(date(2026, 3, 8), ACTOR)),
        [("holiday", ChangeAction.DELETE)]),
    ("schedule", "ensure_holidays"): (lambda w: w.store.schedule.ensure_holidays(2031, ACTOR),
                                      [("holiday", ChangeAction.IMPORT)]),
    ("attendance", "set"): (lambda w: w.store.attendance.set(late(w.staff_id, DAY, 20), ACTOR),
                            [("attendance", ChangeAction.INSERT)]),
    ("attendance", "clear"): (
        lambda w: (w.store.attendance.set(late(w.staff_id, DAY, 20), "Người chuẩn bị"),
                   w.store.attendance.clear(w.staff_id, DAY, Session.MORNING, ACTOR)),
        [("attendance", ChangeAction.DELETE)]),
    ("attendance", "add_many"): (
        lambda w: w.store.attendance.add_many([late(w.staff_id, DAY), late(w.other_id, DAY)], ACTOR),
        [("attendance", ChangeAction.IMPORT)]),
    ("attendance", "apply_clock"): (
        lambda w: w.store.attendance.apply_clock([replace(late(w.staff_id, DAY), source=RecordSource.CLOCK)], [],
                                                 ACTOR),
        [("attendance", ChangeAction.IMPORT)]),
    ("punches", "add_many"): (lambda w: w.store.punches.add_many([Punch("7", datetime(2026, 3, 2, 7, 31))],
                                                                 "1_attlog.dat", ACTOR),
                              [("punch", ChangeAction.IMPORT)]),
    ("punches", "save_mapping"): (lambda w: w.store.punches.save_mapping("Wise Eye", {"id": "A"}, ACTOR),
                                  [("clock_mapping", ChangeAction.INSERT)]),
    ("events", "add"): (lambda w: w.store.events.add(Event(w.staff_id, DAY, "TP1"), ACTOR),
                        [("event", ChangeAction.INSERT)]),
    ("events", "add_many"): (
        lambda w: w.store.events.add_many([Event(w.staff_id, DAY, "TP1"), Event(w.other_id, DAY, "KT1")], ACTOR),
        [("event", ChangeAction.IMPORT)]),
    ("events", "delete"): (lambda w: w.store.events.delete(_event(w), ACTOR), [("event", ChangeAction.DELETE)]),
    ("checks", "add"): (
        lambda w: w.store.checks.add(Check(datetime(2026, 3, 2, 8), CheckKind.BADGE, "Tổ kiểm tra",
                                           seen=frozenset({w.staff_id})), ACTOR, [Event(w.staff_id, DAY, "TP1")]),
        [("check", ChangeAction.INSERT), ("event", ChangeAction.INSERT)]),
    ("checks", "start"): (lambda w: w.store.checks.start(Check(datetime(2026, 3, 2, 8), CheckKind.ATTIRE, "Tổ"),
                                                         ACTOR),
                          [("check", ChangeAction.INSERT)]),
    ("checks", "set_seen"): (lambda w: w.store.checks.set_seen(_open_check(w).id, [w.staff_id], True, ACTOR),  # type: ignore[arg-type]
                             [("check", ChangeAction.UPDATE)]),
    ("checks", "add_violation"): (
        lambda w: w.store.checks.add_violation(_open_check(w).id, Event(w.staff_id, DAY, "TP1"), ACTOR),  # type: ignore[arg-type]
        [("check", ChangeAction.UPDATE), ("event", ChangeAction.INSERT)]),
    ("checks", "delete_violation"): (
        lambda w: w.store.checks.delete_violation(*(lambda pair: (pair[0].id, pair[1]))(_violation(w)), ACTOR),
        [("event", ChangeAction.DELETE)]),
    ("checks", "finish"): (lambda w: w.store.checks.finish(_open_check(w).id, datetime(2026, 3, 2, 9), ACTOR),  # type: ignore[arg-type]
                           [("check", ChangeAction.UPDATE)]),
    ("plans", "adopt"): (lambda w: w.store.plans.adopt(_plan_text(7), ACTOR), [("plan", ChangeAction.INSERT)]),
    ("periods", "get_or_create"): (lambda w: w.store.periods.get_or_create(month(2026, 2), ACTOR),
                                   [("period", ChangeAction.INSERT)]),
    ("periods", "lock"): (lambda w: w.store.periods.lock(month(2026, 2), ACTOR),
                          [("period", ChangeAction.INSERT), ("period", ChangeAction.LOCK)]),
    ("periods", "unlock"): (
        lambda w: (w.store.periods.lock(month(2026, 2), "Người chuẩn bị"),
                   w.store.periods.unlock(month(2026, 2), ACTOR, "Sai sót khi chấm công")),
        [("period", ChangeAction.UNLOCK)]),
    ("accounts", "add"): (lambda w: w.store.accounts.add("ha", "Trần Thu Hà", Role.HEAD, HASH, ACTOR),
                          [("account", ChangeAction.INSERT)]),
    ("accounts", "set_password_hash"): (lambda w: w.store.accounts.set_password_hash(_account(w), HASH, ACTOR),
                                        [("account", ChangeAction.UPDATE)]),
    ("accounts", "set_active"): (lambda w: w.store.accounts.set_active(_account(w), False, ACTOR),
                                 [("account", ChangeAction.UPDATE)]),
    ("accounts", "set_role"): (lambda w: w.store.accounts.set_role(_account(w), Role.HEAD, ACTOR),
                               [("account", ChangeAction.UPDATE)]),
    ("accounts", "set_full_name"): (lambda w: w.store.accounts.set_full_name(_account(w), "Nguyễn Thị Lan Anh", ACTOR),
                                    [("account", ChangeAction.UPDATE)]),
    ("snapshots", "add"): (lambda w: w.store.snapshots.add(_period_id(w), {"format": 1, "rows": []}, ACTOR),  # type: ignore[arg-type]
                           [("period_snapshot", ChangeAction.INSERT)]),
    ("reviews", "save"): (lambda w: w.store.reviews.save(month(2026, 2), ReviewNotes(MeetingFacts(place="Hội trường")),
                                                         ACTOR),
                          [("period_review", ChangeAction.INSERT)]),
    ("quota_decisions", "add"): (lambda w: w.store.quota_decisions.add(QuotaDecision(
        month(2026, 2), "HTXS", 1, (w.staff_id, w.other_id), (w.other_id,), date(2026, 3, 3), "12/BB-HĐTĐ",
        "Có sáng kiến", ACTOR, datetime(2026, 3, 3)), ACTOR), [("quota_decision", ChangeAction.INSERT)]),
    ("excuses", "add"): (lambda w: w.store.excuses.add(_excuse(w), ACTOR),
                         [("attendance_excuse", ChangeAction.INSERT)]),
    ("excuses", "withdraw"): (lambda w: w.store.excuses.withdraw(w.store.excuses.add(_excuse(w), "Người chuẩn bị").id,
                                                                 "Nhầm người", ACTOR),  # type: ignore[arg-type]
                              [("attendance_excuse", ChangeAction.UPDATE)]),
    ("entered_scores", "apply"): (_entered_scores, [("entered_score", ChangeAction.UPDATE),
                                                    ("entered_score", ChangeAction.DELETE),
                                                    ("entered_score", ChangeAction.INSERT)]),
    ("citizens", "add_ratings"): (lambda w: w.store.citizens.add_ratings(
        [Rating(w.staff_id, datetime(2026, 3, 2, 8, 15), RatingLevel.SATISFIED, "1", "H26-0001")], "may.csv", ACTOR),
        [("satisfaction_rating", ChangeAction.IMPORT)]),
    ("citizens", "set_tally"): (_tallies, [("survey_tally", ChangeAction.INSERT), ("survey_tally", ChangeAction.UPDATE),
                                           ("survey_tally", ChangeAction.DELETE)]),
    ("citizens", "add_feedback"): (lambda w: w.store.citizens.add_feedback(_feedback(w), ACTOR),
                                   [("citizen_feedback", ChangeAction.INSERT)]),
    ("citizens", "update_feedback"): (lambda w: w.store.citizens.update_feedback(replace(
        w.store.citizens.add_feedback(_feedback(w), "Người chuẩn bị"), verification=Verification.VERIFIED,
        verified_by=ACTOR, verified_on=DAY), ACTOR), [("citizen_feedback", ChangeAction.UPDATE)]),
}



def _excuse(w: World) -> Excuse:
    record = w.store.attendance.set(late(w.staff_id, DAY), "Người chuẩn bị")
    assert record.id is not None
    return Excuse(record.id, w.staff_id, DAY, record.session, AttendanceTrigger.LATE, "Đưa con đi viện")


def _repositories(store: Store) -> dict[str, object]:
    lazy = [name for name, value in vars(Store).items() if isinstance(value, cached_property)]  # loaded on first use
    return {name: value for name, value in {**vars(store), **{name: getattr(store, name) for name in lazy}}.items()
            if not name.startswith("_") and type(value).__name__.endswith("Repository")}


def _write_methods(store: Store) -> dict[tuple[str, str], Callable[..., Any]]:
    """Public repository methods that take ``actor``: the ones that change something."""
    found = {}
    for name, repository in _repositories(store).items():
        for method_name, method in inspect.getmembers(type(repository), inspect.isfunction):
            if not method_name.startswith("_") and "actor" in inspect.signature(method).parameters:
                found[(name, method_name)] = method
    return found


def test_every_write_method_has_a_scenario(store: Store) -> None:
    found = set(_write_methods(store))
    assert found, "introspection found no write method at all"
    assert sorted(found - set(SCENARIOS)) == [], "write methods without a change log scenario here"
    assert sorted(set(SCENARIOS) - found) == [], "scenarios for methods that no longer exist (or take no actor)"


def test_no_public_method_writes_without_an_actor(store: Store) -> None:
    """A method that opens a write transaction must say who writes: that is how it gets into the list above."""
    for name, repository in _repositories(store).items():
        for method_name, method in inspect.getmembers(type(repository), inspect.isfunction):
            if method_name.startswith("_"):
                continue
            source = inspect.getsource(method)
            if ".writing(" in source:
                assert "actor" in inspect.signature(method).parameters, f"{name}.{method_name} writes without actor"


def _new_lines(store: Store, after_id: int) -> list[ChangeLogEntry]:
    return [line for line in store.change_log.list() if line.id > after_id]


def _check_line(line: ChangeLogEntry, started: datetime, whole_list: bool) -> None:
    assert line.actor == ACTOR
    assert started.replace(microsecond=0) <= line.at <= datetime.now().astimezone()
    assert line.entity
    detail = line.detail
    if line.action in ONE_RECORD:
        assert (line.entity_id is None) if whole_list else bool(line.entity_id)
    if line.action in (ChangeAction.UPDATE, ChangeAction.DELETE, ChangeAction.LOCK, ChangeAction.UNLOCK):
        assert isinstance(detail.get("before"), dict) and detail["before"], detail
    if line.action in (ChangeAction.INSERT, ChangeAction.UPDATE, ChangeAction.LOCK, ChangeAction.UNLOCK):
        assert isinstance(detail.get("after"), dict) and detail["after"], detail
    if line.action is ChangeAction.UPDATE:
        assert detail["changed"], detail
        assert all(key in detail["after"] or key == "password" for key in detail["changed"])
    if line.action is ChangeAction.IMPORT:
        assert detail, "an import line says at least how much it wrote"


@pytest.mark.parametrize("key", sorted(SCENARIOS), ids=lambda key: f"{key[0]}.{key[1]}")
def test_each_write_is_logged_with_who_when_what_and_values(store: Store, key: tuple[str, str]) -> None:
    world = _prepare(store)
    write, expected = SCENARIOS[key]
    started = datetime.now().astimezone()
    # lines of the scenario's own set-up are written by "Người chuẩn bị"; only ACTOR's are the write's
    last = max((line.id for line in store.change_log.list()), default=0)
    write(world)
    lines = [line for line in _new_lines(store, last) if line.actor == ACTOR]
    assert [(line.entity, line.action) for line in lines] == expected
    for line in lines:
        _check_line(line, started, key in WHOLE_LIST)


def test_logged_values_are_the_stored_values(store: Store) -> None:
    world = _prepare(store)
    before = store.staff.get(world.staff_id)
    store.staff.update(replace(before, position="Phó Chủ tịch"), ACTOR)
    line = store.change_log.list("staff", world.staff_id)[-1]
    assert (line.detail["before"]["position"], line.detail["after"]["position"]) == ("Chuyên viên", "Phó Chủ tịch")
    assert line.detail["changed"] == ["position"]
    store.events.add_many([Event(world.staff_id, DAY, "TP1", "Không đeo thẻ")], ACTOR)
    imported = store.change_log.list("event")[-1]
    assert imported.detail["after"] == [{"staff_id": world.staff_id, "day": "2026-03-02", "criterion_code": "TP1",
                                         "note": "Không đeo thẻ", "recorded_by": ACTOR, "check_id": None,
                                         "source": "manual"}]
    store.periods.lock(month(2026, 1), ACTOR)
    locked = store.change_log.list("period")[-1]
    assert (locked.detail["before"]["state"], locked.detail["after"]["state"]) == ("open", "locked")
    assert locked.detail["after"]["locked_by"] == ACTOR


def test_saving_the_same_mapping_again_writes_and_logs_nothing(store: Store) -> None:
    store.punches.save_mapping("Wise Eye", {"id": "A"}, ACTOR)
    lines = len(store.change_log.list())
    store.punches.save_mapping("Wise Eye", {"id": "A"}, "Người khác")
    assert len(store.change_log.list()) == lines


def test_change_log_refuses_update_and_delete_through_plain_sqlite(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.staff.add(make_staff("NV001"), ACTOR)
        lines = store.change_log.list()
    assert lines
    connection = sqlite3.connect(db_path)
    try:
        for statement in ("UPDATE change_log SET actor = 'ai đó'", "DELETE FROM change_log",
                          f"DELETE FROM change_log WHERE id = {lines[-1].id}",
                          "UPDATE change_log SET detail = '{}' WHERE id = 1"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                connection.execute(statement)
            connection.rollback()
        rows = connection.execute("SELECT id, actor, detail FROM change_log ORDER BY id").fetchall()
    finally:
        connection.close()
    assert [(row[0], row[1]) for row in rows] == [(line.id, line.actor) for line in lines]

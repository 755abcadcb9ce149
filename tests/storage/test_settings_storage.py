"""Departments renamed, reordered and deleted through the repository, each change logged."""

from __future__ import annotations

from dataclasses import replace

import pytest
from storage_helpers import ACTOR, make_staff

from ward_office.core.staff import DEFAULT_DEPARTMENTS
from ward_office.storage import Store
from ward_office.storage.errors import DatabaseError, DuplicateError, InUseError


def names(store: Store) -> list[str]:
    return [department.name for department in store.departments.list()]


def last_log(store: Store):
    return store.change_log.list()[-1]


def test_rename_keeps_the_place_and_logs_before_and_after(store: Store) -> None:
    first = store.departments.list()[0]
    renamed = store.departments.rename(first.id, "  Văn phòng UBND  ", ACTOR)
    assert renamed.name == "Văn phòng UBND"
    assert names(store)[0] == "Văn phòng UBND"
    entry = last_log(store)
    assert (entry.entity, entry.action.value, entry.actor) == ("department", "update", ACTOR)
    assert entry.detail["before"]["name"] == first.name and entry.detail["after"]["name"] == "Văn phòng UBND"


def test_rename_to_a_taken_name_is_refused(store: Store) -> None:
    first, second = store.departments.list()[:2]
    with pytest.raises(DuplicateError):
        store.departments.rename(second.id, first.name, ACTOR)
    assert names(store) == list(DEFAULT_DEPARTMENTS)


def test_move_and_set_order(store: Store) -> None:
    departments = store.departments.list()
    store.departments.move(departments[0].id, 1, ACTOR)
    assert names(store)[:2] == [DEFAULT_DEPARTMENTS[1], DEFAULT_DEPARTMENTS[0]]
    assert last_log(store).detail["after"]["order"][0] == departments[1].id
    store.departments.move(departments[3].id, -10, ACTOR)  # stops at the top
    assert names(store)[0] == DEFAULT_DEPARTMENTS[3]
    store.departments.set_order([department.id for department in departments], ACTOR)
    assert names(store) == list(DEFAULT_DEPARTMENTS)
    with pytest.raises(DatabaseError):
        store.departments.set_order([departments[0].id], ACTOR)
    assert names(store) == list(DEFAULT_DEPARTMENTS)


def test_delete_only_an_empty_department(store: Store) -> None:
    first, second = store.departments.list()[:2]
    store.staff.add(replace(make_staff(), department_id=first.id), ACTOR)
    assert store.departments.staff_counts() == {first.id: 1}
    with pytest.raises(InUseError):
        store.departments.delete(first.id, ACTOR)
    store.departments.delete(second.id, ACTOR)
    assert names(store) == [DEFAULT_DEPARTMENTS[0], *DEFAULT_DEPARTMENTS[2:]]
    entry = last_log(store)
    assert (entry.action.value, entry.entity, entry.detail["before"]["name"]) == (
        "delete", "department", DEFAULT_DEPARTMENTS[1])

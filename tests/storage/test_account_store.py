"""Accounts on disk: unique user names whatever the case, every change logged, and the hash kept out of
the log and out of every ``Account``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storage_helpers import ACTOR

from ward_office.core.access import Account, Role
from ward_office.core.change_log import ChangeAction
from ward_office.core.errors import NotFoundError
from ward_office.storage import Store
from ward_office.storage.errors import DatabaseError, DuplicateError

HASH = "scrypt$16$8$1$c2FsdA==$a2V5a2V5"
OTHER_HASH = "scrypt$16$8$1$cGVwcGVy$b3RoZXJrZXk="


def test_add_and_read_back(store: Store) -> None:
    added = store.accounts.add("  truong ", " Trần   Văn Bình ", Role.HEAD, HASH, ACTOR)
    assert added == Account(added.id, "truong", "Trần Văn Bình", Role.HEAD, True)
    assert store.accounts.get(added.id) == added
    assert store.accounts.get_by_username("TRUONG") == added
    assert store.accounts.get_by_username("nobody") is None
    assert store.accounts.credentials("Truong ") == (added, HASH)
    assert store.accounts.credentials("nobody") is None
    with pytest.raises(NotFoundError):
        store.accounts.get(999)


def test_user_names_are_unique_ignoring_case(store: Store) -> None:
    store.accounts.add("vanthu", "Lê Thị Mai", Role.CLERK, HASH, ACTOR)
    with pytest.raises(DuplicateError):
        store.accounts.add("VanThu", "Người khác", Role.CLERK, HASH, ACTOR)
    assert store.accounts.count() == 1


def test_only_scrypt_hashes_are_stored(store: Store, db_path: Path) -> None:
    with pytest.raises(DatabaseError):
        store.accounts.add("vanthu", "Lê Thị Mai", Role.CLERK, "123456", ACTOR)
    account = store.accounts.add("vanthu", "Lê Thị Mai", Role.CLERK, HASH, ACTOR)
    with pytest.raises(DatabaseError):
        store.accounts.set_password_hash(account.id, "plain", ACTOR)
    # The table itself refuses a plain password written around the repository.
    with sqlite3.connect(db_path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE accounts SET password_hash = 'abc' WHERE id = ?", (account.id,))


def test_list_heads_first_and_counts(store: Store) -> None:
    clerk = store.accounts.add("an", "Nguyễn Văn An", Role.CLERK, HASH, ACTOR)
    head = store.accounts.add("truong", "Trần Văn Bình", Role.HEAD, HASH, ACTOR)
    store.accounts.set_active(clerk.id, False, ACTOR)
    assert [account.username for account in store.accounts.list()] == ["truong", "an"]
    assert store.accounts.count() == 2
    assert store.accounts.count(active_only=True) == 1
    assert store.accounts.count(role=Role.HEAD) == 1
    assert store.accounts.count(active_only=True, role=Role.CLERK) == 0
    assert store.accounts.get(head.id).active


def test_every_change_is_logged_without_the_hash(store: Store) -> None:
    account = store.accounts.add("vanthu", "Lê Thị Mai", Role.CLERK, HASH, ACTOR)
    store.accounts.set_password_hash(account.id, OTHER_HASH, "Trưởng")
    store.accounts.set_active(account.id, False, "Trưởng")
    store.accounts.set_role(account.id, Role.HEAD, "Trưởng")
    store.accounts.set_full_name(account.id, "Lê Thị Mai Anh", "Trưởng")
    store.accounts.set_active(account.id, False, "Trưởng")  # no change, no line
    lines = store.change_log.list("account", account.id)
    assert [line.action for line in lines] == [ChangeAction.INSERT] + [ChangeAction.UPDATE] * 4
    assert lines[0].actor == ACTOR and lines[0].detail["after"]["username"] == "vanthu"
    assert lines[1].detail["changed"] == ["password"] and lines[1].actor == "Trưởng"
    assert lines[2].detail["changed"] == ["active"] and lines[2].detail["before"]["active"] is True
    assert lines[3].detail["after"]["role"] == "head"
    assert lines[4].detail["changed"] == ["full_name"]
    text = str([line.detail for line in store.change_log.list()])
    assert "scrypt" not in text and "a2V5" not in text and "b3Ro" not in text
    assert store.accounts.credentials("vanthu")[1] == OTHER_HASH


def test_a_refused_write_changes_nothing(store: Store) -> None:
    store.accounts.add("vanthu", "Lê Thị Mai", Role.CLERK, HASH, ACTOR)
    before = len(store.change_log.list())
    with pytest.raises(DatabaseError):
        store.accounts.add("x", "Người", Role.CLERK, HASH, "  ")  # a change without an actor
    assert store.accounts.get_by_username("x") is None
    assert len(store.change_log.list()) == before

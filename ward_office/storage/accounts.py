"""The people who may open the record book, with their password hashes.

The hash is read back only by ``credentials`` for the sign-in check; it is never returned with an
``Account`` and never written to the change log, which records only that a password was set.
"""

from __future__ import annotations

from typing import Any

from ward_office.core.access import Account, Role
from ward_office.core.change_log import ChangeAction
from ward_office.core.errors import NotFoundError
from ward_office.i18n import N_
from ward_office.storage._base import Context, changed
from ward_office.storage.errors import DatabaseError, DuplicateError

_SELECT = "SELECT id, username, full_name, role, active FROM accounts"
_ENTITY = "account"
_HASH_PREFIX = "scrypt$"


def _account(row: tuple[Any, ...]) -> Account:
    account_id, username, full_name, role, active = row
    return Account(account_id, username, full_name, Role(role), bool(active))


def _public(account: Account) -> dict[str, Any]:
    """What the change log may show of an account: never the hash."""
    return {"username": account.username, "full_name": account.full_name, "role": account.role.value,
            "active": account.active}


def _check_hash(password_hash: str) -> None:
    if not password_hash.startswith(_HASH_PREFIX):
        raise DatabaseError(N_("A password must be stored as a scrypt hash"))


class AccountRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def get(self, account_id: int) -> Account:
        row = self._context.conn.execute(f"{_SELECT} WHERE id = ?", (account_id,)).fetchone()
        if row is None:
            raise NotFoundError(N_("No account has the number {id}"), id=account_id)
        return _account(row)

    def get_by_username(self, username: str) -> Account | None:
        """The account of ``username``, ignoring case and surrounding spaces."""
        row = self._context.conn.execute(f"{_SELECT} WHERE username = ?", (username.strip(),)).fetchone()
        return None if row is None else _account(row)

    def credentials(self, username: str) -> tuple[Account, str] | None:
        """The account and its stored password hash, for checking a password; nothing else should read it."""
        row = self._context.conn.execute(
            "SELECT id, username, full_name, role, active, password_hash FROM accounts WHERE username = ?",
            (username.strip(),),
        ).fetchone()
        return None if row is None else (_account(row[:5]), row[5])

    def list(self) -> list[Account]:
        """Every account, active or not, heads first, then by user name."""
        rows = self._context.conn.execute(
            f"{_SELECT} ORDER BY role = 'clerk', username COLLATE NOCASE").fetchall()
        return [_account(row) for row in rows]

    def count(self, *, active_only: bool = False, role: Role | None = None) -> int:
        sql, params = "SELECT count(*) FROM accounts WHERE 1", []
        if active_only:
            sql += " AND active = 1"
        if role is not None:
            sql += " AND role = ?"
            params.append(role.value)
        return int(self._context.conn.execute(sql, params).fetchone()[0])

    def add(self, username: str, full_name: str, role: Role, password_hash: str, actor: str) -> Account:
        _check_hash(password_hash)
        username, full_name = username.strip(), " ".join(full_name.split())
        if self.get_by_username(username) is not None:
            raise DuplicateError(N_("The user name “{username}” is already taken"), username=username)
        with self._context.writing() as conn:
            cursor = conn.execute(
                "INSERT INTO accounts (username, full_name, role, password_hash, active, created_at, created_by)"
                " VALUES (?, ?, ?, ?, 1, ?, ?)",
                (username, full_name, role.value, password_hash, self._context.now(), actor),
            )
            account = Account(cursor.lastrowid or 0, username, full_name, role, True)
            self._context.log(actor, ChangeAction.INSERT, _ENTITY, account.id, {"after": _public(account)})
        return account

    def set_password_hash(self, account_id: int, password_hash: str, actor: str) -> None:
        """Replace the password; the log says that it changed, not what it is."""
        _check_hash(password_hash)
        account = self.get(account_id)
        with self._context.writing() as conn:
            conn.execute("UPDATE accounts SET password_hash = ? WHERE id = ?", (password_hash, account_id))
            detail = changed(_public(account), _public(account))
            detail["changed"] = ["password"]
            self._context.log(actor, ChangeAction.UPDATE, _ENTITY, account_id, detail)

    def set_active(self, account_id: int, active: bool, actor: str) -> Account:
        return self._update(account_id, actor, active=active)

    def set_role(self, account_id: int, role: Role, actor: str) -> Account:
        return self._update(account_id, actor, role=role)

    def set_full_name(self, account_id: int, full_name: str, actor: str) -> Account:
        return self._update(account_id, actor, full_name=" ".join(full_name.split()))

    def _update(self, account_id: int, actor: str, **values: Any) -> Account:
        before = self.get(account_id)
        after = Account(before.id, before.username, values.get("full_name", before.full_name),
                        values.get("role", before.role), values.get("active", before.active))
        if after == before:
            return before
        with self._context.writing() as conn:
            conn.execute("UPDATE accounts SET full_name = ?, role = ?, active = ? WHERE id = ?",
                         (after.full_name, after.role.value, int(after.active), account_id))
            self._context.log(actor, ChangeAction.UPDATE, _ENTITY, account_id,
                              changed(_public(before), _public(after)))
        return after

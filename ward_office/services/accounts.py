"""Accounts and signing in: who is at the keyboard decides what they may do and whose name the log shows.

Passwords are kept only as scrypt hashes (memory-hard, salted per password) in the form
``scrypt$n$r$p$salt$key`` with base64 salt and key, so the cost can be raised later: a hash made with
weaker parameters is replaced on the next successful sign-in. hashlib, hmac and secrets are imported where a
password is hashed, so the window starts without them.

A new password of a real book must hold (``check_password_rules``); the demo book, built straight into
storage, keeps its published one. Each failed sign-in makes the next try of that user name on that book
wait longer (``services.sign_in_waits``). The command line signs in through ``services.command_sign_in``.
"""

from __future__ import annotations

import base64
import binascii
import math
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ward_office.core.access import ROLE_LABELS, Account, Permission, Role
from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _
from ward_office.paths import common_passwords_file
from ward_office.services.sign_in_waits import WINDOW_WAITS, SignInWaits
from ward_office.storage import Store


class PasswordRuleError(WardOfficeError):
    """The new password breaks one of the password rules."""


class PasswordRepeatError(WardOfficeError):
    """The password typed a second time differs from the first."""


class UserNameError(WardOfficeError):
    """The user name is empty, has spaces or is too long."""


class FullNameMissingError(WardOfficeError):
    """An account was given no full name."""


class AccountsExistError(WardOfficeError):
    """The first head is created only in a record book that has no accounts yet."""


class DeactivationError(WardOfficeError):
    """This account may not be deactivated: it is the one signed in, or the last active head."""


class NobodySignedInError(WardOfficeError):
    """A password was to be changed while nobody is signed in."""


if TYPE_CHECKING:
    from ward_office.services.ward import Ward

# 2**16 × 8 × 128 bytes = 64 MiB and about 0.2 s per hash on the 2-core test machine.
SCRYPT_N = 2**16
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
# A stored hash asking for more than this is refused rather than allowed to exhaust memory.
MAX_SCRYPT_MEMORY = 1 << 30

MIN_PASSWORD_LENGTH = 8
MAX_USERNAME_LENGTH = 40
PASSWORD_ENV = "WARD_OFFICE_PASSWORD"


class SignInError(WardOfficeError):
    """Signing in failed; the message never says whether the user name or the password was wrong."""


class SignInWaitError(SignInError):
    """Too many wrong passwords in a row: no password is checked until ``seconds`` have passed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(N_("Too many wrong passwords: try again in {seconds} seconds"),
                         seconds=max(1, math.ceil(seconds)))
        self.seconds = seconds


@dataclass(frozen=True, slots=True)
class ScryptHash:
    n: int
    r: int
    p: int
    salt: bytes
    key: bytes

    def text(self) -> str:
        encode = base64.b64encode
        return f"scrypt${self.n}${self.r}${self.p}${encode(self.salt).decode()}${encode(self.key).decode()}"


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    import hashlib  # not loaded at the window's start

    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length,
                          maxmem=min(MAX_SCRYPT_MEMORY, 130 * n * r + 128 * r * p + (1 << 20)))


def hash_password(password: str, *, n: int | None = None, r: int | None = None, p: int | None = None) -> str:
    """A new salted hash of ``password`` with the current (or given) scrypt parameters."""
    import secrets  # not loaded at the window's start

    n, r, p = n or SCRYPT_N, r or SCRYPT_R, p or SCRYPT_P
    salt = secrets.token_bytes(SALT_BYTES)
    return ScryptHash(n, r, p, salt, _scrypt(password, salt, n, r, p, KEY_BYTES)).text()


def parse_hash(text: str) -> ScryptHash:
    """The parameters, salt and key stored in a hash string; a damaged one raises ``SignInError``."""
    parts = text.split("$")
    try:
        if len(parts) != 6 or parts[0] != "scrypt":
            raise ValueError(text)
        n, r, p = (int(part) for part in parts[1:4])
        salt, key = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error) as error:
        raise SignInError(N_("The stored password of this account is damaged; ask the head to reset it")) from error
    if n < 2 or n & (n - 1) or r < 1 or p < 1 or 128 * n * r > MAX_SCRYPT_MEMORY or not salt or not key:
        raise SignInError(N_("The stored password of this account is damaged; ask the head to reset it"))
    return ScryptHash(n, r, p, salt, key)


def verify_password(password: str, stored: str) -> bool:
    import hmac  # not loaded at the window's start

    parsed = parse_hash(stored)
    candidate = _scrypt(password, parsed.salt, parsed.n, parsed.r, parsed.p, len(parsed.key))
    return hmac.compare_digest(candidate, parsed.key)


def needs_rehash(stored: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    parsed = parse_hash(stored)
    return (parsed.n, parsed.r, parsed.p) < (SCRYPT_N, SCRYPT_R, SCRYPT_P) or len(parsed.key) < KEY_BYTES


# A hash to check a password against when the user name is unknown, so that a wrong name takes as long
# as a wrong password.
_dummy_hash: str | None = None


def _waste_time_like_a_check(password: str) -> None:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_password(os.urandom(8).hex())
    verify_password(password, _dummy_hash)


# ---- Rules for what people type ----


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of the most common passwords, lower case (resources/passwords)."""
    lines = common_passwords_file().read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def check_password_rules(password: str, username: str = "") -> None:
    """A new password of a real record book: long enough, not one character repeated, not the user name,
    not among the most common passwords."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordRuleError(N_("The password must have at least {count} characters"), count=MIN_PASSWORD_LENGTH)
    if not password.strip():
        raise PasswordRuleError(N_("The password cannot be only spaces"))
    if len(set(password)) == 1:
        raise PasswordRuleError(N_("The password cannot be the same character over and over"))
    if username.strip() and password.casefold() == username.strip().casefold():
        raise PasswordRuleError(N_("The password cannot be the user name"))
    if password.casefold() in common_passwords():
        raise PasswordRuleError(N_("This password is among the most common ones, which are guessed first; "
                                   "choose another"))


def check_repeated_password(password: str, repeat: str) -> None:
    """A new password is typed twice; refuse when the two differ."""
    if password != repeat:
        raise PasswordRepeatError(N_("The two passwords you typed differ"))


def clean_username(username: str) -> str:
    username = username.strip()
    if not username:
        raise UserNameError(N_("Enter a user name"))
    if any(character.isspace() for character in username):
        raise UserNameError(N_("A user name cannot contain spaces"))
    if len(username) > MAX_USERNAME_LENGTH:
        raise UserNameError(N_("A user name can have at most {count} characters"), count=MAX_USERNAME_LENGTH)
    return username


def _clean_full_name(full_name: str) -> str:
    full_name = " ".join(full_name.split())
    if not full_name:
        raise FullNameMissingError(N_("Enter the person's full name"))
    return full_name


def account_label(account: Account) -> str:
    """"Trần Văn Bình (Trưởng)": who is signed in, for the window."""
    return _("{name} ({role})").format(name=account.full_name or account.username, role=_(ROLE_LABELS[account.role]))


# ---- Signing in ----


def has_accounts(ward: Ward) -> bool:
    return ward.store.accounts.count() > 0


def become(ward: Ward, account: Account) -> Account:
    ward.account = account
    ward.actor = account.full_name or account.username
    return account


def check_waiting(store: Store, username: str, password: str, book: Path, waits: SignInWaits) -> Account:
    """``_check_credentials``, refused without a look while the wait after wrong passwords runs."""
    left = waits.seconds_left(book, username)
    if left > 0:
        raise SignInWaitError(left)
    try:
        account = _check_credentials(store, username, password)
    except SignInError:
        waits.failed(book, username)
        raise
    waits.succeeded(book, username)
    return account


def _check_credentials(store: Store, username: str, password: str) -> Account:
    found = store.accounts.credentials(username)
    if found is None:
        _waste_time_like_a_check(password)
        raise SignInError(N_("The user name or the password is wrong"))
    account, stored = found
    if not verify_password(password, stored):
        raise SignInError(N_("The user name or the password is wrong"))
    if not account.active:
        raise SignInError(N_("This account has been deactivated; ask the head"))
    if needs_rehash(stored) and not store.read_only:
        store.accounts.set_password_hash(account.id or 0, hash_password(password),
                                         account.full_name or account.username)
    return account


def sign_in(ward: Ward, username: str, password: str, *, waits: SignInWaits | None = None) -> Account:
    """Check the password and make ``account`` the one at the keyboard; a refusal changes nothing in the
    book, and makes the next try of ``username`` wait longer (``WINDOW_WAITS`` unless ``waits``)."""
    return become(ward, check_waiting(ward.store, username, password, ward.path, waits or window_waits()))


def window_waits() -> SignInWaits:
    return WINDOW_WAITS


def continue_as(ward: Ward, account: Account) -> Account:
    """Make an account signed in on another connection (the dialog at start) the one at the keyboard of
    ``ward``, as it is stored now; one deleted or deactivated since is refused."""
    current = ward.store.accounts.get_by_username(account.username)
    if current is None or not current.active:
        raise SignInError(N_("This account has been deactivated; ask the head"))
    return become(ward, current)


def create_head(ward: Ward, username: str, full_name: str, password: str) -> Account:
    """The first account of a book, on its first run: the head, signed in at once."""
    if has_accounts(ward):
        raise AccountsExistError(N_("This record book already has accounts; the head adds new ones in Settings"))
    username, full_name = clean_username(username), _clean_full_name(full_name)
    check_password_rules(password, username)
    account = ward.store.accounts.add(username, full_name, Role.HEAD, hash_password(password), full_name)
    return become(ward, account)


# ---- What the head manages ----


def add_account(ward: Ward, username: str, full_name: str, role: Role, password: str) -> Account:
    ward.require(Permission.MANAGE_ACCOUNTS)
    username, full_name = clean_username(username), _clean_full_name(full_name)
    check_password_rules(password, username)
    return ward.store.accounts.add(username, full_name, role, hash_password(password), ward.actor)


def reset_password(ward: Ward, account_id: int, new_password: str) -> None:
    ward.require(Permission.MANAGE_ACCOUNTS)
    account = ward.store.accounts.get(account_id)
    check_password_rules(new_password, account.username)
    ward.store.accounts.set_password_hash(account_id, hash_password(new_password), ward.actor)


def _refuse_losing_the_last_head(ward: Ward, account: Account) -> None:
    heads = ward.store.accounts.count(active_only=True, role=Role.HEAD)
    if account.role is Role.HEAD and account.active and heads <= 1:
        raise DeactivationError(N_("{name} is the only active head; add another head first"),
                                name=account.full_name or account.username)


def set_active(ward: Ward, account_id: int, active: bool) -> Account:
    """Deactivate (or bring back) an account; the last active head and one's own account stay active."""
    ward.require(Permission.MANAGE_ACCOUNTS)
    account = ward.store.accounts.get(account_id)
    if not active:
        if ward.account is not None and ward.account.id == account_id:
            raise DeactivationError(N_("You cannot deactivate the account you are signed in with"))
        _refuse_losing_the_last_head(ward, account)
    return ward.store.accounts.set_active(account_id, active, ward.actor)


def set_role(ward: Ward, account_id: int, role: Role) -> Account:
    ward.require(Permission.MANAGE_ACCOUNTS)
    account = ward.store.accounts.get(account_id)
    if role is not Role.HEAD:
        _refuse_losing_the_last_head(ward, account)
    return ward.store.accounts.set_role(account_id, role, ward.actor)


def change_own_password(ward: Ward, old_password: str, new_password: str) -> None:
    if ward.account is None:
        raise NobodySignedInError(N_("Nobody is signed in; this record book has no accounts yet"))
    account = check_waiting(ward.store, ward.account.username, old_password, ward.path, window_waits())
    check_password_rules(new_password, account.username)
    ward.store.accounts.set_password_hash(account.id or 0, hash_password(new_password), ward.actor)


def list_accounts(ward: Ward) -> list[Account]:
    return ward.store.accounts.list()


def is_demo_book(ward: Ward) -> bool:
    """The demo ward with its two accounts, whose password the sign-in dialog may show."""
    from ward_office.services.demo import DEMO_ACCOUNTS, DEMO_UNIT  # the demo's makers load only for the demo

    return (ward.unit().name == DEMO_UNIT.name
            and all(ward.store.accounts.get_by_username(username) for username, _name, _role in DEMO_ACCOUNTS))

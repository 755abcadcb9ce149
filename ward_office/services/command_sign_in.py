"""Signing in on the command line: every command that writes into a record book with accounts signs in
the same way (``sign_in_for_command``), and a book nobody can sign in to (damaged, or missing) is restored
only by a head of the backup being restored (``sign_in_to_backup``).

The password comes from ``WARD_OFFICE_PASSWORD`` or is asked for without echo in a terminal. After a
wrong password the command itself waits out the growing wait (``services.sign_in_waits``, kept in the data
folder) before saying so, and a command started while a wait runs waits it out first.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from ward_office.core.access import Account, Permission, require
from ward_office.i18n import N_, _
from ward_office.paths import sign_in_waits_path
from ward_office.services.accounts import PASSWORD_ENV, SignInError, become, check_waiting
from ward_office.services.sign_in_waits import SignInWaits
from ward_office.services.ward import Ward
from ward_office.storage import DatabaseError, Store
from ward_office.storage.backup import verify_backup
from ward_office.storage.database import DamagedDatabaseError

Ask = Callable[[str], str]
T = TypeVar("T")


def password_for(username: str, environ: Mapping[str, str] = os.environ, ask: Ask = getpass.getpass) -> str:
    password = environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    if ask is getpass.getpass and not sys.stdin.isatty():
        raise SignInError(N_("No password for {username}: set {variable}, or run the command in a terminal to "
                             "be asked for it"), username=username, variable=PASSWORD_ENV)
    return ask(_("Password for {username}: ").format(username=username))


def _waited_out(book: Path, username: str, waits: SignInWaits, check: Callable[[], T]) -> T:
    """``check`` after any wait still running; a refusal waits out the wait it starts before it is told."""
    time.sleep(waits.seconds_left(book, username))
    try:
        return check()
    except SignInError:
        time.sleep(waits.seconds_left(book, username))
        raise


def cli_sign_in(ward_or_store: Ward | Store, username: str | None, *, environ: Mapping[str, str] = os.environ,
                ask: Ask = getpass.getpass, book: Path | None = None,
                waits: SignInWaits | None = None) -> Account | None:
    """Sign a command in with ``--user NAME`` and its password.

    A book without accounts needs no user (``None`` is returned, and ``Ward.require`` lets everything
    through); a book with accounts refuses a command without ``--user``. With a ``Ward`` the account
    becomes the one signed in (and the log's actor); with a ``Store`` it is only checked and returned.
    """
    store = ward_or_store if isinstance(ward_or_store, Store) else ward_or_store.store
    if username is None:
        if store.accounts.count() == 0:
            return None
        raise SignInError(N_("This record book has accounts: give --user with your user name (the password is "
                             "read from {variable} or asked for)"), variable=PASSWORD_ENV)
    password = password_for(username, environ, ask)
    if book is None:
        book = Path("-") if isinstance(ward_or_store, Store) else ward_or_store.path
    waits = waits or SignInWaits(sign_in_waits_path())
    account = _waited_out(book, username, waits, lambda: check_waiting(store, username, password, book, waits))
    if not isinstance(ward_or_store, Store):
        become(ward_or_store, account)
    return account


def sign_in_for_command(db_path: Path, username: str | None, permission: Permission, *,
                        environ: Mapping[str, str] = os.environ, ask: Ask = getpass.getpass,
                        waits: SignInWaits | None = None) -> Account | None:
    """The ONE sign-in of the commands that write into a book: ``cli_sign_in`` on the book at ``db_path``,
    refused unless the account may do ``permission``. None: no book yet, or one without accounts.

    A book written by an older version is opened for writing to be read (which updates it, after a
    backup); a damaged one raises ``DamagedDatabaseError``: only a restore helps (``sign_in_to_book``)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        return None
    try:
        ward = Ward.open(db_path, read_only=True)
    except DamagedDatabaseError:
        raise
    except DatabaseError:
        ward = Ward.open(db_path, prepare=False)
    with ward:
        account = cli_sign_in(ward.store, username, environ=environ, ask=ask, book=db_path, waits=waits)
    require(account, permission)
    return account


def book_has_accounts(path: Path) -> bool:
    """Whether a (possibly damaged) book holds any account, read as plainly as possible; True when unsure."""
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve().as_posix()}?mode=ro", uri=True)
        try:
            return bool(conn.execute("SELECT count(*) FROM accounts").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return True


def backup_needs_sign_in(backup: Path) -> bool:
    """Whether restoring ``backup`` over a book nobody can sign in to asks for a head of the backup."""
    try:
        with Ward.open(backup, read_only=True) as ward:
            return ward.store.accounts.count() > 0
    except Exception:  # a backup that cannot be read is refused by the restore, saying why
        return False


def sign_in_to_backup(backup: Path, book: Path, username: str | None, password: str, *,
                      waits: SignInWaits) -> Account | None:
    """Restoring ``backup`` over a book nobody can sign in to (damaged, or missing): a head OF THE BACKUP
    signs, with the password kept in the backup, since the book's own accounts cannot be read or trusted.

    None when neither has accounts (a book from before the first-run wizard). A backup that cannot be read
    is left to the restore, which refuses it saying why."""
    backup, book = Path(backup), Path(book)
    if not backup.is_file() or verify_backup(backup, quick=True):
        return None
    with Ward.open(backup, read_only=True) as ward:
        store = ward.store
        if store.accounts.count() == 0:
            if book.is_file() and book_has_accounts(book):
                raise SignInError(N_("The backup {file} has no accounts and the record book had some: restoring "
                                     "it would open the book to anyone"), file=backup.name)
            return None
        if not username:
            raise SignInError(N_("The record book cannot be opened: to restore the backup {file}, sign in as a "
                                 "head of that backup (--user NAME; the password is read from {variable} or "
                                 "asked for)"), file=backup.name, variable=PASSWORD_ENV)
        account = check_waiting(store, username, password, book, waits)
    require(account, Permission.RESTORE_BACKUP)
    return account


def sign_in_to_book(db_path: Path, username: str | None, permission: Permission, *,
                    environ: Mapping[str, str] = os.environ, ask: Ask = getpass.getpass,
                    backup: Path | None = None) -> tuple[Account | None, bool]:
    """For ``restore``: who signs it, and whether on the book itself. The account signs in to the book
    (``sign_in_for_command``; then True); when the book is damaged or missing, a head of ``backup`` signs
    instead (``sign_in_to_backup``; then False). No account only where nobody has one to sign in with."""
    db_path = Path(db_path)
    account: Account | None
    try:
        if db_path.is_file() or backup is None:
            return sign_in_for_command(db_path, username, permission, environ=environ, ask=ask), db_path.is_file()
    except DamagedDatabaseError:
        if backup is None:
            raise
    assert backup is not None
    if username is None or not backup_needs_sign_in(backup):
        account = sign_in_to_backup(backup, db_path, username, "", waits=SignInWaits())
    else:
        password = password_for(username, environ, ask)
        waits = SignInWaits(sign_in_waits_path())
        account = _waited_out(db_path, username, waits,
                              lambda: sign_in_to_backup(backup, db_path, username, password, waits=waits))
    return account, False

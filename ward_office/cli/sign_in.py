"""Signing a command's writes: the ONE way every command that writes into a record book signs in.

On a book with accounts the command needs ``--user NAME`` and that account's password (from
``WARD_OFFICE_PASSWORD``, or asked for without echo in a terminal), the account must be allowed to do what
the command does, and the change log names it as the window does. A book without accounts yet (before the
first-run wizard) needs nobody. The checks themselves are ``services.accounts.sign_in_for_command``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ward_office.core.access import USER_OPTION_HELP, Account, Permission
from ward_office.core.errors import NotFoundError
from ward_office.i18n import N_, _
from ward_office.services.book_space import check_book_writable
from ward_office.services.command_sign_in import sign_in_for_command

RECORD = Permission.RECORD


def add_user_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--user", metavar=_("NAME"), help=_(USER_OPTION_HELP))


def sign_in(db_path: Path, username: str | None, permission: Permission) -> Account | None:
    """The account that signs the command's writes (None: a book without accounts, or no book yet).

    A write that cannot happen (a read-only book, a full disk) is refused first, saying so: before the
    password is asked for, and before reading the book could fail for the same reason and look like damage."""
    check_book_writable(db_path)
    return sign_in_for_command(db_path, username, permission)


def existing_book(path: Path) -> Path:
    """``path``, refused when no book is there: for a command that only works on a book already kept (opening one
    that is missing would create a new, empty book, and signing in to it would ask for nobody)."""
    if not path.is_file():
        raise NotFoundError(N_("There is no database at {path}"), path=str(path))
    return path

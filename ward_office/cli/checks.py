"""The ``check`` command of ``ward-office``: is the record book whole, and was it changed outside the program?

    ward-office check --db PATH
    ward-office check --db PATH --accept --reason TEXT --user NAME

Damage is told with the newest good backup and the command that restores it; tampering with the change log
line from which nothing can be trusted. ``--accept`` is the head's word, after comparing the book with a backup,
that it may be used again. Plugs into the parser (``app.py``) with two calls: ``register`` while building it,
``run`` for the parsed options.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ward_office.core.access import USER_OPTION_HELP, Permission
from ward_office.core.errors import ReasonMissingError
from ward_office.i18n import N_, _
from ward_office.paths import default_database_path
from ward_office.services import book_check
from ward_office.services.backups import newest_good_backup
from ward_office.services.command_sign_in import sign_in_for_command

COMMANDS = ("check",)


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add ``check`` to the subcommands; ``common_parent`` brings --db and --lang."""
    check = subparsers.add_parser("check", parents=[common_parent], help=_("check the database file for damage"))
    check.add_argument("--accept", action="store_true",
                       help=_("the head, having compared the record book with a backup, accepts what the check "
                              "found so that it can be used again (with --reason and --user)"))
    check.add_argument("--reason", metavar=_("TEXT"),
                       help=_("with --accept: what the record book was compared with (kept in the change log)"))
    check.add_argument("--user", metavar=_("NAME"), help=_(USER_OPTION_HELP))


def run(options: argparse.Namespace) -> int:
    """Check (or accept what a check found); 1 when the book is damaged or was changed outside the program."""
    db_path: Path = options.db or default_database_path()
    problems = book_check.check_database(db_path)
    if problems:
        print(_("The database {path} is damaged:").format(path=db_path), file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        suggest_restore(db_path)
        return 1
    if options.accept:
        if not (options.reason or "").strip():
            raise ReasonMissingError(N_("Say why the record book may be used again (what it was compared with)"))
        account = sign_in_for_command(db_path, options.user, Permission.ACCEPT_FINDINGS)
        print(book_check.accept_findings(db_path, account, options.reason).localized())
        return 0
    tampering = book_check.check_for_tampering(db_path)
    if tampering.found:
        print(_("The record book {path} was changed outside the program:").format(path=db_path), file=sys.stderr)
        for line in tampering.lines():
            print(f"  - {line}", file=sys.stderr)
        if tampering.since_line is not None:
            print(_("Changes recorded from change log line {line} on cannot be trusted.").format(
                line=tampering.since_line), file=sys.stderr)
        return 1
    print(_("The database {path} is intact.").format(path=db_path))
    return 0


def suggest_restore(db_path: Path) -> None:
    """After ``check`` found damage: the newest good backup and the command that restores it."""
    backup = newest_good_backup(db_path)
    if backup is None:
        print(_("No good backup of this record book was found."), file=sys.stderr)
        return
    print(_("The newest good backup is {file}; restore it with:").format(file=backup.path), file=sys.stderr)
    print(f"  ward-office restore --db {db_path} {backup.path}", file=sys.stderr)

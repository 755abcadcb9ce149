"""The ``backup``, ``restore`` and ``backups`` commands of ``ward-office``.

    ward-office backup  [--db PATH] [--to FOLDER]
    ward-office restore [--db PATH] FILE [--yes] [--user NAME] [--accept-tampered]
    ward-office backups [--db PATH]

Plugs into the parser (``app.py``) with two calls: ``register`` while building it, ``run`` for the parsed
options.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ward_office.cli import sign_in
from ward_office.core.access import AccessDeniedError, Permission
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number
from ward_office.paths import default_database_path
from ward_office.services import backups
from ward_office.services.book_space import check_book_writable
from ward_office.services.command_sign_in import sign_in_to_book
from ward_office.services.ward import Ward

BACKUP = "backup"
RESTORE = "restore"
LIST = "backups"
COMMANDS = (BACKUP, RESTORE, LIST)


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add the three commands; ``common_parent`` brings --db and --lang."""
    backup = subparsers.add_parser(BACKUP, parents=[common_parent],
                                   help=_("make a checked backup of the record book now"))
    backup.add_argument("--to", type=Path, metavar=_("FOLDER"),
                        help=_("the folder to put it in (a USB stick); default: the sao-luu folder beside the book"))
    restore = subparsers.add_parser(RESTORE, parents=[common_parent],
                                    help=_("put the content of a backup back into the record book"))
    restore.add_argument("file", type=Path, metavar=_("FILE"))
    restore.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    sign_in.add_user_option(restore)
    restore.add_argument("--accept-tampered", action="store_true",
                         help=_("restore even a backup changed outside the program (the head, signed in with "
                                "--user, accepts what the check found)"))
    subparsers.add_parser(LIST, parents=[common_parent], help=_("list the backups of the record book"))


def run(options: argparse.Namespace) -> int:
    """Do the command; a WardOfficeError goes up to the caller, which prints it."""
    db_path: Path = options.db or default_database_path()
    if options.command == BACKUP:
        made = backups.back_up_now(db_path, options.to)
        print(_("Backup made: {path}").format(path=made.path))
        return 0
    if options.command == RESTORE:
        check_book_writable(db_path)
        # The head of the book; of the backup when the book is damaged or missing (nobody can sign in to it).
        account, on_book = sign_in_to_book(db_path, options.user, Permission.RESTORE_BACKUP, backup=options.file)
        if options.accept_tampered and account is None:
            raise AccessDeniedError(N_("Only the head, signed in with --user, may restore a backup changed outside "
                                       "the program"))
        if not options.yes:
            question = _("Replace the content of {book} with the backup {file}? The current content is kept "
                         "as a backup first. [y/N] ").format(book=db_path, file=options.file)
            answer = input(question).strip().lower()
            if answer not in ("y", "yes", "c", "co", "có"):
                print(_("Nothing was restored."))
                return 1
        if not on_book:
            print(backups.restore_unopenable_book(db_path, options.file, account,
                                                  accept_tampered=options.accept_tampered).localized())
            return 0
        with Ward.open(db_path, account=account, must_exist=True) as ward:
            print(backups.restore_backup(ward, options.file, accept_tampered=options.accept_tampered).localized())
        return 0
    if options.command == LIST:
        found = backups.list_backups(db_path)
        if not found:
            print(_("No backups of {path} in {folder}").format(path=db_path, folder=backups.backup_folder(db_path)))
            return 0
        for info in found:
            state = _("good") if info.ok else _("damaged")
            size = _("{size} KB").format(size=format_number(round(info.size / 1024)))
            print(f"{info.when}\t{size}\t{info.reason_label}\t{state}\t{info.path}")
        return 0
    print(options.command, file=sys.stderr)
    return 2

"""The ``lock`` and ``unlock`` commands of ``ward-office``: sign a review period off (khóa sổ), or reopen it.

    ward-office lock   --db PATH --period 2026-H1 [--user NAME]
    ward-office unlock --db PATH --period 2026-H1 --reason TEXT [--user NAME]

Plugs into the parser (``app.py``) with two calls: ``register`` while building it, ``run`` for the parsed
options.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ward_office.cli import sign_in
from ward_office.core.access import Permission
from ward_office.core.period import parse_period
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_datetime, period_label
from ward_office.paths import default_database_path
from ward_office.services.period_locks import lock_period, unlock_period
from ward_office.services.ward import Ward

COMMANDS = ("lock", "unlock")
PERIOD_HELP = N_("2026-05, 2026-Q2, 2026-H1, 2026 or 2026-01-01..2026-06-30")


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add ``lock`` and ``unlock`` to the subcommands; ``common_parent`` brings --db and --lang."""
    lock = subparsers.add_parser(
        "lock", parents=[common_parent],
        help=_("lock a review period that is over: its records can no longer change and its ranking is kept"))
    lock.add_argument("--period", required=True, metavar=_("PERIOD"), help=_(PERIOD_HELP))
    unlock = subparsers.add_parser("unlock", parents=[common_parent],
                                   help=_("unlock a locked review period, saying why"))
    unlock.add_argument("--period", required=True, metavar=_("PERIOD"), help=_(PERIOD_HELP))
    for command in (lock, unlock):
        sign_in.add_user_option(command)
    unlock.add_argument("--reason", required=True, metavar=_("TEXT"),
                        help=_("why the period is unlocked (kept in the change log)"))


def run(options: argparse.Namespace) -> int:
    """Lock or unlock and say so; a WardOfficeError goes up to the caller, which prints it."""
    path = options.db or default_database_path()
    period = parse_period(options.period)
    sign_in.existing_book(path)
    permission = Permission.LOCK_PERIOD if options.command == "lock" else Permission.UNLOCK_PERIOD
    account = sign_in.sign_in(path, options.user, permission)
    with Ward.open(path, account=account) as ward:
        if options.command == "lock":
            lock = lock_period(ward, period, date.today())
            print(_("{period} is locked ({time}); its ranking is kept as it stands now.").format(
                period=period_label(period), time=format_datetime(lock.locked_at)))
        else:
            unlock_period(ward, period, options.reason)
            print(_("{period} is unlocked; its records can be changed again.").format(period=period_label(period)))
    return 0

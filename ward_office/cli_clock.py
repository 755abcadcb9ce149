"""The ``import-clock`` command of ``ward-office``: a fingerprint clock's log into the record book.

    ward-office import-clock --db PATH FILE [--mapping NAME] [--dry-run] [--user NAME]

Kept apart from cli.py so the command plugs in with two calls (``register`` while building the parser,
``run`` for the parsed options). The service is imported only when the command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ward_office import cli_sign
from ward_office.i18n import _

COMMAND = "import-clock"


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add ``import-clock`` to the subcommands; ``common_parent`` brings --db and --lang."""
    command: argparse.ArgumentParser = subparsers.add_parser(
        COMMAND, parents=[common_parent],
        help=_("import punches from a fingerprint clock log (attlog .dat, ATTLOG lines, CSV or Excel)"))
    command.add_argument("file", type=Path, metavar=_("FILE"))
    command.add_argument("--mapping", metavar=_("NAME"),
                         help=_("the remembered column mapping to read a CSV or Excel export with"))
    command.add_argument("--dry-run", action="store_true", help=_("check the file and show what would change"))
    cli_sign.add_user_option(command)
    return command


def run(options: argparse.Namespace) -> int:
    """Import (or only preview) and print the summary; a WardOfficeError goes up to the caller, which prints it."""
    from ward_office.paths import default_database_path
    from ward_office.services.clock_import import import_clock

    db_path = options.db or default_database_path()
    account = None if options.dry_run else cli_sign.sign_in(db_path, options.user, cli_sign.RECORD)
    summary = import_clock(db_path, options.file, options.mapping, dry_run=options.dry_run, account=account)
    print(summary.localized())
    return 0

"""The import commands of ``ward-office``: violations and commendations, the staff list, a fingerprint clock's log.

    ward-office import-events --db PATH FILE [--dry-run] [--user NAME]
    ward-office import-staff  --db PATH FILE [--mapping NAME] [--dry-run] [--user NAME]
    ward-office import-clock  --db PATH FILE [--mapping NAME] [--include-suspect] [--dry-run] [--user NAME]

Plugs into the parser (``app.py``): ``register_records`` and ``register_clock`` while building it (the help
lists them where it always has), ``run`` for the parsed options. The importers are loaded only when a command
runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ward_office.cli import sign_in
from ward_office.i18n import _
from ward_office.paths import default_database_path
from ward_office.services.ward import Ward, whole_or_nothing

if TYPE_CHECKING:
    from ward_office.services.clock_import import ClockImportSummary
    from ward_office.services.imports import ImportSummary

EVENTS = "import-events"
STAFF = "import-staff"
COMMAND = "import-clock"
COMMANDS = (EVENTS, STAFF, COMMAND)


def register_records(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add ``import-events`` and ``import-staff``; ``common_parent`` brings --db and --lang."""
    for name, help_text in (
        (EVENTS, _("import violations and commendations from a CSV or Excel (.xlsx) file")),
        (STAFF, _("import or update the staff list from a CSV or Excel (.xlsx) file")),
    ):
        command = subparsers.add_parser(name, parents=[common_parent], help=help_text)
        command.add_argument("file", type=Path, metavar=_("FILE"))
        if name == STAFF:
            command.add_argument("--mapping", metavar=_("NAME"), help=_(
                "the remembered column mapping to read the staff list with (by default the one remembered for "
                "a sheet with these columns)"))
        command.add_argument("--dry-run", action="store_true", help=_("check the file and show what would change"))
        sign_in.add_user_option(command)


def register_clock(subparsers: Any, common_parent: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add ``import-clock`` to the subcommands; ``common_parent`` brings --db and --lang."""
    command: argparse.ArgumentParser = subparsers.add_parser(
        COMMAND, parents=[common_parent],
        help=_("import punches from a fingerprint clock log (attlog .dat, ATTLOG lines, CSV or Excel)"))
    command.add_argument("file", type=Path, metavar=_("FILE"))
    command.add_argument("--mapping", metavar=_("NAME"),
                         help=_("the remembered column mapping to read a CSV or Excel export with"))
    command.add_argument("--include-suspect", action="store_true",
                         help=_("also import punches dated after today or before the ward's first day"))
    command.add_argument("--dry-run", action="store_true", help=_("check the file and show what would change"))
    sign_in.add_user_option(command)
    return command


def run(options: argparse.Namespace) -> int:
    """Import (or only preview) and print the summary; a WardOfficeError goes up to the caller, which prints it."""
    from ward_office.services.clock_import import import_clock  # the importers load with the command
    from ward_office.services.imports import import_events, import_staff  # the importers load with the command

    db_path: Path = options.db or default_database_path()
    account = None if options.dry_run else sign_in.sign_in(db_path, options.user, sign_in.RECORD)
    # A trial run only reads (it works while another program writes); the clock's needs an existing book. An
    # import that fails into a book it created leaves no book.
    with whole_or_nothing(db_path), Ward.open(db_path, account=account, must_exist=options.command == COMMAND,
                                              read_only=options.dry_run and db_path.is_file()) as ward:
        summary: ClockImportSummary | ImportSummary
        if options.command == COMMAND:
            summary = import_clock(ward, options.file, options.mapping, dry_run=options.dry_run,
                                   include_suspect=getattr(options, "include_suspect", False))
        elif options.command == STAFF:
            summary = import_staff(ward, options.file, dry_run=options.dry_run, mapping_name=options.mapping)
        else:
            summary = import_events(ward, options.file, dry_run=options.dry_run)
    print(summary.localized())
    return 0

"""The ``log`` command of ``ward-office``: read the change log, or export it to Excel or CSV.

    ward-office log --db PATH [--from D] [--to D] [--who NAME] [--kind K] [--out FILE.xlsx|.csv]

Plugs into the parser (``app.py``) with two calls: ``register`` while building it, ``run`` for the parsed
options. The service (hashlib, the workbook writer) is imported only when the command runs.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from ward_office.i18n import _
from ward_office.i18n.formatting import format_datetime
from ward_office.paths import default_database_path
from ward_office.services.ward import Ward, in_own_ward

COMMAND = "log"
COMMANDS = (COMMAND,)
# The kinds of record of the change log (core.change_log.ChangeEntity), without importing it at start-up
KINDS = ("attendance", "event", "check", "staff", "department", "unit", "work_schedule", "holiday", "plan",
         "period", "period_snapshot", "punch", "clock_mapping", "account", "attendance_excuse")
SHOWN_WITHOUT_OUT = 50


def _day(text: str) -> date:
    """2026-11-05 or 05/11/2026."""
    if "/" in text:
        day, month, year = text.split("/")
        return date(int(year), int(month), int(day))
    return date.fromisoformat(text)


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add ``log`` to the subcommands; ``common_parent`` brings --db and --lang."""
    command: argparse.ArgumentParser = subparsers.add_parser(
        COMMAND, parents=[common_parent],
        help=_("show the change log (who changed what and when), or export it to Excel or CSV"))
    command.add_argument("--from", dest="start", type=_day, metavar=_("DAY"),
                         help=_("changes made from this day (2026-11-05 or 05/11/2026)"))
    command.add_argument("--to", dest="end", type=_day, metavar=_("DAY"), help=_("changes made until this day"))
    command.add_argument("--who", metavar=_("NAME"), help=_("only the changes made by this person"))
    command.add_argument("--kind", choices=KINDS, metavar=_("KIND"),
                         help=_("only this kind of record: {kinds}").format(kinds=", ".join(KINDS)))
    command.add_argument("--out", type=Path, metavar=_("FILE"),
                         help=_("write every matching line to this .xlsx or .csv file instead of printing the "
                                "newest ones"))
    return command


def run(options: argparse.Namespace) -> int:
    """Print the newest lines or write the file; a WardOfficeError goes up to the caller, which prints it."""
    from ward_office.services import change_log  # hashlib and the workbook writer load with the command

    db_path = options.db or default_database_path()
    wanted = change_log.ChangeFilter(start=options.start, end=options.end, actor=options.who, kind=options.kind)
    if options.out is not None:
        summary = in_own_ward(db_path, lambda ward: change_log.export_change_log(ward, wanted, options.out),
                              read_only=True)
        print(summary.localized())
        return 0
    with Ward.open(db_path, read_only=True) as ward:
        rows = change_log.find_entries(ward, wanted, limit=SHOWN_WITHOUT_OUT)
    for row in rows:
        print(f"{format_datetime(row.entry.at)}\t{row.entry.actor}\t{row.sentence}")
    if not rows:
        print(_("No change matches the filter."))
    elif len(rows) == SHOWN_WITHOUT_OUT:
        print(_("(the newest {count} lines; use --out FILE to export them all)").format(count=SHOWN_WITHOUT_OUT))
    return 0

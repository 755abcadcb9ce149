"""The ``export`` command of ``ward-office``: the ranking, the score items or a month's timesheet as an Excel file.

    ward-office export ranking|items|timesheet --db PATH --period P --out FILE.xlsx

Plugs into the parser (``app.py``) with two calls: ``register`` while building it, ``run`` for the parsed
options. Services and openpyxl are imported only when the command runs, so the
window's start-up does not pay for them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ward_office.i18n import _
from ward_office.paths import default_database_path
from ward_office.services.ward import Ward

COMMAND = "export"
COMMANDS = (COMMAND,)
KINDS = ("ranking", "items", "timesheet")  # ward_office.services.export.ExportKind, without importing it


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add ``export`` to the subcommands; ``common_parent`` brings --db and --lang."""
    command: argparse.ArgumentParser = subparsers.add_parser(
        COMMAND, parents=[common_parent],
        help=_("export the ranking, the score items or a month's timesheet to an Excel file"))
    command.add_argument("kind", choices=KINDS, metavar=_("KIND"),
                         help=_("ranking (one row per person), items (every point behind the scores) or "
                                "timesheet (one month)"))
    command.add_argument("--period", required=True, metavar=_("PERIOD"),
                         help=_("2026-05, 2026-Q2, 2026-H1, 2026 or 2026-01-01..2026-06-30; a month for the "
                                "timesheet"))
    command.add_argument("--out", required=True, type=Path, metavar=_("FILE"),
                         help=_("the Excel file to write (.xlsx); an existing file is replaced"))
    return command


def run(options: argparse.Namespace) -> int:
    """Write the workbook and say so; a WardOfficeError goes up to the caller, which prints it."""
    from ward_office.services.export import export  # the workbook writer loads with the command

    with Ward.open(options.db or default_database_path(), read_only=True) as ward:
        summary = export(ward, options.kind, options.period, options.out)
    print(summary.localized())
    return 0

"""The ``report`` command of ``ward-office``: one of the printed reports as a PDF file.

    ward-office report KIND --db PATH --period P --out FILE.pdf [--check ID]

Plugs into the parser (``app.py``) with two calls: ``register`` while building it (which reads the list of
reports), ``run`` for the parsed options.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ward_office.i18n import _
from ward_office.paths import default_database_path
from ward_office.services.printing import REPORTS, write_report
from ward_office.services.ward import Ward

COMMANDS = ("report",)


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add ``report`` to the subcommands; ``common_parent`` brings --db and --lang."""
    report = subparsers.add_parser("report", parents=[common_parent], help=_("write a printed report as a PDF file"))
    report.add_argument("kind", choices=list(REPORTS), metavar=_("KIND"),
                        help=_("the report: {kinds}").format(kinds=", ".join(REPORTS)))
    report.add_argument("--period", required=True, metavar=_("PERIOD"),
                        help=_("2026-05, 2026-Q2, 2026-H1, 2026 or 2026-01-01..2026-06-30"))
    report.add_argument("--out", required=True, type=Path, metavar=_("FILE"), help=_("the PDF file to write"))
    report.add_argument("--check", type=int, metavar=_("NUMBER"), help=_("the check round (for the check record)"))


def run(options: argparse.Namespace) -> int:
    db_path: Path = options.db or default_database_path()
    extra = {"check_id": options.check} if options.check is not None else {}
    with Ward.open(db_path, read_only=True) as ward:
        print(write_report(ward, options.kind, options.period, options.out, **extra).localized())
    return 0

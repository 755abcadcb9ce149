"""The ``import-scores`` command of ``ward-office``: a month's entered points (task results) from an Excel or CSV
file, or the blank file to fill in for them.

    ward-office import-scores --db PATH --month 11/2026 FILE [--dry-run] [--user NAME]
    ward-office import-scores --db PATH --month 11/2026 --template FILE.xlsx

Plugs into the parser (``app.py``) with two calls: ``register`` while building it, ``run`` for the parsed
options. The importer and openpyxl are loaded only when the command runs.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path
from typing import Any

from ward_office.cli import sign_in
from ward_office.core.access import Permission
from ward_office.core.errors import WardOfficeError
from ward_office.core.period import PeriodError
from ward_office.i18n import N_, _
from ward_office.paths import default_database_path
from ward_office.services.ward import Ward

COMMAND = "import-scores"
COMMANDS = (COMMAND,)


class ScoreImportUsageError(WardOfficeError):
    """Neither a file to import nor a template to write was asked for, or both were."""


_MONTH = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{4})-(\d{1,2})")


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add ``import-scores``; ``common_parent`` brings --db and --lang."""
    summary = _("import a month's entered points (task results) from a CSV or Excel (.xlsx) file, all or nothing; "
                "an empty cell leaves the points already entered as they are")
    command = subparsers.add_parser(COMMAND, parents=[common_parent], help=summary, description=summary)
    command.add_argument("file", type=Path, nargs="?", metavar=_("FILE"),
                         help=_("one row per person (code, full name), one column per entered item of the plan"))
    command.add_argument("--month", required=True, metavar=_("MM/YYYY"), help=_("the month the points are for"))
    command.add_argument("--template", type=Path, metavar=_("FILE.xlsx"),
                         help=_("write the file to fill in instead: the people working that month and the "
                                "plan's entered items with their maxima"))
    command.add_argument("--dry-run", action="store_true", help=_("check the file and show what would change"))
    sign_in.add_user_option(command)


def parse_month(text: str) -> date:
    """11/2026 (also 11-2026, 11.2026) or 2026-11: the month's first day."""
    found = _MONTH.fullmatch(text.strip())
    if found is not None:
        number, year = (found[1], found[2]) if found[1] else (found[4], found[3])
        if 1 <= int(number) <= 12:
            return date(int(year), int(number), 1)
    raise PeriodError(N_("“{text}” is not a month: write 11/2026"), text=text)


def run(options: argparse.Namespace) -> int:
    """Write the template, or import (or only preview) and print the summary; a WardOfficeError goes up to the
    caller, which prints it."""
    from ward_office.services.score_imports import import_scores, write_score_template  # loads the importer

    path = sign_in.existing_book(options.db or default_database_path())
    month = parse_month(options.month)
    if (options.template is None) == (options.file is None):
        raise ScoreImportUsageError(N_("Give the file to import, or --template FILE.xlsx to write the file to "
                                       "fill in: one of the two"))
    if options.template is not None:
        with Ward.open(path, read_only=True) as ward:
            count = write_score_template(ward, month, options.template)
        print(_("{file}: {count} people to fill in. An empty cell leaves the points already entered as they are.")
              .format(file=options.template, count=count))
        return 0
    account = None if options.dry_run else sign_in.sign_in(path, options.user, Permission.ENTER_SCORES)
    with Ward.open(path, account=account, must_exist=True, read_only=options.dry_run) as ward:
        summary = import_scores(ward, month, options.file, dry_run=options.dry_run)
    print(summary.localized())
    return 0

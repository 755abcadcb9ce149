"""The ``demo`` command of ``ward-office``: a made-up ward, with months of records, in a new record book.

    ward-office demo --db PATH [--staff N] [--months N] [--seed N] [--until YYYY-MM-DD]

Plugs into the parser (``app.py``) with two calls: ``register`` while building it, ``run`` for the parsed
options. The service is imported only when the command runs.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ward_office.i18n import _
from ward_office.paths import default_database_path

COMMANDS = ("demo",)


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add ``demo`` to the subcommands; ``common_parent`` brings --db and --lang."""
    demo = subparsers.add_parser("demo", parents=[common_parent], help=_("build a demo ward in a new database"))
    demo.add_argument("--staff", type=int, default=45, metavar=_("NUMBER"), help=_("number of staff (default 45)"))
    demo.add_argument("--months", type=int, default=18, metavar=_("NUMBER"), help=_("months of records (default 18)"))
    demo.add_argument("--seed", type=int, default=2026, metavar=_("NUMBER"), help=_("random seed (default 2026)"))
    demo.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD",
                      help=_("last day of records (default: today)"))


def run(options: argparse.Namespace) -> int:
    from ward_office.services.demo import build_demo  # the demo's makers load only to build one

    summary = build_demo(options.db or default_database_path(), staff=options.staff,
                         months=options.months, seed=options.seed, until=options.until or date.today())
    print(summary.localized())
    return 0

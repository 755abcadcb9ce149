"""The ``score`` command of ``ward-office``: a period's scores, grades and ranks as a table, CSV or JSON.

    ward-office score --db PATH --period P [--format table|csv|json]

Plugs into the parser (``app.py``) with two calls: ``register`` while building it, ``run`` for the parsed
options.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from ward_office.core.period import parse_period
from ward_office.core.quota import QuotaTieState
from ward_office.i18n import _
from ward_office.paths import default_database_path
from ward_office.reports.spreadsheet_text import csv_row
from ward_office.scoring.results import ScoredPeriod
from ward_office.services.presentation import ranking_rows, ranking_table, ranking_to_json
from ward_office.services.quota_decisions import quota_line_text
from ward_office.services.ward import Ward

COMMANDS = ("score",)


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add ``score`` to the subcommands; ``common_parent`` brings --db and --lang."""
    score = subparsers.add_parser("score", parents=[common_parent], help=_("compute scores, grades and ranks"))
    score.add_argument("--period", required=True, metavar=_("PERIOD"),
                       help=_("2026-05, 2026-Q2, 2026-H1, 2026 or 2026-01-01..2026-06-30"))
    score.add_argument("--format", choices=("table", "csv", "json"), default="table",
                       help=_("output format (default table)"))


def run(options: argparse.Namespace) -> int:
    period = parse_period(options.period)
    with Ward.open(options.db or default_database_path(), read_only=True) as ward:
        ranking = ward.score(period)
    print_ranking(ranking, options.format)
    return 0


def print_ranking(ranking: ScoredPeriod, output: str) -> None:
    if output == "json":
        json.dump(ranking_to_json(ranking), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif output == "csv":
        writer = csv.writer(sys.stdout)
        for row in ranking_rows(ranking, with_header=True):
            writer.writerow(csv_row(row))
    else:
        sys.stdout.write(ranking_table(ranking))
        _print_quota_line(ranking)


def _print_quota_line(ranking: ScoredPeriod) -> None:
    """Under the table: the tie at the quota line and its state, or the tie-break key that settled the line."""

    text = quota_line_text(ranking.ranking)
    if not text:
        return
    print()
    print(text)
    tie = ranking.ranking.quota_tie
    if tie is not None and tie.state is QuotaTieState.PENDING:
        print(_("People tied: {people}").format(
            people=", ".join(f"{person.code} {person.full_name}" for person in tie.tied)))
        print(_("The head records the council's decision with: ward-office quota decide --period {period} --grade "
                "{grade} --choose CODE,… --meeting YYYY-MM-DD --minute NUMBER --reason TEXT").format(
            period=ranking.ranking.period.code, grade=tie.grade.code))

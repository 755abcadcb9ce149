"""The ``quota`` command of ``ward-office``: record the emulation council's decision on people tied at the
quota line (Hội đồng thi đua chọn ai giữ mức xếp loại khi số người bằng điểm nhiều hơn số suất).

    ward-office quota decide --db PATH --period 2026-11 --grade HTXSNV --choose CB001,CB002
                             --meeting 2026-12-01 --minute 12/BB-HĐTĐ --reason TEXT [--user NAME]

Plugs into the parser (``app.py``) with ``register`` and ``run``.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ward_office.cli import sign_in
from ward_office.core.access import Permission
from ward_office.core.period import parse_period
from ward_office.i18n import N_, _
from ward_office.paths import default_database_path
from ward_office.services.quota_decisions import decide_quota_tie, quota_line_text, staff_ids_by_code
from ward_office.services.ward import Ward

COMMANDS = ("quota",)
PERIOD_HELP = N_("2026-05, 2026-Q2, 2026-H1, 2026 or 2026-01-01..2026-06-30")


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add ``quota decide`` to the subcommands; ``common_parent`` brings --db and --lang."""
    quota = subparsers.add_parser("quota", help=_("people tied at the quota line: record the emulation council's "
                                                  "decision"))
    actions = quota.add_subparsers(dest="quota_command", metavar=_("COMMAND"), required=True)
    decide = actions.add_parser("decide", parents=[common_parent],
                                help=_("record which of the people tied at the quota line keep the grade"))
    decide.add_argument("--period", required=True, metavar=_("PERIOD"), help=_(PERIOD_HELP))
    decide.add_argument("--grade", required=True, metavar=_("CODE"), help=_("the grade code of the quota"))
    decide.add_argument("--choose", required=True, metavar=_("CODES"),
                        help=_("staff codes of the people who keep the grade, separated by commas (may be empty)"))
    decide.add_argument("--meeting", required=True, type=date.fromisoformat, metavar=_("DATE"),
                        help=_("the day of the emulation council's meeting (YYYY-MM-DD)"))
    decide.add_argument("--minute", required=True, metavar=_("NUMBER"), help=_("the number of the meeting's minutes"))
    decide.add_argument("--reason", required=True, metavar=_("TEXT"), help=_("why these people were chosen"))
    sign_in.add_user_option(decide)


def run(options: argparse.Namespace) -> int:
    """Record the decision and say what it does; a WardOfficeError goes up to the caller, which prints it."""
    path = options.db or default_database_path()
    period = parse_period(options.period)
    sign_in.existing_book(path)
    account = sign_in.sign_in(path, options.user, Permission.DECIDE_QUOTA_TIE)
    codes = [code.strip() for code in options.choose.split(",") if code.strip()]
    with Ward.open(path, account=account) as ward:
        chosen = staff_ids_by_code(ward, codes)
        decide_quota_tie(ward, period, options.grade, chosen, options.meeting, options.minute, options.reason)
        print(quota_line_text(ward.score(period).ranking))
    return 0

"""The ``attendance`` command of ``ward-office``: the head excuses (miễn trừ) a late arrival, an early leave, an
absence or a missing punch, with a reason kept on the record.

    ward-office attendance excuse --db PATH --staff CB005 --day 2026-11-03 --session morning --occurrence late
                                  --reason TEXT [--user NAME]

Plugs into the parser (``app.py``) with ``register`` and ``run``.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ward_office.cli import sign_in
from ward_office.core.access import Permission
from ward_office.core.errors import NotFoundError
from ward_office.core.excuse import EXCUSABLE, occurrence_text
from ward_office.core.schedule import SESSION_LABELS, Session
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date
from ward_office.paths import default_database_path
from ward_office.services.excuses import excuse_attendance
from ward_office.services.quota_decisions import staff_ids_by_code
from ward_office.services.ward import Ward

COMMANDS = ("attendance",)


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add ``attendance excuse`` to the subcommands; ``common_parent`` brings --db and --lang."""
    attendance = subparsers.add_parser("attendance", help=_("attendance: excuse a late arrival, an early leave or "
                                                            "an absence"))
    actions = attendance.add_subparsers(dest="attendance_command", metavar=_("COMMAND"), required=True)
    excuse = actions.add_parser("excuse", parents=[common_parent],
                                help=_("excuse one occurrence of a session with a reason (the head only)"))
    excuse.add_argument("--staff", required=True, metavar=_("CODE"), help=_("the staff code"))
    excuse.add_argument("--day", required=True, type=date.fromisoformat, metavar=_("DATE"),
                        help=_("the day (YYYY-MM-DD)"))
    excuse.add_argument("--session", required=True, choices=[session.value for session in Session],
                        help=_("the session: morning or afternoon"))
    excuse.add_argument("--occurrence", required=True, choices=[trigger.value for trigger in EXCUSABLE],
                        help=_("what is excused: late, early, absent or missing_punch"))
    excuse.add_argument("--reason", required=True, metavar=_("TEXT"), help=_("why the head excuses it"))
    sign_in.add_user_option(excuse)


def run(options: argparse.Namespace) -> int:
    """Record the excuse and say what it does; a WardOfficeError goes up to the caller, which prints it."""
    path = options.db or default_database_path()
    sign_in.existing_book(path)
    account = sign_in.sign_in(path, options.user, Permission.EXCUSE_ATTENDANCE)
    with Ward.open(path, account=account) as ward:
        [staff_id] = staff_ids_by_code(ward, [options.staff])
        record = ward.store.attendance.get(staff_id, options.day, Session(options.session))
        if record is None or record.id is None:
            raise NotFoundError(N_("Nothing is recorded for {code} on {day}, {session}: present and on time"),
                                code=options.staff, day=format_date(options.day),
                                session=_(SESSION_LABELS[Session(options.session)]).lower())
        excuse = excuse_attendance(ward, record.id, options.occurrence, options.reason)
        minutes = {"late": record.late_minutes, "early": record.early_minutes}.get(excuse.trigger.value)
        print(_("Excused: {occurrence} — {reason}").format(occurrence=occurrence_text(excuse.trigger, minutes),
                                                           reason=excuse.reason))
    return 0

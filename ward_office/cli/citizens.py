"""The citizen's voice on the command line: a rating device's or the portal's export, a paper survey's tally, and a
citizen's praise or complaint from received to verified and answered.

    ward-office import-ratings --db PATH FILE [--mapping NAME] [--dry-run] [--user NAME]
    ward-office citizens tally --db PATH --staff CB002 --month 3/2026 --counts 0 1 4 [--note TEXT]
    ward-office citizens receive --db PATH --kind complaint --staff CB002 --day 2026-03-12 --channel letter
                                 --text TEXT [--citizen NAME]
    ward-office citizens verify --db PATH NUMBER (--true | --not-true) [--note TEXT]     (the head only)
    ward-office citizens answer --db PATH NUMBER --day 2026-03-20 [--text TEXT]
    ward-office citizens list --db PATH [--open]

Plugs into the parser (``app.py``) with ``register`` and ``run``.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ward_office.cli import sign_in
from ward_office.core.access import Permission
from ward_office.core.citizens import (
    FEEDBACK_CHANNEL_LABELS,
    FEEDBACK_KIND_LABELS,
    VERIFICATION_LABELS,
    CitizenFeedback,
    FeedbackChannel,
    FeedbackKind,
    RatingCounts,
)
from ward_office.core.period import PeriodError
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date
from ward_office.paths import default_database_path
from ward_office.services.quota_decisions import staff_ids_by_code
from ward_office.services.ward import Ward

if TYPE_CHECKING:
    from ward_office.services.citizens import RatingImportSummary

IMPORT = "import-ratings"
COMMANDS = (IMPORT, "citizens")


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add ``import-ratings`` and ``citizens``; ``common_parent`` brings --db and --lang."""
    command = subparsers.add_parser(IMPORT, parents=[common_parent], help=_(
        "import citizens' satisfaction ratings from a rating device's or the public service portal's export "
        "(CSV or Excel)"))
    command.add_argument("file", type=Path, metavar=_("FILE"))
    command.add_argument("--mapping", metavar=_("NAME"),
                         help=_("the remembered column mapping to read the export with; without it, the columns "
                                "of the template danh-gia-hai-long.xlsx"))
    command.add_argument("--dry-run", action="store_true", help=_("check the file and show what would change"))
    sign_in.add_user_option(command)

    citizens = subparsers.add_parser("citizens", help=_("citizens' satisfaction: survey tallies, praise and "
                                                        "complaints"))
    actions = citizens.add_subparsers(dest="citizens_command", metavar=_("COMMAND"), required=True)
    tally = actions.add_parser("tally", parents=[common_parent],
                               help=_("enter a person's paper survey counts for a month (0 0 0 clears them)"))
    tally.add_argument("--staff", required=True, metavar=_("CODE"), help=_("the staff code"))
    tally.add_argument("--month", required=True, metavar=_("MM/YYYY"), help=_("the month the survey is for"))
    tally.add_argument("--counts", required=True, nargs=3, type=int, metavar=(_("COUNT"),) * 3,
                       help=_("how many were very satisfied, satisfied, not satisfied"))
    tally.add_argument("--note", default="", metavar=_("TEXT"))
    receive = actions.add_parser("receive", parents=[common_parent],
                                 help=_("record a citizen's praise or complaint as received"))
    receive.add_argument("--kind", required=True, choices=[kind.value for kind in FeedbackKind],
                         help=_("praise or complaint"))
    receive.add_argument("--staff", required=True, metavar=_("CODE"), help=_("the staff code of the person concerned"))
    receive.add_argument("--day", required=True, type=date.fromisoformat, metavar=_("DATE"),
                         help=_("the day received (YYYY-MM-DD)"))
    receive.add_argument("--channel", required=True, choices=[channel.value for channel in FeedbackChannel],
                         help=_("how it came: in_person, letter, phone, suggestion_box, portal or other"))
    receive.add_argument("--text", required=True, metavar=_("TEXT"), help=_("what the citizen said"))
    receive.add_argument("--citizen", default="", metavar=_("NAME"),
                         help=_("the citizen's name, only if it is to be kept"))
    verify = actions.add_parser("verify", parents=[common_parent],
                                help=_("say whether a praise or complaint is true (the head only)"))
    verify.add_argument("number", type=int, metavar=_("NUMBER"))
    finding = verify.add_mutually_exclusive_group(required=True)
    finding.add_argument("--true", dest="verified", action="store_true", help=_("verified: it may carry points"))
    finding.add_argument("--not-true", dest="verified", action="store_false", help=_("not verified (give a note)"))
    verify.add_argument("--note", default="", metavar=_("TEXT"))
    answer = actions.add_parser("answer", parents=[common_parent], help=_("record the day the citizen was answered"))
    answer.add_argument("number", type=int, metavar=_("NUMBER"))
    answer.add_argument("--day", required=True, type=date.fromisoformat, metavar=_("DATE"),
                        help=_("the day answered (YYYY-MM-DD)"))
    answer.add_argument("--text", default="", metavar=_("TEXT"), help=_("what was answered, briefly"))
    listing = actions.add_parser("list", parents=[common_parent], help=_("list the praise and complaints"))
    listing.add_argument("--open", action="store_true", help=_("only those awaiting verification or an answer"))
    for action in (tally, receive, verify, answer):
        sign_in.add_user_option(action)


def run(options: argparse.Namespace) -> int:
    """Do what was asked and say what it did; a WardOfficeError goes up to the caller, which prints it."""
    from ward_office.services import citizens  # the importer loads with the command

    path = sign_in.existing_book(options.db or default_database_path())
    action = getattr(options, "citizens_command", None)
    if action == "list":
        with Ward.open(path, read_only=True) as ward:
            for item in citizens.feedback_list(ward, open_only=options.open):
                print(feedback_line(item, _staff_names(ward)))
        return 0
    permission = Permission.VERIFY_FEEDBACK if action == "verify" else Permission.RECORD
    dry_run = options.command == IMPORT and options.dry_run
    account = None if dry_run else sign_in.sign_in(path, options.user, permission)
    with Ward.open(path, account=account, read_only=dry_run) as ward:
        if options.command == IMPORT:
            summary = citizens.import_ratings(ward, options.file, options.mapping, dry_run=dry_run)
            print(import_text(summary))
        elif action == "tally":
            [staff_id] = staff_ids_by_code(ward, [options.staff])
            changed = citizens.enter_tally(ward, staff_id, _month(options.month), RatingCounts(*options.counts),
                                           options.note)
            print(_("Survey tally entered") if changed else _("Nothing changed"))
        elif action == "receive":
            [staff_id] = staff_ids_by_code(ward, [options.staff])
            item = citizens.receive_feedback(ward, FeedbackKind(options.kind), options.day,
                                             FeedbackChannel(options.channel), staff_id, options.text, options.citizen)
            print(feedback_line(item, _staff_names(ward)))
        elif action == "verify":
            print(feedback_line(citizens.verify_feedback(ward, options.number, options.verified, options.note),
                                _staff_names(ward)))
        else:
            print(feedback_line(citizens.answer_feedback(ward, options.number, options.day, options.text),
                                _staff_names(ward)))
    return 0


def _month(text: str) -> date:
    """3/2026 or 2026-03: the month's first day."""
    for pattern in ("%m/%Y", "%Y-%m"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise PeriodError(N_("“{text}” is not a month: write 11/2026"), text=text)


def _staff_names(ward: Ward) -> dict[int | None, str]:
    return {person.id: person.full_name for person in ward.store.staff.list()}


def feedback_line(item: CitizenFeedback, names: dict[int | None, str]) -> str:
    """"Số 3 — phản ánh, 12/03/2026, hòm thư góp ý, Trần Thị Bình: … [đã xác minh; đã trả lời 20/03/2026]"."""
    state = _(VERIFICATION_LABELS[item.verification])
    if item.verification_note:
        state += f" ({item.verification_note})"
    answered = (_("answered {day}").format(day=format_date(item.answered_on)) if item.answered_on
                else _("not answered yet"))
    return _("No. {number} — {kind}, {day}, {channel}, {name}: {summary} [{state}; {answered}]").format(
        number=item.id, kind=_(FEEDBACK_KIND_LABELS[item.kind]), day=format_date(item.received_on),
        channel=_(FEEDBACK_CHANNEL_LABELS[item.channel]), name=names.get(item.staff_id, ""), summary=item.summary,
        state=state, answered=answered)


def import_text(summary: RatingImportSummary) -> str:
    """What an import of ratings did (or, tried, would do): new, already stored, people not on the staff list."""
    preview = summary.preview
    lines = [(_("Trial run: {new} new ratings would be added, {already} are stored already") if summary.dry_run
              else _("{new} new ratings added, {already} were stored already")).format(
        new=summary.added if not summary.dry_run else len(preview.new), already=preview.already)]
    for rater in preview.unknown:
        shown = ", ".join(str(line) for line in rater.lines[:20]) + ("…" if len(rater.lines) > 20 else "")
        lines.append(_("Not on the staff list: “{person}”, {count} ratings not imported (lines {lines})").format(
            person=rater.person, count=len(rater.lines), lines=shown))
    return "\n".join(lines)

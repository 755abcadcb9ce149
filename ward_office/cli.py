"""The ``ward-office`` command: the contract other tools and our own checks rely on.

Every command takes ``--db PATH`` (default: the user's data folder) and ``--lang vi|en``. Errors go to
stderr in the chosen language with a non-zero exit code, and a refused command writes nothing. On a book
with accounts every command that writes into it signs in first (``--user``, see ``cli_sign``). Whatever
goes wrong ends in ``main``: one line for the user, the details in the log (``services.error_report``), and
output cut off by a closed pipe (``| head``) ends quietly.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ward_office import __version__, cli_backup, cli_clock, cli_export, cli_locks, cli_log, cli_sign, i18n
from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _

if TYPE_CHECKING:
    from ward_office.services.presentation import ScoredPeriod

# argparse's own messages, so usage errors are Vietnamese too (argparse looks ``_`` up at call time).
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("%(prog)s: error: %(message)s\n"),
    N_("expected one argument"), N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"), N_("show program's version number and exit"),
)


def _argparse_ngettext(singular: str, plural: str, count: int) -> str:
    return _(singular) if count == 1 else _(plural)


def _common_options(default: object) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False, argument_default=default)
    common.add_argument("--db", type=Path, metavar=_("PATH"),
                        help=_("database file (default: in your user data folder)"))
    common.add_argument("--lang", choices=i18n.SUPPORTED_LANGUAGES, help=_("language of messages (vi or en)"))
    return common


def build_parser() -> argparse.ArgumentParser:
    # --db and --lang go before or after the command; a command's own copies have no default, so that
    # ``ward-office --db FILE demo`` keeps FILE instead of the command resetting it.
    common = _common_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="ward-office", parents=[_common_options(None)],
        description=_("Office culture record book: attendance, checks and emulation scores of a ward office."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help=_("open the window on a freshly built demo ward"))
    # For packaging/smoke_test.py: open the window, print what it shows after the first paint, quit.
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    demo = commands.add_parser("demo", parents=[common], help=_("build a demo ward in a new database"))
    demo.add_argument("--staff", type=int, default=45, help=_("number of staff (default 45)"))
    demo.add_argument("--months", type=int, default=18, help=_("months of records (default 18)"))
    demo.add_argument("--seed", type=int, default=2026, help=_("random seed (default 2026)"))
    demo.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD",
                      help=_("last day of records (default: today)"))

    score = commands.add_parser("score", parents=[common], help=_("compute scores, grades and ranks"))
    score.add_argument("--period", required=True,
                       help=_("2026-05, 2026-Q2, 2026-H1, 2026 or 2026-01-01..2026-06-30"))
    score.add_argument("--format", choices=("table", "csv", "json"), default="table",
                       help=_("output format (default table)"))

    for name, help_text in (
        ("import-events", _("import violations and commendations from a CSV or Excel (.xlsx) file")),
        ("import-staff", _("import or update the staff list from a CSV or Excel (.xlsx) file")),
    ):
        command = commands.add_parser(name, parents=[common], help=help_text)
        command.add_argument("file", type=Path, metavar=_("FILE"))
        command.add_argument("--dry-run", action="store_true", help=_("check the file and show what would change"))
        cli_sign.add_user_option(command)

    check = commands.add_parser("check", parents=[common], help=_("check the database file for damage"))
    check.add_argument("--accept", action="store_true",
                       help=_("the head, having compared the record book with a backup, accepts what the check "
                              "found so that it can be used again (with --reason and --user)"))
    check.add_argument("--reason", metavar=_("TEXT"),
                       help=_("with --accept: what the record book was compared with (kept in the change log)"))
    from ward_office.core.access import USER_OPTION_HELP

    check.add_argument("--user", metavar=_("NAME"), help=_(USER_OPTION_HELP))

    from ward_office.services.printing import REPORTS

    report = commands.add_parser("report", parents=[common], help=_("write a printed report as a PDF file"))
    report.add_argument("kind", choices=list(REPORTS), metavar=_("KIND"),
                        help=_("the report: {kinds}").format(kinds=", ".join(REPORTS)))
    report.add_argument("--period", required=True,
                        help=_("2026-05, 2026-Q2, 2026-H1, 2026 or 2026-01-01..2026-06-30"))
    report.add_argument("--out", required=True, type=Path, metavar=_("FILE"), help=_("the PDF file to write"))
    report.add_argument("--check", type=int, metavar="ID", help=_("the check round (for the check record)"))
    cli_export.register(commands, common)
    cli_clock.register(commands, common)
    cli_backup.register(commands, common)
    cli_locks.register(commands, common)
    cli_log.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_language_from(arguments))
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]
    options = build_parser().parse_args(arguments)
    try:
        code = run(options)
        sys.stdout.flush()  # a reader gone away (``| head``) is found here, not at exit
        return code
    except WardOfficeError as error:
        print(_("Error: {message}").format(message=error.localized()), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _end_quietly_on_a_closed_pipe()
    except Exception as error:  # the one place an error nobody foresaw is told and logged
        from ward_office.services.error_report import explain

        print(explain(error), file=sys.stderr)
        return 1


def _end_quietly_on_a_closed_pipe() -> int:
    """The reader of our output has gone (``ward-office score | head -1``): what is left unwritten is not
    wanted. Standard output is pointed at nothing so Python's last flush at exit finds no pipe to complain
    about; the exit code is the shell's for a process ended by SIGPIPE."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind sys.stdout (a test capturing it)
        pass
    return 128 + 13


def _language_from(arguments: list[str]) -> str:
    for index, argument in enumerate(arguments):
        if argument.startswith("--lang="):
            value = argument.split("=", 1)[1]
        elif argument == "--lang" and index + 1 < len(arguments):
            value = arguments[index + 1]
        else:
            continue
        if value in i18n.SUPPORTED_LANGUAGES:
            return value
    return i18n.DEFAULT_LANGUAGE


def run(options: argparse.Namespace) -> int:
    from ward_office.paths import default_database_path
    from ward_office.services import records

    command = options.command
    if command is None:
        return open_window(options.db, demo=options.demo, smoke_test=options.smoke_test)
    db_path: Path = options.db or default_database_path()
    if command == "check":
        problems = records.check_database(db_path)
        if problems:
            print(_("The database {path} is damaged:").format(path=db_path), file=sys.stderr)
            for problem in problems:
                print(f"  - {problem}", file=sys.stderr)
            cli_backup.suggest_restore(db_path)
            return 1
        from ward_office.services import book_check

        if options.accept:
            if not (options.reason or "").strip():
                raise WardOfficeError(N_("Say why the record book may be used again (what it was compared with)"))
            from ward_office.core.access import Permission
            from ward_office.services.command_sign_in import sign_in_for_command

            account = sign_in_for_command(db_path, options.user, Permission.ACCEPT_FINDINGS)
            print(book_check.accept_findings(db_path, account, options.reason).localized())
            return 0
        tampering = book_check.check_for_tampering(db_path)
        if tampering.found:
            print(_("The record book {path} was changed outside the program:").format(path=db_path), file=sys.stderr)
            for line in tampering.lines():
                print(f"  - {line}", file=sys.stderr)
            if tampering.since_line is not None:
                print(_("Changes recorded from change log line {line} on cannot be trusted.").format(
                    line=tampering.since_line), file=sys.stderr)
            return 1
        print(_("The database {path} is intact.").format(path=db_path))
        return 0
    if command == "demo":
        summary = records.build_demo(db_path, staff=options.staff, months=options.months, seed=options.seed,
                                     until=options.until or date.today())
        print(summary.localized())
        return 0
    if command == "score":
        ranking = records.ranking(db_path, options.period)
        print_ranking(ranking, options.format)
        return 0
    if command == "report":
        from ward_office.services.printing import write_report

        extra = {"check_id": options.check} if options.check is not None else {}
        print(write_report(db_path, options.kind, options.period, options.out, **extra).localized())
        return 0
    if command == cli_export.COMMAND:
        return cli_export.run(options)
    if command == cli_clock.COMMAND:
        return cli_clock.run(options)
    if command in cli_backup.COMMANDS:
        return cli_backup.run(options)
    if command in cli_locks.COMMANDS:
        return cli_locks.run(options)
    if command == cli_log.COMMAND:
        return cli_log.run(options)
    if command in ("import-events", "import-staff"):
        importer = records.import_events if command == "import-events" else records.import_staff
        account = None if options.dry_run else cli_sign.sign_in(db_path, options.user, cli_sign.RECORD)
        result = importer(db_path, options.file, dry_run=options.dry_run, account=account)
        print(result.localized())
        return 0
    raise AssertionError(command)


def open_window(db_path: Path | None, *, demo: bool, smoke_test: bool = False) -> int:
    """No command: the window, on the given file, the user's own record book, or a fresh demo ward."""
    from ward_office.paths import default_database_path, demo_database_path
    from ward_office.storage.database import check_in_background

    if demo:
        from ward_office.services import records

        if db_path is None:
            db_path = demo_database_path()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        db_path.parent.mkdir(parents=True, exist_ok=True)
        print(records.build_demo(db_path, staff=45, months=18, seed=2026, until=date.today()).localized())
    path = db_path or default_database_path()
    check_in_background(path)  # the book is checked while Qt and the window's code load
    if smoke_test:
        from ward_office.ui.app import run_smoke_test

        return run_smoke_test(path, language=i18n.current_language())
    from ward_office.ui.app import run as run_window

    return run_window(path, language=i18n.current_language())


def print_ranking(ranking: ScoredPeriod, output: str) -> None:
    from ward_office.services.presentation import ranking_rows, ranking_table, ranking_to_json

    if output == "json":
        json.dump(ranking_to_json(ranking), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif output == "csv":
        from ward_office.reports.spreadsheet_text import csv_row

        writer = csv.writer(sys.stdout)
        for row in ranking_rows(ranking, with_header=True):
            writer.writerow(csv_row(row))
    else:
        sys.stdout.write(ranking_table(ranking))

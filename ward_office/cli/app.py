"""The parser of the ``ward-office`` command and ``main``, where whatever goes wrong ends.

The commands themselves live beside this module, a group to a module; each adds itself to the parser
(``register``) and runs the parsed options (``run``). Whatever goes wrong ends in ``main``: one line for the
user, the details in the log (``services.error_report``), and output cut off by a closed pipe (``| head``)
ends quietly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from ward_office import __version__, i18n
from ward_office.cli.output import make_standard_streams_utf8
from ward_office.cli.window import open_window
from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _

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


def command_groups() -> tuple[ModuleType, ...]:
    """Each group of commands: ``COMMANDS`` (the names it answers to) and ``run`` (for the parsed options).

    Imported when a command is given, not for the window: between them they load most of the program (the
    scoring engine, the reports' data, the importers), which the window loads page by page."""
    from ward_office.cli import attendance as attendance_commands
    from ward_office.cli import (
        backups,
        change_log,
        checks,
        citizens,
        demo,
        exports,
        imports,
        locks,
        plans,
        quota,
        ranking,
        reports,
        score_imports,
    )

    return (demo, ranking, imports, checks, reports, exports, backups, locks, quota, change_log, plans,
            attendance_commands, score_imports, citizens)


def _common_options(default: object) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False, argument_default=default)
    common.add_argument("--db", type=Path, metavar=_("PATH"),
                        help=_("database file (default: in your user data folder)"))
    common.add_argument("--lang", choices=i18n.SUPPORTED_LANGUAGES, help=_("language of messages (vi or en)"))
    return common


def _window_parser(kind: type[argparse.ArgumentParser] = argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of ``ward-office`` without a command (the window); ``build_parser`` adds the commands."""
    parser = kind(
        prog="ward-office", parents=[_common_options(None)],
        description=_("Office culture record book: attendance, checks and emulation scores of a ward office."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help=_("open the window on a freshly built demo ward"))
    # For packaging/smoke_test.py: open the window, print what it shows after the first paint, quit.
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    return parser


def build_parser() -> argparse.ArgumentParser:
    # --db and --lang go before or after the command; a command's own copies have no default, so that
    # ``ward-office --db FILE demo`` keeps FILE instead of the command resetting it.
    common = _common_options(argparse.SUPPRESS)
    parser = _window_parser()
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    (demo, ranking, imports, checks, reports, exports, backups, locks, quota, change_log, plans, attendance_commands,
     score_imports, citizens) = command_groups()

    demo.register(commands, common)
    ranking.register(commands, common)
    imports.register_records(commands, common)
    checks.register(commands, common)
    reports.register(commands, common)
    exports.register(commands, common)
    imports.register_clock(commands, common)
    score_imports.register(commands, common)
    backups.register(commands, common)
    locks.register(commands, common)
    quota.register(commands, common)
    change_log.register(commands, common)
    plans.register(commands, common)
    attendance_commands.register(commands, common)
    citizens.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    make_standard_streams_utf8()
    arguments = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_language_from(arguments))
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]
    options = _window_options(arguments) or build_parser().parse_args(arguments)
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
        from ward_office.services.error_report import explain  # traceback loads only for such an error

        print(explain(error), file=sys.stderr)
        return 1


def _window_options(arguments: list[str]) -> argparse.Namespace | None:
    """The options when ``arguments`` open the window (no command, no help asked), read without loading the
    commands; None otherwise, and for anything the window's options do not take, which the whole parser
    reads (and refuses, in its own words)."""
    if any(argument in ("-h", "--help") for argument in arguments):
        return None
    try:
        options, rest = _window_parser(_WindowOptionsParser).parse_known_args(arguments)
    except _NotTheWindowError:
        return None
    if rest:
        return None
    options.command = None
    return options


class _NotTheWindowError(Exception):
    pass


class _WindowOptionsParser(argparse.ArgumentParser):
    """A mistake is left to the whole parser, which tells it with the commands' usage."""

    def error(self, message: str) -> NoReturn:
        raise _NotTheWindowError(message)


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
    if options.command is None:
        return open_window(options.db, demo=options.demo, smoke_test=options.smoke_test)
    for command_group in command_groups():
        if options.command in command_group.COMMANDS:
            return command_group.run(options)
    raise AssertionError(options.command)

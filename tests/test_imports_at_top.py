"""Imports sit at the head of a module, where a reader sees what it depends on; one inside a function is allowed
only when it says why, on the list below (mostly: a heavy module deferred, so the window starts sooner).

Checked with ``ast`` over the whole ``ward_office`` package. An import inside a function is named by its module
and by what it imports: ``import x`` as "x", ``from x import a`` as "x.a".
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import ward_office

PACKAGE = Path(ward_office.__file__).parent

# (module, imported name) → why it is imported where it is used.
ALLOWED: dict[tuple[str, str], str] = {
    ("ward_office.cli.plans", "ward_office.services.plans"):
        "the plan service and the plan's code load when a plan command runs, not when the window starts",
    ("ward_office.cli.plans", "ward_office.services.ward.Ward"):
        "the services load when a plan command runs, not when the window starts (like every other command)",
    ("ward_office.core.holidays", "holidays"):
        "defers the holidays package (about 40 ms) until a year's holidays are first filled in",
    ("ward_office.i18n", "babel.messages.pofile.read_po"):
        "only a checkout without compiled catalogs reads the .po; babel.messages takes about 18 ms",
    ("ward_office.importers.spreadsheets", "openpyxl.load_workbook"):
        "defers openpyxl (about 85 ms) until a workbook is imported",
    ("ward_office.paths", "platformdirs"):
        "a data folder chosen by WARD_OFFICE_DATA_DIR needs no platform lookup (about 9 ms)",
    ("ward_office.reports.excel", "ward_office.reports.excel_writer.write_sheets"):
        "defers openpyxl until a workbook is written",
    ("ward_office.storage.database", "sqlite_utils"):
        "sqlite-utils loads only to migrate or write: an up-to-date book opens without it (MigrationSet)",
    ("ward_office.storage.migrations.migration_set", "sqlite_utils"):
        "sqlite-utils loads only to migrate or write: an up-to-date book opens without it (MigrationSet)",
    ("ward_office.storage.plans", "ward_office.core.plan.load_plan"):
        "the plan's code loads when a plan is first read, not at start (tests/ui/test_ui_window.py)",
    ("ward_office.storage.punches", "hashlib"):
        "hashing loads only when the clock derives attendance, not at start (tests/ui/test_ui_window.py)",
    ("ward_office.storage.writer_lock", "socket"):
        "the socket module only where os.uname is missing (Windows): a few ms of every start",
}

# Being reworked: services/, ui/, cli/ and the change log (storage/change_log.py, storage/log_chain.py) are being
# restructured in other branches. Their imports inside functions as they stand, by module; trim after merging
# and give each one that stays a reason above.
BEING_REWORKED: dict[str, tuple[str, ...]] = {
    "ward_office.storage.log_chain": ("hashlib",),
    "ward_office.cli.app": ("ward_office.services.error_report.explain",),
    "ward_office.cli.backups": (
        "ward_office.i18n.formatting.format_number", "ward_office.paths.default_database_path",
        "ward_office.services.backups", "ward_office.core.access.Permission",
        "ward_office.services.book_space.check_book_writable", "ward_office.services.command_sign_in.sign_in_to_book",
    ),
    "ward_office.cli.change_log": (
        "ward_office.paths.default_database_path", "ward_office.services.audit_log", "ward_office.services.ward.Ward",
        "ward_office.i18n.formatting.format_datetime",
    ),
    "ward_office.cli.checks": (
        "ward_office.core.access.USER_OPTION_HELP", "ward_office.paths.default_database_path",
        "ward_office.services.records", "ward_office.services.book_check", "ward_office.core.access.Permission",
        "ward_office.services.command_sign_in.sign_in_for_command", "ward_office.services.backups.newest_good_backup",
    ),
    "ward_office.cli.demo": ("ward_office.paths.default_database_path", "ward_office.services.records"),
    "ward_office.cli.exports": ("ward_office.paths.default_database_path", "ward_office.services.export.export"),
    "ward_office.cli.imports": (
        "ward_office.paths.default_database_path", "ward_office.services.clock_import.import_clock",
        "ward_office.services.records",
    ),
    "ward_office.cli.locks": (
        "ward_office.core.access.Permission", "ward_office.core.errors.NotFoundError",
        "ward_office.core.period.parse_period", "ward_office.i18n.formatting.format_datetime",
        "ward_office.i18n.formatting.period_label", "ward_office.paths.default_database_path",
        "ward_office.services.accounts.continue_as", "ward_office.services.period_locks.lock_period",
        "ward_office.services.period_locks.unlock_period", "ward_office.services.ward.Ward",
    ),
    "ward_office.cli.ranking": (
        "ward_office.paths.default_database_path", "ward_office.services.records",
        "ward_office.services.presentation.ranking_rows", "ward_office.services.presentation.ranking_table",
        "ward_office.services.presentation.ranking_to_json", "ward_office.reports.spreadsheet_text.csv_row",
    ),
    "ward_office.cli.reports": (
        "ward_office.services.printing.REPORTS", "ward_office.paths.default_database_path",
        "ward_office.services.printing.write_report",
    ),
    "ward_office.cli.sign_in": (
        "ward_office.services.book_space.check_book_writable",
        "ward_office.services.command_sign_in.sign_in_for_command",
    ),
    "ward_office.cli.window": (
        "ward_office.paths.default_database_path", "ward_office.paths.demo_database_path",
        "ward_office.storage.database.check_in_background", "ward_office.services.records",
        "ward_office.ui.app.run_smoke_test", "ward_office.ui.app.run",
    ),
    "ward_office.services.accounts": (
        "hashlib", "secrets", "hmac", "ward_office.services.demo.DEMO_ACCOUNTS",
        "ward_office.services.demo.DEMO_UNIT",
    ),
    "ward_office.services.backups": (
        "ward_office.services.records.current_actor", "ward_office.services.ward.Ward",
        "ward_office.storage.DatabaseError", "ward_office.services.book_check.check_for_tampering",
    ),
    "ward_office.services.book_check": (
        "ward_office.storage.DatabaseError", "ward_office.storage.database.read_only_connection",
        "ward_office.services.ward.Ward", "ward_office.services.period_locks.changed_rankings",
        "ward_office.storage.acceptance.write_acceptance", "ward_office.storage.log_chain.lines_digest",
        "ward_office.storage.tamper.repair_schema",
    ),
    "ward_office.services.clock_import": (
        "ward_office.services.accounts.signed_actor", "ward_office.importers.clock_logs",
        "ward_office.importers.csv_files.split_csv", "ward_office.importers.spreadsheets.cell_text",
        "ward_office.importers.spreadsheets.workbook_sheets", "ward_office.importers.text_files.decode_text",
        "ward_office.importers.text_files.read_bytes", "ward_office.importers.clock_logs.ColumnMapping",
        "ward_office.importers.clock_logs.dedupe", "ward_office.importers.clock_logs.read_clock_file",
    ),
    "ward_office.services.command_sign_in": (
        "ward_office.storage.DatabaseError", "ward_office.storage.database.DamagedDatabaseError", "sqlite3",
        "ward_office.storage.backup.verify_backup",
    ),
    "ward_office.services.period_locks": ("hashlib",),
    "ward_office.services.printing": (
        "ward_office.reports.ranking.write_ranking", "ward_office.reports.scorecards.write_scorecards",
        "ward_office.reports.review_report.write_review", "ward_office.services.reviews.review_papers",
        "ward_office.reports.commendation.write_proposal", "ward_office.reports.commendation.write_decision",
    ),
    "ward_office.services.records": (
        "ward_office.services.ranking_snapshots.kept_scored_period", "ward_office.scoring.ScoringInput",
        "ward_office.scoring.score_period", "ward_office.services.presentation.ScoredPeriod", "random",
        "ward_office.services.demo", "ward_office.services.accounts.hash_password",
        "ward_office.importers.events.read_events", "ward_office.services.backups.BackupReason",
        "ward_office.services.backups.automatic_backup", "ward_office.services.accounts.signed_actor",
        "ward_office.importers.csv_files.Problems", "ward_office.importers.staff.read_staff",
    ),
    "ward_office.services.report_renders": (
        "ward_office.reports.timesheet.write_timesheet", "ward_office.reports.check_record.CheckRecord",
        "ward_office.reports.check_record.Violation", "ward_office.reports.check_record.write_check_record",
        "ward_office.reports.review_minutes.write_minutes", "ward_office.services.reviews.review_papers",
        "ward_office.reports.charts.BlockViolations", "ward_office.reports.charts.AttendanceRates",
        "ward_office.reports.charts.ChartData", "ward_office.reports.charts.write_charts",
    ),
    "ward_office.services.reviews": ("ward_office.reports.review_report.generated_sections",),
    "ward_office.ui.app": (
        "ward_office.services.error_report.explain", "ward_office.services.accounts.continue_as",
        "ward_office.ui.idle_lock.IdleLock", "ward_office.services.first_run.is_new_ward",
        "ward_office.ui.backup_dialogs.open_book_at_start", "ward_office.ui.sign_in.sign_in_at_start",
        "ward_office.ui.first_run.set_up_at_start",
    ),
    "ward_office.ui.backup_dialogs": (
        "ward_office.services.accounts.continue_as", "ward_office.ui.sign_in.backup_signer",
    ),
    "ward_office.ui.main_window": (
        "ward_office.ui.backup_dialogs.BackupActions", "ward_office.ui.import_wizard.ImportWizard",
        "ward_office.services.book_check.open_checked_ward", "ward_office.ui.backup_dialogs.offer_recovery",
        "ward_office.ui.guide.show_guide", "html.escape", "ward_office.paths.data_dir",
    ),
    "ward_office.ui.pages.dashboard": (
        "ward_office.ui.pages.attendance.AttendancePage", "ward_office.ui.pages.checks.ChecksPage",
        "ward_office.ui.pages.events.EventsPage", "ward_office.ui.pages.ranking.RankingPage",
    ),
    "ward_office.ui.pages.ranking": ("fractions.Fraction",),
    "ward_office.ui.pdf_view": ("pypdfium2",),
    "ward_office.ui.sign_in": (
        "ward_office.services.demo.DEMO_ACCOUNTS", "ward_office.services.demo.DEMO_PASSWORD",
        "ward_office.ui.idle_lock.idle_lock_of",
    ),
    "ward_office.ui.tamper_dialogs": ("ward_office.ui.backup_dialogs.reopen_book",),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports_in_functions(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, imported name) of every import inside a function or method, nested ones included."""
    def visit(node: ast.AST, in_function: bool) -> Iterator[tuple[int, str]]:
        for child in ast.iter_child_nodes(node):
            if in_function and isinstance(child, ast.Import):
                yield from ((child.lineno, alias.name) for alias in child.names)
            elif in_function and isinstance(child, ast.ImportFrom):
                source = "." * child.level + (f"{child.module}." if child.module else "")
                yield from ((child.lineno, source + alias.name) for alias in child.names)
            yield from visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    return visit(tree, False)


def imports_in_functions() -> dict[tuple[str, str], list[str]]:
    """Every (module, imported name) imported inside a function, with where (file:line)."""
    found: dict[tuple[str, str], list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, name in _imports_in_functions(tree):
            found.setdefault((_module_name(path), name), []).append(f"{path.relative_to(PACKAGE.parent)}:{line}")
    return found


def _allowed() -> set[tuple[str, str]]:
    return set(ALLOWED) | {(module, name) for module, names in BEING_REWORKED.items() for name in names}


def test_the_check_finds_imports_inside_functions_only() -> None:
    source = ("import os\nfrom a.b import c\n\ndef f():\n    import json\n    def g():\n        from x import y, z\n"
              "\nclass K:\n    def m(self):\n        from . import sibling\n")
    found = list(_imports_in_functions(ast.parse(source)))
    assert found == [(5, "json"), (7, "x.y"), (7, "x.z"), (11, ".sibling")]


def test_every_import_inside_a_function_is_on_the_list_with_a_reason() -> None:
    found = imports_in_functions()
    assert len(found) > 10  # the check sees the package
    unexplained = sorted(f"{where[0]}: {name}" for (module, name), where in found.items()
                         if (module, name) not in _allowed())
    assert unexplained == [], "move these imports to the module head, or list them in ALLOWED with a reason"
    assert all(reason.strip() for reason in ALLOWED.values())


def test_the_list_names_only_imports_that_are_still_there() -> None:
    stale = sorted(f"{module}: {name}" for module, name in _allowed() - set(imports_in_functions()))
    assert stale == [], "these imports are gone: take them off the list"

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

# (module, imported name) → why it is imported where it is used. "At start" is checked by
# tests/ui/shell/test_ui_window.py (the window) and tests/ui/shell/test_ui_cli.py (no reportlab with the pages).
_REPORTLAB = "reportlab loads when a report is written, not with the window or the command line's parser"
_SCORING = "the scoring engine loads on the first scoring, after the window shows, not at start"
_IMPORTERS = "the importers (about 65 ms) load with an import command, not with every command's parser"
_WINDOW = "Qt and the window (about 300 ms) load only without a command, after the book's check has started"
_DEMO_MAKERS = "the demo's makers (about 6 ms) load only to build a demo ward"
_HASHING = "hashing loads at sign-in, not at the window's start"
_DEMO_ACCOUNTS = "services.demo loads only for the demo ward, not at the window's start"
_RECORDS = "records the window's start does not read load on first use (storage.store)"
_DEMO_CYCLE = "a cycle (services.demo imports hash_password from here); and services.demo is not loaded at start"
_COMMANDS = ("the command groups (the scoring engine, the reports' data, the importers: about 70 of our modules) load "
             "when a command is given, not for the window")
_SET_UP = "the plan's code, the staff list's reader and the settings load with the first run's set-up, not at start"
_PLAN_TYPES = "the plan's types (about 25 ms) load on the first scoring, after the window shows, not at start"
ALLOWED: dict[tuple[str, str], str] = {
    **{("ward_office.cli.app", f"ward_office.cli.{group}"): _COMMANDS for group in (
        "attendance", "backups", "change_log", "checks", "citizens", "demo", "exports", "imports", "locks", "plans",
        "quota", "ranking", "reports", "score_imports")},
    ("ward_office.services.first_run", "tomllib"): "TOML loads with the first run's list of plans, not at start",
    ("ward_office.services.first_run", "ward_office.core.plan.load_plan"): _SET_UP,
    ("ward_office.services.first_run", "ward_office.importers.staff.read_staff"): _SET_UP,
    ("ward_office.services.first_run", "ward_office.services.plans.PlanFileError"): _SET_UP,
    ("ward_office.services.first_run", "ward_office.services.ward_settings.save_schedule"): _SET_UP,
    ("ward_office.services.first_run", "ward_office.services.ward_settings.save_unit"): _SET_UP,
    ("ward_office.services.ranking", "ward_office.core.plan_year.plan_period"): _PLAN_TYPES,
    ("ward_office.services.ranking", "ward_office.services.plan_years.ward_period"): _PLAN_TYPES,
    ("ward_office.storage.attendance", "ward_office.storage.punches.remember_judged"):
        "the clock's records (storage.punches, core.clock) load with a clock import, not at start",
    ("ward_office.storage.processes", "ctypes"): "ctypes is needed only on Windows; elsewhere it is not loaded at all",
    ("ward_office.storage.store", "ward_office.storage.change_log.ChangeLogRepository"): _RECORDS,
    ("ward_office.ui.shell.main_window", "ward_office.ui.shell.guide"):
        "the user guide's text browser (and Qt's text and URL classes with their enums) load at its first use",
    ("ward_office.cli.app", "ward_office.services.error_report.explain"):
        "traceback and textwrap (about 2 ms) load only when an error nobody foresaw ends a command",
    ("ward_office.cli.change_log", "ward_office.services.change_log"):
        "hashlib and the workbook layout (about 45 ms) load only with the change-log command",
    ("ward_office.cli.demo", "ward_office.services.demo.build_demo"): _DEMO_MAKERS,
    ("ward_office.cli.exports", "ward_office.services.export.export"):
        "the workbook layout (about 20 ms) loads only with the export command",
    ("ward_office.cli.imports", "ward_office.services.clock_import.import_clock"): _IMPORTERS,
    ("ward_office.cli.imports", "ward_office.services.imports.import_events"): _IMPORTERS,
    ("ward_office.cli.imports", "ward_office.services.imports.import_staff"): _IMPORTERS,
    ("ward_office.cli.score_imports", "ward_office.services.score_imports.import_scores"): _IMPORTERS,
    ("ward_office.cli.score_imports", "ward_office.services.score_imports.write_score_template"): _IMPORTERS,
    ("ward_office.cli.citizens", "ward_office.services.citizens"): _IMPORTERS,
    ("ward_office.storage.store", "ward_office.storage.citizens.CitizenRepository"):
        "the citizen's voice, which the window's start does not read, loads on first use",
    ("ward_office.services.reviews", "ward_office.services.citizens.review_figures.citizen_figures"):
        "the citizen's voice (with the ratings importer) loads with the first review papers, not with the window",
    ("ward_office.cli.window", "ward_office.services.demo.build_demo"): _DEMO_MAKERS,
    ("ward_office.cli.window", "ward_office.ui.shell.app.run"): _WINDOW,
    ("ward_office.cli.window", "ward_office.ui.shell.smoke.run_smoke_test"): _WINDOW,
    ("ward_office.cli.plans", "ward_office.services.plans"):
        "the plan reader (about 10 ms) loads only when a plan command runs",
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
    ("ward_office.storage.store", "ward_office.storage.entered_scores.EnteredScoreRepository"): _RECORDS,
    ("ward_office.storage.store", "ward_office.storage.excuses.ExcuseRepository"): _RECORDS,
    ("ward_office.storage.store", "ward_office.storage.periods.PeriodRepository"): _RECORDS,
    ("ward_office.storage.store", "ward_office.storage.punches.PunchRepository"): _RECORDS,
    ("ward_office.storage.store", "ward_office.storage.quota_decisions.QuotaDecisionRepository"): _RECORDS,
    ("ward_office.storage.store", "ward_office.storage.reviews.ReviewRepository"): _RECORDS,
    ("ward_office.storage.store", "ward_office.storage.snapshots.SnapshotRepository"): _RECORDS,
    ("ward_office.services.accounts", "hashlib"): _HASHING,
    ("ward_office.services.accounts", "hmac"): _HASHING,
    ("ward_office.services.accounts", "secrets"): _HASHING,
    ("ward_office.services.accounts", "ward_office.services.demo.DEMO_ACCOUNTS"): _DEMO_CYCLE,
    ("ward_office.services.accounts", "ward_office.services.demo.DEMO_UNIT"): _DEMO_CYCLE,
    ("ward_office.services.book_check", "ward_office.services.period_locks.changed_rankings"):
        "period_locks brings the scoring engine; the book's check runs at start, scoring after the window shows",
    ("ward_office.services.charts", "ward_office.reports.charts.AttendanceRates"): _REPORTLAB,
    ("ward_office.services.charts", "ward_office.reports.charts.BlockViolations"): _REPORTLAB,
    ("ward_office.services.charts", "ward_office.reports.charts.ChartData"): _REPORTLAB,
    ("ward_office.services.charts", "ward_office.reports.charts.write_charts"): _REPORTLAB,
    ("ward_office.services.period_locks", "hashlib"):
        "hashlib (about 7 ms) loads only to digest a changed period; this module loads with the command line's parser",
    ("ward_office.services.printing", "ward_office.reports.commendation.write_decision"): _REPORTLAB,
    ("ward_office.services.printing", "ward_office.reports.commendation.write_proposal"): _REPORTLAB,
    ("ward_office.services.printing", "ward_office.reports.ranking.write_ranking"): _REPORTLAB,
    ("ward_office.services.printing", "ward_office.reports.review_report.write_review"): _REPORTLAB,
    ("ward_office.services.printing", "ward_office.reports.scorecards.write_scorecards"): _REPORTLAB,
    ("ward_office.services.entered_scores", "ward_office.scoring.entered.lacking_text"):
        "the entry grid imports services.entered_scores; the scoring engine loads at the first scoring, not with it",
    ("ward_office.services.ranking", "ward_office.scoring.ScoringInput"): _SCORING,
    ("ward_office.services.ranking", "ward_office.scoring.versions.score_across_versions"): _SCORING,
    ("ward_office.services.ranking", "ward_office.scoring.versions.version_runs"): _SCORING,
    ("ward_office.services.plans", "ward_office.scoring.versions.lossy_changes"): _SCORING,
    ("ward_office.ui.ranking.page", "ward_office.scoring.versions.versions_line"): _SCORING,
    ("ward_office.services.ranking", "ward_office.scoring.score_period"): _SCORING,
    ("ward_office.services.ranking", "ward_office.scoring.results.ScoredPeriod"): _SCORING,
    ("ward_office.services.ranking", "ward_office.scoring.look_back.earlier_span"): _SCORING,
    ("ward_office.services.ranking", "ward_office.scoring.look_back_counts.earlier_counts"): _SCORING,
    ("ward_office.services.ranking", "ward_office.services.ranking_snapshots.kept_scored_period"): _SCORING,
    ("ward_office.services.report_renders", "ward_office.reports.check_record.CheckRecord"): _REPORTLAB,
    ("ward_office.services.report_renders", "ward_office.reports.check_record.Violation"): _REPORTLAB,
    ("ward_office.services.report_renders", "ward_office.reports.check_record.write_check_record"): _REPORTLAB,
    ("ward_office.services.report_renders", "ward_office.reports.review_minutes.write_minutes"): _REPORTLAB,
    ("ward_office.services.report_renders", "ward_office.reports.timesheet.write_timesheet"): _REPORTLAB,
    ("ward_office.services.reviews", "ward_office.reports.review_report.generated_sections"): _REPORTLAB,
    ("ward_office.storage.database", "sqlite_utils"):
        "sqlite-utils loads only to migrate or write: an up-to-date book opens without it (MigrationSet)",
    ("ward_office.storage.log_chain", "hashlib"):
        "hashing loads when the chain is written or checked, not at the window's start",
    ("ward_office.storage.migrations.migration_set", "sqlite_utils"):
        "sqlite-utils loads only to migrate or write: an up-to-date book opens without it (MigrationSet)",
    ("ward_office.storage.plans", "ward_office.core.plan.load_plan"):
        "the plan's code loads when a plan is first read, not at the window's start",
    ("ward_office.storage.punches", "hashlib"):
        "hashing loads only when the clock derives attendance, not at the window's start",
    ("ward_office.storage.writer_lock", "socket"):
        "the socket module only where os.uname is missing (Windows): a few ms of every start",
    ("ward_office.ui.shell.app", "ward_office.services.error_report.explain"):
        "the error report loads when an error nobody foresaw reaches the window, not at start",
    ("ward_office.ui.shell.app", "ward_office.services.first_run.is_new_ward"):
        "the first-run service loads for a session, not for the window alone",
    ("ward_office.ui.shell.app", "ward_office.ui.shell.first_run.set_up_at_start"):
        "the first-run wizard (about 170 ms) loads only for a new record book",
    ("ward_office.ui.shell.main_window", "ward_office.ui.imports.wizard.ImportWizard"):
        "the import wizard and the importers (about 150 ms) load at its first use",
    ("ward_office.ui.shell.sign_in", "ward_office.services.demo.DEMO_ACCOUNTS"): _DEMO_ACCOUNTS,
    ("ward_office.ui.shell.sign_in", "ward_office.services.demo.DEMO_PASSWORD"): _DEMO_ACCOUNTS,
    ("ward_office.ui.shell.sign_in", "ward_office.ui.shell.idle_lock.idle_lock_of"):
        "a cycle: idle_lock's dialog is this module's SignInDialog",
    ("ward_office.ui.widgets.pdf_view", "pypdfium2"):
        "pypdfium2 (about 40 ms) loads with the first preview, not with the reports page",
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


def test_the_check_finds_imports_inside_functions_only() -> None:
    source = ("import os\nfrom a.b import c\n\ndef f():\n    import json\n    def g():\n        from x import y, z\n"
              "\nclass K:\n    def m(self):\n        from . import sibling\n")
    found = list(_imports_in_functions(ast.parse(source)))
    assert found == [(5, "json"), (7, "x.y"), (7, "x.z"), (11, ".sibling")]


def test_every_import_inside_a_function_is_on_the_list_with_a_reason() -> None:
    found = imports_in_functions()
    assert len(found) > 10  # the check sees the package
    unexplained = sorted(f"{where[0]}: {name}" for (module, name), where in found.items()
                         if (module, name) not in ALLOWED)
    assert unexplained == [], "move these imports to the module head, or list them in ALLOWED with a reason"
    assert all(reason.strip() for reason in ALLOWED.values())


def test_the_list_names_only_imports_that_are_still_there() -> None:
    stale = sorted(f"{module}: {name}" for module, name in set(ALLOWED) - set(imports_in_functions()))
    assert stale == [], "these imports are gone: take them off the list"

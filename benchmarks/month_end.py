"""The month-end a ward actually does, step by step, through the services the window and the command line use:
a 60-person ward imports its clock file for June, scores the month and the half-year, and writes the ranking,
the scorecards, the C01-HD timesheet (PDF and Excel) and the review report of the half-year.

Every step is timed against what the same work costs the bare library it stands on, measured in another
fresh process on the same book: a bare SQLite insert of the file's rows for the import, one SQL aggregate
over the period's rows for scoring (``scoring.AGGREGATE``), bare reportlab tables for a PDF (the report's
pages at the bare document's seconds per page, ``reports.BARE``) and bare openpyxl writing the same number
of cells for the Excel timesheet. The whole month-end runs in one process, whose peak memory is given. Each
report is written with ``write_report`` and so scores its period again, as it does for the clerk.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from clock_import import write_punches
from peak import CODE as PEAK

MONTH = "2026-06"
HALF_YEAR = "2026-H1"
TODAY = "2026-07-03"  # the clerk's month-end, after the last punches of June

MONTH_END = PEAK + """
import json, sys, time
from datetime import date, datetime
from pathlib import Path
from ward_office import i18n
from ward_office.core.period import parse_period
from ward_office.services.clock_import import import_clock
from ward_office.services.export import export
from ward_office.services.printing import write_report
from ward_office.services.ranking import score_stored_period
from ward_office.services.ward import Ward
import ward_office.reports.ranking, ward_office.reports.scorecards, ward_office.reports.timesheet  # as loaded
import ward_office.reports.review_report, ward_office.reports.excel_writer  # by a window that printed before
i18n.set_language("vi")
db_path, attlog, folder, month, half, today_text, clerk = sys.argv[1:8]
db_path, folder, today = Path(db_path), Path(folder), date.fromisoformat(today_text)
steps = {}

def timed(name, work):
    started = time.perf_counter()
    result = work()
    steps[name] = {"seconds": time.perf_counter() - started}
    return result

began = time.perf_counter()
with Ward.open(db_path, must_exist=True) as ward:  # the clerk signed in, as in the window
    account = ward.store.accounts.get_by_username(clerk)
with Ward.open(db_path, must_exist=True, account=account) as ward:
    now = datetime.combine(today, datetime.min.time())
    imported = timed("import", lambda: import_clock(ward, Path(attlog), now=now))
    steps["import"]["punches"] = imported.punches_added
with Ward.open(db_path, read_only=True) as ward:
    for name, text in (("score_month", month), ("score_half", half)):
        scored = timed(name, lambda: score_stored_period(ward.store, parse_period(text), today))
        steps[name]["people"] = len(scored.ranking.results)
    for kind, period in (("ranking", half), ("scorecards", half), ("timesheet", month), ("review", half)):
        summary = timed(kind, lambda: write_report(ward, kind, period, folder / f"{kind}.pdf", today=today))
        steps[kind]["pages"] = summary.pages
    timed("timesheet_xlsx", lambda: export(ward, "timesheet", month, folder / "timesheet.xlsx", today=today))
print(json.dumps({"steps": steps, "seconds": time.perf_counter() - began, "peak_mib": peak_mib()}))
"""

BARE = PEAK + """
import json, sqlite3, subprocess, sys, time
db_path, attlog, folder, month_start, month_end, half_start, half_end, grace, cells = sys.argv[1:10]
sys.path.insert(0, sys.argv[10])
from scoring import AGGREGATE
steps = {}
rows = []
for line in open(attlog, encoding="utf-8").read().splitlines():
    clock_id, moment = line.split("\\t")[:2]
    rows.append((clock_id.strip(), moment.replace(" ", "T"), moment[:10], "1"))
bare = sqlite3.connect(f"{folder}/bare-punches.db")
bare.execute("PRAGMA journal_mode = WAL")
bare.execute("PRAGMA synchronous = FULL")
bare.execute("CREATE TABLE punches (clock_id TEXT, at TEXT, day TEXT, device TEXT)")
started = time.perf_counter()
with bare:
    bare.executemany("INSERT INTO punches VALUES (?, ?, ?, ?)", rows)
steps["import"] = time.perf_counter() - started
conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
for name, start, end in (("score_month", month_start, month_end), ("score_half", half_start, half_end)):
    started = time.perf_counter()
    conn.execute(AGGREGATE, {"grace": int(grace), "start": start, "end": end}).fetchall()
    steps[name] = time.perf_counter() - started
from openpyxl import Workbook
rows_count, columns = (int(part) for part in cells.split("x"))
started = time.perf_counter()
book = Workbook()
sheet = book.active
for row in range(rows_count):
    sheet.append([f"{row}-{column}" if column < 2 else "x" for column in range(columns)])
book.save(f"{folder}/bare.xlsx")
steps["timesheet_xlsx"] = time.perf_counter() - started
print(json.dumps({"steps": steps}))
"""


def write_month(path: Path, staff: int, month: date, seed: int) -> int:
    """Four punches per person per working day of ``month``, as ``clock_import.write_attlog`` writes a year (no
    double presses)."""
    from datetime import timedelta

    last = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return write_punches(path, staff, month, last, seed, double_presses=False)


def _last_json(arguments: list[str]) -> dict:
    return json.loads(subprocess.run(arguments, capture_output=True, text=True, check=True).stdout.strip()
                      .splitlines()[-1])


def _pdf_seconds_per_page(db_path: Path, folder: Path) -> float:
    """Bare reportlab's seconds per page: a table of every recorded item of the half-year, a page a person."""
    from reports import BARE as BARE_PDF

    bare = _last_json([sys.executable, "-c", BARE_PDF, str(db_path), "scorecards", HALF_YEAR,
                       str(folder / "bare.pdf")])
    return float(bare["seconds"]) / bare["pages"]


def measure(folder: Path, staff: int = 60) -> dict:
    """The month-end of a ``staff``-person ward; per step its seconds and the bare library's, and the total."""
    from ward_office.core.period import parse_period
    from ward_office.services.demo import DEMO_ACCOUNTS, build_demo
    from ward_office.storage import Store

    db_path, attlog = folder / f"month-end-{staff}.db", folder / f"month-end-{staff}_attlog.dat"
    build_demo(db_path, staff=staff, months=5, seed=2026, until=date(2026, 5, 31))
    lines = write_month(attlog, staff, parse_period(MONTH).start, seed=staff)
    ours = _last_json([sys.executable, "-c", MONTH_END, str(db_path), str(attlog), str(folder), MONTH, HALF_YEAR,
                       TODAY, DEMO_ACCOUNTS[1][0]])
    month, half = parse_period(MONTH), parse_period(HALF_YEAR)
    with Store.open(db_path, read_only=True) as store:
        grace = store.schedule.get().grace_minutes
    # The Excel timesheet's cells: a row per person, a column per day and its totals (about 40).
    bare = _last_json([sys.executable, "-c", BARE, str(db_path), str(attlog), str(folder), month.start.isoformat(),
                       month.end.isoformat(), half.start.isoformat(), half.end.isoformat(), str(grace),
                       f"{staff + 12}x40", str(Path(__file__).resolve().parent)])["steps"]
    per_page = _pdf_seconds_per_page(db_path, folder)
    steps = ours["steps"]
    for name, figures in steps.items():
        figures["bare_seconds"] = figures["pages"] * per_page if "pages" in figures else bare[name]
    return {"lines": lines, "staff": staff, "steps": steps, "seconds": ours["seconds"],
            "bare_seconds": sum(figures["bare_seconds"] for figures in steps.values()), "peak_mib": ours["peak_mib"],
            "bare_page_s": per_page}


LABELS = {"import": "import the clock file", "score_month": "score the month", "score_half": "score the half-year",
          "ranking": "ranking PDF", "scorecards": "scorecards PDF", "timesheet": "C01-HD timesheet PDF",
          "review": "review report PDF", "timesheet_xlsx": "C01-HD timesheet Excel"}


def describe(figures: dict) -> str:
    """Each step as "import the clock file 0.31 s (bare 0.01 s, 31×)"."""
    parts = []
    for name, step in figures["steps"].items():
        pages = f", {step['pages']} pages" if "pages" in step else ""
        parts.append(f"{LABELS[name]} {step['seconds']:.2f} s{pages} (bare {step['bare_seconds']:.3f} s, "
                     f"{step['seconds'] / step['bare_seconds']:.1f}×)")
    return "; ".join(parts)


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    with tempfile.TemporaryDirectory() as temporary:
        result = measure(Path(temporary), int(sys.argv[1]) if len(sys.argv) > 1 else 60)
        print(json.dumps(result, indent=1))
        print(describe(result))

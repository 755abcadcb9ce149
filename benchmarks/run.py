"""Run the benchmark suite and print a table of figures and ratios (issue #8 grows it).

    python benchmarks/run.py [--runs 5]

Measured now: cold start of the main window on a 45-person demo ward vs. a bare PySide6 window
(target: under 1.5×), the ranking and scorecard PDFs of a 200-person ward for a year, and importing a
year of clock punches for 200 people (about 200,000 attlog lines) vs. a bare SQLite insert of the same
rows. Without a display, Qt's offscreen platform is used.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import clock_import  # sibling scripts, found through the line above
import reports
import startup


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from ward_office.services.records import build_demo

    until = date(2026, 12, 31)
    with tempfile.TemporaryDirectory() as folder:
        demo_db = Path(folder) / "demo.db"
        build_demo(demo_db, staff=45, months=12, seed=2026, until=date.today())
        result = startup.measure(demo_db, options.runs)
        big_db = Path(folder) / "ward-200.db"
        build_demo(big_db, staff=200, months=12, seed=2026, until=until)
        printed = reports.measure(big_db, Path(folder), "2026", until.isoformat())
        clock = clock_import.measure(Path(folder), staff=200)
    platform = os.environ.get("QT_QPA_PLATFORM", "xcb")
    print("| What | Figure | Limit | Ratio | Target |")
    print("|---|---|---|---|---|")
    verdict = "met" if result["ratio"] < 1.5 else "NOT met"
    print(f"| Cold start to usable main window, 45-person demo ward ({platform}, median of {options.runs}) "
          f"| {result['app_s']:.2f} s | bare PySide6 window {result['bare_s']:.2f} s | {result['ratio']:.2f}× "
          f"| < 1.5× ({verdict}) |")
    for kind, label in (("ranking", "Ranking summary PDF"), ("scorecards", "Scorecards PDF, one per person")):
        figures = printed[kind]
        print(f"| {label}, 200 staff, year 2026 | {figures['pages']} pages in {figures['seconds']:.1f} s "
              f"({figures['pages'] / figures['seconds']:.0f} pages/s), peak {figures['peak_mib']:.0f} MiB | | | |")
    print(f"| Clock import, 200 staff, a year ({clock['lines']:,} attlog lines: parse, store, derive "
          f"{clock['sessions']:,} sessions) | {clock['first_s']:.1f} s ({clock['lines'] / clock['first_s']:,.0f} "
          f"lines/s), peak {clock['peak_mib']:.0f} MiB; same file again {clock['again_s']:.1f} s, "
          f"{clock['added_again']} added | bare SQLite insert of the rows {clock['bare_s']:.2f} s "
          f"| {clock['first_s'] / clock['bare_s']:.0f}× | seconds, not minutes |")
    print(f"\nHeavy modules loaded at start: {result['heavy_modules']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

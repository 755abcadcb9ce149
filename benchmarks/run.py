"""Run the benchmark suite and print one table: figure | limit | ratio | target.

    python benchmarks/run.py            # the whole suite, under 10 minutes on a 2-core machine
    python benchmarks/run.py --quick    # every script on tiny sizes, a smoke run of seconds

Every figure is measured in a fresh process with its peak resident memory, against a limit measured in the
same run on the same machine: cold start of the main window vs. a bare PySide6 window; scoring a half-year
and a year vs. one raw SQL aggregate over the same rows; the ten-year events page (show, scroll, search)
vs. bare Qt over the same rows; the ranking and scorecard PDFs vs. a bare reportlab document of the same
book; a clock import of about a million attlog lines vs. a bare SQLite insert; a 60-person ward's month-end
(``month_end.py``) step by step vs. the bare library of each step. The big books are built by
``generate.py`` and cached in ``benchmarks/.cache``. Without a display, Qt's offscreen platform is used.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import clock_import  # sibling scripts, found through the line above
import cold_start
import event_list
import generate
import month_end
import reports
import scoring
import startup


@dataclass(frozen=True)
class Sizes:
    demo_staff: int
    demo_months: int
    runs: int
    big: generate.WardSize
    small: generate.WardSize | None  # scored too, to show how scoring grows with the ward
    periods: tuple[str, ...]
    report_period: str
    clock_staff: tuple[int, ...]


FULL = Sizes(45, 12, 5, generate.WardSize(1000, 10), generate.WardSize(200, 10), ("2026-H1", "2026"), "2026",
             (200, 1000))
SCORING_RUNS = 7  # a scoring run takes tenths of a second: medians of 3 moved by a third between runs
CLOCK_PEAK_MIB = 400
CLOCK_AGAIN_SHARE = 0.1
MONTH_END_STAFF = 60  # a ward's month-end: its clock file, scoring, the papers of the month and half-year
QUICK_MONTH_END_STAFF = 8
FLOOR_TARGET = 1.25  # the start against the Qt floor (the product owner's target)
BIG_BOOK_TARGET = 1.3  # the start on ten years of 1,000 staff against the demo ward's
COLD_TARGET = 1.5  # the bundle from a cold disk against a bare PySide6 window frozen the same way
QUICK = Sizes(10, 1, 1, generate.WardSize(12, 1), None, ("2026-H1", "2026"), "2026", (8,))


def _verdict(ratio: float, target: float) -> str:
    return f"< {target:g}× ({'met' if ratio < target else 'NOT met'})"


def _clock_verdict(clock: dict) -> str:
    """A million lines on a ward PC of 4 GB: under 400 MiB; a file imported again (nothing new): under a tenth
    of the first import."""
    memory = clock["first_peak_mib"] < CLOCK_PEAK_MIB
    again = clock["again_s"] < clock["first_s"] * CLOCK_AGAIN_SHARE
    return (f"peak < {CLOCK_PEAK_MIB} MiB ({'met' if memory else 'NOT met'}); again < "
            f"{CLOCK_AGAIN_SHARE:.0%} of the first ({'met' if again else 'NOT met'})")


def _mib(value: float) -> str:
    return f"peak {value:.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: check that every script works")
    parser.add_argument("--runs", type=int, help="start-up runs (median); default 5, quick 1")
    options = parser.parse_args()
    sizes = QUICK if options.quick else FULL
    runs = options.runs or sizes.runs
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from ward_office.services.demo import build_demo

    began = time.perf_counter()
    rows: list[tuple[str, str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        demo_db = folder / "demo.db"
        build_demo(demo_db, staff=sizes.demo_staff, months=sizes.demo_months, seed=2026, until=date.today())
        start = startup.measure(demo_db, runs)
        platform = os.environ.get("QT_QPA_PLATFORM", "xcb")
        rows.append((f"Cold start to a usable main window, {sizes.demo_staff}-person demo ward ({platform}, "
                     f"median of {runs})", f"{start['app_s']:.2f} s",
                     f"bare PySide6 window {start['bare_s']:.2f} s (the Qt floor {start['floor_s']:.2f} s, "
                     f"{start['floor_ratio']:.2f}×)", f"{start['ratio']:.2f}×", _verdict(start["ratio"], 1.5)))
        rows.append((f"The same start against the Qt floor (median of {runs}, alternated)", f"{start['app_s']:.2f} s",
                     f"the Qt floor {start['floor_s']:.2f} s", f"{start['app_s'] / start['floor_s']:.2f}×",
                     _verdict(start["app_s"] / start["floor_s"], FLOOR_TARGET)))

        cache = folder / "cache" if options.quick else generate.CACHE
        cached = (cache / f"{generate.cache_key(sizes.big)}.db").is_file()
        built = time.perf_counter()
        big = generate.cached_ward(sizes.big, cache)
        built_s = time.perf_counter() - built
        big_label = f"{sizes.big.staff:,} staff, {sizes.big.years} years"
        rows.append((f"Generated book ({big_label}: {_counts(big)})",
                     "from the cache" if cached else f"built in {built_s:.1f} s", "", "", ""))

        big_start = folder / "big-start.db"  # opening for writing may add this year's holidays: not to the cache
        shutil.copyfile(big, big_start)
        big_start_s = startup.app_seconds(big_start, runs)
        rows.append((f"Cold start on the generated book ({big_label}, {big.stat().st_size / 2**20:.0f} MiB; "
                     f"median of {runs})", f"{big_start_s:.2f} s", f"bare PySide6 window {start['bare_s']:.2f} s",
                     f"{big_start_s / start['bare_s']:.2f}×", _verdict(big_start_s / start["bare_s"], 1.5)))
        rows.append(("The same start on the generated book against the demo ward's", f"{big_start_s:.2f} s",
                     f"demo ward {start['app_s']:.2f} s", f"{big_start_s / start['app_s']:.2f}×",
                     _verdict(big_start_s / start["app_s"], BIG_BOOK_TARGET)))
        big_start.unlink()

        books = [(sizes.big, big)]
        if sizes.small is not None:
            books.append((sizes.small, generate.cached_ward(sizes.small, cache)))
        for size, path in reversed(books):
            scoring_runs = 1 if options.quick else SCORING_RUNS
            scored = scoring.measure(path, sizes.periods, runs=scoring_runs)
            for period in sizes.periods:
                figures = scored[period]
                ratio = figures["seconds"] / figures["sql_s"]
                rows.append((f"Scoring {period} for {size.staff:,} staff ({figures['items']:,} items; "
                             f"median of {scoring_runs})",
                             f"{figures['seconds']:.2f} s, {_mib(scored['peak_mib'])}",
                             f"one SQL aggregate over the same rows {figures['sql_s'] * 1000:.0f} ms",
                             f"{ratio:.1f}×", _verdict(ratio, 3)))
        plans = scoring.query_plans(big, sizes.periods[-1])

        list_runs = 1 if options.quick else 3
        listed = event_list.measure(big, sizes.big.start, sizes.big.until, runs=list_runs)
        app, bare = listed["app"], listed["bare"]
        span = f"{sizes.big.years} years, {app['rows']:,} events, median of {list_runs}"
        for label, key, unit in (("show the whole range", "load_s", 1), ("scroll one step (of "
                                 f"{event_list.SCROLL_STEPS + 1}, top to bottom)", "scroll_s", 1000),
                                 (f"search “{event_list.SEARCH}” ({app['found']:,} found)", "search_s", 1)):
            ratio = app[key] / bare[key]
            suffix = " ms" if unit == 1000 else " s"
            rows.append((f"Events page, {span}: {label}",
                         f"{app[key] * unit:.{0 if unit == 1000 else 2}f}{suffix}, {_mib(app['peak_mib'])}",
                         f"bare Qt table {bare[key] * unit:.{0 if unit == 1000 else 2}f}{suffix}, "
                         f"{_mib(bare['peak_mib'])}", f"{ratio:.1f}×", _verdict(ratio, 2)))
        rows.append((f"Events page, {span}: only commendations (read again: {app['kind_rows']:,} rows)",
                     f"{app['kind_s']:.2f} s", "", "", ""))

        printed = reports.measure(big, folder, sizes.report_period, sizes.big.until.isoformat())
        for kind, label in (("ranking", "Ranking summary PDF"), ("scorecards", "Scorecards PDF, one per person")):
            figures = printed[kind]
            per_page, bare_per_page = (figures["seconds"] / figures["pages"],
                                       figures["bare_seconds"] / figures["bare_pages"])
            rows.append((f"{label}, {sizes.big.staff:,} staff, year {sizes.report_period} (scored before: "
                         f"{figures['scoring_s']:.1f} s)",
                         f"{figures['pages']:,} pages in {figures['seconds']:.1f} s "
                         f"({1 / per_page:.0f} pages/s), {_mib(figures['peak_mib'])}",
                         f"bare reportlab tables, {figures['bare_pages']:,} pages in {figures['bare_seconds']:.1f} s "
                         f"({1 / bare_per_page:.0f} pages/s), {_mib(figures['bare_peak_mib'])}",
                         f"{per_page / bare_per_page:.1f}× per page", ""))

        for staff in sizes.clock_staff:
            clock = clock_import.measure(folder, staff=staff)
            rows.append((f"Clock import, {staff:,} staff, a year: {clock['lines']:,} attlog lines "
                         f"(parse, store, derive {clock['sessions']:,} sessions)",
                         f"{clock['first_s']:.1f} s ({clock['lines'] / clock['first_s']:,.0f} lines/s), "
                         f"{_mib(clock['first_peak_mib'])}; the same file again {clock['again_s']:.1f} s, "
                         f"{clock['added_again']} added, {_mib(clock['peak_mib'])} over both",
                         f"bare SQLite insert of the rows {clock['bare_s']:.2f} s",
                         f"{clock['first_s'] / clock['bare_s']:.0f}×",
                         "seconds, not minutes" if staff == 200 else _clock_verdict(clock)))

        staff = QUICK_MONTH_END_STAFF if options.quick else MONTH_END_STAFF
        month = month_end.measure(folder, staff=staff)
        rows.append((f"A ward's month-end, {staff} staff: import June's clock file ({month['lines']:,} lines), score "
                     f"June and {month_end.HALF_YEAR}, write the ranking, scorecards, C01-HD timesheet (PDF and Excel) "
                     f"and review report", f"{month['seconds']:.1f} s, {_mib(month['peak_mib'])}: "
                     f"{month_end.describe(month)}", f"bare libraries step by step {month['bare_seconds']:.2f} s",
                     f"{month['seconds'] / month['bare_seconds']:.1f}×", ""))

    if cold_start.BUNDLE.is_file() and not options.quick:  # needs ./dev bundle; the bare window builds once
        with tempfile.TemporaryDirectory() as temporary:
            cold_db = Path(temporary) / "demo.db"
            build_demo(cold_db, staff=sizes.demo_staff, months=sizes.demo_months, seed=2026, until=date.today())
            cold = cold_start.measure(cold_db, runs)
        rows.append((f"Bundle from a cold disk to its first window (the sign-in), {sizes.demo_staff}-person demo ward "
                     f"(median of {runs}, alternated; {cold['app_size_mib']:.0f} MiB installed)",
                     f"{cold['app_s']:.2f} s, read {cold['app_read_mib']:.0f} MiB",
                     f"bare PySide6 window frozen the same way {cold['bare_s']:.2f} s, read "
                     f"{cold['bare_read_mib']:.0f} MiB", f"{cold['ratio']:.2f}×", _verdict(cold["ratio"], COLD_TARGET)))
    else:
        rows.append(("Bundle from a cold disk", "no bundle: build it with ./dev bundle", "", "", ""))

    print("| What | Figure | Limit | Ratio | Target |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nHeavy modules loaded at start: {start['heavy_modules']}")
    print("What scoring reads (EXPLAIN QUERY PLAN):")
    for line in plans:
        print(f"    {line}")
    print(f"Suite: {time.perf_counter() - began:.0f} s; {os.cpu_count()} cores; load average "
          f"{', '.join(f'{value:.1f}' for value in os.getloadavg())}")
    return 0


def _counts(path: Path) -> str:
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("attendance", "checks", "check_seen", "events")}
    finally:
        conn.close()
    return (f"{counts['attendance']:,} attendance rows, {counts['checks']:,} check rounds seeing "
            f"{counts['check_seen']:,}, {counts['events']:,} events; {path.stat().st_size / 2**20:.0f} MiB")


if __name__ == "__main__":
    sys.exit(main())

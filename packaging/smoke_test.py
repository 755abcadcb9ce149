"""Prove that a built bundle works on a machine's own: a demo ward, a Vietnamese PDF, every part of the window.

    python packaging/smoke_test.py [dist/ward-office/ward-office] [--timing 5] [--source .venv/bin/ward-office]

Runs the bundled program offscreen with a fresh, empty home and data folder (nothing of the user's is read
or written): ``demo`` builds a ward, ``report review`` writes the review report, whose text pypdf must read back
in Vietnamese, and ``--smoke-test`` signs in on a copy of the demo ward and opens every page, every settings
tab, the import wizard, the first-run wizard and a report's preview (ward_office/ui/shell/smoke.py), then
prints what it saw and quits. Any command that exits non-zero or writes anything on stderr fails the test:
a traceback, a Qt warning, a page module missing from the bundle. With ``--timing N`` it then times N window
starts (to the first paint's marker) of the bundle and, with ``--source``, of the program run from the source
tree, and prints the medians and the bundle's size. Exit 0 when every check passed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PROGRAM = ROOT / "dist" / "ward-office" / ("ward-office-cli.exe" if os.name == "nt" else "ward-office")
SMOKE_MARKER = "WARD-OFFICE-SMOKE"  # ward_office.ui.shell.smoke.SMOKE_MARKER
SHOWN_MARKER = "WARD-OFFICE-SHOWN"  # ward_office.ui.shell.app.SHOWN_MARKER
SCREENSHOT_VARIABLE = "WARD_OFFICE_SMOKE_SCREENSHOT"  # ward_office.ui.shell.smoke.SCREENSHOT_VARIABLE
TIMEOUT_VARIABLE = "WARD_OFFICE_SMOKE_TIMEOUT"  # ward_office.ui.shell.smoke.TIMEOUT_VARIABLE
# The classes of ward_office.ui.shell.page_list.PAGES.
EXPECTED_OPENED = ("DashboardPage", "AttendancePage", "ChecksPage", "EventsPage", "CitizensPage", "StaffPage",
                   "ScoresPage", "RankingPage", "ReportsPage", "AuditPage", "SettingsPage")
EXPECTED_WIZARDS = ["ImportWizard", "FirstRunWizard"]
DEMO_UNTIL = "2026-11-20"
PERIOD = "2026-H2"
EXPECTED_TITLE = "Sổ theo dõi văn hóa công sở"
EXPECTED_PAGES = ("Tổng quan", "Chấm công", "Kiểm tra", "Xếp loại", "Cài đặt")
EXPECTED_MENUS = ("&Tệp", "Trợ &giúp")
EXPECTED_PDF_TEXT = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO", "PHỤ LỤC")
TIMEOUT_S = 120


class SmokeError(Exception):
    pass


def clean_environment(home: Path, platform: str = "offscreen") -> dict[str, str]:
    environment = dict(os.environ)
    environment.update({
        "QT_QPA_PLATFORM": platform, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
        "LOCALAPPDATA": str(home / "AppData" / "Local"), "APPDATA": str(home / "AppData" / "Roaming"),
        "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8",
    })
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        environment.pop(name, None)
    return environment


def run(program: list[str], arguments: list[str], environment: dict[str, str]) -> str:
    timeout = int(environment.get(TIMEOUT_VARIABLE, "0")) or TIMEOUT_S
    done = subprocess.run([*program, *arguments], env=environment, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout)
    if done.returncode != 0:
        raise SmokeError(f"{' '.join(arguments)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    if done.stderr.strip():
        raise SmokeError(f"{' '.join(arguments)} wrote on stderr:\n{done.stderr}")
    return done.stdout


def window_report(output: str) -> dict[str, object]:
    for line in output.splitlines():
        if line.startswith(SMOKE_MARKER + " "):
            return json.loads(line[len(SMOKE_MARKER) + 1:])
    raise SmokeError(f"the window printed no {SMOKE_MARKER} line:\n{output}")


def check_window(report: dict[str, object]) -> None:
    title, pages, menus = str(report["title"]), list(report["pages"]), list(report["menus"])  # type: ignore[arg-type]
    if not title.startswith(EXPECTED_TITLE):
        raise SmokeError(f"window title {title!r} is not Vietnamese")
    missing = [page for page in EXPECTED_PAGES if page not in pages]
    if missing:
        raise SmokeError(f"pages {missing} missing from {pages}")
    missing = [menu for menu in EXPECTED_MENUS if menu not in menus]
    if missing:
        raise SmokeError(f"menus {missing} missing from {menus}")
    if tuple(report["opened"]) != EXPECTED_OPENED:  # type: ignore[arg-type]
        raise SmokeError(f"pages opened as {report['opened']}, not {list(EXPECTED_OPENED)}")
    if report["wizards"] != EXPECTED_WIZARDS or not report["tabs"] or not report["report_pages"]:
        raise SmokeError(f"the walk did not reach every part: {report}")
    if report["failures"] or not report["signed_in"]:
        raise SmokeError(f"the walk saw {report['failures']} failures, signed in as {report['signed_in']}")


def check_pdf(path: Path) -> None:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    missing = [expected for expected in EXPECTED_PDF_TEXT if expected not in text]
    if missing:
        raise SmokeError(f"{path} lacks {missing}; its text starts: {text[:300]!r}")


def time_window(program: list[str], database: Path, environment: dict[str, str], runs: int) -> float:
    """Median seconds from starting the process to the window's first paint (its marker line)."""
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        shown = None
        with subprocess.Popen([*program, "--db", str(database), "--smoke-test"], env=environment,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as process:
            assert process.stdout is not None
            for line in process.stdout:
                if line.startswith(SHOWN_MARKER) and shown is None:
                    shown = time.perf_counter() - started
            process.wait(TIMEOUT_S)
        if shown is None or process.returncode != 0:
            raise SmokeError(f"a timed start failed (exit {process.returncode})")
        times.append(shown)
    return statistics.median(times)


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program", nargs="?", type=Path, default=DEFAULT_PROGRAM,
                        help="the bundled program (default: %(default)s)")
    parser.add_argument("--timing", type=int, default=0, metavar="N", help="time N window starts")
    parser.add_argument("--source", type=Path, help="the program run from source, timed next to the bundle")
    parser.add_argument("--platform", default="offscreen",
                        help="Qt's platform for the window (default: %(default)s; 'windows' under Wine on a screen)")
    parser.add_argument("--timeout", type=int, default=TIMEOUT_S,
                        help="seconds each command and the window's walk may take (default: %(default)s)")
    parser.add_argument("--screenshot", type=Path, help="save the signed-in window as this PNG")
    options = parser.parse_args(argv)
    program = [str(options.program.resolve())]
    if not options.program.is_file():
        print(f"no program at {options.program}: build it first (./dev bundle)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ward-office-smoke-") as scratch:
        home = Path(scratch)
        environment = clean_environment(home, options.platform)
        environment[TIMEOUT_VARIABLE] = str(options.timeout)
        database, pdf = home / "demo.db", home / "bao-cao-so-ket.pdf"
        try:
            started = time.perf_counter()
            print(run(program, ["demo", "--db", str(database), "--staff", "30", "--until", DEMO_UNTIL],
                      environment).strip())
            print(run(program, ["report", "review", "--db", str(database), "--period", PERIOD, "--out", str(pdf)],
                      environment).strip())
            check_pdf(pdf)
            window_environment = dict(environment)
            if options.screenshot:
                window_environment[SCREENSHOT_VARIABLE] = str(options.screenshot.resolve())
            report = window_report(run(program, ["--db", str(database), "--smoke-test"], window_environment))
            check_window(report)
            print(f"window: {report['title']} | {', '.join(map(str, report['pages']))}")  # type: ignore[arg-type]
            print(f"opened: {', '.join(map(str, report['opened']))}; {len(report['tabs'])} tabs; "  # type: ignore[arg-type]
                  f"{', '.join(map(str, report['wizards']))}; a report of {report['report_pages']} pages")  # type: ignore[arg-type]
            print(f"smoke test passed in {time.perf_counter() - started:.1f} s")
            if options.timing:
                bundle_folder = options.program.resolve().parent
                print(f"bundle: {folder_size(bundle_folder) / 1e6:.0f} MB in {bundle_folder}")
                median = time_window(program, database, environment, options.timing)
                print(f"window start, bundle: median {median:.2f} s of {options.timing}")
                if options.source:
                    source = [str(options.source.resolve())]
                    median = time_window(source, database, environment, options.timing)
                    print(f"window start, from source: median {median:.2f} s of {options.timing}")
        except (SmokeError, subprocess.TimeoutExpired) as error:
            print(f"SMOKE TEST FAILED: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

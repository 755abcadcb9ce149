"""Cold start to a usable main window, against a bare PySide6 window on the same machine.

Each run is a fresh Python process, timed from launch until the window has been shown and the event loop
has gone idle once (the first page has loaded its data). The app opens a prebuilt 45-person demo ward;
the bare window is a QMainWindow with one label. Medians of several runs.

A third process, the Qt floor, builds the same kinds of things as the main window with no code of ours: a
list of nine pages with icons, menus with shortcuts, a status bar, a scrolling page of cards with three
tables on Python models, a date and a number formatted in Vietnamese by babel, and one query on the book.
It shows how much of the gap to the bare window is Qt, babel and SQLite themselves, not the app.

Wall time on a shared machine moves by tens of percent between runs; ``python benchmarks/startup.py
--instructions`` counts instead the instructions the app and the Qt floor run to their first turn of the event
loop after the window is shown (valgrind's callgrind, the same count whatever the load; about a minute each).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ward_office

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Sổ theo dõi văn hóa công sở"))
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""

FLOOR = """
import sqlite3
import sys
from datetime import date
from babel.dates import format_date
from babel.numbers import format_decimal
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow, QScrollArea, QStackedWidget, QStyle, QTableView,
                               QVBoxLayout, QWidget)

class Rows(QAbstractTableModel):
    def __init__(self, rows):
        super().__init__()
        self.rows = rows
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)
    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 3
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.rows[index.row()][index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

conn = sqlite3.connect(sys.argv[1])
rows = conn.execute("SELECT code, full_name, id FROM staff ORDER BY code LIMIT 5").fetchall()
app = QApplication(sys.argv)
window = QMainWindow()
pages = QListWidget()
for number in range(9):
    QListWidgetItem(app.style().standardIcon(QStyle.StandardPixmap(number)), f"Trang {number + 1}", pages)
stack = QStackedWidget()
content = QWidget()
grid = QGridLayout(content)
for row in range(3):
    for column in range(2):
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        body = QVBoxLayout(card)
        body.addWidget(QLabel(format_date(date.today(), "full", locale="vi")))
        body.addWidget(QLabel(format_decimal(1234.5, locale="vi")))
        if column == 1:
            table = QTableView()
            table.setModel(Rows(rows))
            body.addWidget(table)
        grid.addWidget(card, row, column)
scroll = QScrollArea()
scroll.setWidgetResizable(True)
scroll.setWidget(content)
stack.addWidget(scroll)
central = QWidget()
layout = QHBoxLayout(central)
layout.addWidget(pages)
layout.addWidget(stack, 1)
window.setCentralWidget(central)
for title in ("Tệp", "Sổ", "Trợ giúp"):
    menu = window.menuBar().addMenu(title)
    for number in range(6):
        action = QAction(f"{title} {number}", window)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        menu.addAction(action)
window.statusBar().showMessage("Sổ theo dõi văn hóa công sở")
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
conn.close()
"""

APP = """
import sys
from pathlib import Path
from ward_office.storage.database import check_in_background
check_in_background(Path(sys.argv[1]))  # as ``ward-office`` does (cli/window.py) before the window's code loads
from PySide6.QtCore import QTimer
from ward_office import i18n
from ward_office.ui.shell.app import create_application, open_main_window
i18n.set_language("vi")
app = create_application(sys.argv)
window = open_main_window(Path(sys.argv[1]))
window.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
heavy = sorted(name for name in ("reportlab", "openpyxl", "pypdf") if name in sys.modules)
print("heavy modules:", ",".join(heavy) or "none", flush=True)
window.context.ward.close()
"""


def _environment() -> dict[str, str]:
    """An installed app runs from compiled bytecode; this machine sets PYTHONDONTWRITEBYTECODE, so
    ``measure`` compiles once and the timed processes read the .pyc files."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def time_process(code: str, *arguments: str) -> tuple[float, str]:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *arguments], stdout=subprocess.PIPE, text=True,
                               env=_environment())
    assert process.stdout is not None
    line = process.stdout.readline()
    ready = time.perf_counter() - started
    rest = process.stdout.read()
    if process.wait() != 0 or line.strip() != "ready":
        raise RuntimeError(f"start failed: {line!r} {rest!r}")
    return ready, rest.strip()


def app_seconds(db_path: Path, runs: int = 5) -> float:
    """The app alone on another book: the median of ``runs`` cold starts (after one to warm the file cache)."""
    time_process(APP, str(db_path))
    return statistics.median(time_process(APP, str(db_path))[0] for _ in range(runs))


def measure(demo_db: Path, runs: int = 5) -> dict[str, float | str]:
    compileall.compile_dir(Path(ward_office.__file__).parent, quiet=1)
    time_process(BARE)  # warm the file cache for both
    time_process(APP, str(demo_db))
    time_process(FLOOR, str(demo_db))
    bare, floor, app_runs = [], [], []
    for _ in range(runs):  # alternated, so a slow moment of the machine weighs on all three
        bare.append(time_process(BARE)[0])
        floor.append(time_process(FLOOR, str(demo_db))[0])
        app_runs.append(time_process(APP, str(demo_db)))
    bare_median = statistics.median(bare)
    floor_median = statistics.median(floor)
    app_median = statistics.median(run for run, _ in app_runs)
    return {
        "bare_s": bare_median,
        "floor_s": floor_median,
        "app_s": app_median,
        "ratio": app_median / bare_median,
        "floor_ratio": floor_median / bare_median,
        "heavy_modules": app_runs[-1][1].removeprefix("heavy modules: "),
    }


def instructions(demo_db: Path) -> dict[str, int]:
    """Instructions run by the main thread of the app, the Qt floor and the bare window from launch to "ready" (the
    process ends there, before closing anything), counted by callgrind. Each run opens a fresh copy of ``demo_db``."""
    compileall.compile_dir(Path(ward_office.__file__).parent, quiet=1)
    counts = {}
    with tempfile.TemporaryDirectory(prefix="start-instructions-") as scratch:
        for name, code in (("app", APP), ("floor", FLOOR), ("bare", BARE)):
            book = Path(scratch) / "demo.db"
            for suffix in ("", ".closed"):  # the clean-close record too: the app opens it as it was left
                if Path(f"{demo_db}{suffix}").is_file():
                    shutil.copy2(f"{demo_db}{suffix}", f"{book}{suffix}")
            until_ready = code.replace("app.quit()))", "os._exit(0)))").replace("import sys\n", "import os, sys\n", 1)
            out = Path(scratch) / f"{name}.callgrind"
            # The main thread's count: the overview's scoring thread starts on the turn "ready" is printed, and
            # how far it gets before the process ends depends on the scheduling.
            result = subprocess.run(["valgrind", "--tool=callgrind", "--separate-threads=yes",
                                     f"--callgrind-out-file={out}", sys.executable, "-c", until_ready, str(book)],
                                    capture_output=True, text=True, env=_environment())
            main_thread = Path(f"{out}-01")
            text = main_thread.read_text() if main_thread.is_file() else ""
            found = re.search(r"^summary: (\d+)", text, re.MULTILINE)
            if result.returncode != 0 or found is None or "ready" not in result.stdout:
                raise RuntimeError(f"callgrind of the {name} failed: {result.stderr[-2000:]}")
            counts[name] = int(found.group(1))
            for file in (book, Path(f"{book}.closed"), Path(f"{book}-wal"), Path(f"{book}-shm"), Path(f"{book}.lock")):
                file.unlink(missing_ok=True)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="alternated runs of each (median)")
    parser.add_argument("--instructions", action="store_true", help="count instructions with callgrind instead")
    options = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from datetime import date

    from ward_office.services.demo import build_demo

    with tempfile.TemporaryDirectory() as temporary:
        demo_db = Path(temporary) / "demo.db"
        build_demo(demo_db, staff=45, months=12, seed=2026, until=date.today())
        if options.instructions:
            counts = instructions(demo_db)
            for name, count in counts.items():
                print(f"{name}: {count / 1e6:,.0f} M instructions")
            print(f"app / floor: {counts['app'] / counts['floor']:.2f}×; "
                  f"app / bare: {counts['app'] / counts['bare']:.2f}×")
        else:
            for name, value in measure(demo_db, options.runs).items():
                print(f"{name}: {value:.3f}" if isinstance(value, float) else f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

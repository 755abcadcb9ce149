"""The events page (Sự việc) on ten years of a big ward: showing the whole ten-year range, scrolling it top
to bottom, and filtering it by a word and by kind, in the real main window (offscreen when there is no
display), opened read-only on the generated book.

The limit is Qt alone in a separate fresh process: the same rows fetched with one SQL query into a bare
``QAbstractTableModel`` of tuples behind a ``QSortFilterProxyModel`` and a ``QTableView``, sorted by day,
scrolled the same way and filtered with Qt's own fixed-string filter. Each side reports its peak RSS.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

from peak import CODE as PEAK

START, END = date(2017, 1, 1), date(2026, 12, 31)
SCROLL_STEPS = 60
SEARCH = "nguyen"

COMMON = PEAK + """
import json, sys, time
from datetime import date
from PySide6.QtWidgets import QApplication
def settle():
    QApplication.processEvents()
def scroll(table, steps):
    bar = table.verticalScrollBar()
    started = time.perf_counter()
    for step in range(steps + 1):
        bar.setValue(bar.maximum() * step // steps)
        table.viewport().repaint()
    return (time.perf_counter() - started) / (steps + 1)
db_path, start, end, steps, search = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
"""

APP = COMMON + """
from pathlib import Path
from ward_office import i18n
from ward_office.ui.shell.app import create_application, open_main_window
from ward_office.ui.widgets.jobs import wait_for_jobs
from ward_office.ui.events.page import EventsPage
i18n.set_language("vi")
app = create_application(sys.argv)
window = open_main_window(Path(db_path), today=date.fromisoformat(end), read_only=True)
window.show()
settle()
page = window.show_page(EventsPage)
settle()
wait_for_jobs()  # the overview scores the half-year in the background; let it finish first
settle()
started = time.perf_counter()
page.set_range(date.fromisoformat(start), date.fromisoformat(end))
settle()
page.table.viewport().repaint()
load_s = time.perf_counter() - started
rows = page.proxy.rowCount()
scroll_s = scroll(page.table, steps)
started = time.perf_counter()
page.search.setText(search)
settle()
page.table.viewport().repaint()
search_s = time.perf_counter() - started
found = page.proxy.rowCount()
page.search.clear()
settle()
started = time.perf_counter()
page.kind.setCurrentIndex(2)  # commendations: read again from the database
settle()
page.table.viewport().repaint()
kind_s = time.perf_counter() - started
print(json.dumps({"rows": rows, "load_s": load_s, "scroll_s": scroll_s, "search_s": search_s, "found": found,
                  "kind_s": kind_s, "kind_rows": page.proxy.rowCount(), "peak_mib": peak_mib()}))
window.context.ward.close()
"""

BARE = COMMON + """
import sqlite3
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QMainWindow, QTableView
class Rows(QAbstractTableModel):
    def __init__(self, rows):
        super().__init__()
        self.rows = rows
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)
    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 7
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
view = QTableView()
window.setCentralWidget(view)
window.show()
settle()
started = time.perf_counter()
conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
rows = conn.execute(
    "SELECT e.day, s.full_name, s.position, e.criterion_code, e.note, e.recorded_by, e.source"
    " FROM events e JOIN staff s ON s.id = e.staff_id WHERE e.day BETWEEN ? AND ?", (start, end)).fetchall()
proxy = QSortFilterProxyModel()
proxy.setSourceModel(Rows(rows))
proxy.setFilterKeyColumn(-1)
proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
view.setModel(proxy)
view.setSortingEnabled(True)
view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
settle()
view.viewport().repaint()
load_s = time.perf_counter() - started
scroll_s = scroll(view, steps)
started = time.perf_counter()
proxy.setFilterFixedString(search)
settle()
view.viewport().repaint()
search_s = time.perf_counter() - started
print(json.dumps({"rows": len(rows), "load_s": load_s, "scroll_s": scroll_s, "search_s": search_s,
                  "found": proxy.rowCount(), "peak_mib": peak_mib()}))
"""


def _run(code: str, db_path: Path, start: date, end: date) -> dict:
    line = subprocess.run([sys.executable, "-c", code, str(db_path), start.isoformat(), end.isoformat(),
                           str(SCROLL_STEPS), SEARCH], capture_output=True, text=True, check=True
                          ).stdout.strip().splitlines()[-1]
    return json.loads(line)


def measure(db_path: Path, start: date = START, end: date = END, runs: int = 3) -> dict[str, dict]:
    """``app`` and ``bare`` figures: rows, seconds to show, to scroll a step, to search; peak MiB. Each timed
    figure is the median of ``runs`` fresh processes, app and bare alternated: one run's scroll of a second
    or so moved by half when the machine was busy for a moment."""
    runs_of: dict[str, list[dict]] = {"app": [], "bare": []}
    for _ in range(runs):
        runs_of["app"].append(_run(APP, db_path, start, end))
        runs_of["bare"].append(_run(BARE, db_path, start, end))
    return {side: _medians(figures) for side, figures in runs_of.items()}


def _medians(runs: list[dict]) -> dict:
    figures = dict(runs[0])
    for name in ("load_s", "scroll_s", "search_s", "kind_s", "peak_mib"):
        if name in figures:
            figures[name] = statistics.median(run[name] for run in runs)
    return figures


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1])), indent=1))

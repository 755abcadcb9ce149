"""Cold start to a usable main window, against a bare PySide6 window on the same machine.

Each run is a fresh Python process, timed from launch until the window has been shown and the event loop
has gone idle once (the first page has loaded its data). The app opens a prebuilt 45-person demo ward;
the bare window is a QMainWindow with one label. Medians of several runs.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
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

APP = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from ward_office import i18n
from ward_office.ui.app import create_application, open_main_window
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


def measure(demo_db: Path, runs: int = 5) -> dict[str, float | str]:
    compileall.compile_dir(Path(ward_office.__file__).parent, quiet=1)
    time_process(BARE)  # warm the file cache for both
    time_process(APP, str(demo_db))
    bare = [time_process(BARE)[0] for _ in range(runs)]
    app_runs = [time_process(APP, str(demo_db)) for _ in range(runs)]
    bare_median = statistics.median(bare)
    app_median = statistics.median(run for run, _ in app_runs)
    return {
        "bare_s": bare_median,
        "app_s": app_median,
        "ratio": app_median / bare_median,
        "heavy_modules": app_runs[-1][1].removeprefix("heavy modules: "),
    }

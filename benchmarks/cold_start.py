"""Start of the installed bundle from a cold disk, against a bare PySide6 window frozen the same way.

A ward PC starts the program once in the morning, its files not in memory: what the start costs then is
mostly reading them. Before each run every file of the program's folder is dropped from the page cache
(``os.sync()``, then ``posix_fadvise(POSIX_FADV_DONTNEED)`` on each); the system's own libraries stay
cached for both. The bundle (``./dev bundle``, dist/ward-office) opens a demo ward as a user starts it and
is timed to the first paint of its first window, the sign-in: the marker ``ward_office.ui.shell.app.run``
prints when ``WARD_OFFICE_SHOWN_MARKER`` is set (by then the book is open and checked and the window's code
loaded). The bare window (one QMainWindow with a label, frozen by PyInstaller with the same options: one
folder, stripped, no UPX, PyInstaller's own PySide6 hooks) is timed to its first turn of the event loop; it
is built once and cached in ``benchmarks/.cache``. Runs alternate; medians, with the bytes each process had
read from the disk (``read_bytes`` of /proc/<pid>/io) when it was ready.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
BUNDLE = ROOT / "dist" / "ward-office" / "ward-office"
SHOWN_MARKER = "WARD-OFFICE-SHOWN"  # ward_office.ui.shell.app.SHOWN_MARKER
SHOWN_MARKER_VARIABLE = "WARD_OFFICE_SHOWN_MARKER"  # ward_office.ui.shell.app.SHOWN_MARKER_VARIABLE
READY = "ready"
TIMEOUT_S = 120

BARE_SCRIPT = """\
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("S\\u1ed5 theo d\\u00f5i v\\u0103n h\\u00f3a c\\u00f4ng s\\u1edf"))
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""

BARE_SPEC = """\
a = Analysis([{script!r}], excludes=["tkinter", "_tkinter", "numpy"], noarchive=False, optimize=0)
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name="bare-window", console=True, strip=True, upx=False)
coll = COLLECT(exe, a.binaries, a.datas, strip=True, upx=False, name="bare-window")
"""


def bare_program(cache: Path = CACHE) -> Path:
    """The bare window frozen by PyInstaller, built once (about a minute) under a key of its sources and
    the versions of Python, PySide6 and PyInstaller."""
    import PyInstaller

    import PySide6

    key_text = "|".join((BARE_SCRIPT, BARE_SPEC, sys.version, PySide6.__version__, PyInstaller.__version__))
    folder = cache / f"bare-window-{hashlib.sha256(key_text.encode()).hexdigest()[:12]}"
    program = folder / "dist" / "bare-window" / "bare-window"
    if program.is_file():
        return program
    for stale in cache.glob("bare-window-*"):
        shutil.rmtree(stale)
    folder.mkdir(parents=True)
    script = folder / "bare_window.py"
    script.write_text(BARE_SCRIPT, encoding="utf-8")
    spec = folder / "bare_window.spec"
    spec.write_text(BARE_SPEC.format(script=str(script)), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(folder / "dist"), "--workpath", str(folder / "build"), str(spec)],
                   check=True, capture_output=True)
    shutil.rmtree(folder / "build")
    return program


def evict(folder: Path) -> int:
    """Drop every file under ``folder`` from the page cache; returns how many bytes they hold."""
    os.sync()  # dirty pages are not dropped
    total = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(descriptor)
        total += path.stat().st_size
    return total


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def _read_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/io", encoding="ascii") as io:
        return next(int(line.split()[1]) for line in io if line.startswith("read_bytes:"))


def time_cold(command: list[str], marker: str, environment: dict[str, str]) -> tuple[float, int]:
    """Seconds from launch to the line starting with ``marker``, and the bytes read from disk by then;
    the process is stopped there (it waits for a password)."""
    started = time.perf_counter()
    with subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as process:
        assert process.stdout is not None
        seconds = read = None
        for line in process.stdout:
            if line.startswith(marker):
                seconds = time.perf_counter() - started
                read = _read_bytes(process.pid)
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                break
        process.wait(TIMEOUT_S)
    if seconds is None or read is None:
        raise RuntimeError(f"{command[0]} never printed {marker!r} (exit {process.returncode})")
    return seconds, read


def _environment(home: Path) -> dict[str, str]:
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    environment.update({"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "HOME": str(home),
                        "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
                        "XDG_CACHE_HOME": str(home / "cache"), "TMPDIR": str(home / "tmp"), "LANG": "C.UTF-8",
                        SHOWN_MARKER_VARIABLE: "1"})
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    return environment


def measure(demo_db: Path, runs: int = 5, bundle: Path = BUNDLE, cache: Path = CACHE) -> dict[str, object]:
    """Alternated cold starts of the bare frozen window and of the bundle on a copy of ``demo_db``."""
    bare = bare_program(cache)
    with tempfile.TemporaryDirectory(prefix="cold-start-") as scratch:
        home = Path(scratch)
        environment = _environment(home)
        book = home / "demo.db"
        shutil.copyfile(demo_db, book)
        app_command = [str(bundle), "--db", str(book)]
        bare_runs: list[tuple[float, int]] = []
        app_runs: list[tuple[float, int]] = []
        for _ in range(runs):
            evict(bare.parent)
            bare_runs.append(time_cold([str(bare)], READY, environment))
            evict(bundle.parent)
            app_runs.append(time_cold(app_command, SHOWN_MARKER, environment))
    bare_s = statistics.median(seconds for seconds, _ in bare_runs)
    app_s = statistics.median(seconds for seconds, _ in app_runs)
    return {
        "bare_s": bare_s, "app_s": app_s, "ratio": app_s / bare_s,
        "bare_runs": [seconds for seconds, _ in bare_runs], "app_runs": [seconds for seconds, _ in app_runs],
        "bare_read_mib": statistics.median(read for _, read in bare_runs) / 2**20,
        "app_read_mib": statistics.median(read for _, read in app_runs) / 2**20,
        "bare_size_mib": folder_bytes(bare.parent) / 2**20, "app_size_mib": folder_bytes(bundle.parent) / 2**20,
    }


def main() -> int:
    import argparse
    from datetime import date

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bundle", type=Path, default=BUNDLE, help="the bundle's program (dist/ward-office)")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    from ward_office.services.demo import build_demo

    with tempfile.TemporaryDirectory() as temporary:
        demo_db = Path(temporary) / "demo.db"
        build_demo(demo_db, staff=45, months=12, seed=2026, until=date.today())
        figures = measure(demo_db, options.runs, options.bundle)
    for name, value in figures.items():
        shown = (" ".join(f"{run:.2f}" for run in value) if isinstance(value, list)
                 else f"{value:.3f}" if isinstance(value, float) else value)
        print(f"{name}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

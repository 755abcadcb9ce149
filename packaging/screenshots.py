"""Screenshots of every page of the main window on a demo ward, for review and for the user guide.

    python packaging/screenshots.py [--out out/screenshots] [--scale 1.5] [--until 2026-11-20] [--size 1024x768]
    python packaging/screenshots.py --guide   # the pictures of the user guide, into resources/guide/images

Runs under Xvfb (re-running itself through ``xvfb-run`` when there is no display), builds a fresh
45-person demo ward in a temporary folder, opens the window at 1366×768 (a common office screen; ``--size``
for another, e.g. 1024x768 or 1920x1080, the size prefixed to the names) and saves one PNG per page,
named by its position and Vietnamese title. Background scoring is waited for.
With ``--guide`` it saves, under fixed names the guide's HTML refers to, a smaller window (so the pictures
stay readable in the guide and the folder small): the first-run wizard, the sign-in dialog, every page and
the import wizard.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREEN = "1920x1200x24"
WINDOW_SIZE = (1366, 768)
GUIDE_DIR = ROOT / "resources" / "guide" / "images"
GUIDE_WINDOW_SIZE = (1100, 660)
# The guide's picture of each page, by the page's position in the list on the left; None for a page the guide
# has no picture of (the satisfaction page, the task scores page). Pictures are numbered in the guide's order,
# skipping those.
GUIDE_PAGES = ("tong-quan", "cham-cong", "kiem-tra", "su-viec", None, "can-bo", None, "xep-loai", "bao-cao", "nhat-ky",
               "cai-dat")


def _slug(text: str) -> str:
    from ward_office.i18n.text import fold

    return "-".join(fold(text).split())


def parse_size(text: str) -> tuple[int, int]:
    """"1024x768" → (1024, 768)."""
    width, _x, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1024x768, not {text!r}")
    return int(width), int(height)


def take(out: Path, until: date, scale: float, size: tuple[int, int] = WINDOW_SIZE) -> list[Path]:
    os.environ["QT_SCALE_FACTOR"] = str(scale)
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from ward_office import i18n
    from ward_office.services.demo import build_demo

    from ward_office.ui.shell.app import create_application, open_main_window
    from ward_office.ui.widgets.jobs import wait_for_jobs

    i18n.set_language("vi")
    app = create_application([sys.argv[0]])
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "demo.db"
        build_demo(db_path, staff=45, months=12, seed=2026, until=until)
        window = open_main_window(db_path, today=until)
        window.resize(*size)
        window.show()

        def settle() -> None:
            deadline = time.monotonic() + 1.0
            while time.monotonic() < deadline:
                wait_for_jobs()
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

        settle()
        out.mkdir(parents=True, exist_ok=True)
        suffix = "" if scale == 1 else f"@{scale:g}x"
        prefix = "" if size == WINDOW_SIZE else f"{size[0]}x{size[1]}-"
        for row in range(1, len(window.pages) + 1):
            window.nav.setCurrentRow(row - 1)
            settle()
            path = out / f"{prefix}{row:02d}-{_slug(window.nav.item(row - 1).text())}{suffix}.png"
            window.grab().save(str(path))
            saved.append(path)
        window.close()
        window.context.ward.close()
    app.quit()
    return saved


def _settle() -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from ward_office.ui.widgets.jobs import wait_for_jobs

    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        wait_for_jobs()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _save(widget: object, path: Path, saved: list[Path]) -> None:
    _settle()
    widget.grab().save(str(path), "PNG", 0)  # type: ignore[attr-defined]
    saved.append(path)


def take_guide(out: Path, until: date) -> list[Path]:
    """The guide's pictures: the first-run wizard, signing in, every page, the import wizard."""
    from ward_office import i18n
    from ward_office.services.demo import build_demo
    from ward_office.services.ward import Ward

    from ward_office.ui.shell.app import create_application, open_main_window
    from ward_office.ui.shell.first_run import FirstRunWizard
    from ward_office.ui.shell.sign_in import SignInDialog

    i18n.set_language("vi")
    app = create_application([sys.argv[0]])
    saved: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        wizard = FirstRunWizard(Path(folder) / "new.db", today=lambda: until)
        wizard.resize(820, 560)
        wizard.show()
        ward_tab = wizard.ward_page.tab
        ward_tab.name_edit.setText("Ủy ban nhân dân phường Tân An")
        ward_tab.authority_edit.setText("UBND thành phố Cần Thơ")
        ward_tab.place_edit.setText("Tân An")
        _save(wizard, out / "thiet-lap-1-don-vi.png", saved)
        wizard.next()
        wizard.people_page.tab.head_name_edit.setText("Lê Minh Tuấn")
        wizard.people_page.tab.preparer_edit.setText("Nguyễn Thị Hoa")
        wizard.next()
        wizard.next()
        _save(wizard, out / "thiet-lap-4-can-bo.png", saved)
        wizard.next()
        wizard.next()
        wizard.head_page.username_edit.setText("chutich")
        _save(wizard, out / "thiet-lap-6-tai-khoan.png", saved)
        wizard.done(0)

        db_path = Path(folder) / "demo.db"
        build_demo(db_path, staff=45, months=12, seed=2026, until=until)
        with Ward.open(db_path) as ward:
            dialog = SignInDialog(ward)
            dialog.show()
            _save(dialog, out / "dang-nhap.png", saved)
            dialog.close()
        window = open_main_window(db_path, today=until)
        window.resize(*GUIDE_WINDOW_SIZE)
        window.show()
        pictures = [(row, name) for row, name in enumerate(GUIDE_PAGES) if name is not None]
        for number, (row, name) in enumerate(pictures, start=1):
            if row >= window.nav.count():
                break
            window.nav.setCurrentRow(row)
            _save(window, out / f"trang-{number:02d}-{name}.png", saved)
        importer = window.show_import_wizard()
        _save(importer, out / "nhap-du-lieu.png", saved)
        importer.close()
        window.close()
        window.context.ward.close()
    app.quit()
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "screenshots")
    parser.add_argument("--scale", type=float, default=1.0, help="screen scaling, e.g. 1.25 or 1.5")
    parser.add_argument("--until", type=date.fromisoformat, default=date.today(),
                        help="last day of the demo records, also the app's today (YYYY-MM-DD)")
    parser.add_argument("--size", type=parse_size, default=WINDOW_SIZE,
                        help="the window's size, WIDTHxHEIGHT (default 1366x768)")
    parser.add_argument("--guide", action="store_true",
                        help=f"the user guide's pictures, into {GUIDE_DIR.relative_to(ROOT)}")
    options = parser.parse_args()
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        xvfb_run = shutil.which("xvfb-run")
        if xvfb_run is None:
            print("no display and no xvfb-run: install xvfb (./dev setup does)", file=sys.stderr)
            return 1
        return subprocess.call([xvfb_run, "-a", "-s", f"-screen 0 {SCREEN}", sys.executable, *sys.argv])
    if options.guide:
        for path in take_guide(GUIDE_DIR, options.until):
            print(path)
        return 0
    for path in take(options.out, options.until, options.scale, options.size):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``ward-office`` without a command: the window, on the given record book, the user's own, or a fresh demo ward.

The book's check starts in the background before Qt and the window's code load, so the two overlap.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ward_office import i18n
from ward_office.paths import default_database_path, demo_database_path
from ward_office.storage import database


def open_window(db_path: Path | None, *, demo: bool, smoke_test: bool = False) -> int:
    """No command: the window, on the given file, the user's own record book, or a fresh demo ward."""
    if demo:
        from ward_office.services.demo import build_demo  # the demo's makers load only to build one

        if db_path is None:
            db_path = demo_database_path()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        db_path.parent.mkdir(parents=True, exist_ok=True)
        print(build_demo(db_path, staff=45, months=18, seed=2026, until=date.today()).localized())
    path = db_path or default_database_path()
    database.check_in_background(path)  # the book is checked while Qt and the window's code load
    if smoke_test:
        from ward_office.ui.shell.smoke import run_smoke_test  # Qt and the window load after the check has started

        return run_smoke_test(path, language=i18n.current_language())
    from ward_office.ui.shell.app import run as run_window  # Qt and the window load after the check has started

    return run_window(path, language=i18n.current_language())

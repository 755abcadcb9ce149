"""Putting a finished file in place of the old one, when Windows lets us.

A file is written beside its target and renamed over it, so a reader never sees half of it. On Windows the
rename is refused (``PermissionError``) while any program has the target open without sharing its
deletion: a virus scanner or the search indexer for a moment, which waiting out a little is enough for, or a
PDF reader or Excel showing it, which only the user can close; the caller then says so.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

ATTEMPTS = 10
PAUSE_SECONDS = 0.1  # a scanner holds a new file for some tens of milliseconds


def replace_file(source: Path | str, target: Path | str, *, attempts: int = ATTEMPTS,
                 pause: float | None = None) -> None:
    """``os.replace(source, target)``, tried again for about a second while the target is held open."""
    pause = PAUSE_SECONDS if pause is None else pause
    for attempt in range(1, attempts + 1):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == attempts:
                raise
            time.sleep(pause)

"""Whether a write into a book can happen at all, asked before anything is done for it (the backup before
an import, the sign-in of a command): a read-only book or folder, or a disk without room, is refused in
the user's words instead of failing half-way with SQLite's."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ward_office.i18n import N_
from ward_office.storage import DatabaseError

# Room kept free beyond the backup a write makes first: what the write itself and SQLite's journal need.
SPARE_BYTES = 4 * 1024 * 1024


def check_book_writable(path: Path) -> None:
    """Refuse a write that cannot happen before anything is done for it (the backup before an import, a
    lock): a book or folder that is read-only, or a disk without room for a backup of the book and the
    write. A book not made yet needs only its folder."""
    path = Path(path)
    folder = path.parent if path.parent.exists() else None
    if (path.exists() and not os.access(path, os.W_OK)) or (folder is not None and not os.access(folder, os.W_OK)):
        raise DatabaseError(N_("The record book {path} cannot be written to: the file or its folder is "
                               "read-only. Nothing was changed"), path=str(path))
    if folder is not None:
        needed = (path.stat().st_size if path.exists() else 0) + SPARE_BYTES
        if shutil.disk_usage(folder).free < needed:
            raise DatabaseError(N_("The disk holding {path} is full: free some space and try again. Nothing was "
                                   "changed"), path=str(path))

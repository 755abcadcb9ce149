"""What the user is told when the machine says no: a read-only book, a full disk, a book held by another
program, a missing or forbidden file, each in one line of their language, and any other error as "unexpected"
with where its details were written. The details (the traceback) go to a small log file in the data folder,
never to the screen: the command line and the window both end here (cli.main, ui.app's excepthook).
"""

from __future__ import annotations

import errno
import sqlite3
import traceback
from datetime import datetime
from pathlib import Path

from ward_office.i18n import N_, _
from ward_office.paths import log_path

# The log is kept small: past this size the old one is moved aside (one older copy kept).
LOG_MAX_BYTES = 512 * 1024

READ_ONLY = N_("the record book cannot be written to (it, or its folder, is read-only); nothing was changed")
DISK_FULL = N_("the disk is full; free some space and try again. Nothing was changed")
BOOK_BUSY = N_("the record book is held by another program; close it and try again. Nothing was changed")
DISK_FAILING = N_("the disk could not be read or written; check the disk or the USB stick. Nothing was changed")
NO_PERMISSION = N_("you may not open {file}; check its permissions")
NOT_FOUND = N_("{file} does not exist")

_SQLITE_WORDS = (("readonly", READ_ONLY), ("read-only", READ_ONLY), ("disk is full", DISK_FULL),
                 ("database is locked", BOOK_BUSY), ("database table is locked", BOOK_BUSY),
                 ("disk i/o error", DISK_FAILING))
_OS_ERRORS = {errno.EROFS: READ_ONLY, errno.ENOSPC: DISK_FULL, errno.EDQUOT: DISK_FULL, errno.EIO: DISK_FAILING,
              errno.EACCES: NO_PERMISSION, errno.EPERM: NO_PERMISSION, errno.ENOENT: NOT_FOUND}


def known_problem(error: BaseException) -> str | None:
    """The problem in the user's words when the machine refused (the cause of a wrapped error counts too);
    None for an error nobody foresaw."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            text = str(current).lower()
            for words, message in _SQLITE_WORDS:
                if words in text:
                    return _(message)
        if isinstance(current, OSError) and current.errno in _OS_ERRORS:
            name = current.filename if current.filename is not None else ""
            return _(_OS_ERRORS[current.errno]).format(file=Path(str(name)).name or name)
        current = current.__cause__ or current.__context__
    return None


def write_to_log(error: BaseException) -> Path | None:
    """Append the traceback of ``error`` to the log; None when even that cannot be written (a full disk)."""
    path = log_path()
    text = "".join(traceback.format_exception(error))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.stat().st_size > LOG_MAX_BYTES:
            path.replace(path.with_name(path.name + ".1"))
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}\n")
    except OSError:
        return None
    return path


def explain(error: BaseException) -> str:
    """The one line to show for ``error``, in the user's language; its details are logged first."""
    logged = write_to_log(error)
    known = known_problem(error)
    if known is not None:
        return _("Error: {message}").format(message=known)
    if logged is None:
        return _("Unexpected error ({kind}); its details could not be written down either").format(
            kind=type(error).__name__)
    return _("Unexpected error; the details were written to {path}").format(path=logged)

"""Standard output and error that can carry Vietnamese whatever the console or pipe was given.

On Windows, Python writes to a pipe or a file in the ANSI code page (1252, or 1258 for Vietnamese
Windows), and neither can encode a precomposed letter such as "ổ": every print of a Vietnamese name would
end in ``UnicodeEncodeError``. A console is UTF-8 already (Python writes to it in UTF-16), and so is a
Linux terminal, so only a stream that cannot encode Vietnamese is switched, to UTF-8.
"""

from __future__ import annotations

import sys
from typing import TextIO

# Every kind of Vietnamese letter: ơ ư đ, the precomposed tone marks, capitals.
VIETNAMESE_PROBE = "Sổ theo dõi văn hóa công sở — Ủy ban nhân dân phường, Đặng Thị Ưng"


def can_write_vietnamese(encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        VIETNAMESE_PROBE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def make_utf8(stream: TextIO | None) -> None:
    """Switch ``stream`` to UTF-8 if its encoding cannot write Vietnamese; leave it as it is otherwise."""
    if stream is None or can_write_vietnamese(getattr(stream, "encoding", None)):
        return  # None: a Windows window program has no standard streams
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:  # not a real text stream (a test capturing output)
        return
    stream.flush()
    reconfigure(encoding="utf-8", errors="replace")


def make_standard_streams_utf8() -> None:
    make_utf8(sys.stdout)
    make_utf8(sys.stderr)

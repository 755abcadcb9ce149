"""The five-person ward of the citizen's voice golden test (tests/services/citizens_book.py), filled the same way:
March 2026's device export imported, two paper survey tallies, and praise and complaints verified, rejected or left
pending, so the page shows what the golden test worked out by hand."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "services"))

from citizens_book import CLERK, HEAD, open_ward
from test_citizens_golden import TODAY, device_export, record_march

from ward_office.core.staff import StaffId

__all__ = ["CLERK", "HEAD", "TODAY", "build_book"]


def build_book(path: Path) -> dict[str, StaffId]:
    """The golden ward at ``path``, closed; the five people's ids by code."""
    ward, ids = open_ward(path)
    with ward:
        record_march(ward, ids, device_export(path.parent))
    return ids

"""Punches from fingerprint and card clocks (ZKTeco, Ronald Jack…): what a device logged, kept verbatim.

Attendance per session is derived from punches, so the raw punches are the record; deriving again with
other hours or a corrected leave gives the same answer from the same punches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


def normalize_clock_id(text: str) -> str:
    """The person's number on the device as we compare it: spaces and leading zeros dropped
    ("  00012 " → "12"; "0000" → "0"). Letters are kept as typed, upper-cased."""
    cleaned = text.strip().upper()
    if cleaned.isdigit():
        return cleaned.lstrip("0") or "0"
    return cleaned


@dataclass(frozen=True, slots=True)
class Punch:
    """One punch as the clock logged it."""

    clock_id: str  # normalized with normalize_clock_id
    at: datetime  # local wall-clock time, as the device shows it (no time zone)
    device: str = ""  # serial number or name of the device, when the log says
    line: int = 0  # line (or row) of the file it came from, for messages

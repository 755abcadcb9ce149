"""Punches from fingerprint-clock logs, read the way the clerk has them: the USB download ``1_attlog.dat``,
lines an ADMS/iClock device pushed (saved from the server), or a CSV/XLSX report from Wise Eye or a similar
program whose columns the user maps once (``ColumnMapping``, stored per source by the caller).

Readers are pure: they return a ``ClockFile`` with every good punch and an ``InputProblem`` for each bad
line, so one smudged line does not stop a year of punches; the service decides what to do with problems. A
file that cannot be read at all (binary, unknown layout, missing columns) raises ``InputFileError``.
Column meanings after the time in attlog/ADMS lines differ between firmwares (peers.md §3), so they are
ignored: a punch is who and when, and attendance is derived from punches and the schedule.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from itertools import islice
from operator import attrgetter
from os import PathLike
from pathlib import Path

from ward_office.core.clock import Punch
from ward_office.core.errors import InputFileError, InputProblem
from ward_office.i18n import N_
from ward_office.importers.clock_lines import (
    device_from_name,
    is_punch_line,
    looks_like_adms,
    parse_adms,
    parse_attlog,
    read_adms,
    read_attlog,
)
from ward_office.importers.clock_mapping import DATE_ORDERS, ColumnMapping, guess_mapping
from ward_office.importers.clock_records import ADMS, ATTLOG, TABLE, ClockFile
from ward_office.importers.clock_tables import (
    HEADER_SEARCH_ROWS,
    find_header,
    read_table,
    table_from_rows,
    workbook_or_text,
)
from ward_office.importers.csv_files import split_csv


def read_clock_file(path: PathLike[str] | str, mapping: ColumnMapping | None = None) -> ClockFile:
    """Any clock file, the reader chosen from the content: XLSX, ADMS lines, attlog lines, or a CSV table.
    Without ``mapping`` a table's columns are guessed from usual header names."""
    path = Path(path)
    decoded = workbook_or_text(path, mapping)
    if isinstance(decoded, ClockFile):
        return decoded
    # The first lines that hold anything, however many blank ones come before them.
    lines = list(islice((line for line in decoded.text.splitlines() if line.strip()), HEADER_SEARCH_ROWS))
    if not lines:
        raise InputFileError(str(path), [InputProblem(1, "", N_("the file is empty"))])
    if looks_like_adms(lines):
        return parse_adms(decoded.text, str(path), decoded.encoding)
    punch_lines = [index for index, line in enumerate(lines) if is_punch_line(line)]
    # A tab-separated export with a header row looks like attlog below its header; the header decides.
    if punch_lines and len(punch_lines) * 2 >= len(lines) and not any(
            find_header(rows, mapping) for rows in split_csv("\n".join(lines[: punch_lines[0]]), str(path))):
        return parse_attlog(decoded.text, str(path), decoded.encoding, device_from_name(path.name))
    return table_from_rows(split_csv(decoded.text, str(path)), str(path), decoded.encoding, mapping)


# --- duplicates --------------------------------------------------------------------------------------------

def _clock_id_order(clock_id: str) -> tuple[int, int | str]:
    return (0, int(clock_id)) if clock_id.isdigit() else (1, clock_id)


def dedupe(punches: Iterable[Punch], window: timedelta = timedelta(minutes=3)) -> tuple[Punch, ...]:
    """Punches without repeats, ordered by clock id (numbers in numeric order) and time.

    A person who presses the finger twice, or the same punch read from two devices, files or imports, counts
    once: a punch within ``window`` (inclusive) of the last kept punch of the same person is dropped, so the
    first of a burst is kept. Exact duplicates go even with a zero window.
    """
    # Sorted one person at a time: a sort key per punch of a million-line file would hold another copy of it.
    orders: dict[str, tuple[int, int | str]] = {}
    by_person: dict[tuple[int, int | str], list[Punch]] = {}
    for punch in punches:
        order = orders.get(punch.clock_id)
        if order is None:
            order = orders[punch.clock_id] = _clock_id_order(punch.clock_id)
        by_person.setdefault(order, []).append(punch)
    kept: list[Punch] = []
    in_order = attrgetter("at", "device", "line")
    for person in sorted(by_person):
        last: Punch | None = None
        for punch in sorted(by_person[person], key=in_order):
            if last is not None and last.clock_id == punch.clock_id and punch.at - last.at <= window:
                continue
            kept.append(punch)
            last = punch
    return tuple(kept)


__all__ = ["ADMS", "ATTLOG", "DATE_ORDERS", "HEADER_SEARCH_ROWS", "TABLE", "ClockFile", "ColumnMapping", "dedupe",
           "guess_mapping", "read_adms", "read_attlog", "read_clock_file", "read_table"]

"""Reading a clock file: how it is laid out (a log, or a table whose columns the user maps), its header row
and first rows, and its punches read with a mapping saved in the book or chosen for this file."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ward_office.core.errors import ClockMappingError, InputFileError, InputProblem, NotFoundError
from ward_office.i18n import N_
from ward_office.i18n.text import fold
from ward_office.importers import clock_logs
from ward_office.importers.clock_logs import ColumnMapping, dedupe, read_clock_file
from ward_office.importers.csv_files import split_csv
from ward_office.importers.spreadsheets import cell_text, workbook_sheets
from ward_office.importers.text_files import decode_text, read_bytes
from ward_office.services.clock_import.summaries import ClockBatch
from ward_office.services.ward import Ward
from ward_office.storage import Store


@dataclass(frozen=True, slots=True)
class ClockFileLayout:
    """What a clock file looks like before its punches are read: a log whose lines say who and when
    (attlog, ADMS), or a table whose columns the user maps, with the header row found, the mapping guessed
    from usual header names, and the saved mapping whose columns the file has (the one used for this
    source last time)."""

    file: str
    format: str  # importers.clock_logs ATTLOG, ADMS or TABLE
    headers: tuple[str, ...] = ()
    guessed: ColumnMapping | None = None
    saved: tuple[ColumnMapping, ...] = ()  # every saved mapping, by name
    remembered: ColumnMapping | None = None
    sample: tuple[tuple[str, ...], ...] = ()  # the first rows under the header, as text

    @property
    def needs_mapping(self) -> bool:
        return bool(self.headers)


def inspect_clock_file(ward: Ward, file: Path) -> ClockFileLayout:
    """How ``file`` is laid out, for choosing its column mapping; a file that is no clock log and no table
    at all raises ``InputFileError``."""
    saved = []
    for name in ward.store.punches.mapping_names():
        try:
            saved.append(named(clock_logs.ColumnMapping.from_dict(ward.store.punches.get_mapping(name) or {}), name))
        except ClockMappingError:  # a mapping saved by a newer version: not offered
            continue
    refused: InputFileError | None = None
    try:
        clock_file = clock_logs.read_clock_file(Path(file))
    except InputFileError as error:
        refused = error
    else:
        if clock_file.format != clock_logs.TABLE:
            return ClockFileLayout(str(file), clock_file.format, saved=tuple(saved))
    headers, sample = _header_row(Path(file), saved)
    if not headers:
        raise refused or InputFileError(str(file), [InputProblem(0, "", N_(
            "no header row found; the first rows of the table must name its columns"))])
    folded = {fold(header) for header in headers}
    remembered = next((mapping for mapping in saved
                       if all(fold(header) in folded for header in mapping.headers())), None)
    return ClockFileLayout(str(file), clock_logs.TABLE, headers, clock_logs.guess_mapping(headers), tuple(saved),
                           remembered, sample)


SAMPLE_ROWS = 5


def _header_row(file: Path, saved: Sequence[ColumnMapping]) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The header row of a CSV or XLSX table: a row a saved mapping or the usual header names fit, else the
    row with the most text cells among the first rows of the first table; and the first rows below it."""
    data = read_bytes(file)
    # The reader's own walk over sheets and separators, so the row found is the one it will read.
    if data.startswith(b"PK\x03\x04"):
        tables: Iterable[Sequence[tuple[int, Sequence[object]]]] = workbook_sheets(file, data)
    else:
        tables = split_csv(decode_text(data, str(file)).text, str(file))
    def text_cells(values: Sequence[object]) -> tuple[str, ...]:
        cells = tuple(cell_text(value) for value in values)
        while cells and not cells[-1]:
            cells = cells[:-1]
        return cells

    def below(rows: Sequence[tuple[int, Sequence[object]]], position: int) -> tuple[tuple[str, ...], ...]:
        found = (text_cells(values) for _line, values in rows[position + 1:])
        return tuple(cells for cells in found if cells)[:SAMPLE_ROWS]

    best: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] = ((), ())
    for number, rows in enumerate(tables):
        for position, (_line, values) in enumerate(rows[: clock_logs.HEADER_SEARCH_ROWS]):
            cells = text_cells(values)
            folded = {fold(cell) for cell in cells if cell}
            if clock_logs.guess_mapping(cells) is not None or any(
                    all(fold(header) in folded for header in mapping.headers()) for mapping in saved):
                return cells, below(rows, position)
            texts = [cell for cell in cells if any(char.isalpha() for char in cell)]
            if number == 0 and len(texts) >= 2 and len(texts) > sum(1 for cell in best[0] if cell):
                best = cells, below(rows, position)
    return best


def clock_mapping_names(ward: Ward) -> list[str]:
    return ward.store.punches.mapping_names()


def named(mapping: ColumnMapping, name: str) -> ColumnMapping:
    """``mapping`` under the name ``name`` (trimmed)."""
    return mapping if mapping.name == name.strip() else dataclasses.replace(mapping, name=name.strip())


def chosen_mapping(store: Store, mapping_name: str | None = None, mapping: ColumnMapping | None = None,
                   ) -> ColumnMapping | None:
    """The mapping a file is read with: ``mapping`` if given, else the one saved as ``mapping_name``, if any."""
    if mapping is None and mapping_name:
        body = store.punches.get_mapping(mapping_name)
        if body is None:
            raise NotFoundError(N_("No column mapping is called “{name}”"), name=mapping_name)
        mapping = ColumnMapping.from_dict(body)
    return mapping


def read_batch(store: Store, file: Path, mapping_name: str | None = None, *,
               mapping: ColumnMapping | None = None) -> ClockBatch:
    """Read a clock file with the parsers of ``importers.clock_logs``; repeated punches are dropped."""
    mapping = chosen_mapping(store, mapping_name, mapping)
    clock_file = read_clock_file(Path(file), mapping)
    punches = tuple(dedupe(clock_file.punches))
    return ClockBatch(str(file), punches, tuple(clock_file.problems), clock_file.encoding,
                      tuple(clock_file.devices), len(clock_file.punches))

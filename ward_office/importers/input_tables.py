"""Rows of a staff list or an events file, from CSV or XLSX alike: the file's content, not its name, says which."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from ward_office.core.errors import InputFileError, InputProblem
from ward_office.i18n import N_
from ward_office.importers.csv_files import (
    XLS_MAGIC,
    XLSX_MAGIC,
    CsvRow,
    SkippedRow,
    csv_tables,
    decode_text,
    read_bytes,
    rows_from_tables,
)
from ward_office.importers.spreadsheets import sheet_tables


def read_tables(path: Path) -> Iterator[Iterable[tuple[int, list[str]]]]:
    """The file's tables, each a run of (line, cell texts): the worksheets of a workbook, or the text of a CSV
    file read with each plausible separator; told apart by content, not by name."""
    data = read_bytes(path)
    if data.startswith(XLSX_MAGIC):
        return sheet_tables(path, data)
    if data.startswith(XLS_MAGIC):
        raise InputFileError(str(path), [InputProblem(1, "", N_(
            "this is an old Excel 97-2003 (.xls) file; open it in Excel and save it as .xlsx"))])
    return csv_tables(path, decode_text(path, data))


def read_rows(path: Path, aliases: Mapping[str, tuple[str, ...]], required: tuple[str, ...],
              skipped: list[SkippedRow] | None = None) -> Iterator[CsvRow]:
    """Yield rows keyed by canonical field names from a CSV or XLSX file (told apart by content, not by
    name); ``aliases`` maps each field to accepted headers. Rows with nothing in the recognised columns
    but something elsewhere (a running number, a footnote) are appended to ``skipped``."""
    return rows_from_tables(path, read_tables(path), aliases, required, skipped)

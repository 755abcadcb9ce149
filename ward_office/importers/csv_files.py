"""CSV files as offices make them: UTF-8 with or without a BOM, comma or semicolon separated, headers
in Vietnamese or English, Vietnamese dates (dd/mm/yyyy) or ISO dates."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ward_office.core.errors import InputFileError, InputProblem
from ward_office.i18n import N_
from ward_office.i18n.text import fold


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # 1-based line number in the file, header included
    values: Mapping[str, str]  # canonical field name -> stripped, NFC text


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputFileError(str(path), [InputProblem(0, "", N_("cannot read the file: {error}"),
                                                      {"error": error.strerror or str(error)})]) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputFileError(str(path), [InputProblem(line, "", N_(
            "the file is not UTF-8 text; save it from Excel as “CSV UTF-8”"))]) from error
    if "\x00" in text:
        raise InputFileError(str(path), [InputProblem(1, "", N_("the file is not a text (CSV) file"))])
    return unicodedata.normalize("NFC", text)


def read_rows(path: Path, aliases: Mapping[str, tuple[str, ...]], required: tuple[str, ...]) -> Iterator[CsvRow]:
    """Yield rows keyed by canonical field names; ``aliases`` maps each field to accepted headers."""
    text = read_text(path)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InputFileError(str(path), [InputProblem(1, "", N_("the file is empty"))])
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader)
    lookup = {fold(alias): field for field, names in aliases.items() for alias in (field, *names)}
    columns: dict[int, str] = {}
    for index, name in enumerate(header):
        field = lookup.get(fold(name))
        if field is not None and field not in columns.values():
            columns[index] = field
    missing = [field for field in required if field not in columns.values()]
    if missing:
        raise InputFileError(str(path), [
            InputProblem(1, field, N_("this column is missing from the header")) for field in missing
        ])
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        yield CsvRow(line, {field: values[index].strip() if index < len(values) else ""
                            for index, field in columns.items()})


def parse_day(text: str) -> date:
    """ISO 2026-05-14 or Vietnamese 14/05/2026 (also 14-05-2026, 14.05.2026)."""
    cleaned = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise ValueError(cleaned)


BAD_DATE = N_("“{value}” is not a date; write 14/05/2026 or 2026-05-14")

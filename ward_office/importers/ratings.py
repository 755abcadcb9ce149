"""Satisfaction ratings from a counter device's or the public service portal's export (CSV or XLSX), read through
a ``RatingMapping``: one ``RatingLine`` per rating, with the person as the file names them (matched to the staff
list by the service), and a problem naming the line and the column for each row that cannot be read.

The reader is pure: a smudged row does not stop a month of ratings; the service decides what to do with
problems. A file without the mapped columns raises ``InputFileError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from ward_office.core.citizens import RatingLevel
from ward_office.core.errors import InputProblem
from ward_office.i18n import N_
from ward_office.importers.clock_cells import to_date, to_datetime, to_times
from ward_office.importers.clock_records import BAD_DATE, BAD_DATETIME, BAD_TIME, excerpt
from ward_office.importers.csv_files import Problems
from ward_office.importers.input_tables import read_rows
from ward_office.importers.ratings_mapping import TEMPLATE, RatingMapping

NO_LEVEL = N_("the rating is missing")
BAD_LEVEL = N_("“{value}” is not a rating the column mapping knows; write Rất hài lòng, Hài lòng or Không hài "
               "lòng, or add the word to the column mapping")
NO_PERSON = N_("the person is missing")
NO_DATE = N_("the date is missing")


@dataclass(frozen=True, slots=True)
class RatingLine:
    """One rating as the file gives it; ``person`` is the staff code, clock id or name written (or, for an export
    naming only the counter, the staff code the mapping gives the counter)."""

    line: int
    person: str
    at: datetime
    level: RatingLevel
    counter: str = ""
    dossier: str = ""


@dataclass(frozen=True, slots=True)
class RatingFile:
    file: str
    lines: tuple[RatingLine, ...]
    problems: tuple[InputProblem, ...] = ()
    problem_count: int = 0  # every problem found; ``problems`` lists the first ones


def read_ratings(path: Path | str, mapping: RatingMapping | None = None) -> RatingFile:
    """Every rating of the file, read through ``mapping`` (the template's columns when None)."""
    mapping = mapping or TEMPLATE
    path = Path(path)
    lines: list[RatingLine] = []
    problems = Problems()
    for row in read_rows(path, {header: () for header in mapping.headers()}, mapping.headers()):
        try:
            lines.append(_line(row.line, row.values, mapping))
        except _BadCellError as bad:
            problems.add(InputProblem(row.line, bad.header, bad.message, {"value": excerpt(bad.value)}))
    return RatingFile(str(path), tuple(lines), tuple(problems.listed), problems.total)


class _BadCellError(Exception):
    def __init__(self, header: str, message: str, value: str) -> None:
        super().__init__(message)
        self.header, self.message, self.value = header, message, value


def _line(number: int, cells: Mapping[str, str], mapping: RatingMapping) -> RatingLine:
    def cell(header: str) -> str:
        return cells.get(header, "").strip() if header else ""

    counter, dossier = cell(mapping.counter), cell(mapping.dossier)
    person = cell(mapping.staff) or (mapping.counter_staff(counter) if counter else "")
    if not person:
        raise _BadCellError(mapping.staff or mapping.counter, NO_PERSON, counter)
    text = cell(mapping.level)
    if not text:
        raise _BadCellError(mapping.level, NO_LEVEL, text)
    level = mapping.level_of(text)
    if level is None:
        raise _BadCellError(mapping.level, BAD_LEVEL, text)
    return RatingLine(number, person, _when(cells, mapping), level, counter, dossier)


def _when(cells: Mapping[str, str], mapping: RatingMapping) -> datetime:
    if mapping.datetime:
        value = cells.get(mapping.datetime, "").strip()
        if not value:
            raise _BadCellError(mapping.datetime, NO_DATE, value)
        try:
            return to_datetime(value, mapping.date_order)
        except (ValueError, OverflowError):
            pass
        try:  # a portal export may give the day alone
            return datetime.combine(to_date(value, mapping.date_order), time())
        except (ValueError, OverflowError):
            raise _BadCellError(mapping.datetime, BAD_DATETIME, value) from None
    value = cells.get(mapping.date, "").strip()
    if not value:
        raise _BadCellError(mapping.date, NO_DATE, value)
    try:
        day = to_date(value, mapping.date_order)
    except (ValueError, OverflowError):
        raise _BadCellError(mapping.date, BAD_DATE, value) from None
    moment = cells.get(mapping.time, "").strip() if mapping.time else ""
    if not moment:
        return datetime.combine(day, time())
    try:
        return datetime.combine(day, to_times(moment)[0])
    except (ValueError, OverflowError):
        raise _BadCellError(mapping.time, BAD_TIME, moment) from None

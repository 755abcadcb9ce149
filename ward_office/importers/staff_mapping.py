"""Which columns of a ward's own staff sheet hold what (``StaffMapping``), for the columns the usual Vietnamese
names do not say; chosen once by the clerk and remembered by name, like a clock report's ``ColumnMapping``.

A sheet's layout (``staff_layout``) is its header row, what the usual names recognise in it and the first rows
under it, so the wizard can show the clerk what is left to map."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from ward_office.core.errors import ClockMappingError, InputFileError, InputProblem
from ward_office.i18n import N_
from ward_office.importers.csv_files import HEADER_SEARCH_ROWS, header_key
from ward_office.importers.input_tables import read_tables

KIND = "staff"  # kept in the same table as the clock's mappings, told apart by this
REQUIRED = ("full_name", "position", "department")
# Each required field's refusal names it as the clerk knows it, in the language it is shown in.
_MISSING = {
    "full_name": N_("The column mapping “{name}” names no column for the full name"),
    "position": N_("The column mapping “{name}” names no column for the position"),
    "department": N_("The column mapping “{name}” names no column for the department"),
}
FIELDS = ("full_name", "position", "department", "code", "gender", "clock_id", "badge_number", "category",
          "active_from", "active_to")  # the order the mapping step offers them in


@dataclass(frozen=True, slots=True)
class StaffMapping:
    """``columns``: (field, header as the sheet writes it) for each field the clerk chose; headers compared
    without accents or case."""

    name: str
    columns: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        chosen = dict(self.columns)
        for field in REQUIRED:
            if not chosen.get(field, "").strip():
                raise ClockMappingError(_MISSING[field], name=self.name)

    def headers(self) -> tuple[str, ...]:
        return tuple(header for _field, header in self.columns if header)

    def fits(self, headers: Iterable[str]) -> bool:
        """Whether a header row has every column this mapping names."""
        present = {header_key(header) for header in headers}
        return all(header_key(header) in present for header in self.headers())

    def aliases(self, usual: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """``usual`` with the mapped fields read from their chosen column only, and no other field from it."""
        taken = {header_key(header) for header in self.headers()}
        chosen = dict(self.columns)
        result = {field: tuple(name for name in names if header_key(name) not in taken)
                  for field, names in usual.items() if field not in chosen}
        for field, header in self.columns:  # last, so a chosen column wins over a usual name
            result[field] = (header,)
        return result

    def to_dict(self) -> dict[str, Any]:
        return {"kind": KIND, "name": self.name, "columns": dict(self.columns)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StaffMapping:
        columns = data.get("columns")
        name = data.get("name")
        if data.get("kind") != KIND or not isinstance(columns, dict) or not all(
                isinstance(key, str) and key in FIELDS and isinstance(value, str) for key, value in columns.items()):
            raise ClockMappingError(
                N_("The column mapping “{name}” was saved in a form this version cannot read (field “{field}”)"),
                name=name if isinstance(name, str) else "", field="columns")
        return cls(name if isinstance(name, str) else "", tuple(columns.items()))


@dataclass(frozen=True, slots=True)
class StaffLayout:
    """The header row of a staff sheet, what the usual names found in it (field → header) and the first rows."""

    line: int
    headers: tuple[str, ...]
    recognised: tuple[tuple[str, str], ...]
    sample: tuple[tuple[str, ...], ...]

    @property
    def missing(self) -> tuple[str, ...]:
        found = dict(self.recognised)
        return tuple(field for field in REQUIRED if field not in found)


SAMPLE_ROWS = 5


def recognised_columns(cells: Sequence[str], aliases: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """field → header, for the header cells a usual name (or ``aliases``) recognises; the first column wins."""
    lookup = {header_key(alias): field for field, names in aliases.items() for alias in (field, *names)}
    found: dict[str, str] = {}
    for cell in cells:
        field = lookup.get(header_key(cell)) if cell else None
        if field is not None and field not in found:
            found[field] = cell
    return found


def staff_layout(path: Path, aliases: Mapping[str, tuple[str, ...]],
                 saved: Sequence[StaffMapping] = ()) -> StaffLayout:
    """The header row: the first a saved mapping fits or that names every required field, else the row among the
    first ones where the usual names recognise most (at least one), else the row with most text cells."""
    best: tuple[int, int, StaffLayout] | None = None
    for number, table in enumerate(read_tables(path)):
        head = list(islice(iter(table), HEADER_SEARCH_ROWS + SAMPLE_ROWS))
        for position, (line, cells) in enumerate(head[:HEADER_SEARCH_ROWS]):
            trimmed = list(cells)
            while trimmed and not trimmed[-1]:
                trimmed.pop()
            found = recognised_columns(trimmed, aliases)
            sample = tuple(tuple(row) for _line, row in head[position + 1:position + 1 + SAMPLE_ROWS])
            layout = StaffLayout(line, tuple(trimmed), tuple(found.items()), sample)
            if not layout.missing or any(mapping.fits(trimmed) for mapping in saved):
                return layout
            texts = sum(1 for cell in trimmed if any(char.isalpha() for char in cell))
            score = (len(found), texts)
            if number == 0 and texts >= 2 and (best is None or score > best[:2]):
                best = (*score, layout)
        if number == 0 and best is not None:
            break
    if best is None:
        raise InputFileError(str(path), [InputProblem(1, "", N_(
            "no header row found; the first rows of the table must name its columns"))])
    return best[2]


def remembered(saved: Sequence[StaffMapping], headers: Sequence[str]) -> StaffMapping | None:
    """The saved mapping for a sheet with these headers: the one naming most of them among those that fit."""
    fitting = [mapping for mapping in saved if mapping.fits(headers)]
    return max(fitting, key=lambda mapping: len(mapping.headers()), default=None)

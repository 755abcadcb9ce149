"""Bringing a rating device's or the portal's export in: a preview says what the import would add (ratings new
or already stored, people the file names that the staff list lacks, with their lines); the import then adds
the new ratings in one transaction, all or nothing, and re-importing the same file adds nothing.

A row that cannot be read (no date, a rating word the mapping does not know) refuses the whole file, each such
row named with its line and column; a rating of a person the staff list lacks is listed, not stored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path

from ward_office.core.access import Permission
from ward_office.core.citizens import Rating
from ward_office.core.errors import ClockMappingError, InputFileError, InputProblem, NotFoundError
from ward_office.core.staff import Staff, StaffId
from ward_office.i18n import N_
from ward_office.i18n.text import fold
from ward_office.importers.input_tables import read_tables
from ward_office.importers.ratings import RatingFile, RatingLine, read_ratings
from ward_office.importers.ratings_mapping import KIND, TEMPLATE, RatingMapping
from ward_office.paths import resources_dir
from ward_office.services.imports import backup_before_import, check_may_import
from ward_office.services.ward import Ward
from ward_office.storage.citizens import rating_key


@dataclass(frozen=True, slots=True)
class UnknownRater:
    """A person the file names (staff code, clock id, name, or a counter) that the staff list lacks."""

    person: str
    lines: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class RatingPreview:
    file: str
    read: int  # ratings read from the file
    new: tuple[Rating, ...]  # of people on the staff list, not stored yet
    already: int  # of people on the staff list, stored already
    unknown: tuple[UnknownRater, ...]  # not imported: nobody on the staff list matches
    first_day: date | None = None
    last_day: date | None = None


@dataclass(frozen=True, slots=True)
class RatingImportSummary:
    preview: RatingPreview
    added: int
    dry_run: bool = False


@dataclass(frozen=True, slots=True)
class RatingFileLayout:
    """A rating export before it is read, for the mapping step: its header row and first rows, the saved rating
    mappings, the one whose columns the file has (used for this source last time), and whether the template's
    own columns are all there (then no mapping is needed)."""

    file: str
    headers: tuple[str, ...]
    sample: tuple[tuple[str, ...], ...] = ()
    saved: tuple[RatingMapping, ...] = ()
    remembered: RatingMapping | None = None
    template: bool = False

    @property
    def needs_mapping(self) -> bool:
        return not self.template


SAMPLE_ROWS = 5
HEADER_SEARCH_ROWS = 10


def rating_template_path() -> Path:
    """The blank Excel list of ratings offered for download, whose columns are read without a mapping."""
    return resources_dir() / "templates" / "danh-gia-hai-long.xlsx"


def saved_rating_mappings(ward: Ward) -> list[RatingMapping]:
    """Every rating mapping saved in the book, by name; one saved by a newer version is left out."""
    saved = []
    for name in rating_mapping_names(ward):
        try:
            saved.append(rating_mapping(ward, name))
        except (ClockMappingError, NotFoundError):
            continue
    return saved


def inspect_rating_file(ward: Ward, file: Path) -> RatingFileLayout:
    """How a rating export is laid out: the header row (the first row a saved mapping or the template fits,
    else the row with the most text cells among the first rows of the first table) and the rows below it. A file
    with no header row raises ``InputFileError``."""
    saved = saved_rating_mappings(ward)
    candidates = [TEMPLATE, *saved]
    best: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] = ((), ())
    for number, table in enumerate(read_tables(Path(file))):
        read = (_cells(cells) for _line, cells in islice(table, HEADER_SEARCH_ROWS + SAMPLE_ROWS + 20))
        rows = [cells for cells in read if cells]
        for position, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
            below = tuple(rows[position + 1:position + 1 + SAMPLE_ROWS])
            if any(_fits(mapping, cells) for mapping in candidates):
                return _layout(file, cells, below, saved)
            texts = [cell for cell in cells if any(char.isalpha() for char in cell)]
            if number == 0 and len(texts) >= 2 and len(texts) > sum(1 for cell in best[0] if cell):
                best = cells, below
    if not best[0]:
        raise InputFileError(str(file), [InputProblem(0, "", N_(
            "no header row found; the first rows of the table must name its columns"))])
    return _layout(file, *best, saved)


def _cells(values: Sequence[str]) -> tuple[str, ...]:
    cells = tuple(str(value).strip() for value in values)
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _fits(mapping: RatingMapping, headers: Sequence[str]) -> bool:
    folded = {fold(header) for header in headers if header}
    return all(fold(header) in folded for header in mapping.headers())


def _layout(file: Path, headers: tuple[str, ...], sample: tuple[tuple[str, ...], ...],
            saved: Sequence[RatingMapping]) -> RatingFileLayout:
    remembered = next((mapping for mapping in saved if _fits(mapping, headers)), None)
    return RatingFileLayout(str(file), headers, sample, tuple(saved), remembered,
                            remembered is None and _fits(TEMPLATE, headers))


def rating_mapping_names(ward: Ward) -> list[str]:
    """The names of the rating column mappings saved in the book."""
    return ward.store.punches.mapping_names(KIND)


def rating_mapping(ward: Ward, name: str) -> RatingMapping:
    body = ward.store.punches.get_mapping(name)
    if body is None or body.get("kind") != KIND:
        raise NotFoundError(N_("No column mapping of ratings is called “{name}”"), name=name)
    return RatingMapping.from_dict(body)


def save_rating_mapping(ward: Ward, name: str, mapping: RatingMapping) -> None:
    """Remember a rating column mapping under ``name``; the signed-in account must be allowed to record."""
    if not name.strip():
        raise ClockMappingError(N_("The column mapping needs a name"))
    ward.check_writable()
    ward.require(Permission.RECORD, signed_in=True)
    ward.store.punches.save_mapping(name.strip(), _named(mapping, name).to_dict(), ward.actor)


def preview_rating_import(ward: Ward, file: Path, mapping_name: str | None = None, *,
                          mapping: RatingMapping | None = None) -> RatingPreview:
    """What importing ``file`` would add; writes nothing. ``mapping`` (one not saved yet) wins over
    ``mapping_name``; neither reads the template's columns. A row that cannot be read raises ``InputFileError``."""
    if mapping is None and mapping_name:
        mapping = rating_mapping(ward, mapping_name)
    read = read_ratings(file, mapping)
    if read.problem_count:
        raise InputFileError(read.file, list(read.problems), total=read.problem_count)
    return _preview(ward, read)


def import_ratings(ward: Ward, file: Path, mapping_name: str | None = None, *, mapping: RatingMapping | None = None,
                   save_mapping_as: str = "", dry_run: bool = False) -> RatingImportSummary:
    """Add the file's new ratings, all or nothing; with ``save_mapping_as`` the mapping it was read with is
    remembered under that name in the same transaction. The signed-in account must be allowed to record."""
    if not dry_run:
        check_may_import(ward)
    preview = preview_rating_import(ward, file, mapping_name, mapping=mapping)
    if dry_run:
        return RatingImportSummary(preview, 0, dry_run=True)
    if save_mapping_as.strip() and mapping is None:
        raise ClockMappingError(N_("Only a column mapping chosen for this file can be saved"))
    if not preview.new and not save_mapping_as.strip():
        return RatingImportSummary(preview, 0)
    backup_before_import(ward)
    store = ward.store
    with store.atomic():
        added = store.citizens.add_ratings(preview.new, Path(file).name, ward.actor)
        if mapping is not None and save_mapping_as.strip():
            store.punches.save_mapping(save_mapping_as.strip(), _named(mapping, save_mapping_as).to_dict(), ward.actor)
    return RatingImportSummary(preview, added)


def _named(mapping: RatingMapping, name: str) -> RatingMapping:
    return mapping if mapping.name == name.strip() else dataclasses.replace(mapping, name=name.strip())


def _preview(ward: Ward, read: RatingFile) -> RatingPreview:
    find = _matcher(ward.store.staff.list())
    matched: list[Rating] = []
    unknown: dict[str, list[int]] = {}
    for line in read.lines:
        staff_id = find(line.person)
        if staff_id is None:
            unknown.setdefault(line.person, []).append(line.line)
            continue
        matched.append(_rating(staff_id, line, read.file))
    if not matched:
        return RatingPreview(read.file, len(read.lines), (), 0, _unknown(unknown))
    first, last = min(rating.day for rating in matched), max(rating.day for rating in matched)
    stored = ward.store.citizens.stored_rating_keys(first, last)
    new: dict[tuple[int, str, str, str, str], Rating] = {}
    for rating in matched:
        key = rating_key(rating)
        if key not in stored:
            new.setdefault(key, rating)  # the same rating twice in one file counts once
    return RatingPreview(read.file, len(read.lines), tuple(new.values()), len(matched) - len(new),
                         _unknown(unknown), first, last)


def _rating(staff_id: StaffId, line: RatingLine, file: str) -> Rating:
    return Rating(staff_id, line.at, line.level, line.counter, line.dossier, Path(file).name)


def _unknown(found: dict[str, list[int]]) -> tuple[UnknownRater, ...]:
    return tuple(UnknownRater(person, tuple(lines)) for person, lines in sorted(found.items()))


def _matcher(staff: Sequence[Staff]) -> Callable[[str], StaffId | None]:
    """Who a file's person is: a staff code, then a clock id, then a full name (without accents or case) that
    only one person has."""
    codes = {fold(person.code): person.id for person in staff if person.code}
    clock_ids = {fold(person.clock_id): person.id for person in staff if person.clock_id}
    names: dict[str, list[StaffId | None]] = {}
    for person in staff:
        names.setdefault(fold(person.full_name), []).append(person.id)

    def find(text: str) -> StaffId | None:
        key = fold(text)
        if key in codes:
            return codes[key]
        if key in clock_ids:
            return clock_ids[key]
        found = names.get(key, [])
        return found[0] if len(found) == 1 else None

    return find

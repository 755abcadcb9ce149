"""Entered scores (task results, duties) typed in Excel, or gathered from the departments in CSV: one row per
person, one column per entered item of the plan, the person's self-assessment (tự chấm) optionally beside it.

The file is read whole before anything is entered, and every problem is collected with its line and column, so
the head corrects the file once. An empty cell leaves the score as it is: a file never clears one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path

from ward_office.core.entered_scores import EnteredItem, EnteredScore, ScoreEntry
from ward_office.core.errors import InputProblem
from ward_office.core.staff import Staff, StaffId
from ward_office.core.text_rules import code_key
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_number
from ward_office.i18n.text import fold
from ward_office.importers.csv_files import CsvRow, HeaderRow, Problems, SkippedRow, data_rows, find_header, header_key
from ward_office.importers.input_tables import read_tables
from ward_office.importers.staff import STAFF_COLUMNS

PERSON_COLUMNS = {"code": STAFF_COLUMNS["code"], "full_name": STAFF_COLUMNS["full_name"]}
# Columns a list made in Excel often carries beside the scores; they are read by nobody.
IGNORED_HEADERS = frozenset(
    header_key(text)
    for field, aliases in STAFF_COLUMNS.items() if field not in PERSON_COLUMNS for text in aliases
) | frozenset(header_key(text) for text in (
    "stt", "tt", "số tt", "số thứ tự", "no", "no.", "ghi chú", "note", "tổng", "tổng điểm", "tổng cộng", "cộng",
    "total",
))
# Longest first, so "cá nhân tự chấm" is taken whole.
SELF_MARKERS = ("ca nhan tu cham", "self-assessment", "self assessment", "tu danh gia", "tu cham", "self")
_NUMBER = re.compile(r"\+?\d+(?:[.,]\d+)?|\+?[.,]\d+")
OUT_OF_RANGE = N_("{value} is not between 0 and {maximum} (the maximum of {code})")
NOT_A_NUMBER = N_("“{value}” is not a number; write points such as 35 or 37,5")


@dataclass(frozen=True, slots=True)
class ScoreColumn:
    """A column of the file that holds points of one entered item."""

    index: int
    item: EnteredItem
    own: bool  # the person's self-assessment, not the points the head gives
    label: str  # how a problem names the column

    @property
    def field(self) -> str:
        return f"{'self' if self.own else 'points'}:{self.item.code}"


@dataclass(frozen=True, slots=True)
class ScoreFile:
    """What a file asks to enter: one entry per filled cell (or pair of cells) of a person and an item."""

    entries: tuple[ScoreEntry, ...]
    rows: int  # people's rows read
    left_empty: int  # a person's items with no cell filled: their scores stay as they are
    origins: tuple[tuple[int, str], ...] = ()  # each entry's line and column, to name them should it be refused


def read_entered_scores(
    path: Path,
    *,
    month: date,
    items: Sequence[EnteredItem],
    people: Sequence[Staff],
    staff: Sequence[Staff],
    scores: Mapping[tuple[StaffId, str], EnteredScore],
    skipped: list[SkippedRow] | None = None,
) -> ScoreFile:
    """The entries a file asks for in ``month``: ``items`` are those the plan lets the head enter, ``people``
    those active that month, ``staff`` everyone (to tell a stranger from someone not working that month),
    ``scores`` what is entered already (a cell left empty keeps it). Any problem refuses the whole file
    (``InputFileError``), listing every one found."""
    problems = Problems()
    header = find_header(path, read_tables(path), PERSON_COLUMNS, ("code",))
    columns = score_columns(header, items, month, problems)
    fields = {**header.columns, **{column.index: column.field for column in columns}}
    finder = _PersonFinder(people, staff, month)
    entries: list[ScoreEntry] = []
    origins: list[tuple[int, str]] = []
    seen: dict[StaffId, int] = {}
    rows = left_empty = 0
    for row in data_rows(header.rows, fields, skipped):
        rows += 1
        person = finder.find(row, problems)
        staff_id = person.id if person is not None else None
        if person is not None and staff_id is not None:
            if staff_id in seen:
                problems.add(InputProblem(row.line, "code", N_("{name} is already on line {other}"),
                                          {"name": person.full_name, "other": seen[staff_id]}))
                person = None
            else:
                seen[staff_id] = row.line
        for item in items:
            entry = _entry(row, item, columns, person, scores, problems)
            if entry is None:
                left_empty += not any(row.values.get(column.field) for column in columns if column.item == item)
            elif not problems:  # once the file is refused, its good rows are not kept
                entries.append(entry)
                origins.append((row.line, item.code))
    problems.refuse(path)
    return ScoreFile(tuple(entries), rows, left_empty, tuple(origins))


def score_columns(header: HeaderRow, items: Sequence[EnteredItem], month: date,
                  problems: Problems) -> list[ScoreColumn]:
    """The header's columns of points and of self-assessment; a column naming no entered item of the month's plan,
    or naming one a second time, is a problem at the header's line."""
    codes = ", ".join(item.code for item in items)
    columns: list[ScoreColumn] = []
    taken: dict[tuple[str, bool], str] = {}
    for index, text in enumerate(header.cells):
        label = " ".join(text.split())
        if index in header.columns or not label or header_key(label) in IGNORED_HEADERS:
            continue
        item, own = _item_named(label, items)
        if item is None:
            problems.add(InputProblem(header.line, label, N_(
                "the emulation plan for {month} has no entered item “{header}”; its entered items are {codes}"),
                {"month": f"{month.month}/{month.year}", "header": label, "codes": codes}))
            continue
        column = ScoreColumn(index, item, own, label if own else item.code)
        if (item.code, own) in taken:
            problems.add(InputProblem(header.line, label, N_("this column repeats the column “{other}”"),
                                      {"other": taken[item.code, own]}))
            continue
        taken[item.code, own] = label
        columns.append(column)
    if not columns and not problems:
        problems.add(InputProblem(header.line, "", N_(
            "no column holds an entered item of the plan for {month}; its entered items are {codes}"),
            {"month": f"{month.month}/{month.year}", "codes": codes}))
    return columns


def _item_named(label: str, items: Sequence[EnteredItem]) -> tuple[EnteredItem | None, bool]:
    """The item a header names — by its code first ("NV1", "NV1 – Khối lượng (tối đa 40)") or by its name —
    and whether it is the self-assessment column ("Tự chấm NV1", "NV1 (tự chấm)")."""
    folded = fold(label)
    own = any(marker in folded for marker in SELF_MARKERS)
    for marker in SELF_MARKERS:
        folded = folded.replace(marker, " ")
    folded = " ".join(re.sub(r"[()\[\]:*]", " ", folded).split())
    by_code = sorted(items, key=lambda item: -len(item.code))  # NV10 before NV1
    for item in by_code:
        code = fold(item.code)
        if folded == code or (folded.startswith(code) and not folded[len(code)].isalnum()):
            return item, own
    for item in items:
        if folded.startswith(fold(item.name)):
            return item, own
    return None, own


class _PersonFinder:
    """Who a row is about: by code (case aside), else by a name only one person active that month bears; a
    name beside a code must be that person's, so a mistyped code is caught."""

    def __init__(self, people: Sequence[Staff], staff: Sequence[Staff], month: date) -> None:
        self.active = {person.id for person in people}
        self.by_code = {code_key(person.code): person for person in staff}
        self.by_name: dict[str, list[Staff]] = {}
        for person in people:
            self.by_name.setdefault(fold(person.full_name), []).append(person)
        self.month = f"{month.month}/{month.year}"

    def find(self, row: CsvRow, problems: Problems) -> Staff | None:
        code, name = row.values.get("code", ""), " ".join(row.values.get("full_name", "").split())
        if not code:
            return self._by_name(row.line, name, problems)
        person = self.by_code.get(code_key(code))
        if person is None:
            problems.add(InputProblem(row.line, "code", N_("no staff member has the code “{code}”"), {"code": code}))
            return None
        if name and fold(name) != fold(person.full_name):
            problems.add(InputProblem(row.line, "full_name", N_("the code “{code}” is {name}'s, not “{written}”'s"),
                                      {"code": code, "name": person.full_name, "written": name}))
            return None
        if person.id not in self.active:
            problems.add(InputProblem(row.line, "code", N_("{name} was not working here in {month}"),
                                      {"name": person.full_name, "month": self.month}))
            return None
        return person

    def _by_name(self, line: int, name: str, problems: Problems) -> Staff | None:
        if not name:
            problems.add(InputProblem(line, "code", N_("this value is required")))
            return None
        found = self.by_name.get(fold(name), [])
        if len(found) == 1:
            return found[0]
        if found:
            problems.add(InputProblem(line, "full_name", N_("{count} people are named “{name}”; write their code"),
                                      {"count": len(found), "name": name}))
        else:
            problems.add(InputProblem(line, "full_name", N_("nobody working here in {month} is named “{name}”"),
                                      {"month": self.month, "name": name}))
        return None


def _entry(row: CsvRow, item: EnteredItem, columns: Sequence[ScoreColumn], person: Staff | None,
           scores: Mapping[tuple[StaffId, str], EnteredScore], problems: Problems) -> ScoreEntry | None:
    """The entry the row's cells of ``item`` ask for: None when they are empty (the score stays) or wrong."""
    points: Fraction | None = None
    own: Fraction | None = None
    given = wrong = False
    for column in columns:
        text = row.values.get(column.field, "") if column.item == item else ""
        if not text:
            continue
        given = True
        value = _points(row.line, column, text, problems)
        wrong = wrong or value is None
        if column.own:
            own = value
        else:
            points = value
    if wrong or not given or person is None or person.id is None:
        return None
    current = scores.get((person.id, item.code))
    if points is None:  # only the self-assessment is given: the points entered stay
        if current is None:
            problems.add(InputProblem(row.line, item.code, N_(
                "the self-assessment of {code} is given but not the points; write both"), {"code": item.code}))
            return None
        points = current.points
    if own is None and current is not None:
        own = current.self_points
    return ScoreEntry(person.id, item.code, points, own, current.note if current is not None else "")


def parse_points(text: str) -> Fraction | None:
    """35, 37,5 (Vietnamese), 37.5 (what Excel writes for a number cell) as an exact number; None for
    anything else. A minus sign is read, so "-5" is told to be below zero rather than not a number."""
    cleaned = "".join(text.split())
    negative = cleaned.startswith(("-", "−"))
    if negative:
        cleaned = cleaned[1:]
    if not _NUMBER.fullmatch(cleaned):
        return None
    value = Fraction(cleaned.lstrip("+").replace(",", "."))
    return -value if negative else value


def _points(line: int, column: ScoreColumn, text: str, problems: Problems) -> Fraction | None:
    value = parse_points(text)
    if value is None:
        problems.add(InputProblem(line, column.label, NOT_A_NUMBER, {"value": text}))
        return None
    if not 0 <= value <= column.item.maximum:
        problems.add(InputProblem(line, column.label, OUT_OF_RANGE, {
            "value": text, "maximum": format_number(column.item.maximum), "code": column.item.code}))
        return None
    return value

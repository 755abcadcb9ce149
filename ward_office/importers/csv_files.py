"""Tables as offices make them: CSV saved from Excel (UTF-8 with or without a BOM, UTF-16, Windows-1258;
comma, semicolon or tab separated) or the Excel workbook itself, headers in Vietnamese or English somewhere in
the first rows under the merged title lines of an official list, Vietnamese dates (dd/mm/yyyy) or ISO dates."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from pathlib import Path

from ward_office.core.errors import InputFileError, InputProblem
from ward_office.core.text_rules import FieldError
from ward_office.i18n import N_
from ward_office.i18n.text import fold
from ward_office.importers.text_files import decode_text as decode_any_text

HEADER_SEARCH_ROWS = 15  # the header may sit under this many title, address and blank rows
XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx is a zip archive
XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the Excel 97-2003 binary format (and other OLE files)
NO_DATA = N_("no data in the imported columns")


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # 1-based line (CSV) or row (Excel) number in the file, title rows and header included
    values: Mapping[str, str]  # canonical field name -> stripped, NFC text


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row left out of an import on purpose, e.g. one that only carries a running number (STT)."""

    line: int
    reason: str  # an English msgid, translated where shown


def cannot_read(path: Path, error: OSError) -> InputFileError:
    return InputFileError(str(path), [InputProblem(0, "", N_("cannot read the file: {error}"),
                                                   {"error": error.strerror or str(error)})])


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise cannot_read(path, error) from error


def decode_text(path: Path, data: bytes) -> str:
    """The text of a CSV file in NFC, whatever the encoding Excel or an old machine saved it in."""
    return decode_any_text(data, str(path)).text


def read_text(path: Path) -> str:
    return decode_text(path, read_bytes(path))


Table = list[tuple[int, list[str]]]  # (1-based line number, cell texts), blank rows left out; CSV tables are
# iterators of the same rows


def split_csv(text: str, file: str) -> Iterator[list[tuple[int, list[str]]]]:
    """The text read as a comma-, semicolon- and tab-separated table in turn, the likeliest separator
    first; each row with the line it starts on, blank rows kept."""
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    for delimiter in sorted((",", ";", "\t"), key=lambda candidate: -head.count(candidate)):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[tuple[int, list[str]]] = []
        start = 1
        try:
            for values in reader:
                rows.append((start, values))
                start = reader.line_num + 1
        except csv.Error as error:
            raise InputFileError(file, [InputProblem(start, "", N_(
                "the file is not a valid CSV table: {error}"), {"error": str(error)})]) from error
        yield rows


def csv_tables(path: Path, text: str) -> Iterator[Iterable[tuple[int, list[str]]]]:
    """The text read with each plausible separator, the likeliest first, blank rows left out; each table is
    read lazily, row by row, so a huge file is never held as rows (nor as a copy of its text)."""
    if not text.strip():
        raise InputFileError(str(path), [InputProblem(1, "", N_("the file is empty"))])
    if "\n" not in text:  # an old Mac file ends its lines with CR alone
        text = text.replace("\r", "\n")
    head = "".join(islice(_lines(text), HEADER_SEARCH_ROWS))
    for delimiter in sorted((",", ";", "\t"), key=lambda candidate: -head.count(candidate)):
        yield _csv_rows(text, delimiter, str(path))


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, as a file would give them, without splitting it all at once."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end + 1]
        start = end + 1


def _csv_rows(text: str, delimiter: str, file: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(_lines(text), delimiter=delimiter)
    start = 1
    try:
        for values in reader:
            stripped = [value.strip() for value in values]
            if any(stripped):
                yield start, stripped
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputFileError(file, [InputProblem(start, "", N_(
            "the file is not a valid CSV table: {error}"), {"error": str(error)})]) from error


_NOTE_IN_HEADER = re.compile(r"\([^)]*\)|\[[^\]]*\]|[*:]")


def header_key(text: str) -> str:
    """ "Họ và tên (*)", "MÃ CHẤM\\nCÔNG", "Chức vụ / chức danh" → the folded name an alias is compared with."""
    text = _NOTE_IN_HEADER.sub(" ", text)
    return fold(re.sub(r"\s*/\s*", "/", text))


@dataclass(frozen=True, slots=True)
class HeaderRow:
    """The header found in a table: where it is, what it says, which of its columns are known fields, and the
    rows below it, read as they are asked for."""

    line: int
    cells: list[str]  # the header's texts as written
    columns: dict[int, str]  # column index -> canonical field, for the columns an alias names
    rows: Iterator[tuple[int, list[str]]]


def find_header(path: Path, tables: Iterable[Iterable[tuple[int, list[str]]]],
                aliases: Mapping[str, tuple[str, ...]], required: tuple[str, ...]) -> HeaderRow:
    """The first row, in the first rows of the first table that has one, that names every ``required`` field;
    none refuses the file, naming the missing columns on the likeliest header line."""
    lookup = {header_key(alias): field for field, names in aliases.items() for alias in (field, *names)}
    best: tuple[int, int, list[str]] | None = None  # (fields found, line, missing fields)
    for table in tables:
        rows = iter(table)
        head = list(islice(rows, HEADER_SEARCH_ROWS))
        for position, (line, cells) in enumerate(head):
            columns: dict[int, str] = {}
            for index, name in enumerate(cells):
                field = lookup.get(header_key(name))
                if field is not None and field not in columns.values():
                    columns[index] = field
            missing = [field for field in required if field not in columns.values()]
            if not missing:
                return HeaderRow(line, cells, columns, chain(head[position + 1:], rows))
            if best is None or len(columns) > best[0]:
                best = (len(columns), line, missing)
    if best is None:
        raise InputFileError(str(path), [InputProblem(1, "", N_("the file is empty"))])
    found, line, missing = best
    raise InputFileError(str(path), [
        InputProblem(line if found else 1, field, N_("this column is missing from the header")) for field in missing
    ])


def rows_from_tables(path: Path, tables: Iterable[Iterable[tuple[int, list[str]]]],
                     aliases: Mapping[str, tuple[str, ...]], required: tuple[str, ...],
                     skipped: list[SkippedRow] | None = None) -> Iterator[CsvRow]:
    """Find the header in the first rows of the first table that has one, then yield the rows below it, one by
    one as they are read."""
    header = find_header(path, tables, aliases, required)
    return data_rows(header.rows, header.columns, skipped)


def data_rows(table: Iterable[tuple[int, list[str]]], columns: Mapping[int, str],
              skipped: list[SkippedRow] | None) -> Iterator[CsvRow]:
    """The rows keyed by field; a row with nothing in ``columns`` goes to ``skipped``."""
    for line, cells in table:
        values = {field: cells[index] if index < len(cells) else "" for index, field in columns.items()}
        if not any(values.values()):
            if skipped is not None:
                skipped.append(SkippedRow(line, NO_DATA))
            continue
        yield CsvRow(line, values)


MAX_LISTED_PROBLEMS = 100  # a file of a million bad rows names the first hundred and counts the rest


class Problems:
    """The problems found in a file as it is read: the first ``MAX_LISTED_PROBLEMS`` kept to show, all counted."""

    def __init__(self) -> None:
        self.listed: list[InputProblem] = []
        self.total = 0

    def add(self, problem: InputProblem) -> None:
        self.total += 1
        if len(self.listed) < MAX_LISTED_PROBLEMS:
            self.listed.append(problem)

    def extend(self, problems: Iterable[InputProblem]) -> None:
        for problem in problems:
            self.add(problem)

    def __bool__(self) -> bool:
        return self.total > 0

    def refuse(self, file: Path | str) -> None:
        """Raise the file's InputFileError when anything was found."""
        if self.total:
            raise InputFileError(str(file), self.listed, total=self.total)


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?")
_VIETNAMESE_DAY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")


def parse_day(text: str, field: str = "date") -> date:
    """ISO 2026-05-14 or Vietnamese 14/05/2026 (also 14-05-2026, 14.05.2026); a time after an ISO date is
    ignored. Matched with one pattern each rather than strptime, which a file of a million rows waits on.
    Anything else, or no such day, raises ``FieldError`` naming ``field``."""
    cleaned = text.strip()
    try:
        iso = _ISO_DAY.fullmatch(cleaned)
        if iso is not None:
            hour, minute, second = (int(part) if part else 0 for part in iso.groups()[3:])
            if hour <= 23 and minute <= 59 and second <= 61:
                return date(int(iso[1]), int(iso[2]), int(iso[3]))
        vietnamese = _VIETNAMESE_DAY.fullmatch(cleaned)
        if vietnamese is not None:
            return date(int(vietnamese[4]), int(vietnamese[3]), int(vietnamese[1]))
    except ValueError:  # date() refuses a day that does not exist: 30/02/2026
        pass
    raise FieldError(field, BAD_DATE, value=text)


# The fields importers name in their messages, so a message says "cột “Họ và tên”", not "full_name".
FIELD_NAMES = (
    N_("code"), N_("full_name"), N_("gender"), N_("position"), N_("category"), N_("department"),
    N_("badge_number"), N_("clock_id"), N_("active_from"), N_("active_to"), N_("date"), N_("staff_code"),
    N_("criterion"), N_("note"), N_("value"), N_("text"), N_("time"),
)

BAD_DATE = N_("“{value}” is not a date; write 14/05/2026 or 2026-05-14")

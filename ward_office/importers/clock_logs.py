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

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from operator import attrgetter
from os import PathLike
from pathlib import Path
from typing import Any

from ward_office.core.clock import Punch, normalize_clock_id
from ward_office.core.errors import InputFileError, InputProblem
from ward_office.i18n import N_
from ward_office.i18n.text import fold
from ward_office.importers.csv_files import split_csv
from ward_office.importers.spreadsheets import cell_text, workbook_sheets
from ward_office.importers.text_files import DecodedText, decode_text, read_bytes

ATTLOG, ADMS, TABLE = "attlog", "adms", "table"
DATE_ORDERS = ("dmy", "mdy")  # how to read 05/06/2026; a four-digit year first (2026-06-05) is always y-m-d
HEADER_SEARCH_ROWS = 50  # the header may sit below title rows; look this far down for it
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc)

_ID = r"[0-9A-Za-z][0-9A-Za-z._-]{0,31}"
_STAMP = r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?"
# "   12<TAB>2026-05-14 07:58:11<TAB>1<TAB>0…": spaces instead of the tab are tolerated.
_PUNCH_LINE = re.compile(rf"\s*({_ID})\s+({_STAMP})(?:\s|$)")
_ADMS_PREFIX = re.compile(r"\s*ATTLOG\b[\s:]*", re.IGNORECASE)
_REQUEST_LINE = re.compile(r"\s*(?:GET|POST|PUT)\s+\S+", re.IGNORECASE)
_STATUS_LINE = re.compile(r"\s*HTTP/\d", re.IGNORECASE)
_HEADER_LINE = re.compile(r"\s*[A-Za-z][A-Za-z0-9-]*:\s")
_SERIAL = re.compile(r"(?:^|[?&\s;])SN=([0-9A-Za-z._-]+)", re.IGNORECASE)
_TABLE_NAME = re.compile(r"[?&]table=([A-Za-z_]+)", re.IGNORECASE)
_ID_CELL = re.compile(_ID)
_ATTLOG_FILE = re.compile(r"(.+?)_attlog\.(?:dat|txt)$", re.IGNORECASE)

NOT_A_RECORD = N_("this line is not a clock record: “{text}”; expected the clock id, a tab and a time "
                  "like 2026-05-14 07:58:11")
BAD_STAMP = N_("“{value}” is not a date and time like 2026-05-14 07:58:11")
BAD_ID = N_("“{value}” is not a clock id")
NO_ID = N_("the clock id is missing")
NO_TIME = N_("the time is missing")
BAD_DATETIME = N_("“{value}” is not a date and time; write 14/05/2026 07:58 or 2026-05-14 07:58:11")
BAD_DATE = N_("“{value}” is not a date; write 14/05/2026 or 2026-05-14")
BAD_TIME = N_("“{value}” is not a time; write 07:58 or 07:58:11")
# The time column of attlog/ADMS lines has no header; this names it in problems.
TIME_FIELD = N_("time")


@dataclass(frozen=True, slots=True)
class ClockFile:
    """What one clock file holds: the punches in file order, plus each line that could not be read."""

    file: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1258", or "xlsx"
    format: str  # ATTLOG, ADMS or TABLE
    punches: tuple[Punch, ...] = ()
    problems: tuple[InputProblem, ...] = ()
    devices: tuple[str, ...] = ()  # every device named in the file, sorted

    def error(self) -> InputFileError:
        """The problems as the error a service raises when it refuses the file."""
        return InputFileError(self.file, list(self.problems))


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which columns of a CSV/XLSX export hold what, by header text (compared without accents or case).

    Either ``datetime`` names one column holding "14/05/2026 07:58", or ``date`` names the date column and
    ``times`` one or more time columns (a Wise Eye "Vào 1 / Ra 1 / Vào 2 / Ra 2" report has several; a cell
    may also hold several times, "07:58 11:31").
    """

    name: str
    clock_id: str
    datetime: str = ""
    date: str = ""
    times: tuple[str, ...] = ()
    device: str = ""
    date_order: str = "dmy"

    def __post_init__(self) -> None:
        if not self.clock_id.strip():
            raise ValueError("a mapping needs the clock id column")
        if not self.datetime.strip() and not (self.date.strip() and self.times):
            raise ValueError("a mapping needs a date-and-time column, or a date column and time columns")
        if self.date_order not in DATE_ORDERS:
            raise ValueError(f"date_order must be one of {DATE_ORDERS}")

    def headers(self) -> tuple[str, ...]:
        """Every header the file must have."""
        names = (self.clock_id, self.datetime, self.date, *self.times, self.device)
        return tuple(name for name in names if name)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "clock_id": self.clock_id, "datetime": self.datetime, "date": self.date,
                "times": list(self.times), "device": self.device, "date_order": self.date_order}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ColumnMapping:
        def text(key: str) -> str:
            value = data.get(key, "")
            if not isinstance(value, str):
                raise ValueError(f"{key} must be text")
            return value

        times = data.get("times", ())
        if isinstance(times, str) or not all(isinstance(item, str) for item in times):
            raise ValueError("times must be a list of header names")
        return cls(name=text("name"), clock_id=text("clock_id"), datetime=text("datetime"), date=text("date"),
                   times=tuple(times), device=text("device"), date_order=text("date_order") or "dmy")


# Headers seen in Vietnamese and English exports (Wise Eye, ZKTime.Net, BioTime), compared folded.
_ID_HEADERS = ("mã chấm công", "mã cc", "mã nv", "mã nhân viên", "mã cán bộ", "mã số", "mã", "số chấm công",
               "user id", "userid", "enroll number", "enrollnumber", "userenrollnumber", "ac-no.", "ac-no",
               "ac no", "pin", "emp code", "emp_code", "employee id", "badgenumber", "id")
_DATETIME_HEADERS = ("thời gian", "ngày giờ", "thời gian chấm công", "giờ chấm công", "ngày giờ chấm công",
                     "date time", "date/time", "datetime", "checktime", "check time", "punch time",
                     "punch_time", "timestamp", "time")
_DATE_HEADERS = ("ngày", "ngày chấm công", "ngày công", "date", "timedate")
_TIME_HEADER = re.compile(r"(?:gio|time|check)?\s*(?:vao|ra|in|out|cham cong)?\s*(?:\d|sang|chieu)?")
_DEVICE_HEADERS = ("máy", "máy chấm công", "mã máy", "tên máy", "số máy", "thiết bị", "device", "machine",
                   "machineno", "machine no", "terminal", "terminal_sn", "sn", "serial")


def guess_mapping(headers: Sequence[object]) -> ColumnMapping | None:
    """A mapping for a header row with usual Vietnamese or English names, or None when it has no clock id
    column or no time."""
    cells = [cell_text(header) for header in headers]
    folded = [fold(cell) for cell in cells]

    def first(names: Iterable[str], exclude: Iterable[int] = ()) -> int | None:
        for name in names:
            key = fold(name)
            for index, value in enumerate(folded):
                if value == key and index not in exclude:
                    return index
        return None

    clock_id = first(_ID_HEADERS)
    if clock_id is None:
        return None
    device = first(_DEVICE_HEADERS, exclude=(clock_id,))
    taken = {clock_id} | ({device} if device is not None else set())
    day = first(_DATE_HEADERS, exclude=taken)
    if day is not None:
        times = tuple(cells[index] for index, value in enumerate(folded)
                      if index not in taken and index != day and value and _TIME_HEADER.fullmatch(value))
        if times:
            return ColumnMapping(name="", clock_id=cells[clock_id], date=cells[day], times=times,
                                 device=cells[device] if device is not None else "")
    stamp = first(_DATETIME_HEADERS, exclude=taken)
    if stamp is None:
        return None
    return ColumnMapping(name="", clock_id=cells[clock_id], datetime=cells[stamp],
                         device=cells[device] if device is not None else "")


# --- attlog and ADMS lines ---------------------------------------------------------------------------------

def read_attlog(path: PathLike[str] | str) -> ClockFile:
    """A ZKTeco USB download; the device is the file name's prefix (``3_attlog.dat`` → "3"), if any."""
    path = Path(path)
    decoded = decode_text(read_bytes(path), str(path))
    return _parse_attlog(decoded.text, str(path), decoded.encoding, _device_from_name(path.name))


def read_adms(path_or_text: PathLike[str] | str | bytes, *, name: str = "") -> ClockFile:
    """Lines pushed by an ADMS/iClock device, as saved from the server: a path (``Path``), the raw bytes, or
    the text itself (``str``). A request line or header with ``SN=…`` names the device of the lines after it."""
    if isinstance(path_or_text, PathLike):
        path = Path(path_or_text)
        decoded = decode_text(read_bytes(path), str(path))
        return _parse_adms(decoded.text, str(path), decoded.encoding)
    if isinstance(path_or_text, bytes):
        decoded = decode_text(path_or_text, name)
        return _parse_adms(decoded.text, name, decoded.encoding)
    return _parse_adms(path_or_text, name, "")


def _device_from_name(file_name: str) -> str:
    match = _ATTLOG_FILE.fullmatch(file_name)
    return normalize_clock_id(match.group(1)) if match else ""


def _parse_punch_line(text: str, number: int, device: str, punches: list[Punch],
                      problems: list[InputProblem]) -> None:
    match = _PUNCH_LINE.match(text)
    if match is not None:
        try:
            at = datetime.fromisoformat(match.group(2))
        except ValueError:
            problems.append(InputProblem(number, TIME_FIELD, BAD_STAMP, {"value": match.group(2)}))
            return
        punches.append(Punch(normalize_clock_id(match.group(1)), at, device, number))
        return
    fields = text.strip().split("\t")
    if len(fields) >= 2 and re.fullmatch(_ID, fields[0].strip()):
        problems.append(InputProblem(number, TIME_FIELD, BAD_STAMP, {"value": _excerpt(fields[1])}))
    else:
        problems.append(InputProblem(number, "", NOT_A_RECORD, {"text": _excerpt(text)}))


def _lines(text: str, piece: int = 1 << 20) -> Iterator[str]:
    """``text.splitlines()`` a piece at a time (each piece cut just after a line feed): a year of punches is a
    million lines, and a list of them all would hold the file a second time."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + piece)
        end = len(text) if cut < 0 else cut + 1
        yield from text[start:end].splitlines()
        start = end


def _parse_attlog(text: str, file: str, encoding: str, device: str) -> ClockFile:
    punches: list[Punch] = []
    problems: list[InputProblem] = []
    match_line = _PUNCH_LINE.match
    from_iso = datetime.fromisoformat
    clock_ids: dict[str, str] = {}  # as written → normalized: a ward has a few hundred ids, a year a million lines
    # The loop is the whole cost of a year of punches; the common line takes the short path.
    for number, line in enumerate(_lines(text), start=1):
        match = match_line(line)
        if match is not None:
            written, stamp = match.group(1, 2)
            try:
                at = from_iso(stamp)
            except ValueError:
                pass
            else:
                clock_id = clock_ids.get(written)
                if clock_id is None:
                    clock_id = clock_ids[written] = normalize_clock_id(written)
                punches.append(Punch(clock_id, at, device, number))
                continue
        elif not line.strip():
            continue
        _parse_punch_line(line, number, device, punches, problems)
    return _clock_file(file, encoding, ATTLOG, punches, problems)


def _parse_adms(text: str, file: str, encoding: str) -> ClockFile:
    punches: list[Punch] = []
    problems: list[InputProblem] = []
    device = ""
    table = "ATTLOG"
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if _REQUEST_LINE.match(line) or _STATUS_LINE.match(line) or _HEADER_LINE.match(line):
            serial = _SERIAL.search(line)
            if serial is not None:
                device = serial.group(1)
            named = _TABLE_NAME.search(line)
            if named is not None:
                table = named.group(1).upper()
            continue
        if table != "ATTLOG":  # OPERLOG, ATTPHOTO… bodies are not punches
            continue
        prefix = _ADMS_PREFIX.match(line)
        body = line[prefix.end():] if prefix else line
        if "=" in body:
            pairs = _key_values(body)
            if "SN" in pairs and not ({"PIN", "TIME"} & pairs.keys()):
                device = pairs["SN"]
                continue
            if "PIN" in pairs or "TIME" in pairs:
                _parse_key_values(pairs, number, device, punches, problems)
                continue
        _parse_punch_line(body, number, device, punches, problems)
    return _clock_file(file, encoding, ADMS, punches, problems)


def _key_values(body: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for part in re.split(r"\t|&|(?<=\S)\s+(?=[A-Za-z]+=)", body.strip()):
        key, sep, value = part.partition("=")
        if sep:
            pairs[key.strip().upper()] = value.strip()
    return pairs


def _parse_key_values(pairs: Mapping[str, str], number: int, device: str, punches: list[Punch],
                      problems: list[InputProblem]) -> None:
    pin, stamp = pairs.get("PIN", ""), pairs.get("TIME", "")
    if not re.fullmatch(_ID, pin):
        problems.append(InputProblem(number, "PIN", BAD_ID if pin else NO_ID, {"value": _excerpt(pin)}))
        return
    try:
        if not re.fullmatch(_STAMP, stamp):
            raise ValueError(stamp)
        at = datetime.fromisoformat(stamp)
    except ValueError:
        problems.append(InputProblem(number, "TIME", BAD_STAMP, {"value": _excerpt(stamp)}))
        return
    punches.append(Punch(normalize_clock_id(pin), at, pairs.get("SN", device), number))


def _excerpt(text: str, limit: int = 60) -> str:
    cleaned = " ".join(text.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def _clock_file(file: str, encoding: str, kind: str, punches: list[Punch],
                problems: list[InputProblem]) -> ClockFile:
    devices = tuple(sorted({punch.device for punch in punches if punch.device}))
    return ClockFile(file, encoding, kind, tuple(punches), tuple(problems), devices)


# --- CSV and XLSX exports ----------------------------------------------------------------------------------

Row = tuple[int, Sequence[object]]  # (line or Excel row number, cells)


def read_table(path: PathLike[str] | str, mapping: ColumnMapping) -> ClockFile:
    """A CSV (comma, semicolon or tab) or XLSX export read through ``mapping``."""
    path = Path(path)
    opened = _workbook_or_text(path, mapping)
    if isinstance(opened, ClockFile):
        return opened
    return _table_from_rows(split_csv(opened.text, str(path)), str(path), opened.encoding, mapping)


def read_clock_file(path: PathLike[str] | str, mapping: ColumnMapping | None = None) -> ClockFile:
    """Any clock file, the reader chosen from the content: XLSX, ADMS lines, attlog lines, or a CSV table.
    Without ``mapping`` a table's columns are guessed from usual header names."""
    path = Path(path)
    decoded = _workbook_or_text(path, mapping)
    if isinstance(decoded, ClockFile):
        return decoded
    lines = [line for line in decoded.text.splitlines()[:200] if line.strip()][:HEADER_SEARCH_ROWS]
    if not lines:
        raise InputFileError(str(path), [InputProblem(1, "", N_("the file is empty"))])
    if any(_REQUEST_LINE.match(line) or _ADMS_PREFIX.match(line) or _SERIAL.search(line)
           or re.search(r"\bPIN=", line, re.IGNORECASE) for line in lines):
        return _parse_adms(decoded.text, str(path), decoded.encoding)
    punch_lines = [index for index, line in enumerate(lines) if _PUNCH_LINE.match(line)]
    # A tab-separated export with a header row looks like attlog below its header; the header decides.
    if punch_lines and len(punch_lines) * 2 >= len(lines) and not any(
            _find_header(rows, mapping) for rows in split_csv("\n".join(lines[: punch_lines[0]]), str(path))):
        return _parse_attlog(decoded.text, str(path), decoded.encoding, _device_from_name(path.name))
    return _table_from_rows(split_csv(decoded.text, str(path)), str(path), decoded.encoding, mapping)


def _workbook_or_text(path: Path, mapping: ColumnMapping | None) -> ClockFile | DecodedText:
    """An .xlsx read as a table through ``mapping``; an old .xls refused; anything else decoded as text."""
    data = read_bytes(path)
    if data.startswith(_ZIP_MAGIC):
        return _table_from_rows(workbook_sheets(path, data), str(path), "xlsx", mapping)
    if data.startswith(_OLE_MAGIC):
        raise _old_excel(path)
    return decode_text(data, str(path))


def _old_excel(path: Path) -> InputFileError:
    return InputFileError(str(path), [InputProblem(0, "", N_(
        "this is an old Excel file (.xls); open it in Excel and save it as .xlsx or CSV"))])


def _find_header(rows: list[Row], mapping: ColumnMapping | None) -> tuple[int, ColumnMapping, dict[str, int]] | None:
    for position, (_number, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        chosen = mapping or guess_mapping(values)
        if chosen is None:
            continue
        folded = [fold(cell_text(value)) for value in values]
        columns: dict[str, int] = {}
        for header in chosen.headers():
            key = fold(header)
            if key in folded:
                columns[header] = folded.index(key)
        if len(columns) == len(set(chosen.headers())):
            return position, chosen, columns
    return None


def _table_from_rows(tables: Iterable[list[Row]], file: str, encoding: str,
                     mapping: ColumnMapping | None) -> ClockFile:
    seen_rows = False
    for rows in tables:
        seen_rows = seen_rows or any(any(cell_text(value) for value in values) for _n, values in rows)
        found = _find_header(rows, mapping)
        if found is not None:
            position, chosen, columns = found
            return _parse_table(rows[position + 1:], file, encoding, chosen, columns)
    if not seen_rows:
        raise InputFileError(file, [InputProblem(1, "", N_("the file is empty"))])
    if mapping is None:
        raise InputFileError(file, [InputProblem(0, "", N_(
            "this is not a clock log the program knows; choose which columns hold the clock id and the time"))])
    problems = [InputProblem(1, header, N_("no column “{header}” in the first {rows} rows"),
                                    {"header": header, "rows": HEADER_SEARCH_ROWS}) for header in mapping.headers()]
    raise InputFileError(file, problems)


def _parse_table(rows: list[Row], file: str, encoding: str, mapping: ColumnMapping,
                 columns: Mapping[str, int]) -> ClockFile:
    punches: list[Punch] = []
    problems: list[InputProblem] = []

    def cell(values: Sequence[object], header: str) -> object:
        index = columns.get(header)
        return values[index] if index is not None and index < len(values) else None

    for number, values in rows:
        when_cells = [cell(values, header) for header in (mapping.datetime, mapping.date, *mapping.times) if header]
        raw_id = cell_text(cell(values, mapping.clock_id))
        looks_like_id = _ID_CELL.fullmatch(raw_id) is not None
        if all(_blank(value) for value in when_cells) and (mapping.date or not looks_like_id):
            continue  # blank lines, days without punches, totals and signatures below the table
        if not raw_id:
            problems.append(InputProblem(number, mapping.clock_id, NO_ID))
            continue
        if not looks_like_id:
            problems.append(InputProblem(number, mapping.clock_id, BAD_ID, {"value": _excerpt(raw_id)}))
            continue
        clock_id = normalize_clock_id(raw_id)
        device = cell_text(cell(values, mapping.device)) if mapping.device else ""
        try:
            stamps = _row_stamps(values, mapping, cell)
        except _BadCellError as bad:
            problems.append(InputProblem(number, bad.header, bad.message, {"value": _excerpt(cell_text(bad.value))}))
            continue
        punches.extend(Punch(clock_id, at, device, number) for at in stamps)
    return _clock_file(file, encoding, TABLE, punches, problems)


class _BadCellError(Exception):
    def __init__(self, header: str, message: str, value: object) -> None:
        super().__init__(message)
        self.header, self.message, self.value = header, message, value


def _row_stamps(values: Sequence[object], mapping: ColumnMapping, cell: Any) -> list[datetime]:
    if mapping.datetime:
        value = cell(values, mapping.datetime)
        if _blank(value):
            raise _BadCellError(mapping.datetime, NO_TIME, value)
        try:
            return [_to_datetime(value, mapping.date_order)]
        except (ValueError, OverflowError):
            raise _BadCellError(mapping.datetime, BAD_DATETIME, value) from None
    day_value = cell(values, mapping.date)
    if _blank(day_value):
        raise _BadCellError(mapping.date, BAD_DATE, day_value)
    try:
        day = _to_date(day_value, mapping.date_order)
    except (ValueError, OverflowError):
        raise _BadCellError(mapping.date, BAD_DATE, day_value) from None
    stamps = []
    for header in mapping.times:
        value = cell(values, header)
        if _blank(value):
            continue
        try:
            stamps.extend(datetime.combine(day, moment) for moment in _to_times(value))
        except (ValueError, OverflowError):
            raise _BadCellError(header, BAD_TIME, value) from None
    return stamps


# --- cell values -------------------------------------------------------------------------------------------

_DATE = r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})"
_TIME = r"(\d{1,2})[:hH](\d{2})(?::(\d{2}))?(?:[.,]\d+)?(?:\s*([AaPp][Mm]|SA|CH|sa|ch))?"
_DATE_ONLY = re.compile(rf"\s*{_DATE}\s*")
_DATETIME = re.compile(rf"\s*{_DATE}(?:\s+|T){_TIME}\s*")
_TIMES = re.compile(_TIME)
_EXCEL_EPOCH = datetime(1899, 12, 30)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _round_second(moment: datetime) -> datetime:
    # Excel stores times as fractions of a day; 07:58:11 may come back as 07:58:10.999999.
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)


def _time_of_day(seconds: float) -> time:
    whole = min(round(seconds), 86399)  # 23:59:59.7 stays on its day
    return time(whole // 3600, whole // 60 % 60, whole % 60)


def _from_serial(value: float) -> datetime:
    if not 1 <= value < 2958466:  # Excel's own range, years 1900 to 9999
        raise ValueError(value)
    return _round_second(_EXCEL_EPOCH + timedelta(days=value))


def _make_date(first: str, second: str, third: str, order: str) -> date:
    if len(first) == 4:
        year, month, day = first, second, third
    elif order == "mdy":
        month, day, year = first, second, third
    else:
        day, month, year = first, second, third
    if len(year) == 2:
        year = "20" + year
    elif len(year) != 4:
        raise ValueError(year)
    return date(int(year), int(month), int(day))


def _make_time(hour: str, minute: str, second: str | None, half: str | None) -> time:
    hours = int(hour)
    if half:
        if not 1 <= hours <= 12:
            raise ValueError(hour)
        afternoon = half.upper() in ("PM", "CH")
        hours = hours % 12 + (12 if afternoon else 0)
    return time(hours, int(minute), int(second or 0))


def _to_datetime(value: object, order: str) -> datetime:
    if isinstance(value, datetime):
        return _round_second(value.replace(tzinfo=None))
    if isinstance(value, bool) or isinstance(value, date | time):
        raise ValueError(value)  # a date or a time alone is not a punch
    if isinstance(value, int | float):
        return _from_serial(float(value))
    match = _DATETIME.fullmatch(str(value))
    if match is None:
        raise ValueError(value)
    day = _make_date(*match.group(1, 2, 3), order)
    return datetime.combine(day, _make_time(*match.group(4, 5, 6, 7)))


def _to_date(value: object, order: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or isinstance(value, time):
        raise ValueError(value)
    if isinstance(value, int | float):
        return _from_serial(float(value)).date()
    text = str(value)
    match = _DATE_ONLY.fullmatch(text) or _DATETIME.fullmatch(text)
    if match is None:
        raise ValueError(value)
    return _make_date(*match.group(1, 2, 3), order)


def _to_times(value: object) -> list[time]:
    if isinstance(value, datetime | time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1_000_000
        return [_time_of_day(seconds)]
    if isinstance(value, bool) or isinstance(value, date):
        raise ValueError(value)
    if isinstance(value, int | float):
        if not 0 <= value < 1:
            raise ValueError(value)
        return [_time_of_day(value * 86400)]
    text = str(value)
    found = list(_TIMES.finditer(text))
    if not found or _TIMES.sub("", text).strip(" \t\r\n,;-/|"):
        raise ValueError(value)
    return [_make_time(*match.group(1, 2, 3, 4)) for match in found]


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


__all__ = ["ADMS", "ATTLOG", "TABLE", "ClockFile", "ColumnMapping", "dedupe", "guess_mapping", "read_adms",
           "read_attlog", "read_clock_file", "read_table"]

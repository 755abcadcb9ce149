"""Clock logs written as lines: the ZKTeco USB download ``1_attlog.dat``, and the lines an ADMS/iClock device
pushed (saved from the server). Columns after the time differ between firmwares (peers.md §3) and are ignored."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from os import PathLike
from pathlib import Path

from ward_office.core.clock import Punch, normalize_clock_id
from ward_office.core.errors import InputProblem
from ward_office.core.frozen import freeze, writable_twin
from ward_office.importers.clock_records import (
    ADMS,
    ATTLOG,
    BAD_ID,
    BAD_STAMP,
    CLOCK_ID,
    NO_ID,
    NOT_A_RECORD,
    TIME_FIELD,
    ClockFile,
    clock_file,
    excerpt,
)
from ward_office.importers.text_files import decode_text, read_bytes

_STAMP = r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?"
# "   12<TAB>2026-05-14 07:58:11<TAB>1<TAB>0…": spaces instead of the tab are tolerated.
_PUNCH_LINE = re.compile(rf"\s*({CLOCK_ID})\s+({_STAMP})(?:\s|$)")
_ADMS_PREFIX = re.compile(r"\s*ATTLOG\b[\s:]*", re.IGNORECASE)
_REQUEST_LINE = re.compile(r"\s*(?:GET|POST|PUT)\s+\S+", re.IGNORECASE)
_STATUS_LINE = re.compile(r"\s*HTTP/\d", re.IGNORECASE)
_HEADER_LINE = re.compile(r"\s*[A-Za-z][A-Za-z0-9-]*:\s")
_SERIAL = re.compile(r"(?:^|[?&\s;])SN=([0-9A-Za-z._-]+)", re.IGNORECASE)
_TABLE_NAME = re.compile(r"[?&]table=([A-Za-z_]+)", re.IGNORECASE)
_ATTLOG_FILE = re.compile(r"(.+?)_attlog\.(?:dat|txt)$", re.IGNORECASE)
_WritablePunch = writable_twin(Punch)


def read_attlog(path: PathLike[str] | str) -> ClockFile:
    """A ZKTeco USB download; the device is the file name's prefix (``3_attlog.dat`` → "3"), if any."""
    path = Path(path)
    decoded = decode_text(read_bytes(path), str(path))
    return parse_attlog(decoded.text, str(path), decoded.encoding, device_from_name(path.name))


def read_adms(path_or_text: PathLike[str] | str | bytes, *, name: str = "") -> ClockFile:
    """Lines pushed by an ADMS/iClock device, as saved from the server: a path (``Path``), the raw bytes, or
    the text itself (``str``). A request line or header with ``SN=…`` names the device of the lines after it."""
    if isinstance(path_or_text, PathLike):
        path = Path(path_or_text)
        decoded = decode_text(read_bytes(path), str(path))
        return parse_adms(decoded.text, str(path), decoded.encoding)
    if isinstance(path_or_text, bytes):
        decoded = decode_text(path_or_text, name)
        return parse_adms(decoded.text, name, decoded.encoding)
    return parse_adms(path_or_text, name, "")


def device_from_name(file_name: str) -> str:
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
    if len(fields) >= 2 and re.fullmatch(CLOCK_ID, fields[0].strip()):
        problems.append(InputProblem(number, TIME_FIELD, BAD_STAMP, {"value": excerpt(fields[1])}))
    else:
        problems.append(InputProblem(number, "", NOT_A_RECORD, {"text": excerpt(text)}))


def _lines(text: str, piece: int = 1 << 20) -> Iterator[str]:
    """``text.splitlines()`` a piece at a time (each piece cut just after a line feed): a year of punches is a
    million lines, and a list of them all would hold the file a second time."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + piece)
        end = len(text) if cut < 0 else cut + 1
        yield from text[start:end].splitlines()
        start = end


def parse_attlog(text: str, file: str, encoding: str, device: str) -> ClockFile:
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
                punch = _WritablePunch()  # a Punch without its __init__: half the cost, a million times
                punch.clock_id, punch.at, punch.device, punch.line = clock_id, at, device, number
                punches.append(freeze(punch, Punch))
                continue
        elif not line.strip():
            continue
        _parse_punch_line(line, number, device, punches, problems)
    return clock_file(file, encoding, ATTLOG, punches, problems)


def parse_adms(text: str, file: str, encoding: str) -> ClockFile:
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
    return clock_file(file, encoding, ADMS, punches, problems)


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
    if not re.fullmatch(CLOCK_ID, pin):
        problems.append(InputProblem(number, "PIN", BAD_ID if pin else NO_ID, {"value": excerpt(pin)}))
        return
    try:
        at = datetime.fromisoformat(stamp) if re.fullmatch(_STAMP, stamp) else None
    except ValueError:  # the shape of a date and time, but no such day: 2026-02-30
        at = None
    if at is None:
        problems.append(InputProblem(number, "TIME", BAD_STAMP, {"value": excerpt(stamp)}))
        return
    punches.append(Punch(normalize_clock_id(pin), at, pairs.get("SN", device), number))



def looks_like_adms(lines: list[str]) -> bool:
    """Whether the first lines of a text are ADMS lines: a request line, an ``ATTLOG`` prefix, ``SN=`` or ``PIN=``."""
    return any(_REQUEST_LINE.match(line) or _ADMS_PREFIX.match(line) or _SERIAL.search(line)
               or re.search(r"\bPIN=", line, re.IGNORECASE) for line in lines)


def is_punch_line(line: str) -> bool:
    return _PUNCH_LINE.match(line) is not None

"""Property tests: whatever bytes or rows a clock file holds, a reader returns a ClockFile or refuses the file
with InputFileError, never another exception; every line of an attlog (every row of a table with a time) is a
punch or a listed problem, never both, never dropped; the punches read, written again as attlog lines, read back
the same; and punches written in a valid layout come back unchanged."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ward_office.core.clock import Punch, normalize_clock_id
from ward_office.core.errors import InputFileError
from ward_office.importers.clock_logs import (
    ClockFile,
    ColumnMapping,
    dedupe,
    read_adms,
    read_attlog,
    read_clock_file,
    read_table,
)
from ward_office.importers.clock_records import CLOCK_ID
from ward_office.importers.spreadsheets import cell_text
from ward_office.importers.text_files import decode_text, encode_windows_1258

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MAPPING = ColumnMapping(name="fuzz", clock_id="Mã chấm công", datetime="Thời gian", device="Máy")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every example (hypothesis runs many examples per call of a test function)."""
    return tmp_path_factory.mktemp("clockfuzz")


def write(directory: Path, data: bytes, name: str) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


def read_or_refuse(reader, *args) -> ClockFile | None:
    try:
        result = reader(*args)
    except InputFileError as error:
        assert error.problems, "a refusal names at least one problem"
        error.localized()
        return None
    assert isinstance(result, ClockFile)
    for problem in result.problems:
        problem.localized()
    return result


def accounted_for(clock_file: ClockFile, text: str) -> None:
    """Every non-blank line of an attlog is one punch or one problem; a blank line is neither."""
    punched = [punch.line for punch in clock_file.punches]
    listed = [problem.line for problem in clock_file.problems]
    assert len(set(punched)) == len(punched) and len(set(listed)) == len(listed)
    filled = {number for number, line in enumerate(text.splitlines(), start=1) if line.strip()}
    assert set(punched) | set(listed) == filled
    assert not set(punched) & set(listed)


def reads_back(clock_file: ClockFile, directory: Path) -> None:
    """The punches read, written again as an attlog of device 9, read back as the same punches."""
    text = "".join(f"{punch.clock_id}\t{punch.at.isoformat(sep=' ')}\t1\n" for punch in clock_file.punches)
    again = read_attlog(write(directory, text.encode("utf-8"), "9_attlog.dat"))
    assert again.problems == ()
    assert [(punch.clock_id, punch.at) for punch in again.punches] == [
        (punch.clock_id, punch.at) for punch in clock_file.punches]
    assert {punch.device for punch in again.punches} <= {"9"}


PREFIXES = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"PK\x03\x04",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"12\t2026-05-14 07:58:11\n", b"GET /iclock/cdata?SN=A1 HTTP/1.1\n",
            "Mã chấm công,Thời gian\n".encode()]


@FUZZ
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=400), name=st.sampled_from(
    ["1_attlog.dat", "cham_cong.csv", "cham_cong.xlsx", "iclock.txt"]))
def test_random_bytes_are_read_or_refused(workdir: Path, prefix: bytes, data: bytes, name: str) -> None:
    path = write(workdir, prefix + data, name)
    for read in (read_or_refuse(read_clock_file, path), read_or_refuse(read_clock_file, path, MAPPING),
                 read_or_refuse(read_adms, path), read_or_refuse(read_table, path, MAPPING)):
        if read is not None:
            reads_back(read, workdir)
    attlog = read_or_refuse(read_attlog, path)
    if attlog is not None:
        accounted_for(attlog, decode_text(prefix + data, name).text)
        reads_back(attlog, workdir)


moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31, 23, 59, 59)).map(
    lambda moment: moment.replace(microsecond=0))
clock_ids = st.one_of(st.integers(min_value=0, max_value=99_999_999).map(str),
                      st.from_regex(r"[A-Z][A-Z0-9]{0,7}", fullmatch=True))
padding = st.sampled_from(["none", "spaces", "zeros"])
# Any character that may sit inside a text line (no line breaks, no control characters).
line_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40)


def attlog_line(clock_id: str, moment: datetime, pad: str) -> str:
    if pad == "spaces":
        clock_id = clock_id.rjust(9)
    elif pad == "zeros" and clock_id.isdigit():
        clock_id = clock_id.zfill(9)
    return f"{clock_id}\t{moment:%Y-%m-%d %H:%M:%S}\t1\t0\t1\t0"


@FUZZ
@given(records=st.lists(st.tuples(clock_ids, moments, padding), max_size=30),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258"]),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_valid_attlog_lines_round_trip(workdir: Path, records: list[tuple[str, datetime, str]], encoding: str,
                                       newline: str) -> None:
    text = newline.join(attlog_line(*record) for record in records) + newline
    path = write(workdir, encode_windows_1258(text) if encoding == "cp1258" else text.encode(encoding), "7_attlog.dat")
    clock_file = read_attlog(path)
    expected = tuple(Punch(clock_id.lstrip("0") or "0" if clock_id.isdigit() else clock_id, moment, "7", number)
                     for number, (clock_id, moment, _pad) in enumerate(records, start=1))
    assert clock_file.punches == expected
    assert clock_file.problems == ()
    if records:
        assert read_clock_file(path).punches == expected


@FUZZ
@given(lines=st.lists(st.one_of(st.tuples(clock_ids, moments, padding).map(lambda record: attlog_line(*record)),
                                line_text), max_size=30))
def test_mixed_attlog_lines_keep_every_good_line(workdir: Path, lines: list[str]) -> None:
    path = write(workdir, "\r\n".join(lines).encode("utf-8"), "3_attlog.dat")
    clock_file = read_or_refuse(read_attlog, path)
    if clock_file is None:
        return
    read_lines = {punch.line for punch in clock_file.punches}
    bad_lines = {problem.line for problem in clock_file.problems}
    assert not read_lines & bad_lines
    for number, line in enumerate(lines, start=1):
        if line.count("\t") == 5 and line.endswith("\t1\t0\t1\t0"):  # generated valid line
            assert number in read_lines
        elif line.strip():
            assert number in read_lines | bad_lines  # nothing silently dropped
    accounted_for(clock_file, "\r\n".join(lines))
    reads_back(clock_file, workdir)


cells = st.one_of(line_text, moments.map(lambda moment: f"{moment:%d/%m/%Y %H:%M:%S}"), st.just(""))


@FUZZ
@given(rows=st.lists(st.tuples(cells, cells, cells), max_size=20), delimiter=st.sampled_from([",", ";", "\t"]))
def test_random_rows_are_read_or_refused(workdir: Path, rows: list[tuple[str, str, str]], delimiter: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["Mã chấm công", "Thời gian", "Máy"])
    writer.writerows(rows)
    path = write(workdir, buffer.getvalue().encode("utf-8-sig"), "export.csv")
    table = read_or_refuse(read_table, path, MAPPING)
    assert table is not None  # the header is there
    punched = {punch.line for punch in table.punches}
    listed = [problem.line for problem in table.problems]
    assert len(set(listed)) == len(listed) and not punched & set(listed)
    for number, (clock_id, moment, device) in enumerate(rows, start=2):
        if moment.strip() or re.fullmatch(CLOCK_ID, cell_text(clock_id)):
            assert number in punched | set(listed), "a row with a time or a clock id is a punch or a problem"
        if number in punched:
            [punch] = [punch for punch in table.punches if punch.line == number]
            assert (punch.clock_id, punch.device) == (normalize_clock_id(cell_text(clock_id)), cell_text(device))
    reads_back(table, workdir)
    guessed = read_or_refuse(read_clock_file, path)
    if guessed is not None:
        reads_back(guessed, workdir)


@FUZZ
@given(records=st.lists(st.tuples(clock_ids, moments, st.sampled_from(["", "Máy 1", "SN-2"]),
                                  st.sampled_from(["%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M:%S"])),
                        max_size=20),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_valid_rows_round_trip(workdir: Path, records: list[tuple[str, datetime, str, str]], delimiter: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["BÁO CÁO CHẤM CÔNG"])
    writer.writerow(["Mã chấm công", "Thời gian", "Máy"])
    for clock_id, moment, device, pattern in records:
        writer.writerow([clock_id, moment.strftime(pattern), device])
    path = write(workdir, buffer.getvalue().encode("utf-16"), "export.csv")
    clock_file = read_table(path, MAPPING)
    assert clock_file.problems == ()
    assert clock_file.punches == tuple(
        Punch(clock_id.lstrip("0") or "0" if clock_id.isdigit() else clock_id, moment, device, number)
        for number, (clock_id, moment, device, _pattern) in enumerate(records, start=3))


xlsx_cells = st.one_of(st.none(), st.integers(-10**6, 10**7), st.floats(allow_nan=False, allow_infinity=False),
                       moments, st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(xlsx_cells, xlsx_cells, xlsx_cells), max_size=8))
def test_random_xlsx_rows_are_read_or_refused(workdir: Path, rows: list[tuple[object, object, object]]) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Mã chấm công", "Thời gian", "Máy"])
    for row in rows:
        workbook.active.append(list(row))
    path = write(workdir, b"", "export.xlsx")
    workbook.save(path)
    table = read_or_refuse(read_table, path, MAPPING)
    assert table is not None  # the header is there
    punched = {punch.line for punch in table.punches}
    listed = {problem.line for problem in table.problems}
    assert not punched & listed
    for number, (_clock_id, moment, _device) in enumerate(rows, start=2):
        if cell_text(moment):
            assert number in punched | listed, "a row with a time is a punch or a problem"
    reads_back(table, workdir)


@FUZZ
@given(punches=st.lists(st.builds(Punch, clock_id=st.sampled_from(["1", "2", "10", "A"]),
                                  at=st.datetimes(datetime(2026, 5, 14, 7), datetime(2026, 5, 14, 8)),
                                  device=st.sampled_from(["", "1", "2"]), line=st.integers(1, 50)), max_size=40),
       minutes=st.integers(0, 10))
def test_dedupe_leaves_no_repeat_and_covers_every_punch(punches: list[Punch], minutes: int) -> None:
    window = timedelta(minutes=minutes)
    kept = dedupe(punches, window)
    assert dedupe(kept, window) == kept
    assert set(kept) <= set(punches)
    for before, after in itertools.pairwise(kept):
        if before.clock_id == after.clock_id:
            assert after.at - before.at > window
    for punch in punches:
        assert any(other.clock_id == punch.clock_id and timedelta(0) <= punch.at - other.at <= window
                   for other in kept) or punch in kept

"""Clock logs written as lines (attlog downloads, ADMS pushes): each line a punch or a problem naming it, a bad
line never stopping the lines after it, the device taken from the file name, the request or the line itself."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from ward_office.core.errors import InputFileError, InputProblem
from ward_office.importers.clock_lines import (
    _lines,
    device_from_name,
    is_punch_line,
    looks_like_adms,
    parse_adms,
    parse_attlog,
    read_adms,
    read_attlog,
)
from ward_office.importers.clock_records import BAD_ID, BAD_STAMP, NO_ID, NOT_A_RECORD


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def punches_of(clock_file) -> list[tuple[str, datetime, str, int]]:  # type: ignore[no-untyped-def]
    return [(punch.clock_id, punch.at, punch.device, punch.line) for punch in clock_file.punches]


@pytest.mark.parametrize(("name", "device"), [("3_attlog.dat", "3"), ("007_attlog.dat", "7"),
                                              ("ab12_ATTLOG.TXT", "AB12"), ("1_2_attlog.dat", "1_2"),
                                              ("attlog.dat", ""), ("_attlog.dat", ""), ("3_attlog.dat.bak", ""),
                                              ("3_attlog.csv", "")])
def test_device_from_the_file_name(name: str, device: str) -> None:
    assert device_from_name(name) == device


@pytest.mark.parametrize("text", ["ab\ncd\r\nef\n\ngh", "a\r\n\r\nbcd\r\n", "\n\n", "one line", "x\ry\nz",
                                  "α\nβγ\r\nδ\n"])
@pytest.mark.parametrize("piece", [1, 2, 3, 1 << 20])
def test_lines_read_a_piece_at_a_time_are_the_files_lines(text: str, piece: int) -> None:
    assert list(_lines(text, piece)) == text.splitlines()


def test_a_long_attlog_is_numbered_across_its_pieces() -> None:
    text = "".join(f"{n}\t2026-05-14 07:{n % 60:02d}:00\r\n" for n in range(1, 70_001))  # over 1 MiB
    assert len(text) > 1 << 20
    clock_file = parse_attlog(text, "big.dat", "utf-8", "")
    assert len(clock_file.punches) == 70_000 and clock_file.problems == ()
    assert all(punch.line == int(punch.clock_id) for punch in clock_file.punches)


# --- attlog ------------------------------------------------------------------------------------------------

def test_every_attlog_line_after_a_bad_or_blank_line_is_still_read() -> None:
    text = ("1\t2026-05-14 07:00:00\n"
            "\n"
            "2\t2026-02-30 07:00:00\n"  # no such day
            "3\t2026-05-14 07:01:00\n"
            "4\t14/05/2026 07:02\n"  # a clock id and something else than the time
            "5\t2026-05-14 07:03:00\n"
            "rác\n"
            "6\t2026-05-14 07:04:00\n"
            "  \t \n"
            "7\t2026-05-14 07:05:00\n")
    clock_file = parse_attlog(text, "1_attlog.dat", "utf-8", "1")
    assert punches_of(clock_file) == [("1", at("2026-05-14 07:00"), "1", 1), ("3", at("2026-05-14 07:01"), "1", 4),
                                      ("5", at("2026-05-14 07:03"), "1", 6), ("6", at("2026-05-14 07:04"), "1", 8),
                                      ("7", at("2026-05-14 07:05"), "1", 10)]
    assert clock_file.problems == (
        InputProblem(3, "time", BAD_STAMP, {"value": "2026-02-30 07:00:00"}),
        InputProblem(5, "time", BAD_STAMP, {"value": "14/05/2026 07:02"}),
        InputProblem(7, "", NOT_A_RECORD, {"text": "rác"}))
    assert clock_file.file == "1_attlog.dat" and clock_file.format == "attlog" and clock_file.devices == ("1",)


def test_attlog_ids_are_normalized_once_per_spelling() -> None:
    text = "007\t2026-05-14 07:00:00\n7\t2026-05-14 08:00:00\nab\t2026-05-14 09:00:00\n007\t2026-05-14 10:00:00\n"
    assert [punch.clock_id for punch in parse_attlog(text, "f", "utf-8", "").punches] == ["7", "7", "AB", "7"]


@pytest.mark.parametrize(("line", "problem"), [
    ("12", InputProblem(1, "", NOT_A_RECORD, {"text": "12"})),
    ("12\t", InputProblem(1, "", NOT_A_RECORD, {"text": "12"})),
    ("  12  \t  hôm qua  ", InputProblem(1, "time", BAD_STAMP, {"value": "hôm qua"})),
    ("#12\t2026-05-14 07:00:00", InputProblem(1, "", NOT_A_RECORD, {"text": "#12 2026-05-14 07:00:00"})),
    ("12\t" + "x" * 80, InputProblem(1, "time", BAD_STAMP, {"value": "x" * 59 + "…"})),
    ("2026-05-14 07:00:00", InputProblem(1, "", NOT_A_RECORD, {"text": "2026-05-14 07:00:00"})),
])
def test_a_bad_attlog_line_is_named_with_what_it_holds(line: str, problem: InputProblem) -> None:
    clock_file = parse_attlog(line + "\n", "f", "utf-8", "")
    assert clock_file.punches == () and clock_file.problems == (problem,)


def test_a_time_without_seconds_and_a_t_are_read() -> None:
    clock_file = parse_attlog("12\t2026-05-14T07:58\n13 2026-05-14 07:59:30\n", "f", "utf-8", "")
    assert punches_of(clock_file) == [("12", at("2026-05-14 07:58"), "", 1), ("13", at("2026-05-14 07:59:30"), "", 2)]


@pytest.mark.parametrize(("line", "expected"), [("12\t2026-05-14 07:58:11", True), ("  12 2026-05-14 07:58", True),
                                                ("12\t2026-05-14 07:58:11\t1", True), ("12\t2026-05-14 07:5", False),
                                                ("12\t2026-05-14 07:58:11x", False), ("Mã\tThời gian", False)])
def test_what_looks_like_a_punch_line(line: str, expected: bool) -> None:
    assert is_punch_line(line) is expected


# --- ADMS --------------------------------------------------------------------------------------------------

def test_adms_lines_go_on_after_headers_blank_lines_and_other_tables() -> None:
    text = ("POST /iclock/cdata?SN=AAA&table=OPERLOG HTTP/1.1\n"
            "OPLOG 4\t0\t2026-05-14 08:00:00\n"
            "\n"
            "HTTP/1.1 200 OK\n"
            "Content-Type: text/plain\n"
            "post /iclock/cdata?sn=BBB&TABLE=attlog HTTP/1.1\n"
            "\n"
            "1\t2026-05-14 07:00:00\n"
            "bad line\n"
            "2\t2026-05-14 07:01:00\n")
    clock_file = parse_adms(text, "push.log", "utf-8")
    assert punches_of(clock_file) == [("1", at("2026-05-14 07:00"), "BBB", 8), ("2", at("2026-05-14 07:01"), "BBB", 10)]
    assert clock_file.problems == (InputProblem(9, "", NOT_A_RECORD, {"text": "bad line"}),)
    assert clock_file.format == "adms" and clock_file.file == "push.log" and clock_file.encoding == "utf-8"


def test_a_request_without_a_table_keeps_the_table_and_a_header_without_serial_keeps_the_device() -> None:
    text = ("GET /iclock/cdata?SN=AAA HTTP/1.1\n"
            "1\t2026-05-14 07:00:00\n"
            "Host: 10.0.0.1\n"
            "2\t2026-05-14 07:01:00\n"
            "PUT /iclock/devicecmd?table=ATTPHOTO HTTP/1.1\n"
            "3\t2026-05-14 07:02:00\n")
    clock_file = parse_adms(text, "", "")
    assert punches_of(clock_file) == [("1", at("2026-05-14 07:00"), "AAA", 2), ("2", at("2026-05-14 07:01"), "AAA", 4)]
    assert clock_file.problems == ()


def test_a_line_with_only_a_serial_names_the_device_of_the_lines_after_it() -> None:
    text = ("SN=DEV1\n"
            "ATTLOG\t1\t2026-05-14 07:00:00\n"
            "ATTLOG: SN=DEV2\n"
            "2\t2026-05-14 07:01:00\n"
            "SN=DEV3 STATUS=1\n"
            "3\t2026-05-14 07:02:00\n")
    clock_file = parse_adms(text, "", "")
    assert punches_of(clock_file) == [("1", at("2026-05-14 07:00"), "DEV1", 2),
                                      ("2", at("2026-05-14 07:01"), "DEV2", 4),
                                      ("3", at("2026-05-14 07:02"), "DEV3", 6)]
    assert clock_file.devices == ("DEV1", "DEV2", "DEV3")


def test_a_serial_on_a_punch_line_names_the_device_of_that_line_only() -> None:
    text = ("SN=DEV1\n"
            "PIN=1\tTIME=2026-05-14 07:00:00\tSN=DEV9\n"
            "PIN=2\tTIME=2026-05-14 07:01:00\n")
    assert punches_of(parse_adms(text, "", "")) == [("1", at("2026-05-14 07:00"), "DEV9", 2),
                                                    ("2", at("2026-05-14 07:01"), "DEV1", 3)]


@pytest.mark.parametrize("body", ["PIN=0012\tTIME=2026-05-14 07:58:11\tSTATUS=0",
                                  "pin=0012&time=2026-05-14 07:58:11&status=0",
                                  "PIN=0012 TIME=2026-05-14 07:58:11 STATUS=0",
                                  "ATTLOG PIN = 0012\tTIME = 2026-05-14 07:58:11 ",
                                  "STATUS=0\tTIME=2026-05-14 07:58:11\tPIN=0012"])
def test_key_value_lines_in_every_spelling(body: str) -> None:
    assert punches_of(parse_adms(body + "\nPIN=5\tTIME=2026-05-14 08:00:00\n", "", "")) == [
        ("12", at("2026-05-14 07:58:11"), "", 1), ("5", at("2026-05-14 08:00"), "", 2)]


@pytest.mark.parametrize(("body", "problem"), [
    ("PIN=\tTIME=2026-05-14 07:00:00", InputProblem(1, "PIN", NO_ID, {"value": ""})),
    ("TIME=2026-05-14 07:00:00", InputProblem(1, "PIN", NO_ID, {"value": ""})),
    ("PIN=#12\tTIME=2026-05-14 07:00:00", InputProblem(1, "PIN", BAD_ID, {"value": "#12"})),
    ("PIN=12", InputProblem(1, "TIME", BAD_STAMP, {"value": ""})),
    ("PIN=12\tTIME=hôm qua", InputProblem(1, "TIME", BAD_STAMP, {"value": "hôm qua"})),
    ("PIN=12\tTIME=2026-02-30 07:00:00", InputProblem(1, "TIME", BAD_STAMP, {"value": "2026-02-30 07:00:00"})),
    ("PIN=12\tTIME=2026-05-14 07:00:00x", InputProblem(1, "TIME", BAD_STAMP, {"value": "2026-05-14 07:00:00x"})),
])
def test_a_bad_key_value_line_names_its_field_and_the_next_line_is_read(body: str, problem: InputProblem) -> None:
    clock_file = parse_adms(body + "\nPIN=5\tTIME=2026-05-14 08:00:00\n", "", "")
    assert clock_file.problems == (problem,)
    assert punches_of(clock_file) == [("5", at("2026-05-14 08:00"), "", 2)]


def test_adms_from_a_path_bytes_or_text(tmp_path: Path) -> None:
    text = "GET /iclock/cdata?SN=AAA HTTP/1.1\n1\t2026-05-14 07:00:00\n"
    path = tmp_path / "push.log"
    path.write_bytes(text.encode("utf-16"))
    from_path = read_adms(path)
    assert (from_path.file, from_path.encoding) == (str(path), "utf-16-le")
    from_bytes = read_adms(text.encode("utf-8-sig"), name="push.txt")
    assert (from_bytes.file, from_bytes.encoding) == ("push.txt", "utf-8-sig")
    from_text = read_adms(text)
    assert (from_text.file, from_text.encoding) == ("", "")
    assert from_path.punches == from_bytes.punches == from_text.punches == parse_adms(text, "", "").punches
    assert punches_of(from_text) == [("1", at("2026-05-14 07:00"), "AAA", 2)]


@pytest.mark.parametrize(("lines", "expected"), [
    (["GET /iclock/cdata?SN=A HTTP/1.1"], True),
    (["ATTLOG\t12\t2026-05-14 07:00:00"], True),
    (["attlog: 12 2026-05-14 07:00:00"], True),
    (["x", "SN=CJDE1"], True),
    (["sn=CJDE1"], True),
    (["pin=12\ttime=2026-05-14 07:00:00"], True),
    (["12\t2026-05-14 07:00:00"], False),
    (["Mã chấm công,Thời gian", "12,14/05/2026 07:00"], False),
    (["ATTLOGS 12"], False),
    (["SPIN=3", "ASN=4"], False),
    ([], False),
])
def test_what_looks_like_adms(lines: list[str], expected: bool) -> None:
    assert looks_like_adms(lines) is expected


def test_a_line_with_a_serial_and_a_pin_or_a_time_is_a_punch_not_a_device() -> None:
    text = ("SN=DEV1\n"
            "SN=DEV2\tPIN=12\n"
            "SN=DEV3\tTIME=2026-05-14 07:00:00\n"
            "PIN=5\tTIME=2026-05-14 08:00:00\n")
    clock_file = parse_adms(text, "", "")
    assert clock_file.problems == (InputProblem(2, "TIME", BAD_STAMP, {"value": ""}),
                                   InputProblem(3, "PIN", NO_ID, {"value": ""}))
    assert punches_of(clock_file) == [("5", at("2026-05-14 08:00"), "DEV1", 4)]


@pytest.mark.parametrize(("body", "problem"), [
    ("PIN==12\tTIME=2026-05-14 07:00:00", InputProblem(1, "PIN", BAD_ID, {"value": "=12"})),
    ("PIN=12\tTIME=2026-05-14", InputProblem(1, "TIME", BAD_STAMP, {"value": "2026-05-14"})),
    ("PIN=12\tTIME=20260514T070000", InputProblem(1, "TIME", BAD_STAMP, {"value": "20260514T070000"})),
])
def test_key_values_that_only_look_right_are_problems(body: str, problem: InputProblem) -> None:
    assert parse_adms(body, "", "").problems == (problem,)


def test_lower_case_keys_apart_by_spaces() -> None:
    assert punches_of(parse_adms("pin=12 time=2026-05-14 07:58:11 status=0\n", "", "")) == [
        ("12", at("2026-05-14 07:58:11"), "", 1)]


def test_a_file_that_is_not_text_is_refused_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(b"12\t2026-05-14 07:00:00\n\x00\x01\x02\x03")
    for read in (read_attlog, read_adms):
        with pytest.raises(InputFileError) as caught:
            read(path)
        assert caught.value.file == str(path)
    with pytest.raises(InputFileError) as caught:
        read_adms(path.read_bytes(), name="push.txt")
    assert caught.value.file == "push.txt"

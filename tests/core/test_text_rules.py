"""The rules for kept text: composed, trimmed, without invisible characters, no direction overrides, bounded
lengths and dates; staff codes compared whatever their case."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date, datetime

import pytest

from ward_office.core.checks import Check, CheckKind, Event, cleaned_check, cleaned_event
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId, cleaned_staff
from ward_office.core.text_rules import FieldError, check_day, clean_text, code_key, last_day

TODAY = date(2026, 11, 20)


def test_text_is_composed_trimmed_and_rid_of_invisible_and_control_characters() -> None:
    decomposed = unicodedata.normalize("NFD", "  Nguyễn\u200b  Thị\tÁnh\x00 ")
    assert clean_text(decomposed, "full_name", "Full name", 100) == "Nguyễn Thị Ánh"
    assert clean_text("\ufeffCB\u2060001\u200e", "code", "Staff code", 30) == "CB001"


def test_a_note_keeps_its_line_breaks() -> None:
    assert clean_text(" dòng 1 \r\n  dòng   2\r\n", "note", "Note", 1000, multiline=True) == "dòng 1\ndòng 2"
    assert clean_text(" dòng 1 \n dòng 2", "note", "Note", 1000) == "dòng 1 dòng 2"


@pytest.mark.parametrize("control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
                                     "\u2068", "\u2069"])
def test_every_direction_override_is_refused_naming_the_field(control: str, vietnamese: None) -> None:
    with pytest.raises(FieldError) as refused:
        clean_text(f"Phòng {control}1", "location", "Place", 200)
    assert refused.value.field == "location"
    assert refused.value.localized().startswith("Địa điểm: chứa ký tự đổi chiều ẩn")


def test_the_limit_counts_the_kept_characters(vietnamese: None) -> None:
    assert clean_text("  " + "a" * 100 + "  ", "full_name", "Full name", 100) == "a" * 100
    with pytest.raises(FieldError) as refused:
        clean_text("a" * 101, "full_name", "Full name", 100)
    assert refused.value.localized() == "Họ và tên: dài 101 ký tự; chỉ được tối đa 100 ký tự"


def test_codes_are_one_code_whatever_their_case_or_invisible_characters() -> None:
    assert code_key("cb001") == code_key("CB001") == code_key("CB001\u200b") == code_key(" CB001 ")
    assert code_key("CB001") != code_key("CB002")


@pytest.mark.parametrize(("day", "kept"), [(date(2000, 1, 1), True), (date(1999, 12, 31), False),
                                           (date(2027, 11, 20), True), (date(2027, 11, 21), False),
                                           (date(2999, 12, 31), False)])
def test_days_from_2000_to_a_year_ahead(day: date, kept: bool, vietnamese: None) -> None:
    if kept:
        check_day(day, "day", "Date", TODAY)
        return
    with pytest.raises(FieldError) as refused:
        check_day(day, "day", "Date", TODAY)
    assert refused.value.localized() == (f"Ngày: ngày {day:%d/%m/%Y} nằm ngoài khoảng ngày sổ theo dõi ghi nhận, "
                                         "từ 01/01/2000 đến 20/11/2027")


def test_a_year_ahead_of_29_february() -> None:
    assert last_day(date(2028, 2, 29)) == date(2029, 2, 28)


def test_a_person_is_cleaned_field_by_field() -> None:
    person = Staff(" cb001\u200b ", unicodedata.normalize("NFD", "Lê  Văn Đức"), Gender.MALE, " Chuyên viên ",
                   StaffCategory.CONG_CHUC, note=" a \n b ", active_from=date(2020, 1, 1))
    cleaned = cleaned_staff(person, TODAY)
    assert (cleaned.code, cleaned.full_name, cleaned.position, cleaned.note) == ("cb001", "Lê Văn Đức",
                                                                                 "Chuyên viên", "a\nb")
    with pytest.raises(FieldError) as refused:
        cleaned_staff(dataclasses.replace(person, active_to=date(2999, 1, 1)), TODAY)
    assert refused.value.field == "active_to"


def test_events_and_checks_are_cleaned() -> None:
    event = cleaned_event(Event(StaffId(1), date(2026, 11, 2), " TP02 ", note=" đi  muộn ", recorded_by=" An "),
                          TODAY)
    assert (event.criterion_code, event.note, event.recorded_by) == ("TP02", "đi muộn", "An")
    with pytest.raises(FieldError):
        cleaned_event(Event(StaffId(1), date(2026, 11, 2), "TP02", note="x" * 1001), TODAY)
    check = cleaned_check(Check(datetime(2026, 11, 2, 8), CheckKind.BADGE, " Văn  thư ",
                                location=" Phòng 1 "), TODAY)
    assert (check.checker, check.location) == ("Văn thư", "Phòng 1")
    with pytest.raises(FieldError) as refused:
        cleaned_check(Check(datetime(1999, 11, 2, 8), CheckKind.BADGE, "An"), TODAY)
    assert refused.value.field == "started_at"

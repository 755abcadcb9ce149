"""Column mappings of clock reports: what a mapping must name, how it is kept, and the mapping guessed from a
header row's usual Vietnamese and English names."""

from __future__ import annotations

from typing import Any

import pytest

from ward_office.core.errors import ClockMappingError
from ward_office.importers.clock_mapping import ColumnMapping, guess_mapping


@pytest.mark.parametrize(("fields", "message"), [
    ({"clock_id": " ", "datetime": "Giờ"}, "The column mapping “{name}” names no column holding the clock id"),
    ({"clock_id": "Mã", "datetime": " "}, "The column mapping “{name}” names no column holding the date and time, "
                                          "nor a date column and time columns"),
    ({"clock_id": "Mã", "date": "Ngày"}, "The column mapping “{name}” names no column holding the date and time, "
                                         "nor a date column and time columns"),
    ({"clock_id": "Mã", "date": " ", "times": ("Vào",)}, "The column mapping “{name}” names no column holding the "
                                                         "date and time, nor a date column and time columns"),
])
def test_a_mapping_must_name_the_clock_id_and_the_time(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ClockMappingError) as caught:
        ColumnMapping(name="Máy cổng", **fields)
    assert (caught.value.message, caught.value.params) == (message, {"name": "Máy cổng"})


def test_a_mapping_with_a_date_and_time_columns_needs_no_datetime_column() -> None:
    mapping = ColumnMapping(name="x", clock_id="Mã", date="Ngày", times=("Vào",))
    assert (mapping.datetime, mapping.date_order) == ("", "dmy")


def test_an_unknown_date_order_is_refused_by_name(vietnamese: None) -> None:
    with pytest.raises(ClockMappingError) as caught:
        ColumnMapping(name="Máy cổng", clock_id="Mã", datetime="Giờ", date_order="ymd")
    assert caught.value.params == {"name": "Máy cổng", "order": "ymd"}
    assert caught.value.localized() == "Cách đọc cột “Máy cổng” đọc ngày theo thứ tự không xác định “ymd”"


def test_headers_are_every_named_column_in_order() -> None:
    assert ColumnMapping(name="x", clock_id="Mã", date="Ngày", times=("Vào", "Ra"), device="Máy").headers() == (
        "Mã", "Ngày", "Vào", "Ra", "Máy")
    assert ColumnMapping(name="x", clock_id="Mã", datetime="Giờ").headers() == ("Mã", "Giờ")


def test_a_mapping_is_kept_as_a_plain_dict() -> None:
    mapping = ColumnMapping(name="Máy tầng 1", clock_id="Mã NV", datetime="Giờ", device="Máy", date_order="mdy")
    assert mapping.to_dict() == {"name": "Máy tầng 1", "clock_id": "Mã NV", "datetime": "Giờ", "date": "",
                                 "times": [], "device": "Máy", "date_order": "mdy"}
    assert ColumnMapping.from_dict(mapping.to_dict()) == mapping
    assert ColumnMapping.from_dict({"clock_id": "Mã", "date": "Ngày", "times": ("Vào",)}) == ColumnMapping(
        name="", clock_id="Mã", date="Ngày", times=("Vào",))


@pytest.mark.parametrize(("plain", "name", "field"), [
    ({"name": "Cổng", "clock_id": 5, "datetime": "Giờ"}, "Cổng", "clock_id"),
    ({"name": "Cổng", "clock_id": "Mã", "datetime": None}, "Cổng", "datetime"),
    ({"name": "Cổng", "clock_id": "Mã", "date": 1, "times": ["Vào"]}, "Cổng", "date"),
    ({"name": "Cổng", "clock_id": "Mã", "datetime": "Giờ", "device": []}, "Cổng", "device"),
    ({"name": "Cổng", "clock_id": "Mã", "datetime": "Giờ", "date_order": 1}, "Cổng", "date_order"),
    ({"name": "Cổng", "clock_id": "Mã", "date": "Ngày", "times": ["Vào", 2]}, "Cổng", "times"),
    ({"name": "Cổng", "clock_id": "Mã", "date": "Ngày", "times": "Vào"}, "Cổng", "times"),
    ({"name": 7, "clock_id": "Mã", "datetime": "Giờ"}, "", "name"),
])
def test_a_mapping_saved_in_another_form_names_the_field(plain: dict[str, Any], name: str, field: str,
                                                          vietnamese: None) -> None:
    with pytest.raises(ClockMappingError) as caught:
        ColumnMapping.from_dict(plain)
    assert caught.value.params == {"name": name, "field": field}
    assert caught.value.localized() == (f"Cách đọc cột “{name}” được lưu theo dạng mà phiên bản này không đọc được "
                                        f"(mục “{field}”)")


# --- guessing ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("headers", "expected"), [
    # the clock id: the first usual name in the list wins, wherever its column is
    (["Mã", "Mã chấm công", "Thời gian"], ColumnMapping(name="", clock_id="Mã chấm công", datetime="Thời gian")),
    (["ID", "SN", "Time"], ColumnMapping(name="", clock_id="ID", datetime="Time", device="SN")),
    (["  MÃ  CHẤM CÔNG ", "NGÀY GIỜ"], ColumnMapping(name="", clock_id="MÃ  CHẤM CÔNG", datetime="NGÀY GIỜ")),
    # date and time columns, an empty header cell between them left out
    (["Mã NV", "Ngày", "", "Vào", "Ra", "Ghi chú"],
     ColumnMapping(name="", clock_id="Mã NV", date="Ngày", times=("Vào", "Ra"))),
    (["Mã NV", "Ngày", "Giờ vào 1", "Giờ ra 1", "Vào sáng", "Ra chiều", "Check in", "Check out", "Chấm công 2"],
     ColumnMapping(name="", clock_id="Mã NV", date="Ngày",
                   times=("Giờ vào 1", "Giờ ra 1", "Vào sáng", "Ra chiều", "Check in", "Check out", "Chấm công 2"))),
    (["Mã NV", "Date", "Time", "Máy"], ColumnMapping(name="", clock_id="Mã NV", date="Date", times=("Time",),
                                                     device="Máy")),
    # a date column without time columns: the date and time column is looked for instead
    (["Mã", "Ngày", "Thời gian"], ColumnMapping(name="", clock_id="Mã", datetime="Thời gian")),
    (["Mã NV", "Ngày"], None),
    (["Máy", "Thời gian"], None),
    (["", "Thời gian"], None),
    ([None, 12, "Thời gian"], None),
])
def test_guessed_mappings(headers: list[object], expected: ColumnMapping | None) -> None:
    assert guess_mapping(headers) == expected


def test_the_usual_names_of_each_column_are_apart() -> None:
    """What makes guess_mapping's exclusions of the clock id and device columns unneeded today: a name in two
    lists would be read as two columns; this keeps the lists apart as names are added."""
    from ward_office.i18n.text import fold
    from ward_office.importers import clock_mapping

    lists = [{fold(name) for name in names} for names in (
        clock_mapping._ID_HEADERS, clock_mapping._DEVICE_HEADERS, clock_mapping._DATE_HEADERS,
        clock_mapping._DATETIME_HEADERS)]
    for index, names in enumerate(lists):
        for other in lists[index + 1:]:
            assert not names & other
    assert not [name for name in lists[0] | lists[1] if clock_mapping._TIME_HEADER.fullmatch(name)]

"""The C01-HD timesheet on paper is the attendance page's month sheet: same codes, same totals."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from io import BytesIO
from pathlib import Path

import pypdf
import pytest

from ward_office import i18n
from ward_office.core.attendance import LeaveCode
from ward_office.core.errors import WardOfficeError
from ward_office.core.period import parse_period
from ward_office.i18n.formatting import format_number
from ward_office.reports.timesheet import day_text, total_columns
from ward_office.services.attendance_sheet import MonthSheet, month_sheet
from ward_office.services.demo import build_demo
from ward_office.services.report_renders import render_timesheet
from ward_office.services.ward import Ward

TODAY = date(2026, 11, 20)


@dataclass
class Rendered:
    reader: pypdf.PdfReader
    pages: int
    sheet: MonthSheet
    data: bytes


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    previous = i18n.current_language()
    i18n.set_language("vi")
    path = tmp_path_factory.mktemp("timesheet") / "ward.db"
    build_demo(path, staff=30, months=12, seed=2026, until=TODAY)
    yield path
    i18n.set_language(previous)


def render(path: Path, period: str) -> Rendered:
    out = BytesIO()
    with Ward.open(path, read_only=True) as ward:
        pages = render_timesheet(ward, parse_period(period), out, TODAY, {})
        parsed = parse_period(period)
        sheet = month_sheet(ward, parsed.start.year, parsed.start.month, until=TODAY)
    return Rendered(pypdf.PdfReader(BytesIO(out.getvalue())), pages, sheet, out.getvalue())


@pytest.fixture(scope="module")
def november(demo: Path) -> Rendered:
    return render(demo, "2026-11")


def flat(text: str) -> str:
    return " ".join(text.split())


def whole(reader: pypdf.PdfReader) -> str:
    return flat("\n".join(page.extract_text() for page in reader.pages))


def test_form_header_title_codes_and_three_signatures(november: Rendered) -> None:
    reader = november.reader
    groups = november.sheet.by_department()
    assert november.pages == len(reader.pages) >= len(groups) > 1
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = whole(reader)
    for expected in ("Đơn vị: Ủy ban nhân dân phường", "Mã QHNS: ……", "Mẫu số C01-HD",
                     "(Ban hành kèm theo Thông tư số 107/2017/TT-BTC ngày 10/10/2017 của Bộ Tài chính)",
                     "BẢNG CHẤM CÔNG", "Tháng 11 năm 2026", "(Số liệu tạm tính đến ngày 20/11/2026)",
                     "Ngày trong tháng", "Quy ra công", "Công hưởng lương thời gian (+, M, S, CT, H)",
                     "Nghỉ hưởng lương (P, Nb)", "Vắng không lý do (Ko)", "Hưởng BHXH",
                     "Ký hiệu chấm công: + – có mặt; M – đi muộn; S – về sớm; P – nghỉ phép năm",
                     "Ko – vắng không lý do", "24/11/2026 Ngày Văn hóa Việt Nam", "ngày 20 tháng 11 năm 2026"):
        assert expected in text
    # One sheet per department, each with its own three signatures.
    for word in ("Bộ phận:", "NGƯỜI CHẤM CÔNG", "PHỤ TRÁCH BỘ PHẬN", "THỦ TRƯỞNG ĐƠN VỊ", "Mẫu số C01-HD",
                 "BẢNG CHẤM CÔNG"):
        assert text.count(word) == len(groups), word
    for group in groups:
        assert f"Bộ phận: {group.name or 'chưa phân bộ phận'}" in text
    # Day headers: number and weekday letter (1/11/2026 is a Sunday).
    assert "CN T2 T3 T4 T5 T6 T7 CN" in text
    assert "Days of the month" not in text and "Timekeeper" not in text.title()  # no English left


def test_every_row_carries_the_month_sheet_codes_and_totals(november: Rendered) -> None:
    text = whole(november.reader)
    groups = november.sheet.by_department()
    rows = [row for group in groups for row in group.rows]
    assert len(rows) == len(november.sheet.rows) == 30
    assert any("/" in day_text(codes) for row in rows for codes in row.codes)  # split days are printed
    for group in groups:
        for number, row in enumerate(group.rows, start=1):  # numbered within the department
            expected = [str(number), row.staff.full_name, row.staff.position,
                        *(day_text(codes) for codes in row.codes if codes is not None),
                        *(format_number(value) for value in total_columns(row.totals))]
            assert flat(" ".join(expected)) in text, row.staff.full_name


def test_totals_add_up_and_days_after_today_are_blank(november: Rendered) -> None:
    for row in november.sheet.rows:
        assert all(codes is None for month_day, codes in zip(november.sheet.days, row.codes, strict=True)
                   if month_day.day > TODAY)
    person = next(row for row in november.sheet.rows if row.totals.leave_sessions)
    worked, paid, insurance, unpaid, absent, _late = total_columns(person.totals)
    sessions = sum(1 for codes in person.codes if codes for code in codes)
    assert (worked + paid + insurance + unpaid + absent) * 2 == sessions
    business = [row for row in november.sheet.rows if row.totals.leave_days(LeaveCode.BUSINESS_TRIP)
                or row.totals.leave_days(LeaveCode.MEETING)]
    assert business  # CT and H count with the days worked, not as leave
    for row in business:
        totals = row.totals
        assert total_columns(totals)[0] == (totals.worked_days + totals.leave_days(LeaveCode.BUSINESS_TRIP)
                                            + totals.leave_days(LeaveCode.MEETING))


def test_font_embedded_and_vietnamese_round_trips(november: Rendered) -> None:
    assert b"/FontFile2" in november.data and b"LiberationSerif" in november.data
    assert b"Helvetica" not in november.data
    assert "Nguyễn Thanh Dung" in whole(november.reader)


def test_a_whole_month_of_the_past_is_filled(demo: Path) -> None:
    october = render(demo, "2026-10")
    assert october.pages == len(october.reader.pages)
    assert "Tháng 10 năm 2026" in whole(october.reader)
    filled = [row for row in october.sheet.rows if all(codes is not None for month_day, codes in
                                                       zip(october.sheet.days, row.codes, strict=True)
                                                       if month_day.working_day)]
    assert filled


@pytest.mark.parametrize("period", ["2026-Q3", "2026-H1", "2026"])
def test_only_a_month_is_accepted(demo: Path, period: str) -> None:
    with Ward.open(demo, read_only=True) as ward, pytest.raises(WardOfficeError) as raised:
        render_timesheet(ward, parse_period(period), BytesIO(), TODAY, {})
    assert "theo từng tháng" in raised.value.localized()


@pytest.fixture(scope="module")
def ward45(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    previous = i18n.current_language()
    i18n.set_language("vi")
    path = tmp_path_factory.mktemp("timesheet45") / "ward.db"
    build_demo(path, staff=45, months=6, seed=2026, until=date(2026, 6, 30))
    yield path
    i18n.set_language(previous)


@pytest.mark.parametrize("period", ["2026-02", "2026-04"])  # months with holidays: a longer legend
def test_signatures_stay_with_the_last_rows_of_each_department(ward45: Path, period: str) -> None:
    out = BytesIO()
    parsed = parse_period(period)
    with Ward.open(ward45, read_only=True) as ward:
        render_timesheet(ward, parsed, out, date(2026, 7, 10), {})
        sheet = month_sheet(ward, parsed.start.year, parsed.start.month, until=date(2026, 7, 10))
    pages = [flat(page.extract_text()) for page in pypdf.PdfReader(BytesIO(out.getvalue())).pages]
    groups = sheet.by_department()
    signed = [text for text in pages if "NGƯỜI CHẤM CÔNG" in text]
    assert len(signed) == len(groups)
    for text, group in zip(signed, groups, strict=True):
        assert group.rows[-1].staff.full_name in text and group.rows[-3].staff.full_name in text
        assert "Ký hiệu chấm công" in text  # the legend goes with them
    assert "(Số liệu tạm tính đến ngày 10/07/2026)" in pages[0]


def test_a_very_long_name_is_shortened(ward45: Path, tmp_path: Path) -> None:
    path = tmp_path / "long.db"
    path.write_bytes(ward45.read_bytes())
    long_name = "Nguyễn Văn " + "Dài" * 3333
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE staff SET full_name = ? WHERE id = (SELECT min(id) FROM staff)", (long_name,))
        connection.execute("UPDATE departments SET name = ? WHERE id = (SELECT min(id) FROM departments)",
                           ("Phòng " + "Rất Dài " * 1250,))
    connection.close()
    with Ward.open(path, read_only=True) as ward:
        out = BytesIO()
        pages = render_timesheet(ward, parse_period("2026-02"), out, date(2026, 7, 10), {})
    text = whole(pypdf.PdfReader(BytesIO(out.getvalue())))
    assert pages < 10
    compact = text.replace(" ", "")
    assert re.search("NguyễnVăn(Dài)+(D|Dà)?…", compact) and re.search("Phòng(RấtDài)+(R|Rấ|Rất|RấtD|RấtDà)?…", compact)
    assert "Dài" * 100 not in compact


def test_the_form_line_is_the_wards_to_set(demo: Path, tmp_path: Path) -> None:
    """The circular that issued C01-HD has been replaced: the ward writes the form line it follows, or none."""
    from ward_office.services.ward_settings import save_unit

    copy = tmp_path / "ward.db"
    copy.write_bytes(demo.read_bytes())
    basis = "(Kèm theo Thông tư số 24/2024/TT-BTC ngày 17/4/2024 của Bộ Tài chính)"
    with Ward.open(copy) as ward:
        save_unit(ward, replace(ward.unit(), timesheet_form="Mẫu số 01", timesheet_basis=basis))
    text = whole(render(copy, "2026-11").reader)
    assert "Mẫu số 01" in text and basis in text and "C01-HD" not in text and "107/2017" not in text
    with Ward.open(copy) as ward:
        save_unit(ward, replace(ward.unit(), timesheet_form="  ", timesheet_basis=""))
    text = whole(render(copy, "2026-11").reader)
    assert "Mẫu số" not in text and "Thông tư" not in text and "BẢNG CHẤM CÔNG" in text

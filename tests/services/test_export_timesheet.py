"""One month of one person, counted by hand: the printed timesheet, its Excel copy and the charts' attendance
rate give the same totals, with business trips (CT) and meetings or training (H) as working time."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from io import BytesIO
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook

from ward_office.core.attendance import LeaveCode
from ward_office.core.period import month
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services.attendance_sheet import Cell, Mark, mark_cells
from ward_office.services.charts import attendance_rates
from ward_office.services.export import export
from ward_office.services.report_renders import render_timesheet
from ward_office.services.ward import Ward, in_own_ward

TODAY = date(2026, 11, 20)  # 15 working days from 2 to 20 November 2026: 30 sessions

pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture
def ward_path(tmp_path: Path) -> Path:
    path = tmp_path / "ward.db"
    with Ward.open(path, actor="Nguyễn Thị Lan") as ward:
        ward.store.schedule.ensure_holidays(2026, ward.actor)
        [person] = ward.store.staff.add_many([Staff("NV001", "Trần Văn Bình", Gender.MALE, "Chuyên viên",
                                                    StaffCategory.CONG_CHUC)], ward.actor)
        sid = person.id
        trips = [Cell(sid, date(2026, 11, 2), Session.MORNING), Cell(sid, date(2026, 11, 3), Session.AFTERNOON)]
        mark_cells(ward, trips, Mark.leave(LeaveCode.BUSINESS_TRIP))  # 2 sessions CT
        mark_cells(ward, [Cell(sid, date(2026, 11, 4), session) for session in Session], Mark.leave(LeaveCode.MEETING))
        mark_cells(ward, [Cell(sid, date(2026, 11, 5), session) for session in Session], Mark.leave(LeaveCode.ANNUAL))
        mark_cells(ward, [Cell(sid, date(2026, 11, 6), Session.MORNING)], Mark.absent())  # half a day Ko
    return path


def test_pdf_excel_and_rate_agree_with_the_hand_count(ward_path: Path, tmp_path: Path) -> None:
    # 30 sessions: 23 attended + 2 CT + 2 H = 27 of working time (13,5 days); P 1 day; Ko half a day.
    out = tmp_path / "cham-cong.xlsx"
    in_own_ward(ward_path, lambda ward: export(ward, "timesheet", "2026-11", out, today=TODAY), read_only=True)
    worksheet = load_workbook(out).active
    [row] = [list(values) for values in worksheet.iter_rows(values_only=True) if values[2] == "Trần Văn Bình"]
    assert row[3] == "chưa phân bộ phận"
    assert row[4 + 30:] == [13.5, 1, 0, 0, 0.5, 0, 0]
    pdf = BytesIO()
    with Ward.open(ward_path, read_only=True) as ward:
        render_timesheet(ward, month(2026, 11), pdf, TODAY, {})
        rates = attendance_rates(ward, month(2026, 11), TODAY)
    text = " ".join(pypdf.PdfReader(BytesIO(pdf.getvalue())).pages[0].extract_text().split())
    assert "1 Trần Văn Bình Chuyên viên CT/+ +/CT H P Ko/+" in text
    assert "Ko/+ + + + + + + + + + + 13,5 1 0 0 0,5 0" in text
    assert rates.rates == (Fraction(27, 30),)

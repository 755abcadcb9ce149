"""The charts page draws the violations and the attendance rate per month against the period before, from
figures that equal a direct count in the database, on round axis steps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from fractions import Fraction
from io import BytesIO
from pathlib import Path

import pypdf
import pytest

from ward_office import i18n
from ward_office.core.attendance import AttendanceStatus, LeaveCode
from ward_office.core.period import month, parse_period, previous_period
from ward_office.i18n.formatting import format_number, format_percent
from ward_office.reports.charts import PERCENT_STEPS, axis_top, month_label, nice_step
from ward_office.services.charts import (
    attendance_rates,
    block_violations,
    chart_data,
    chart_months,
    render_charts,
)
from ward_office.services.demo import build_demo
from ward_office.services.ranking import score_stored_period
from ward_office.services.ward import Ward

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    previous = i18n.current_language()
    i18n.set_language("vi")
    path = tmp_path_factory.mktemp("charts") / "ward.db"
    build_demo(path, staff=30, months=12, seed=2026, until=TODAY)
    yield path
    i18n.set_language(previous)


def render(path: Path, period: str) -> tuple[pypdf.PdfReader, int, bytes]:
    out = BytesIO()
    with Ward.open(path, read_only=True) as ward:
        pages = render_charts(ward, parse_period(period), out, TODAY, {})
    return pypdf.PdfReader(BytesIO(out.getvalue())), pages, out.getvalue()


def flat(text: str) -> str:
    return " ".join(text.split())


def whole(reader: pypdf.PdfReader) -> str:
    return flat("\n".join(page.extract_text() for page in reader.pages))


def test_months_stop_at_today() -> None:
    months = chart_months(parse_period("2026"), TODAY)
    assert [part.start.month for part in months] == list(range(1, 12))
    assert months[-1].end == TODAY and months[0] == month(2026, 1)
    assert chart_months(parse_period("2027"), TODAY) == []


def test_attendance_rate_equals_a_direct_count(demo: Path) -> None:
    with Ward.open(demo, read_only=True) as ward:
        store = ward.store
        rates = attendance_rates(ward, parse_period("2026-Q3"), TODAY)
        september = month(2026, 9)
        calendar = store.schedule.calendar(september.start, september.end)
        staff = store.staff.list()
        away = [record for record in store.attendance.between(september.start, september.end)
                if record.status is not AttendanceStatus.PRESENT and calendar.is_working_day(record.day)
                and next(person for person in staff if person.id == record.staff_id).is_active_on(record.day)]
        # Business trips (CT) and meetings or training (H) are working time on the form.
        missed = [record for record in away if record.leave_code not in (LeaveCode.BUSINESS_TRIP, LeaveCode.MEETING)]
        due = 0
        day = september.start
        while day <= september.end:
            if calendar.is_working_day(day):
                due += 2 * sum(person.is_active_on(day) for person in staff)
            day += timedelta(days=1)
    assert rates.months == ((2026, 7), (2026, 8), (2026, 9))
    assert missed and len(missed) < len(away)  # the demo month has some CT or H
    assert rates.rates[2] == Fraction(due - len(missed), due)
    assert all(rate is not None and Fraction(4, 5) < rate < 1 for rate in rates.rates)


def test_violations_per_block_equal_the_engine_items(demo: Path) -> None:
    with Ward.open(demo, read_only=True) as ward:
        store = ward.store
        violations = block_violations(ward, parse_period("2026-Q2"), TODAY)
        ranking = score_stored_period(store, month(2026, 5), TODAY).ranking
    may = Counter(item.block_code for result in ranking.results for item in result.items if item.raw_points < 0)
    names = {block.code: block.name for block in ranking.plan.blocks}
    assert violations.months == ((2026, 4), (2026, 5), (2026, 6))
    by_name = dict(violations.blocks)
    for code, count in may.items():
        assert by_name[names[code]][1] == count
    assert sum(counts[1] for _name, counts in violations.blocks) == sum(may.values()) > 0
    assert "Điểm thưởng" not in by_name  # a block that only adds points has no violations to chart
    assert violations.totals()[1] == sum(may.values())


def test_the_pdf_shows_both_periods_labels_and_figures(demo: Path) -> None:
    reader, pages, data = render(demo, "2026-Q3")
    assert pages == len(reader.pages) == 2
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)
    text = whole(reader)
    with Ward.open(demo, read_only=True) as ward:
        charted = chart_data(ward, parse_period("2026-Q3"), TODAY)
    violations, before = charted.violations, charted.previous_violations
    assert charted.previous == parse_period("2026-Q2") and before is not None
    assert before.months == ((2026, 4), (2026, 5), (2026, 6))
    for expected in ("BIỂU ĐỒ THEO DÕI VĂN HÓA CÔNG SỞ", "Quý III năm 2026", "(Số liệu tạm tính đến ngày 20/11/2026)",
                     "1. Số lượt vi phạm theo tháng", "2. Tỷ lệ chuyên cần theo tháng", "Số lượt",
                     "Kỳ này: Quý III năm 2026", "Kỳ trước: Quý II năm 2026", "NGƯỜI LẬP BIỂU",
                     "07/2026 (04/2026)", "09/2026 (06/2026)"):
        assert expected in text, expected
    previous_counts = dict(before.blocks)
    for name, counts in violations.blocks:
        cells = [f"{format_number(count)} ({format_number(previous_counts[name][index])})"
                 for index, count in enumerate(counts)]
        assert flat(" ".join([name, *cells])) in text
    totals = [f"{format_number(now)} ({format_number(then)})"
              for now, then in zip(violations.totals(), before.totals(), strict=True)]
    assert flat("Cộng " + " ".join(totals)) in text
    assert charted.previous_attendance is not None
    now = [format_percent(rate) for rate in charted.attendance.rates if rate is not None]
    then = [format_percent(rate) for rate in charted.previous_attendance.rates if rate is not None]
    assert all("," in percent and percent.endswith("%") for percent in now)  # Vietnamese form: 94,7%
    assert flat("Kỳ này " + " ".join(now)) in text and flat("Kỳ trước " + " ".join(then)) in text
    for percent in now:
        assert text.count(percent) >= 2  # the point's label on the chart and the table
    assert b"/FontFile2" in data and b"LiberationSerif" in data and b"Helvetica" not in data


def test_a_whole_year_without_a_kept_year_before(demo: Path) -> None:
    reader, pages, _data = render(demo, "2026")
    assert pages == len(reader.pages) == 2
    text = whole(reader)
    with Ward.open(demo, read_only=True) as ward:
        charted = chart_data(ward, parse_period("2026"), TODAY)
    assert [month_label(part) for part in charted.violations.months][::10] == ["01/2026", "11/2026"]
    # No plan was in effect in 2025: no violations then; December 2025 has attendance records.
    assert charted.previous_violations is not None and not any(charted.previous_violations.kept)
    assert charted.previous_attendance is not None and charted.previous_attendance.rates[-1] is not None
    assert "12/2026 (12/2025)" in text and "– (–)" in text


@pytest.mark.parametrize(("period", "previous"), [
    ("2026-01", "2025-12"), ("2026-Q1", "2025-Q4"), ("2026-H1", "2025-H2"), ("2026-H2", "2026-H1"),
    ("2026", "2025"), ("2026-03-10..2026-03-19", "2026-02-28..2026-03-09"),
])
def test_previous_period_of_the_same_kind(period: str, previous: str) -> None:
    assert previous_period(parse_period(period)) == parse_period(previous)


@pytest.mark.parametrize(("highest", "step", "top"), [(3, 1, 3), (105, 20, 120), (84, 20, 100), (21, 5, 25),
                                                      (0.5, 1, 1), (600, 100, 600)])
def test_axis_steps_are_round(highest: float, step: float, top: float) -> None:
    assert nice_step(highest) == step and axis_top(highest, step) == top
    assert nice_step(100 - 20, PERCENT_STEPS, 5) == 20 and nice_step(100 - 93.9, PERCENT_STEPS, 5) == 2


def test_a_period_not_begun_says_so(demo: Path) -> None:
    reader, pages, _data = render(demo, "2027")
    assert pages == 1
    assert "Kỳ này chưa bắt đầu" in whole(reader)

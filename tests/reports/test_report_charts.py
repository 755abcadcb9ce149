"""The charts page draws the violations per block and month and the monthly attendance rate, from figures
that equal a direct count in the database."""

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
from ward_office.core.attendance import AttendanceStatus
from ward_office.core.period import month, parse_period
from ward_office.i18n.formatting import format_number, format_percent
from ward_office.reports.charts import month_label
from ward_office.services.records import build_demo, existing_store, score_stored_period
from ward_office.services.report_renders import attendance_rates, block_violations, chart_months, render_charts

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
    with existing_store(path) as store:
        pages = render_charts(store, parse_period(period), out, TODAY, {})
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
    with existing_store(demo) as store:
        rates = attendance_rates(store, parse_period("2026-Q3"), TODAY)
        september = month(2026, 9)
        calendar = store.schedule.calendar(september.start, september.end)
        staff = store.staff.list()
        missed = [record for record in store.attendance.between(september.start, september.end)
                  if record.status is not AttendanceStatus.PRESENT and calendar.is_working_day(record.day)
                  and next(person for person in staff if person.id == record.staff_id).is_active_on(record.day)]
        due = 0
        day = september.start
        while day <= september.end:
            if calendar.is_working_day(day):
                due += 2 * sum(person.is_active_on(day) for person in staff)
            day += timedelta(days=1)
    assert rates.months == ((2026, 7), (2026, 8), (2026, 9))
    assert missed and rates.rates[2] == Fraction(due - len(missed), due)
    assert all(rate is not None and Fraction(4, 5) < rate < 1 for rate in rates.rates)


def test_violations_per_block_equal_the_engine_items(demo: Path) -> None:
    with existing_store(demo) as store:
        violations = block_violations(store, parse_period("2026-Q2"), TODAY)
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


def test_the_pdf_shows_the_labels_and_the_figures(demo: Path) -> None:
    reader, pages, data = render(demo, "2026")
    assert pages == len(reader.pages) == 2
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)
    text = whole(reader)
    with existing_store(demo) as store:
        violations = block_violations(store, parse_period("2026"), TODAY)
        rates = attendance_rates(store, parse_period("2026"), TODAY)
    for expected in ("BIỂU ĐỒ THEO DÕI VĂN HÓA CÔNG SỞ", "Năm 2026", "1. Số lượt vi phạm theo nhóm tiêu chí",
                     "2. Tỷ lệ chuyên cần theo tháng", "Số lượt", "Tỷ lệ chuyên cần", "NGƯỜI LẬP BIỂU"):
        assert expected in text
    for name, counts in violations.blocks:
        assert text.count(name) >= 2  # the legend and the table
        assert flat(" ".join([name, *(format_number(count) for count in counts)])) in text
    assert flat(" ".join([*(format_number(total) for total in violations.totals())])) in text
    labels = [month_label(part) for part in rates.months]
    assert labels[0] == "01/2026" and labels[-1] == "11/2026"
    percents = [format_percent(rate) for rate in rates.rates if rate is not None]
    assert all("," in percent and percent.endswith("%") for percent in percents)  # Vietnamese form: 94,7%
    assert flat("Tỷ lệ chuyên cần " + " ".join(percents)) in text  # the table row
    for percent in percents:
        assert text.count(percent) >= 2  # the point's label on the chart and the table
    assert b"/FontFile2" in data and b"LiberationSerif" in data and b"Helvetica" not in data


def test_a_period_not_begun_says_so(demo: Path) -> None:
    reader, pages, _data = render(demo, "2027")
    assert pages == 1
    assert "Kỳ này chưa bắt đầu" in whole(reader)

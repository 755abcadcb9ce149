"""The review meeting's minutes come prefilled with the engine's ranking and propose exactly its top grade."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pypdf
import pytest

from ward_office import i18n
from ward_office.core.period import parse_period
from ward_office.i18n.formatting import format_number
from ward_office.reports.review_minutes import proposed
from ward_office.services.presentation import ScoredPeriod
from ward_office.services.records import build_demo, existing_store, score_stored_period
from ward_office.services.report_renders import render_minutes

Rendered = tuple[pypdf.PdfReader, int, bytes, ScoredPeriod]

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    previous = i18n.current_language()
    i18n.set_language("vi")
    path = tmp_path_factory.mktemp("minutes") / "ward.db"
    build_demo(path, staff=30, months=12, seed=2026, until=TODAY)
    yield path
    i18n.set_language(previous)


def render(path: Path, period: str) -> Rendered:
    out = BytesIO()
    with existing_store(path) as store:
        pages = render_minutes(store, parse_period(period), out, TODAY, {})
        scored = score_stored_period(store, parse_period(period), TODAY)
    return pypdf.PdfReader(BytesIO(out.getvalue())), pages, out.getvalue(), scored


@pytest.fixture(scope="module")
def first_half(demo: Path) -> Rendered:
    return render(demo, "2026-H1")


def flat(text: str) -> str:
    return " ".join(text.split())


def whole(reader: pypdf.PdfReader) -> str:
    return flat("\n".join(page.extract_text() for page in reader.pages))


def test_layout_of_the_minutes(first_half: Rendered) -> None:
    reader, pages, data, scored = first_half
    assert pages == len(reader.pages) >= 2
    assert float(reader.pages[0].mediabox.width) < float(reader.pages[0].mediabox.height)  # portrait
    text = whole(reader)
    order = ["Số: ……/BB-UBND", "BIÊN BẢN", "Họp xét thi đua sơ kết 6 tháng đầu năm 2026",
             "Thời gian: …………… giờ …………… phút, ngày …………… tháng …………… năm ……………", "Địa điểm: ……",
             "I. THÀNH PHẦN", "- Chủ trì:", "- Thư ký: ……", "- Thành viên có mặt:", "- Vắng mặt:",
             "II. NỘI DUNG", "6 tháng đầu năm 2026", "Tổng số 30 người", "III. BIỂU QUYẾT",
             "Tổng số thành viên biểu quyết:", "tán thành:", "IV. KẾT LUẬN", "Đề nghị danh hiệu",
             "Cuộc họp kết thúc vào lúc …………… giờ …………… phút cùng ngày.", "THƯ KÝ", "CHỦ TRÌ"]
    cursor = 0
    for expected in order:
        found = text.find(expected, cursor)
        assert found >= 0, expected
        cursor = found + len(expected)
    assert scored.ranking.plan.name in text
    assert "Chủ tịch" in text.split("- Chủ trì:")[1][:200]
    assert b"/FontFile2" in data and b"LiberationSerif" in data


def test_content_carries_every_score_and_grade(first_half: Rendered) -> None:
    reader, _pages, _data, scored = first_half
    text = whole(reader)
    content = text.split("II. NỘI DUNG", 1)[1].split("III. BIỂU QUYẾT", 1)[0]
    for number, result in enumerate(scored.ranking.results, start=1):
        row = flat(f"{number} {result.staff.full_name} {result.staff.position} {format_number(result.score)} "
                   f"{result.grade.name}")
        assert row in content, result.staff.full_name
    counts = {grade.name: sum(result.grade.code == grade.code for result in scored.ranking.results)
              for grade in scored.ranking.plan.grades}
    for name, count in counts.items():
        assert f"{name}: {count}" in content
    quota = scored.ranking.quota_limit
    assert quota is not None and f"không quá {quota} người" in content


def test_conclusion_proposes_exactly_the_top_grade(first_half: Rendered) -> None:
    reader, _pages, _data, scored = first_half
    conclusion = whole(reader).split("IV. KẾT LUẬN", 1)[1].split("Cuộc họp kết thúc", 1)[0]
    best = scored.ranking.plan.grades[0]
    expected = [result for result in scored.ranking.results if result.grade.code == best.code]
    assert expected and proposed(scored.ranking) == expected
    assert f"đề nghị công nhận danh hiệu cho {len(expected)} cá nhân sau" in conclusion
    for number, result in enumerate(expected, start=1):
        assert flat(f"{number} {result.staff.full_name} {result.staff.position} {best.name}") in conclusion
    assert f" {len(expected) + 1} " not in conclusion.split("Đề nghị danh hiệu", 1)[1]
    others = [result for result in scored.ranking.results if result.grade.code != best.code]
    assert others and all(result.staff.full_name not in conclusion for result in others)


def test_a_year_is_the_annual_review(demo: Path) -> None:
    reader, pages, _data, _scored = render(demo, "2026")
    assert pages == len(reader.pages)
    assert "Họp xét thi đua tổng kết năm 2026" in whole(reader)
    reader, _pages, _data, _scored = render(demo, "2026-H2")
    assert "sơ kết 6 tháng cuối năm 2026" in whole(reader)

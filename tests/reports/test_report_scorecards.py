"""Personal scorecards: one sheet per person, every item behind the score, the sum equals the engine's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from io import BytesIO

import pypdf
import pytest

from ward_office import i18n
from ward_office.core.period import FiguresStatus, parse_period
from ward_office.i18n.formatting import format_date, format_number, format_points
from ward_office.reports.scorecards import score_line, write_scorecards
from ward_office.scoring.results import ScoredPeriod
from ward_office.services.demo import build_demo
from ward_office.services.ranking import score_stored_period
from ward_office.services.ward import Ward

TODAY = date(2026, 11, 20)
TITLE = "PHIẾU ĐIỂM CÁ NHÂN"


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScoredPeriod]:
    previous = i18n.current_language()
    i18n.set_language("vi")
    path = tmp_path_factory.mktemp("scorecards") / "ward.db"
    build_demo(path, staff=24, months=12, seed=7, until=TODAY)
    with Ward.open(path, read_only=True) as ward:
        store = ward.store
        yield score_stored_period(store, parse_period("2026-Q2"), TODAY)
    i18n.set_language(previous)


@pytest.fixture(scope="module")
def pages(scored: ScoredPeriod) -> tuple[list[str], int]:
    out = BytesIO()
    count = write_scorecards(out, scored, day=TODAY, status=FiguresStatus(TODAY))
    out.seek(0)
    return [page.extract_text() for page in pypdf.PdfReader(out).pages], count


def flat(text: str) -> str:
    return " ".join(text.split())


def sheets(texts: list[str]) -> list[str]:
    """The text of each person's sheet: from a page with the title up to the next one."""
    starts = [index for index, text in enumerate(texts) if TITLE in text]
    return ["\n".join(texts[start:end]) for start, end in zip(starts, [*starts[1:], len(texts)], strict=True)]


def test_one_sheet_per_person_in_rank_order(pages: tuple[list[str], int], scored: ScoredPeriod) -> None:
    texts, count = pages
    results = scored.ranking.results
    assert count == len(texts) >= len(results) == 24
    per_person = sheets(texts)
    assert len(per_person) == len(results)
    starts = [text for text in texts if TITLE in text]
    for result, first_page, sheet in zip(results, starts, per_person, strict=True):
        assert result.staff.full_name in first_page
        assert result.staff.code in first_page
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first_page
        others = [other.staff.full_name for other in results if other.staff.full_name != result.staff.full_name]
        assert not any(f"Họ và tên: {name}" in flat(sheet) for name in others)
        change = result.score - scored.ranking.plan.base_score
        assert (f"điểm chuẩn 100 {'−' if change < 0 else '+'} {format_number(abs(change), 2, fixed=True)} "
                f"= {format_number(result.score, 2, fixed=True)}") in flat(sheet)
        assert f"xếp thứ {result.rank}/{len(results)}" in flat(sheet)
        assert "NGƯỜI ĐƯỢC ĐÁNH GIÁ" in sheet and "NGƯỜI LẬP BIỂU" in sheet
        assert "XÁC NHẬN CỦA LÃNH ĐẠO" in sheet and "CHỦ TỊCH" in sheet  # the head's confirmation
        assert "(Số liệu tạm tính đến ngày 20/11/2026)" in first_page


def test_every_item_is_listed(pages: tuple[list[str], int], scored: ScoredPeriod) -> None:
    per_person = sheets(pages[0])
    with_items = [result for result in scored.ranking.results if result.items]
    assert with_items
    criteria = scored.ranking.plan.criteria
    for result, sheet in zip(scored.ranking.results, per_person, strict=True):
        words = sheet.split()
        text = flat(sheet)
        for item in result.items:
            assert format_date(item.day) in words
            assert format_points(item.contribution) in words
            assert item.criterion_code in text
            assert flat(criteria[item.criterion_code].name)[:12] in text
        total = sum((item.contribution for item in result.items), start=0)
        if result.items:
            assert format_points(total) in words
            assert result.score == scored.ranking.plan.base_score + total
        else:
            assert "Trong kỳ không có nội dung nào được cộng hoặc bị trừ điểm." in text


def test_each_card_numbers_its_own_pages_and_names_the_person(pages: tuple[list[str], int],
                                                              scored: ScoredPeriod) -> None:
    texts, _count = pages
    starts = [index for index, text in enumerate(texts) if TITLE in text]
    ends = [*starts[1:], len(texts)]
    long_cards = 0
    for result, start, end in zip(scored.ranking.results, starts, ends, strict=True):
        assert not re.match(r"\s*(\d+|Trang)", texts[start])  # no number on a card's first page
        for index in range(start + 1, end):
            page = flat(texts[index])
            assert f"Trang {index - start + 1}/{end - start}" in page
            assert f"Phiếu điểm cá nhân: {result.staff.full_name}, Quý II năm 2026 (tiếp theo)" in page
        if end - start > 1:
            long_cards += 1
            last = flat(texts[end - 1])  # the closing stands with the card's last rows
            assert "Cộng" in last and "điểm chuẩn" in last and "NGƯỜI LẬP BIỂU" in last
    assert long_cards >= 1, "the demo should have a card that runs onto a second page"


ITEMS_ON_ONE_PAGE = 8  # measured on demo wards of 5, 45 and 200: a card of 9 items with a grade change can run over


def test_a_card_of_up_to_eight_items_keeps_to_one_page(pages: tuple[list[str], int], scored: ScoredPeriod) -> None:
    """Letterhead, label, block subtotals, items, grade line, thresholds and signatures on one sheet."""
    texts, _count = pages
    starts = [index for index, text in enumerate(texts) if TITLE in text]
    ends = [*starts[1:], len(texts)]
    short = 0
    for result, start, end in zip(scored.ranking.results, starts, ends, strict=True):
        rows = len(result.items) + len(result.clamps)
        if rows <= ITEMS_ON_ONE_PAGE:
            assert end - start == 1, f"{result.staff.full_name}: {rows} items on {end - start} pages"
            page = flat(texts[start])
            assert "Mức xếp loại" in page and ("Cộng" in page) == bool(rows)  # thresholds, the items' total
            assert "NGƯỜI ĐƯỢC ĐÁNH GIÁ" in page and result.staff.full_name in page
            short += rows >= ITEMS_ON_ONE_PAGE - 1 and bool(result.changes)
    assert short >= 2, "the demo should have cards of 7 or 8 items with a grade change, the tallest that fit"


@pytest.mark.parametrize(("score", "line"), [
    (Fraction(9983, 100), "<b>Điểm:</b> điểm chuẩn 100 − 0,17 = <b>99,83</b>"),
    (Fraction(203, 2), "<b>Điểm:</b> điểm chuẩn 100 + 1,50 = <b>101,50</b>"),
    (Fraction(100), "<b>Điểm:</b> điểm chuẩn 100 + 0,00 = <b>100,00</b>"),
    (Fraction(70), "<b>Điểm:</b> điểm chuẩn 100 − 30,00 = <b>70,00</b>"),
])
def test_the_score_line_reads_as_a_sum(vietnamese: None, score: Fraction, line: str) -> None:
    assert score_line(100, score) == line

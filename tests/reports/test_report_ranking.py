"""The ranking summary on paper carries exactly the engine's figures, in the official frame."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pypdf
import pytest

from ward_office import i18n
from ward_office.core.period import FiguresStatus, parse_period
from ward_office.i18n.formatting import format_number, format_points
from ward_office.reports.ranking import write_ranking
from ward_office.scoring.results import ScoredPeriod
from ward_office.services.demo import build_demo
from ward_office.services.ranking import score_stored_period
from ward_office.services.ward import Ward

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScoredPeriod]:
    previous = i18n.current_language()
    i18n.set_language("vi")
    path = tmp_path_factory.mktemp("ranking") / "ward.db"
    build_demo(path, staff=30, months=12, seed=2026, until=TODAY)
    with Ward.open(path, read_only=True) as ward:
        store = ward.store
        yield score_stored_period(store, parse_period("2026-H1"), TODAY)
    i18n.set_language(previous)


@pytest.fixture(scope="module")
def pdf(scored: ScoredPeriod) -> tuple[pypdf.PdfReader, int]:
    out = BytesIO()
    pages = write_ranking(out, scored, day=TODAY, status=FiguresStatus(TODAY))
    out.seek(0)
    return pypdf.PdfReader(out), pages


def whole_text(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_frame_title_and_signatures(pdf: tuple[pypdf.PdfReader, int], scored: ScoredPeriod) -> None:
    reader, pages = pdf
    assert pages == len(reader.pages) >= 2
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)  # landscape
    first = flat(reader.pages[0].extract_text())
    # An appendix of the review report: no number of its own, no motto, the report it goes with.
    for expected in ("ỦY BAN NHÂN DÂN PHƯỜNG TÂN AN", "Phụ lục",
                     "(Kèm theo Báo cáo số ……/BC-UBND ngày ……/……/…… của Ủy ban nhân dân phường Tân An)",
                     "BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA", "6 tháng đầu năm 2026", "Họ và tên", "Tổng điểm",
                     "Xếp loại", "(Số liệu tạm tính đến ngày 20/11/2026)"):
        assert expected in first
    for absent in ("Số: ……/BC-UBND", "Độc lập - Tự do - Hạnh phúc"):
        assert absent not in first
    assert first.startswith("ỦY BAN NHÂN DÂN")  # no page number on page 1
    assert reader.pages[1].extract_text().lstrip().startswith("2")
    text = whole_text(reader)
    for expected in ("NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nơi nhận:", "- Lưu: VT."):
        assert expected in text
    for block in scored.ranking.plan.blocks:
        assert flat(block.name) in flat(text)


def test_every_row_carries_the_engine_score(pdf: tuple[pypdf.PdfReader, int], scored: ScoredPeriod) -> None:
    text = whole_text(pdf[0])
    results = scored.ranking.results
    assert len(results) == 30
    positions = []
    cursor = 0
    for result in results:
        cursor = text.index(result.staff.full_name, cursor)
        positions.append(cursor)
        cursor += len(result.staff.full_name)
    positions.append(len(text))
    blocks = scored.ranking.plan.blocks
    for index, result in enumerate(results):
        row = text[positions[index]:positions[index + 1]].split()
        assert format_number(result.score, 2, fixed=True) in row, result.staff.full_name
        assert result.grade.code in row
        for block in blocks:  # two decimals in every block column, "0,00" included
            assert format_points(result.block_totals.get(block.code, 0), 2, fixed=True) in row
        figures = [word for word in row if re.fullmatch(r"[-+]?\d+(,\d+)?", word) and "," in word]
        assert figures and all(re.fullmatch(r"[-+]?\d+,\d\d", figure) for figure in figures)
        assert str(result.rank) in text[:positions[index]].split()[-8:]  # STT and rank open the row


def test_grade_counts_and_change_notes(pdf: tuple[pypdf.PdfReader, int], scored: ScoredPeriod) -> None:
    text = flat(whole_text(pdf[0]))
    counts = Counter(result.grade.code for result in scored.ranking.results)
    parts = "; ".join(f"{grade.name} ({grade.code}): {counts.get(grade.code, 0)}"
                      for grade in scored.ranking.plan.grades)
    assert f"Tổng số 30 người; {parts}." in text  # the counts explain the codes of the Grade column
    concerned: dict[str, set[str]] = {}
    for result in scored.ranking.results:
        for change in result.changes:
            concerned.setdefault(flat(change.localized()), set()).add(result.staff.full_name)
    assert concerned, "the demo ward should have a quota demotion or a ceiling"
    for number, (explanation, names) in enumerate(concerned.items(), start=1):
        assert f"({number}) {explanation}: {len(names)} người." in text
        for name in names:  # named in their row only, never again in a paragraph of names
            assert text.count(name) == 1 + sum(other.staff.full_name != name and name in other.staff.full_name
                                               for other in scored.ranking.results)


def test_two_hundred_people_fit_some_twenty_five_to_a_page(tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("ranking200") / "ward.db"
    build_demo(path, staff=200, months=1, seed=5, until=TODAY)
    with Ward.open(path, read_only=True) as ward:
        store = ward.store
        big = score_stored_period(store, parse_period("2026-11"), TODAY)
    out = BytesIO()
    pages = write_ranking(out, big, day=TODAY)
    reader = pypdf.PdfReader(BytesIO(out.getvalue()))
    people = len(big.ranking.results)
    assert people >= 180
    assert pages <= people // 20 + 1
    codes = {grade.code for grade in big.ranking.plan.grades}
    for page in reader.pages[1:-1]:  # a middle page: one grade code per row
        rows = [line for line in page.extract_text().splitlines() if line.strip() in codes]
        assert len(rows) >= 24, len(rows)


def test_writes_to_a_file(tmp_path: Path, scored: ScoredPeriod) -> None:
    out = tmp_path / "xep-loai.pdf"
    assert write_ranking(out, scored, day=TODAY) >= 2
    assert out.read_bytes().startswith(b"%PDF")

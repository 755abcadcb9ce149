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
from ward_office.core.period import parse_period
from ward_office.i18n.formatting import format_number
from ward_office.reports.ranking import write_ranking
from ward_office.services.presentation import ScoredPeriod
from ward_office.services.records import build_demo, existing_store, score_stored_period

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScoredPeriod]:
    previous = i18n.current_language()
    i18n.set_language("vi")
    path = tmp_path_factory.mktemp("ranking") / "ward.db"
    build_demo(path, staff=30, months=12, seed=2026, until=TODAY)
    with existing_store(path) as store:
        yield score_stored_period(store, parse_period("2026-H1"), TODAY)
    i18n.set_language(previous)


@pytest.fixture(scope="module")
def pdf(scored: ScoredPeriod) -> tuple[pypdf.PdfReader, int]:
    out = BytesIO()
    pages = write_ranking(out, scored, day=TODAY)
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
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: ……/BC-UBND",
                     "Phường Tân An, ngày 20 tháng 11 năm 2026", "BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA",
                     "6 tháng đầu năm 2026", "Họ và tên", "Tổng điểm", "Xếp loại"):
        assert expected in first
    assert first.startswith("THÀNH PHỐ CẦN THƠ")  # no page number on page 1
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
    for index, result in enumerate(results):
        row = text[positions[index]:positions[index + 1]].split()
        assert format_number(result.score) in row, result.staff.full_name
        assert str(result.rank) in text[:positions[index]].split()[-8:]  # STT and rank open the row


def test_grade_counts_and_change_notes(pdf: tuple[pypdf.PdfReader, int], scored: ScoredPeriod) -> None:
    text = flat(whole_text(pdf[0]))
    counts = Counter(result.grade.code for result in scored.ranking.results)
    parts = "; ".join(f"{grade.name}: {counts.get(grade.code, 0)}" for grade in scored.ranking.plan.grades)
    assert f"Tổng số 30 người; {parts}." in text
    changes = [change for result in scored.ranking.results for change in result.changes]
    assert changes, "the demo ward should have a quota demotion or a ceiling"
    for change in changes:
        assert flat(change.localized()) in text
    assert re.search(r"\(1\) ", text)


def test_writes_to_a_file(tmp_path: Path, scored: ScoredPeriod) -> None:
    out = tmp_path / "xep-loai.pdf"
    assert write_ranking(out, scored, day=TODAY) >= 2
    assert out.read_bytes().startswith(b"%PDF")

"""What people read about entered points: the ranking PDF, the scorecards, the CSV, JSON and Excel exports say
"chưa chấm" for whoever lacks an entry, with no rank, and how many they are; a scorecard shows an entered item
as "35/40" with the person's self-assessment beside it."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from io import BytesIO
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook

from ward_office.core.checks import Event
from ward_office.core.entered_scores import ScoreEntry
from ward_office.core.period import FiguresStatus, month
from ward_office.core.staff import StaffId
from ward_office.reports.ranking import write_ranking
from ward_office.reports.scorecards import write_scorecards
from ward_office.scoring.results import ScoredPeriod
from ward_office.services.entered_scores import enter_scores
from ward_office.services.export import export
from ward_office.services.presentation import ranking_rows, ranking_to_json
from ward_office.services.ranking import score_records
from ward_office.services.ward import Ward

AN, BINH, CUONG = StaffId(1), StaffId(2), StaffId(3)
TODAY = date(2026, 5, 5)


@pytest.fixture
def scored(ward: Ward) -> ScoredPeriod:
    """April: An 35 (self-assessed 38) + 30 → 95; Bình 40 + 27.5 → 97.5, one badge missed (−2) → 95.5; Cường
    NV1 20 entered, NV2 missing: not graded yet."""
    enter_scores(ward, date(2026, 4, 1), [
        ScoreEntry(AN, "NV1", Fraction(35), Fraction(38)), ScoreEntry(AN, "NV2", Fraction(30)),
        ScoreEntry(BINH, "NV1", Fraction(40)), ScoreEntry(BINH, "NV2", Fraction(55, 2)),
        ScoreEntry(CUONG, "NV1", Fraction(20))])
    ward.store.events.add(Event(BINH, date(2026, 4, 8), "VH1"), "vanthu")
    return score_records(ward.store, month(2026, 4), TODAY)


def pdf_text(write, scored: ScoredPeriod) -> str:  # type: ignore[no-untyped-def]
    out = BytesIO()
    write(out, scored, day=TODAY, status=FiguresStatus(TODAY))
    out.seek(0)
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(out).pages)


def test_the_ranking_pdf_says_who_is_not_graded_yet(scored: ScoredPeriod, vietnamese: None) -> None:
    text = pdf_text(write_ranking, scored)
    assert "1 1 Trần Thị Bình Chuyên viên 28,00/30 67,50/70 95,50 A" in text
    assert "2 2 Lê Văn An Chuyên viên 30,00/30 65,00/70 95,00 B (1)" in text
    assert "3 – Phạm Văn Cường Chuyên viên 30,00/30 chưa chấm – chưa chấm" in text  # no total until graded
    assert "Chưa chấm: 1 người còn thiếu điểm Lãnh đạo chấm của tháng có công tác (Phạm Văn Cường)" in text
    assert "Tổng số 3 người; Hoàn thành xuất sắc nhiệm vụ (A): 1; Hoàn thành tốt nhiệm vụ (B): 1; " \
           "Hoàn thành nhiệm vụ (C): 0; Chưa chấm: 1." in text


def test_a_scorecard_shows_the_entered_points_and_the_self_assessment(scored: ScoredPeriod,
                                                                      vietnamese: None) -> None:
    text = pdf_text(write_scorecards, scored)
    an = text[text.index("Họ và tên: Lê Văn An"):text.index("Họ và tên: Phạm Văn Cường")]
    assert "1 04/2026 NV1 — Khối lượng công việc -5 35/40 (tự chấm 38)" in an
    assert "2 04/2026 NV2 — Chất lượng, tiến độ 0 30/30" in an
    assert "Xếp loại: Hoàn thành tốt nhiệm vụ; xếp thứ 2/3." in an
    cuong = text[text.index("Họ và tên: Phạm Văn Cường"):]
    assert "04/2026 NV2 — Chất lượng, tiến độ chưa chấm" in cuong
    assert ("Xếp loại: chưa chấm, chưa xếp thứ: còn thiếu điểm Lãnh đạo chấm (tháng 4/2026 thiếu “Chất lượng, "
            "tiến độ”).") in cuong


def test_csv_and_json_say_not_graded_yet_and_how_many(scored: ScoredPeriod, vietnamese: None) -> None:
    rows = ranking_rows(scored)
    assert [row[:7] for row in rows[1:4]] == [
        [1, "CB002", "Trần Thị Bình", "Chuyên viên", "", pytest.approx(95.5), "Hoàn thành xuất sắc nhiệm vụ"],
        [2, "CB001", "Lê Văn An", "Chuyên viên", "", pytest.approx(95), "Hoàn thành tốt nhiệm vụ"],
        ["", "CB003", "Phạm Văn Cường", "Chuyên viên", "", pytest.approx(80), "chưa chấm"]]
    assert str(rows[4][7]).startswith("Chưa chấm: 1 người")
    people = ranking_to_json(scored)
    assert people["ungraded_count"] == 1
    cuong = people["people"][2]
    assert (cuong["rank"], cuong["grade"], cuong["grade_name"], cuong["ungraded"]) == (
        None, None, "chưa chấm", [{"month": "2026-04-01", "item": "NV2"}])
    (nv1,) = [item for item in people["people"][1]["items"] if item["criterion"] == "NV1"]
    assert (nv1["points"], nv1["entered_points"], nv1["maximum"], nv1["self_points"]) == (-5, 35, 40, 38)


def test_the_excel_ranking_says_not_graded_yet(ward: Ward, scored: ScoredPeriod, tmp_path: Path,
                                               vietnamese: None) -> None:
    out = tmp_path / "xep-loai.xlsx"
    export(ward, "ranking", "2026-04", out, today=TODAY)
    cells = [str(cell) for row in load_workbook(out).active.iter_rows(values_only=True) for cell in row
             if cell is not None]
    assert "chưa chấm" in cells
    assert any(cell.startswith("Chưa chấm: 1 người còn thiếu điểm") for cell in cells)

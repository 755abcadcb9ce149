"""The review report's section on citizens' satisfaction, on the golden five-person ward (citizens_book; the
figures of March 2026 worked out by hand in test_citizens_golden.py).

By hand, the first quarter of 2026 (all of it in March):
- device ratings by level (very satisfied, satisfied, not satisfied): An 30/8/2, Bình 10/6/4, Chi 5/0/0, Dũng 0/0/10,
  Em 6/5/1 → 51/19/17; paper tallies Bình 0/1/4, Chi 5/1/0 → 5/2/4; together 56/21/21 = 98 ratings, 77 satisfied,
  78,6 %. The unknown "Nguyễn Văn Khách" is not imported.
- the office (Chi 11 of 11, Dũng 0 of 10): 11 of 21; the one-stop counter (An 38/40, Bình 17/25, Em 11/12): 66 of 77.
- received: 2 praise, 3 complaints; verified 3 (An's praise, Bình's and Dũng's complaints), 1 found not true
  (Bình's second complaint), none answered, so all 5 still open.
- the fourth quarter of 2025: nothing.
The second quarter holds only Bình's rating of 1 April, "not satisfied": 0 of 1, 0 %, down 78,6 points.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from citizens_book import open_ward
from test_citizens_golden import MAPPING, TODAY, device_export

from ward_office.core.citizens import FeedbackChannel, FeedbackKind, RatingCounts
from ward_office.core.period import half_year, quarter
from ward_office.reports.review_citizens import summary_sentence
from ward_office.services.citizens import enter_tally, import_ratings, receive_feedback, verify_feedback
from ward_office.services.citizens.review_figures import citizen_figures
from ward_office.services.demo import build_demo
from ward_office.services.printing import write_report
from ward_office.services.ward import Ward


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ward]:
    folder = tmp_path_factory.mktemp("review_citizens")
    ward, ids = open_ward(folder / "ward.db")
    with ward:
        import_ratings(ward, device_export(folder), mapping=MAPPING)
        enter_tally(ward, ids["CB002"], date(2026, 3, 1), RatingCounts(0, 1, 4))
        enter_tally(ward, ids["CB003"], date(2026, 3, 1), RatingCounts(5, 1, 0))
        found = [  # None: left awaiting verification
            (FeedbackKind.PRAISE, date(2026, 3, 9), "CB001", True),
            (FeedbackKind.COMPLAINT, date(2026, 3, 12), "CB002", True),
            (FeedbackKind.COMPLAINT, date(2026, 3, 20), "CB002", False),
            (FeedbackKind.COMPLAINT, date(2026, 3, 25), "CB004", True),
            (FeedbackKind.PRAISE, date(2026, 3, 30), "CB005", None),
        ]
        for kind, day, code, verified in found:
            item = receive_feedback(ward, kind, day, FeedbackChannel.LETTER, ids[code], "Nội dung", today=TODAY)
            if verified is not None:
                verify_feedback(ward, item.id or 0, verified, "" if verified else "Không đúng", today=TODAY)
        yield ward


def test_the_quarter_beside_the_one_before(ward: Ward) -> None:
    figures = citizen_figures(ward, quarter(2026, 1))
    assert figures is not None
    now, before = figures.now, figures.previous
    assert now.ratings == RatingCounts(56, 21, 21) and now.ratings.content == 77
    assert (now.praise, now.complaints, now.verified, now.not_verified, now.answered, now.still_open) == (
        2, 3, 3, 1, 0, 5)
    assert before.period == quarter(2025, 4) and before.ratings.total == 0 and not before.any
    assert [(department.name, department.ratings.content, department.ratings.total, department.previous.total)
            for department in figures.departments] == [
        ("Văn phòng HĐND-UBND", 11, 21, 0), ("Bộ phận một cửa", 66, 77, 0)]


def test_the_section_says_it_in_words(ward: Ward, vietnamese: None) -> None:
    first = citizen_figures(ward, quarter(2026, 1))
    assert first is not None
    assert summary_sentence(first) == (
        "Trong Quý I năm 2026, người dân đã đánh giá 98 lượt; 77 lượt hài lòng hoặc rất hài lòng, tỷ lệ hài lòng "
        "đạt 78,6%. Quý IV năm 2025 chưa có đánh giá để so sánh. Đã tiếp nhận 2 lời khen và 3 phản ánh: 3 đã xác "
        "minh, 1 không đúng sự việc, 0 đã trả lời, 5 còn chờ xác minh hoặc chờ trả lời.")
    second = citizen_figures(ward, quarter(2026, 2))
    assert second is not None and second.now.ratings == RatingCounts(0, 0, 1)
    assert "So với Quý I năm 2026 (78,6%): giảm 78,6 điểm phần trăm." in summary_sentence(second)
    assert citizen_figures(ward, half_year(2026, 1)).now.ratings.total == 99  # type: ignore[union-attr]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_review_report_prints_it_after_the_departments(ward: Ward, tmp_path: Path, vietnamese: None) -> None:
    out = tmp_path / "review.pdf"
    write_report(ward, "review", "2026-Q1", out, today=TODAY)
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    order = [text.index(heading) for heading in ("2. Kết quả theo bộ phận", "3. Sự hài lòng của người dân",
                                                 "4. Cá nhân có điểm cao nhất", "5. Đề nghị khen thưởng")]
    assert order == sorted(order)
    assert "Tỷ lệ hài lòng 78,6% chưa có đánh giá" in text


def test_a_ward_without_the_citizens_voice_gets_no_section(tmp_path: Path) -> None:
    build_demo(tmp_path / "demo.db", staff=4, months=1, seed=7, until=date(2026, 3, 31))
    with Ward.open(tmp_path / "demo.db") as demo:
        assert citizen_figures(demo, quarter(2026, 1)) is None

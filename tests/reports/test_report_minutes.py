"""The review meeting's minutes: blanks where the meeting's facts are not entered, the facts where they are; a
short content (counts per grade) and a conclusion on commendation, reminders and discipline."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pypdf
import pytest

from ward_office import i18n
from ward_office.core.access import Account, Role
from ward_office.core.period import parse_period
from ward_office.core.review import MeetingFacts, ReviewNotes
from ward_office.i18n.formatting import format_number
from ward_office.reports.review_minutes import proposed
from ward_office.scoring.results import ScoredPeriod
from ward_office.services.demo import build_demo
from ward_office.services.ranking import score_stored_period
from ward_office.services.report_renders import render_minutes
from ward_office.services.reviews import save_review
from ward_office.services.ward import Ward

Rendered = tuple[pypdf.PdfReader, int, bytes, ScoredPeriod]

HEAD = Account(None, "truong", "", Role.HEAD)  # the demo head, as stored in the book
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
    with Ward.open(path, read_only=True) as ward:
        store = ward.store
        pages = render_minutes(ward, parse_period(period), out, TODAY, {})
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
    order = ["Số: ……/BB-UBND", "ngày 20 tháng 11 năm 2026", "BIÊN BẢN",
             "Họp bình xét thi đua sơ kết 6 tháng đầu năm 2026",
             "Số liệu tạm tính đến ngày 20/11/2026",
             "Thời gian: …………… giờ …………… phút, ngày …………… tháng …………… năm ……………", "Địa điểm: ……",
             "I. THÀNH PHẦN", "- Chủ trì:", "- Thư ký: ……", "- Thành viên có mặt:", "- Vắng mặt:",
             "II. NỘI DUNG", "6 tháng đầu năm 2026", "Số người được chấm điểm: 30", "III. BIỂU QUYẾT",
             "Số thành viên biểu quyết: ……………", "tán thành:", "IV. KẾT LUẬN",
             "1. Cuộc họp thống nhất đề nghị khen thưởng",
             "Cuộc họp kết thúc vào lúc …………… giờ …………… phút cùng ngày.", "THƯ KÝ", "CHỦ TRÌ"]
    cursor = 0
    for expected in order:
        found = text.find(expected, cursor)
        assert found >= 0, expected
        cursor = found + len(expected)
    assert scored.ranking.plan.name in text
    assert "danh hiệu" not in text  # a grade is a mức xếp loại
    assert "Chủ tịch" in text.split("- Chủ trì:")[1][:200]
    assert b"/FontFile2" in data and b"LiberationSerif" in data


def test_content_is_the_counts_not_every_person(first_half: Rendered) -> None:
    reader, _pages, _data, scored = first_half
    content = whole(reader).split("II. NỘI DUNG", 1)[1].split("III. BIỂU QUYẾT", 1)[0]
    counts = {grade.name: sum(result.grade.code == grade.code for result in scored.ranking.results)
              for grade in scored.ranking.plan.grades}
    for name, count in counts.items():
        assert f"{name}: {count}" in content
    quota = scored.ranking.quota_limit
    assert quota is not None and f"không quá {quota} người" in content
    assert f" {format_number(scored.ranking.results[len(scored.ranking.results) // 2].score)} " not in content


def test_conclusion_proposes_the_top_grade_and_the_reminders(first_half: Rendered) -> None:
    reader, _pages, _data, scored = first_half
    conclusion = whole(reader).split("IV. KẾT LUẬN", 1)[1].split("Cuộc họp kết thúc", 1)[0]
    best = scored.ranking.plan.grades[0]
    expected = [result for result in scored.ranking.results if result.grade.code == best.code]
    assert expected and proposed(scored.ranking) == expected
    assert f"đề nghị khen thưởng (Giấy khen của Chủ tịch Ủy ban nhân dân phường) đối với {len(expected)} cá nhân" \
        in conclusion
    for number, result in enumerate(expected, start=1):
        assert flat(f"{number} {result.staff.full_name}") in conclusion
    reminded = [result for result in scored.ranking.results if result.grade.code != best.code
                and result.grade.code != scored.ranking.plan.grades[-1].code
                and (result.grade.code == scored.ranking.plan.grades[-2].code or result.unexcused_absences)]
    assert (f"2. Cuộc họp thống nhất nhắc nhở {len(reminded)} cá nhân" if reminded
            else "2. Không có cá nhân nào bị nhắc nhở") in conclusion
    assert "3. " in conclusion and "xem xét kỷ luật" in conclusion


def test_the_meeting_facts_print_when_entered(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "ward.db"
    shutil.copyfile(demo, copy)
    facts = MeetingFacts(day=date(2026, 7, 9), start_time="08:30", end_time="10:15", place="Hội trường UBND phường",
                         chair="Trần Quốc Hùng, Chủ tịch UBND", secretary="Lê Thị Mai", members_present=9,
                         members_names="Các thành viên Hội đồng Thi đua - Khen thưởng phường", absent=1,
                         absent_reason="đi công tác", votes_for=8, votes_against=1)
    with Ward.open(copy, account=HEAD) as ward:
        save_review(ward, parse_period("2026-H1"), ReviewNotes(facts), TODAY)
    text = whole(render(copy, "2026-H1")[0])
    for expected in ("Phường Tân An, ngày 09 tháng 7 năm 2026", "Thời gian: 08 giờ 30 phút, ngày 09 tháng 07 năm 2026.",
                     "Địa điểm: Hội trường UBND phường", "- Chủ trì: Trần Quốc Hùng, Chủ tịch UBND.",
                     "- Thư ký: Lê Thị Mai", "- Thành viên có mặt: 9 người",
                     "Các thành viên Hội đồng Thi đua - Khen thưởng phường", "- Vắng mặt: 1 người; lý do: đi công tác",
                     "Số thành viên biểu quyết: 9; tán thành: 8 (88,9%); không tán thành: 1 (11,1%).",
                     "kết thúc vào lúc 10 giờ 15 phút cùng ngày."):
        assert expected in text, expected
    signatures = text.rsplit("THƯ KÝ", 1)[1]
    assert "Lê Thị Mai" in signatures and "Trần Quốc Hùng" in signatures


def test_a_year_is_the_annual_review(demo: Path) -> None:
    reader, pages, _data, _scored = render(demo, "2026")
    assert pages == len(reader.pages)
    assert "Họp bình xét thi đua tổng kết năm 2026" in whole(reader)
    reader, _pages, _data, _scored = render(demo, "2026-H2")
    assert "sơ kết 6 tháng cuối năm 2026" in whole(reader)

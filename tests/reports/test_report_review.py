"""The review report, the submission and the decision: figures against the period before, departments, the
lists, and the head's edited text printed as edited (read back with pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ward_office import i18n
from ward_office.core.access import Account, Role
from ward_office.core.period import half_year
from ward_office.core.review import MeetingFacts, ProposalList, ReviewNotes, Section
from ward_office.i18n.formatting import format_number
from ward_office.services import reviews
from ward_office.services.demo import build_demo
from ward_office.services.printing import write_report
from ward_office.services.ward import Ward, in_own_ward

HEAD = Account(None, "truong", "", Role.HEAD)  # the demo head, as stored in the book
TODAY = date(2026, 11, 20)
H1 = half_year(2026, 1)
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    previous = i18n.current_language()
    i18n.set_language("vi")
    path = tmp_path_factory.mktemp("review") / "ward.db"
    build_demo(path, staff=20, months=18, seed=2026, until=TODAY)
    yield path
    i18n.set_language(previous)


def text_of(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def test_review_report_has_figures_comparison_departments_and_lists(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.pdf"
    in_own_ward(demo, lambda ward: write_report(ward, "review", "2026-H1", out, today=TODAY), read_only=True)
    text = text_of(out)
    with Ward.open(demo, read_only=True) as ward:
        papers = reviews.review_papers(ward, H1, TODAY)
    for expected in ("Số: ……/BC-UBND", "BÁO CÁO",
                     "Sơ kết 6 tháng đầu năm 2026 thực hiện kế hoạch thi đua văn hóa công sở",
                     "Số liệu tạm tính đến ngày 20/11/2026", "I. KẾT QUẢ THỰC HIỆN", "6 tháng cuối năm 2025",
                     "chưa có số liệu", "2. Kết quả theo bộ phận", "a) Đề nghị khen thưởng",
                     "II. ĐÁNH GIÁ CHUNG", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ", "TM. ỦY BAN NHÂN DÂN", "PHỤ LỤC"):
        assert expected in text, expected
    # The score's label under the report's title.
    assert "không thay thế xếp loại chất lượng theo Nghị định 335/2025/NĐ-CP" in text
    previous = papers.comparisons[0].figures
    assert previous is not None
    assert f"Số người được chấm điểm 20 {previous.headcount}" in text
    assert f"Vi phạm {papers.figures.violations} {previous.violations} chưa có số liệu" in text
    for summary in papers.departments:
        assert summary.name.split()[0] in text
        assert f"{summary.people} {format_number(summary.average_score, 2, fixed=True)} {summary.violations}" in text
    commended = papers.lists[ProposalList.COMMENDATION]
    assert f"Đề nghị khen thưởng: {len(commended)} người" in text
    reminder, discipline = papers.lists[ProposalList.REMINDER], papers.lists[ProposalList.DISCIPLINE]
    assert (f"Đề nghị nhắc nhở: {len(reminder)} người" if reminder else "Đề nghị nhắc nhở: không có") in text
    assert (f"Đề nghị xem xét kỷ luật: {len(discipline)} người" if discipline
            else "Đề nghị xem xét kỷ luật: không có") in text


def test_an_edited_section_prints_as_edited(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "ward.db"
    shutil.copyfile(demo, copy)
    with Ward.open(copy, account=HEAD) as ward:
        generated = reviews.generated_sections(reviews.review_papers(ward, H1, TODAY))
        reviews.save_review(ward, H1, ReviewNotes(sections={
            Section.WEAKNESSES: "Một số bộ phận còn để cán bộ đi muộn vào sáng thứ Hai.",
            Section.AWARD: "Giấy khen của Chủ tịch UBND phường Tân An"}), TODAY)
    out = tmp_path / "review.pdf"
    in_own_ward(copy, lambda ward: write_report(ward, "review", "2026-H1", out, today=TODAY), read_only=True)
    text = text_of(out)
    assert "2. Hạn chế Một số bộ phận còn để cán bộ đi muộn vào sáng thứ Hai." in text
    assert " ".join(generated[Section.WEAKNESSES].split()) not in text
    assert " ".join(generated[Section.STRENGTHS].split()) in text  # not edited: the program's text
    decision = tmp_path / "decision.pdf"
    in_own_ward(copy, lambda ward: write_report(ward, "decision", "2026-H1", decision, today=TODAY), read_only=True)
    text = text_of(decision)
    for expected in ("Số: ……/QĐ-UBND", "QUYẾT ĐỊNH", "Về việc khen thưởng", "Căn cứ Luật Thi đua, khen thưởng",
                     "Điều 1. Tặng Giấy khen của Chủ tịch UBND phường Tân An cho", "Điều 2.", "Điều 3.",
                     "TM. ỦY BAN NHÂN DÂN", "Như Điều 3;", "DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG"):
        assert expected in text, expected


def test_the_submission_names_the_decided_list(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "ward.db"
    shutil.copyfile(demo, copy)
    with Ward.open(copy, account=HEAD) as ward:
        ranking = ward.score(H1, TODAY).ranking
        chosen = ranking.results[1]
        reviews.save_review(ward, H1, ReviewNotes(MeetingFacts(day=date(2026, 7, 8)),
                                                  lists={ProposalList.COMMENDATION: (chosen.staff.id,)}), TODAY)
    out = tmp_path / "proposal.pdf"
    in_own_ward(copy, lambda ward: write_report(ward, "proposal", "2026-H1", out, today=TODAY), read_only=True)
    text = text_of(out)
    assert "TỜ TRÌNH" in text and "Số: ……/TTr-UBND" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân phường Tân An" in text
    assert "tại cuộc họp bình xét thi đua ngày 08 tháng 7 năm 2026" in text
    assert "cho 1 cá nhân" in text
    appendix = text.split("DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG", 1)[1]
    assert chosen.staff.full_name in appendix
    assert ranking.results[0].staff.full_name not in appendix

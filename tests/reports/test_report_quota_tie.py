"""The ranking summary says where the tie at the quota line stands: waiting for the emulation council, or
decided on a day by minutes of a number."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pypdf

from ward_office.core.period import FiguresStatus, month
from ward_office.core.plan import load_plan
from ward_office.core.quota import QuotaDecision
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.core.unit import Unit
from ward_office.paths import plans_dir
from ward_office.reports.ranking import write_ranking
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.results import ScoredPeriod

OCT = month(2026, 10)
STAFF = tuple(Staff(f"CB{number:03d}", f"Nguyễn Văn Người{number}", Gender.MALE, "Chuyên viên",
                    StaffCategory.CONG_CHUC, id=StaffId(number)) for number in range(1, 6))


def summary_text(decisions: tuple[QuotaDecision, ...]) -> str:
    plan = load_plan((plans_dir() / "van-hoa-cong-so.toml").read_text(encoding="utf-8"))
    # Five at 100, one place.
    ranking = score_period(ScoringInput(plan, OCT, STAFF, (), (), 5, quota_decisions=decisions))
    out = BytesIO()
    write_ranking(out, ScoredPeriod(ranking, {}, Unit()), day=date(2026, 11, 20),
                  status=FiguresStatus(date(2026, 11, 20)))
    out.seek(0)
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(out).pages).split())


def test_the_summary_says_the_tie_waits_then_cites_the_decision(vietnamese) -> None:
    assert ("1 suất Xuất sắc cho 5 người bằng 100 điểm — chờ Hội đồng thi đua quyết định"
            in summary_text(()))
    decision = QuotaDecision(OCT, "A", 1, tuple(StaffId(number) for number in range(1, 6)), (StaffId(4),),
                             date(2026, 11, 5), "12/BB-HĐTĐ", "Bỏ phiếu kín", "truong", datetime(2026, 11, 5, 16))
    text = summary_text((decision,))
    assert "Hội đồng thi đua đã quyết định ngày 05/11/2026 (biên bản số 12/BB-HĐTĐ)" in text
    assert "1 trong 5 người bằng điểm giữ mức Xuất sắc" in text

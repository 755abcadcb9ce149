"""What a person needs to check a score alone, on every output: block subtotals out of their maximum, the cap
that stopped an item, what a floor or maximum stopped, the grade thresholds, the plan's version and the label
saying the score is an internal one. A two-person ward under a plan with every bound, computed by hand:

- An (NV01): 4 lates × −2 in "Thời gian làm việc" (worth 5, floor 0): 5 − 8 = −3, the floor gives 3 back (0/5);
  3 missing badges × −2 under a criterion cap of 3: −2, −1 (capped), 0 (capped). Score 100 − 8 − 3 + 3 = 92.
- Bình (NV02): 3 commendations × 5 in a bonus block worth at most 10: 15 → 10 (−5); 100 + 10 = 110 → the plan's
  maximum 100 (−10). Score 100.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pypdf
import pytest

from ward_office.core.attendance import Attendance
from ward_office.core.checks import Event
from ward_office.core.period import FiguresStatus, month
from ward_office.core.plan import load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.core.unit import Unit
from ward_office.reports.ranking import write_ranking
from ward_office.reports.scorecards import write_scorecards
from ward_office.scoring import ScoredPeriod, ScoringInput, score_period
from ward_office.services.export import items_sheet, ranking_sheet
from ward_office.services.presentation import ranking_rows, ranking_table, ranking_to_json
from ward_office.services.standings import score_breakdown

pytestmark = pytest.mark.usefixtures("vietnamese")

TODAY = date(2026, 6, 5)
MAY = month(2026, 5)
LABEL = ("Điểm thi đua nội bộ theo kế hoạch thi đua văn hóa công sở; không thay thế xếp loại chất lượng cán bộ, "
         "công chức theo Nghị định 335/2025/NĐ-CP.")
PLAN_LINE = ("Kế hoạch thi đua: Kế hoạch có giới hạn, phiên bản 3. Mức xếp loại (điểm): Xuất sắc ≥ 90; "
             "Chưa xuất sắc < 90.")
CARD_GRADES = "Mức xếp loại theo kế hoạch (phiên bản 3), theo điểm: Xuất sắc ≥ 90; Chưa xuất sắc < 90."
FLOOR = ("điểm sàn của nhóm tiêu chí “Thời gian làm việc” (0 điểm): không trừ thêm 3 điểm (tháng 5 năm 2026)")
BONUS = ("điểm tối đa của nhóm tiêu chí “Điểm thưởng” (10 điểm): không cộng thêm 5 điểm (tháng 5 năm 2026)")
TOTAL = "điểm tối đa của tổng điểm (100 điểm): không cộng thêm 10 điểm (tháng 5 năm 2026)"
PLAN = """
[plan]
code = "GH"
name = "Kế hoạch có giới hạn"
version = 3
base_score = 100
maximum = 100

[[blocks]]
code = "TG"
name = "Thời gian làm việc"
maximum = 5
floor = 0

[[blocks.criteria]]
code = "MUON"
name = "Đi muộn"
points = -2

[[blocks]]
code = "TP"
name = "Trang phục"

[[blocks.criteria]]
code = "THE"
name = "Không đeo thẻ"
points = -2
cap = 3

[[blocks]]
code = "DT"
name = "Điểm thưởng"
maximum = 10

[[blocks.criteria]]
code = "KT"
name = "Biểu dương"
points = 5

[[attendance_rules]]
on = "late"
criterion = "MUON"

[[grades]]
code = "XS"
name = "Xuất sắc"
min_score = 90

[[grades]]
code = "CX"
name = "Chưa xuất sắc"
min_score = 0
"""


@pytest.fixture
def scored(vietnamese: None) -> ScoredPeriod:
    staff = tuple(Staff(f"NV0{number}", name, Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC,
                        id=StaffId(number)) for number, name in ((1, "Trần Thị An"), (2, "Lê Thị Bình")))
    lates = [Attendance(StaffId(1), date(2026, 5, day), Session.MORNING, late_minutes=20) for day in (4, 5, 6, 7)]
    events = [Event(StaffId(1), date(2026, 5, day), "THE") for day in (11, 12, 13)]
    events += [Event(StaffId(2), date(2026, 5, day), "KT") for day in (11, 12, 13)]
    ranking = score_period(ScoringInput(load_plan(PLAN), MAY, staff, tuple(lates), tuple(events), 5))
    return ScoredPeriod(ranking, {}, Unit(name="Ủy ban nhân dân phường Tân An", place_name="Phường Tân An"))


def pdf_text(write, scored: ScoredPeriod) -> str:
    out = BytesIO()
    write(out, scored, day=TODAY, status=FiguresStatus(TODAY))
    out.seek(0)
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(out).pages)


def test_the_hand_computed_scores(scored: ScoredPeriod) -> None:
    an, binh = sorted(scored.ranking.results, key=lambda result: result.staff.code)
    assert (an.score, binh.score) == (92, 100)
    assert [item.points for item in an.items if item.criterion_code == "THE"] == [-2, -1, 0]
    assert [clamp.points for clamp in an.clamps] == [3]
    assert [clamp.points for clamp in binh.clamps] == [-5, -10]


def test_scorecards_show_block_subtotals_caps_bounds_thresholds_and_the_label(scored: ScoredPeriod) -> None:
    text = pdf_text(write_scorecards, scored)
    assert text.count(LABEL) == 2  # on each person's card
    assert text.count(CARD_GRADES) == 2  # the card's title names the plan: "Kế hoạch có giới hạn — Tháng 5 …"
    assert text.count("Kế hoạch có giới hạn — Tháng 5 năm 2026") == 2
    # An: "Thời gian làm việc 0/5", "Trang phục −3", "Điểm thưởng 0/10"; Bình: 5/5, 0, 10/10.
    assert "0/5 -3 0/10" in text.replace("−", "-") and "5/5 0 10/10" in text
    assert "vượt mức tối đa 3 điểm của tiêu chí: chỉ tính 1" in text
    assert "vượt mức tối đa 3 điểm của tiêu chí: chỉ tính 0" in text
    for clamp in (FLOOR, BONUS, TOTAL):
        assert clamp in text
    # The items and the bounds add up to the score.
    assert "Cộng -8" in text.replace("−", "-") and "điểm chuẩn 100 − 8,00 = 92,00" in text
    assert "Cộng 0" in text and "điểm chuẩn 100 + 0,00 = 100,00" in text


def test_the_ranking_shows_bounded_blocks_out_of_their_maximum_and_the_label(scored: ScoredPeriod) -> None:
    text = pdf_text(write_ranking, scored)
    assert LABEL in text and PLAN_LINE in text
    assert "5,00/5 0,00 10,00/10 100,00" in text  # Bình first
    assert "0,00/5 -3,00 0,00/10 92,00" in text.replace("−", "-")


def test_excel_sheets_carry_the_label_and_what_the_bounds_stopped(scored: ScoredPeriod) -> None:
    ranking = ranking_sheet(scored)
    assert ranking.lines == (LABEL,) and PLAN_LINE in ranking.notes
    names = [column.header for column in ranking.columns]
    assert names[5:8] == ["Thời gian làm việc (tối đa 5)", "Trang phục", "Điểm thưởng (tối đa 10)"]
    assert [row[5:9] for row in ranking.rows] == [[5, 0, 10, 100], [0, -3, 0, 92]]
    items = items_sheet(scored)
    assert items.lines == (LABEL,)
    bounds = [(row[0], row[5], row[7]) for row in items.rows if row[11] == "Điểm sàn, điểm tối đa của kế hoạch"]
    assert bounds == [("NV02", BONUS, -5), ("NV02", TOTAL, -10), ("NV01", FLOOR, 3)]
    for code, score in (("NV01", 92), ("NV02", 100)):  # each person's rows add up to score − base
        assert sum(row[7] for row in items.rows if row[0] == code) == score - 100


def test_json_csv_and_table_carry_the_label(scored: ScoredPeriod) -> None:
    as_json = ranking_to_json(scored)
    assert as_json["label"] == LABEL
    assert as_json["plan"]["version"] == 3 and as_json["plan"]["maximum"] == 100
    assert as_json["plan"]["blocks"][0] == {"code": "TG", "name": "Thời gian làm việc", "maximum": 5, "floor": 0}
    binh, an = as_json["people"]
    assert an["block_scores"] == {"TG": 0, "DT": 0} and binh["block_scores"] == {"TG": 5, "DT": 10}
    assert [clamp["explanation"] for clamp in binh["clamps"]] == [BONUS, TOTAL]
    for person in (an, binh):
        assert person["score"] == person["base"] + sum(item["points"] for item in person["items"]) + sum(
            clamp["points"] for clamp in person["clamps"])
    assert [item["cap"] for item in an["items"] if item["capped"]] == [
        "vượt mức tối đa 3 điểm của tiêu chí: chỉ tính 1", "vượt mức tối đa 3 điểm của tiêu chí: chỉ tính 0"]
    rows = ranking_rows(scored)
    assert rows[0][-1] == "Loại điểm" and all(row[-1] == LABEL for row in rows[1:])
    table = ranking_table(scored)
    assert LABEL in table and PLAN_LINE in table


def test_the_window_breakdown_adds_up_with_the_total_bound(scored: ScoredPeriod) -> None:
    binh = scored.ranking.results[0]
    assert [(name, points) for _code, name, points in score_breakdown(binh, scored.ranking.plan)] == [
        ("Điểm chuẩn", "100"), ("Thời gian làm việc", "0"), ("Trang phục", "0"), ("Điểm thưởng", "+10"),
        ("Điểm sàn hoặc điểm tối đa của tổng điểm", "-10")]

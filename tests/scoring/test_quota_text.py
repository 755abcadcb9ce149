"""The quota line in words, as every output prints it: a tie at the line pending, decided or with a decision that
no longer applies, the tie-break key that separated two equal scores, and what a tie means for each person tied.
In Vietnamese, by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from fractions import Fraction

import pytest

from ward_office.core.period import month
from ward_office.core.plan import TieBreak, load_plan
from ward_office.core.quota import QuotaDecision, QuotaTie
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.quota_text import quota_line_text, tie_note, tie_state_text
from ward_office.scoring.results import Ranking

PLAN = load_plan("""
[plan]
code = "T"
name = "Thử"
version = 1
base_score = 100

[[blocks]]
code = "K"
name = "Kỷ luật"

[[blocks.criteria]]
code = "MUON"
name = "Đi muộn"
points = -2

[[grades]]
code = "XS"
name = "Xuất sắc"
min_score = 90

[[grades]]
code = "T"
name = "Tốt"
min_score = 0
""")
NOV = month(2026, 11)
STAFF = tuple(Staff(f"CB{number:02d}", name, Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC,
                    id=StaffId(number))
              for number, name in enumerate(["Lê Thị Ba", "Ngô Thị Bốn", "Trần Thị Năm", "Vũ Thị Sáu"], start=1))
XS = PLAN.grades[0]


def decision(chosen: tuple[int, ...], day: date = date(2026, 12, 1), minute: str = "12/BB-HĐTĐ") -> QuotaDecision:
    return QuotaDecision(NOV, "XS", 2, (StaffId(1), StaffId(2), StaffId(3)), tuple(map(StaffId, chosen)), day,
                         minute, "Nhiều sáng kiến", "truong", datetime(2026, 12, 1, 15))


def tie(**changes: object) -> QuotaTie:
    """Two places of "Xuất sắc" for the first three people, at 95.5 points."""
    return replace(QuotaTie(XS, 2, STAFF[:3], Fraction(191, 2), 1), **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def ranking() -> Ranking:
    return score_period(ScoringInput(PLAN, NOV, STAFF, (), (), 5))


def test_a_pending_tie_says_how_many_places_for_how_many_people_at_what_score(vietnamese: None) -> None:
    assert tie_state_text(tie()) == "2 suất Xuất sắc cho 3 người bằng 95,5 điểm — chờ Hội đồng thi đua quyết định"


def test_a_decided_tie_cites_the_councils_day_and_minutes(vietnamese: None) -> None:
    assert tie_state_text(tie(decision=decision((1, 3)))) == (
        "2 suất Xuất sắc cho 3 người bằng 95,5 điểm — Hội đồng thi đua đã quyết định ngày 01/12/2026 (biên bản số "
        "12/BB-HĐTĐ)")


def test_a_pending_tie_whose_decision_no_longer_fits_says_which_and_why(vietnamese: None) -> None:
    stale = decision((2,), date(2026, 11, 28), "9/BB-HĐTĐ")
    assert tie_state_text(tie(stale=stale)) == (
        "2 suất Xuất sắc cho 3 người bằng 95,5 điểm — chờ Hội đồng thi đua quyết định (quyết định ngày 28/11/2026, "
        "biên bản số 9/BB-HĐTĐ, không còn áp dụng: danh sách người bằng điểm hoặc số suất còn lại đã thay đổi "
        "từ đó)")


def test_the_quota_line_says_where_its_tie_stands(ranking: Ranking, vietnamese: None) -> None:
    assert quota_line_text(replace(ranking, quota_tie=tie())) == (
        "2 suất Xuất sắc cho 3 người bằng 95,5 điểm — chờ Hội đồng thi đua quyết định")
    # A tie is what the line says even when a tie-break key separated others.
    assert quota_line_text(replace(ranking, quota_tie=tie(decision=decision((1, 2))),
                                   quota_separated_by=TieBreak.FEWER_VIOLATIONS)).endswith(
        "— Hội đồng thi đua đã quyết định ngày 01/12/2026 (biên bản số 12/BB-HĐTĐ)")


@pytest.mark.parametrize(("key", "words"), [
    (TieBreak.FEWER_UNEXCUSED_ABSENCES, "ít buổi vắng không lý do hơn"),
    (TieBreak.FEWER_VIOLATIONS, "ít vi phạm hơn"),
    (TieBreak.FEWER_DEDUCTED_POINTS, "ít điểm trừ hơn"),
    (TieBreak.MORE_COMMENDATIONS, "nhiều biểu dương hơn"),
])
def test_the_quota_line_names_the_tie_break_key_that_separated_two_equal_scores(
        ranking: Ranking, key: TieBreak, words: str, vietnamese: None) -> None:
    assert quota_line_text(replace(ranking, quota_separated_by=key)) == (
        "Tại tỷ lệ tối đa có hai người bằng điểm; tiêu chí xét khi bằng điểm của kế hoạch đã phân định: " + words)


def test_a_quota_line_that_cut_no_tie_says_nothing(ranking: Ranking) -> None:
    assert ranking.quota_tie is None and ranking.quota_separated_by is None
    assert quota_line_text(ranking) == ""


def test_each_person_of_a_pending_tie_is_told_it_waits_for_the_council(ranking: Ranking, vietnamese: None) -> None:
    pending = replace(ranking, quota_tie=tie())
    notes = [tie_note(pending, result) for result in ranking.results]
    waiting = "2 suất Xuất sắc cho 3 người bằng 95,5 điểm — chờ Hội đồng thi đua quyết định"
    # Vũ Thị Sáu is not of the tie.
    assert [(result.staff.full_name, note) for result, note in zip(ranking.results, notes, strict=True)] == [
        ("Lê Thị Ba", waiting), ("Ngô Thị Bốn", waiting), ("Trần Thị Năm", waiting), ("Vũ Thị Sáu", "")]


def test_once_decided_only_those_kept_are_told_by_which_decision(ranking: Ranking, vietnamese: None) -> None:
    decided = replace(ranking, quota_tie=tie(decision=decision((1, 3))))
    kept = "Giữ mức Xuất sắc theo quyết định của Hội đồng thi đua ngày 01/12/2026 (biên bản số 12/BB-HĐTĐ)"
    # Ngô Thị Bốn, demoted, reads the decision in her grade change; Vũ Thị Sáu was not tied.
    assert [(result.staff.full_name, tie_note(decided, result)) for result in ranking.results] == [
        ("Lê Thị Ba", kept), ("Ngô Thị Bốn", ""), ("Trần Thị Năm", kept), ("Vũ Thị Sáu", "")]


def test_without_a_tie_nobody_has_a_note(ranking: Ranking) -> None:
    assert [tie_note(ranking, result) for result in ranking.results] == ["", "", "", ""]

"""The head records the emulation council's decision on a tie at the quota line; scoring applies it, locking
keeps it, and a period with an undecided tie is not locked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ward_office.core.access import AccessDeniedError, Account, Role
from ward_office.core.checks import Event
from ward_office.core.errors import PeriodLockedError, ReasonMissingError
from ward_office.core.period import month
from ward_office.core.quota import QuotaTieState
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.services.change_log import Lookup, describe
from ward_office.services.period_locks import kept_ranking, lock_period
from ward_office.services.quota_decisions import (
    QuotaChoiceError,
    QuotaTieMissingError,
    QuotaTiePendingError,
    decide_quota_tie,
    quota_line_text,
)
from ward_office.services.ranking import score_records
from ward_office.services.ward import Ward

OCT = month(2026, 10)
TODAY = date(2026, 11, 20)
MEETING = date(2026, 11, 5)
HEAD = Account(1, "truong", "Trần Văn Hùng", Role.HEAD)
CLERK = Account(2, "vanthu", "Lê Thị Mai", Role.CLERK)


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    """A new ward of five, nothing recorded in October: all at 100, one place of the top grade (⌊20 % × 5⌋)."""
    with Ward.open(tmp_path / "ward.db", actor="truong") as opened:
        for number in range(1, 6):
            opened.store.staff.add(Staff(f"CB{number:03d}", f"Nguyễn Văn Người{number}", Gender.MALE, "Chuyên viên",
                                         StaffCategory.CONG_CHUC), "truong")
        opened.account = HEAD
        yield opened


def grades(ward: Ward) -> list[str]:
    return [result.grade.code for result in score_records(ward.store, OCT, TODAY).ranking.results]


def decide(ward: Ward, chosen: list[int], **changes: object) -> object:
    arguments: dict[str, object] = {"meeting_date": MEETING, "minute_number": "12/BB-HĐTĐ",
                                    "reason": "Nhiều sáng kiến cải cách hành chính", **changes}
    return decide_quota_tie(ward, OCT, "A", [StaffId(number) for number in chosen], today=TODAY,
                            **arguments)  # type: ignore[arg-type]


def test_five_tied_wait_then_the_councils_choice_applies(ward: Ward, vietnamese) -> None:
    ranking = score_records(ward.store, OCT, TODAY).ranking
    assert ranking.quota_tie is not None and ranking.quota_tie.state is QuotaTieState.PENDING
    assert grades(ward) == ["A"] * 5
    assert quota_line_text(ranking) == ("1 suất Xuất sắc cho 5 người bằng 100 điểm — "
                                        "chờ Hội đồng thi đua quyết định")
    decide(ward, [2])
    ranking = score_records(ward.store, OCT, TODAY).ranking
    assert {result.staff.id: result.grade.code for result in ranking.results} == {
        1: "B", 2: "A", 3: "B", 4: "B", 5: "B"}
    assert "đã quyết định ngày 05/11/2026 (biên bản số 12/BB-HĐTĐ)" in quota_line_text(ranking)
    (change,) = ward.store.change_log.changes()[-1:]
    text = describe(change, Lookup.of(ward))
    assert text.startswith("Hội đồng thi đua quyết định ngày 05/11/2026") and "Nguyễn Văn Người2" in text


def test_a_record_edited_after_the_decision_makes_the_tie_pending_again(ward: Ward, vietnamese) -> None:
    decide(ward, [2])
    ward.store.events.add(Event(StaffId(5), date(2026, 10, 6), "TP01"), "vanthu")  # one fewer point for person 5
    ranking = score_records(ward.store, OCT, TODAY).ranking
    tie = ranking.quota_tie
    assert tie is not None and tie.state is QuotaTieState.PENDING and tie.tied_ids == (1, 2, 3, 4)
    assert "không còn áp dụng" in quota_line_text(ranking)
    assert [result.grade.code for result in ranking.results][:4] == ["A"] * 4


def test_the_choice_must_fit_the_tie(ward: Ward) -> None:
    with pytest.raises(QuotaChoiceError):
        decide(ward, [1, 2])  # two chosen for one place
    with pytest.raises(QuotaChoiceError):
        decide(ward, [9])  # not tied
    with pytest.raises(ReasonMissingError):
        decide(ward, [1], minute_number=" ")
    with pytest.raises(QuotaTieMissingError):
        decide_quota_tie(ward, OCT, "B", [StaffId(1)], MEETING, "12/BB", "lý do", today=TODAY)
    assert ward.store.quota_decisions.list() == []


def test_only_the_head_records_a_decision(ward: Ward) -> None:
    ward.account = CLERK
    with pytest.raises(AccessDeniedError):
        decide(ward, [1])


def test_locking_waits_for_the_decision_and_keeps_it(ward: Ward) -> None:
    with pytest.raises(QuotaTiePendingError):
        lock_period(ward, OCT, TODAY)
    assert ward.store.periods.get(OCT) is None or not ward.store.periods.get(OCT).is_locked  # type: ignore[union-attr]
    decide(ward, [3])
    lock_period(ward, OCT, TODAY)
    kept = kept_ranking(ward, OCT)
    assert kept is not None and kept.ranking.quota_tie is not None
    assert kept.ranking.quota_tie.decision is not None and kept.ranking.quota_tie.decision.chosen == (3,)
    assert [result.grade.code for result in kept.ranking.results].count("A") == 1
    with pytest.raises(PeriodLockedError):
        decide(ward, [1])


def test_csv_json_and_excel_carry_the_state_of_the_tie(ward: Ward, vietnamese, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from ward_office.scoring.results import ScoredPeriod
    from ward_office.services.export import ExportKind, export
    from ward_office.services.presentation import ranking_rows, ranking_to_json

    def scored() -> ScoredPeriod:
        return score_records(ward.store, OCT, TODAY)

    pending = ranking_to_json(scored())["quota"]
    assert pending["limit"] == 1 and pending["tie"]["state"] == "pending"
    assert pending["tie"]["tied"] == ["CB001", "CB002", "CB003", "CB004", "CB005"]
    assert pending["tie"]["decision"] is None and "chờ Hội đồng thi đua quyết định" in pending["line"]
    notes = [row[7] for row in ranking_rows(scored(), with_header=False)]
    assert all("chờ Hội đồng thi đua quyết định" in note for note in notes)

    decide(ward, [2])
    decided = ranking_to_json(scored())
    assert decided["quota"]["tie"]["state"] == "decided"
    assert decided["quota"]["tie"]["decision"]["chosen"] == ["CB002"]
    assert decided["quota"]["tie"]["decision"]["minute_number"] == "12/BB-HĐTĐ"
    by_code = {person["staff_code"]: person["note"] for person in decided["people"]}
    assert by_code["CB002"] == ("Giữ mức Xuất sắc theo quyết định của Hội đồng thi đua ngày "
                                "05/11/2026 (biên bản số 12/BB-HĐTĐ)")
    assert by_code["CB001"].startswith(
        "Hội đồng thi đua quyết định ngày 05/11/2026 (biên bản số 12/BB-HĐTĐ): 1 trong 5")
    assert "Giữ mức" not in by_code["CB001"]

    out = tmp_path / "xep-loai.xlsx"
    export(ward, ExportKind.RANKING, "2026-10", out, today=TODAY)
    cells = [str(cell) for row in load_workbook(out).active.iter_rows(values_only=True) for cell in row if cell]
    assert any("đã quyết định ngày 05/11/2026 (biên bản số 12/BB-HĐTĐ)" in cell for cell in cells)
    assert any(cell.startswith("Giữ mức Xuất sắc") for cell in cells)

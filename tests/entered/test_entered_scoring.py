"""Scoring with entered points: a month where one person has every entry and another lacks one (not graded yet:
no grade, no rank, outside the quota's basis), the block as the sum of its sub-criteria, a half-year's mean of
its months, and locking refused while anyone is not graded."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from ward_office.core.checks import Event
from ward_office.core.entered_scores import ScoreEntry
from ward_office.core.period import half_year, month
from ward_office.core.staff import StaffId
from ward_office.scoring.results import ItemSource
from ward_office.services.entered_scores import UngradedError, enter_scores
from ward_office.services.period_locks import lock_period
from ward_office.services.ranking import score_records, score_stored_period
from ward_office.services.ward import Ward

AN, BINH, CUONG, DUNG = (StaffId(number) for number in range(1, 5))
TODAY = date(2026, 7, 20)


def enter(ward: Ward, first: date, points: dict[StaffId, tuple[str, str | None]]) -> None:
    entries = []
    for staff_id, (nv1, nv2) in points.items():
        entries.append(ScoreEntry(staff_id, "NV1", Fraction(nv1), Fraction(38) if staff_id == AN else None))
        if nv2 is not None:
            entries.append(ScoreEntry(staff_id, "NV2", Fraction(nv2)))
    enter_scores(ward, first, entries)


def test_a_month_with_everyone_entered_but_one(ward: Ward) -> None:
    # April: An 35 + 30 = 65 of 70 → 95; Bình 40 + 30 → 100, one badge missed (−2) → 98; Cường NV1 only.
    enter(ward, date(2026, 4, 1), {AN: ("35", "30"), BINH: ("40", "30"), CUONG: ("20", None)})
    ward.store.events.add(Event(BINH, date(2026, 4, 8), "VH1"), "vanthu")
    ranking = score_records(ward.store, month(2026, 4), TODAY).ranking
    by_name = {result.staff.full_name: result for result in ranking.results}
    an, binh, cuong = by_name["Lê Văn An"], by_name["Trần Thị Bình"], by_name["Phạm Văn Cường"]
    assert (binh.score, binh.rank, an.score, an.rank) == (98, 1, 95, 2)
    # The quota (50 % of the ranked) is taken of the two graded: ⌊0.5 × 2⌋ = 1, An is demoted to B.
    assert ranking.quota_limit == 1 and (binh.grade.code, an.grade.code) == ("A", "B")
    assert cuong.ungraded == ((date(2026, 4, 1), "NV2"),) and cuong.rank == 0 and not cuong.graded
    assert ranking.results[-1] is cuong and ranking.ungraded_count == 1
    assert dict((grade.code, count) for grade, count in ranking.grade_counts()) == {"A": 1, "B": 1, "C": 0}
    # An's entered items: NV1 35 − 40 = −5, NV2 30 − 30 = 0, on 01/04, the block 70 − 5 = 65.
    entered = [(item.criterion_code, item.points, item.day) for item in an.items if item.source is ItemSource.ENTERED]
    assert entered == [("NV1", -5, date(2026, 4, 1)), ("NV2", 0, date(2026, 4, 1))]
    assert an.block_totals == {"VH": 0, "NV": -5} and binh.block_totals == {"VH": -2, "NV": 0}
    assert [score.self_points for score in an.entered if score.item_code == "NV1"] == [38]


def test_a_half_year_is_the_mean_of_its_months_entered(ward: Ward) -> None:
    # January–June for An: NV 60 each month but March 70 and June 64: (−10·4 + 0 − 6) / 6 = −46/6 = −23/3.
    for number in range(1, 7):
        nv1 = {3: "40", 6: "34"}.get(number, "30")
        enter(ward, date(2026, number, 1), {AN: (nv1, "30"), BINH: ("40", "30")})
    enter(ward, date(2026, 1, 1), {DUNG: ("40", "30")})
    enter(ward, date(2026, 2, 1), {DUNG: ("40", "30")})
    # Cường (from 15/03) is entered for April to June only: he lacks March, so he is not graded yet.
    for number in (4, 5, 6):
        enter(ward, date(2026, number, 1), {CUONG: ("40", "30")})
    ranking = score_records(ward.store, half_year(2026, 1), TODAY).ranking
    by_name = {result.staff.full_name: result for result in ranking.results}
    assert by_name["Lê Văn An"].score == 100 - Fraction(46, 6)
    assert [sub.score for sub in by_name["Lê Văn An"].sub_periods] == [90, 90, 100, 90, 90, 94]
    # Dũng worked January to 10 February: two months, both full.
    assert by_name["Hoàng Văn Dũng"].score == 100 and by_name["Hoàng Văn Dũng"].graded
    assert by_name["Phạm Văn Cường"].ungraded == ((date(2026, 3, 1), "NV1"), (date(2026, 3, 1), "NV2"))
    enter(ward, date(2026, 3, 1), {CUONG: ("40", "30")})
    assert score_records(ward.store, half_year(2026, 1), TODAY).ranking.ungraded_count == 0


def test_locking_waits_for_every_entry(ward: Ward, vietnamese: None) -> None:
    enter(ward, date(2026, 4, 1), {AN: ("35", "30"), BINH: ("40", "30")})
    with pytest.raises(UngradedError) as caught:
        lock_period(ward, month(2026, 4), TODAY)
    assert caught.value.localized() == (
        "Tháng 4 năm 2026: chưa thể khóa sổ, 1 người chưa chấm (Phạm Văn Cường: tháng 4/2026 thiếu “Khối lượng "
        "công việc”, “Chất lượng, tiến độ”). Lãnh đạo chấm điểm đủ cho mọi người trước")
    assert ward.store.periods.get(month(2026, 4)) is None or not ward.store.periods.get(month(2026, 4)).is_locked
    enter(ward, date(2026, 4, 1), {CUONG: ("39", "30")})  # 99: no tie at the quota line with Bình's 100
    lock_period(ward, month(2026, 4), TODAY)
    kept = score_stored_period(ward.store, month(2026, 4), TODAY).ranking  # read back from the kept JSON
    assert kept == score_records(ward.store, month(2026, 4), TODAY).ranking
    assert [(result.rank, result.score, len(result.entered)) for result in kept.results] == [
        (1, 100, 2), (2, 99, 2), (3, 95, 2)]

"""The shipped Hà Nội plan (resources/plans/ha-noi-3814-hang-thang.toml, QĐ 3814-QĐ/TU) on a ward of seven
built as its users build it, March 2026 worked out by hand.

100 = KL discipline and ethics 20 (counted, floor 0) + NV task results 70 (entered) + TH bonus (counted
commendations, the block's maximum 10); base_score 90, as the bonus block starts at 0.

  code  name            NV   the record in March (clock file: everyone 07:25–17:05 on every weekday unless said)
  CB01  Nguyễn Văn An   68   bonuses TH3 +5 (5/3), TH2 +3 (12/3), TH1 +2 (16/3), TH1 +2 (23/3) = +12
  CB02  Trần Thị Bình   70   TH1 +2 (20/3)
  CB03  Lê Văn Cường    65   late 10/3 (07:45) and 11/3 (07:50): −1 −1
  CB04  Phạm Thị Dung   60   no punch on 17/3: both sessions absent, counted per session: −2.5 × 2
  CB05  Hoàng Văn Em    45   conduct KL4 on 4/3, 9/3, 24/3 (−3 × 3), ethics KL5 on 25/3 (−5), no punch on
                             18/3 and 19/3 (−2.5 × 4): −24
  CB06  Đỗ Văn Giang    35   nothing
  CB07  Bùi Thị Hạnh     –   task results never entered: "chưa chấm"
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction

import pytest
from golden_book import add_people, enter_month, import_month_of_punches, open_as_head

from ward_office.core.period import month
from ward_office.core.staff import Gender
from ward_office.scoring import GradeChangeKind
from ward_office.scoring.results import Bound, ScoredPeriod
from ward_office.services.event_log import add_event
from ward_office.services.ranking import score_records
from ward_office.services.ward import Ward

PEOPLE = (("CB01", "Nguyễn Văn An", Gender.MALE), ("CB02", "Trần Thị Bình", Gender.FEMALE),
          ("CB03", "Lê Văn Cường", Gender.MALE), ("CB04", "Phạm Thị Dung", Gender.FEMALE),
          ("CB05", "Hoàng Văn Em", Gender.MALE), ("CB06", "Đỗ Văn Giang", Gender.MALE),
          ("CB07", "Bùi Thị Hạnh", Gender.FEMALE))
TASKS = {"CB01": 68, "CB02": 70, "CB03": 65, "CB04": 60, "CB05": 45, "CB06": 35}
EVENTS = (("CB01", 5, "TH3"), ("CB01", 12, "TH2"), ("CB01", 16, "TH1"), ("CB01", 23, "TH1"), ("CB02", 20, "TH1"),
          ("CB05", 4, "KL4"), ("CB05", 9, "KL4"), ("CB05", 24, "KL4"), ("CB05", 25, "KL5"))


@pytest.fixture(scope="module")
def march(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScoredPeriod]:
    path = tmp_path_factory.mktemp("hanoi") / "so.db"
    with open_as_head(path, "ha-noi-3814-hang-thang.toml") as ward:
        ids = add_people(ward, PEOPLE)
        enter_month(ward, 2026, 3, {ids[code]: {"NV": points} for code, points in TASKS.items()})
        for code, day, criterion in EVENTS:
            add_event(ward, ids[code], date(2026, 3, day), criterion)
        import_month_of_punches(ward, path.parent, 2026, 3, list(ids), {
            ("CB03", 10): ("07:45", "17:05"), ("CB03", 11): ("07:50", "17:05"),
            ("CB04", 17): (), ("CB05", 18): (), ("CB05", 19): ()})
    with Ward.open(path, read_only=True) as ward:
        yield score_records(ward.store, month(2026, 3), date(2026, 4, 6))


def test_march(march: ScoredPeriod) -> None:
    # Block contributions (KL of 20, NV of 70, TH from 0 up to 10) and totals, 90 + contributions:
    #   An     KL 20; NV 68 (−2); TH +12, the block's maximum 10 stops 2 → +10      → 98   A
    #   Bình   KL 20; NV 70; TH +2                                                   → 92   A by score
    #   Cường  KL 18 (−2); NV 65 (−5)                                                → 83   B
    #   Dung   KL 15 (−5: a whole day is two sessions here); NV 60 (−10)             → 75   B
    #   Giang  KL 20; NV 35 (−35)                                                    → 55   C
    #   Em     −9 −5 −10 = −24: the floor 0 stops 4 → KL 0 (−20); NV 45 (−25)        → 45   D
    #   Hạnh   nothing entered: "chưa chấm", outside the quota's basis.
    # Quota: A ≤ ⌊30% × 6 graded⌋ = 1: An keeps A, Bình (rank 2) is brought to B.
    ranking = march.ranking
    assert ranking.quota_limit == 1
    results = {result.staff.code: result for result in ranking.results}
    assert {code: (result.score, tuple(result.block_totals.values()), result.grade_by_score.code,
                   result.grade.code, result.rank) for code, result in results.items() if result.graded} == {
        "CB01": (98, (0, -2, 10), "A", "A", 1),
        "CB02": (92, (0, 0, 2), "A", "B", 2),
        "CB03": (83, (-2, -5, 0), "B", "B", 3),
        "CB04": (75, (-5, -10, 0), "B", "B", 4),
        "CB06": (55, (0, -35, 0), "C", "C", 5),
        "CB05": (45, (-20, -25, 0), "D", "D", 6),
    }
    assert [change.kind for change in results["CB02"].changes] == [GradeChangeKind.QUOTA]
    [bonus_cap] = results["CB01"].clamps
    assert (bonus_cap.bound, bonus_cap.block_code, bonus_cap.points) == (Bound.MAXIMUM, "TH", -2)
    [floor] = results["CB05"].clamps
    assert (floor.bound, floor.block_code, floor.points) == (Bound.FLOOR, "KL", 4)
    assert results["CB04"].unexcused_absences == 2
    assert (results["CB07"].graded, results["CB07"].rank, results["CB07"].ungraded) == (
        False, 0, ((date(2026, 3, 1), "NV"),))
    assert sum(result.score for result in results.values() if result.graded) == Fraction(448)

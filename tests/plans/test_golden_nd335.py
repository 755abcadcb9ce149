"""The shipped NĐ 335 plan (resources/plans/nd335-hang-thang.toml) on a ward of nine built as its users build
it, every rule worked out by hand: November 2026 and the year 2026.

The ward (clock id = the number of the code). Entered points, the same every month unless said:
  code  name              TC1 TC2 TC3 =TC   NV1 NV2 NV3 =NV   counted KL (10) outside November
  CB01  Nguyễn Văn An       5  10   5  20    30  25  15  70   10            → 100
  CB02  Trần Thị Bình       5   9   5  19    29  24  13  66   10            →  95
  CB03  Lê Văn Cường        4  10   5  19    30  23  13  66   10            →  95
  CB04  Phạm Thị Dung       5   9   5  19    30  24  15  69   10            →  98 (October: 88, see below)
  CB05  Hoàng Văn Em        3   6   2  11    22  17  10  49   10            →  70
  CB06  Vũ Thị Phương       5   9   5  19    28  23  14  65   10 (Jan–Jun)  →  94
                            4   8   4  16    26  20  12  58   10 (Jul–Dec)  →  84; nothing for November
  CB07  Đỗ Văn Giang        5   8   4  17    27  22   –   –   NV3 never entered for November: "chưa chấm"
                                                     (12)     10 (other months) → 98
  CB08  Bùi Thị Hạnh        4   8   3  15    25  20  12  57   10            →  82
  CB09  Ngô Văn Khánh       4   7   3  14    24  18  10  52   10            →  76

The record:
  - Dung is disciplined on 15/10/2026 (KL6 "Bị xử lý kỷ luật", −10): October KL = 10 − 10 = 0 → 88; the
    ceiling counts over the year (per = "year"), so every later month and the year grade her KHTNV.
  - Em gets a badge violation on 26/11 (KL4, −1).
  - Phương is on sick leave (Ô) every session of November, marked on the attendance sheet before the import.
  - The November clock file: everyone 07:25–17:05 on every weekday, except An late on 11/11 (07:50, 20 min),
    Dung with no punch on 18/11 (a whole day absent), Em with none on 19/11 and 20/11 and late on 23/11 and
    25/11, Hạnh with a single punch on 12/11 (missing punch).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from golden_book import add_people, enter_month, import_month_of_punches, open_as_head

from ward_office.core.attendance import LeaveCode
from ward_office.core.period import month, whole_year
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender
from ward_office.scoring import GradeChangeKind, StaffResult
from ward_office.scoring.results import Bound, ScoredPeriod
from ward_office.scoring.titles import eligible_titles
from ward_office.services.attendance_sheet import Cell, Mark, mark_cells
from ward_office.services.event_log import add_event
from ward_office.services.ranking import score_records
from ward_office.services.ward import Ward

PLAN = "nd335-hang-thang.toml"
TODAY = date(2027, 1, 10)
PEOPLE = (("CB01", "Nguyễn Văn An", Gender.MALE), ("CB02", "Trần Thị Bình", Gender.FEMALE),
          ("CB03", "Lê Văn Cường", Gender.MALE), ("CB04", "Phạm Thị Dung", Gender.FEMALE),
          ("CB05", "Hoàng Văn Em", Gender.MALE), ("CB06", "Vũ Thị Phương", Gender.FEMALE),
          ("CB07", "Đỗ Văn Giang", Gender.MALE), ("CB08", "Bùi Thị Hạnh", Gender.FEMALE),
          ("CB09", "Ngô Văn Khánh", Gender.MALE))
ITEMS = ("TC1", "TC2", "TC3", "NV1", "NV2", "NV3")
USUAL = {"CB01": (5, 10, 5, 30, 25, 15), "CB02": (5, 9, 5, 29, 24, 13), "CB03": (4, 10, 5, 30, 23, 13),
         "CB04": (5, 9, 5, 30, 24, 15), "CB05": (3, 6, 2, 22, 17, 10), "CB07": (5, 8, 4, 27, 22, 12),
         "CB08": (4, 8, 3, 25, 20, 12), "CB09": (4, 7, 3, 24, 18, 10)}
PHUONG_FIRST, PHUONG_SECOND = (5, 9, 5, 28, 23, 14), (4, 8, 4, 26, 20, 12)


def build(path: Path) -> None:
    with open_as_head(path, PLAN) as ward:
        ids = add_people(ward, PEOPLE)
        for number in range(1, 13):
            points = {ids[code]: dict(zip(ITEMS, values, strict=True)) for code, values in USUAL.items()}
            if number == 11:
                del points[ids["CB07"]]["NV3"]  # Giang's task timeliness for November never entered
            else:
                points[ids["CB06"]] = dict(zip(ITEMS, PHUONG_FIRST if number <= 6 else PHUONG_SECOND, strict=True))
            enter_month(ward, 2026, number, points)
        add_event(ward, ids["CB04"], date(2026, 10, 15), "KL6", "Khiển trách")
        add_event(ward, ids["CB05"], date(2026, 11, 26), "KL4")
        november = [date(2026, 11, day) for day in range(1, 31) if date(2026, 11, day).weekday() < 5]
        mark_cells(ward, [Cell(ids["CB06"], day, session) for day in november for session in Session],
                   Mark.leave(LeaveCode.SICK))
        punching = [code for code, _name, _gender in PEOPLE if code != "CB06"]
        import_month_of_punches(ward, path.parent, 2026, 11, punching, {
            ("CB01", 11): ("07:50", "17:05"), ("CB04", 18): (), ("CB05", 19): (), ("CB05", 20): (),
            ("CB05", 23): ("07:45", "17:05"), ("CB05", 25): ("07:40", "17:05"), ("CB08", 12): ("07:25",)})


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("nd335") / "so.db"
    build(path)
    return path


@pytest.fixture(scope="module")
def november(book: Path) -> Iterator[ScoredPeriod]:
    with Ward.open(book, read_only=True) as ward:
        yield score_records(ward.store, month(2026, 11), TODAY)


@pytest.fixture(scope="module")
def year(book: Path) -> Iterator[ScoredPeriod]:
    with Ward.open(book, read_only=True) as ward:
        yield score_records(ward.store, whole_year(2026), TODAY)


def by_code(scored: ScoredPeriod) -> dict[str, StaffResult]:
    return {result.staff.code: result for result in scored.ranking.results}


def table(scored: ScoredPeriod) -> dict[str, tuple[Fraction, tuple[Fraction, ...], str, str, int]]:
    """Score, the blocks' contributions (KL, TC, NV: what each took from its maximum), grade by score, grade, rank."""
    return {result.staff.code: (result.score, tuple(result.block_totals.values()), result.grade_by_score.code,
                                result.grade.code, result.rank) for result in scored.ranking.results if result.graded}


def test_november(november: ScoredPeriod) -> None:
    # KL (of 10) from the record, TC (of 20) and NV (of 70) as entered:
    #   An     late 11/11 −1 → KL 9;  TC 20, NV 70            → 99
    #   Bình   KL 10;  TC 19, NV 66                           → 95
    #   Cường  KL 10;  TC 19, NV 66                           → 95 (a tie with Bình on score, violations, absences)
    #   Dung   18/11 without a punch: both sessions absent, ONE day → −5 once (not −10) → KL 5; 5+19+69 = 93
    #   Hạnh   one punch on 12/11: both sessions "missing punch", −0.5 × 2 → KL 9; 9+15+57 = 81
    #   Khánh  KL 10; 10+14+52                                → 76
    #   Em     19/11, 20/11 absent (−5 −5), late 23/11 and 25/11 (−1 −1), badge 26/11 (−1): −13 → the floor 0
    #          stops 3 → KL 0; 0+11+49                        → 60
    # Grades by score: ≥90 HTXSNV: An, Bình, Cường, Dung; 70–<90 HTTNV: Hạnh, Khánh; 50–<70 HTNV: Em.
    # Ceiling: Dung was disciplined on 15/10, counted from 1 January → KHTNV.
    # Quota: HTXSNV ≤ ⌊20% × those graded HTTNV or better⌋ = ⌊0.2 × 5⌋ = 1 (6 before Dung's ceiling: also 1).
    # In rank order An (1) keeps it; Bình and Cường share rank 2 and do not fit as a whole: both HTTNV.
    ranking = november.ranking
    assert ranking.quota_limit == 1
    assert table(november) == {
        "CB01": (99, (-1, 0, 0), "HTXSNV", "HTXSNV", 1),
        "CB02": (95, (0, -1, -4), "HTXSNV", "HTTNV", 2),
        "CB03": (95, (0, -1, -4), "HTXSNV", "HTTNV", 2),
        "CB04": (93, (-5, -1, -1), "HTXSNV", "KHTNV", 4),
        "CB08": (81, (-1, -5, -13), "HTTNV", "HTTNV", 5),
        "CB09": (76, (0, -6, -18), "HTTNV", "HTTNV", 6),
        "CB05": (60, (-10, -9, -21), "HTNV", "HTNV", 7),
    }
    people = by_code(november)
    assert [change.kind for change in people["CB02"].changes] == [GradeChangeKind.QUOTA]
    assert [change.kind for change in people["CB04"].changes] == [GradeChangeKind.CEILING]
    dung_absences = [item for item in people["CB04"].items if item.criterion_code == "KL2"]
    assert [(item.day, item.points) for item in dung_absences] == [(date(2026, 11, 18), -5)]
    assert people["CB04"].unexcused_absences == 1
    [clamp] = people["CB05"].clamps
    assert (clamp.bound, clamp.block_code, clamp.unbounded, clamp.points) == (Bound.FLOOR, "KL", -3, 3)
    # Giang's NV3 of November was never entered: "chưa chấm", no rank, outside the quota's basis.
    assert (people["CB07"].graded, people["CB07"].rank, people["CB07"].ungraded) == (
        False, 0, ((date(2026, 11, 1), "NV3"),))
    # Phương was on sick leave (Ô, a long-leave code) every working day of November: she is not scored in it
    # (NĐ 335 grades the time worked), neither ranked nor "chưa chấm", and nothing need be entered for her.
    assert "CB06" not in people
    assert [person.code for person in ranking.not_scored] == ["CB06"]
    assert ranking.ungraded_count == 1


def test_the_year(year: ScoredPeriod) -> None:
    # The year is the mean of the months worked, each month as above (outside November KL is 10):
    #   An     (11 × 100 + 99) / 12          = 1199/12 ≈ 99.92   HTXSNV
    #   Dung   (10 × 98 + 88 + 93) / 12      = 1161/12 = 387/4 = 96.75, by score HTXSNV; disciplined: KHTNV
    #   Bình, Cường  95 every month          = 95, a tie          HTXSNV by score
    #   Phương November (all Ô) left out: (6 × 94 + 5 × 84) / 11 = 984/11 ≈ 89.45 HTTNV
    #   Hạnh   (11 × 82 + 81) / 12           = 983/12 ≈ 81.92     HTTNV
    #   Khánh  76                                                 HTTNV
    #   Em     (11 × 70 + 60) / 12           = 830/12 = 415/6 ≈ 69.17 HTNV (one month pulls it under 70)
    #   Giang  November's NV3 missing: "chưa chấm" for the year too.
    # Quota ⌊0.2 × 6⌋ = 1 (An, Bình, Cường, Phương, Hạnh, Khánh graded HTTNV or better): An keeps HTXSNV, the
    # tie at rank 3 is demoted whole. Titles: LĐTT for HTTNV or better; CSTĐCS for HTXSNV with LĐTT: An only.
    ranking = year.ranking
    assert ranking.quota_limit == 1
    assert table(year) == {
        "CB01": (Fraction(1199, 12), (Fraction(-1, 12), 0, 0), "HTXSNV", "HTXSNV", 1),
        "CB04": (Fraction(387, 4), (Fraction(-5, 4), -1, -1), "HTXSNV", "KHTNV", 2),
        "CB02": (95, (0, -1, -4), "HTXSNV", "HTTNV", 3),
        "CB03": (95, (0, -1, -4), "HTXSNV", "HTTNV", 3),
        "CB06": (Fraction(984, 11), (0, Fraction(-26, 11), Fraction(-90, 11)), "HTTNV", "HTTNV", 5),
        "CB08": (Fraction(983, 12), (Fraction(-1, 12), -5, -13), "HTTNV", "HTTNV", 6),
        "CB09": (76, (0, -6, -18), "HTTNV", "HTTNV", 7),
        "CB05": (Fraction(415, 6), (Fraction(-5, 6), -9, -21), "HTNV", "HTNV", 8),
    }
    people = by_code(year)
    [left_out] = ranking.months_left_out[people["CB06"].staff.id]
    assert (left_out.month.start, left_out.codes) == (date(2026, 11, 1), (LeaveCode.SICK,))
    assert not people["CB07"].graded
    titles = {code: [title.code for title in eligible_titles(ranking, result)]
              for code, result in people.items() if result.graded}
    assert titles == {"CB01": ["LĐTT", "CSTĐCS"], "CB04": [], "CB02": ["LĐTT"], "CB03": ["LĐTT"],
                      "CB06": ["LĐTT"], "CB08": ["LĐTT"], "CB09": ["LĐTT"], "CB05": []}

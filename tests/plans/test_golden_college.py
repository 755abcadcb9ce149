"""The bundled plan ``cao-dang-abc-theo-quy.toml`` (domain.md §3, E3) on a ward of seven, built as a user builds
one: the plan adopted from its file, staff added, a fingerprint clock file imported, the professional points
entered each month, events recorded with chosen points, an early leave and a late arrival excused by the head.
Every criterion, the brackets of late days, the all-or-nothing general block and the ceiling are exercised;
the quarter's scores, block subtotals, grades and ranks are worked out by hand below."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest

from ward_office.core.access import Account, Role
from ward_office.core.entered_scores import ScoreEntry
from ward_office.core.period import quarter
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.paths import plans_dir
from ward_office.scoring import GradeChangeKind, Ranking, StaffResult
from ward_office.services import event_log
from ward_office.services.clock_import import import_clock
from ward_office.services.entered_scores import enter_scores
from ward_office.services.excuses import excuse_attendance
from ward_office.services.plans import import_plan_file
from ward_office.services.ranking import score_stored_period
from ward_office.services.staff_admin import add_department, add_staff
from ward_office.services.ward import Ward

pytestmark = pytest.mark.usefixtures("vietnamese")

QUARTER = quarter(2026, 4)
TODAY = date(2027, 1, 8)
HEAD = Account(1, "hieutruong", "Trần Văn Hùng", Role.HEAD)
# The clock file's days: the 31 weekdays from 1 October to 12 November 2026 (no holiday among them).
DAYS = [day for day in (date(2026, 10, 1) + timedelta(days=offset) for offset in range(43)) if day.weekday() < 5]
ON_TIME, LATE = "07:00", "08:30"  # 08:30 is late under any season's hours; 07:00 never is
PEOPLE = {  # name: (clock id, professional points entered for October, November, December)
    "Nguyễn Thị An": ("1", (68, 70, 67)),
    "Lê Văn Bình": ("2", (65, 65, 65)),
    "Phạm Văn Cường": ("3", (70, 70, 70)),
    "Đỗ Thị Dung": ("4", (70, 69, 68)),
    "Hoàng Văn Em": ("5", (64, 64, 64)),
    "Vũ Thị Phương": ("6", (55, 56, 57)),
    "Trịnh Văn Giang": ("7", (62, 61, 63)),
}
LATE_DAYS = {"2": 6, "3": 12, "4": 17, "5": 31}  # clock id: how many of the first days the person came at 08:30


def punches(clock_id: str, index: int) -> tuple[str, ...]:
    """The times punched by ``clock_id`` on the ``index``-th day of the file."""
    if clock_id == "6" and index == 0:
        return ON_TIME, "12:05"  # Phương: morning only, the afternoon is an absence without leave
    if clock_id == "6" and index in (1, 2):
        return ON_TIME, "15:00"  # Phương leaves early twice; the head excuses the second (she reported it)
    first = LATE if index < LATE_DAYS.get(clock_id, 0) else ON_TIME
    return first, "17:45"


def attlog() -> str:
    return "".join(f"{clock_id}\t{day.isoformat()} {time}:00\t1\t0\n"
                   for index, day in enumerate(DAYS) for clock_id, _points in PEOPLE.values()
                   for time in punches(clock_id, index))


@pytest.fixture(scope="module")
def ranking(tmp_path_factory: pytest.TempPathFactory) -> Ranking:
    folder = tmp_path_factory.mktemp("college")
    (folder / "1_attlog.dat").write_text(attlog(), encoding="ascii")
    with Ward.open(folder / "so.db", actor=HEAD.full_name) as ward:
        ward.account = HEAD
        import_plan_file(ward, plans_dir() / "cao-dang-abc-theo-quy.toml")
        faculty = add_department(ward, "Khoa Điều dưỡng")
        people = {name: add_staff(ward, Staff(f"GV{clock_id}", name, Gender.FEMALE, "Giảng viên",
                                              StaffCategory.VIEN_CHUC, department_id=faculty.id, clock_id=clock_id))
                  for name, (clock_id, _points) in PEOPLE.items()}
        import_clock(ward, folder / "1_attlog.dat", now=datetime(2027, 1, 5, 9, 0))
        for index, month_start in enumerate((date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1))):
            enter_scores(ward, month_start, [ScoreEntry(person.id, "CM", Fraction(PEOPLE[name][1][index]))
                                             for name, person in people.items() if person.id is not None])
        binh, phuong, giang = (people[name].id for name in ("Lê Văn Bình", "Vũ Thị Phương", "Trịnh Văn Giang"))
        assert binh is not None and phuong is not None and giang is not None
        late = ward.store.attendance.get(binh, DAYS[5], Session.MORNING)
        early = ward.store.attendance.get(phuong, DAYS[2], Session.AFTERNOON)
        assert late is not None and late.id is not None and early is not None and early.id is not None
        excuse_attendance(ward, late.id, "late", "Đưa sinh viên đi viện, có báo cáo khoa")
        excuse_attendance(ward, early.id, "early", "Họp tại Sở Y tế, đã báo cáo trước")
        for day, code, points in ((date(2026, 11, 16), "CC1", None), (date(2026, 11, 17), "CC4", None),
                                  (date(2026, 11, 18), "CC6", None), (date(2026, 11, 19), "CC8", None),
                                  (date(2026, 11, 20), "CC7", Fraction(-40))):
            event_log.add_event(ward, giang, day, code, today=TODAY, points=points)
        return score_stored_period(ward.store, QUARTER, TODAY).ranking


def result(ranking: Ranking, name: str) -> StaffResult:
    return next(found for found in ranking.results if found.staff.full_name == name)


def test_the_quarter_scored_at_once(ranking: Ranking) -> None:
    # Score = 120 + (mean of the three months' professional points − 70) + the general block: 50 kept whole
    # without a violation in the quarter, lost whole (0) with one, whatever its deductions add up to.
    #   An       (68+70+67)/3 = 205/3, no violation: 205/3 + 50 = 355/3 ≈ 118.33 → A (≥ 100)
    #   Cường    70, 12 late days (−25): 70 → B (≥ 60)
    #   Dung     69, 17 late days (−50): 69 → B by the score; 16 late days or more: at most C
    #   Bình     65, 6 late days, one excused: 5 (−10): 65 → B
    #   Em       64, 31 late days (−100): 64 → B by the score; ceiling: C
    #   Giang    62, five events (−25 × 3, −10, −40 chosen): 62 → B
    #   Phương   56, an afternoon absent (−25), an early leave (−25), the other excused: 56 → C
    # Ranks follow the score: nobody ties.
    assert ranking.quota_limit is None
    assert [(found.staff.full_name, found.score, found.grade_by_score.code, found.grade.code, found.rank)
            for found in ranking.results] == [
        ("Nguyễn Thị An", Fraction(355, 3), "A", "A", 1),
        ("Phạm Văn Cường", Fraction(70), "B", "B", 2),
        ("Đỗ Thị Dung", Fraction(69), "B", "C", 3),
        ("Lê Văn Bình", Fraction(65), "B", "B", 4),
        ("Hoàng Văn Em", Fraction(64), "B", "C", 5),
        ("Trịnh Văn Giang", Fraction(62), "B", "B", 6),
        ("Vũ Thị Phương", Fraction(56), "C", "C", 7),
    ]
    for name in ("Đỗ Thị Dung", "Hoàng Văn Em"):
        assert [(change.kind, change.to_grade.code) for change in result(ranking, name).changes] == [
            (GradeChangeKind.CEILING, "C")]


def test_block_subtotals_are_the_entered_mean_and_the_general_block_kept_or_lost(ranking: Ranking) -> None:
    # block_totals are what each block adds to its start (70 and 50): −5/3 and 0 for An, −5 and −50 for Bình.
    assert {found.staff.full_name: dict(found.block_totals) for found in ranking.results} == {
        "Nguyễn Thị An": {"CM": Fraction(-5, 3), "CC": 0},
        "Phạm Văn Cường": {"CM": 0, "CC": -50},
        "Đỗ Thị Dung": {"CM": -1, "CC": -50},
        "Lê Văn Bình": {"CM": -5, "CC": -50},
        "Hoàng Văn Em": {"CM": -6, "CC": -50},
        "Trịnh Văn Giang": {"CM": -8, "CC": -50},
        "Vũ Thị Phương": {"CM": -14, "CC": -50},
    }


def deductions(found: StaffResult) -> list[tuple[str, int, Fraction]]:
    return [(item.criterion_code, item.occurrence, item.points) for item in found.items
            if item.block_code == "CC" and item.points]


def test_the_brackets_of_late_days_and_the_block_lost_whole(ranking: Ranking) -> None:
    # The occurrence entering a bracket carries the step up to it: the 5th −10, the 11th −15, the 16th −25, the
    # 31st −50; the others 0. The block's clamp brings it from 50 + the items to 0.
    assert deductions(result(ranking, "Lê Văn Bình")) == [("CC3", 5, Fraction(-10))]
    assert deductions(result(ranking, "Phạm Văn Cường")) == [("CC3", 5, Fraction(-10)), ("CC3", 11, Fraction(-15))]
    assert deductions(result(ranking, "Hoàng Văn Em")) == [
        ("CC3", 5, Fraction(-10)), ("CC3", 11, Fraction(-15)), ("CC3", 16, Fraction(-25)), ("CC3", 31, Fraction(-50))]
    clamps = {name: [clamp.points for clamp in result(ranking, name).clamps]
              for name in ("Lê Văn Bình", "Phạm Văn Cường", "Đỗ Thị Dung", "Hoàng Văn Em", "Trịnh Văn Giang",
                           "Vũ Thị Phương")}
    # Bình 50 − 10 → 0: −40; Cường 50 − 25: −25; Dung 50 − 50: nothing; Em 50 − 100 = −50 → 0: +50;
    # Giang 50 − 75 − 10 − 40 = −75 → 0: +75; Phương 50 − 25 − 25: nothing.
    assert clamps == {"Lê Văn Bình": [-40], "Phạm Văn Cường": [-25], "Đỗ Thị Dung": [], "Hoàng Văn Em": [50],
                      "Trịnh Văn Giang": [75], "Vũ Thị Phương": []}


def test_events_absence_and_early_leave_with_the_excused_at_zero(ranking: Ranking) -> None:
    assert deductions(result(ranking, "Trịnh Văn Giang")) == [
        ("CC1", 1, Fraction(-25)), ("CC4", 1, Fraction(-25)), ("CC6", 1, Fraction(-25)), ("CC8", 1, Fraction(-10)),
        ("CC7", 1, Fraction(-40))]
    phuong = result(ranking, "Vũ Thị Phương")
    assert deductions(phuong) == [("CC5", 1, Fraction(-25)), ("CC2", 1, Fraction(-25))]
    [excused] = [item for item in phuong.items if item.excuse is not None]
    assert (excused.criterion_code, excused.day, excused.points) == ("CC2", DAYS[2], Fraction(0))
    assert phuong.unexcused_absences == 1 and phuong.violations == 2
    [excused_late] = [item for item in result(ranking, "Lê Văn Bình").items if item.excuse is not None]
    assert (excused_late.day, excused_late.points) == (DAYS[5], Fraction(0))

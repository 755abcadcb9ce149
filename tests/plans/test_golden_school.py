"""The bundled plan ``truong-hoc-25-diem.toml`` (domain.md §3, E4) over a whole school year, on a school of five
built as a user builds one: the plan adopted from its file, staff added, a fingerprint clock file imported (the
absences and late arrivals), leave marked on the attendance sheet, the professional and class points entered
each month, dress-code violations recorded, a late arrival excused by the head. The months, the semesters, the
year (HK I + 2 × HK II) / 3, the grades, the ranks and the title Lao động tiên tiến are worked out by hand."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

import pytest

from ward_office.core.access import Account, Role
from ward_office.core.attendance import LeaveCode
from ward_office.core.entered_scores import ScoreEntry
from ward_office.core.period import PeriodKind, whole_year, year_of_months
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.paths import plans_dir
from ward_office.scoring import Ranking, ScoreItem, StaffResult
from ward_office.scoring.titles import eligible_titles
from ward_office.services import event_log
from ward_office.services.attendance_sheet import Cell, Mark, mark_cells
from ward_office.services.clock_import import import_clock
from ward_office.services.entered_scores import enter_scores
from ward_office.services.excuses import excuse_attendance
from ward_office.services.plans import import_plan_file
from ward_office.services.printing import write_report
from ward_office.services.ranking import score_stored_period
from ward_office.services.staff_admin import add_department, add_staff
from ward_office.services.ward import Ward

pytestmark = pytest.mark.usefixtures("vietnamese")

TODAY = date(2027, 6, 20)
HEAD = Account(1, "hieutruong", "Trần Văn Hùng", Role.HEAD)
MONTHS = [date(2026, number, 1) for number in range(9, 13)] + [date(2027, number, 1) for number in range(1, 6)]
PEOPLE = {  # name: (clock id, chuyên môn of 10, lớp of 5), the same every month
    "Nguyễn Thị An": ("1", 10, 5),
    "Lê Văn Bình": ("2", 9, 4),
    "Phạm Văn Cường": ("3", 8, 4),
    "Đỗ Thị Dung": ("4", 7, 3),
    "Hoàng Văn Em": ("5", 5, 2),
}
# The clock file: on each of its days everyone punches 07:00 and 17:45, but for these.
AWAY = {date(2026, 9, 15): "4", date(2026, 9, 16): "4", date(2026, 10, 6): "3"}  # no punch: absent both sessions
LATE = {date(2026, 10, 7): "1", date(2026, 12, 8): "2", date(2026, 12, 9): "2"}  # first punch 08:30
LEAVE = [("1", LeaveCode.SICK, date(2026, 11, 10)), ("2", LeaveCode.ANNUAL, date(2027, 3, 10)),
         ("5", LeaveCode.CHILD_SICK, date(2027, 4, 6)), ("5", LeaveCode.CHILD_SICK, date(2027, 4, 7))]
DRESS_DAYS = [date(2027, 2, day) for day in (1, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26)]  # Cường, 11 times


def attlog() -> str:
    lines = []
    for day in sorted({*AWAY, *LATE}):
        for clock_id, _cm, _lop in PEOPLE.values():
            if AWAY.get(day) != clock_id:
                first = "08:30" if LATE.get(day) == clock_id else "07:00"
                lines += [f"{clock_id}\t{day.isoformat()} {first}:00\t1\t0\n",
                          f"{clock_id}\t{day.isoformat()} 17:45:00\t1\t0\n"]
    return "".join(lines)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("school")
    (folder / "1_attlog.dat").write_text(attlog(), encoding="ascii")
    path = folder / "so.db"
    with Ward.open(path, actor=HEAD.full_name) as ward:
        ward.account = HEAD
        import_plan_file(ward, plans_dir() / "truong-hoc-25-diem.toml")
        group = add_department(ward, "Tổ Toán - Tin")
        people = {}
        for name, (clock_id, _cm, _lop) in PEOPLE.items():
            person = add_staff(ward, Staff(f"GV{clock_id}", name, Gender.FEMALE, "Giáo viên",
                                           StaffCategory.VIEN_CHUC, department_id=group.id, clock_id=clock_id))
            assert person.id is not None
            people[clock_id] = person.id
        import_clock(ward, folder / "1_attlog.dat", now=datetime(2027, 1, 5, 9, 0))
        for clock_id, code, day in LEAVE:
            mark_cells(ward, [Cell(people[clock_id], day, session) for session in Session], Mark.leave(code))
        for month_start in MONTHS:
            enter_scores(ward, month_start, [entry for name, (clock_id, cm, lop) in PEOPLE.items() for entry in (
                ScoreEntry(people[clock_id], "CM", Fraction(cm)), ScoreEntry(people[clock_id], "LOP", Fraction(lop)))])
        late = ward.store.attendance.get(people["1"], date(2026, 10, 7), Session.MORNING)
        assert late is not None and late.id is not None
        excuse_attendance(ward, late.id, "late", "Đưa học sinh đi cấp cứu, hiệu trưởng đã biết")
        for day in DRESS_DAYS:
            event_log.add_event(ward, people["3"], day, "TP1", today=TODAY)
    return path


@pytest.fixture(scope="module")
def ranking(book: Path) -> Ranking:
    with Ward.open(book, read_only=True) as ward:
        return score_stored_period(ward.store, whole_year(2026), TODAY).ranking


def result(ranking: Ranking, name: str) -> StaffResult:
    return next(found for found in ranking.results if found.staff.full_name == name)


def monthly(found: StaffResult) -> dict[tuple[int, int], Fraction]:
    return {(part.period.start.year, part.period.start.month): part.score for part in found.sub_periods}


def test_the_months_as_the_sheet_scores_them(ranking: Ranking) -> None:
    # 25 − (10 − chuyên môn) − (5 − lớp) each month, less the attendance and dress deductions of the month:
    #   An     25;   November 24.75 (one day ốm, −0.25); the late arrival of 7 October excused: 0
    #   Bình   23;   December 22 (late twice, −0.5 each); March 22.5 (one day vắng có phép, −0.5)
    #   Cường  22;   October 19 (one whole day absent without leave, −3: one day, not two sessions);
    #                February 17 (11 dress violations, −5.5, the floor 0 of the 5-point block stops 0.5)
    #   Dung   20;   September 15 (two days absent, −6, the floor of "Ngày công" stops 1)
    #   Em     17;   April 16 (two days con ốm, −0.5 each)
    bases = {"Nguyễn Thị An": 25, "Lê Văn Bình": 23, "Phạm Văn Cường": 22, "Đỗ Thị Dung": 20, "Hoàng Văn Em": 17}
    changed = {"Nguyễn Thị An": {(2026, 11): Fraction(99, 4)},
               "Lê Văn Bình": {(2026, 12): Fraction(22), (2027, 3): Fraction(45, 2)},
               "Phạm Văn Cường": {(2026, 10): Fraction(19), (2027, 2): Fraction(17)},
               "Đỗ Thị Dung": {(2026, 9): Fraction(15)},
               "Hoàng Văn Em": {(2027, 4): Fraction(16)}}
    for name, base in bases.items():
        expected = {(month.year, month.month): Fraction(base) for month in MONTHS} | changed[name]
        assert monthly(result(ranking, name)) == expected, name


def test_the_school_year_of_weighted_semesters(ranking: Ranking) -> None:
    # HK I = mean of September–January, HK II = mean of February–May, year = (HK I + 2 × HK II) / 3:
    #   An     HK I (4 × 25 + 24.75)/5 = 499/20 = 24.95;  HK II 25;           year (499/20 + 50)/3 = 1499/60 ≈ 24.98 → A
    #   Bình   HK I (4 × 23 + 22)/5 = 114/5 = 22.8;    HK II (3 × 23 + 22.5)/4 = 183/8;
    #          year (114/5 + 183/4)/3 = 1371/60 = 22.85 → B
    #   Cường  HK I (4 × 22 + 19)/5 = 107/5;  HK II (17 + 3 × 22)/4 = 83/4;  year (107/5 + 83/2)/3 = 629/30 ≈ 20.97 → B
    #   Dung   HK I (15 + 4 × 20)/5 = 19;     HK II 20;                       year 59/3 ≈ 19.67 → C
    #   Em     HK I 17 (C on its own);        HK II (3 × 17 + 16)/4 = 67/4;   year (17 + 67/2)/3 = 101/6 ≈ 16.83 → D
    # (The mean of the nine months would give An 224.75/9 ≈ 24.97, not 1499/60: the weights count.)
    assert ranking.period == year_of_months(2026, 9, 5) and ranking.period.kind is PeriodKind.YEAR
    assert ranking.quota_limit is None
    assert [(found.staff.full_name, found.score, found.grade.code, found.rank) for found in ranking.results] == [
        ("Nguyễn Thị An", Fraction(1499, 60), "A", 1),
        ("Lê Văn Bình", Fraction(1371, 60), "B", 2),
        ("Phạm Văn Cường", Fraction(629, 30), "B", 3),
        ("Đỗ Thị Dung", Fraction(59, 3), "C", 4),
        ("Hoàng Văn Em", Fraction(101, 6), "D", 5),
    ]
    # Each month of HK I weighs 1/5 × 1/3, each of HK II 1/4 × 2/3.
    assert {part.weight for part in result(ranking, "Nguyễn Thị An").sub_periods} == {Fraction(1, 15), Fraction(1, 6)}


def test_block_subtotals_over_the_year(ranking: Ranking) -> None:
    # What each block adds to its start, weighted as the months are. Cường: −3 in October (1/15) and the dress
    # block's −5 in February (1/6); chuyên môn −2 and lớp −1 every month.
    assert dict(result(ranking, "Phạm Văn Cường").block_totals) == {
        "NC": Fraction(-1, 5), "CM": Fraction(-2), "LOP": Fraction(-1), "TP": Fraction(-5, 6)}
    # Dung: September's −6 floored to −5, weighed 1/15.
    assert dict(result(ranking, "Đỗ Thị Dung").block_totals) == {
        "NC": Fraction(-1, 3), "CM": Fraction(-3), "LOP": Fraction(-2), "TP": Fraction(0)}
    [floor] = result(ranking, "Đỗ Thị Dung").clamps
    assert (floor.block_code, floor.points) == ("NC", Fraction(1))


def recorded(found: StaffResult) -> list[ScoreItem]:
    """The items of the record: the entered points left out."""
    return [item for item in found.items if item.block_code not in ("CM", "LOP")]


def test_the_excused_late_arrival_costs_nothing_and_the_others_count(ranking: Ranking) -> None:
    an = result(ranking, "Nguyễn Thị An")
    assert [(item.criterion_code, item.day, item.points, item.excuse is not None) for item in recorded(an)] == [
        ("NC4", date(2026, 10, 7), 0, True), ("NC3", date(2026, 11, 10), Fraction(-1, 4), False)]
    assert [(item.criterion_code, item.points) for item in recorded(result(ranking, "Lê Văn Bình"))] == [
        ("NC4", Fraction(-1, 2)), ("NC4", Fraction(-1, 2)), ("NC2", Fraction(-1, 2))]
    assert [(item.criterion_code, item.points) for item in recorded(result(ranking, "Hoàng Văn Em"))] == [
        ("NC2", Fraction(-1, 2)), ("NC2", Fraction(-1, 2))]
    cuong = result(ranking, "Phạm Văn Cường")
    assert [(item.criterion_code, item.day) for item in recorded(cuong) if item.criterion_code == "NC1"] == [
        ("NC1", date(2026, 10, 6))]  # a whole day absent: one occurrence
    assert cuong.unexcused_absences == 1 and sum(item.criterion_code == "TP1" for item in cuong.items) == 11


def test_lao_dong_tien_tien_for_grade_a_of_the_year(ranking: Ranking) -> None:
    titles = {found.staff.full_name: [title.code for title in eligible_titles(ranking, found)]
              for found in ranking.results}
    assert titles == {"Nguyễn Thị An": ["LĐTT"], "Lê Văn Bình": [], "Phạm Văn Cường": [], "Đỗ Thị Dung": [],
                      "Hoàng Văn Em": []}


def test_the_year_prints(book: Path, tmp_path: Path) -> None:
    with Ward.open(book, read_only=True) as ward:
        for kind in ("ranking", "scorecards"):
            summary = write_report(ward, kind, "2026", tmp_path / f"{kind}.pdf", today=TODAY)
            assert summary.pages >= 1
            assert (tmp_path / f"{kind}.pdf").read_bytes().startswith(b"%PDF")

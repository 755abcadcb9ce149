"""Points chosen by the recorder for a criterion with a range (``points_range``): kept with the event, refused
outside the range, scored as chosen, read from the import's "Điểm" column, shown in the change log; and what a
later plan without the range makes of them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from ward_office.cli import main
from ward_office.core.checks import Event
from ward_office.core.errors import InputFileError
from ward_office.core.period import month
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services import event_log
from ward_office.services.change_log.lookup import Lookup
from ward_office.services.change_log.sentences import describe
from ward_office.services.event_log import EventFilter, EventPointsError
from ward_office.services.imports import import_events
from ward_office.services.ranking import score_records
from ward_office.services.ward import Ward
from ward_office.storage.errors import DatabaseError

ACTOR = "Nguyễn Thị Lan"
TODAY = date(2026, 7, 20)
PLAN = """
[plan]
code = "E3"
name = "Chấm điểm ABC"
version = {version}
effective_from = {start}
base_score = 100

[[blocks]]
code = "CC"
name = "Chấp hành chung"
maximum = 50
all_or_nothing = true

[[blocks.criteria]]
code = "CC1"
name = "Không đeo thẻ"
points = -5

[[blocks.criteria]]
code = "CC2"
name = "Vi phạm nội quy"
{ranged}

[[blocks]]
code = "CM"
name = "Chuyên môn"
maximum = 50

[[blocks.criteria]]
code = "CM1"
name = "Chậm trả văn bản"
points = -2

[[grades]]
code = "A"
name = "Loại A"
min_score = 90

[[grades]]
code = "B"
name = "Loại B"
min_score = 0
"""


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    with Ward.open(tmp_path / "ward.db", actor=ACTOR) as opened:
        opened.store.plans.adopt(PLAN.format(version=1, start="2026-01-01", ranged="points_range = [-50, -25]"),
                                 ACTOR)
        opened.store.staff.add(Staff("CB001", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC),
                               ACTOR)
        yield opened


def an(ward: Ward):
    found = ward.store.staff.by_code("CB001")
    assert found is not None and found.id is not None
    return found.id


def test_the_chosen_points_are_kept_scored_and_logged(ward: Ward, vietnamese) -> None:
    event = event_log.add_event(ward, an(ward), date(2026, 6, 3), "CC2", "Tự ý bỏ vị trí", today=TODAY,
                                points=Fraction("-37.5"))
    assert ward.store.events.get(event.id).points == Fraction(-75, 2)
    (row,) = event_log.list_events(ward, EventFilter(date(2026, 6, 1), date(2026, 6, 30)))
    assert row.points == Fraction(-75, 2)
    # June: 100 − 37.5, and the general block lost whole: 12.5 more.
    (result,) = score_records(ward.store, month(2026, 6), TODAY).ranking.results
    assert [item.points for item in result.items] == [Fraction(-75, 2)]
    assert [clamp.points for clamp in result.clamps] == [Fraction(-25, 2)]
    assert result.score == 50
    line = ward.store.change_log.changes()[-1]
    assert describe(line, Lookup.of(ward)) == (
        "Ghi vi phạm của Nguyễn Văn An ngày 03/06/2026: CC2 — Vi phạm nội quy (chọn -37,5 điểm)")


def test_an_ordinary_event_is_logged_as_before(ward: Ward, vietnamese) -> None:
    event_log.add_event(ward, an(ward), date(2026, 6, 3), "CM1", today=TODAY)
    line = ward.store.change_log.changes()[-1]
    assert "points" not in line.new and "chọn" not in describe(line, Lookup.of(ward))


@pytest.mark.parametrize(("code", "points", "message"), [
    ("CC2", None, "Tiêu chí “CC2” cần ghi số điểm, từ -50 đến -25"),
    ("CC2", "-60", "Điểm của tiêu chí “CC2” phải từ -50 đến -25, theo bước 0,25"),
    ("CC2", "-20", "Điểm của tiêu chí “CC2” phải từ -50 đến -25, theo bước 0,25"),
    ("CC2", "-30.1", "Điểm của tiêu chí “CC2” phải từ -50 đến -25, theo bước 0,25"),
    ("CM1", "-2", "Tiêu chí “CM1” có số điểm cố định; không chọn điểm"),
])
def test_points_that_do_not_fit_are_refused(ward: Ward, vietnamese, code, points, message) -> None:
    with pytest.raises(EventPointsError) as refused:
        event_log.add_event(ward, an(ward), date(2026, 6, 3), code, today=TODAY,
                            points=None if points is None else Fraction(points))
    assert refused.value.localized() == message
    assert ward.store.events.list(date(2026, 6, 1), date(2026, 6, 30)) == []


def test_the_book_refuses_points_off_the_quarter_steps(ward: Ward) -> None:
    for points in (Fraction("-30.1"), Fraction(0)):
        with pytest.raises(DatabaseError, match="CHECK constraint failed: points"):
            ward.store.events.add(Event(an(ward), date(2026, 6, 3), "CC2", points=points), ACTOR)


def test_a_later_plan_with_fixed_points_counts_its_own(ward: Ward) -> None:
    event_log.add_event(ward, an(ward), date(2026, 6, 3), "CC2", today=TODAY, points=Fraction(-45))
    ward.store.plans.adopt(PLAN.format(version=2, start="2026-06-01", ranged="points = -20"), ACTOR)
    (row,) = event_log.list_events(ward, EventFilter(date(2026, 6, 1), date(2026, 6, 30)))
    assert (row.event.points, row.points) == (-45, -20)  # kept on the event; the plan's points count
    (result,) = score_records(ward.store, month(2026, 6), TODAY).ranking.results
    assert [item.points for item in result.items] == [-20]
    assert result.score == 50  # the block is lost all the same: 100 − 20 − 30


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "su-viec.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_import_reads_the_points_column(ward: Ward, tmp_path: Path) -> None:
    file = write(tmp_path, "Ngày,Mã cán bộ,Mã tiêu chí,Điểm\n03/06/2026,CB001,CC2,\"-27,5\"\n"
                           "04/06/2026,CB001,CM1,\n")
    assert import_events(ward, file).added == 2
    events = ward.store.events.list(date(2026, 6, 1), date(2026, 6, 30))
    assert [(event.criterion_code, event.points) for event in events] == [("CC2", Fraction(-55, 2)), ("CM1", None)]


def test_the_import_names_the_line_and_column_of_wrong_points(ward: Ward, tmp_path: Path, vietnamese) -> None:
    file = write(tmp_path, "Ngày,Mã cán bộ,Mã tiêu chí,Điểm\n03/06/2026,CB001,CC2,\n04/06/2026,CB001,CC2,-70\n"
                           "05/06/2026,CB001,CM1,-2\n06/06/2026,CB001,CC2,nhiều\n")
    with pytest.raises(InputFileError) as refused:
        import_events(ward, file)
    lines = [line.removeprefix(f"{tmp_path}{os.sep}") for line in refused.value.localized().splitlines()[1:]]
    assert lines == [
        "su-viec.csv, dòng 2, cột “Điểm”: Tiêu chí “CC2” cần ghi số điểm, từ -50 đến -25",
        "su-viec.csv, dòng 3, cột “Điểm”: Điểm của tiêu chí “CC2” phải từ -50 đến -25, theo bước 0,25",
        "su-viec.csv, dòng 4, cột “Điểm”: Tiêu chí “CM1” có số điểm cố định; không chọn điểm",
        "su-viec.csv, dòng 5, cột “Điểm”: “nhiều” không phải là số điểm",
    ]
    assert ward.store.events.list(date(2026, 6, 1), date(2026, 6, 30)) == []


def test_plan_show_tells_the_range_and_the_all_or_nothing_block(ward: Ward, tmp_path: Path, vietnamese,
                                                                 capsys) -> None:
    ward.close()
    assert main(["plan", "show", "--db", str(tmp_path / "ward.db"), "--on", "2026-06-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Nhóm tiêu chí CC — Chấp hành chung (giữ nguyên 50 điểm nếu không có vi phạm, có vi phạm thì mất cả)" in out
    assert "  CC2  Vi phạm nội quy; điểm chọn từ -50 đến -25 cho từng sự việc" in out

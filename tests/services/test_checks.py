"""Check rounds through the services: violations are checked against the plan and lower the score."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.checks import CheckKind, EventSource
from ward_office.core.errors import WardOfficeError
from ward_office.core.period import month
from ward_office.core.plan import load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.paths import plans_dir
from ward_office.scoring.results import ItemSource
from ward_office.services import checks
from ward_office.services.ward import Ward

DAY = date(2026, 3, 2)
MARCH = month(2026, 3)


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    with Ward.open(tmp_path / "ward.db", actor="Văn thư") as opened:
        yield opened


def add_person(ward: Ward, code: str, **changes: object) -> Staff:
    values: dict[str, object] = {"code": code, "full_name": f"Người {code}", "gender": Gender.FEMALE,
                                 "position": "Chuyên viên", "category": StaffCategory.CONG_CHUC}
    values.update(changes)
    return ward.store.staff.add(Staff(**values), ward.actor)  # type: ignore[arg-type]


def score_of(ward: Ward, person: Staff) -> tuple[Fraction, list[object]]:
    result = next(r for r in ward.score(MARCH, date(2026, 4, 30)).ranking.results if r.staff.id == person.id)
    return result.score, list(result.items)


def test_a_violation_found_in_a_round_lowers_the_score(ward: Ward) -> None:
    person = add_person(ward, "NV1")
    assert person.id is not None
    before, _items = score_of(ward, person)
    check = checks.start_check(ward, datetime(2026, 3, 2, 7, 45, 30, 123), CheckKind.BADGE, "  Tổ kiểm tra ")
    assert check.id is not None and check.started_at == datetime(2026, 3, 2, 7, 45, 30)
    assert check.checker == "Tổ kiểm tra"
    code = checks.suggested_criterion(ward.plan_on(DAY), CheckKind.BADGE)
    event = checks.record_violation(ward, check.id, person.id, code or "", " quên thẻ ")  # type: ignore[arg-type]
    assert (event.day, event.check_id, event.source, event.note) == (DAY, check.id, EventSource.CHECK, "quên thẻ")
    assert event.recorded_by == "Tổ kiểm tra"
    after, items = score_of(ward, person)
    assert after == before + ward.plan_on(DAY).criteria["TP01"].points == before - 2
    found = [item for item in items if item.record_id == event.id]  # type: ignore[attr-defined]
    assert len(found) == 1 and found[0].source is ItemSource.CHECK  # type: ignore[attr-defined]
    assert found[0].criterion_code == "TP01"  # type: ignore[attr-defined]

    assert event.id is not None
    checks.delete_violation(ward, check.id, event.id)
    assert score_of(ward, person)[0] == before


def test_only_violations_of_the_plan_in_effect_may_be_recorded(ward: Ward) -> None:
    person = add_person(ward, "NV1")
    gone = add_person(ward, "NV2", active_to=date(2026, 2, 28))
    check = checks.start_check(ward, datetime(2026, 3, 2, 8), CheckKind.GENERAL, "A")
    assert check.id is not None and person.id is not None and gone.id is not None
    for code in ("DT01", "XX99", ""):  # a commendation, an unknown code, nothing
        with pytest.raises(WardOfficeError, match="not a violation"):
            checks.record_violation(ward, check.id, person.id, code)
    with pytest.raises(WardOfficeError, match="was not working here"):
        checks.record_violation(ward, check.id, gone.id, "TP01")
    assert checks.violations(ward, check.id) == []
    assert checks.get_check(ward, check.id).seen == frozenset()
    assert [p.id for p in checks.check_staff(ward, check)] == [person.id]


def test_rounds_are_listed_newest_first_with_their_counts(ward: Ward) -> None:
    person = add_person(ward, "NV1")
    assert person.id is not None
    first = checks.start_check(ward, datetime(2026, 3, 2, 8), CheckKind.BADGE, "A")
    second = checks.start_check(ward, datetime(2026, 3, 5, 14), CheckKind.CONDUCT, "B", "Bộ phận một cửa")
    assert first.id is not None and second.id is not None
    checks.record_violation(ward, first.id, person.id, "TP01")
    checks.set_seen(ward, second.id, [person.id])
    finished = checks.finish_check(ward, first.id, datetime(2026, 3, 1, 23, 0))
    assert finished.finished_at == first.started_at  # never before it began
    summaries = checks.list_checks(ward)
    assert [(s.check.id, s.seen, s.violations, s.check.is_open) for s in summaries] == [
        (second.id, 1, 0, True), (first.id, 1, 1, False)]
    assert [c.id for c in checks.open_checks(ward)] == [second.id]
    with pytest.raises(WardOfficeError, match="finished"):
        checks.record_violation(ward, first.id, person.id, "TP01")


def test_a_round_needs_a_checker(ward: Ward) -> None:
    with pytest.raises(WardOfficeError, match="who carries out"):
        checks.start_check(ward, datetime(2026, 3, 2, 8), CheckKind.BADGE, "   ")
    assert checks.list_checks(ward) == []


@pytest.mark.parametrize(("plan_file", "kind", "expected"), [
    ("van-hoa-cong-so.toml", CheckKind.BADGE, "TP01"),
    ("van-hoa-cong-so.toml", CheckKind.ATTIRE, "TP02"),
    ("van-hoa-cong-so.toml", CheckKind.CONDUCT, "GT01"),
    ("van-hoa-cong-so.toml", CheckKind.GENERAL, None),
    ("khung-abc-hang-thang.toml", CheckKind.BADGE, "TP1"),
    ("khung-abc-hang-thang.toml", CheckKind.CONDUCT, "UX1"),
])
def test_each_kind_of_round_suggests_its_criterion(plan_file: str, kind: CheckKind, expected: str | None) -> None:
    plan = load_plan((plans_dir() / plan_file).read_text(encoding="utf-8"))
    assert checks.suggested_criterion(plan, kind) == expected
    criteria = checks.violation_criteria(plan)
    assert criteria and all(criterion.points < 0 for criterion in criteria)
    assert not any(criterion.code.startswith(("DT", "TH")) for criterion in criteria)


def test_a_round_agrees_with_attendance_of_its_session(ward: Ward) -> None:
    """2 March 2026 is a winter day: the morning runs 7:30–12:00, the afternoon from 13:30. A round at 9:00
    is a morning round; at 13:30 an afternoon one."""
    at_work, on_leave, absent_pm = (add_person(ward, code) for code in ("NV1", "NV2", "NV3"))
    assert at_work.id is not None and on_leave.id is not None and absent_pm.id is not None
    ward.store.attendance.set(Attendance(on_leave.id, DAY, Session.MORNING, AttendanceStatus.LEAVE,
                                         leave_code=LeaveCode.ANNUAL), ward.actor)
    ward.store.attendance.set(Attendance(absent_pm.id, DAY, Session.AFTERNOON, AttendanceStatus.ABSENT),
                              ward.actor)
    morning = checks.start_check(ward, datetime(2026, 3, 2, 9, 0), CheckKind.BADGE, "A")
    afternoon = checks.start_check(ward, datetime(2026, 3, 2, 13, 30), CheckKind.BADGE, "A")
    assert morning.id is not None and afternoon.id is not None
    assert checks.round_session(ward, morning) is Session.MORNING
    assert checks.round_session(ward, afternoon) is Session.AFTERNOON
    assert set(checks.away_from_round(ward, morning)) == {on_leave.id}
    assert set(checks.away_from_round(ward, afternoon)) == {absent_pm.id}

    everyone = [at_work.id, on_leave.id, absent_pm.id]
    assert checks.tick_all(ward, morning.id, everyone).seen == {at_work.id, absent_pm.id}
    assert checks.tick_all(ward, afternoon.id, everyone).seen == {at_work.id, on_leave.id}

    with pytest.raises(checks.AwayFromRoundError, match="Annual leave") as refused:
        checks.record_violation(ward, morning.id, on_leave.id, "TP01")
    assert "Người NV2" in str(refused.value) and "02/03/2026" in str(refused.value)
    assert checks.violations(ward, morning.id) == []
    checks.record_violation(ward, morning.id, absent_pm.id, "TP01")  # at work that morning: no question
    confirmed = checks.record_violation(ward, morning.id, on_leave.id, "TP01", confirmed=True)
    assert [event.id for event in checks.violations(ward, morning.id)][-1] == confirmed.id
    with pytest.raises(checks.AwayFromRoundError, match="Absent without leave"):
        checks.record_violation(ward, afternoon.id, absent_pm.id, "TP01")

"""Locking a review period keeps its ranking: a plan adopted afterwards changes nothing shown for it, until
the head unlocks it with a reason; only the head may lock or unlock, and lock and kept ranking go together."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from ward_office import cli
from ward_office.core.access import AccessDeniedError, Account, Role
from ward_office.core.change_log import ChangeAction
from ward_office.core.checks import Check, CheckKind, Event
from ward_office.core.errors import PeriodLockedError, WardOfficeError
from ward_office.core.period import half_year, month, parse_period
from ward_office.paths import plans_dir
from ward_office.services import period_locks
from ward_office.services.demo import DEMO_PASSWORD, build_demo
from ward_office.services.period_locks import (
    kept_ranking,
    lock_history,
    lock_period,
    locked_periods,
    period_lock,
    unlock_period,
)
from ward_office.services.presentation import ranking_to_json
from ward_office.services.ranking import score_records
from ward_office.services.ranking_snapshots import SnapshotFormatError, from_json, to_json
from ward_office.services.ward import Ward, in_own_ward

TODAY = date(2026, 11, 20)
H1 = half_year(2026, 1)
HEAD = Account(1, "chutich", "Trần Văn Hùng", Role.HEAD)
CLERK = Account(2, "vanthu", "Lê Thị Mai", Role.CLERK)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("locks") / "demo.db"
    build_demo(path, staff=12, months=12, seed=11, until=TODAY)
    return path


@pytest.fixture
def path(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ward.db"
    shutil.copyfile(template, copy)
    return copy


@pytest.fixture
def ward(path: Path) -> Ward:
    with Ward.open(path, actor="chutich") as opened:
        opened.account = HEAD
        yield opened


def harsher_plan() -> str:
    """The default plan as version 2, with late arrival costing four times as much."""
    text = (plans_dir() / "van-hoa-cong-so.toml").read_text(encoding="utf-8")
    text = text.replace("version = 1", "version = 2", 1)
    late = ('code = "TG01"\nname = "Đi muộn quá thời gian cho phép"\npoints = -2\n'
            'escalation = [{ from = 4, points = -3 }]')
    assert late in text
    return text.replace(late, late.replace("points = -2", "points = -8").replace("points = -3", "points = -9"))


def summary(scored) -> list[tuple[str, str, int, str]]:
    return [(r.staff.code, str(r.score), r.rank, r.grade.code) for r in scored.ranking.results]


def test_a_plan_adopted_after_locking_changes_nothing_shown_for_the_locked_period(ward: Ward) -> None:
    before = ward.score(H1, TODAY)
    lock = lock_period(ward, H1, TODAY)
    assert lock.period == H1 and lock.locked_by == "chutich" and lock.kept_at is not None
    assert kept_ranking(ward, H1) == before  # every item, grade and name kept exactly

    ward.store.plans.adopt(harsher_plan(), "chutich")
    rescored = score_records(ward.store, H1, TODAY)
    assert rescored.ranking.plan.version == 2 and summary(rescored) != summary(before)
    shown = ward.score(H1, TODAY)
    assert shown.ranking == before.ranking and shown.ranking.plan.version == 1
    with Ward.open(ward.path, read_only=True) as other:  # the command line, PDFs and Excel read this
        assert other.score(H1).ranking == before.ranking
    assert ward.score(month(2026, 5), TODAY).ranking.plan.version == 2  # an open period follows the new plan

    unlock_period(ward, H1, "Áp dụng kế hoạch sửa đổi cho 6 tháng đầu năm")
    assert kept_ranking(ward, H1) is None
    assert summary(ward.score(H1, TODAY)) == summary(rescored)


def test_a_locked_period_refuses_new_records_and_an_unlocked_one_takes_them(ward: Ward, council_decides) -> None:
    council_decides(ward, month(2026, 3), TODAY)
    lock_period(ward, month(2026, 3), TODAY)
    person = ward.staff()[0]
    assert person.id is not None
    with pytest.raises(PeriodLockedError):
        ward.store.events.add(Event(person.id, date(2026, 3, 16), "TG05"), ward.actor)
    unlock_period(ward, month(2026, 3), "Bổ sung vi phạm bị sót")
    ward.store.events.add(Event(person.id, date(2026, 3, 16), "TG05"), ward.actor)


def test_only_the_head_locks_and_unlocks(ward: Ward) -> None:
    ward.account = CLERK
    with pytest.raises(AccessDeniedError) as refused:
        lock_period(ward, H1, TODAY)
    assert "Lê Thị Mai" in refused.value.localized()
    assert period_lock(ward, H1) is None and ward.store.snapshots.list() == []

    ward.account = HEAD
    lock_period(ward, H1, TODAY)
    ward.account = CLERK
    with pytest.raises(AccessDeniedError):
        unlock_period(ward, H1, "muốn sửa")
    assert period_lock(ward, H1) is not None


def test_unlocking_needs_a_reason_that_the_change_log_keeps(ward: Ward) -> None:
    lock_period(ward, H1, TODAY)
    for reason in ("", "   "):
        with pytest.raises(WardOfficeError):
            unlock_period(ward, H1, reason)
    assert period_lock(ward, H1) is not None
    unlock_period(ward, H1, "  Sửa sai sót chấm công tháng 3  ")
    entry = ward.store.change_log.list("period")[-1]
    assert entry.action is ChangeAction.UNLOCK and entry.actor == "chutich"
    assert entry.detail["reason"] == "Sửa sai sót chấm công tháng 3"
    history = lock_history(ward)
    assert [(event.locked, event.reason, event.period, event.actor) for event in history[:2]] == [
        (False, "Sửa sai sót chấm công tháng 3", H1, "chutich"), (True, "", H1, "chutich")]
    lines = [line for line in ward.store.change_log.list("period") if line.action is not ChangeAction.INSERT]
    assert [(event.order, event.at) for event in history] == [(line.id, line.at) for line in reversed(lines)]
    with pytest.raises(WardOfficeError, match="not locked"):
        unlock_period(ward, H1, "lần nữa")


def test_relocking_keeps_the_old_ranking_and_adds_a_new_one(ward: Ward) -> None:
    first = lock_period(ward, H1, TODAY)
    unlock_period(ward, H1, "Áp dụng kế hoạch mới")
    ward.store.plans.adopt(harsher_plan(), "chutich")
    assert first.kept_at is not None
    second = lock_period(ward, H1, TODAY)
    record = ward.store.periods.get(H1)
    assert record is not None
    kept = ward.store.snapshots.list(record.id)
    assert len(kept) == 2
    assert [json.loads(snapshot.body)["plan"]["version"] for snapshot in kept] == [1, 2]
    assert second.kept_at == kept[-1].taken_at
    assert ward.score(H1, TODAY).ranking.plan.version == 2


def test_a_period_is_locked_only_once_it_is_over(ward: Ward, council_decides) -> None:
    for period in (half_year(2026, 2), month(2026, 11)):
        with pytest.raises(WardOfficeError, match="not over yet"):
            lock_period(ward, period, TODAY)
    with pytest.raises(WardOfficeError):
        lock_period(ward, month(2026, 11), date(2026, 11, 30))  # its last day: records may still come in
    council_decides(ward, month(2026, 10), TODAY)
    lock_period(ward, month(2026, 10), TODAY)
    with pytest.raises(WardOfficeError, match="already locked"):
        lock_period(ward, month(2026, 10), TODAY)
    assert [lock.period for lock in locked_periods(ward)] == [month(2026, 10)]


def test_an_open_check_round_must_be_finished_before_locking(ward: Ward) -> None:
    started = ward.store.checks.start(Check(datetime(2026, 4, 8, 8, 15), CheckKind.BADGE, "vanthu"), "vanthu")
    with pytest.raises(WardOfficeError, match="not finished") as refused:
        lock_period(ward, H1, TODAY)
    assert "08/04/2026" in refused.value.localized()
    assert period_lock(ward, H1) is None
    assert started.id is not None
    ward.store.checks.finish(started.id, datetime(2026, 4, 8, 9), "vanthu")
    lock_period(ward, H1, TODAY)


def test_lock_and_kept_ranking_are_written_together_or_not_at_all(ward: Ward, monkeypatch) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("scoring failed")

    monkeypatch.setattr(period_locks, "score_records", broken)
    with pytest.raises(RuntimeError):
        lock_period(ward, H1, TODAY)
    assert period_lock(ward, H1) is None and ward.store.snapshots.list() == []
    assert not ward.store.periods.is_locked(date(2026, 3, 2))


def test_a_kept_ranking_of_an_unknown_form_is_refused_not_guessed(ward: Ward) -> None:
    lock_period(ward, H1, TODAY)
    record = ward.store.periods.get(H1)
    assert record is not None
    ward.store.snapshots.add(record.id, {"format": 99, "scored": {}}, "chutich")
    with pytest.raises(SnapshotFormatError, match="form"):
        ward.score(H1, TODAY)


def test_the_kept_form_reads_back_exactly(ward: Ward) -> None:
    scored = ward.score(whole_year_2026 := parse_period("2026"), TODAY)
    data = json.loads(json.dumps(to_json(scored)))
    back = from_json(type(scored), data)
    assert back == scored and ranking_to_json(back) == ranking_to_json(scored)
    assert back.ranking.period == whole_year_2026


def test_a_ranking_kept_before_plans_had_bounds_still_reads(ward: Ward) -> None:
    scored = ward.score(parse_period("2026-05"), TODAY)
    data = json.loads(json.dumps(to_json(scored)))
    plan = dict(data["ranking"]["plan"])
    del plan["maximum"], plan["floor"]
    plan["blocks"] = [{key: value for key, value in block.items() if key not in ("maximum", "floor")}
                      for block in plan["blocks"]]
    older = {**data, "ranking": {**data["ranking"], "plan": plan, "results": [
        {key: value for key, value in result.items() if key != "clamps"} for result in data["ranking"]["results"]]}}
    assert from_json(type(scored), older) == scored


def test_command_line_lock_and_unlock(path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    lock = ["lock", "--db", str(path), "--period", "2026-Q1", "--lang", "vi"]
    assert cli.main(lock) == 1  # the demo book has accounts: who locks?
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", DEMO_PASSWORD)
    assert cli.main([*lock, "--user", "vanthu"]) == 1
    assert "Chỉ lãnh đạo" in capsys.readouterr().err
    assert cli.main([*lock, "--user", "truong"]) == 0
    out = capsys.readouterr().out
    assert "Quý I năm 2026" in out
    assert cli.main([*lock, "--user", "truong"]) == 1
    assert "đã được khóa sổ" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        cli.main(["unlock", "--db", str(path), "--period", "2026-Q1", "--lang", "vi"])  # no --reason
    assert usage.value.code == 2 and "--reason" in capsys.readouterr().err
    assert cli.main(["unlock", "--db", str(path), "--period", "2026-Q1", "--reason", "Sửa chấm công",
                     "--lang", "vi", "--user", "truong"]) == 0
    assert "Quý I năm 2026" in capsys.readouterr().out
    with Ward.open(path, read_only=True) as ward:
        assert period_lock(ward, parse_period("2026-Q1")) is None
        assert ward.store.change_log.list("period")[-1].detail["reason"] == "Sửa chấm công"


def test_excel_and_printed_reports_of_a_locked_period_ignore_a_later_plan(ward: Ward, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from ward_office.services.export import export
    from ward_office.services.printing import write_report

    def cells(kind: str, name: str) -> list[tuple[object, ...]]:
        out = tmp_path / f"{name}.xlsx"
        in_own_ward(ward.path, lambda ward: export(ward, kind, "2026-H1", out, today=TODAY), read_only=True)
        return list(load_workbook(out).active.iter_rows(values_only=True))

    lock_period(ward, H1, TODAY)
    before = {kind: cells(kind, f"{kind}-before") for kind in ("ranking", "items")}
    ward.store.plans.adopt(harsher_plan(), "chutich")
    assert {kind: cells(kind, f"{kind}-after") for kind in ("ranking", "items")} == before
    for kind in ("ranking", "scorecards"):
        with Ward.open(ward.path, read_only=True) as own:
            write_report(own, kind, "2026-H1", tmp_path / f"{kind}.pdf", today=TODAY)
        assert (tmp_path / f"{kind}.pdf").stat().st_size > 1000
    unlock_period(ward, H1, "Áp dụng kế hoạch mới")
    assert cells("ranking", "ranking-unlocked") != before["ranking"]


@pytest.mark.usefixtures("vietnamese")
def test_figures_are_provisional_until_their_period_or_one_holding_it_is_locked(ward: Ward) -> None:
    status = period_locks.figures_status(ward.store, H1, TODAY)
    assert not status.final and status.as_of == TODAY
    assert status.localized() == "Số liệu tạm tính đến ngày 20/11/2026"
    lock_period(ward, H1, TODAY)
    demo_head = ward.store.accounts.get_by_username("chutich")
    who = demo_head.full_name if demo_head else "chutich"
    for period in (H1, month(2026, 3)):  # the half-year itself, and a month inside it
        status = period_locks.figures_status(ward.store, period, TODAY)
        assert status.final and status.locked_by == who
        assert status.localized() == (f"Số liệu chính thức: đã khóa sổ ngày {status.locked_at:%d/%m/%Y}, "
                                      f"người khóa sổ: {who}")
    assert not period_locks.figures_status(ward.store, month(2026, 7), TODAY).final


# ---- The check for tampering rescores locked periods as they were scored at the lock ----


def test_what_the_program_may_change_after_a_lock_is_not_taken_for_tampering(ward: Ward) -> None:
    """A later plan, new working hours and grace minutes, a holiday inside the locked half-year, a renamed
    person moved to another department: the kept ranking still equals the records scored as at the lock."""
    from ward_office.core.schedule import DayKind, Holiday
    from ward_office.services.book_check import verify_store

    lock_period(ward, H1, TODAY)
    ward.store.plans.adopt(harsher_plan(), "chutich")
    schedule = ward.store.schedule.get()
    ward.store.schedule.save(replace(schedule, grace_minutes=schedule.grace_minutes + 25,
                                     work_weekdays=frozenset({0, 1, 2, 3})), "chutich")
    ward.store.schedule.add_holiday(Holiday(date(2026, 3, 10), "Ngày nghỉ thêm", DayKind.HOLIDAY), "chutich")
    person = ward.staff()[0]
    other_department = next(d.id for d in ward.departments() if d.id != person.department_id)
    ward.store.staff.update(replace(person, full_name="Nguyễn Thị Đổi Tên", department_id=other_department), "chutich")
    assert summary(score_records(ward.store, H1, TODAY)) != summary(kept_ranking(ward, H1))  # today's rules differ
    assert verify_store(ward.store).findings == ()


def test_a_locked_period_whose_records_were_changed_is_named_with_its_lock_line(ward: Ward, path: Path) -> None:
    import sqlite3

    from ward_office.services.book_check import verify_store
    from ward_office.storage.tamper import FindingKind

    lock_period(ward, H1, TODAY)
    lock_line = ward.store.change_log.list("period_snapshot")[-1].id
    conn = sqlite3.connect(path)
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'events_locked_delete'").fetchone()[0]
    conn.execute("DROP TRIGGER events_locked_delete")
    conn.execute("DELETE FROM events WHERE day BETWEEN '2026-01-01' AND '2026-06-30'")
    conn.execute(trigger)
    conn.commit()
    conn.close()
    report = verify_store(ward.store)
    assert [finding.kind for finding in report.findings] == [FindingKind.RANKING_CHANGED]
    assert report.findings[0].period == H1 and report.since_line == lock_line

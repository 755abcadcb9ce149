"""The benchmark suite keeps working: the generator writes a book the app accepts, the same for the same
parameters and cached under a key; the whole suite on tiny sizes (``run.py --quick``, about half a minute on
a busy 2-core machine) runs when WARD_OFFICE_BENCHMARKS=1 is set."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ward_office.core.checks import EventSource
from ward_office.core.period import parse_period
from ward_office.services.ranking import score_records
from ward_office.storage import Store, check_integrity

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import generate  # noqa: E402 - a script folder, put on the path above

SMALL = generate.WardSize(staff=14, years=2)


def _rows(path: Path) -> dict[str, list[tuple]]:
    with Store.open(path, read_only=True) as store:
        conn = store.db.conn
        return {
            "staff": conn.execute("SELECT code, full_name, active_from, active_to FROM staff ORDER BY id").fetchall(),
            "attendance": conn.execute("SELECT staff_id, day, session, status, late_minutes, early_minutes,"
                                       " leave_code, missing_punch, source FROM attendance ORDER BY id").fetchall(),
            "checks": conn.execute("SELECT id, started_at, kind, finished_at FROM checks ORDER BY id").fetchall(),
            "seen": conn.execute("SELECT check_id, staff_id FROM check_seen ORDER BY 1, 2").fetchall(),
            "events": conn.execute("SELECT staff_id, day, criterion_code, check_id, source FROM events"
                                   " ORDER BY id").fetchall(),
        }


def test_the_generated_book_is_one_the_app_accepts_and_the_same_every_time(tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    counts = generate.build(first, SMALL)
    generate.build(second, SMALL)
    assert _rows(first) == _rows(second)
    assert check_integrity(first) == []
    rows = _rows(first)
    assert counts["staff"] == len(rows["staff"]) == SMALL.staff
    assert counts["attendance"] == len(rows["attendance"]) > 100
    assert counts["events"] == len(rows["events"]) > 0
    assert all(finished == started for _id, started, _kind, finished in rows["checks"])  # finished, as add() does
    check_ids = {row[0] for row in rows["checks"]}
    assert {row[3] for row in rows["events"] if row[4] == EventSource.CHECK.value} <= check_ids
    with Store.open(first, read_only=True) as store:
        record, _plan = store.plans.in_effect(SMALL.start)  # a plan from the first day of the book
        assert record.effective_from == SMALL.start
        assert {period.period for period in store.periods.list()} >= {parse_period("2025"), parse_period("2026-H2")}
        assert store.schedule.holidays(2025)
        logged = store.db.conn.execute("SELECT DISTINCT entity FROM change_log WHERE action = 'import'").fetchall()
        assert {"attendance", "check", "check_seen", "event"} <= {entity for (entity,) in logged}
        ranking = score_records(store, parse_period("2026"), date(2026, 12, 31)).ranking
        assert len(ranking.results) == SMALL.staff
        assert any(result.items for result in ranking.results)


def test_a_cached_book_is_built_once_per_key(tmp_path: Path) -> None:
    size = generate.WardSize(staff=12, years=1)
    path = generate.cached_ward(size, tmp_path)
    built = path.stat().st_mtime_ns
    assert generate.cached_ward(size, tmp_path) == path
    assert path.stat().st_mtime_ns == built
    assert path.name == f"{generate.cache_key(size)}.db"
    assert [file.name for file in tmp_path.iterdir()] == [path.name]  # no -wal, -shm or lock left behind
    other = generate.cached_ward(generate.WardSize(staff=12, years=1, seed=7), tmp_path)
    assert other != path


@pytest.mark.skipif(os.environ.get("WARD_OFFICE_BENCHMARKS") != "1",
                    reason="the quick benchmark run takes about half a minute; set WARD_OFFICE_BENCHMARKS=1")
def test_the_quick_suite_prints_every_figure() -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment.pop("DISPLAY", None)
    output = subprocess.run([sys.executable, str(BENCHMARKS / "run.py"), "--quick"], capture_output=True, text=True,
                            check=True, env=environment, timeout=300).stdout
    table = [line for line in output.splitlines() if line.startswith("| ") and not line.startswith("| What")]
    for what in ("Cold start", "Generated book", "Scoring 2026-H1", "Scoring 2026 ", "Events page",
                 "Ranking summary PDF", "Scorecards PDF", "Clock import", "A ward's month-end"):
        assert any(line.startswith(f"| {what}") for line in table), what
    assert sum("× (" in line for line in table) >= 6  # every ratio with its target verdict
    assert "SEARCH attendance USING" in output
